"""Pages that do not grow with the data (issue 14): no page over 200 KB, and the long indexes cut
once they pass their threshold, each part linked from its index: zones, entities, policies and
organisations by city (every policy and organisation reached at its part, each city's zones compared
among themselves), indicators by category and in numbered pages; no part grows with the data."""
from __future__ import annotations

import re

import duckdb
import pytest

import synthetic

import index_parts
import render
import urls
from families import indexes
from site_data import SiteData, load_tables
from conftest import run_pipeline
from test_links import internal_path, page_url, parse

pytestmark = pytest.mark.site
LIMIT = 200_000
# Pages that may pass the limit, and why they do not grow with the number of rows of an index:
# a source page holds its own document's figures (one page per document). The changelog lists
# versions; each version's figures have a page of their own.
KNOWN_LARGE = (re.compile(r"^(en/)?sources/[^/]+/index\.html$"),)
SPLIT = ("entities", "policies", "organizations")
ALL_SPLIT = SPLIT + ("zones", "indicators")


def test_no_page_is_over_200_kb_but_the_known_ones(site_dir):
    large = {p.relative_to(site_dir).as_posix(): p.stat().st_size for p in site_dir.rglob("*.html")
             if p.stat().st_size > LIMIT}
    assert {page: size for page, size in large.items() if not any(k.match(page) for k in KNOWN_LARGE)} == {}


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
    with duckdb.connect(str(build_dir / "data" / "zones.duckdb"), read_only=True) as con:
        return load_tables(con)


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


def render_indexes(tables, lang, folder) -> tuple[SiteData, dict[str, str]]:
    """The index pages of the tables in one edition, written into folder: (SiteData, {page url: Markdown})."""
    data = SiteData(tables, lang)
    writer = render.Writer(folder, data)
    written = {}
    for page in indexes.pages(data):
        writer.write(page)
        written[page.url] = (folder / urls.docs_file(page.url, lang)).read_text(encoding="utf-8")
    return data, written


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
            rows = max(len(page) for ids in data.index_parts[name].values()
                       for page in (index_parts.numbered_pages(ids) if name in index_parts.PAGED else None) or [ids])
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
