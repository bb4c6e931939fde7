"""The home page: what the site holds and, first, what a reader came for — the amounts the sources give for
groups of zones as a whole, and every zone, with how much the sources say about it.

Nothing here ranks unlike things: the headline cards are amounts measured (figure_uses.headline: no size
class, formula, restatement or doubtful figure) for groups of zones, and the zones are listed by city,
each linking to its page; comparisons of zones live on the zones index, where only like figures meet.

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
    totals first), actual, measured, never a doubtful figure."""
    totals = [f for f in data.figures if f["entity_kind"] == "zone_group" and f["headline"]
              and f["status"] == "actual" and f["unit"] in MONEY_UNITS]
    return [dict(f, card_label=card_label(f, "")) for f in sorted(totals, key=lambda f: f["observation_id"])]


def zones_by_city(data: SiteData) -> list[dict]:
    """Every zone, grouped by its city (cities by name), each with its page and how many figures the sources
    give about it: every zone is one click from the home page."""
    cities: dict[str, list[dict]] = {}
    for zone in data.t["zone_summary"]:
        cities.setdefault(zone["city_id"] or "", []).append(dict(zone, url=data.entity_url(zone["zone_id"])))
    rows = []
    for city_id, zones in cities.items():
        city = data.entities.get(city_id)
        rows.append({"city": city, "city_url": data.entity_url(city_id) if city else None,
                     "zones": sorted(zones, key=lambda z: z[f"name_{data.lang}"].casefold())})
    return sorted(rows, key=lambda r: (r["city"] is None, r["city"][f"name_{data.lang}"].casefold() if r["city"] else ""))


def pages(data: SiteData) -> Iterator[Page]:
    context = dict(counts=data.counts(), group_totals=group_totals(data), cities=zones_by_city(data),
                   sources=data.t["sources"],
                   latest_source=max((s["published"] for s in data.t["sources"]), default=None))
    yield Page(urls.home(data.lang), "home.md.j2", context, nav_section="home")
