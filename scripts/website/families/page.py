"""What a page family yields: a page's address, its template and the context the template places."""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Page:
    url: str                      # from the urls module, e.g. "zones/gaomi-economic-development-zone/"
    template: str                 # a file in templates/
    context: dict                 # everything the template shows, already shaped
    csv_figures: list | None = None   # the figures of a per-page CSV download (named csv_name in context)
    csv_table: tuple[list[str], list[dict]] | None = None  # or a table's (columns, rows), named csv_name too
    charts: list = field(default_factory=list)   # charts.Chart objects, rendered once at the end
    nav_section: str | None = None  # a navigation section: its label is labels.csv "nav.section"
    in_search: bool = True
    body: str | None = None       # a file written as it is (the feed), instead of a template rendered
