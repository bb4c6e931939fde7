"""The zones index's map drawn in the page (website/map_inline.py): the image replaced by its two SVGs."""
from __future__ import annotations

import pytest

from website import map_inline

pytestmark = pytest.mark.unit

PAGE = ('<figure class="map"><div class="map-drawing" role="group" aria-label="Map" data-map-inline="map"><picture>\n'
        '<source media="(max-width: 480px)" srcset="map-narrow.svg">\n<img src="map.svg" alt="Map" loading="lazy">\n'
        '</picture></div><figcaption>key</figcaption></figure>')


def test_the_image_is_replaced_by_both_drawings_each_with_its_class(tmp_path):
    (tmp_path / "map.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg" class="marks" width="600"><a xlink:href="z/"/></svg>')
    (tmp_path / "map-narrow.svg").write_text('<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="320"/>')
    html = map_inline.inline(PAGE, tmp_path)
    assert "<picture" not in html and "<img" not in html
    assert '<svg xmlns="http://www.w3.org/2000/svg" class="marks map-wide" width="600"><a xlink:href="z/"/></svg>' in html
    assert '<svg class="map-narrow" xmlns="http://www.w3.org/2000/svg" width="320"/>' in html and "<?xml" not in html
    assert html.index("map-wide") < html.index("map-narrow") < html.index("<figcaption>")
    assert map_inline.inline("<p>no map</p>", tmp_path) == "<p>no map</p>"


def test_a_missing_drawing_fails_the_build_naming_the_file(tmp_path):
    (tmp_path / "map.svg").write_text('<svg class="marks"/>')
    with pytest.raises(map_inline.MapNotDrawn, match="map-narrow.svg"):
        map_inline.inline(PAGE, tmp_path)
