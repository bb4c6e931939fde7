"""The geo step on the real boundary package: Shandong's places, simplified, and the entities' codes."""
from __future__ import annotations

import csv
import json

import pytest
import shapely
from shapely.geometry import shape

from curated import paths
from models import geo




@pytest.fixture(scope="module")
def collection() -> dict:
    return geo.boundaries()


@pytest.mark.unit
def test_shandong_alone_is_extracted_with_its_cities_and_counties(collection):
    properties = [f["properties"] for f in collection["features"]]
    assert all(p["adcode"].startswith("37") for p in properties)
    levels = [p["level"] for p in properties]
    assert levels.count("province") == 1 and levels.count("city") == 16 and levels.count("county") > 100
    weifang = {p["name_zh"] for p in properties if p["city_adcode"] == "370700" and p["level"] == "county"}
    assert {"高密市", "寿光市", "奎文区", "坊子区"} <= weifang and len(weifang) == 12


@pytest.mark.unit
def test_each_boundary_is_simplified_valid_and_holds_its_marking_point(collection):
    root = geo.package_root()
    for feature in collection["features"]:
        geometry = shape(feature["geometry"])
        assert geometry.is_valid and not geometry.is_empty, feature["properties"]["name_zh"]
        assert geometry.contains(shapely.Point(feature["properties"]["point"]).buffer(-1e-9)) or geometry.intersects(
            shapely.Point(feature["properties"]["point"])), feature["properties"]["name_zh"]
    gaomi = next(f for f in collection["features"] if f["properties"]["adcode"] == "370785")
    original = json.loads((root / "datasets/administrative/amap/land/370785.geojson").read_text(encoding="utf-8"))
    kept = len(json.dumps(gaomi["geometry"])) / len(json.dumps(original))
    assert kept < 0.1  # a page needs a tenth of the package's detail, at most
    assert abs(shape(gaomi["geometry"]).area - shape(original).area) / shape(original).area < 0.02


@pytest.mark.data
def test_every_province_city_and_county_carries_the_code_the_boundary_data_gives_its_name():
    rows = {r["name_zh"]: r["adcode"] for r in geo.index_rows(geo.package_root())}
    with (paths.PACKAGES / "shandong-zones" / "data" / "entities.csv").open(encoding="utf-8") as handle:
        entities = list(csv.DictReader(handle))
    for entity in entities:
        if entity["kind"] in ("province", "city", "county"):
            assert entity["adcode"] == rows.get(entity["name_zh"]), entity["id"]
        else:
            assert entity["adcode"] == "", f"{entity['id']} ({entity['kind']}) has an adcode"
