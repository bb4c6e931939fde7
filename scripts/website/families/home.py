"""The home page: what the site holds and, first, what a reader came for — the sixteen Weifang
zones' first-half-2016 totals and each zone's largest figure.

Input: SiteData. Output: one Page at urls.home(), from templates/home.md.j2.
"""
from __future__ import annotations

from typing import Iterator

from website import urls
from website.families.entity import card_label
from website.families.page import Page
from website.site_data import SiteData


MONEY_UNITS = ("CNY", "USD")


def group_totals(data: SiteData) -> list[dict]:
    """The amounts of money stated for a group of zones as a whole (the sixteen Weifang zones' first-half
    totals first), actual, never a doubtful figure."""
    totals = [f for f in data.figures if f["entity_kind"] == "zone_group" and f["measure"] == "amount"
              and f["status"] == "actual" and not f["flag"] and f["unit"] in MONEY_UNITS]
    return [dict(f, card_label=card_label(f, "")) for f in sorted(totals, key=lambda f: f["observation_id"])]


def largest_per_zone(data: SiteData) -> list[dict]:
    """Each zone's largest actual money figure (its own), largest first."""
    best = {}
    for figure in data.figures:
        if (figure["entity_kind"] == "zone" and figure["unit"] in MONEY_UNITS and figure["status"] == "actual"
                and figure["measure"] == "amount" and not figure["flag"] and not figure["restates"]):
            current = best.get(figure["entity_id"])
            if current is None or figure["value"] > current["value"]:
                best[figure["entity_id"]] = figure
    rows = sorted(best.values(), key=lambda f: -f["value"])
    return [dict(f, card_label=card_label(f, f["entity_id"])) for f in rows]


def pages(data: SiteData) -> Iterator[Page]:
    context = dict(counts=data.counts(), group_totals=group_totals(data), largest=largest_per_zone(data),
                   sources=data.t["sources"],
                   latest_source=max((s["published"] for s in data.t["sources"]), default=None))
    yield Page(urls.home(data.lang), "home.md.j2", context, nav_section="home")
