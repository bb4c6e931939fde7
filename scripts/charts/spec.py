"""Vega-Lite specs for the charts, built with Altair (what vl-convert renders is `chart.to_dict()`).

Input: a `charts.Chart` and a layout (WIDE ≈ 600 px, NARROW ≈ 343 px for phones). Output: one
Altair layered chart (`altair_chart`) or its Vega-Lite spec as a dict (`spec`): the title, the
bars (a ranking or series) or one share bar of a stated total (parts), a legend of the marks this
chart uses and a footer line with source, site and licence. Text sizes are chosen so that the
narrow rendering, shown at 343 px, has no text under 11 px. Text widths and line breaks are
estimated here, not by Vega (`wrap`): a label too long for its room wraps onto lines, it is never cut.
"""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass

import altair as alt
from altair.utils.schemapi import debug_mode

ACTUAL = "#3f6ea6"
TARGET_FILL = "#dbe5f1"
SUSPECT = "#c0392b"
REMAINDER = "#d0d0d0"
INK = "#333333"
MUTED = "#595959"
PARTS_PALETTE = ["#3f6ea6", "#e39c37", "#5a9e6f", "#8d6bb1", "#c9675c", "#4fa3b5", "#a58a4c", "#7b8795"]
LOWER_BOUNDS = ("more_than", "at_least")


def open_end(color: str) -> alt.LinearGradient:
    """A left-to-right fill of color fading to white: a lower bound's bar is open, the true value
    lies further right."""
    return alt.LinearGradient(gradient="linear", x1=0, x2=1, y1=0, y2=0,
                              stops=[alt.GradientStop(offset=0, color=color), alt.GradientStop(offset=0.7, color=color),
                                     alt.GradientStop(offset=1, color="#ffffff")])


OPEN_END = open_end(ACTUAL)
TARGET_OPEN_END = open_end(TARGET_FILL)
EMPTY_ROW = alt.Data(values=[{}])  # the data of a mark drawn once, at pixel positions


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
GAP = 10  # px between the plot and what is drawn below it (parts list, legend)
LINE = 3  # px between the lines of a wrapped label, beyond its font size


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

    Not validated against the Vega-Lite schema here, neither the whole (about twenty times the cost
    of building the spec) nor, as Altair's debug mode does, each part as it is made (about as much
    again as the build). The tests validate the specs of sample charts."""
    with debug_mode(False):
        return altair_chart(chart, layout, font).to_dict(validate=False)


def altair_chart(chart, layout: Layout, font: str) -> alt.LayerChart:
    """The chart as one layered Altair chart, configured for layout and the CSS font list font.

    One layered view: every extra view (a concatenated legend or footer) costs vl-convert about
    as much as ten labels, so the legend and footer are marks placed below the plot."""
    body, bottom = parts_body(chart, layout) if chart.kind == "parts" else bars_body(chart, layout)
    indent = 0 if chart.kind == "parts" else label_room(chart, layout)  # start under the bar labels
    legend, height = legend_layers(legend_items(chart), layout, indent, bottom)
    # Set on the body just built rather than with add_layers/properties/configure, each of which
    # deep-copies every layer (and validates its argument) again.
    body.layer = [*body.layer, *legend, footer_layer(chart.footer, layout, indent, bottom + height)]
    body.title = alt.Title(text=wrap(chart.title, layout.width - 2 * PADDING, layout.title_size), anchor="start",
                           frame="bounds", fontSize=layout.title_size, color=INK, offset=8)
    body.padding = PADDING
    body.config = alt.Config(font=font, view=alt.ViewConfig(stroke=None))
    return body


def when(channel: type, test: str, then, otherwise):
    """A value of channel (e.g. alt.ColorValue): then where the Vega expression test holds, else otherwise.
    Typed here, since `encode` would otherwise search Altair's schema for the type of a plain condition."""
    return channel(**alt.when(test).then(alt.value(then)).otherwise(alt.value(otherwise)))


def _x_scale(values: list[float], room: float, plot: float, **extra) -> alt.X:
    """The value scale, drawn without an axis: every bar carries its value as printed, with its unit, so
    tick labels, an axis title and gridlines would repeat it (and each text costs the renderer about a
    millisecond). The domain is widened so that the labels at the bar ends fit. extra: more X properties."""
    low = min([0.0] + values)
    high = max([0.0] + values) or 1.0
    domain = [low, high * plot / max(plot - room, plot / 3)]
    return alt.X("v:Q", axis=None, scale=alt.Scale(domain=domain, nice=False, zero=True), **extra)


