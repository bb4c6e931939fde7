"""Search on the English edition, in a real browser: the English index is loaded, and each zone's
English name and each indicator's English name find their English pages first."""
from __future__ import annotations

import pytest

from test_browser import site_path, tables  # noqa: F401 (tables: a fixture)
from test_search import Search, report

from website import urls

pytestmark = pytest.mark.browser


@pytest.fixture
def english_search(page, site_url) -> Search:
    return Search(page, site_url, start=urls.home("en"))


def test_the_english_edition_loads_the_english_index(english_search):
    results = english_search("Gaomi")
    assert results, "no result for Gaomi"
    loaded = [site_path(u, english_search.site_url) for u in english_search.recorder.requests]
    assert any(p.startswith("pagefind/pagefind.en_") for p in loaded), loaded
    assert not any(p.startswith("pagefind/pagefind.zh_") for p in loaded), loaded
    assert all(path.startswith(urls.prefix("en")) for path, _ in results), results


def test_gaomi_finds_the_gaomi_zone_first_or_second(english_search):
    expected = urls.entity("gaomi-economic-development-zone", "zone", "en")
    assert english_search.check("Gaomi", expected, top=2) is None, english_search("Gaomi")


def test_every_zone_is_found_by_its_english_name(english_search, tables):
    zones = tables["zone_summary"]
    failures = [english_search.check(z["name_en"], urls.entity(z["zone_id"], "zone", "en")) for z in zones]
    report(failures, "zones not first by English name", len(zones))


def test_every_indicator_is_found_first_by_its_english_name(english_search, tables):
    indicators = [i for i in tables["indicator_summary"] if int(i["figures"])]
    failures = [english_search.check(i["name_en"], urls.indicator(i["indicator_id"], "en"))
                for i in indicators]
    report(failures, "indicators not first by English name", len(indicators))


def test_a_querys_stop_words_are_not_searched_unless_it_has_no_other_word(english_search):
    """ "in" begins industry, investment, innovation …: searched, it let every page of many topics hold part of
    "enterprises moved in" in many fields (search_names.STOP_WORDS). Alone, a stop word is searched."""
    assert english_search("enterprises moved in") == english_search("enterprises moved")
    assert english_search("in") != english_search("enterprises moved")
    assert english_search("in")
