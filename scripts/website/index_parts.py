"""The splitting rule of the long index pages: past a size, an index is cut into parts.

An index that lists every zone, entity, policy or organisation grows with the data; once it lists
more rows than its threshold, each row goes to the part of the prefecture-level city it lies in
(from entity_lineage), rows with no city to the part OTHER, and the index page lists the parts.
The indicators index has no city: past its threshold it is cut by indicator category, and a
category with more than PAGE_ROWS indicators is cut again into numbered pages of at most
PAGE_ROWS rows, so no page grows with the data.
SiteData applies the rule once per index; the pages (families/indexes.py) and the addresses of
policies and organisations (urls.policy, urls.organization) both read its result.
"""
from __future__ import annotations

from typing import Callable, Iterable

from website import page_parts


# The part of rows that lie in no city (the province itself, bodies above the cities).
OTHER = "other"
# Rows an index shows on one page before it is split. At 1× the real data lists fewer (the pages
# are 25–85 KB); a row of organisations or policies carries its quote, hence the lower counts. The
# organisations page counts its organisations and its tasks together (82 at 1×). A zone row carries
# its comparison columns (26 zones at 1×, 200 KB at 260); an indicator row is ~300 bytes (177 at 1×).
THRESHOLDS = {"entities": 150, "policies": 60, "organizations": 100, "zones": 60, "indicators": 250}
# Indexes whose parts are paged past their rows per page. A city part of zones or entities holds one
# city's rows, which do not grow with the number of cities; the part of policies with no city (the
# province's) does, so policies are paged too, each policy's address naming its page (SiteData.page_of).
# Organisations are not: an organisation's page keeps its tree and its tasks together.
PAGED = frozenset({"indicators", "policies"})
# Rows on one numbered page of a part: indicators (about 60 KB for 200); a policy row carries its
# quote, so fewer (60, as its threshold).
PAGE_ROWS = 200
PAGE_ROWS_OF = {"policies": 60}


def rows_per_page(name: str) -> int:
    """Rows on one numbered page of the index `name`."""
    return PAGE_ROWS_OF.get(name, PAGE_ROWS)


def split(row_ids: Iterable[str], part_of: Callable[[str], str | None], threshold: int,
          part_order: Iterable[str] = ()) -> dict[str, list[str]] | None:
    """The parts of an index, or None when it stays one page.

    Input: the ids of the rows the index lists, in page order; part_of(row id) → its part (a city id
    or a category) or None; the index's threshold; the parts in the order they are listed (others
    follow by id).
    Output: None when there are at most `threshold` rows; otherwise {part: [row ids in page order]},
    one entry per part that has rows, then OTHER for the rows with no part.
    """
    row_ids = list(row_ids)
    if len(row_ids) <= threshold:
        return None
    parts: dict[str, list[str]] = {}
    for row_id in row_ids:
        parts.setdefault(part_of(row_id) or OTHER, []).append(row_id)
    rank = {part: n for n, part in enumerate(part_order)}
    order = sorted((p for p in parts if p != OTHER), key=lambda p: (rank.get(p, len(rank)), p))
    return {part: parts[part] for part in order + ([OTHER] if OTHER in parts else [])}


def numbered_pages(row_ids: list[str], per_page: int | None = None) -> list[list[str]] | None:
    """A part's rows cut into numbered pages of at most per_page (default PAGE_ROWS) rows each, in order;
    None when the part fits on one page."""
    pages = page_parts.in_parts(row_ids, per_page or PAGE_ROWS)
    return pages if len(pages) > 1 else None


def part_of_rows(parts: dict[str, list[str]] | None) -> dict[str, str]:
    """Each row id's part ({} when the index is not split)."""
    return {row_id: part for part, row_ids in (parts or {}).items() for row_id in row_ids}
