"""Charts as static files: SVG (wide and narrow), PNG and CSV, rendered once by vl-convert and cached.

Input: `Chart`s (title, axis, rows already ordered by the caller, footer, legend texts).
Output, per chart in its folder: `<name>.svg` (≈ 600 px), `<name>-narrow.svg` (≈ 343 px, for
phones), `<name>.png` (the wide chart at 2×), `<name>.csv` and `<name>.utf8-bom.csv`.
A chart whose inputs, style (these modules' source) and renderer are unchanged is copied from
`build/cache/charts/` instead of rendered, so a one-figure change re-renders only its charts.
Cache misses are built and rendered in two worker processes with a subset font (see chart_font).
"""
from __future__ import annotations

import csv
import dataclasses
import hashlib
import json
import multiprocessing
import os
import shutil
import struct
import time
import zlib
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Callable

import fontTools
import vl_convert

from curated import paths
from charts import font as chart_font
from charts import maps as chart_maps
from charts import spec as chart_spec
from charts import worker as chart_worker


CACHE = paths.CHART_CACHE
WORKERS = 2
# Up to this many charts are drawn in this process: a worker costs about two seconds to start (a new
# interpreter, its imports, vl-convert's runtime), more than drawing the few charts a maintainer's edit
# changes takes here.
IN_PROCESS = 8
KINDS = ("ranking", "parts", "series")
QUALIFIERS = ("exact", "approximately", "nearly", "more_than", "at_least", "at_most")
STATUSES = ("actual", "target")
LOCALES = {"zh": "zh-CN", "en": "en-US"}
LEGEND_KEYS = ("actual", "target", "suspect", "qualified", "remainder")
CSV_FIELDS = ["label", "value", "unit_axis_value", "qualifier", "status", "flag", "observation_id", "source_id"]
_MODULES = [Path(m.__file__) for m in (chart_spec, chart_font, chart_worker, chart_maps)] + [Path(__file__)]
# Changing how charts look (these files) or the renderer invalidates every cached chart.
STYLE_VERSION = [hashlib.sha256(b"".join(p.read_bytes() for p in _MODULES)).hexdigest(),
                 vl_convert.__version__, fontTools.version, chart_spec.alt.__version__]
STUB_SVG = '<svg xmlns="http://www.w3.org/2000/svg" width="1" height="1"/>'


def _png_chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


# One transparent pixel: the stand-in image of a chart that is not drawn.
STUB_PNG = (b"\x89PNG\r\n\x1a\n" + _png_chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 6, 0, 0, 0))
            + _png_chunk(b"IDAT", zlib.compress(b"\x00" * 5)) + _png_chunk(b"IEND", b""))
# Axis units readers know, largest first: (divisor, Chinese, English).
AXIS_UNITS = {
    "CNY": [(1e8, "亿元", "100 million yuan"), (1e4, "万元", "10,000 yuan"), (1, "元", "yuan")],
    "USD": [(1e8, "亿美元", "100 million US dollars"), (1e4, "万美元", "10,000 US dollars"), (1, "美元", "US dollars")],
    "CNY_per_person": [(1e4, "万元/人", "10,000 yuan per person"), (1, "元/人", "yuan per person")],
    "m2": [(1e4, "万平方米", "10,000 m²"), (1, "平方米", "m²")],
    "mu": [(1e4, "万亩", "10,000 mu"), (1, "亩", "mu")],
    "persons": [(1e4, "万人", "10,000 persons"), (1, "人", "persons")],
    "t": [(1e4, "万吨", "10,000 tonnes"), (1, "吨", "tonnes")],
    "vehicles": [(1e4, "万辆", "10,000 vehicles"), (1, "辆", "vehicles")],
    "count": [(1, "个", "number")], "days": [(1, "天", "days")], "households": [(1, "户", "households")],
    "items": [(1, "件", "items")], "km": [(1, "公里", "km")], "km2": [(1, "平方公里", "km²")],
    "months": [(1, "个月", "months")], "percent": [(1, "%", "%")],
    "percentage_points": [(1, "百分点", "percentage points")], "rank": [(1, "名次", "rank")],
    "tai": [(1, "台", "units")], "times": [(1, "次", "times")],
}


@dataclass(frozen=True)
class ChartRow:
    label: str            # what the bar is (already in the chart's language)
    value: float          # value in the canonical unit (e.g. CNY, m2, count, percent)
    value_text: str       # the value as printed, for the bar label
    qualifier: str        # exact | approximately | nearly | more_than | at_least | at_most
    status: str           # actual | target
    suspect: bool         # the figure is flagged doubtful
    observation_id: str
    source_id: str