def bar_rows(chart, layout: Layout) -> list[dict]:
    """The data of a ranking or series: one record per bar, values in axis units, each label whole,
    wrapped onto as many lines ("lines", n of them) as its room needs. Wrapping here rather than with
    Vega's `limit` spares vl-convert a dozen text measurements per label."""
    room = layout.width - 2 * PADDING if layout.labels_above else LABEL_LIMIT
    rows = [{"label": r.label, "lines": wrap(r.label, room, layout.label_size) or [""], "v": r.value / chart.scale,
             "text": bar_text(r, chart), "target": r.status == "target", "suspect": r.suspect,
             "lower": r.qualifier in LOWER_BOUNDS} for r in chart.rows]
    for row in rows:
        row["n"] = len(row["lines"])
    return rows


def row_step(rows: list[dict], layout: Layout) -> float:
    """The height of each bar's row: room for the longest label's lines (above the bar when narrow)."""
    lines = max(row["n"] for row in rows)
    height = layout.label_size + LINE
    return layout.step + (lines - 1) * height if layout.labels_above else max(layout.step, lines * height + 8)


def label_room(chart, layout: Layout) -> float:
    """Width left of the bars for their labels: none when labels sit above the bars."""
    if layout.labels_above:
        return 0
    return min(LABEL_LIMIT, max(text_width(r.label, layout.label_size) for r in chart.rows)) + 8


def bars_body(chart, layout: Layout) -> tuple[alt.LayerChart, float]:
    """Bars in the caller's order, each labelled left of it (wide) or above it (narrow), the printed
    value at each bar's end; and the y (px) below the plot where the legend can start."""
    rows = bar_rows(chart, layout)
    step = row_step(rows, layout)
    plot = layout.width - 2 * PADDING - label_room(chart, layout)
    text_room = max(text_width(r["text"], layout.small_size) for r in rows) + 10
    x = _x_scale([r["v"] for r in rows], text_room, plot)
    y = alt.Y("label:N", sort=None, title=None, axis=None)
    values = alt.Chart().mark_text(align="left", baseline="middle", dx=4, fontSize=layout.small_size).encode(
        x=alt.X("end:Q"), y=y, text=alt.Text(field="text"), color=when(alt.ColorValue, "datum.suspect", SUSPECT, INK))
    height = step * len(rows)
    end = alt.CalculateTransform(calculate="max(datum.v, 0)", **{"as": "end"})  # "as" is a Python keyword
    return alt.LayerChart(layer=[_bar_layer(layout, x, y), values, *label_layers(rows, layout, y)], data=alt.Data(values=rows),
                          width=plot, height=height, transform=[end]), height + GAP


def label_layers(rows: list[dict], layout: Layout, y: alt.Y) -> list[alt.Chart]:
    """The bars' labels, one layer per number of lines: Vega draws a label's further lines below its
    first, so a label of n lines is moved up by its extra lines (above the bar, narrow) or by half of
    them (centred on the bar, wide)."""
    height = layout.label_size + LINE
    layers = []
    for n in sorted({row["n"] for row in rows}):
        mark = {"align": "left", "baseline": "bottom", "dy": -layout.bar / 2 - 2 - (n - 1) * height} if layout.labels_above \
            else {"align": "right", "baseline": "middle", "dy": -(n - 1) * height / 2}
        layer = alt.Chart().mark_text(fontSize=layout.label_size, lineHeight=height, color=INK, **mark).encode(
            x=alt.XValue(0 if layout.labels_above else -6), y=y, text=alt.Text(field="lines"))
        layer.transform = [alt.FilterTransform(filter=f"datum.n == {n}")]
        layers.append(layer)
    return layers


def _bar_layer(layout: Layout, x: alt.X, y: alt.Y) -> alt.Chart:
    """The bars: targets outlined, lower bounds open-ended, suspect figures with a dashed red edge."""
    fill = alt.when("datum.target && datum.lower").then(alt.value(TARGET_OPEN_END)) \
        .when("datum.target").then(alt.value(TARGET_FILL)) \
        .when("datum.lower").then(alt.value(OPEN_END)).otherwise(alt.value(ACTUAL))
    # An actual bar has no edge, so a lower bound's faded end stays open.
    stroke_width = alt.when("datum.suspect").then(alt.value(2)).when("datum.target").then(alt.value(1.5)) \
        .otherwise(alt.value(0))
    return alt.Chart().mark_bar(size=layout.bar).encode(
        x=x, y=y, fill=alt.FillValue(**fill), stroke=when(alt.StrokeValue, "datum.suspect", SUSPECT, ACTUAL),
        strokeDash=when(alt.StrokeDashValue, "datum.suspect", [4, 2], [1, 0]),
        strokeWidth=alt.StrokeWidthValue(**stroke_width))


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


