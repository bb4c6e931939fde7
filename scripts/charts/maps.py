"""Locator maps: Vega-Lite geoshape specs (Altair), rendered like the charts (charts/render.py).

A `Map` is two panels: the overview (Shandong's cities, some outlined or filled) and the detail (the
counties of one or two cities, some filled, with numbered marks, each linking to a zone's page: a red dot
for a zone placed in its county, a white square for one the sources place only in its city). The
boundaries come in as GeoJSON geometries already simplified by the geo step (models/geo.py), so a map
is drawn from its own data, offline. The wide rendering puts the panels side by side, the narrow one
(phones) one above the other; the credit line (boundary data, source, licence) is drawn under them.
"""
from __future__ import annotations

import csv
import json
import re
from dataclasses import dataclass
from pathlib import Path

import altair as alt
from altair.utils.schemapi import debug_mode

from charts import spec as chart_spec

# What a shape is on a map, and how it is drawn: (fill, stroke, stroke width).
ROLES = {
    "base": ("#f1f1ee", "#b9b9b4", 0.5),
    "other": ("#f1f1ee", "#c9c9c4", 0.4),     # a shape of the detail that holds no marked zone
    "holds": ("#dbe5f1", "#7f9cc0", 0.7),     # holds a marked zone, or is the place a zone is shown in
    "filled": ("#3f6ea6", "#ffffff", 0.8),    # the county (or city) the map is about
    "outlined": ("#c0392b22", "#c0392b", 2.0),  # the city the map is about
}
MARK = "#c0392b"
# How a mark is drawn, by the level the zone is placed at: (shape, fill, stroke, number's colour).
MARK_STYLES = {"county": ("circle", MARK, "#ffffff", "#ffffff"), "city": ("square", "#ffffff", MARK, MARK)}
CSV_FIELDS = ["number", "zone", "place", "placed_at", "href"]
# Vega writes path coordinates to 0.001 px; a tenth of a pixel is as sharp at 2× and makes a map a third smaller.
BASE_URL = "https://vega.github.io/vega-datasets/"
COORDINATE = re.compile(r"(\d+\.\d)\d+")
TRANSLATE = re.compile(r"translate\([-\d.,]+\)")


@dataclass(frozen=True)
class Shape:
    name: str             # the place's name in the map's language
    role: str             # a key of ROLES
    geometry: str         # GeoJSON geometry, as JSON text


@dataclass(frozen=True)
class Mark:
    number: int           # drawn in the circle, and in the key under the map
    name: str             # the zone's name in the map's language
    place: str            # the county (or city) it is shown in
    lon: float
    lat: float
    href: str             # the zone page, relative to the page that shows the map
    level: str = "county"  # a key of MARK_STYLES: the zone's county, or only its city (the sources name no county)


@dataclass(frozen=True)
class PlaceName:
    """A place's name drawn on the detail beside its point (a block of squares' city), clear of a mark there."""
    text: str
    lon: float
    lat: float
    side: str             # a key of LABEL_SIDES


@dataclass(frozen=True)
class Map:
    folder: Path
    name: str             # file stem, e.g. "map"
    lang: str
    title: str            # for the text alternative and the file's title
    footer: str           # the credit line drawn under the map
    overview: tuple[Shape, ...]
    detail: tuple[Shape, ...]
    marks: tuple[Mark, ...] = ()
    place_names: tuple[PlaceName, ...] = ()
    # The marks carry their numbers, which the key under the map lists; a zone's own map has no key, and a
    # number there would refer to nothing.
    numbered: bool = True


@dataclass(frozen=True)
class MapLayout:
    name: str
    overview: tuple[int, int]   # width, height
    detail: tuple[int, int]
    side_by_side: bool
    font_size: int


WIDE = MapLayout("wide", (230, 170), (340, 300), True, 12)
NARROW = MapLayout("narrow", (320, 170), (320, 290), False, 13)
LAYOUTS = (WIDE, NARROW)
# A map's PNG (a download; pages show the SVG) is drawn at the size the page shows the map, not at 2× as a
# chart's: at 2× the maps' PNGs were 12.5 MB of the site, a third of it less at 1×, and the SVG is the sharp copy.
PNG_SCALE = 1


