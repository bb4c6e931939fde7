"""Which locator map a page gets, and what its figure says: zone, city and county pages, and the zones index.

Input: SiteData (the `zone_locations` model: each zone's county, or only its city when the sources
name no county) and the boundaries the geo step derived (`build/geo/shandong.geojson`). Output: a
`charts.maps.Map` to render (with the charts) and the figure's context for `macros.html.j2: map_block`:
the text alternative naming what is marked, the numbered key (each zone linked), the zones shown at city
level, and the credit line. A zone is marked in the county its record names; on the maps of several zones
(the zones index, a city's page) a zone whose county the sources do not name is marked too, by a square in a
block of squares at an open spot of its city, said in the key to be placed at city level: never in a county.
"""
from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import shapely
from shapely.geometry import Point, shape

from charts import maps as chart_maps
from charts import spec as chart_spec
from charts.maps import Map, Mark, PlaceName, Shape
from models import geo
from website import urls
from website.site_data import SiteData

NAME = "map"
# Marks of zones in the same county sit side by side, this far apart (degrees of longitude).
SPREAD = 0.07
WIDE_TOLERANCE = 0.009
# The squares of zones placed at city level: this many pixels apart on a detail panel this wide (maps.WIDE).
CITY_STEP_PX, DETAIL_PX = 22, (340, 300)


@lru_cache(maxsize=1)
def boundaries() -> tuple[dict, dict]:
    """The derived boundaries by adcode, and their credit."""
    collection = json.loads(geo.BOUNDARIES.read_text(encoding="utf-8"))
    return {f["properties"]["adcode"]: f for f in collection["features"]}, collection["credit"]


def credit(data: SiteData) -> str:
    return data.ui("map.credit", data.lang, version=boundaries()[1]["version"])


def _name(data: SiteData, entity_id: str | None) -> str:
    return data.entities[entity_id][f"name_{data.lang}"] if entity_id else ""


def _shape(data: SiteData, adcode: str, role: str, tolerance: float = 0) -> Shape:
    """A place's boundary, simplified further where the map draws it smaller than the geo step assumed."""
    geometry = boundaries()[0][adcode]["geometry"]
    if tolerance:
        simpler = shapely.simplify(shape(geometry), tolerance, preserve_topology=True)
        geometry = geo.rounded(shapely.set_precision(simpler, 10 ** -geo.DECIMALS))
    return Shape(boundaries()[0][adcode]["properties"]["name_zh"], role, json.dumps(geometry, separators=(",", ":")))


def _locations(data: SiteData) -> dict[str, dict]:
    return {row["zone_id"]: row for row in data.t["zone_locations"]}


def _overview(data: SiteData, outlined: set[str], filled: str | None) -> tuple[Shape, ...]:
    cities = [code for code, f in boundaries()[0].items() if f["properties"]["level"] == "city"]
    shapes = [_shape(data, code, "outlined" if code in outlined else "base") for code in cities]
    return tuple(shapes + ([_shape(data, filled, "filled")] if filled else []))


def _detail(data: SiteData, cities: set[str], roles: dict[str, str], default: str = "other") -> tuple[Shape, ...]:
    counties = [code for code, f in boundaries()[0].items()
                if f["properties"]["level"] == "county" and f["properties"]["city_adcode"] in cities]
    # Two cities side by side are drawn at about half the scale of one.
    tolerance = WIDE_TOLERANCE if len(cities) > 1 else 0
    return tuple(_shape(data, code, roles.get(code, default), tolerance) for code in counties)


def _href(data: SiteData, zone_id: str, page_url: str) -> str:
    return urls.relative(data.entity_url(zone_id), page_url)


