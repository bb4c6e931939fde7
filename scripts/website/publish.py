"""Build the static site with MkDocs Material and its Pagefind search index, replacing the last good site only on success.

Input: the generated tree `build/docs/` (pages.py), `mkdocs.yml` and the theme overrides in `overrides/`.
Output: `build/site/`, with the search index in `build/site/pagefind/` (one index per `<html lang>`,
so each language edition gets its own), `robots.txt` naming the sitemap, and the project's own scripts and
stylesheets under names that carry their content's hash (fingerprint_assets). MkDocs builds into `build/site.partial/` and Pagefind indexes
that folder; only when both succeed is the old site swapped out, so a failure in either leaves the
previous `build/site/` untouched.
"""
from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from curated import paths
from website import search_text


# Only the article is indexed: the header, navigation and footer repeat on every page and would
# make every page match every query. Heading permalink anchors ("¶") are not words.
SEARCH_ROOT = "article.md-content__inner"
SEARCH_EXCLUDE = ".headerlink"
SEARCH_FOLDER = "pagefind"


class SearchIndexFailed(RuntimeError):
    """Pagefind exited with an error or indexed no page."""


def build_search_index(site: Path, output: Path) -> dict:
    """Index the HTML pages of `site` with Pagefind (the extended build, which segments Chinese), as
    search_text.cut_page writes them (a copy in a temporary folder: the Chinese text in the browser's words).

    Input: a built site folder; output: the folder the search bundle is written to
    (`site/pagefind` for the published site). Returns {"seconds", "pages", "languages"}:
    the wall time of the indexing and the pages indexed per language.
    Raises SearchIndexFailed naming the site when Pagefind fails or finds no page.
    """
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="indexed-") as scratch:
        search_text.indexed_copy(site, Path(scratch))
        result = subprocess.run(
            [sys.executable, "-m", "pagefind", "--site", scratch, "--output-path", str(output.resolve()),
             "--root-selector", SEARCH_ROOT, "--exclude-selectors", SEARCH_EXCLUDE, "--quiet"],
            capture_output=True, text=True)
    seconds = time.perf_counter() - started
    if result.returncode != 0:
        raise SearchIndexFailed(f"pagefind failed on {paths.display(site)}: "
                                f"{(result.stderr or result.stdout).strip()}")
    entry = output / "pagefind-entry.json"
    languages = sort_languages(entry) if entry.exists() else {}
    pages = {language: index["page_count"] for language, index in languages.items()}
    if not sum(pages.values()):
        raise SearchIndexFailed(f"pagefind indexed no page of {paths.display(site)} "
                                f"(no element matches {SEARCH_ROOT!r}?)")
    return {"seconds": seconds, "pages": pages, "languages": sorted(pages)}


def sort_languages(entry: Path) -> dict:
    """Pagefind lists the languages of its entry file in a random order; sorted, two builds of one
    site are byte-identical. Rewrites the file; returns its languages."""
    metadata = json.loads(entry.read_text(encoding="utf-8"))
    metadata["languages"] = dict(sorted(metadata["languages"].items()))
    entry.write_text(json.dumps(metadata, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    return metadata["languages"]


def run_mkdocs(partial: Path) -> int:
    """`mkdocs build --strict` of the generated pages into `partial`; returns its exit code."""
    env = dict(os.environ, BUILD_DIR=str(paths.BUILD), DOCS_DIR=str(paths.PAGES_OUT), SITE_DIR=str(partial),
               NO_MKDOCS_2_WARNING="1", DISABLE_MKDOCS_2_WARNING="true")
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict",
                           "--config-file", str(paths.ROOT / "mkdocs.yml")], cwd=paths.ROOT, env=env).returncode


SITEMAP, PAGES_SITEMAP = "sitemap.xml", "sitemap-pages.xml"
SITEMAP_INDEX = ('<?xml version="1.0" encoding="UTF-8"?>\n'
                 '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
                 '<sitemap><loc>{loc}</loc></sitemap>\n</sitemapindex>\n')


