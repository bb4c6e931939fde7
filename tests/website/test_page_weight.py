"""Pages that do not grow with the data (issue 14): no page over 200 KB; the long indexes cut once
they pass their threshold, each part linked from its index: zones, entities, policies and organisations
by city (every policy and organisation reached at its part, each city's zones compared among
themselves), indicators by category and in numbered pages; a source document's figures cut into parts
in reading order, and the quality page's long lists moved to pages of their own; no part grows with
the data."""
from __future__ import annotations

import re

import duckdb
import pytest


from conftest import run_pipeline
from test_links import internal_path, page_url, parse

from website import index_parts
from website import page_parts
from website import render
from website import urls
from website.families import indexes, quality, source
from website.site_data import SiteData, load_tables
from benchmarks import synthetic
from models import geo

pytestmark = pytest.mark.site
LIMIT = 200_000
# What MkDocs adds to a generated page's Markdown (theme, navigation, head): the tests below that render
# pages without MkDocs hold their Markdown to LIMIT - FRAME; test_the_frame_mkdocs_adds_is_within_frame
# measures it on the built site.
FRAME = 40_000
SPLIT = ("entities", "policies", "organizations")
ALL_SPLIT = SPLIT + ("zones", "indicators")


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
    for name in ALL_SPLIT:
        index = site_dir / urls.section(name, lang) / "index.html"
        parts = {p.parent.relative_to(site_dir).as_posix() + "/"
                 for p in (site_dir / urls.section_part(name, "*", lang)).parent.glob("*/index.html")}
        assert parts <= links_of(site_dir, index), f"{name}: parts not linked from {index}"
        for part in parts:  # a part paged in numbers links each of its pages
            pages = {p.parent.relative_to(site_dir).as_posix() + "/" for p in (site_dir / part).glob("*/index.html")}
            assert pages <= links_of(site_dir, site_dir / part / "index.html"), f"{part}: pages not linked"


def links_of(site_dir, page) -> set[str]:
    """The site pages a built page links to."""
    here = page_url(site_dir, page)
    return {internal_path(href, here)[0] for tag, _, href in parse(page).links if tag == "a" and internal_path(href, here)}


@pytest.fixture(scope="module")
def tables(build_dir):
    """The session build's tables; while they are in use, the pages rendered here read the boundaries the
    geo step derived into that build (not into the developer's build/, which a fresh clone lacks)."""
    with pytest.MonkeyPatch.context() as patch:
        for name in ("BOUNDARIES", "LOCATIONS"):
            patch.setattr(geo, name, build_dir / "geo" / getattr(geo, name).name)
        with duckdb.connect(str(build_dir / "data" / "zones.duckdb"), read_only=True) as con:
            loaded = load_tables(con)
        yield loaded


@pytest.mark.parametrize("lang", urls.LANGUAGES)
def test_past_the_threshold_the_real_indexes_are_cut_by_city_and_every_row_is_on_its_part(tables, lang, tmp_path,
                                                                                          monkeypatch):
    """The real data with thresholds low enough to split every index: the index page links each part,
    each policy, organisation and task is on the part page its address names, and nothing is lost."""
    for name in SPLIT:
        monkeypatch.setitem(index_parts.THRESHOLDS, name, 5)
    data, written = render_indexes(tables, lang, tmp_path)
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
    return dict(tables, sources=tables["sources"] + [source_row], figures=tables["figures"] + copies,
                figure_uses=tables["figure_uses"] + uses_of(tables, copies, model["observation_id"])), "long-document"


def uses_of(tables: dict, copies: list[dict], model_id: str | None = None) -> list[dict]:
    """The figure_uses rows of copied figures: each as its model's (model_id, or the id before "-x")."""
    uses = {u["observation_id"]: u for u in tables["figure_uses"]}
    return [dict(uses[model_id or c["observation_id"].rsplit("-x", 1)[0]], observation_id=c["observation_id"])
            for c in copies]


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
                figure_uses=tables["figure_uses"] + uses_of(tables, suspect),
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


