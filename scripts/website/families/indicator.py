"""Indicator pages: one page per indicator with figures, ranking the comparable sets.

Input: SiteData. Output: a Page per indicator that has figures (an indicator with none is not
published) at urls.indicator(), from templates/indicator_page.md.j2: each comparable set ranked
by value (a table and a bar chart), actual and target apart, the group total as context, then
every figure with its sentence, and a CSV.
"""
from __future__ import annotations

from pathlib import Path
from typing import Iterator

from website import chart_plans
from website import urls
from website.families.page import Page
from website.site_data import SiteData



def pages(data: SiteData) -> Iterator[Page]:
    summaries = {s["indicator_id"]: s for s in data.t["indicator_summary"]}
    for indicator in data.t["indicators"]:
        # Each fact once: a restatement is shown under the figure it restates.
        figures = [f for f in data.figures_by_indicator[indicator["id"]] if f["counted"]]
        if figures:
            yield indicator_page(data, indicator, summaries[indicator["id"]], figures)


def indicator_page(data: SiteData, indicator: dict, summary: dict, figures: list[dict]) -> Page:
    url = urls.indicator(indicator["id"], data.lang)
    views, charts = chart_plans.plan(data, chart_plans.sets_of_indicator(data, indicator["id"]),
                                     Path(url), url, None)  # the page is the indicator: titles do not repeat it
    context = dict(indicator=indicator, summary=summary, figures=figures, charts=views,
                   unit=data.units[indicator["unit"]],
                   category=data.label("indicators.category", indicator["category"], data.lang),
                   csv_name=f"{indicator['id']}.csv")
    return Page(url, "indicator_page.md.j2", context, csv_figures=figures, charts=charts)