def parts_body(chart, layout: Layout) -> tuple[alt.LayerChart, float]:
    """One bar of the stated total split into its parts (and the unlisted rest), then the parts listed;
    and the y (px) below the list where the legend can start."""
    rows = part_rows(chart)
    plot = layout.width - 2 * PADDING
    total = chart.total.value / chart.scale
    x = _x_scale([total, sum(r["v"] for r in rows)], 0, plot, stack="zero")
    bar_height = 26
    share_bar = alt.Chart().mark_bar().encode(
        x=x, order=alt.Order(field="order"), fill=alt.Fill("color:N", scale=None),
        stroke=when(alt.StrokeValue, "datum.suspect", SUSPECT, "#ffffff"),
        strokeWidth=when(alt.StrokeWidthValue, "datum.suspect", 2, 1))
    total_rule = alt.Chart().mark_rule(color=INK, strokeWidth=1.5, y=-4, y2=bar_height + 4).encode(
        x=alt.XDatum(total, type="quantitative"))
    top = bar_height + GAP
    listed, height = parts_list_layers(chart, rows, layout, plot, top)
    return alt.LayerChart(layer=[share_bar, total_rule, *listed], data=alt.Data(values=rows), width=plot,
                          height=bar_height), top + height


def parts_list_layers(chart, rows: list[dict], layout: Layout, plot: float, top: float) -> tuple[list[alt.Chart], float]:
    """The stated total, then each part with its colour, its value as printed and its share, from y=top;
    and the list's height."""
    size, line, wrapped = layout.label_size, layout.label_size + 8, layout.label_size + LINE
    gap = "\u3000" if chart.lang == "zh" else "  "
    total_line = f"{chart.total.label}：{bar_text(chart.total, chart)}" if chart.lang == "zh" else \
        f"{chart.total.label}: {bar_text(chart.total, chart)}"
    total_lines = wrap(total_line, plot, size)
    y = top + line + (len(total_lines) - 1) * wrapped
    items = []
    for r in rows:  # each part's line, wrapped: the next part starts below its last line
        lines = wrap(gap.join(p for p in (r["label"], r["text"], r["share"]) if p), plot - 20, size)
        items.append({"y": y, "y2": y + line - 6, "yt": y + 3, "color": r["color"], "suspect": r["suspect"], "lines": lines})
        y += line + (len(lines) - 1) * wrapped
    data = alt.Data(values=items)
    total_text = alt.Chart(EMPTY_ROW).mark_text(
        text=total_lines, x=0, y=top + 3, align="left", baseline="top", lineHeight=wrapped,
        fontSize=size, fontWeight="bold", color=INK)
    swatches = alt.Chart(data).mark_rect().encode(
        x=alt.XValue(0), x2=alt.X2Value(14), y=alt.Y("y:Q", scale=None), y2=alt.Y2("y2"),
        fill=alt.Fill("color:N", scale=None))
    texts = alt.Chart(data).mark_text(align="left", baseline="top", fontSize=size, lineHeight=wrapped).encode(
        x=alt.XValue(20), y=alt.Y("yt:Q", scale=None), text=alt.Text(field="lines"),
        color=when(alt.ColorValue, "datum.suspect", SUSPECT, INK))
    return [total_text, swatches, texts], y - top + 6


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


def legend_layers(items: list[tuple[str, str]], layout: Layout, indent: float, top: float) -> tuple[list[alt.Chart], float]:
    """Swatches and texts in a row (wrapping when needed) from y=top, starting indent px left of the
    plot; and the legend's height (0 when there is nothing to explain)."""
    width, size, line = layout.width - 2 * PADDING, layout.small_size, layout.small_size + 9
    layers, x, y, extra = [], 0.0, top, 0.0
    for kind, text in items:
        room = 22 + text_width(text, size)
        if x and x + room > width:
            x, y, extra = 0.0, y + line + extra, 0.0
        lines = wrap(text, width - x - 22, size)  # a text wider than the chart wraps under itself
        extra = max(extra, (len(lines) - 1) * (size + LINE))
        layers.append(alt.Chart(EMPTY_ROW).mark_rect(
            **SWATCH[kind], x=x + 1 - indent, x2=x + 17 - indent, y=y + 2, y2=y + line - 7))
        layers.append(alt.Chart(EMPTY_ROW).mark_text(
            text=lines, x=x + 22 - indent, y=y + (line - 5) / 2, align="left", lineHeight=size + LINE,
            baseline="middle", fontSize=size, color=INK))
        x += min(room, width - x) + 14
    return layers, (y - top + line + extra + 4 if items else 0)


def footer_layer(footer: str, layout: Layout, indent: float, top: float) -> alt.Chart:
    """The footer line (source, site, licence) from y=top, wrapped to the chart's width, so a copied
    image keeps its attribution."""
    width, size = layout.width - 2 * PADDING, layout.small_size
    lines = wrap(footer.replace("CC BY ", "CC\u00a0BY\u00a0"), width, size)  # the licence on one line
    return alt.Chart(EMPTY_ROW).mark_text(text=lines, x=-indent, y=top + 4, align="left", baseline="top",
                                          fontSize=size, lineHeight=size + 4, color=MUTED)
