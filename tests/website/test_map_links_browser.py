"""The zones index's map in a real browser: each numbered mark (a dot for a zone in its county, a square for one
placed at city level) is a link, and clicking it opens the zone's page, in both editions, at a desktop and a
phone width (each shows its own drawing), and with the site served under a base path (the links are relative)."""
from __future__ import annotations

import functools
import http.server
import json
import threading

import pytest

from website import urls

pytestmark = pytest.mark.browser

BASE_PATH = "/project/"


class UnderBasePath(http.server.SimpleHTTPRequestHandler):
    """The built site served at BASE_PATH, as on a project's GitHub Pages; anything outside it is missing."""
    def translate_path(self, path):
        return super().translate_path("/" + path.removeprefix(BASE_PATH)) if path.startswith(BASE_PATH) else "/nonexistent"

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def based_url(site_dir):
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(UnderBasePath, directory=str(site_dir)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}{BASE_PATH}"
    server.shutdown()


@pytest.fixture(scope="module")
def located(site_dir) -> dict[str, str]:
    """One zone placed in its county and one placed only in its city: {placed_at: zone id}."""
    features = json.loads((site_dir / "data" / "zone_locations.geojson").read_text(encoding="utf-8"))["features"]
    chosen = {}
    for feature in features:
        chosen.setdefault(feature["properties"]["placed_at"], feature["properties"]["zone_id"])
    assert set(chosen) == {"county", "city"}, chosen
    return chosen


def click_mark(page, start: str, zone_id: str, lang: str, width: int) -> str:
    """Open the zones index at width, click the mark of zone_id in the drawing shown at that width; the URL reached."""
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(start + urls.zones(lang))
    shown = "map-narrow" if width <= 480 else "map-wide"
    assert page.locator(f".map-drawing svg.{'map-wide' if shown == 'map-narrow' else 'map-narrow'}").is_hidden()
    target = urls.relative(urls.entity(zone_id, "zone", lang), urls.zones(lang))
    mark = page.locator(f'.map-drawing svg.{shown} a[*|href="{target}"]')
    assert mark.count() == 1, f"{lang} {width}px: no mark links to {target}"
    with page.expect_navigation():
        mark.click()
    return page.url


@pytest.mark.parametrize("lang", urls.LANGUAGES)
@pytest.mark.parametrize("width", [1280, 375])
def test_clicking_a_mark_on_the_zones_map_opens_the_zone_page(page, site_url, located, lang, width):
    for zone_id in located.values():
        reached = click_mark(page, site_url, zone_id, lang, width)
        assert reached == site_url + urls.entity(zone_id, "zone", lang), (lang, width, zone_id)


def test_the_marks_lead_to_the_zone_pages_under_a_base_path(page, based_url, located):
    for lang in urls.LANGUAGES:
        zone_id = located["city"]
        assert click_mark(page, based_url, zone_id, lang, 1280) == based_url + urls.entity(zone_id, "zone", lang)
