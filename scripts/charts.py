"""Bar charts as static SVG: Altair specs rendered once by vl-convert and cached.

Input: the rows of one chart (label, value, unit, observation id) and its title.
Output: an SVG file (no JavaScript, no outside request) and the chart's data as
CSV beside it. A chart whose spec has not changed is copied from the cache in
`build/cache/charts/` instead of being rendered again, so a one-figure change
re-renders only the charts that figure is in.
"""
from __future__ import annotations

import csv
import os
import hashlib
import json
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from dataclasses import dataclass, field

import altair as alt
import vl_convert

import paths


@dataclass(frozen=True)
class ChartRow:
    label: str
    value: float
    value_text: str
    qualifier: str
    status: str
    suspect: bool
    observation_id: str
    source_id: str


@dataclass(frozen=True)
class Chart:
    folder: Path
    name: str
    lang: str
    title: str
    axis_title: str
    scale: float
    rows: tuple
    footer: str
    legend: dict
    kind: str = "ranking"
    total: ChartRow | None = None

FONT = "Noto Sans CJK SC"
CACHE = paths.CHART_CACHE
MAX_BARS = 25
# Axis units readers know: money in 亿元 rather than raw yuan.
# Changing how charts look (this file) or the renderer invalidates every cached chart.
_STYLE_VERSION = [hashlib.sha256(Path(__file__).read_bytes()).hexdigest(), alt.__version__, vl_convert.__version__]
AXIS_SCALES = {"CNY": (1e8, "亿元"), "USD": (1e8, "亿美元"), "m2": (1e4, "万平方米")}


def axis_scale(unit: str, values: list[float], lang: str, unit_name: str = "") -> tuple[float, str]:
    """The divisor and axis title for a chart's values in a canonical unit."""
    unit_name_zh = unit_name
    scale, label = AXIS_SCALES.get(unit, (1, unit_name_zh))
    if max((abs(v) for v in values), default=0) < scale:
        return 1, unit_name_zh
    return scale, label


def bar_chart_spec(rows: list[dict], title: str, unit_label: str, scale: float = 1) -> dict:
    """A horizontal bar chart of value by label, in source order; values divided by scale."""
    data = alt.Data(values=[{"label": r["label"], "value": r["value"] / scale, "text": r["value_text"]}
                            for r in rows[:MAX_BARS]])
    base = alt.Chart(data, title=alt.Title(title, anchor="start", fontSize=14))
    order = [r["label"] for r in rows[:MAX_BARS]]
    bars = base.mark_bar(color="#3f6ea6").encode(
        x=alt.X("value:Q", title=unit_label, axis=alt.Axis(format="~g")),
        y=alt.Y("label:N", title=None, sort=order, axis=alt.Axis(labelLimit=260)),
        tooltip=[alt.Tooltip("label:N"), alt.Tooltip("text:N")],
    )
    labels = base.mark_text(align="left", dx=4, fontSize=11, color="#333").encode(
        x="value:Q", y=alt.Y("label:N", sort=order), text="text:N")
    chart = (bars + labels).properties(width=420, height=alt.Step(24)).configure(
        font=FONT).configure_view(stroke=None)
    return chart.to_dict()


def render_svg(key_data: dict, make_spec) -> str:
    """SVG text of a chart, rendered only when no chart with the same inputs was rendered before.

    The key is a hash of the chart's inputs, this module's source (the chart style) and the
    library versions, so a cached chart is reused without even building its Altair spec.
    """
    key_text = json.dumps([key_data, _STYLE_VERSION], sort_keys=True, ensure_ascii=False, default=str)
    cached = CACHE / f"{hashlib.sha256(key_text.encode('utf-8')).hexdigest()}.svg"
    if not cached.exists():
        CACHE.mkdir(parents=True, exist_ok=True)
        partial = cached.with_suffix(f".{threading.get_ident()}.partial")  # charts render in parallel
        partial.write_text(vl_convert.vegalite_to_svg(make_spec()), encoding="utf-8")
        partial.replace(cached)
    return cached.read_text(encoding="utf-8")


def write_charts(charts: list[Chart]) -> None:
    """Write many charts, rendering in parallel: vl-convert releases the GIL."""
    jobs = [(c.folder, c.name, [dict(label=r.label, value=r.value, value_text=r.value_text, unit="",
                                     observation_id=r.observation_id, source_id=r.source_id) for r in c.rows],
             c.title, c.axis_title, c.scale) for c in charts]
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
        for _ in pool.map(lambda job: write_chart(*job), jobs):
            pass


def write_chart(folder: Path, name: str, rows: list[dict], title: str, unit_label: str, scale: float = 1) -> None:
    """`<name>.svg` and `<name>.csv` (values in the canonical unit) in folder."""
    folder.mkdir(parents=True, exist_ok=True)
    inputs = {"rows": [(r["label"], r["value"], r["value_text"]) for r in rows[:MAX_BARS]],
              "title": title, "unit_label": unit_label, "scale": scale}
    svg = render_svg(inputs, lambda: bar_chart_spec(rows, title, unit_label, scale))
    (folder / f"{name}.svg").write_text(svg, encoding="utf-8")
    with (folder / f"{name}.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["label", "value", "unit", "value_reported", "observation_id", "source_id"])
        for r in rows[:MAX_BARS]:
            writer.writerow([r["label"], r["value"], r["unit"], r["value_text"], r["observation_id"], r["source_id"]])

