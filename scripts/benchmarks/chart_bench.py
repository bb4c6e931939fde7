"""How long a chart takes to render: the subset font against the full Noto Sans CJK font.

`measure(n)` builds n varied charts (zh and en; rankings, series and parts; qualified, target and
suspect figures; labels from the real entities and sources), renders them twice with a cold
cache each time, once with the subset font and once with the full system font, and returns the
wall time per chart of each (worker start-up and font subsetting included). `make bench` calls
it; `python scripts/benchmarks/chart_bench.py [n]` prints it.
"""
from __future__ import annotations

import csv
import json
import random
import shutil
import sys
import tempfile
from pathlib import Path

from curated import paths
from curated.labels import Labels
from charts import font as chart_font
from charts import render as chart_render
from website.chart_plans import legend_labels


DATA = paths.PACKAGES / "shandong-zones" / "data"
UNITS = ["CNY", "CNY", "m2", "count", "percent", "persons", "USD"]
LABELS = Labels.read(DATA / "labels.csv")
LEGENDS = {lang: legend_labels(LABELS, lang) for lang in ("zh", "en")}


def _read(path: Path) -> list[dict]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _sources() -> list[dict]:
    """The source records, one folder per source (sources/<id>/source.csv), in id order."""
    return [row for path in sorted((DATA.parent / "sources").glob("*/source.csv")) for row in _read(path)]


def _row(rng: random.Random, label: str, value: float, unit: str, lang: str, scale: float,
         axis: str) -> chart_render.ChartRow:
    """One figure with a printed text as a source would print it."""
    qualifier = rng.choice(["exact"] * 7 + ["more_than", "at_least", "approximately"])
    word = LABELS("observations.qualifier", qualifier, lang) + ("" if lang == "zh" else " ") \
        if qualifier != "exact" else ""
    number = chart_render.plain_number(round(value / scale, 2))
    text = f"{word}{number}{axis}" if lang == "zh" else f"{word}{number} {axis}"
    return chart_render.ChartRow(label, value, text, qualifier, "target" if rng.random() < 0.15 else "actual",
                           rng.random() < 0.06, f"obs-{rng.randrange(10**6):06d}", "bench-source")


def sample_charts(n: int, folder: Path, seed: int = 12) -> list[chart_render.Chart]:
    """n varied charts with labels from the real entities, written into folder."""
    rng = random.Random(seed)
    entities, sources = _read(DATA / "entities.csv"), _sources()
    result = []
    for number in range(1, n + 1):
        lang = "en" if number % 3 == 0 else "zh"
        kind = "parts" if number % 7 == 0 else "series" if number % 5 == 0 else "ranking"
        unit = rng.choice(UNITS)
        magnitude = 10 ** rng.uniform(0, 11)
        count = rng.randint(2, 12 if kind != "parts" else 6)
        values = sorted((magnitude * rng.uniform(0.05, 1) for _ in range(count)), reverse=kind == "ranking")
        scale, axis = chart_render.axis_scale(unit, values, lang)
        names = rng.sample([e["name_zh" if lang == "zh" else "name_en"] for e in entities], count)
        if kind == "series":
            names = [f"{2015 + i}年" if lang == "zh" else str(2015 + i) for i in range(count)]
        rows = tuple(_row(rng, name, value, unit, lang, scale, axis) for name, value in zip(names, values))
        total = _row(rng, LABELS("charts.part", "total", lang), sum(values) * rng.uniform(1, 1.5), unit, lang, scale,
                     axis) if kind == "parts" else None
        source = rng.choice(sources)
        footer = (f"来源：《{source['title_zh']}》 · 山东开发区数据 · CC BY 4.0" if lang == "zh"
                  else f"Source: {source['title_en']} · Shandong Development Zones Data · CC BY 4.0")
        title = (f"{rng.choice(entities)['name_zh']}：第{number}组可比数字（{axis}）" if lang == "zh"
                 else f"{rng.choice(entities)['name_en']}: comparable figures, set {number} ({axis})")
        result.append(chart_render.Chart(folder / f"c{number}", f"chart-{number}", lang, title, scale, rows, footer,
                                   LEGENDS[lang], kind, total))
    return result


def measure(n: int = 80) -> dict:
    """Cold-cache wall time per chart for n charts, subset font and full font, each in fresh workers.

    Returns {"charts", "ms_per_chart_subset_font", "ms_per_chart_full_font"} (wall time, as the
    pipeline sees it) and the same keys prefixed "cpu_" (the workers' CPU time per chart, which
    varies less with what else the shared machine is doing)."""
    work = Path(tempfile.mkdtemp(prefix="chart-bench-"))
    try:
        result = {"charts": n}
        for key, subset in (("ms_per_chart_subset_font", True), ("ms_per_chart_full_font", False)):
            sample = sample_charts(n, work / key)
            # A cold font cache too: the subset is cut as part of the measured time.
            chart_font.FONT_CACHE = work / key / "fonts"
            stats = chart_render.write_charts(sample, cache=work / key / "cache", subset_font=subset)
            if stats.rendered != n:
                raise RuntimeError(f"chart bench: expected {n} charts rendered, got {stats}")
            result[key] = round(stats.seconds * 1000 / n, 1)
            result["cpu_" + key] = round(stats.render_cpu_seconds * 1000 / n, 1)
        return result
    finally:
        chart_font.FONT_CACHE = paths.BUILD / "cache" / "fonts"
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    print(json.dumps(measure(int(sys.argv[1]) if len(sys.argv) > 1 else 80)))
