"""Pages that do not grow with the data (issue 14): no page over 200 KB, the long indexes
(entities, policies, organisations) cut by city once they pass their threshold, each part linked
from its index and every policy and organisation reached at its part; a source document's figures
cut into parts in reading order, and the quality page's long lists moved to pages of their own."""
from __future__ import annotations

import re

import duckdb
import pytest

import index_parts
import page_parts
import render
import urls
from families import indexes, quality, source
from site_data import SiteData, load_tables
from test_links import internal_path, page_url, parse

pytestmark = pytest.mark.site
LIMIT = 200_000
# What MkDocs adds to a generated page's Markdown (theme, navigation, head): the tests below that render
# pages without MkDocs hold their Markdown to LIMIT - FRAME; test_the_frame_mkdocs_adds_is_within_frame
# measures it on the built site.
FRAME = 40_000
SPLIT = ("entities", "policies", "organizations")


def test_no_page_is_over_200_kb(site_dir):
    large = {p.relative_to(site_dir).as_posix(): p.stat().st_size for p in site_dir.rglob("*.html")
             if p.stat().st_size > LIMIT}
    assert large == {}


@pytest.mark.parametrize("lang", urls.LANGUAGES)
def test_the_frame_mkdocs_adds_is_within_frame(build_dir, tables, lang):
    """The HTML of each source page and of the quality page, less its Markdown, is at most FRAME."""
    pages = [urls.section("quality", lang)] + [urls.source(s["id"], lang) for s in tables["sources"]]
    for page in pages:
        html = (build_dir / "site" / urls.markdown_file(page)).with_name("index.html").stat().st_size
        markdown = (build_dir / "docs" / urls.docs_file(page, lang)).stat().st_size
        assert 0 < html - markdown <= FRAME, (page, html, markdown)


@pytest.mark.parametrize("lang", urls.LANGUAGES)
def test_each_part_of_a_split_index_is_linked_from_its_index(site_dir, lang):
    for name in SPLIT:
        index = site_dir / urls.section(name, lang) / "index.html"
        linked = {internal_path(href, page_url(site_dir, index))[0]
                  for tag, _, href in parse(index).links if tag == "a" and internal_path(href, page_url(site_dir, index))}
        parts = {p.parent.relative_to(site_dir).as_posix() + "/"
                 for p in (site_dir / urls.section(name, lang) / "by-city").glob("*/index.html")}
        assert parts <= linked, f"{name}: parts not linked from {index}"


@pytest.fixture(scope="module")
def tables(build_dir):
    with duckdb.connect(str(build_dir / "data" / "zones.duckdb"), read_only=True) as con:
        return load_tables(con)


@pytest.mark.parametrize("lang", urls.LANGUAGES)
def test_past_the_threshold_the_real_indexes_are_cut_by_city_and_every_row_is_on_its_part(tables, lang, tmp_path,
                                                                                          monkeypatch):
    """The real data with thresholds low enough to split every index: the index page links each part,
    each policy, organisation and task is on the part page its address names, and nothing is lost."""
    monkeypatch.setattr(index_parts, "THRESHOLDS", {name: 5 for name in SPLIT})
    data = SiteData(tables, lang)
    writer = render.Writer(tmp_path, data)
    written = {}
    for page in indexes.pages(data):
        writer.write(page)
        written[page.url] = (tmp_path / urls.docs_file(page.url, lang)).read_text(encoding="utf-8")
    for name in SPLIT:
        parts = data.index_parts[name]
        assert parts and len(parts) > 1, name
        listing = written[urls.section(name, lang)]
        for part in parts:
            part_url = urls.section_part(name, part, lang)
            assert f'href="{urls.relative(part_url, urls.section(name, lang))}"' in listing, (name, part)
            assert part_url in written
    for table, address in (("policies", data.policy_url), ("organizations", data.organization_url),
                           ("tasks", data.organization_url)):
        for row in tables[table]:
            page, anchor = address(row["id"]).split("#")
            assert page != urls.section(table if table != "tasks" else "organizations", lang)
            assert f'id="{anchor}"' in written[page], (table, row["id"], page)
    shown = [e["id"] for e in tables["entities"] if e["kind"] != "zone"]
    on_parts = [row for part in data.index_parts["entities"].values() for row in part]
    assert sorted(on_parts) == sorted(shown)


def rendered(tmp_path, data, family) -> dict[str, str]:
    """The Markdown of each page a family yields for data, by page address."""
    writer, written = render.Writer(tmp_path / data.lang, data), {}
    for page in family.pages(data):
        writer.write(page)
        written[page.url] = (tmp_path / data.lang / urls.docs_file(page.url, data.lang)).read_text(encoding="utf-8")
    return written


