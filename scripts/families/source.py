"""Source pages: one page per source document, every figure in reading order with its number marked.

Input: SiteData. Output: a Page per source at urls.source(), from templates/source_page.md.j2,
with the source's publisher and date (and how the date was inferred), its figures, the
policies it names, and a CSV.
"""
from __future__ import annotations

from typing import Iterator

import urls
from families.page import Page
from site_data import SiteData


def pages(data: SiteData) -> Iterator[Page]:
    for source in data.t["sources"]:
        figures = data.figures_by_source[source["id"]]
        context = dict(source=source, figures=figures, policies=data.policies_by_source[source["id"]],
                       csv_name=f"{source['id']}.csv")
        yield Page(urls.source(source["id"], data.lang), "source_page.md.j2", context, csv_figures=figures)
