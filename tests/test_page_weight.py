"""Pages that do not grow with the data (issue 14): no page over 200 KB, and the long indexes
(entities, policies, organisations) cut by city once they pass their threshold, each part linked
from its index and every policy and organisation reached at its part."""
from __future__ import annotations

import re

import duckdb
import pytest

import index_parts
import render
import urls
from families import indexes
from site_data import SiteData, load_tables
from test_links import internal_path, page_url, parse

pytestmark = pytest.mark.site
LIMIT = 200_000
# Pages that may pass the limit, and why they do not grow with the number of rows of an index:
# a source page holds its own document's figures (one page per document). The changelog lists
# versions; each version's figures have a page of their own.
KNOWN_LARGE = (re.compile(r"^(en/)?sources/[^/]+/index\.html$"),)
SPLIT = ("entities", "policies", "organizations")


def test_no_page_is_over_200_kb_but_the_known_ones(site_dir):
    large = {p.relative_to(site_dir).as_posix(): p.stat().st_size for p in site_dir.rglob("*.html")
             if p.stat().st_size > LIMIT}
    assert {page: size for page, size in large.items() if not any(k.match(page) for k in KNOWN_LARGE)} == {}


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
