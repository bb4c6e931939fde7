"""Unit tests of the provenance rules: numbers as printed, quotes against sources."""
import pytest

from curated.provenance import (expected_value, number_in_quote, parse_reported_number, quote_in_source,
                                strip_whitespace, values_match)

pytestmark = pytest.mark.unit


pytestmark = pytest.mark.unit


@pytest.mark.parametrize("printed, value", [
    ("1301.91", 1301.91), ("3200", 3200), ("2万", 20000), ("1.5亿", 150000000), ("400多", 400),
    ("50余", 50), ("百", 100), ("千", 1000), ("十二", 12), ("两", 2), ("一百二十", 120),
    ("3,200", 3200), ("１２", 12), ("三万", 30000), ("两个半", 2.5),
])
def test_parse_reported_number(printed, value):
    assert parse_reported_number(printed) == value


@pytest.mark.parametrize("printed", ["", "多", "约", "12x", "abc"])
def test_unreadable_numbers_are_refused(printed):
    with pytest.raises(ValueError):
        parse_reported_number(printed)


def test_value_is_reported_number_times_factor():
    assert values_match(130191000000, expected_value("1301.91", 1e8))
    assert values_match(20000, expected_value("2万", 1))
    assert not values_match(1301.91, expected_value("1301.91", 1e8))  # 亿 left unconverted


def test_quote_matches_across_whitespace_and_line_breaks():
    source = "今年上半年,全市16家省级以上开发区完成固定资产投资\n1301.91亿元,同比增长9.6%"
    assert quote_in_source("完成固定资产投资 1301.91亿元", source)
    assert not quote_in_source("完成固定资产投资1301.92亿元", source)
    assert not quote_in_source("   ", source)


def test_number_must_be_in_quote():
    assert number_in_quote("9.6", "同比增长9.6%")
    assert not number_in_quote("9.7", "同比增长9.6%")


def test_strip_whitespace_removes_ideographic_and_zero_width_spaces():
    assert strip_whitespace("a\u3000b\u200bc d\te\n") == "abcde"
