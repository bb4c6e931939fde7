"""Every internal link and resource in the built site resolves, and every #fragment exists on its target.

No browser: each HTML file in site_dir is parsed; every href and src that stays on the site is resolved
the way a browser resolves it against the page's own URL, then looked up in site_dir (a directory URL
means its index.html). A fragment must be the id (or <a name>) of an element on the target page.
"""
from __future__ import annotations

import os
from functools import lru_cache
from html.parser import HTMLParser
from pathlib import Path

import pytest

pytestmark = pytest.mark.site
from urllib.parse import unquote, urljoin, urlparse

# mkdocs.yml's default site_url: canonical links point there when SITE_URL is not set.
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000/")
LINK_ATTRIBUTES = {("a", "href"), ("area", "href"), ("link", "href"), ("img", "src"), ("script", "src"),
                   ("source", "src"), ("iframe", "src"), ("video", "src"), ("audio", "src"), ("embed", "src"),
                   ("object", "data"), ("form", "action")}
ORIGIN = "http://site.invalid"  # a stand-in origin to resolve relative URLs against


class PageParser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[tuple[str, str, str]] = []  # (tag, attribute, url)
        self.base: str | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if attrs.get("id"):
            self.ids.add(attrs["id"])
        if tag == "a" and attrs.get("name"):
            self.ids.add(attrs["name"])
        if tag == "base" and attrs.get("href"):
            self.base = attrs["href"]
        for attribute in ("href", "src", "data", "action"):
            if (tag, attribute) in LINK_ATTRIBUTES and attrs.get(attribute) is not None:
                self.links.append((tag, attribute, attrs[attribute]))

    handle_startendtag = handle_starttag


@lru_cache(maxsize=None)
def parse(path: Path) -> PageParser:
    parser = PageParser()
    parser.feed(path.read_text(encoding="utf-8"))
    parser.close()
    return parser


def page_url(site_dir: Path, html: Path) -> str:
    """The URL the file is served at: a folder's index.html is served as the folder."""
    relative = html.relative_to(site_dir).as_posix()
    if relative == "index.html":
        relative = ""
    elif relative.endswith("/index.html"):
        relative = relative[: -len("index.html")]
    return f"{ORIGIN}/{relative}"


def internal_path(url: str, base: str) -> tuple[str, str] | None:
    """(path below the site root, fragment) for a URL on this site, None for any other."""
    if url.startswith(SITE_URL):
        url = "/" + url[len(SITE_URL):]
    resolved = urlparse(urljoin(base, url))
    if f"{resolved.scheme}://{resolved.netloc}" != ORIGIN:
        return None  # another host, mailto:, javascript:, data:
    return unquote(resolved.path).lstrip("/"), unquote(resolved.fragment)


def target_file(site_dir: Path, path: str) -> Path | None:
    candidate = site_dir / path
    if path == "" or path.endswith("/") or candidate.is_dir():
        candidate = candidate / "index.html"
    return candidate if candidate.is_file() else None


def test_site_has_pages(site_dir):
    pages = list(site_dir.rglob("*.html"))
    assert len(pages) > 50, f"only {len(pages)} HTML files in {site_dir}"
    assert (site_dir / "index.html").is_file()


def test_every_internal_link_and_fragment_resolves(site_dir):
    failures, checked = [], 0
    for html in sorted(site_dir.rglob("*.html")):
        page = parse(html)
        base = urljoin(page_url(site_dir, html), page.base) if page.base else page_url(site_dir, html)
        if html.name == "404.html":
            base = f"{ORIGIN}/"  # served for any missing path: its links are root-relative
        for tag, attribute, url in page.links:
            if not url.strip():
                failures.append(f"{html.relative_to(site_dir)}: empty <{tag} {attribute}>")
                continue
            internal = internal_path(url.strip(), base)
            if internal is None:
                continue
            checked += 1
            path, fragment = internal
            target = target_file(site_dir, path)
            where = f"{html.relative_to(site_dir)}: <{tag} {attribute}={url!r}>"
            if target is None:
                failures.append(f"{where} → {path or '/'} does not exist")
            elif fragment and target.suffix == ".html" and fragment not in parse(target).ids:
                failures.append(f"{where} → no id {fragment!r} in {target.relative_to(site_dir)}")
    assert checked > 1000, f"only {checked} internal links checked: is the parser finding them?"
    assert not failures, f"{len(failures)} broken internal links:\n" + "\n".join(failures[:200])
