"""The index pages: zones (with the comparison of zones), entities, indicators, sources,
the policy timeline and the organisations.

Input: SiteData. Output: one Page per index at urls.section(name), from the template of the
same name in templates/. Each index page is a navigation section (nav_section). An index that
SiteData split by city (index_parts) becomes a list of its parts, each part a page of its own at
urls.section_part(name, city).
"""
from __future__ import annotations

from typing import Callable, Iterator

from charts import render as chart_render
from website import index_parts
from website import map_plans
from website import urls
from website.families.page import Page
from website.site_data import SiteData, group, plain_number, split_list



# The table a split index's listing offers for download, when it is not the table of the same name.
DOWNLOADS = {"zones": "zone_summary.csv", "indicators": "indicator_summary.csv"}


def pages(data: SiteData) -> Iterator[Page]:
    yield from zones_index(data)
    yield from entities_index(data)
    yield from indicators_index(data)
    yield sources_index(data)
    yield from policies_timeline(data)
    yield from organizations(data)


def split_index(data: SiteData, name: str, template: str, rows: list[dict], context_of: Callable[[list[dict]], dict],
                overview: Callable[[list[dict]], list] | None = None) -> Iterator[Page]:
    """The index `name` over rows (each with an "id"): one page from template and context_of(rows),
    or, when SiteData split it, a page listing the parts (name, count, overview(part's rows) if given,
    link) and the pages of each part (part_pages)."""
    index_url = urls.section(name, data.lang)
    parts = data.index_parts[name]
    if parts is None:
        yield index_page(index_url, template, dict(context_of(rows), part=None), nav_section=name)
        return
    # Each part keeps the index's order of rows, not the order SiteData met them in.
    rows_of_part: dict[str, list[dict]] = {}
    for row in rows:
        rows_of_part.setdefault(data.part_of[name][row["id"]], []).append(row)
    listing = []
    for part in parts:
        part_rows = rows_of_part[part]
        title = part_title(data, name, part)
        listing.append({"name": title, "count": len(part_rows), "url": urls.section_part(name, part, data.lang),
                        "overview": overview(part_rows) if overview else []})
        yield from part_pages(data, name, template, part, part_rows, context_of)
    by = "category" if name in urls.PART_FOLDERS else "city"
    yield Page(index_url, "index_parts.md.j2", dict(index=name, by=by, parts=listing, download=DOWNLOADS.get(name, f"{name}.csv"),
                                                    overview_heads=overview_heads(data, name) if overview else [],
                                                    count=sum(p["count"] for p in listing), parent=None),
               nav_section=name)


def index_page(url: str, template: str, context: dict, **page) -> Page:
    """An index page; a context holding a "csv_table" (columns, rows) gets it as the page's CSV."""
    return Page(url, template, context, csv_table=context.pop("csv_table", None), **page)


def part_title(data: SiteData, name: str, part: str) -> str:
    """A part's name: its city's or its category's, or "other"."""
    if name == "indicators":  # "other" is also a category of its own, with its label
        label = data.label("indicators.category", part, data.lang)
        return label[:1].upper() + label[1:]  # a title: "Public finance" (labels are written for running text)
    if part == index_parts.OTHER:
        return data.ui("index.other_part", data.lang)
    return data.entities[part][f"name_{data.lang}"]


def part_pages(data: SiteData, name: str, template: str, part: str, rows: list[dict],
               context_of: Callable[[list[dict]], dict]) -> Iterator[Page]:
    """One part's page, or, for an index paged past index_parts.PAGE_ROWS, a page listing its numbered
    pages and each numbered page (at most PAGE_ROWS rows), each linked from its parent."""
    title, url = part_title(data, name, part), urls.section_part(name, part, data.lang)
    index = {"name": title, "index_url": urls.section(name, data.lang), "parent_title": data.ui(f"{name}.title", data.lang),
             "sentence": "index.category_part_of" if name in urls.PART_FOLDERS else "index.part_of",
             "other": part == index_parts.OTHER}
    numbered = data.index_pages.get(name, {}).get(part)  # SiteData cut it, in the order the addresses use
    if numbered is None:
        yield index_page(url, template, dict(context_of(rows), part=index))
        return
    by_id = {row["id"]: row for row in rows}
    listing = []
    for number, row_ids in enumerate(numbered, start=1):
        page_url = urls.section_part_page(name, part, number, data.lang)
        page_name = f"{title} · {data.ui('index.page', data.lang, number=number)}"
        listing.append({"name": data.ui("index.page", data.lang, number=number), "count": len(row_ids), "url": page_url,
                        "overview": []})
        yield index_page(page_url, template, dict(context_of([by_id[i] for i in row_ids]),
                                            part={"name": page_name, "index_url": url, "parent_title": title,
                                                  "sentence": "index.page_of", "number": number, "pages": len(numbered)}))
    yield Page(url, "index_parts.md.j2", dict(index=name, by="page", parts=listing, download=DOWNLOADS.get(name, f"{name}.csv"), overview_heads=[],
                                              count=len(rows), part=title, size=index_parts.rows_per_page(name), parent=index))


