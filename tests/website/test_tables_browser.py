"""Sortable tables in a real browser: a column of figures sorts by the figures' values, not by their text.

Uses the session's headless chromium (conftest.py) against the real data built once, as test_browser.py.
"""
from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser


def column_values(page, column: int) -> list[float | None]:
    return page.locator("table.sortable tbody tr").evaluate_all(
        f"""rows => rows.map(r => {{ const c = r.cells[{column}];
            return c && c.hasAttribute('data-sort') ? parseFloat(c.getAttribute('data-sort')) : null; }})""")


def test_a_comparison_column_of_the_zones_index_sorts_by_value_with_empty_cells_last(page, site_url):
    page.goto(f"{site_url}zones/")
    heads = page.locator("table.sortable thead th")
    # The first column whose cells carry values (data-sort): a comparison column.
    column = next(i for i in range(heads.count()) if any(v is not None for v in column_values(page, i)))
    for click, order in ((1, "ascending"), (2, "descending")):
        heads.nth(column).locator("button").click()  # each sortable header is a button (keyboard too)
        values = column_values(page, column)
        present = [v for v in values if v is not None]
        assert values[:len(present)] == present, f"after click {click}: empty cells before figures: {values}"
        assert present == sorted(present, reverse=order == "descending"), f"after click {click}: {present}"
        assert heads.nth(column).get_attribute("aria-sort") == order