def check(item: Map) -> None:
    """Raise ValueError naming the map of anything it cannot draw."""
    problems = [f"lang '{item.lang}' is not zh or en"] * (item.lang not in ("zh", "en"))
    problems += ["has no detail shapes"] * (not item.detail)
    problems += [f"shape '{s.name}': role '{s.role}' is unknown" for s in (*item.overview, *item.detail) if s.role not in ROLES]
    numbers = [m.number for m in item.marks]
    problems += ["mark numbers repeat"] * (len(set(numbers)) != len(numbers))
    problems += [f"mark {m.number}: level '{m.level}' is unknown" for m in item.marks if m.level not in MARK_STYLES]
    problems += [f"place name '{name.text}': side '{name.side}' is not one of {', '.join(LABEL_SIDES)}"
                 for name in item.place_names if name.side not in LABEL_SIDES]
    if problems:
        raise ValueError(f"map {item.folder / item.name}: " + "; ".join(problems))


def texts(item: Map) -> list[str]:
    """Every text the map draws (for the subset font)."""
    return [item.footer, *(str(m.number) for m in item.marks if item.numbered), *(name.text for name in item.place_names)]


def write_csvs(item: Map) -> None:
    """`<name>.csv` and `<name>.utf8-bom.csv`: the marked zones, their numbers and the places they are shown in."""
    for suffix, encoding in ((".csv", "utf-8"), (".utf8-bom.csv", "utf-8-sig")):
        with (item.folder / f"{item.name}{suffix}").open("w", encoding=encoding, newline="") as handle:
            writer = csv.writer(handle, lineterminator="\n")
            writer.writerow(CSV_FIELDS)
            writer.writerows([m.number, m.name, m.place, m.level, m.href] for m in item.marks)


def _features(shapes: tuple[Shape, ...]) -> list[dict]:
    # Drawn in data order: the plain shapes first, the outlined city last, on top.
    order = list(ROLES)
    ranked = sorted(shapes, key=lambda s: order.index(s.role))
    return [{"type": "Feature", "geometry": json.loads(s.geometry), "properties": {"name": s.name, "role": s.role}}
            for s in ranked]


def _shapes_layer(shapes: tuple[Shape, ...]) -> alt.Chart:
    roles = list(ROLES)
    scale = {channel: alt.Scale(domain=roles, range=[ROLES[r][i] for r in roles])
             for i, channel in enumerate(("fill", "stroke", "width"))}
    # The shapes are the ground, not content: hidden from screen readers (the caption says what is shown).
    return alt.Chart(alt.Data(values=_features(shapes))).mark_geoshape(aria=False).encode(
        fill=alt.Fill("properties.role:N", scale=scale["fill"], legend=None),
        stroke=alt.Stroke("properties.role:N", scale=scale["stroke"], legend=None),
        strokeWidth=alt.StrokeWidth("properties.role:N", scale=scale["width"], legend=None),
        tooltip=alt.Tooltip("properties.name:N"))


def _panel(shapes, size: tuple[int, int], extra: list[alt.Chart]) -> alt.LayerChart:
    # Built whole, not step by step: altair copies a chart, its layers included, at every step.
    return alt.LayerChart(layer=[_shapes_layer(shapes), *extra], width=size[0], height=size[1],
                          projection=alt.Projection(type="mercator"))


def _numbered(item: Map, layout: MapLayout, level: str) -> list[alt.Chart]:
    """The marks of one level: a symbol linking to the zone (named for screen readers), its number on top
    (not a link of its own: clicks pass through it to the symbol, compact() says so)."""
    marks = [m for m in item.marks if m.level == level]
    if not marks:
        return []
    shape, fill, stroke, ink = MARK_STYLES[level]
    data = alt.Data(values=[{"n": str(m.number), "name": m.name, "lon": m.lon, "lat": m.lat, "href": m.href}
                            for m in marks])
    where = dict(longitude=alt.Longitude("lon:Q"), latitude=alt.Latitude("lat:Q"))
    symbol = alt.Chart(data).mark_point(shape=shape, size=300 if shape == "circle" else 240, filled=True, fill=fill,
                                        opacity=1, stroke=stroke, strokeWidth=1.2 if shape == "circle" else 2)
    number = alt.Chart(data).mark_text(color=ink, fontSize=layout.font_size - 1, fontWeight="bold", baseline="middle",
                                       aria=False)
    return ([symbol.encode(href=alt.Href("href:N"), description=alt.Description("name:N"), **where)]
            + [number.encode(text=alt.Text("n:N"), **where)] * item.numbered)


