"""Generate the site's Markdown pages: every page of every page family, its CSV and its charts.

Inputs: `build/data/zones.duckdb` (aggregate.py), `build/data/` (export.py), the page families
in `scripts/website/families/` (REGISTRY), the templates in `templates/` and the hand-written pages in `docs/`.
Output: `build/docs/`, the MkDocs source tree with one folder per edition (zh/, en/: the layout of
mkdocs-static-i18n) — docs/ copied, then each family's pages in each language with their per-page
CSVs and charts, the published data files beside the Chinese downloads page — and `build/nav.json`,
each edition's navigation ({"zh": [...], "en": [...]}) that website/mkdocs_hooks.py gives MkDocs. The tree is written beside
the old one and swapped in only when every page has been written.
"""
from __future__ import annotations

import dataclasses
import json
import shutil
import sys

import duckdb

from curated import paths
from charts import render as chart_render
from models.export import PUBLISHED_DATABASE
from website import render
from website import urls
from website.families import REGISTRY
from website.site_data import SiteData, load_tables


# Hand-written pages (docs/<lang>/…), one per edition, and their navigation section.
HAND_WRITTEN_SECTIONS = {"about": "about.md"}


def build(data: SiteData, writer: render.Writer) -> tuple[list[dict], list]:
    """Write every page of every family in data's language; returns the navigation sections in
    registry order (files relative to the docs tree) and the chart jobs, rendered later in one batch."""
    nav, jobs = [], []
    for family in REGISTRY:
        for page in family.pages(data):
            writer.write(page)
            jobs.extend(dataclasses.replace(chart, folder=writer.folder(page.url)) for chart in page.charts)
            if page.nav_section:
                nav.append({"section": page.nav_section, "file": urls.docs_file(page.url, data.lang)})
    nav += [{"section": s, "file": f"{data.lang}/{f}"} for s, f in HAND_WRITTEN_SECTIONS.items()]
    return [dict(n, title=data.label("nav.section", n["section"], data.lang)) for n in nav], jobs


def copy_downloads(target) -> None:
    """The published files (export.py) beside the downloads page."""
    target.mkdir(parents=True, exist_ok=True)
    for entry in json.loads((paths.DATA_OUT / "downloads.json").read_text(encoding="utf-8")):
        source = PUBLISHED_DATABASE if entry["table"] == "database" else paths.DATA_OUT / entry["file"]
        shutil.copyfile(source, target / entry["file"])


def main() -> int:
    out = paths.PAGES_OUT
    partial = out.with_name(out.name + ".partial")
    shutil.rmtree(partial, ignore_errors=True)
    shutil.copytree(paths.DOCS, partial)
    with duckdb.connect(str(paths.DATABASE), read_only=True) as con:
        tables = load_tables(con)
    nav, jobs, written, csv_files = {}, [], 0, 0
    for lang in urls.LANGUAGES:
        writer = render.Writer(partial, SiteData(tables, lang))
        nav[lang], lang_jobs = build(writer.data, writer)
        jobs += lang_jobs
        written, csv_files = written + writer.pages, csv_files + len(writer.csv_files)
    chart_render.write_charts(jobs)
    copy_downloads(partial / urls.docs_file(urls.section("data")).removesuffix("index.md"))
    shutil.rmtree(out, ignore_errors=True)
    partial.replace(out)
    paths.NAV.write_text(json.dumps(nav, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"pages: {written} pages in {len(urls.LANGUAGES)} editions, {csv_files} CSV files")
    return 0
