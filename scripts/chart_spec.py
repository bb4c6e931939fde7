"""Vega-Lite specs for the charts, as plain JSON dicts (what vl-convert renders).

Input: a `charts.Chart` and a layout (WIDE ≈ 600 px, NARROW ≈ 343 px for phones). Output: one
Vega-Lite spec: the title, the bars (a ranking or series) or one share bar of a stated total
(parts), a legend of the marks this chart uses and a footer line with source, site and licence.
Text sizes are chosen so that the narrow rendering, shown at 343 px, has no text under 11 px.
"""
from __future__ import annotations

import math
import unicodedata
from dataclasses import dataclass

ACTUAL = "#3f6ea6"
TARGET_FILL = "#dbe5f1"
SUSPECT = "#c0392b"
REMAINDER = "#d0d0d0"
INK = "#333333"
MUTED = "#595959"
PARTS_PALETTE = ["#3f6ea6", "#e39c37", "#5a9e6f", "#8d6bb1", "#c9675c", "#4fa3b5", "#a58a4c", "#7b8795"]
LOWER_BOUNDS = ("more_than", "at_least")
# A lower bound fades out at its end: the bar is open, the true value lies further right.
OPEN_END = {"gradient": "linear", "x1": 0, "x2": 1, "y1": 0, "y2": 0,
            "stops": [{"offset": 0, "color": ACTUAL}, {"offset": 0.7, "color": ACTUAL}, {"offset": 1, "color": "#ffffff"}]}
TARGET_OPEN_END = dict(OPEN_END, stops=[{"offset": 0, "color": TARGET_FILL}, {"offset": 0.7, "color": TARGET_FILL},
                                        {"offset": 1, "color": "#ffffff"}])
AXIS_FORMAT = ",~r"  # grouped digits, trailing zeros trimmed, never an exponent


@dataclass(frozen=True)
class Layout:
    """Sizes of one rendering: total width, fonts, row height, and whether labels sit above bars."""
    name: str
    width: int
    title_size: int
    label_size: int
    small_size: int
    step: int
    bar: int
    labels_above: bool


WIDE = Layout("wide", 600, 15, 12, 11, 26, 16, False)
NARROW = Layout("narrow", 336, 14, 12, 11, 42, 14, True)
PADDING = 6
NO_LINE_START = "）》」』】，。、：；！？”’%…·,.:;!?)"
LABEL_LIMIT = 220


def text_width(text: str, size: float) -> float:
    """Estimated drawn width in px: wide characters one em (with the CJK font, so are the ambiguous
    ones such as “ ” ≥ ·), others about 0.55 em."""
    return sum(size if unicodedata.east_asian_width(c) in "WFA" else 0.55 * size for c in text)


def wrap(text: str, width: float, size: float) -> list[str]:
    """text cut into lines no wider than width (estimated); breaks at spaces for Latin words."""
    lines, line = [], ""
    for word in _words(text):
        # Chinese rule: closing punctuation never starts a line; it may overhang a little instead.
        if line and text_width(line + word, size) > width and word[0] not in NO_LINE_START:
            lines.append(line.rstrip())
            line = word.lstrip()
        else:
            line += word
    return lines + [line.rstrip()] if line.strip() else lines


def _words(text: str) -> list[str]:
    """Breakable pieces: each wide character alone, Latin runs with their following space."""
    pieces, run = [], ""
    for c in text:
        if unicodedata.east_asian_width(c) in "WF":
            pieces += [run, c] if run else [c]
            run = ""
        else:
            run += c
            if c == " ":
                pieces.append(run)
                run = ""
    return [p for p in pieces + [run] if p]


def bar_text(row, chart) -> str:
    """The label at a bar's end: the value as printed, and the doubt when the figure is suspect."""
    if not row.suspect:
        return row.value_text
    mark = chart.legend["suspect"]
    return f"{row.value_text}（{mark}）" if chart.lang == "zh" else f"{row.value_text} ({mark})"