@dataclass(frozen=True)
class Chart:
    folder: Path          # where the files go
    name: str             # file stem, e.g. "chart-1"
    lang: str             # "zh" or "en"
    title: str            # the one title (drawn in the image; the page shows it too)
    scale: float          # values are divided by this for the CSV's unit_axis_value and the bar lengths (1e8 for 亿元)
    rows: tuple[ChartRow, ...]   # already sorted by the caller; kept in that order
    footer: str           # source · site · licence, drawn as a footer line inside the image
    legend: dict          # texts for LEGEND_KEYS in the chart's language
    kind: str = "ranking"  # "ranking" (bars), "parts" (one share bar of a stated total), "series"
    total: ChartRow | None = None   # for kind="parts": the stated total


@dataclass(frozen=True)
class RenderStats:
    rendered: int         # charts drawn by vl-convert
    cached: int           # charts copied from the cache
    seconds: float        # wall time of write_charts
    render_cpu_seconds: float = 0.0   # CPU time the workers spent drawing (independent of machine load)


def axis_scale(unit: str, values: list[float], lang: str) -> tuple[float, str]:
    """The divisor and axis title for values in a canonical unit: 亿元 when the largest value
    reaches 1亿, 万… when it reaches 1万, else the unit itself; English titles for lang "en"."""
    if unit not in AXIS_UNITS:
        raise ValueError(f"chart axis: no axis unit for the canonical unit '{unit}' (known: {', '.join(AXIS_UNITS)})")
    if lang not in LOCALES:
        raise ValueError(f"chart axis: language '{lang}' is not one of {', '.join(LOCALES)}")
    largest = max((abs(v) for v in values), default=0)
    steps = AXIS_UNITS[unit]
    divisor, zh, en = next((step for step in steps if largest >= step[0]), steps[-1])
    return divisor, zh if lang == "zh" else en


def check(chart: Chart) -> None:
    """Raise ValueError naming the chart, the row and the field of anything a chart cannot draw."""
    if isinstance(chart, chart_maps.Map):
        return chart_maps.check(chart)
    where = f"chart {chart.folder / chart.name}"
    problems = [f"lang '{chart.lang}' is not zh or en"] * (chart.lang not in LOCALES)
    problems += [f"kind '{chart.kind}' is not one of {', '.join(KINDS)}"] * (chart.kind not in KINDS)
    problems += ["has no rows"] * (not chart.rows)
    problems += [f"legend lacks '{k}'" for k in LEGEND_KEYS if k not in chart.legend]
    problems += ["is a parts chart without a total"] * (chart.kind == "parts" and chart.total is None)
    problems += ["scale must be positive"] * (not chart.scale > 0)
    labels = [r.label for r in chart.rows]
    problems += [f"label '{label}' appears twice" for label in sorted({x for x in labels if labels.count(x) > 1})]
    for number, row in enumerate(list(chart.rows) + ([chart.total] if chart.total else []), start=1):
        name = "total" if row is chart.total else f"row {number} ('{row.label}')"
        problems += [f"{name}: qualifier '{row.qualifier}' is not one of {', '.join(QUALIFIERS)}"] * (row.qualifier not in QUALIFIERS)
        problems += [f"{name}: status '{row.status}' is not actual or target"] * (row.status not in STATUSES)
        problems += [f"{name}: value {row.value!r} is not a finite number"] * (not _finite(row.value))
    if problems:
        raise ValueError(f"{where}: " + "; ".join(problems))


def _finite(value) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and abs(value) < float("inf")