# Where a name is drawn beside its point (a block of squares' city), clear of a mark of about 16 px there:
# its middle this far above or below, or its near end this far to the right or left.
LABEL_SIDES = {"above": dict(dy=-19), "below": dict(dy=19), "right": dict(dx=13, align="left"),
               "left": dict(dx=-13, align="right")}


def _mark_layers(item: Map, layout: MapLayout) -> list[alt.Chart]:
    layers = [*_numbered(item, layout, "county"), *_numbered(item, layout, "city")]
    for side, offset in LABEL_SIDES.items():
        values = [{"t": name.text, "lon": name.lon, "lat": name.lat} for name in item.place_names if name.side == side]
        if not values:
            continue
        text = dict(color=chart_spec.INK, fontSize=layout.font_size, fontWeight="bold", baseline="middle", aria=False,
                    **offset)
        where = dict(longitude=alt.Longitude("lon:Q"), latitude=alt.Latitude("lat:Q"), text=alt.Text("t:N"))
        # The name on a white halo (so that it reads over boundaries), then the name itself.
        layers.append(alt.Chart(alt.Data(values=values)).mark_text(**text, stroke="#ffffff", strokeWidth=3,
                                                                   strokeOpacity=0.8).encode(**where))
        layers.append(alt.Chart(alt.Data(values=values)).mark_text(**text).encode(**where))
    return layers


def spec(item: Map, layout: MapLayout, font: str) -> dict:
    """The map's Vega-Lite spec in layout, text drawn in the CSS font list font."""
    with debug_mode(False):
        detail = _panel(item.detail, layout.detail, _mark_layers(item, layout))
        panels = ([_panel(item.overview, layout.overview, [])] if item.overview else []) + [detail]
        width = sum(p[0] for p in (layout.overview, layout.detail)) + 12 if layout.side_by_side else layout.detail[0]
        lines = chart_spec.wrap(item.footer, width, chart_spec.WIDE.small_size)
        title = alt.Title(text=lines, orient="bottom", anchor="start", fontSize=chart_spec.WIDE.small_size,
                          fontWeight="normal", color=chart_spec.MUTED, offset=8)
        config = alt.Config(font=font, padding=chart_spec.PADDING, view=alt.ViewConfig(stroke=None))
        if layout.side_by_side:
            whole = alt.HConcatChart(hconcat=panels, spacing=12, title=title, config=config)
        else:
            whole = alt.VConcatChart(vconcat=panels, spacing=12, title=title, config=config)
        return whole.to_dict(validate=False)


LINKED_SYMBOL = re.compile(r'(<a [^>]*>)(<path aria-label="([^"]*)")')


def compact(svg: str) -> str:
    """The drawn SVG with the coordinates of its paths rounded to a tenth of a pixel; its links relative
    again (Vega resolves an href against its loader's base URL, which vl-convert sets to BASE_URL), each
    with a title (the zone's name, shown on hover); and its texts transparent to the pointer, so that a
    click on a mark's number reaches the link under it."""
    svg = svg.replace(f'href="{BASE_URL}', 'href="').replace("<text ", '<text pointer-events="none" ')
    svg = LINKED_SYMBOL.sub(r"\1<title>\3</title>\2", svg)
    svg = TRANSLATE.sub(lambda m: COORDINATE.sub(r"\1", m.group(0)), svg)
    return re.sub(r' d="[^"]*"', lambda m: COORDINATE.sub(r"\1", m.group(0)), svg)