def render_indexes(tables, lang, folder) -> tuple[SiteData, dict[str, str]]:
    """The index pages of the tables in one edition, written into folder: (SiteData, {page url: Markdown})."""
    data = SiteData(tables, lang)
    return data, rendered(folder, data, indexes)


def compared_within(data: SiteData, zone_ids: set[str]) -> set[str]:
    """The comparison rule computed afresh from the figures, as the test's own account of it: the
    comparable keys that at least three of these zones report (each zone's figure without industry,
    subject or restatement)."""
    reporting: dict[str, set[str]] = {}
    for f in data.figures:
        if f["entity_id"] in zone_ids and not (f["industry_id"] or f["subject_zh"] or f["restates"]):
            reporting.setdefault(f["comparable_key"], set()).add(f["entity_id"])
    return {key for key, zones in reporting.items() if len(zones) >= 3}


def rows_of(markdown: str) -> int:
    """The number of rows of a page's table."""
    return markdown.split("<tbody>", 1)[1].split("</tbody>", 1)[0].count("<tr>")


@pytest.mark.parametrize("lang", urls.LANGUAGES)
def test_past_the_threshold_the_zones_are_cut_by_city_and_each_part_compares_its_own_zones(tables, lang, tmp_path,
                                                                                          monkeypatch):
    monkeypatch.setitem(index_parts.THRESHOLDS, "zones", 5)
    data, written = render_indexes(tables, lang, tmp_path)
    parts = data.index_parts["zones"]
    assert parts and len(parts) > 1
    assert sorted(z for zones in parts.values() for z in zones) == sorted(z["zone_id"] for z in tables["zone_summary"])
    listing = written[urls.zones(lang)]
    for city, zone_ids in parts.items():
        part_url = urls.section_part("zones", city, lang)
        assert f'href="{urls.relative(part_url, urls.zones(lang))}"' in listing, city
        page = written[part_url]
        assert rows_of(page) == len(zone_ids)
        for zone_id in zone_ids:
            assert f'href="{urls.relative(urls.entity(zone_id, "zone", lang), part_url)}"' in page
        columns = indexes.comparison_columns(data, [r for r in tables["zone_comparison"]
                                                    if r["scope"] == "city" and r["zone_id"] in set(zone_ids)])
        assert {c["id"] for c in columns} == compared_within(data, set(zone_ids)), city
        for column in columns:
            assert column["title"] in page
            assert set(column["cells"]) <= set(zone_ids) and len(column["cells"]) >= 3
    # The whole province still has comparisons the cities do not (weifang and zibo both report some).
    whole = {r["column_id"] for r in tables["zone_comparison"] if r["scope"] == "province"}
    assert whole == compared_within(data, {z["zone_id"] for z in tables["zone_summary"]})


@pytest.mark.parametrize("lang", urls.LANGUAGES)
def test_past_the_threshold_the_indicators_are_cut_by_category_and_long_categories_into_numbered_pages(
        tables, lang, tmp_path, monkeypatch):
    monkeypatch.setitem(index_parts.THRESHOLDS, "indicators", 5)
    monkeypatch.setattr(index_parts, "PAGE_ROWS", 7)
    data, written = render_indexes(tables, lang, tmp_path)
    parts = data.index_parts["indicators"]
    shown = [s["indicator_id"] for s in tables["indicator_summary"] if s["figures"]]
    assert sorted(i for ids in parts.values() for i in ids) == sorted(shown)
    category = {s["indicator_id"]: s["category"] for s in tables["indicator_summary"]}
    listing, paged = written[urls.section("indicators", lang)], 0
    for part, ids in parts.items():
        assert {category[i] for i in ids} == {part}
        part_url = urls.section_part("indicators", part, lang)
        assert f'href="{urls.relative(part_url, urls.section("indicators", lang))}"' in listing, part
        pages = [ids] if len(ids) <= 7 else [ids[n:n + 7] for n in range(0, len(ids), 7)]
        for number, page_ids in enumerate(pages, start=1):
            page_url = part_url if len(pages) == 1 else urls.section_part_page("indicators", part, number, lang)
            if len(pages) > 1:
                paged += 1
                assert f'href="{urls.relative(page_url, part_url)}"' in written[part_url], page_url
            assert rows_of(written[page_url]) == len(page_ids) <= 7
            for indicator_id in page_ids:
                assert f'href="{urls.relative(urls.indicator(indicator_id, lang), page_url)}"' in written[page_url]
    assert paged > 1


