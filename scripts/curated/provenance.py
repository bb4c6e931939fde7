"""Provenance rules shared by validation and tests.

Pure functions, no I/O: how a number as printed in a source ("1301.91", "2万",
"400多", "百") becomes a value, and how a quote is matched against its source
once whitespace is removed from both.
"""
from __future__ import annotations

import functools
import math
import re

# Chinese numerals as they appear in the sources.
_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5,
           "六": 6, "七": 7, "八": 8, "九": 9}
_SMALL_UNITS = {"十": 10, "百": 100, "千": 1000}
_BIG_UNITS = {"万": 10_000, "亿": 100_000_000}
# Approximation marks that follow a number ("400多", "50余") and do not change it.
_TRAILING_MARKS = "多余几来"
_WHITESPACE = re.compile(r"[\s\u200b\u3000\ufeff]+")
_ARABIC = re.compile(r"^(\d+(?:\.\d+)?)(.*)$")
DECLINE_WORDS = ("下降", "减少", "下滑", "回落")


def is_whitespace(ch: str) -> bool:
    """True for a character that quotes and sources are matched without (spaces, line breaks, U+3000 …)."""
    return bool(_WHITESPACE.fullmatch(ch))


def strip_whitespace(text: str) -> str:
    """Remove every kind of whitespace, including line breaks and ideographic spaces."""
    return _WHITESPACE.sub("", text)


@functools.lru_cache(maxsize=64)
def _stripped_source(source_text: str) -> str:
    # Sources are few and long, quotes many and short: strip each source once.
    return strip_whitespace(source_text)


def quote_in_source(quote: str, source_text: str) -> bool:
    """True when the quote is an exact excerpt of the source, whitespace aside."""
    needle = strip_whitespace(quote)
    return bool(needle) and needle in _stripped_source(source_text)


def number_in_quote(value_reported: str, quote: str) -> bool:
    """True when the number as printed appears in the quote."""
    needle = strip_whitespace(value_reported)
    return bool(needle) and needle in strip_whitespace(quote)


def _chinese_below_10000(text: str) -> int:
    total, digit = 0, None
    for ch in text:
        if ch in _DIGITS:
            digit = _DIGITS[ch]
        elif ch in _SMALL_UNITS:
            total += (1 if digit is None else digit) * _SMALL_UNITS[ch]
            digit = None
        else:
            raise ValueError(ch)
    return total + (digit or 0)


def _chinese_number(text: str) -> float:
    total = 0
    rest = text
    for big in ("亿", "万"):
        if big in rest:
            head, rest = rest.split(big, 1)
            total += (_chinese_below_10000(head) if head else 1) * _BIG_UNITS[big]
    return float(total + (_chinese_below_10000(rest) if rest else 0))


def parse_reported_number(value_reported: str) -> float:
    """The numeric value of a number as printed.

    "1301.91" → 1301.91, "2万" → 20000, "1.5亿" → 150000000, "400多" → 400,
    "百" → 100, "十二" → 12, "3,200" → 3200, "两个半" → 2.5. Raises ValueError for anything else.
    """
    text = strip_whitespace(value_reported).replace(",", "").replace("，", "")
    text = text.translate(str.maketrans("０１２３４５６７８９．", "0123456789."))
    text = text.rstrip(_TRAILING_MARKS)
    if text.endswith("个半") and len(text) > 2:  # 两个半(月) = 2.5
        return parse_reported_number(text[:-2]) + 0.5
    if not text:
        raise ValueError(f"no number in {value_reported!r}")
    match = _ARABIC.match(text)
    if match:
        number, suffix = float(match.group(1)), match.group(2)
        factor = 1.0
        for ch in suffix:
            if ch in _BIG_UNITS:
                factor *= _BIG_UNITS[ch]
            elif ch in _SMALL_UNITS:
                factor *= _SMALL_UNITS[ch]
            else:
                raise ValueError(f"cannot read {value_reported!r} as a number")
        return number * factor
    try:
        return _chinese_number(text)
    except ValueError:
        raise ValueError(f"cannot read {value_reported!r} as a number") from None


def expected_value(value_reported: str, factor: float) -> float:
    """The canonical value a reported number and unit factor give."""
    return parse_reported_number(value_reported) * factor


def values_match(value: float, expected: float) -> bool:
    """Equality up to floating-point noise (1301.91 × 1e8 is not exact in binary)."""
    return math.isclose(value, expected, rel_tol=1e-9, abs_tol=1e-9)
