"""Nothing on a page says more than its source (the framing rules of the figure_uses model, on the built
site): no size class or formula in a chart, ranking or card; no chart joining kinds of period; no two charts
of one title on a page; a restatement shown as a figure of its own only on its source's pages; inferred
dates and publishers marked wherever they are cited."""
from __future__ import annotations

import csv
import re
from collections import Counter
from pathlib import Path

import duckdb
import pytest

pytestmark = pytest.mark.site


@pytest.fixture(scope="module")
def uses(build_dir) -> dict[str, dict]:
    """Each figure's kind, restatement and period, and its figure_uses row, by id."""
    with duckdb.connect(str(build_dir / "data" / "zones.duckdb"), read_only=True) as con:
        relation = con.execute("SELECT f.observation_id, f.figure_kind, f.restates, u.charted, u.headline, "
                               "u.period_kind, u.period_months FROM figures f JOIN figure_uses u USING (observation_id)")
        columns = [d[0] for d in relation.description]
        return {row[0]: dict(zip(columns, row)) for row in relation.fetchall()}


def pages(site_dir: Path) -> list[Path]:
    return sorted(site_dir.rglob("index.html"))


def chart_ids(folder: Path) -> dict[str, list[str]]:
    """The figures each chart of a page draws, from its CSV (total and bars alike)."""
    charts = {}
    for path in sorted(folder.glob("chart-*.csv")):
        if path.name.endswith(".utf8-bom.csv"):
            continue
        with path.open(encoding="utf-8") as handle:
            charts[path.stem] = [row["observation_id"] for row in csv.DictReader(handle) if row["observation_id"]]
    return charts


def test_the_data_holds_each_kind_the_rules_are_about(uses):
    """The checks below can fail: the package has size classes, formulas, restatements, as-of and flow periods."""
    kinds = Counter(u["figure_kind"] for u in uses.values())
    assert kinds["size_class"] and kinds["formula"] and any(u["restates"] for u in uses.values())
    assert {u["period_kind"] for u in uses.values()} == {"as_of", "flow"}


def test_no_chart_draws_a_size_class_a_formula_or_a_restatement(site_dir, uses):
    drawn = 0
    for page in pages(site_dir):
        for chart, ids in chart_ids(page.parent).items():
            wrong = [i for i in ids if not uses[i]["charted"]]
            assert not wrong, f"{page.parent.relative_to(site_dir)}/{chart} draws {wrong}"
            drawn += 1
    assert drawn > 50


def test_no_chart_joins_kinds_of_period(site_dir, uses):
    for page in pages(site_dir):
        for chart, ids in chart_ids(page.parent).items():
            periods = {(uses[i]["period_kind"], uses[i]["period_months"]) for i in ids}
            assert len(periods) == 1, f"{page.parent.relative_to(site_dir)}/{chart} joins {periods}"


def test_no_two_charts_on_a_page_share_a_title(site_dir):
    for page in pages(site_dir):
        titles = re.findall(r'<figcaption[^>]*>(.*?)</figcaption>', page.read_text(encoding="utf-8"))
        repeated = [t for t, n in Counter(titles).items() if n > 1]
        assert not repeated, f"{page.relative_to(site_dir)}: {repeated}"


def test_cards_show_only_headline_figures(site_dir, uses):
    """Key-figure cards (home and entity pages) link to their figure: each a measured amount, not doubtful."""
    cards = 0
    for page in pages(site_dir):
        html = page.read_text(encoding="utf-8")
        for figure_id in re.findall(r'<a class="key-figure[^"]*" href="[^"#]*#([^"]+)"', html):
            assert uses[figure_id]["headline"], f"{page.relative_to(site_dir)}: card of {figure_id}"
            cards += 1
    assert cards > 20


def test_no_value_is_shown_for_a_size_class_or_formula(site_dir, uses):
    """Where a size class or formula is listed, its kind stands in the value's place: its number is read in
    its sentence, never as an amount."""
    for page in pages(site_dir):
        html = page.read_text(encoding="utf-8")
        for figure_id, head in re.findall(r'<div class="figure[^"]*" id="([^"]+)"[^>]*>\s*<p class="figure-head">'
                                          r'<span class="figure-value">(.*?)</span> <span class="figure-what">', html):
            if uses[figure_id]["figure_kind"] != "quantity":
                assert head.startswith('<span class="figure-kind">'), f"{page.relative_to(site_dir)}: {figure_id}"


def test_a_restatement_is_a_figure_of_its_own_only_on_its_source_pages(site_dir, uses):
    restatements = {i for i, u in uses.items() if u["restates"]}
    for page in pages(site_dir):
        relative = page.relative_to(site_dir).as_posix()
        if relative.startswith(("sources/", "en/sources/")):
            continue
        shown = set(re.findall(r'<div class="figure[^"]*" id="([^"]+)"', page.read_text(encoding="utf-8")))
        assert not shown & restatements, f"{relative}: {sorted(shown & restatements)}"


def test_inferred_dates_and_publishers_are_marked_in_every_citation(site_dir, build_dir):
    """A source whose date (or publisher) the text does not state is cited with the mark, in both languages,
    wherever a citation names it."""
    with duckdb.connect(str(build_dir / "data" / "zones.duckdb"), read_only=True) as con:
        sources = con.execute("SELECT title_zh, title_en, published, published_inferred, publisher_zh, publisher_en, "
                              "publisher_inferred FROM sources").fetchall()
    assert any(s[3] for s in sources) and any(not s[3] for s in sources)
    marks = {"zh": ("，推定", "（推定）"), "en": (", date inferred", " (publisher inferred)")}
    checked = 0
    for page in pages(site_dir):
        lang = "en" if page.relative_to(site_dir).parts[0] == "en" else "zh"
        date_mark, publisher_mark = marks[lang]
        for citation in re.findall(r'<span class="citation">(.*?)</span>', page.read_text(encoding="utf-8")):
            for title_zh, title_en, published, date_inferred, publisher_zh, publisher_en, publisher_inferred in sources:
                title = title_zh if lang == "zh" else title_en
                if title.replace("'", "&#39;").replace('"', "&quot;") not in citation and title not in citation:
                    continue
                checked += 1
                assert (f"{published}{date_mark}" in citation) == bool(date_inferred), f"{page}: {citation}"
                publisher = publisher_zh if lang == "zh" else publisher_en
                if publisher and publisher_inferred:
                    assert f"{publisher}{publisher_mark}" in citation, f"{page}: {citation}"
    assert checked > 100
