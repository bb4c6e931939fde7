"""The data-quality page: stated totals against their parts, doubtful figures, inferred dates, coverage.

Input: SiteData (consistency_checks, figures_by_source_category). Output: one Page at
urls.section("quality"), from templates/quality.md.j2.
"""
from __future__ import annotations

from typing import Iterator

import urls
from families.page import Page
from site_data import SiteData


def pages(data: SiteData) -> Iterator[Page]:
    checks = [dict(check, total=data.figure[check["total_id"]],
                   result_label=data.label("consistency_checks.result", check["result"], data.lang),
                   parts_list=[data.figure[i] for i in check["part_ids"].split("|")])
              for check in data.t["consistency_checks"]]
    coverage = [dict(c, source=data.sources[c["source_id"]], source_url=urls.source(c["source_id"], data.lang),
                     category_label=data.label("indicators.category", c["category"], data.lang))
                for c in data.t["figures_by_source_category"]]
    context = dict(checks=checks, coverage=coverage,
                   suspect=[f for f in data.figures if f["flag"] == "suspect"],
                   inferred=[f for f in data.figures if f["period_inferred"]],
                   inferred_sources=[dict(s, url=urls.source(s["id"], data.lang))
                                     for s in data.t["sources"] if s["published_inferred"]])
    yield Page(urls.section("quality", data.lang), "quality.md.j2", context, nav_section="quality")