def heaviest_figure(data: SiteData) -> dict:
    """The figure whose quote, translation and note are longest: the heaviest card of a source page."""
    return max(data.figures, key=lambda f: len((f["quote"] + f["quote_translation"] + f["note"]).encode()))


def with_long_document(tables: dict, figures: int) -> tuple[dict, str]:
    """The tables with one more source: a document of `figures` copies of the real data's heaviest figure
    (by the English page, the heavier edition), numbered in reading order."""
    model = heaviest_figure(SiteData(tables, "en"))
    source_row = dict(tables["sources"][0], id="long-document")
    copies = [dict({k: v for k, v in model.items() if k in tables["figures"][0]}, source_id="long-document",
                   observation_id=f"long-document-{n:04d}") for n in range(1, figures + 1)]
    return dict(tables, sources=tables["sources"] + [source_row], figures=tables["figures"] + copies), "long-document"


@pytest.mark.parametrize("lang", urls.LANGUAGES)
def test_a_long_document_is_cut_into_parts_in_reading_order_each_under_the_limit(tables, lang, tmp_path):
    """A document of 3½ pages' worth of the heaviest real figure: every page of it is under the limit,
    the first page links every part, each figure is on exactly one part in reading order, and its
    address on its source (the link from zone, indicator and quality pages) names the page it is on."""
    grown, source_id = with_long_document(tables, page_parts.FIGURES_PER_SOURCE_PART * 7 // 2)
    data = SiteData(grown, lang)
    written = rendered(tmp_path, data, source)
    pages = [url for url in written if url.startswith(urls.source(source_id, lang))]
    assert len(pages) == 4
    first = written[urls.source(source_id, lang)]
    for url in pages:
        assert len(written[url].encode()) <= LIMIT - FRAME, (url, len(written[url].encode()))
        if url != urls.source(source_id, lang):
            assert f'href="{urls.relative(url, urls.source(source_id, lang))}"' in first, url
    shown = [anchor for url in pages for anchor in re.findall(r'<div class="figure[^"]*" id="([^"]+)"', written[url])]
    assert shown == [f["observation_id"] for f in data.figures_by_source[source_id]]
    for f in data.figures_by_source[source_id]:
        page, anchor = f["source_figure_url"].split("#")
        assert f'id="{anchor}"' in written[page], (f["observation_id"], page)


def with_more_quality_rows(tables: dict, times: int) -> dict:
    """The tables with `times` as many consistency checks, doubtful figures, sources with an inferred
    date and per-source coverage rows (the copies' ids numbered), as more data would bring."""
    suspect = [dict(f, flag="suspect", observation_id=f"{f['observation_id']}-x{n}")
               for n in range(times) for f in tables["figures"][:3]]
    sources = [dict(s, id=f"{s['id']}-x{n}", published_inferred=True) for n in range(times) for s in tables["sources"]]
    coverage = [dict(c, source_id=f"{c['source_id']}-x{n}") for n in range(times) for c in tables["figures_by_source_category"]]
    checks = [dict(c) for _ in range(times) for c in tables["consistency_checks"]]
    return dict(tables, figures=tables["figures"] + suspect, sources=tables["sources"] + sources,
                figures_by_source_category=coverage, consistency_checks=checks)


@pytest.mark.parametrize("lang", urls.LANGUAGES)
def test_the_quality_page_does_not_grow_with_the_data_and_its_lists_are_linked(tables, lang, tmp_path):
    """With 30 and with 60 times the checks, doubtful figures, inferred dates and coverage rows, every
    quality page is under the limit, the quality page itself grows only by the links to its lists'
    parts, and every row of each list is on one of the parts it links."""
    sizes = {}
    for times in (30, 60):
        data = SiteData(with_more_quality_rows(tables, times), lang)
        written = rendered(tmp_path / str(times), data, quality)
        main = written[urls.section("quality", lang)]
        sizes[times] = len(main.encode())
        for url, text in written.items():
            assert len(text.encode()) <= LIMIT - FRAME, (times, url, len(text.encode()))
        lists = quality.quality_lists(data)
        for name, rows in lists.items():
            parts = [url for url in written if url.startswith(urls.quality_list(name, 1, lang))]
            assert len(parts) > 1, name
            for url in parts:
                assert f'href="{urls.relative(url, urls.section("quality", lang))}"' in main, url
        doubtful = "".join(written[url] for url in written if url.startswith(urls.quality_list("doubtful", 1, lang)))
        assert all(f'id="{f["observation_id"]}"' in doubtful for f in lists["doubtful"])
    assert sizes[60] - sizes[30] < 2_000, sizes
