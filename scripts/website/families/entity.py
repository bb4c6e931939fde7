"""Entity pages: one page per city, county, park, project, enterprise or other entity (zones: zone.py).

Input: SiteData. Output: a Page per entity at urls.entity(), from templates/entity_page.md.j2,
with the entity's figures (its own, and for a park or project what lies in it), key figures,
charts of the comparable sets within it, its parts, industries and policies, and a CSV.
"""
from __future__ import annotations

from pathlib import Path
from typing import Iterator

from website import chart_plans
from website import map_plans
from website import search_names
from website.families.page import Page
from website.site_data import SiteData, split_list


KEY_FIGURES = 6
MONEY_UNITS = ("CNY", "USD")


def pages(data: SiteData) -> Iterator[Page]:
    for entity in data.t["entities"]:
        if entity["kind"] != "zone":
            yield entity_page(data, entity)


def key_figures(figures: list[dict], entity_id: str) -> list[dict]:
    """The headline cards: amounts measured (figure_uses.headline: no size class, formula, restatement or
    doubtful figure), money first, actual before target, and no two cards that read the same."""
    ranked = [f for f in figures if f["headline"]]
    ranked.sort(key=lambda f: (f["unit"] not in MONEY_UNITS, f["status"] != "actual", -f["value"], f["observation_id"]))
    cards, seen = [], set()
    for figure in ranked:
        what = card_label(figure, entity_id)
        if what not in seen:
            seen.add(what)
            cards.append(dict(figure, card_label=what))
        if len(cards) == KEY_FIGURES:
            break
    return cards


def card_label(figure: dict, entity_id: str) -> str:
    """What a card measures, in full: indicator, industry, the part of the entity, the period, target or not."""
    parts = [figure["indicator_name"], figure["industry_name"], figure["subject"],
             None if figure["entity_id"] == entity_id else figure["entity_name"],
             figure["period_label"], figure["status_label"] if figure["status"] == "target" else None]
    return " · ".join(p for p in parts if p)


def by_category(data: SiteData, figures: list[dict]) -> list[dict]:
    groups: dict[str, list] = {}
    for figure in figures:
        groups.setdefault(figure["category"], []).append(figure)
    return [{"name": data.label("indicators.category", c, data.lang), "figures": groups[c]} for c in data.by_category_order(groups)]


def topic_names(data: SiteData, figures: list[dict]) -> list[str]:
    """What figures are about, each once, for search: their categories, then their indicators' names."""
    names = [group["name"] for group in by_category(data, figures)] + [f["indicator_name"] for f in figures]
    return list(dict.fromkeys(names))


def sentence_topics(topics: list[str], own_name: str, lang: str) -> list[str]:
    """The topics a page's hidden sentence names: those that share no word with the page's own name (own_name,
    in the page's language `lang`). Why: the sentence makes the page a match for the query, and then its
    name's words typed give it the boost of a name: the inspection centre reporting 质检中心数 came before that
    indicator (检验检测中心 holds 中心). Its topics fields hold them without the name's words (search_names)."""
    own = search_names.key_words(own_name, lang)
    return [name for name in topics if not own & search_names.key_words(name, lang)]


def entity_context(data: SiteData, entity: dict) -> tuple[dict, list[dict], list]:
    """The context of an entity's page (zone or other), its figures and its charts."""
    url = data.entity_url(entity["id"])
    figures = data.figures_under(entity["id"])
    topics = topic_names(data, figures)
    views, charts = chart_plans.plan(data, chart_plans.sets_within(data, entity["id"]), Path(url), url,
                                     entity[f"name_{data.lang}"])
    map_view, maps = (map_plans.zone_map(data, entity["id"], url) if entity["kind"] == "zone"
                      else map_plans.area_map(data, entity, url))
    lineage = data.lineage[entity["id"]]
    parent = data.entities.get(entity["parent_id"]) if entity["parent_id"] else None
    members = data.members(entity["id"])
    children = [dict(c, url=data.entity_url(c["id"]), kind_label=data.kind_label(c),
                     figures=len(data.figures_under(c["id"]))) for c in data.children.get(entity["id"], [])]
    context = dict(
        entity=entity, aliases=split_list(entity["aliases_zh"]), kind_label=data.kind_label(entity),
        management_models=split_list(entity["management_model_zh"]),
        figures=figures, key_figures=key_figures(figures, entity["id"]), categories=by_category(data, figures),
        topics=topics, sentence_topics=sentence_topics(topics, entity[f"name_{data.lang}"], data.lang),
        parent=dict(parent, url=data.entity_url(parent["id"])) if parent else None,
        city=data.entities.get(lineage["city_id"]) if lineage["city_id"] and lineage["city_id"] != entity["id"] else None,
        children=children,
        industries=[i for m in members for i in data.industries_of[m]],
        policies=[p for m in members for p in data.policies_of[m]],
        source_count=len({f["source_id"] for f in figures}),
        charts=views, csv_name=f"{entity['id']}.csv" if figures else None, map=map_view)
    return context, figures, charts + maps


def entity_page(data: SiteData, entity: dict) -> Page:
    context, figures, charts = entity_context(data, entity)
    return Page(data.entity_url(entity["id"]), "entity_page.md.j2", context,
                csv_figures=figures or None, charts=charts)