def spec(chart, layout: Layout, font: str) -> dict:
    """The whole Vega-Lite spec of chart in layout, text drawn in the CSS font list font.

    One layered view: every extra view (a concatenated legend or footer) costs vl-convert about
    as much as ten labels, so the legend and footer are marks placed below the axis."""
    body, bottom = parts_body(chart, layout) if chart.kind == "parts" else bars_body(chart, layout)
    indent = 0 if chart.kind == "parts" else label_room(chart, layout)  # start under the bar labels
    legend, height = legend_layers(legend_items(chart), layout, indent, bottom)
    body["layer"] += legend + [footer_layer(chart.footer, layout, indent, bottom + height)]
    title = wrap(chart.title, layout.width - 2 * PADDING, layout.title_size)
    return dict(body, **{
        "$schema": "https://vega.github.io/schema/vega-lite/v5.json",
        "title": {"text": title, "anchor": "start", "frame": "bounds",
                  "fontSize": layout.title_size, "color": INK, "offset": 8},
        "padding": PADDING,
        "config": {"font": font, "view": {"stroke": None},
                   "axis": {"labelFontSize": layout.small_size, "titleFontSize": layout.small_size,
                            "labelColor": INK, "titleColor": MUTED, "titleFontWeight": "normal",
                            "gridColor": "#e6e6e6", "domainColor": "#888", "tickColor": "#888"}},
    })


def axis_room(layout: Layout) -> float:
    """Height of the value axis below a plot: ticks, tick labels and the axis title."""
    return 2 * layout.small_size + 24


def _x_axis(chart, layout: Layout, values: list[float], room: float, plot: float) -> tuple[dict, list]:
    """The value axis in the chart's unit, its domain widened so that the labels at the bar ends fit;
    ticks only up to the data, so the widening does not read as data."""
    low = min([0.0] + values)
    high = max([0.0] + values) or 1.0
    domain = [low, high * plot / max(plot - room, plot / 3)]
    axis = {"title": chart.axis_title, "format": AXIS_FORMAT, "labelFlush": True, "labelOverlap": True,
            "values": nice_ticks(low, high, 3 if layout.labels_above else 5)}
    return {"field": "v", "type": "quantitative", "axis": axis, "scale": {"domain": domain, "nice": False, "zero": True}}, domain


def nice_ticks(low: float, high: float, count: int) -> list[float]:
    """About count round tick values (steps of 1, 2 or 5 × 10^k) from low to high, zero included."""
    raw = (high - low) / count
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 5, 10) if m * power >= raw)
    first = math.ceil(low / step)
    return [round(i * step, 12) for i in range(first, math.floor(high / step) + 1)]


def bar_rows(chart, layout: Layout) -> list[dict]:
    """The data of a ranking or series: one record per bar, values in axis units, labels cut to fit."""
    room = layout.width - 2 * PADDING if layout.labels_above else LABEL_LIMIT
    return [{"label": r.label, "short": fit(r.label, room, layout.label_size), "v": r.value / chart.scale,
             "text": bar_text(r, chart), "target": r.status == "target", "suspect": r.suspect,
             "lower": r.qualifier in LOWER_BOUNDS} for r in chart.rows]


def fit(text: str, width: float, size: float) -> str:
    """text cut (with "…") to an estimated width. Cutting here rather than with Vega's `limit`
    spares vl-convert a dozen text measurements per label, half of a narrow chart's time."""
    if text_width(text, size) <= width:
        return text
    while text and text_width(text + "…", size) > width:
        text = text[:-1]
    return text.rstrip() + "…"


def label_room(chart, layout: Layout) -> float:
    """Width left of the bars for their labels: none when labels sit above the bars."""
    if layout.labels_above:
        return 0
    return min(LABEL_LIMIT, max(text_width(r.label, layout.label_size) for r in chart.rows)) + 8


def bars_body(chart, layout: Layout) -> tuple[dict, float]:
    """Bars in the caller's order, each labelled left of it (wide) or above it (narrow), the printed
    value at each bar's end; and the y (px) below the axis where the legend can start."""
    rows = bar_rows(chart, layout)
    plot = layout.width - 2 * PADDING - label_room(chart, layout)
    text_room = max(text_width(r["text"], layout.small_size) for r in rows) + 10
    x, _ = _x_axis(chart, layout, [r["v"] for r in rows], text_room, plot)
    y = {"field": "label", "type": "nominal", "sort": None, "title": None, "axis": None}
    label_mark = {"align": "left", "baseline": "bottom", "dy": -layout.bar / 2 - 2} if layout.labels_above \
        else {"align": "right", "baseline": "middle"}
    layers = [_bar_layer(layout, x, y),
              {"mark": {"type": "text", "align": "left", "baseline": "middle", "dx": 4, "fontSize": layout.small_size},
               "encoding": {"x": {"field": "end", "type": "quantitative"}, "y": y, "text": {"field": "text"},
                            "color": {"condition": {"test": "datum.suspect", "value": SUSPECT}, "value": INK}}},
              {"mark": dict(label_mark, type="text", fontSize=layout.label_size, color=INK),
               "encoding": {"x": {"value": 0 if layout.labels_above else -6}, "y": y, "text": {"field": "short"}}}]
    height = layout.step * len(rows)
    return {"data": {"values": rows}, "width": plot, "height": height,
            "transform": [{"calculate": "max(datum.v, 0)", "as": "end"}], "layer": layers}, height + axis_room(layout)


