"""The data every page family reads: the DuckDB tables, indexed once, and figures shaped for reading.

Input: the tables of `build/data/zones.duckdb` as lists of dicts (load_tables).
Output: a SiteData object: lookups by id, the figures of each entity, indicator and source,
the entity hierarchy (from the entity_ancestors model, not recomputed here) and the chart
sets (from the chart_sets model). Shaping that every page needs — a figure's printed value,
its quote with the number marked, its links and its citation — happens here, once.
"""
from __future__ import annotations

import re
from collections import defaultdict
from functools import cached_property

import duckdb

from curated import paths
from curated.labels import Labels
from website import index_parts
from website import page_parts
from website import urls
from website.ui import UiText


# Fields of a figure that exist in each language (<name>_zh, <name>_en): a figure also gets <name>,
# in the page's language, so templates and charts never choose the language themselves.
LOCALIZED_FIGURE_FIELDS = ("entity_name", "indicator_name", "industry_name", "subject", "period_label", "share_of",
                           "measure", "status", "category", "note", "source_title", "unit_name")

# Kinds whose page lists only their own figures: what lies in them has pages of its own.
CONTAINER_KINDS = ("province", "city", "county")
# A number printed with a word of its own (100多, 40余) already says "more than": it takes no qualifier label.
PLAIN_NUMBER = re.compile(r"[0-9.,０-９〇零一二两三四五六七八九十百千万亿]+")


def load_tables(con: duckdb.DuckDBPyConnection) -> dict[str, list[dict]]:
    """Every table of the database as lists of dicts, in stored (sorted) order."""
    names = [row[0] for row in con.execute("SELECT table_name FROM duckdb_tables() ORDER BY table_name").fetchall()]
    tables = {}
    for name in names:
        relation = con.table(name)
        tables[name] = [dict(zip(relation.columns, row)) for row in relation.fetchall()]
    return tables


def group(rows: list[dict], key: str) -> defaultdict:
    groups = defaultdict(list)
    for row in rows:
        groups[row[key]].append(row)
    return groups


def plain_number(value: float) -> str:
    """1234567.0 → 1,234,567; 11.460000000000001 → 11.46."""
    value = round(value, 6)
    return f"{int(value):,}" if float(value).is_integer() else f"{value:,}"


def split_list(value: str | None) -> list[str]:
    """A |-separated list of the package as a list."""
    return [part for part in (value or "").split("|") if part]


def cited_source(source: dict, ui: UiText, lang: str) -> dict:
    """How a citation names a source's publisher and date: in the page's language, each marked as
    inferred where the text does not state it."""
    publisher = source.get(f"publisher_{lang}") or source["publisher_zh"] or ""
    date = str(source["published"])
    if publisher and source.get("publisher_inferred"):
        publisher = ui("figure.publisher_inferred", lang, publisher=publisher)
    if source["published_inferred"]:
        date = ui("figure.date_inferred", lang, date=date)
    return {"cited_publisher": publisher, "cited_date": date}


