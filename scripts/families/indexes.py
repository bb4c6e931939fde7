"""The index pages: zones (with the comparison of zones), entities, indicators, sources,
the policy timeline and the organisations.

Input: SiteData. Output: one Page per index at urls.section(name), from the template of the
same name in templates/. Each index page is a navigation section (nav_section). An index that
SiteData split by city (index_parts) becomes a list of its parts, each part a page of its own at
urls.section_part(name, city).
"""
from __future__ import annotations

from typing import Callable, Iterator

import urls
from families.page import Page
import index_parts
from site_data import SiteData, group, split_list


def pages(data: SiteData) -> Iterator[Page]:
    yield zones_index(data)
    yield from entities_index(data)
    yield indicators_index(data)
    yield sources_index(data)
    yield from policies_timeline(data)
    yield from organizations(data)


def split_index(data: SiteData, name: str, template: str, rows: list[dict],
                context_of: Callable[[list[dict]], dict]) -> Iterator[Page]:
    """The index `name` over rows (each with an "id"): one page from template and context_of(rows),
    or, when SiteData split it, a page listing the parts (city, count, link) and one page per part
    with context_of(the part's rows) and `part` (its name and its index's address)."""
    index_url = urls.section(name, data.lang)
    parts = data.index_parts[name]
    if parts is None:
        yield Page(index_url, template, dict(context_of(rows), part=None), nav_section=name)
        return
    part_of = data.part_of[name]
    listing = []
    for part in parts:
        part_rows = [row for row in rows if part_of[row["id"]] == part]
        title = data.ui("index.other_part", data.lang) if part == index_parts.OTHER else data.entities[part][f"name_{data.lang}"]
        url = urls.section_part(name, part, data.lang)
        listing.append({"name": title, "count": len(part_rows), "url": url})
        yield Page(url, template, dict(context_of(part_rows), part={"name": title, "index_url": index_url}))
    yield Page(index_url, "index_parts.md.j2", dict(index=name, parts=listing, download=f"{name}.csv"), nav_section=name)


def zones_index(data: SiteData) -> Page:
    def name(entity_id):
        return data.entities[entity_id][f"name_{data.lang}"] if entity_id else ""
    zones = [dict(z, url=urls.entity(z["zone_id"], "zone", data.lang), city_name=name(z["city_id"]),
                  county_name=name(z["county_id"])) for z in data.t["zone_summary"]]
    columns = comparison_columns(data)
    for zone in zones:
        zone["compared"] = [column["cells"].get(zone["zone_id"]) for column in columns]
    return Page(urls.zones(data.lang), "zones_index.md.j2", dict(zones=zones, columns=columns), nav_section="zones")


def comparison_columns(data: SiteData) -> list[dict]:
    """One column per indicator that at least three zones report for the same period (zone_comparison)."""
    columns = []
    for column_id, rows in group(data.t["zone_comparison"], "column_id").items():
        first = data.figure[rows[0]["observation_id"]]
        title = " · ".join(p for p in (first["indicator_name"], first["period_label"],
                                       first["status_label"] if first["status"] == "target" else None) if p)
        cells = {r["zone_id"]: data.figure[r["observation_id"]] for r in rows}
        columns.append({"id": column_id, "title": title, "unit_name": first["unit_name"], "cells": cells})
    return columns


def entities_index(data: SiteData) -> Iterator[Page]:
    others = [dict(e, url=data.entity_url(e["id"]), kind_label=data.kind_label(e), figures=len(data.figures_of[e["id"]]))
              for e in data.t["entities"] if e["kind"] != "zone"]
    return split_index(data, "entities", "entities_index.md.j2", others, lambda rows: dict(entities=rows))


def indicators_index(data: SiteData) -> Page:
    rows = [dict(s, url=urls.indicator(s["indicator_id"], data.lang), unit_name=data.units[s["unit"]][f"name_{data.lang}"],
                 category_label=data.label("indicators.category", s["category"], data.lang))
            for s in data.t["indicator_summary"] if s["figures"]]
    return Page(urls.section("indicators", data.lang), "indicators_index.md.j2", dict(indicators=rows), nav_section="indicators")


def sources_index(data: SiteData) -> Page:
    rows = [dict(s, url=urls.source(s["id"], data.lang), figures=len(data.figures_by_source[s["id"]]))
            for s in data.t["sources"]]
    return Page(urls.section("sources", data.lang), "sources_index.md.j2", dict(sources=rows), nav_section="sources")


def policies_timeline(data: SiteData) -> Iterator[Page]:
    def when(policy):
        return policy["issued"] or policy["effective"]
    dated = sorted((p for p in data.t["policies"] if when(p)), key=lambda p: (when(p), p["id"]))
    undated = [p for p in data.t["policies"] if not when(p)]
    rows = [dict(p, when=when(p), entity=data.entities[p["entity_id"]], entity_url=data.entity_url(p["entity_id"]),
                 source=data.sources[p["source_id"]], source_url=urls.source(p["source_id"], data.lang),
                 kind_label=data.label("policies.kind", p["kind"], data.lang)) for p in dated + undated]
    return split_index(data, "policies", "policies.md.j2", rows, lambda part: dict(policies=part))


def organizations(data: SiteData) -> Iterator[Page]:
    """The organisation trees and the division of tasks (both tables' rows are split together)."""
    org_ids = {o["id"] for o in data.t["organizations"]}

    def context(rows: list[dict]) -> dict:
        return organizations_context(data, [r for r in rows if r["id"] in org_ids], [r for r in rows if r["id"] not in org_ids])
    return split_index(data, "organizations", "organizations.md.j2", data.t["organizations"] + data.t["tasks"], context)


def organizations_context(data: SiteData, orgs: list[dict], tasks: list[dict]) -> dict:
    """The trees of orgs under the place of their root, the units named by tasks, and the tasks."""
    kids = group(orgs, "parent_id")

    def node(org, depth):
        return [dict(org, depth=depth, lead=split_list(org["lead_units_zh"]), source_url=urls.source(org["source_id"], data.lang),
                     responsible=split_list(org["responsible_units_zh"]))] + \
            [n for child in kids.get(org["id"], []) for n in node(child, depth + 1)]
    places = group(kids.get(None, []), "entity_id")
    trees = [{"entity": data.entities[place], "url": data.entity_url(place),
              "nodes": [n for root in roots for n in node(root, 0)]} for place, roots in sorted(places.items())]
    by_unit: dict[str, dict] = {}
    for task in tasks:
        for role, field in (("lead", "lead_units_zh"), ("responsible", "responsible_units_zh")):
            for unit in split_list(task[field]):
                by_unit.setdefault(unit, {"lead": [], "responsible": []})[role].append(task)
    units = [{"unit": u, **by_unit[u]} for u in sorted(by_unit)]
    tasks = [dict(t, lead=split_list(t["lead_units_zh"]), responsible=split_list(t["responsible_units_zh"])) for t in tasks]
    return dict(trees=trees, tasks=tasks, units=units)
