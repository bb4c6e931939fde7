"""Source pages: one page per source document, every figure in reading order with its number marked.

Input: SiteData. Output: the Pages of each source, from templates/source_page.md.j2: its first page at
urls.source() with the source's publisher and date (and how the date was inferred), the policies it
names, its figures by category and a CSV of all its figures; then, when the document has more figures
than one page holds (page_parts), one page per further part at urls.source_part(). Every page lists
the parts and shows its own figures in reading order.
"""
from __future__ import annotations

from typing import Iterator

from website import page_parts
from website import search_names
from website import urls
from website.families import changelog
from website.families.page import Page
from website.site_data import SiteData, group



def parts_list(data: SiteData, source_id: str) -> list[dict]:
    """The pages of a source's figures (page_parts.listing), each with the ids of its first and last figure."""
    parts = data.source_parts.get(source_id, [[]])
    return [dict(entry, first_id=part[0] if part else "", last_id=part[-1] if part else "")
            for entry, part in zip(page_parts.listing(parts, lambda n: urls.source_part(source_id, n, data.lang)), parts)]


def pages(data: SiteData) -> Iterator[Page]:
    coverage_of = group(data.t["figures_by_source_category"], "source_id")
    revisions = changelog.revisions(data)  # figures whose value a release changed: marked on their cards
    for source in data.t["sources"]:
        source = dict(source, **data.cited_sources[source["id"]])  # its publisher and date as a citation names them
        figures = data.figures_by_source[source["id"]]
        parts = parts_list(data, source["id"])
        coverage = [dict(c, category_label=data.label("indicators.category", c["category"], data.lang))
                    for c in coverage_of[source["id"]]]
        for part in parts:
            shown = figures[part["first"] - 1:part["last"]]
            topics = list(dict.fromkeys(f["indicator_name"] for f in shown))
            context = dict(source=source, figures=shown, topics=topics, topics_family=search_names.SOURCE_TOPICS_FIELD,
                           figure_count=len(figures), parts=parts, part=part,
                           policies=data.policies_by_source[source["id"]] if part["number"] == 1 else [],
                           coverage=coverage if part["number"] == 1 else [],
                           csv_url=urls.source(source["id"], data.lang) + f"{source['id']}.csv",
                           csv_name=f"{source['id']}.csv", revisions=revisions)
            yield Page(part["url"], "source_page.md.j2", context,
                       csv_figures=(figures or None) if part["number"] == 1 else None)