def plain_number(value: float) -> str:
    """A number as digits, never in exponent notation; at most 12 significant digits."""
    text = format(Decimal(f"{value:.12g}"), "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def write_csvs(chart: Chart) -> None:
    """`<name>.csv` and `<name>.utf8-bom.csv`: the drawn figures, the total and the unlisted rest of a parts chart."""
    if isinstance(chart, chart_maps.Map):
        return chart_maps.write_csvs(chart)
    rows = [(r.label, r.value, r.qualifier, r.status, r.suspect, r.observation_id, r.source_id) for r in chart.rows]
    if chart.total is not None:
        t = chart.total
        rows.append((t.label, t.value, t.qualifier, t.status, t.suspect, t.observation_id, t.source_id))
        rest = t.value - sum(r.value for r in chart.rows)
        if rest > 0:
            rows.append((chart.legend["remainder"], rest, "", t.status, False, "", ""))
    for suffix, encoding in ((".csv", "utf-8"), (".utf8-bom.csv", "utf-8-sig")):
        with (chart.folder / f"{chart.name}{suffix}").open("w", encoding=encoding, newline="") as handle:
            writer = csv.writer(handle, lineterminator="\n")
            writer.writerow(CSV_FIELDS)
            for label, value, qualifier, status, suspect, observation, source in rows:
                writer.writerow([label, plain_number(value), plain_number(value / chart.scale), qualifier, status,
                                 "suspect" if suspect else "", observation, source])


def cache_stem(chart: Chart, font: str, cache: Path) -> str:
    """The cache path (without suffix) of a chart: a hash of its inputs, the font and STYLE_VERSION."""
    inputs = {k: v for k, v in dataclasses.asdict(chart).items() if k not in ("folder", "name")}
    key_text = json.dumps([inputs, font, STYLE_VERSION], sort_keys=True, ensure_ascii=False, default=str)
    return str(cache / hashlib.sha256(key_text.encode("utf-8")).hexdigest())


def chart_texts(chart: Chart) -> list[str]:
    """Every text a chart draws (for the font subset)."""
    if isinstance(chart, chart_maps.Map):
        return chart_maps.texts(chart)
    rows = list(chart.rows) + ([chart.total] if chart.total else [])
    return [chart.title, chart.footer, *chart.legend.values(),
            *(r.label for r in rows), *(chart_spec.bar_text(r, chart) for r in rows)]


def write_placeholders(chart: Chart) -> None:
    """The image files of a chart as blank stand-ins (CHART_RENDER=stub), its CSVs real."""
    chart.folder.mkdir(parents=True, exist_ok=True)
    for suffix in (".svg", "-narrow.svg"):
        (chart.folder / f"{chart.name}{suffix}").write_text(STUB_SVG, encoding="utf-8")
    (chart.folder / f"{chart.name}.png").write_bytes(STUB_PNG)
    write_csvs(chart)


def write_charts(charts: list[Chart], *, cache: Path | None = None, subset_font: bool = True) -> RenderStats:
    """Write every chart's files; render the ones not in the cache in WORKERS processes.

    subset_font=False draws with the full system font instead of the subset (for measuring).
    With CHART_RENDER=stub in the environment nothing is drawn: the supported way to build a large
    site quickly (make bench at 100×) with every chart's CSV and a blank image."""
    started = time.perf_counter()
    if os.environ.get("CHART_RENDER") == "stub":
        for chart in charts:
            check(chart)
            write_placeholders(chart)
        return RenderStats(rendered=0, cached=0, seconds=time.perf_counter() - started)
    cache = cache or CACHE
    cache.mkdir(parents=True, exist_ok=True)
    font = chart_font.CSS_FONT if subset_font else f"{chart_font.SYSTEM_FAMILY}, sans-serif"
    stems, misses, cpu = [], {}, 0.0
    for chart in charts:
        check(chart)
        stem = cache_stem(chart, font, cache)
        stems.append(stem)
        if not Path(stem + ".png").exists():
            misses.setdefault(stem, chart)
    if misses:
        texts = (t for c in charts for t in chart_texts(c))
        cpu = render(misses, font, (lambda: chart_font.font_directory(chart_font.characters(texts))) if subset_font
                     else lambda: None)
    for chart, stem in zip(charts, stems):
        chart.folder.mkdir(parents=True, exist_ok=True)
        for suffix in (".svg", "-narrow.svg", ".png"):
            shutil.copyfile(stem + suffix, chart.folder / f"{chart.name}{suffix}")
        write_csvs(chart)
    return RenderStats(rendered=len(misses), cached=len(charts) - len(misses), seconds=time.perf_counter() - started,
                       render_cpu_seconds=cpu)


def render(misses: dict[str, Chart], font: str, font_folder: Callable[[], Path | None]) -> float:
    """Render charts (cache stem → chart) into the cache, in worker processes when there are more than
    IN_PROCESS of them; returns the CPU seconds spent on them.

    font_folder makes (or finds) the subset font; it runs while the workers start, which takes
    about as long. Workers are spawned, not forked: the parent may hold DuckDB or vl-convert threads.
    Each worker builds its charts' specs itself, so that work is parallel too."""
    def jobs() -> list[tuple]:
        folder = font_folder()
        return [(stem, chart, font, str(folder) if folder else None, LOCALES[chart.lang]) for stem, chart in misses.items()]

    if len(misses) <= IN_PROCESS:
        return sum(map(chart_worker.render, jobs()))
    workers = min(WORKERS, len(misses))
    with ProcessPoolExecutor(workers, multiprocessing.get_context("spawn"), chart_worker.start) as pool:
        for _ in range(workers):
            pool.submit(os.getpid)  # a spawned pool starts a worker per task submitted: start them all now
        # One chart at a time: charts differ in cost, and a job is a few hundred bytes to send.
        return sum(pool.map(chart_worker.render, jobs()))
