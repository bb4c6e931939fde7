"""Which locator map a page gets, and what its figure says: zone, city and county pages, and the zones index.

Input: SiteData (the `zone_locations` model: each zone's county, or only its city when the sources
name no county) and the boundaries the geo step derived (`build/geo/shandong.geojson`). Output: a
`charts.maps.Map` to render (with the charts) and the figure's context for `macros.html.j2: map_block`:
the text alternative naming what is marked, the numbered key (each zone linked), the zones shown at city
level, and the credit line. A zone is marked only in the county its record names; nothing is placed by guess.
"""
from __future__ import annotations

import json
import posixpath
from functools import lru_cache
from pathlib import Path

import shapely
from shapely.geometry import shape

from charts.maps import Map, Mark, Shape
from models import geo
from website.site_data import SiteData

NAME = "map"
# Marks of zones in the same county sit side by side, this far apart (degrees of longitude).
SPREAD = 0.07
WIDE_TOLERANCE = 0.009


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


def _marks(data: SiteData, zones: list[dict], page_url: str) -> tuple[Mark, ...]:
    """Numbered marks of the zones placed in a county, at the county's inside point; the rest get none."""
    features, marks, seen = boundaries()[0], [], {}
    for zone in zones:
        if zone["placed_at"] != "county":
            continue
        lon, lat = features[zone["county_adcode"]]["properties"]["point"]
        nth = seen[zone["county_adcode"]] = seen.get(zone["county_adcode"], -1) + 1
        href = posixpath.relpath(data.entity_url(zone["zone_id"]), page_url) + "/"
        marks.append(Mark(len(marks) + 1, zone[f"name_{data.lang}"], _name(data, zone["county_id"]),
                          round(lon + nth * SPREAD, 3), lat, href))
    return tuple(marks)


def _figure(data: SiteData, item: Map, alt: str, zones: list[dict], single: bool = False) -> dict:
    """The context of the figure: file stem, text alternative, the key of marks and the zones at city level."""
    key = [dict(number=m.number, name=m.name, place=m.place, url=data.entity_url(z["zone_id"]))
           for m, z in zip(item.marks, [z for z in zones if z["placed_at"] == "county"])]
    at_city = [dict(name=z[f"name_{data.lang}"], place=_name(data, z["city_id"]), url=data.entity_url(z["zone_id"]))
               for z in zones if z["placed_at"] != "county"]
    return dict(name=item.name, alt=alt, key=key, at_city=at_city, credit=item.footer, single=single)


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
    return _figure(data, item, alt, [zone], single=True), [item]


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
               _overview(data, {city}, county), _detail(data, {city}, roles), _marks(data, zones, page_url))
    alt = (data.ui("map.alt_county", data.lang, county=entity[f"name_{data.lang}"], city=_name(data, city_id)) if county
           else data.ui("map.alt_places", data.lang, cities=entity[f"name_{data.lang}"]))
    return _figure(data, item, alt, zones), [item]


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
               _overview(data, cities, None), _detail(data, cities, roles), _marks(data, zones, page_url))
    names = ("、" if data.lang == "zh" else " and ").join(_name(data, c) for c in city_ids)
    alt = data.ui("map.alt_places", data.lang, cities=names)
    return _figure(data, item, alt, zones), [item]