def _bar_layer(layout: Layout, x: dict, y: dict) -> dict:
    """The bars: targets outlined, lower bounds open-ended, suspect figures with a dashed red edge."""
    return {"mark": {"type": "bar", "size": layout.bar},
            "encoding": {"x": x, "y": y,
                         "fill": {"condition": [{"test": "datum.target && datum.lower", "value": TARGET_OPEN_END},
                                                {"test": "datum.target", "value": TARGET_FILL},
                                                {"test": "datum.lower", "value": OPEN_END}], "value": ACTUAL},
                         "stroke": {"condition": {"test": "datum.suspect", "value": SUSPECT}, "value": ACTUAL},
                         "strokeDash": {"condition": {"test": "datum.suspect", "value": [4, 2]}, "value": [1, 0]},
                         # An actual bar has no edge, so a lower bound's faded end stays open.
                         "strokeWidth": {"condition": [{"test": "datum.suspect", "value": 2},
                                                       {"test": "datum.target", "value": 1.5}], "value": 0}}}


def share_text(value: float, total: float) -> str:
    """A part's share of its total in percent, one decimal, no trailing zero."""
    return f"{value / total * 100:.1f}".rstrip("0").rstrip(".") + "%" if total else ""


def part_rows(chart) -> list[dict]:
    """The segments of the share bar: the parts in order, then what the text leaves unlisted."""
    total = chart.total.value
    rows = [{"label": r.label, "v": r.value / chart.scale, "text": bar_text(r, chart), "share": share_text(r.value, total),
             "suspect": r.suspect, "lower": r.qualifier in LOWER_BOUNDS, "color": PARTS_PALETTE[i % len(PARTS_PALETTE)]}
            for i, r in enumerate(chart.rows)]
    rest = total - sum(r.value for r in chart.rows)
    if rest > 0:
        rows.append({"label": chart.legend["remainder"], "v": rest / chart.scale, "text": "", "suspect": False,
                     "share": share_text(rest, total), "lower": False, "color": REMAINDER})
    for order, row in enumerate(rows):
        row["order"] = order
    return rows


def parts_body(chart, layout: Layout) -> tuple[dict, float]:
    """One bar of the stated total split into its parts (and the unlisted rest), then the parts listed;
    and the y (px) below the list where the legend can start."""
    rows = part_rows(chart)
    plot = layout.width - 2 * PADDING
    total = chart.total.value / chart.scale
    x, _ = _x_axis(chart, layout, [total, sum(r["v"] for r in rows)], 0, plot)
    bar_height = 26
    layers = [
        {"mark": {"type": "bar"},
         "encoding": {"x": dict(x, stack="zero"), "order": {"field": "order"},
                      "fill": {"field": "color", "type": "nominal", "scale": None},
                      "stroke": {"condition": {"test": "datum.suspect", "value": SUSPECT}, "value": "#ffffff"},
                      "strokeWidth": {"condition": {"test": "datum.suspect", "value": 2}, "value": 1}}},
        {"mark": {"type": "rule", "color": INK, "strokeWidth": 1.5, "y": -4, "y2": bar_height + 4},
         "encoding": {"x": {"datum": total, "type": "quantitative"}}}]
    top = bar_height + axis_room(layout)
    listed, height = parts_list_layers(chart, rows, layout, plot, top)
    return {"data": {"values": rows}, "width": plot, "height": bar_height, "layer": layers + listed}, top + height