def index_sitemap(site: Path) -> None:
    """MkDocs' sitemap (every page with its hreflang alternates) moves to sitemap-pages.xml, and
    sitemap.xml becomes a sitemap index pointing at it. Why: Material's language switch fetches the
    sitemap.xml beside every hreflang alternate on a first visit, and the full sitemap grows with the
    data (2.7 MB at 10×); the index stays a few hundred bytes for readers, search engines follow it."""
    for suffix in ("", ".gz"):
        source = site / (SITEMAP + suffix)
        if source.exists():
            source.replace(site / (PAGES_SITEMAP + suffix))
    (site / SITEMAP).write_text(SITEMAP_INDEX.format(loc=paths.SITE_URL.rstrip("/") + "/" + PAGES_SITEMAP),
                                encoding="utf-8")


ROBOTS = "User-agent: *\nAllow: /\n\nSitemap: {sitemap}\n"


def write_robots(site: Path) -> None:
    """robots.txt: every page may be crawled; the sitemap index is named."""
    (site / "robots.txt").write_text(ROBOTS.format(sitemap=paths.SITE_URL.rstrip("/") + "/" + SITEMAP), encoding="utf-8")


# The project's own scripts and stylesheets (docs/javascripts, docs/stylesheets), as MkDocs copies them.
OWN_ASSETS = (("javascripts", ".js"), ("stylesheets", ".css"))


def fingerprint_assets(site: Path, own: Path = paths.DOCS) -> dict[str, str]:
    """Each of the project's scripts and stylesheets is renamed `<name>.<hash>.<ext>` (the first 10 hex
    digits of its content's sha256), and every page's reference to it follows, so a server may let
    browsers keep them for a year: a changed file is a new address. Returns {old path: new path}."""
    renamed = {}
    for folder, suffix in OWN_ASSETS:
        for source in sorted((own / folder).glob(f"*{suffix}")):
            built = site / folder / source.name
            digest = hashlib.sha256(built.read_bytes()).hexdigest()[:10]
            built.replace(built.with_name(f"{built.stem}.{digest}{suffix}"))
            renamed[f"{folder}/{source.name}"] = f"{folder}/{built.stem}.{digest}{suffix}"
    if not renamed:
        return renamed
    reference = re.compile(r'(?<=["/])(' + "|".join(map(re.escape, renamed)) + r')(?=["?#])')
    for page in site.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        changed = reference.sub(lambda match: renamed[match[1]], text)
        if changed != text:
            page.write_text(changed, encoding="utf-8")
    return renamed


LOCAL_NOTICE = ("site: SITE_URL is not set, so permalinks, citations and the sitemap point at the local address "
                "{url}; set SITE_URL to the published address (CI does)")


def swap_in(partial: Path) -> None:
    """Replace build/site with the finished `partial` folder."""
    previous = paths.SITE_OUT.with_name("site.previous")
    shutil.rmtree(previous, ignore_errors=True)
    if paths.SITE_OUT.exists():
        paths.SITE_OUT.replace(previous)
    partial.replace(paths.SITE_OUT)
    shutil.rmtree(previous, ignore_errors=True)


def build_site() -> int:
    """The site step: mkdocs, then the search index, then the swap. Returns a process exit code."""
    partial = paths.SITE_OUT.with_name("site.partial")
    shutil.rmtree(partial, ignore_errors=True)
    code = run_mkdocs(partial)
    if code != 0:
        shutil.rmtree(partial, ignore_errors=True)
        print("site: mkdocs build failed; the previous build/site is unchanged", file=sys.stderr)
        return code
    index_sitemap(partial)
    write_robots(partial)
    fingerprint_assets(partial)
    try:
        index = build_search_index(partial, partial / SEARCH_FOLDER)
    except SearchIndexFailed as error:
        shutil.rmtree(partial, ignore_errors=True)
        print(f"site: {error}; the previous build/site is unchanged", file=sys.stderr)
        return 1
    swap_in(partial)
    counts = ", ".join(f"{language}: {count}" for language, count in sorted(index["pages"].items()))
    print(f"site: built {paths.display(paths.SITE_OUT)}; search index of {counts} pages in {index['seconds']:.1f} s")
    if not os.environ.get("SITE_URL"):
        print(LOCAL_NOTICE.format(url=paths.SITE_URL))
    return 0
