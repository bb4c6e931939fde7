"""Every chart on the built site compares like with like and is published in its three formats."""
from __future__ import annotations

import csv
import re

import duckdb
import pytest

pytestmark = pytest.mark.site
SAME_FOR_PEERS = ("indicator_id", "measure", "unit", "status", "period_start", "period_end", "entity_kind")


@pytest.fixture(scope="module")
def figures(build_dir) -> dict[str, dict]:
    with duckdb.connect(str(build_dir / "data" / "zones.duckdb"), read_only=True) as con:
        relation = con.table("figures")
        rows = [dict(zip(relation.columns, row)) for row in relation.fetchall()]
        ancestors = set(con.execute("SELECT entity_id, ancestor_id FROM entity_ancestors WHERE distance > 0").fetchall())
    return {"by_id": {r["observation_id"]: r for r in rows}, "ancestors": ancestors}


def chart_csvs(site_dir):
    return sorted(p for p in site_dir.rglob("chart-*.csv") if not p.name.endswith(".utf8-bom.csv"))


def read(path):
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def comparability_problem(rows: list[dict], figures: dict) -> str | None:
    """None when the chart's figures may stand together; else what breaks the rule."""
    shown = [figures["by_id"][r["observation_id"]] for r in rows if r["observation_id"]]
    ids = {f["observation_id"] for f in shown}
    parts = [f for f in shown if f["part_of"] in ids]
    if parts:  # parts of a stated total, drawn as parts of it
        total = {f["part_of"] for f in parts}
        return None if len(total) == 1 and len(parts) == len(shown) - 1 else f"not one total with its parts: {sorted(ids)}"
    if len({f["entity_id"] for f in shown}) == 1 and len({f["period_end"] for f in shown}) == len(shown):
        series = {(f["indicator_id"], f["measure"], f["unit"], f["status"]) for f in shown}
        return None if len(series) == 1 else f"a series mixes indicators: {series}"
    for field in SAME_FOR_PEERS:
        if len({f[field] for f in shown}) > 1:
            return f"peers differ in {field}: {sorted({str(f[field]) for f in shown})}"
    entities = {f["entity_id"] for f in shown}
    inside = [(a, b) for a in entities for b in entities if (a, b) in figures["ancestors"]]
    return f"a total beside its own parts: {inside}" if inside else None


def test_every_chart_compares_like_with_like(site_dir, figures):
    paths = chart_csvs(site_dir)
    assert paths, "the site has no chart"
    problems = [f"{p.relative_to(site_dir)}: {problem}" for p in paths
                if (problem := comparability_problem(read(p), figures))]
    assert not problems, "\n".join(problems)


def test_every_chart_is_offered_as_svg_png_and_csv_with_its_attribution(site_dir):
    problems = []
    for path in chart_csvs(site_dir):
        stem = path.with_suffix("")
        svg = stem.with_suffix(".svg").read_text(encoding="utf-8")
        narrow = path.with_name(stem.name + "-narrow.svg").read_text(encoding="utf-8")
        text = " ".join(re.findall(r">([^<>]+)<", svg)).replace("\xa0", " ")
        if re.search(r"\de[+-]\d", text):
            problems.append(f"{path.name}: scientific notation in {path.parent}")
        if "CC BY 4.0" not in text:
            problems.append(f"{stem}: no licence in the image")
        width = float(re.search(r'width="([\d.]+)', narrow).group(1))
        if width > 480:
            problems.append(f"{stem}: narrow rendering is {width} px wide")
        if not stem.with_suffix(".png").read_bytes().startswith(b"\x89PNG"):
            problems.append(f"{stem}: no PNG")
        page = (path.parent / "index.html").read_text(encoding="utf-8")
        for suffix in (".svg", ".png", ".csv"):
            if f'href="{stem.name}{suffix}"' not in page:
                problems.append(f"{stem}: the page offers no {suffix} download")
    assert not problems, "\n".join(problems[:20])


def test_the_rule_refuses_unlike_figures():
    by_id = {"a": dict(observation_id="a", indicator_id="x", measure="amount", unit="CNY", status="actual",
                       period_start="2016", period_end="2016", entity_kind="zone", entity_id="z1", part_of=None),
             "b": dict(observation_id="b", indicator_id="y", measure="amount", unit="CNY", status="actual",
                       period_start="2016", period_end="2016", entity_kind="zone", entity_id="z2", part_of=None)}
    figures = {"by_id": by_id, "ancestors": set()}
    rows = [{"observation_id": "a"}, {"observation_id": "b"}]
    assert "indicator_id" in comparability_problem(rows, figures)
    by_id["b"]["indicator_id"] = "x"
    assert comparability_problem(rows, figures) is None
    figures["ancestors"].add(("z2", "z1"))
    assert "total beside its own parts" in comparability_problem(rows, figures)
