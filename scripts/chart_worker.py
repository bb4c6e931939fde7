"""What a chart-rendering worker process runs: vl-convert only, so a worker starts quickly.

vl-convert serialises the threads of one process, so charts render in worker processes, each
registering the charts' subset font once (`start`) and then rendering whole charts (`render`).
"""
from __future__ import annotations

import time
from pathlib import Path

import vl_convert


def start(font_folder: str | None) -> None:
    """Worker set-up: make the subset font (a folder with one font file) known to vl-convert."""
    if font_folder:
        vl_convert.register_font_directory(font_folder)


def render(job: tuple[str, dict, dict, str]) -> float:
    """Render one chart into the cache: `<stem>.svg`, `<stem>-narrow.svg` and `<stem>.png` (the wide SVG at 2×).

    job is (cache path stem, wide spec, narrow spec, d3 format locale). The PNG is written
    last and every file through a temporary name, so a complete PNG means a complete chart.
    Returns the CPU seconds the worker spent on it."""
    started = time.process_time()
    stem, wide, narrow, locale = job
    wide_svg = vl_convert.vegalite_to_svg(wide, format_locale=locale)
    narrow_svg = vl_convert.vegalite_to_svg(narrow, format_locale=locale)
    # From the SVG already drawn: the same picture, without running Vega a third time (half the cost).
    png = vl_convert.svg_to_png(wide_svg, scale=2)
    for suffix, content in ((".svg", wide_svg), ("-narrow.svg", narrow_svg), (".png", png)):
        target = Path(stem + suffix)
        partial = target.with_name(target.name + ".partial")
        if isinstance(content, str):
            partial.write_text(content, encoding="utf-8")
        else:
            partial.write_bytes(content)
        partial.replace(target)
    return time.process_time() - started