def overview_heads(data: SiteData, name: str) -> list[str]:
    """The headings of what a split index's listing shows of each part besides its count."""
    return [data.ui("column.figures", data.lang), data.ui("column.compared", data.lang)] if name == "zones" else []


def zones_index(data: SiteData) -> Iterator[Page]:
    """The zones with their comparison columns: over the province's zones when the index is one page,
    within each city on the city's part when it is split (the zone_comparison model's scopes)."""
    def name(entity_id):
        return data.entities[entity_id][f"name_{data.lang}"] if entity_id else ""
    zones = [dict(z, id=z["zone_id"], url=urls.entity(z["zone_id"], "zone", data.lang), city_name=name(z["city_id"]),
                  county_name=name(z["county_id"])) for z in data.t["zone_summary"]]
    scope = "province" if data.index_parts["zones"] is None else "city"
    # Each zone's comparison figures of the scope, grouped once (a page reads only its own zones'), each
    # with its place in the model's order, which the columns keep.
    scoped = [row for row in data.t["zone_comparison"] if row["scope"] == scope]
    place = {id(row): n for n, row in enumerate(scoped)}
    compared_of = group(scoped, "zone_id")

    def compared(rows: list[dict]) -> list[dict]:
        return sorted((r for z in rows for r in compared_of.get(z["zone_id"], [])), key=lambda r: place[id(r)])

    def context(rows: list[dict]) -> dict:
        columns = comparison_columns(data, compared(rows))
        rows = [dict(z, compared=[column["cells"].get(z["zone_id"]) for column in columns]) for z in for_reader(data, rows)]
        return dict(zones=rows, columns=columns, scope=scope, csv_name="zones.csv", csv_table=zones_table(data, rows, columns))

    def overview(rows: list[dict]) -> list:
        return [sum(z["figures"] for z in rows), len({r["column_id"] for r in compared(rows)})]
    for page in split_index(data, "zones", "zones_index.md.j2", zones, context, overview):
        if page.template == "zones_index.md.j2":  # the index, or a city's part: its zones on a map
            page.context["map"], maps = map_plans.zones_map(data, [z["zone_id"] for z in page.context["zones"]], page.url)
            page.charts.extend(maps)
        yield page


# The zones table's own columns in its CSV, the page's language first (each column's twin follows it).
ZONE_CSV_COLUMNS = ("zone_id", "name_{0}", "name_{1}", "city_id", "city_name_{0}", "county_id", "county_name_{0}",
                    "figures", "sources", "parks_and_projects", "management_model_{0}")


def zones_table(data: SiteData, zones: list[dict], columns: list[dict]) -> tuple[list[str], list[dict]]:
    """The zones index as a table (the page's "download this table"): the zone_summary columns in the page's
    language, then each comparison column the page shows, headed by its title and unit, holding the figure's
    value in that unit (the canonical unit, as in every download)."""
    other = "zh" if data.lang != "zh" else "en"
    fields = [c.format(data.lang, other) for c in ZONE_CSV_COLUMNS]
    heads = [f"{column['title']} ({column['unit_name']})" for column in columns]
    rows = [dict({f: z[f] for f in fields}, **{head: (f["value"] if f else None) for head, f in zip(heads, z["compared"])})
            for z in zones]
    return fields + heads, rows


def for_reader(data: SiteData, rows: list[dict]) -> list[dict]:
    """rows (each with an "id" and names) in their reader's order: by English name on English pages,
    as given (by category or id) on Chinese ones (see reader_order)."""
    return sorted(rows, key=lambda r: reader_order(data, r[f"name_{data.lang}"], r["id"])) if data.lang != "zh" else rows


def comparison_columns(data: SiteData, comparison: list[dict]) -> list[dict]:
    """One column per indicator that at least three zones report for the same period (zone_comparison rows
    of one scope, for the zones a page shows)."""
    columns = []
    for column_id, rows in group(comparison, "column_id").items():
        first = data.figure[rows[0]["observation_id"]]
        title = " · ".join(p for p in (first["indicator_name"], first["period_label"],
                                       first["status_label"] if first["status"] == "target" else None) if p)
        # Every cell of a column in one unit and one way of writing (5个, never 五大 beside 5大): the value in
        # the column's scale, the printed form one click away on the zone's page.
        scale, unit = chart_render.axis_scale(first["unit"], [data.figure[r["observation_id"]]["value"] for r in rows],
                                              data.lang)
        cells = {r["zone_id"]: dict(data.figure[r["observation_id"]], cell_text=data.ui(
                     "zones.cell", data.lang, n=plain_number(data.figure[r["observation_id"]]["value"] / scale), unit=unit))
                 for r in rows}
        columns.append({"id": column_id, "title": title, "unit_name": first["unit_name"], "cells": cells})
    return columns


