"""The splitting rule of pages that list rows in a fixed order: past a number of rows, the list is cut
into numbered parts, in order, each a page of its own.

A source document's figures (families/source.py) and the long lists of the data-quality page
(families/quality.py) grow with the data; cut into parts of at most a fixed number of rows, no page
does. SiteData applies the rule to each source once; the pages and every figure's address on its
source page (SiteData.source_figure_url) both read its result.
"""
from __future__ import annotations

from typing import Callable, Iterable, TypeVar

Row = TypeVar("Row")

# Figures of one document on one page. On a source's page a figure card weighs 1.2 KB (Chinese) to 1.7 KB
# (English, with its translation) on average, 2.4 KB at most in the 1× data; 70 of the heaviest and the
# page's frame (about 20 KB as built; the tests allow it 40 KB, FRAME) stay under the 200 KB limit
# (tests/website/test_page_weight.py builds a document of more figures than that and measures its pages).
FIGURES_PER_SOURCE_PART = 70
# Rows of a data-quality list (totals against parts, sources) on one page; a doubtful figure is shown as a
# whole card (quote, translation, note), so fewer of those.
ROWS_PER_LIST_PART = 50
CARDS_PER_LIST_PART = 20


def in_parts(rows: Iterable[Row], per_part: int) -> list[list[Row]]:
    """Rows cut into consecutive parts of per_part rows, in the order given, the last part holding the
    rest (153 rows at 70 a part: 70, 70, 13). Fixed sizes rather than even ones: rows added at the end
    (a document's figures, in reading order) never move a row already published to another part, so a
    figure's address on its source's pages stays the same.

    Input: the rows (any values) in page order; per_part ≥ 1. Output: a list of parts, each a list of
    rows; one part (possibly empty) when there are at most per_part rows, so a list always has a first page.
    """
    if per_part < 1:
        raise ValueError(f"per_part must be at least 1, not {per_part}")
    rows = list(rows)
    return [rows[start:start + per_part] for start in range(0, len(rows), per_part)] or [[]]


def listing(parts: list[list[Row]], url_of: Callable[[int], str]) -> list[dict]:
    """What the navigation of a list's parts shows of each: its number, address (url_of(number)) and the
    ordinals (from 1) of its first and last row."""
    listed, first = [], 1
    for number, part in enumerate(parts, 1):
        listed.append({"number": number, "url": url_of(number), "first": first, "last": first + len(part) - 1})
        first += len(part)
    return listed