def _marks(data: SiteData, zones: list[dict], page_url: str,
           city_level: bool = False) -> tuple[tuple[Mark, ...], tuple[PlaceName, ...]]:
    """Numbered marks of the zones placed in a county, at the county's inside point; then, with city_level,
    squares for the zones placed only in their city (city_spots), each block named by its city's name drawn
    beside it (so that it reads as the city, not as the county it happens to lie on); the rest get none.
    Returns the marks and the names drawn (Map.place_names)."""
    features, marks, seen, names = boundaries()[0], [], {}, []
    for zone in zones:
        if zone["placed_at"] != "county":
            continue
        lon, lat = features[zone["county_adcode"]]["properties"]["point"]
        nth = seen[zone["county_adcode"]] = seen.get(zone["county_adcode"], -1) + 1
        marks.append(Mark(len(marks) + 1, zone[f"name_{data.lang}"], _name(data, zone["county_id"]),
                          round(lon + nth * SPREAD, 3), lat, _href(data, zone["zone_id"], page_url)))
    at_city = [z for z in zones if z["placed_at"] == "city"] if city_level else []
    cities = list(dict.fromkeys(z["city_adcode"] for z in zones))
    taken = [(m.lon, m.lat) for m in marks]
    frame = _frame(cities) if at_city else None  # the panel's bounds, the same for every block
    for city in dict.fromkeys(z["city_adcode"] for z in at_city):
        placed = [z for z in at_city if z["city_adcode"] == city]
        name = _name(data, placed[0]["city_id"])
        spots, (lon, lat, side) = city_spots(city, len(placed), taken, _step(frame), label_width(name), frame)
        names.append(PlaceName(name, lon, lat, side))
        for zone, (lon, lat) in zip(placed, spots):
            marks.append(Mark(len(marks) + 1, zone[f"name_{data.lang}"], _name(data, zone["city_id"]), lon, lat,
                              _href(data, zone["zone_id"], page_url), "city"))
    return tuple(marks), tuple(names)


def label_width(text: str) -> float:
    """The drawn width (px) of the name beside a block of squares, in the larger of the layouts' fonts, bold."""
    return chart_spec.text_width(text, max(layout.font_size for layout in chart_maps.LAYOUTS)) * 1.1


def _frame(cities: list[str]) -> tuple[float, float, float, float]:
    """The bounds (west, south, east, north) of the detail panel of cities: the cities' own."""
    return shapely.union_all([shape(boundaries()[0][c]["geometry"]) for c in cities]).bounds


def _step(frame: tuple[float, float, float, float]) -> float:
    """How far apart (degrees of longitude) the squares of a block are on a detail panel of these bounds."""
    west, south, east, north = frame
    # The panel fits the cities' width or their height (a degree of latitude drawn 1.25 times as long), whichever
    # is the tighter: that gives the degrees a pixel stands for.
    return CITY_STEP_PX * max((east - west) / DETAIL_PX[0], (north - south) * 1.25 / DETAIL_PX[1])