def entities_index(data: SiteData) -> Iterator[Page]:
    others = [dict(e, url=data.entity_url(e["id"]), kind_label=data.kind_label(e), figures=sum(1 for f in data.figures_of[e["id"]] if f["counted"]))
              for e in data.t["entities"] if e["kind"] != "zone"]
    return split_index(data, "entities", "entities_index.md.j2", others, lambda rows: dict(entities=for_reader(data, rows)))


def indicators_index(data: SiteData) -> Iterator[Page]:
    rows = [dict(s, id=s["indicator_id"], url=urls.indicator(s["indicator_id"], data.lang),
                 unit_name=data.units[s["unit"]][f"name_{data.lang}"],
                 category_label=data.label("indicators.category", s["category"], data.lang))
            for s in data.t["indicator_summary"] if s["figures"]]
    if data.lang == "zh":  # by category, in the label table's order, then id
        rank = {category: n for n, category in enumerate(data.by_category_order({r["category"] for r in rows}))}
        rows = sorted(rows, key=lambda r: (rank[r["category"]], r["id"]))
    return split_index(data, "indicators", "indicators_index.md.j2", rows, lambda part: dict(indicators=for_reader(data, part)))


def sources_index(data: SiteData) -> Page:
    rows = [dict(s, url=urls.source(s["id"], data.lang), figures=sum(1 for f in data.figures_by_source[s["id"]] if f["counted"]))
            for s in data.t["sources"]]
    rows = sorted(rows, key=lambda r: reader_order(data, r[f"title_{data.lang}"], r["id"])) if data.lang != "zh" else rows
    return Page(urls.section("sources", data.lang), "sources_index.md.j2", dict(sources=rows), nav_section="sources")


def policies_timeline(data: SiteData) -> Iterator[Page]:
    rows = [dict(p, when=SiteData.policy_date(p), entity=data.entities[p["entity_id"]], entity_url=data.entity_url(p["entity_id"]),
                 source=data.sources[p["source_id"]], source_url=urls.source(p["source_id"], data.lang),
                 kind_label=data.label("policies.kind", p["kind"], data.lang)) for p in data.policy_timeline()]
    return split_index(data, "policies", "policies.md.j2", rows, lambda part: dict(policies=part))


def organizations(data: SiteData) -> Iterator[Page]:
    """The organisation trees and the division of tasks (both tables' rows are split together)."""
    org_ids = {o["id"] for o in data.t["organizations"]}

    def context(rows: list[dict]) -> dict:
        return organizations_context(data, [r for r in rows if r["id"] in org_ids], [r for r in rows if r["id"] not in org_ids])
    return split_index(data, "organizations", "organizations.md.j2", data.t["organizations"] + data.t["tasks"], context)


def organizations_context(data: SiteData, orgs: list[dict], tasks: list[dict]) -> dict:
    """The trees of orgs under the place of their root, the units named by tasks (each with its name in
    the page's language, in that language's order), and the tasks."""
    kids = group(orgs, "parent_id")

    def node(org, depth):
        return [dict(org, depth=depth, source_url=urls.source(org["source_id"], data.lang))] + \
            [n for child in kids.get(org["id"], []) for n in node(child, depth + 1)]
    places = group(kids.get(None, []), "entity_id")
    trees = [{"entity": data.entities[place], "url": data.entity_url(place),
              "nodes": [n for root in roots for n in node(root, 0)]} for place, roots in sorted(places.items())]
    by_unit: dict[str, dict] = {}
    for task in tasks:
        for role, field in (("lead", "lead_units"), ("responsible", "responsible_units")):
            names = split_list(task[f"{field}_{data.lang}"])
            for unit, name in zip(split_list(task[f"{field}_zh"]), names):
                by_unit.setdefault(unit, {"name": name, "lead": [], "responsible": []})[role].append(task)
    units = [{"unit": u, **by_unit[u]} for u in sorted(by_unit, key=lambda u: reader_order(data, by_unit[u]["name"], u))]
    return dict(trees=trees, tasks=tasks, units=units)


def reader_order(data: SiteData, name: str, key: str) -> tuple:
    """The order an index lists names in for its reader: English by the name, case-insensitive; Chinese by
    key (a code point order of the Chinese name or an id: no pinyin collation is among the project's
    dependencies, so Chinese indexes keep their category or id order)."""
    return (name.casefold(), key) if data.lang != "zh" else (key,)
