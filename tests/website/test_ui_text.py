"""The interface text table (scripts/website/ui.py): a noun after a count takes the form the count asks for."""
from __future__ import annotations

import pytest

from website import ui


pytestmark = pytest.mark.unit


def test_a_count_of_one_takes_the_first_form_any_other_the_second():
    text = "{figures} {figures:figure|figures} · {places} {places:place|places}"
    assert ui.choose_noun_forms(text, {"figures": 1, "places": 2}) == "{figures} figure · {places} places"
    assert ui.choose_noun_forms(text, {"figures": "1", "places": "1.5"}) == "{figures} figure · {places} places"
    assert ui.choose_noun_forms(text, {"figures": 0, "places": 11}) == "{figures} figures · {places} places"


def test_the_table_fills_both_the_count_and_its_noun():
    table = ui.UiText({"k": {"zh": "{n} 个数字", "en": "{n} {n:figure|figures}"}})
    assert table("k", "en", n=1) == "1 figure" and table("k", "en", n=3) == "3 figures"
    assert table("k", "zh", n=1) == "1 个数字"
    assert table.unfilled("k", "en", n=1) == "{n} figure"  # what website/render.py escapes before filling
