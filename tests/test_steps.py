"""Unit tests of each pipeline step on tiny fixtures."""
from __future__ import annotations

import importlib.util
import os
import subprocess
import sys

import duckdb
import jinja2

import charts
import paths
import pages


def run_sql(con, name):
    con.execute((paths.SQL / f"{name}.sql").read_text(encoding="utf-8"))


def test_entity_lineage_finds_zone_county_and_city():
    con = duckdb.connect()
    con.execute("CREATE TABLE entities (id VARCHAR, kind VARCHAR, parent_id VARCHAR)")
    con.execute("""INSERT INTO entities VALUES ('p', 'province', NULL), ('c', 'city', 'p'), ('k', 'county', 'c'),
                   ('z', 'zone', 'k'), ('park', 'park', 'z'), ('proj', 'project', 'park')""")
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


def test_figure_template_shows_text_as_text():
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(paths.TEMPLATES), autoescape=True,
                             undefined=jinja2.StrictUndefined)
    figure = dict(observation_id="x-0001", flag=None, qualifier_zh="约", value_text="3.9亿美元",
                  indicator_url="indicators/i/", indicator_name_zh="<b>指标</b>", measure_zh="", share_of=None,
                  entity_url="zones/z/", entity_name_zh="区", period_label_zh="2016年上半年", period_inferred=True,
                  status="actual", status_zh="实际", note="<script>alert(1)</script>", quote_before="实际利用外资",
                  quote_mark="3.9", quote_after="亿美元", source_url="sources/s/", source_title_zh="标题",
                  cite="引用")
    html = env.get_template("figure.html.j2").render(f=figure, root="../../")
    assert "<script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&lt;b&gt;指标&lt;/b&gt;" in html
    assert "<mark>3.9</mark>" in html and 'id="x-0001"' in html


def test_chart_is_svg_with_chinese_font_and_is_rendered_once(tmp_path, monkeypatch):
    monkeypatch.setattr(charts, "CACHE", tmp_path / "cache")
    rows = [{"label": "固定资产投资", "value": 130191000000.0, "value_text": "1301.91亿元", "unit": "CNY",
             "observation_id": "a-0001", "source_id": "a"},
            {"label": "一般公共预算收入", "value": 19162000000.0, "value_text": "191.62亿元", "unit": "CNY",
             "observation_id": "a-0002", "source_id": "a"}]
    charts.write_chart(tmp_path / "page", "chart-1", rows, "标题", "亿元", 1e8)
    svg = (tmp_path / "page" / "chart-1.svg").read_text(encoding="utf-8")
    assert svg.startswith("<svg") and "Noto Sans CJK SC" in svg and "固定资产投资" in svg
    assert "<script" not in svg
    assert (tmp_path / "page" / "chart-1.csv").read_text(encoding="utf-8").splitlines()[1].startswith("固定资产投资,130191000000.0")

    def must_not_render(*args, **kwargs):
        raise AssertionError("an unchanged chart was rendered again")
    monkeypatch.setattr(charts.vl_convert, "vegalite_to_svg", must_not_render)
    charts.write_chart(tmp_path / "other", "chart-1", rows, "标题", "亿元", 1e8)
    assert (tmp_path / "other" / "chart-1.svg").read_text(encoding="utf-8") == svg


def test_axis_scale_uses_units_readers_know():
    assert charts.axis_scale("CNY", "元", [1.3e11]) == (1e8, "亿元")
    assert charts.axis_scale("CNY", "元", [5000]) == (1, "元")
    assert charts.axis_scale("count", "个", [50]) == (1, "个")


def test_failed_mkdocs_build_leaves_previous_site_untouched(tmp_path):
    build = tmp_path / "build"
    (build / "docs").mkdir(parents=True)
    (build / "docs" / "index.md").write_text("# x\n\n[broken](missing.md)\n", encoding="utf-8")
    (build / "site").mkdir()
    (build / "site" / "index.html").write_text("last good", encoding="utf-8")
    env = dict(os.environ, BUILD_DIR=str(build))
    result = subprocess.run([sys.executable, str(paths.ROOT / "scripts" / "site.py")], cwd=paths.ROOT, env=env,
                            capture_output=True, text=True)
    assert result.returncode != 0
    assert "previous build/site is unchanged" in result.stderr
    assert (build / "site" / "index.html").read_text(encoding="utf-8") == "last good"
    assert not (build / "site.partial").exists()


def load_site_step():
    """scripts/site.py as a module (its name is shadowed by Python's own `site`)."""
    spec = importlib.util.spec_from_file_location("site_step", paths.ROOT / "scripts" / "site.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_failed_search_index_leaves_previous_site_untouched(tmp_path, monkeypatch, capsys):
    """mkdocs succeeds but Pagefind finds no article to index: the last good site stays."""
    site_step = load_site_step()
    site_out = tmp_path / "site"
    site_out.mkdir()
    (site_out / "index.html").write_text("last good", encoding="utf-8")
    monkeypatch.setattr(site_step.paths, "SITE_OUT", site_out)

    def mkdocs_without_article(partial):
        partial.mkdir()
        (partial / "index.html").write_text('<html lang="zh"><body><p>没有正文</p></body></html>', encoding="utf-8")
        return 0

    monkeypatch.setattr(site_step, "run_mkdocs", mkdocs_without_article)
    assert site_step.build_site() != 0
    assert "previous build/site is unchanged" in capsys.readouterr().err
    assert (site_out / "index.html").read_text(encoding="utf-8") == "last good"
    assert not (tmp_path / "site.partial").exists()


def test_search_index_has_one_index_per_page_language(tmp_path):
    """Pages in two languages give two Pagefind indexes; only the article is indexed."""
    site_step = load_site_step()
    article = '<html lang="{lang}"><body><nav>导航 navigation</nav><article class="md-content__inner">' \
              '<h1>{title}<a class="headerlink" href="#x">¶</a></h1><p>{text}</p></article></body></html>'
    for folder, lang, title, text in (("", "zh", "高密经济开发区", "开发区的数字"),
                                      ("en/", "en", "Gaomi Economic Development Zone", "figures of the zone")):
        (tmp_path / folder).mkdir(exist_ok=True)
        (tmp_path / folder / "index.html").write_text(article.format(lang=lang, title=title, text=text),
                                                      encoding="utf-8")
    index = site_step.build_search_index(tmp_path, tmp_path / "pagefind")
    assert index["pages"] == {"zh": 1, "en": 1}
    assert (tmp_path / "pagefind" / "pagefind.js").exists()
