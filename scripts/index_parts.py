"""The splitting rule of the long index pages: past a size, an index is cut into one part per city.

An index that lists every entity, policy or organisation grows with the data; once it lists more
rows than its threshold, each row goes to the part of the prefecture-level city it lies in (from
entity_lineage), rows with no city to the part OTHER, and the index page lists the parts.
SiteData applies the rule once per index; the pages (families/indexes.py) and the addresses of
policies and organisations (urls.policy, urls.organization) both read its result.
"""
from __future__ import annotations

from typing import Callable, Iterable

# The part of rows that lie in no city (the province itself, bodies above the cities).
OTHER = "other"
# Rows an index shows on one page before it is split by city. At 1× the real data lists fewer
# (the pages are 30–85 KB); a row of organisations or policies carries its quote, hence the lower counts.
# The organisations page counts its organisations and its tasks together (82 at 1×).
THRESHOLDS = {"entities": 150, "policies": 60, "organizations": 100}


def split_by_city(row_ids: Iterable[str], city_of: Callable[[str], str | None], threshold: int,
                  city_order: Iterable[str] = ()) -> dict[str, list[str]] | None:
    """The parts of an index, or None when it stays one page.

    Input: the ids of the rows the index lists, in page order; city_of(row id) → city id or None;
    the index's threshold; the cities in the order their parts are listed (others follow by id).
    Output: None when there are at most `threshold` rows; otherwise {part: [row ids in page order]},
    one part per city that has rows (keyed by the city id), then OTHER for rows with no city.
    """
    row_ids = list(row_ids)
    if len(row_ids) <= threshold:
        return None
    parts: dict[str, list[str]] = {}
    for row_id in row_ids:
        parts.setdefault(city_of(row_id) or OTHER, []).append(row_id)
    rank = {city: n for n, city in enumerate(city_order)}
    order = sorted((p for p in parts if p != OTHER), key=lambda p: (rank.get(p, len(rank)), p))
    return {part: parts[part] for part in order + ([OTHER] if OTHER in parts else [])}


def part_of_rows(parts: dict[str, list[str]] | None) -> dict[str, str]:
    """Each row id's part ({} when the index is not split)."""
    return {row_id: part for part, row_ids in (parts or {}).items() for row_id in row_ids}