@dataclass(frozen=True)
class Block:
    """A block of count squares (rows of up to ceil(sqrt(count)), step apart) and the room its city's name takes
    beside it (label_px wide), in degrees of longitude and latitude."""
    count: int
    step: float
    label_px: float = 0

    @property
    def columns(self) -> int:
        return math.ceil(math.sqrt(self.count))

    @property
    def rows(self) -> int:
        return math.ceil(self.count / self.columns)

    @property
    def row(self) -> float:
        # A row's height in degrees of latitude, drawn as long as step is wide (Mercator at 36°N).
        return self.step * 0.8

    def squares(self, x: float, y: float) -> list[tuple[float, float]]:
        """The squares' spots, the block centred on x, y."""
        return [(round(x + (i % self.columns - (self.columns - 1) / 2) * self.step, 3),
                 round(y - (i // self.columns - (self.rows - 1) / 2) * self.row, 3)) for i in range(self.count)]

    def anchor(self, x: float, y: float, side: str) -> tuple[float, float]:
        """The point the name is drawn beside: the middle of the block's top or bottom row, or the block's middle
        height at its first or last column."""
        if side in ("above", "below"):
            return round(x, 3), round(y + (1 if side == "above" else -1) * (self.rows - 1) / 2 * self.row, 3)
        return round(x + (1 if side == "right" else -1) * (self.columns - 1) / 2 * self.step, 3), round(y, 3)

    def name_room(self, x: float, y: float, side: str) -> list[tuple[float, float]]:
        """Spots standing for the room the name takes: across its width (or the block's, if wider) a row above or
        below the block, or along its width beside the block's middle row."""
        if not self.label_px:
            return []
        width = math.ceil(self.label_px / CITY_STEP_PX)
        ax, ay = self.anchor(x, y, side)
        if side in ("above", "below"):
            across = max(self.columns, width)
            lat = ay + (self.row if side == "above" else -self.row)
            return [(x + (i - (across - 1) / 2) * self.step, lat) for i in range(across)]
        return [(ax + (1 if side == "right" else -1) * (i + 1) * self.step, ay) for i in range(width)]


def city_spots(city: str, count: int, taken: list[tuple[float, float]], step: float, label_px: float = 0,
               frame: tuple[float, float, float, float] | None = None
               ) -> tuple[list[tuple[float, float]], tuple[float, float, str]]:
    """Where the squares of count zones placed in city go: a Block wholly inside the city, with its city's name
    (label_px wide) beside it (above, below, right or left: a side of charts.maps.LABEL_SIDES) inside frame (the
    panel's west, south, east, north; the city's bounds if None); at the spot of a grid over the city nearest its
    centre where block and name are clear of the other marks (taken), else where they are the farthest from
    them. The spot stands for the city, not for a place in it (the key says so). Returns the squares' spots and
    where the name goes: the point it is drawn beside (Block.anchor) and the side."""
    area = shape(boundaries()[0][city]["geometry"])
    block = Block(count, step, label_px)
    inside = area.buffer(-step / 3)
    west, south, east, north = area.bounds
    f_west, f_south, f_east, f_north = frame or area.bounds

    def framed(spots: list[tuple[float, float]]) -> bool:
        margin_x, margin_y = step / 2, block.row / 2
        return all(f_west + margin_x <= x <= f_east - margin_x and f_south + margin_y <= y <= f_north - margin_y
                   for x, y in spots)

    def room(fit: tuple[float, float, str]) -> float:
        spots = block.squares(fit[0], fit[1]) + block.name_room(*fit)
        return min((math.hypot(x - tx, (y - ty) * 1.25) for x, y in spots for tx, ty in taken), default=math.inf)

    sides = list(chart_maps.LABEL_SIDES)
    grid = [(west + i * step / 2, south + j * step / 2)
            for i in range(int((east - west) / step * 2) + 1) for j in range(int((north - south) / step * 2) + 1)]
    fits = [(x, y, side) for x, y in grid if all(inside.contains(Point(p)) for p in block.squares(x, y))
            for side in sides if framed(block.name_room(x, y, side))]
    centre = area.centroid if area.contains(area.centroid) else area.representative_point()
    if not fits:
        return block.squares(centre.x, centre.y), (*block.anchor(centre.x, centre.y, sides[0]), sides[0])
    # Of the blocks clear of the other marks (a step and a bit from each, the name too), the one nearest the
    # city's centre, its name on the first side of LABEL_SIDES that is clear; else the one farthest from them.
    clear = [fit for fit in fits if room(fit) >= step * 1.2]
    best = min(clear, key=lambda fit: (round(math.hypot(fit[0] - centre.x, fit[1] - centre.y), 6), sides.index(fit[2]))
               ) if clear else max(fits, key=room)
    return block.squares(best[0], best[1]), (*block.anchor(*best), best[2])


def _figure(data: SiteData, item: Map, alt: str, zones: list[dict], page_url: str, inline: bool = False) -> dict:
    """The context of the figure: file stem, text alternative, the key of the dots (zones in their county) and
    of the squares (zones placed at city level), the zones at city level not marked; single: a zone's own map,
    whose mark has no number and no key (Map.numbered); inline: the page shows the drawing itself, so that its
    marks are links (website/map_inline.py), not an image of it."""
    zone_of = {_href(data, z["zone_id"], page_url): z["zone_id"] for z in zones}
    listed = {level: [dict(number=m.number, name=m.name, place=m.place, url=data.entity_url(zone_of[m.href]))
                      for m in item.marks if m.level == level] for level in chart_maps.MARK_STYLES}
    if listed["city"]:
        alt += ("" if data.lang == "zh" else " ") + data.ui("map.alt_squares", data.lang)
    marked = {zone_of[m.href] for m in item.marks}
    at_city = [dict(name=z[f"name_{data.lang}"], place=_name(data, z["city_id"]), url=data.entity_url(z["zone_id"]))
               for z in zones if z["zone_id"] not in marked and z["placed_at"] != "county"]
    return dict(name=item.name, alt=alt, key=listed["county"], squares=listed["city"], at_city=at_city,
                credit=item.footer, single=not item.numbered, inline=inline)


def zone_map(data: SiteData, zone_id: str, page_url: str) -> tuple[dict | None, list[Map]]:
    """A zone's page: Shandong with its city outlined and its county filled, and a closer view of the city."""
    zone = _locations(data).get(zone_id)
    if not zone or not zone["city_adcode"]:
        return None, []
    city, county = zone["city_adcode"], zone["county_adcode"] if zone["placed_at"] == "county" else None
    roles = {county: "filled"} if county else {}
    marks, names = _marks(data, [zone], page_url)
    item = Map(Path(page_url), NAME, data.lang, zone[f"name_{data.lang}"], credit(data),
               # A zone whose county is not named: the whole city is tinted, the place it is shown at.
               _overview(data, {city}, county), _detail(data, {city}, roles, "other" if county else "holds"),
               marks, names, numbered=False)
    names = dict(zone=zone[f"name_{data.lang}"], city=_name(data, zone["city_id"]), county=_name(data, zone["county_id"]))
    alt = data.ui("map.alt_zone_county" if county else "map.alt_zone_city", data.lang, **names)
    return _figure(data, item, alt, [zone], page_url), [item]


def area_map(data: SiteData, entity: dict, page_url: str) -> tuple[dict | None, list[Map]]:
    """A city's or a county's page: the zones it holds, on the counties of its city."""
    if entity["kind"] not in ("city", "county") or not entity["adcode"]:
        return None, []
    field = "city_id" if entity["kind"] == "city" else "county_id"
    zones = [z for z in data.t["zone_locations"] if z[field] == entity["id"]]
    if not zones:
        return None, []
    city_id = zones[0]["city_id"]
    city = data.entities[city_id]["adcode"]
    county = entity["adcode"] if entity["kind"] == "county" else None
    roles = {z["county_adcode"]: "holds" for z in zones if z["placed_at"] == "county"}
    roles.update({county: "filled"} if county else {})
    marks, names = _marks(data, zones, page_url, city_level=county is None)
    item = Map(Path(page_url), NAME, data.lang, entity[f"name_{data.lang}"], credit(data),
               _overview(data, {city}, county), _detail(data, {city}, roles), marks, names)
    alt = (data.ui("map.alt_county", data.lang, county=entity[f"name_{data.lang}"], city=_name(data, city_id)) if county
           else data.ui("map.alt_places", data.lang, cities=entity[f"name_{data.lang}"]))
    return _figure(data, item, alt, zones, page_url), [item]


def zones_map(data: SiteData, zone_ids: list[str], page_url: str) -> tuple[dict | None, list[Map]]:
    """The zones index (or a city's part of it): every zone marked on the counties of its city."""
    located = _locations(data)
    zones = [located[z] for z in zone_ids if z in located and located[z]["city_adcode"]]
    if not zones:
        return None, []
    city_ids = list(dict.fromkeys(z["city_id"] for z in zones))
    cities = {data.entities[c]["adcode"] for c in city_ids}
    roles = {z["county_adcode"]: "holds" for z in zones if z["placed_at"] == "county"}
    marks, names = _marks(data, zones, page_url, city_level=True)
    item = Map(Path(page_url), NAME, data.lang, "", credit(data),
               _overview(data, cities, None), _detail(data, cities, roles), marks, names)
    names = ("、" if data.lang == "zh" else " and ").join(_name(data, c) for c in city_ids)
    alt = data.ui("map.alt_places", data.lang, cities=names)
    return _figure(data, item, alt, zones, page_url, inline=True), [item]