def parts_list_layers(chart, rows: list[dict], layout: Layout, plot: float, top: float) -> tuple[list[dict], float]:
    """The stated total, then each part with its colour, its value as printed and its share, from y=top;
    and the list's height."""
    line = layout.label_size + 8
    gap = "\u3000" if chart.lang == "zh" else "  "
    items = [{"y": top + i * line, "y2": top + (i + 1) * line - 6, "ym": top + i * line + line / 2 - 2,
              "color": r["color"], "suspect": r["suspect"],
              "line": fit(gap.join(p for p in (r["label"], r["text"], r["share"]) if p), plot - 20, layout.label_size)}
             for i, r in enumerate(rows, start=1)]
    total_line = f"{chart.total.label}：{bar_text(chart.total, chart)}" if chart.lang == "zh" else \
        f"{chart.total.label}: {bar_text(chart.total, chart)}"
    pixel = {"scale": None, "type": "quantitative"}
    data = {"values": items}
    return [
        {"data": {"values": [{}]},
         "mark": {"type": "text", "text": fit(total_line, plot, layout.label_size), "x": 0, "y": top + line / 2 - 2,
                  "align": "left", "baseline": "middle", "fontSize": layout.label_size, "fontWeight": "bold", "color": INK}},
        {"data": data, "mark": {"type": "rect"},
         "encoding": {"x": {"value": 0}, "x2": {"value": 14}, "y": dict(pixel, field="y"), "y2": dict(pixel, field="y2"),
                      "fill": {"field": "color", "type": "nominal", "scale": None}}},
        {"data": data, "mark": {"type": "text", "align": "left", "baseline": "middle", "fontSize": layout.label_size},
         "encoding": {"x": {"value": 20}, "y": dict(pixel, field="ym"), "text": {"field": "line"},
                      "color": {"condition": {"test": "datum.suspect", "value": SUSPECT}, "value": INK}}}], \
        line * (len(items) + 1) + 6


def legend_items(chart) -> list[tuple[str, str]]:
    """(mark kind, text) for each kind of mark the chart draws that needs explaining."""
    rows = list(chart.rows) + ([chart.total] if chart.total else [])
    targets = any(r.status == "target" for r in rows) and chart.kind != "parts"
    items = []
    if targets and any(r.status == "actual" for r in rows):
        items.append(("actual", chart.legend["actual"]))
    if targets:
        items.append(("target", chart.legend["target"]))
    if any(r.qualifier in LOWER_BOUNDS for r in chart.rows) and chart.kind != "parts":
        items.append(("qualified", chart.legend["qualified"]))
    if any(r.suspect for r in rows):
        items.append(("suspect", chart.legend["suspect"]))
    return items


SWATCH = {"actual": {"fill": ACTUAL}, "target": {"fill": TARGET_FILL, "stroke": ACTUAL, "strokeWidth": 1.5},
          "qualified": {"fill": OPEN_END}, "suspect": {"fill": ACTUAL, "stroke": SUSPECT, "strokeWidth": 2, "strokeDash": [4, 2]}}


def legend_layers(items: list[tuple[str, str]], layout: Layout, indent: float, top: float) -> tuple[list[dict], float]:
    """Swatches and texts in a row (wrapping when needed) from y=top, starting indent px left of the
    plot; and the legend's height (0 when there is nothing to explain)."""
    width, size, line = layout.width - 2 * PADDING, layout.small_size, layout.small_size + 9
    layers, x, y = [], 0.0, top
    for kind, text in items:
        room = 22 + text_width(text, size)
        if x and x + room > width:
            x, y = 0.0, y + line
        layers.append({"data": {"values": [{}]},
                       "mark": dict(SWATCH[kind], type="rect", x=x + 1 - indent, x2=x + 17 - indent, y=y + 2, y2=y + line - 7)})
        layers.append({"data": {"values": [{}]},
                       "mark": {"type": "text", "text": fit(text, width - x - 22, size), "x": x + 22 - indent,
                                "y": y + (line - 5) / 2, "align": "left", "baseline": "middle", "fontSize": size, "color": INK}})
        x += room + 14
    return layers, (y - top + line + 4 if items else 0)


def footer_layer(footer: str, layout: Layout, indent: float, top: float) -> dict:
    """The footer line (source, site, licence) from y=top, wrapped to the chart's width, so a copied
    image keeps its attribution."""
    width, size = layout.width - 2 * PADDING, layout.small_size
    lines = wrap(footer.replace("CC BY ", "CC\u00a0BY\u00a0"), width, size)  # the licence on one line
    return {"data": {"values": [{}]},
            "mark": {"type": "text", "text": lines, "x": -indent, "y": top + 4, "align": "left", "baseline": "top",
                     "fontSize": size, "lineHeight": size + 4, "color": MUTED}}
