"""Unit tests of the pipeline's steps on tiny fixtures (SQL models, figure cards); the site step's failure is in website/test_publish.py."""
from __future__ import annotations

import functools

import duckdb

import pytest

from curated import paths
from website import render
from website.ui import UiText


pytestmark = pytest.mark.unit


def run_sql(con, name):
    con.execute((paths.SQL / f"{name}.sql").read_text(encoding="utf-8"))


def test_entity_lineage_finds_zone_county_and_city():
    con = duckdb.connect()
    con.execute("CREATE TABLE entities (id VARCHAR, kind VARCHAR, parent_id VARCHAR)")
    con.execute("""INSERT INTO entities VALUES ('p', 'province', NULL), ('c', 'city', 'p'), ('k', 'county', 'c'),
                   ('z', 'zone', 'k'), ('park', 'park', 'z'), ('proj', 'project', 'park')""")
    run_sql(con, "entity_ancestors")
    run_sql(con, "entity_lineage")
    rows = {r[0]: r[1:4] for r in con.execute("SELECT entity_id, zone_id, county_id, city_id FROM entity_lineage").fetchall()}
    assert rows["proj"] == ("z", "k", "c")
    assert rows["z"] == ("z", "k", "c")
    assert rows["c"] == (None, None, "c")


def test_consistency_checks_compare_parts_with_total():
    con = duckdb.connect()
    con.execute("""CREATE TABLE observations (id VARCHAR, entity_id VARCHAR, indicator_id VARCHAR, value DOUBLE,
                   unit VARCHAR, part_of VARCHAR, flag VARCHAR)""")
    con.execute("""INSERT INTO observations VALUES
        ('t1', 'g', 'parks', 50, 'count', NULL, NULL), ('a', 'g', 'parks', 6, 'count', 't1', NULL),
        ('b', 'g', 'parks', 14, 'count', 't1', NULL), ('c', 'g', 'parks', 30, 'count', 't1', NULL),
        ('t2', 'g', 'villages', 115, 'count', NULL, NULL), ('d', 'g', 'villages', 39, 'count', 't2', NULL),
        ('t3', 'g', 'x', 10, 'count', NULL, 'suspect'), ('e', 'g', 'x', 12, 'count', 't3', NULL)""")
    run_sql(con, "consistency_checks")
    result = dict(con.execute("SELECT total_id, result FROM consistency_checks").fetchall())
    assert result == {"t1": "sum_equals_total", "t2": "sum_below_total", "t3": "sum_exceeds_total"}


def figure_card_html(figure: dict, lang: str) -> str:
    """A figure card rendered by the macros with the page globals of `lang`."""
    module = render.environment().get_template("macros.html.j2").make_module(
        {"root": "../../", "site_name": "站", "build_date": "2026-01-01", "repository_url": "https://example.org/r",
         "lang": lang, "t": functools.partial(render.interface_text, UiText.read(), lang),
         "loc": functools.partial(render.localized, lang)})
    return str(module.figure_card(figure))


FIGURE = dict(observation_id="x-0001", flag=None, qualifier_text="约", value_text="3.9亿美元", value_full="约3.9亿美元",
              indicator_url="indicators/i/", indicator_name="<b>指标</b>", industry_name="", measure_label="",
              share_of=None, entity_url="zones/z/", entity_name="区", period_label="2016年上半年", what="区 · 指标",
              period_inferred=True, inferred_label="推定", status="actual", status_label="实际",
              note="<script>alert(1)</script>", quote_before="实际利用外资", quote="实际利用外资3.9亿美元",
              quote_mark="3.9", quote_after="亿美元", source_url="sources/s/", source_figure_url="sources/s/#x-0001", source_title="标题", subject="",
              source_publisher="", source_published="2016-08-05", address="http://x/zones/z/#x-0001",
              quote_translation="")


def test_figure_card_shows_text_as_text():
    html = figure_card_html(FIGURE, "zh")
    assert "<script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&lt;b&gt;指标&lt;/b&gt;" in html
    assert "<mark>3.9</mark>" in html and 'id="x-0001"' in html
    assert "http://x/zones/z/#x-0001（访问日期：2026-01-01）" in html
    assert "Unofficial" not in html


def test_english_figure_card_follows_the_quote_with_its_unofficial_translation():
    figure = dict(FIGURE, quote_translation="<i>utilised foreign capital</i> of 390 million US dollars",
                  source_publisher="General Office of the Shouguang Municipal People's Government")
    html = figure_card_html(figure, "en")
    assert '<blockquote class="figure-quote" lang="zh"' in html
    assert "Unofficial translation</span> &lt;i&gt;utilised foreign capital&lt;/i&gt; of 390 million US dollars" in html
    assert "Source: General Office of the Shouguang Municipal People&#39;s Government, “标题” (2016-08-05)" in html
    assert "(accessed 2026-01-01)" in html
