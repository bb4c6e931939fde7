"""Which charts a page shows, and what each says: from the chart_sets model to Chart objects.

Input: SiteData (its chart_sets come from scripts/models/sql/chart_sets.sql, where the comparability
rule lives). Output, per page: the charts' view data for the chart macro and the Chart objects
that chart_render.write_charts renders (rendering is collected and done once, at the end).
"""
from __future__ import annotations

from pathlib import Path

from charts import render as chart_render
from website import urls
from website.site_data import SiteData


LICENCE = "CC BY 4.0"


def sets_of_indicator(data: SiteData, indicator_id: str) -> list[str]:
    """Every set of the indicator: rankings first, then parts and series."""
    found = [s for s, rows in data.chart_sets.items() if data.figure[rows[0]["observation_id"]]["indicator_id"] == indicator_id]
    return sorted(found, key=lambda s: (not s.startswith("ranking"), s))


def sets_within(data: SiteData, entity_id: str) -> list[str]:
    """The sets all of whose figures lie within the entity (its parks' ranking, its own series, its totals' parts)."""
    members = set(data.members(entity_id))
    return sorted(s for s, rows in data.chart_sets.items()
                  if all(data.figure[r["observation_id"]]["entity_id"] in members for r in rows))


def bar_label(figure: dict, rows: list[dict], kind: str) -> str:
    """What tells a bar from the others in its set: the period of a series, else the entity and/or industry."""
    if kind == "series":
        return figure["period_label"]
    parts = [figure["entity_name"] if len({r["entity_id"] for r in rows}) > 1 else None,
             figure["industry_name"], figure["subject"],
             figure["indicator_name"] if kind == "parts" and not figure["subject"] else None]
    return " · ".join(p for p in parts if p) or figure["indicator_name"]


def distinguishable(data: SiteData, set_id: str) -> bool:
    """Whether every bar of a set can be told apart by its label (else the set gets a table, no chart)."""
    rows = data.chart_sets[set_id]
    figures = [data.figure[r["observation_id"]] for r in rows]
    labels = [bar_label(f, figures, rows[0]["chart_kind"]) for f, r in zip(figures, rows) if r["role"] != "total"]
    return len(set(labels)) == len(labels)


def chart_title(data: SiteData, kind: str, first: dict, subject: str | None) -> str:
    """A chart's one title, which says what set it shows, so no two charts of a page read the same: the
    kind of entity a ranking compares, a total and its parts, or the kind of period a series follows.
    subject None (an indicator's page): the indicator is the page, so the title does not repeat it as a
    subject; a series there is one entity's, which it names."""
    if kind == "series":
        key, subject = "chart.title_series", subject or first["entity_name"]
        shows = (data.ui("chart.set_series_as_of", data.lang) if first["period_kind"] == "as_of"
                 else data.ui("chart.set_series_flow", data.lang, months=first["period_months"]))
    else:
        key = "chart.title" if subject else "chart.title_no_subject"
        shows = (data.ui("chart.set_parts", data.lang) if kind == "parts" else
                 data.ui("chart.set_ranking", data.lang, kind=data.label("entities.kind", first["entity_kind"], data.lang)))
    return data.ui(key, data.lang, subject=subject, indicator=first["indicator_name"],
                   period=first["period_label"], status=first["status_label"], shows=shows)


def plan(data: SiteData, set_ids: list[str], folder: Path, page: str,
         subject: str | None) -> tuple[list[dict], list[chart_render.Chart]]:
    """The charts of a page: view data for the template and the Chart objects to render. `folder` is
    the page's folder relative to the output tree (pages.py places it)."""
    views, jobs = [], []
    for number, set_id in enumerate([s for s in set_ids if distinguishable(data, s)], start=1):
        rows = data.chart_sets[set_id]
        figures = [data.figure[r["observation_id"]] for r in rows]
        kind = rows[0]["chart_kind"]
        first = figures[0]
        scale, axis_title = chart_render.axis_scale(first["unit"], [f["value"] for f in figures], data.lang)
        title = chart_title(data, kind, first, subject)
        chart_rows = tuple(chart_render.ChartRow(bar_label(f, figures, kind), f["value"], f["value_full"], f["qualifier"],
                                           f["status"], f["flag"] == "suspect", f["observation_id"], f["source_id"])
                           for f, r in zip(figures, rows) if r["role"] != "total")
        total = next((f for f, r in zip(figures, rows) if r["role"] == "total"), None)
        sources = sorted({f["source_id"] for f in figures})
        footer = data.ui("chart.footer", data.lang, site=data.site_name, licence=LICENCE,
                         sources=data.ui("list.separator", data.lang).join(
                             data.ui("source.title_quoted", data.lang, title=data.sources[s][f"title_{data.lang}"])
                             for s in sources))
        name = f"chart-{number}"
        jobs.append(chart_render.Chart(folder, name, data.lang, title, scale, chart_rows, footer,
                                 legend_labels(data.label, data.lang), kind,
                                 chart_render.ChartRow(data.label("charts.part", "total", data.lang), total["value"],
                                                 total["value_full"], total["qualifier"], total["status"],
                                                 total["flag"] == "suspect", total["observation_id"], total["source_id"]) if total else None))
        context = data.figure.get(rows[0]["context_id"]) if rows[0]["context_id"] else None
        rest = total["value"] - sum(r.value for r in chart_rows) if total else 0
        views.append({"name": name, "title": title, "kind": kind, "rows": [dict(zip(("label", "figure"), (r.label, data.figure[r.observation_id]))) for r in chart_rows],
                      "total": total, "context": context, "remainder": rest if rest > 0 else None, "axis_title": axis_title, "scale": scale,
                      "sources": [dict(data.sources[s], url=urls.source(s, data.lang)) for s in sources]})
    return views, jobs


def legend_labels(label, lang: str) -> dict:
    """A chart legend's words, from the label table."""
    return {"actual": label("observations.status", "actual", lang),
            "target": label("observations.status", "target", lang),
            "suspect": label("observations.flag", "suspect", lang),
            "qualified": label("charts.legend", "qualified", lang),
            "remainder": label("charts.part", "remainder", lang)}
