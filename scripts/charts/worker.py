"""What a chart-rendering worker process runs: it builds a chart's Vega-Lite specs and draws them.

vl-convert serialises the threads of one process, so charts render in worker processes. A worker
starts its renderer (`start`) while the parent is still cutting the subset font, registers that font
with its first chart, then builds (Altair) and draws (vl-convert) whole charts (`render`), so the
spec building runs in parallel too.
"""
from __future__ import annotations

import re
import time
from pathlib import Path

import vl_convert

from charts import maps as chart_maps
from charts import spec as chart_spec


# The smallest chart: drawing it starts vl-convert's JavaScript runtime (about half a second).
WARM_UP = {"mark": "point", "data": {"values": [{}]}}
_registered: list[str] = []  # the font folder this worker has made known to vl-convert
# vl-convert numbers gradients with a counter of its process, so a chart's ids depended on which charts
# the worker drew before it, and two builds differed; they are numbered within each file instead.
GRADIENT_ID = re.compile(r"gradient_(\d+)")


def start() -> None:
    """Worker set-up: start the renderer before the first chart (and the font) arrives."""
    vl_convert.vegalite_to_svg(WARM_UP)


def numbered_within(svg: str) -> str:
    """The SVG with its gradient ids numbered from 1 in the order they first appear."""
    numbers: dict[str, str] = {}
    return GRADIENT_ID.sub(lambda m: "gradient_" + numbers.setdefault(m.group(1), str(len(numbers) + 1)), svg)


def render(job: tuple[str, object, str, str | None, str]) -> float:
    """Render one chart into the cache: `<stem>.svg`, `<stem>-narrow.svg` and `<stem>.png` (the wide SVG at 2×, a map at maps.PNG_SCALE).

    job is (cache path stem, charts.Chart, CSS font list, subset font folder or None, d3 format locale).
    The PNG is written last and every file through a temporary name, so a complete PNG means a
    complete chart. Returns the CPU seconds the worker spent on it."""
    started = time.process_time()
    stem, chart, font, font_folder, locale = job
    if font_folder and font_folder not in _registered:
        vl_convert.register_font_directory(font_folder)
        _registered.append(font_folder)
    if isinstance(chart, chart_maps.Map):  # a locator map: its own spec, its paths' coordinates rounded
        wide_svg, narrow_svg = (chart_maps.compact(vl_convert.vegalite_to_svg(
                                    chart_maps.spec(chart, layout, font), allowed_base_urls=[]))
                                for layout in chart_maps.LAYOUTS)
    else:
        wide_svg, narrow_svg = (numbered_within(vl_convert.vegalite_to_svg(chart_spec.spec(chart, layout, font),
                                                                             format_locale=locale))
                                for layout in (chart_spec.WIDE, chart_spec.NARROW))
    # From the SVG already drawn: the same picture, without running Vega a third time (half the cost).
    png = vl_convert.svg_to_png(wide_svg, scale=chart_maps.PNG_SCALE if isinstance(chart, chart_maps.Map) else 2)
    for suffix, content in ((".svg", wide_svg), ("-narrow.svg", narrow_svg), (".png", png)):
        target = Path(stem + suffix)
        partial = target.with_name(target.name + ".partial")
        if isinstance(content, str):
            partial.write_text(content, encoding="utf-8")
        else:
            partial.write_bytes(content)
        partial.replace(target)
    return time.process_time() - started