@pytest.fixture(scope="module")
def tripled_tables(tmp_path_factory):
    """The real data three times over (scripts/synthetic.py: three copies, each with its own cities,
    zones and indicators), validated and aggregated."""
    folder = tmp_path_factory.mktemp("tripled")
    synthetic.generate(3, folder)
    build = folder / "build"
    result = run_pipeline(build, folder / "packages", last="aggregate", seeds_dir=folder / "seeds")
    assert result.returncode == 0, result.stdout + result.stderr
    with duckdb.connect(str(build / "data" / "zones.duckdb"), read_only=True) as con:
        return load_tables(con)


def test_no_part_of_a_split_index_grows_with_the_data(tables, tripled_tables, tmp_path, monkeypatch):
    """With the thresholds low enough to split both, the real data and three times as much: an index
    lists more parts (more cities) or as many (the categories), but the largest part or numbered page of
    every split index holds no more rows (one city's rows, at most PAGE_ROWS indicators) and weighs
    about the same."""
    for name in ALL_SPLIT:
        monkeypatch.setitem(index_parts.THRESHOLDS, name, 5)
    monkeypatch.setattr(index_parts, "PAGE_ROWS", 20)
    largest = {}
    for size, tables_of_size in (("1x", tables), ("3x", tripled_tables)):
        data, written = render_indexes(tables_of_size, "en", tmp_path / size)
        for name in ALL_SPLIT:
            index_url = urls.section(name, "en")
            rows = max(len(page) for part, ids in data.index_parts[name].items()
                       for page in data.index_pages.get(name, {}).get(part) or [ids])
            weight = max(len(text.encode()) for url, text in written.items() if url.startswith(index_url) and url != index_url)
            largest[size, name] = (rows, weight, rows_of(written[index_url]))
    for name in ALL_SPLIT:
        (rows_1x, weight_1x, listed_1x), (rows_3x, weight_3x, listed_3x) = largest["1x", name], largest["3x", name]
        assert rows_3x == rows_1x, name
        # An index part that grew with the data would weigh about three times as much; the margin is for
        # names grown by their copy number and for other rows sharing a numbered page.
        assert weight_3x <= weight_1x * 1.25, (name, weight_1x, weight_3x)
        assert listed_3x >= listed_1x, name
    assert largest["3x", "indicators"][0] <= 20


@pytest.mark.parametrize("lang", urls.LANGUAGES)
def test_a_long_part_of_the_policies_is_paged_and_every_policy_is_reached_at_its_page(tables, lang, tmp_path,
                                                                                     monkeypatch):
    """The policies' part with no city grows with the data (the province's policies): past its rows per
    page it is cut into numbered pages, and each policy's address names the page that holds it."""
    monkeypatch.setattr(index_parts, "THRESHOLDS", {**index_parts.THRESHOLDS, "policies": 3})
    monkeypatch.setattr(index_parts, "PAGE_ROWS_OF", {"policies": 2})
    data, written = render_indexes(tables, lang, tmp_path)
    pages = [url for url in written if re.search(r"policies/by-city/[^/]+/[0-9]+/$", url)]
    assert pages, "no part of the policies was paged"
    for url in pages:
        assert 1 <= written[url].count('<div class="policy" id="') <= 2, url
    for row in tables["policies"]:
        page, anchor = data.policy_url(row["id"]).split("#")
        assert page in pages or data.page_of["policies"].get(row["id"]) is None, row["id"]
        assert f'id="{anchor}"' in written[page], (row["id"], page)
