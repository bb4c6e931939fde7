"""The data-quality page: stated totals against their parts, doubtful figures, inferred dates, coverage.

Input: SiteData (consistency_checks, figures_by_source_category). Output: the Page at
urls.section("quality"), from templates/quality.md.j2: counts, the figures by category over all
sources (each source's own counts are on its page), and three lists (totals against their parts,
doubtful figures, sources with an inferred date). A list that fits on one page (page_parts) is shown
on the quality page; a longer one is cut into parts in order, each a Page at urls.quality_list()
from templates/quality_list.md.j2, and the quality page links them.
"""
from __future__ import annotations

from typing import Iterator

from website import page_parts
from website import urls
from website.families.page import Page
from website.site_data import SiteData


# Rows of each list on one page (page_parts).
PER_PART = {"totals": page_parts.ROWS_PER_LIST_PART, "doubtful": page_parts.CARDS_PER_LIST_PART,
            "inferred": page_parts.ROWS_PER_LIST_PART}
COVERAGE_COUNTS = ("figures", "actuals", "targets", "suspect", "period_inferred")


def quality_lists(data: SiteData) -> dict[str, list[dict]]:
    """The rows of each list, in page order: checks (with their total and parts), doubtful figures, sources."""
    checks = [dict(check, total=data.figure[check["total_id"]],
                   result_label=data.label("consistency_checks.result", check["result"], data.lang),
                   parts_list=[data.figure[i] for i in check["part_ids"].split("|")])
              for check in data.t["consistency_checks"]]
    return {"totals": checks,
            "doubtful": [f for f in data.figures if f["flag"] == "suspect"],
            "inferred": [dict(s, url=urls.source(s["id"], data.lang))
                         for s in data.t["sources"] if s["published_inferred"]]}


def coverage_by_category(data: SiteData) -> list[dict]:
    """figures_by_source_category summed over the sources: one row per category, in SiteData.category_order."""
    totals: dict[str, dict] = {}
    for row in data.t["figures_by_source_category"]:
        total = totals.setdefault(row["category"], dict.fromkeys(COVERAGE_COUNTS, 0))
        for count in COVERAGE_COUNTS:
            total[count] += row[count] or 0
    return [dict(totals[category], category_label=data.label("indicators.category", category, data.lang))
            for category in data.by_category_order(totals)]


def pages(data: SiteData) -> Iterator[Page]:
    lists = quality_lists(data)
    parts = {name: page_parts.in_parts(rows, PER_PART[name]) for name, rows in lists.items()}
    links = {name: page_parts.listing(p, lambda n, name=name: urls.quality_list(name, n, data.lang)) if len(p) > 1 else []
             for name, p in parts.items()}
    results: dict[str, int] = {}
    for check in lists["totals"]:
        results[check["result_label"]] = results.get(check["result_label"], 0) + 1
    context = dict(lists={name: rows if not links[name] else [] for name, rows in lists.items()},
                   counts={name: len(rows) for name, rows in lists.items()}, links=links, results=results,
                   inferred=[f for f in data.figures if f["period_inferred"]], coverage=coverage_by_category(data),
                   sources=len(data.t["sources"]))
    yield Page(urls.section("quality", data.lang), "quality.md.j2", context, nav_section="quality")
    for name, name_parts in parts.items():
        for part in links[name]:
            yield Page(part["url"], "quality_list.md.j2",
                       dict(name=name, rows=name_parts[part["number"] - 1], part=part, parts=links[name],
                            count=len(lists[name])))