class SiteData:
    """Lookups and shaped figures over the tables; one per build and language."""

    def __init__(self, tables: dict[str, list[dict]], lang: str = urls.DEFAULT_LANGUAGE):
        self.t = tables
        self.lang = lang
        self.label = Labels({(r["field"], r["value"]): r for r in tables["labels"]})
        self.ui = UiText.read()
        self.site_name = self.ui("site.name", lang)
        self.entities = {e["id"]: e for e in tables["entities"]}
        self.sources = {s["id"]: s for s in tables["sources"]}
        self.indicators = {i["id"]: i for i in tables["indicators"]}
        self.units = {u["id"]: u for u in tables["units"]}
        self.lineage = {row["entity_id"]: row for row in tables["entity_lineage"]}
        self.children = group([e for e in tables["entities"] if e["parent_id"]], "parent_id")
        self.inside = group(tables["entity_ancestors"], "ancestor_id")
        # Each source's figures cut into pages in reading order (page_parts), before figures are shaped:
        # a figure's address on its source is the part it is on.
        self.source_parts = {source_id: page_parts.in_parts([r["observation_id"] for r in rows],
                                                            page_parts.FIGURES_PER_SOURCE_PART)
                             for source_id, rows in group(tables["figures"], "source_id").items()}
        self.source_page_of = {observation_id: urls.source_part(source_id, number, lang)
                               for source_id, parts in self.source_parts.items()
                               for number, part in enumerate(parts, 1) for observation_id in part}
        # What each figure may be used for (the figure_uses model: counted, charted, headline, period kind).
        self.uses = {row["observation_id"]: row for row in tables["figure_uses"]}
        # How citations name each source (publisher and date, marked where inferred): once per source.
        self.cited_sources = {s["id"]: cited_source(s, self.ui, lang) for s in tables["sources"]}
        self.figures = [self.shape_figure(row) for row in tables["figures"]]
        self.figure = {f["observation_id"]: f for f in self.figures}
        # A restatement is shown under the figure it restates, on every page but its source's.
        for figure in self.figures:
            if figure["restates"]:
                self.figure[figure["restates"]]["restated_by"].append(figure)
                figure["restates_url"] = self.figure[figure["restates"]]["source_figure_url"]
        # Groupings made once, so every page costs the size of its own data, not of the whole site.
        self.figures_of = group(self.figures, "entity_id")
        self.figures_by_indicator = group(self.figures, "indicator_id")
        self.figures_by_source = group(self.figures, "source_id")
        self.industries_of = group(tables["industries"], "entity_id")
        self.policies_of = group(tables["policies"], "entity_id")
        self.policies_by_source = group(tables["policies"], "source_id")
        # The long indexes cut by city (index_parts): {index: {part: row ids} or None}, and each row's part.
        self.index_parts = self.split_indexes()
        self.part_of = {name: index_parts.part_of_rows(parts) for name, parts in self.index_parts.items()}
        # Each part of a paged index cut into numbered pages (None: it fits on one page), once for the
        # pages (families/indexes.py) and the addresses; and each row's page within its part.
        self.index_pages = {name: {part: index_parts.numbered_pages(ids, index_parts.rows_per_page(name))
                                   for part, ids in (self.index_parts[name] or {}).items()} for name in index_parts.PAGED}
        self.page_of = {name: {row_id: number for pages in parts.values() for number, page in enumerate(pages or [], 1)
                               for row_id in page} for name, parts in self.index_pages.items()}

    # ---- addresses
    def entity_url(self, entity_id: str) -> str:
        return urls.entity(entity_id, self.entities[entity_id]["kind"], self.lang)

    def city_of(self, entity_id: str) -> str | None:
        return self.lineage[entity_id]["city_id"] if entity_id in self.lineage else None

    def split_indexes(self) -> dict[str, dict[str, list[str]] | None]:
        """The parts of the long indexes (None for one that stays whole): zones, entities, policies and
        organisations by city, indicators by category. An organisation lies where its tree's root lies;
        a task (listed with them) where its entity does."""
        cities = [e["id"] for e in self.t["entities"] if e["kind"] == "city"]
        orgs = {o["id"]: o for o in self.t["organizations"]}

        def root_entity(org_id: str) -> str:
            while orgs[org_id]["parent_id"]:
                org_id = orgs[org_id]["parent_id"]
            return orgs[org_id]["entity_id"]
        place = {e["id"]: e["id"] for e in self.t["entities"] if e["kind"] != "zone"}
        rows = {"zones": {z["zone_id"]: z["zone_id"] for z in self.t["zone_summary"]},
                "entities": place,
                "policies": {p["id"]: p["entity_id"] for p in self.policy_timeline()},
                "organizations": {**{o: root_entity(o) for o in orgs}, **{t["id"]: t["entity_id"] for t in self.t["tasks"]}}}
        parts = {name: index_parts.split(where, lambda row_id, where=where: self.city_of(where[row_id]),
                                          index_parts.THRESHOLDS[name], cities) for name, where in rows.items()}
        category = {s["indicator_id"]: s["category"] for s in self.t["indicator_summary"] if s["figures"]}
        parts["indicators"] = index_parts.split(category, category.get, index_parts.THRESHOLDS["indicators"],
                                                self.category_order)
        return parts

    @cached_property
    def category_order(self) -> list[str]:
        """The indicator categories in the label table's order: how every page lists them."""
        return [r["value"] for r in self.t["labels"] if r["field"] == "indicators.category"]

    def by_category_order(self, categories) -> list[str]:
        """categories (codes) in category_order; any the label table lacks last, by code."""
        rank = {category: number for number, category in enumerate(self.category_order)}
        return sorted(categories, key=lambda c: (rank.get(c, len(rank)), c))

    def policy_url(self, policy_id: str) -> str:
        return urls.policy(policy_id, self.lang, self.part_of["policies"].get(policy_id),
                           self.page_of["policies"].get(policy_id))

    @staticmethod
    def policy_date(policy: dict) -> str:
        return policy["issued"] or policy["effective"]

    def policy_timeline(self) -> list[dict]:
        """The policies in the timeline's order: dated ones by date (then id), then undated ones; the order
        of the timeline's pages and of its parts (split_indexes), so a policy's address names its page."""
        dated = sorted((p for p in self.t["policies"] if self.policy_date(p)), key=lambda p: (self.policy_date(p), p["id"]))
        return dated + [p for p in self.t["policies"] if not self.policy_date(p)]

    def organization_url(self, organization_id: str) -> str:
        return urls.organization(organization_id, self.lang, self.part_of["organizations"].get(organization_id))

    def kind_label(self, entity: dict) -> str:
        return self.label("entities.kind", entity["kind"], self.lang)

    # ---- figures
    def shape_figure(self, row: dict) -> dict:
        """A figures row with what a page shows: the printed value, the quote cut around its number,
        links, and every localized field under its plain name (entity_name, period_label, note …)."""
        quote, number = row["quote"], row["value_reported"]
        at = quote.find(number)
        before, mark, after = (quote[:at], number, quote[at + len(number):]) if at >= 0 else (quote, "", "")
        if self.lang == "zh":
            printed = f"{row['value_reported']}{row['unit_reported']}"
            qualifier = row["qualifier_zh"] if PLAIN_NUMBER.fullmatch(row["value_reported"]) else ""
        else:  # Chinese numbers (114.6亿元, 100多) are written out in English; the quote keeps the original.
            printed = self.english_value(row["value"], row["unit"])
            qualifier = f"{row['qualifier_' + self.lang]} " if row[f"qualifier_{self.lang}"] else ""
        source = self.sources[row["source_id"]]
        uses = {key: value for key, value in self.uses[row["observation_id"]].items() if key != "observation_id"}
        page = self.entity_url(row["entity_id"])
        localized = {name: row.get(f"{name}_{self.lang}") or "" for name in LOCALIZED_FIGURE_FIELDS}
        localized["measure_label"], localized["status_label"] = localized.pop("measure"), localized.pop("status")
        localized["category_label"] = localized.pop("category")
        localized["source_title"] = source[f"title_{self.lang}"]
        localized["unit_name"] = self.units[row["unit"]][f"name_{self.lang}"]
        what = [localized["entity_name"], localized["indicator_name"], localized["industry_name"], localized["subject"]]
        # A figure's place on its entity's page; a restatement's is the figure it restates, under which
        # it is shown there.
        place = urls.figure(page, row["restates"] or row["observation_id"])
        return dict(row, **localized, **uses, **self.cited_sources[row["source_id"]],
                    kind_label=(self.label("observations.figure_kind", row["figure_kind"], self.lang)
                                if row["figure_kind"] != "quantity" else ""),
                    restated_by=[],
                    # The inferred mark only where the period label does not already say the date is the report's.
                    inferred_badge=row["period_inferred"] and self.ui("figure.period_says_report", self.lang)
                    not in localized["period_label"],
                    value_text=printed, qualifier_text=qualifier, value_full=f"{qualifier}{printed}",
                    what=" · ".join(p for p in what if p),
                    quote_before=before, quote_mark=mark, quote_after=after,
                    # English pages follow the Chinese quote with its unofficial translation.
                    quote_translation=row["quote_en"] if self.lang != "zh" else "",
                    flag_label=self.label("observations.flag", row["flag"], self.lang) if row["flag"] else "",
                    inferred_label=self.label("observations.period_inferred", True, self.lang),
                    entity_url=page, source_url=urls.source(row["source_id"], self.lang),
                    # The figure on its source's page: the part of the document's pages that holds it.
                    source_figure_url=urls.figure(self.source_page_of[row["observation_id"]], row["observation_id"]),
                    indicator_url=urls.indicator(row["indicator_id"], self.lang),
                    figure_url=place, address=urls.absolute(place, paths.SITE_URL),
                    source_title_zh=source["title_zh"], source_publisher=source[f"publisher_{self.lang}"] or "")

    def english_value(self, value: float, unit: str) -> str:
        """A canonical value as an English reader writes it: 11460000000 CNY → "11.46 billion yuan"."""
        for size, key in ((1e9, "value.billion"), (1e6, "value.million")):
            if abs(value) >= size:
                return self.ui(f"value.{unit}", self.lang, n=self.ui(key, self.lang, n=plain_number(value / size)))
        return self.ui(f"value.{unit}", self.lang, n=plain_number(value))

    # ---- hierarchy (entity_ancestors)
    def members(self, entity_id: str) -> list[str]:
        """The entities whose figures an entity's page shows: itself and what lies in it, or only itself
        for a province, city or county, whose parts have pages of their own."""
        if self.entities[entity_id]["kind"] in CONTAINER_KINDS:
            return [entity_id]
        return [row["entity_id"] for row in sorted(self.inside[entity_id], key=lambda r: (r["distance"], r["entity_id"]))]

    def figures_under(self, entity_id: str) -> list[dict]:
        """The figures an entity's page shows, in source reading order: each fact once (a restatement is
        shown under the figure it restates, figure_uses.counted)."""
        figures = [f for member in self.members(entity_id) for f in self.figures_of[member] if f["counted"]]
        return sorted(figures, key=lambda f: f["observation_id"])

    # ---- chart sets (chart_sets)
    @cached_property
    def chart_sets(self) -> dict[str, list[dict]]:
        """Each comparable set's rows, in chart order."""
        return dict(group(self.t["chart_sets"], "set_id"))

    def counts(self) -> dict[str, int]:
        return {"sources": len(self.t["sources"]), "figures": sum(1 for f in self.figures if f["counted"]),
                "zones": len(self.t["zone_summary"]), "entities": len(self.t["entities"]),
                "indicators": sum(1 for s in self.t["indicator_summary"] if s["figures"]),
                "policies": len(self.t["policies"])}
