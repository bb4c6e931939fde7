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
from functools import lru_cache
from pathlib import Path

import shapely
from shapely.geometry import Point, shape

from charts.maps import Map, Mark, Shape
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


def _marks(data: SiteData, zones: list[dict], page_url: str, city_level: bool = False) -> tuple[Mark, ...]:
    """Numbered marks of the zones placed in a county, at the county's inside point; then, with city_level,
    squares for the zones placed only in their city (city_spots); the rest get none."""
    features, marks, seen = boundaries()[0], [], {}
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
    for city in dict.fromkeys(z["city_adcode"] for z in at_city):
        placed = [z for z in at_city if z["city_adcode"] == city]
        for zone, (lon, lat) in zip(placed, city_spots(city, len(placed), taken, _step(cities))):
            marks.append(Mark(len(marks) + 1, zone[f"name_{data.lang}"], _name(data, zone["city_id"]), lon, lat,
                              _href(data, zone["zone_id"], page_url), "city"))
    return tuple(marks)


def _step(cities: list[str]) -> float:
    """How far apart (degrees of longitude) the squares of a block are on the detail panel of cities."""
    west, south, east, north = shapely.union_all([shape(boundaries()[0][c]["geometry"]) for c in cities]).bounds
    # The panel fits the cities' width or their height (a degree of latitude drawn 1.25 times as long), whichever
    # is the tighter: that gives the degrees a pixel stands for.
    return CITY_STEP_PX * max((east - west) / DETAIL_PX[0], (north - south) * 1.25 / DETAIL_PX[1])


def city_spots(city: str, count: int, taken: list[tuple[float, float]], step: float) -> list[tuple[float, float]]:
    """Where the squares of count zones placed in city go: a block (rows of up to ceil(sqrt(count)), step apart),
    wholly inside the city, at the spot of a grid over the city nearest its centre that is clear of the other marks
    (taken), else the farthest from them. The spot stands for the city, not for a place in it (the key says so)."""
    area = shape(boundaries()[0][city]["geometry"])
    columns = math.ceil(math.sqrt(count))
    rows = math.ceil(count / columns)

    def block(x: float, y: float) -> list[tuple[float, float]]:
        # A degree of latitude is drawn about 1.25 times as long as one of longitude here (Mercator at 36°N).
        return [(round(x + (i % columns - (columns - 1) / 2) * step, 3),
                 round(y - (i // columns - (rows - 1) / 2) * step * 0.8, 3)) for i in range(count)]

    def room(spots: list[tuple[float, float]]) -> float:
        return min((math.hypot(x - tx, (y - ty) * 1.25) for x, y in spots for tx, ty in taken), default=math.inf)

    inside = area.buffer(-step / 3)
    west, south, east, north = area.bounds
    grid = [(west + i * step / 2, south + j * step / 2)
            for i in range(int((east - west) / step * 2) + 1) for j in range(int((north - south) / step * 2) + 1)]
    fits = [block(x, y) for x, y in grid if all(inside.contains(Point(p)) for p in block(x, y))]
    centre = area.centroid if area.contains(area.centroid) else area.representative_point()
    if not fits:
        return block(centre.x, centre.y)
    # Of the blocks clear of the other marks (a step and a bit from each), the one nearest the city's centre.
    clear = [spots for spots in fits if room(spots) >= step * 1.2]
    if not clear:
        return max(fits, key=room)
    return min(clear, key=lambda spots: math.hypot(sum(x for x, _ in spots) / count - centre.x,
                                                     sum(y for _, y in spots) / count - centre.y))


def _figure(data: SiteData, item: Map, alt: str, zones: list[dict], page_url: str, single: bool = False,
            inline: bool = False) -> dict:
    """The context of the figure: file stem, text alternative, the key of the dots (zones in their county) and
    of the squares (zones placed at city level), the zones at city level not marked; inline: the page shows the
    drawing itself, so that its marks are links (website/map_inline.py), not an image of it."""
    by_href = {_href(data, z["zone_id"], page_url): z for z in zones}
    key = [dict(number=m.number, name=m.name, place=m.place, url=data.entity_url(by_href[m.href]["zone_id"]))
           for m in item.marks if m.level == "county"]
    squares = [dict(number=m.number, name=m.name, place=m.place, url=data.entity_url(by_href[m.href]["zone_id"]))
               for m in item.marks if m.level == "city"]
    marked = {by_href[m.href]["zone_id"] for m in item.marks}
    if squares:
        alt += ("" if data.lang == "zh" else " ") + data.ui("map.alt_squares", data.lang)
    at_city = [dict(name=z[f"name_{data.lang}"], place=_name(data, z["city_id"]), url=data.entity_url(z["zone_id"]))
               for z in zones if z["zone_id"] not in marked and z["placed_at"] != "county"]
    return dict(name=item.name, alt=alt, key=key, squares=squares, at_city=at_city, credit=item.footer, single=single,
                inline=inline)


def zone_map(data: SiteData, zone_id: str, page_url: str) -> tuple[dict | None, list[Map]]:
    """A zone's page: Shandong with its city outlined and its county filled, and a closer view of the city."""
    zone = _locations(data).get(zone_id)
    if not zone or not zone["city_adcode"]:
        return None, []
    city, county = zone["city_adcode"], zone["county_adcode"] if zone["placed_at"] == "county" else None
    roles = {county: "filled"} if county else {}
    item = Map(Path(page_url), NAME, data.lang, zone[f"name_{data.lang}"], credit(data),
               # A zone whose county is not named: the whole city is tinted, the place it is shown at.
               _overview(data, {city}, county), _detail(data, {city}, roles, "other" if county else "holds"),
               _marks(data, [zone], page_url))
    names = dict(zone=zone[f"name_{data.lang}"], city=_name(data, zone["city_id"]), county=_name(data, zone["county_id"]))
    alt = data.ui("map.alt_zone_county" if county else "map.alt_zone_city", data.lang, **names)
    return _figure(data, item, alt, [zone], page_url, single=True), [item]


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
    item = Map(Path(page_url), NAME, data.lang, entity[f"name_{data.lang}"], credit(data),
               _overview(data, {city}, county), _detail(data, {city}, roles),
               _marks(data, zones, page_url, city_level=county is None))
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
    item = Map(Path(page_url), NAME, data.lang, "", credit(data),
               _overview(data, cities, None), _detail(data, cities, roles), _marks(data, zones, page_url, city_level=True))
    names = ("、" if data.lang == "zh" else " and ").join(_name(data, c) for c in city_ids)
    alt = data.ui("map.alt_places", data.lang, cities=names)
    return _figure(data, item, alt, zones, page_url, inline=True), [item]
