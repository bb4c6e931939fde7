"""The splitting rule of the long index pages (scripts/website/index_parts.py) and the addresses of the parts."""
from __future__ import annotations

import pytest

from website import index_parts
from website import urls


pytestmark = pytest.mark.unit
CITY = {"a1": "weifang", "a2": "zibo", "a3": None, "a4": "weifang", "a5": "jinan"}


def test_an_index_within_its_threshold_stays_one_page():
    assert index_parts.split(CITY, CITY.get, threshold=5) is None
    assert index_parts.part_of_rows(None) == {}


def test_past_its_threshold_an_index_is_cut_by_city_in_city_order_and_rows_without_a_city_go_last():
    parts = index_parts.split(CITY, CITY.get, threshold=4, part_order=["zibo", "weifang"])
    assert list(parts) == ["zibo", "weifang", "jinan", index_parts.OTHER]  # cities not in the order follow by id
    assert parts == {"zibo": ["a2"], "weifang": ["a1", "a4"], "jinan": ["a5"], index_parts.OTHER: ["a3"]}
    assert index_parts.part_of_rows(parts) == {"a1": "weifang", "a2": "zibo", "a3": index_parts.OTHER,
                                               "a4": "weifang", "a5": "jinan"}


def test_no_other_part_when_every_row_has_a_city():
    parts = index_parts.split(["x", "y"], lambda row: "zibo", threshold=1)
    assert parts == {"zibo": ["x", "y"]}


def test_a_part_has_its_own_folder_apart_from_the_entity_pages_and_anchors_follow_their_part():
    assert urls.section_part("entities", "weifang") == "entities/by-city/weifang/"
    assert urls.section_part("entities", "weifang", "en") == "en/entities/by-city/weifang/"
    assert urls.section_part("entities", "weifang") != urls.entity("weifang", "city")
    assert urls.policy("p1", "en") == "en/policies/#p1"
    assert urls.policy("p1", "en", part="zibo") == "en/policies/by-city/zibo/#p1"
    assert urls.organization("o1", "zh", part=index_parts.OTHER) == "organizations/by-city/other/#o1"


def test_a_part_past_page_rows_is_cut_into_numbered_pages_in_order(monkeypatch):
    monkeypatch.setattr(index_parts, "PAGE_ROWS", 2)
    assert index_parts.numbered_pages(["a", "b"]) is None
    assert index_parts.numbered_pages(["a", "b", "c", "d", "e"]) == [["a", "b"], ["c", "d"], ["e"]]


def test_the_indicators_are_cut_by_category_in_their_own_folder_and_numbered_pages_below_their_part():
    category = {"i1": "economy", "i2": "land", "i3": "economy"}
    assert index_parts.split(category, category.get, threshold=2, part_order=["land"]) == {
        "land": ["i2"], "economy": ["i1", "i3"]}
    assert urls.section_part("indicators", "economy", "en") == "en/indicators/by-category/economy/"
    assert urls.section_part("zones", "weifang") == "zones/by-city/weifang/"
    assert urls.section_part_page("indicators", "economy", 2) == "indicators/by-category/economy/2/"
