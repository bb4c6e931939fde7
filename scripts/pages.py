"""Generate the site's Markdown pages from the DuckDB tables.

Inputs: `build/data/zones.duckdb` (aggregate.py), `build/data/` (export.py),
the templates in `templates/` and the hand-written pages in `docs/`.
Output: `build/docs/`, the MkDocs source tree: docs/ copied, then one page per
zone, entity, indicator and source, the index pages, every chart as SVG with
its CSV, the per-page CSV downloads, the downloads themselves, and
`build/jieba_user_dict.txt` so the search keeps zone names whole.

Everything a template shows is shaped here; templates only place it.
"""
from __future__ import annotations

import csv
import functools
import json
import shutil
import sys
from collections import defaultdict
from pathlib import Path

import duckdb
import jinja2

import charts
import paths
from export import FORMATS

SITE_NAME = "山东开发区数据"
MAX_BARS = 25
# Temporary adapter to the new charts interface (issue 12); the page-layer rewrite replaces it.
CHART_LEGEND_ZH = {"actual": "实际", "target": "目标", "suspect": "存疑",
                   "qualified": "≥ 下限（原文为“超过”“以上”等）", "remainder": "原文未列出"}
KIND_ZH = {"province": "省", "city": "市", "county": "县市区", "zone": "开发区", "zone_group": "开发区群体",
           "park": "园区", "project": "项目", "enterprise": "企业", "organization": "机构", "other": "其他"}
CATEGORY_ZH = {"economy": "经济", "fiscal": "财政", "trade": "外贸", "investment": "投资", "industry": "产业",
               "parks": "园区", "platforms": "平台", "innovation": "创新", "land": "土地", "relocation": "搬迁改造",
               "projects": "项目", "enterprises": "企业", "talent": "人才", "governance": "治理",
               "agriculture": "农业", "services": "服务", "infrastructure": "基础设施", "finance": "金融",
               "environment": "环境", "other": "其他"}
MEDIA_TYPES = dict(FORMATS, zip="application/zip", duckdb="application/vnd.duckdb")
RESULT_ZH = {"sum_equals_total": "分项之和等于合计", "sum_below_total": "原文只列出部分分项",
             "sum_exceeds_total": "分项之和超过合计：原文自相矛盾"}
STATUS_ZH = {"actual": "实际", "target": "目标"}
# The figures a page shows first: amounts of money and investment, actual before target.
KEY_FIGURE_CATEGORIES = ("economy", "investment", "fiscal", "trade", "industry")
KEY_FIGURES = 6
CONTAINER_KINDS = ("province", "city", "county")
MONEY_UNITS = ("CNY", "USD")
ZONE_CSV_FIELDS = ["observation_id", "source_id", "entity_id", "entity_name_zh", "indicator_id", "indicator_name_zh",
                   "industry_id", "industry_name_zh", "measure", "status", "period_start", "period_end", "period_label_zh", "period_inferred", "value",
                   "unit", "value_reported", "unit_reported", "qualifier", "quote", "share_of", "part_of", "flag", "note"]


def load_tables(con: duckdb.DuckDBPyConnection) -> dict[str, list[dict]]:
    """Every table of the database as lists of dicts, in stored (sorted) order."""
    names = [row[0] for row in con.execute("SELECT table_name FROM duckdb_tables() ORDER BY table_name").fetchall()]
    tables = {}
    for name in names:
        relation = con.table(name)
        columns = relation.columns
        tables[name] = [dict(zip(columns, row)) for row in relation.fetchall()]
    return tables


class Site:
    """The shaped data of the whole site and the writer of its pages."""

    def __init__(self, tables: dict[str, list[dict]], out: Path, data_dir: Path):
        self.t = tables
        self.out = out
        self.data_dir = data_dir
        self.env = jinja2.Environment(loader=jinja2.FileSystemLoader(paths.TEMPLATES), autoescape=True,
                                      undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True,
                                      keep_trailing_newline=True)
        self.env.filters["number"] = _number
        self.entities = {e["id"]: e for e in tables["entities"]}
        self.sources = {s["id"]: s for s in tables["sources"]}
        self.indicators = {i["id"]: i for i in tables["indicators"]}
        self.lineage = {row["entity_id"]: row for row in tables["entity_lineage"]}
        self.children = defaultdict(list)
        for entity in tables["entities"]:
            if entity["parent_id"]:
                self.children[entity["parent_id"]].append(entity)
        self.figures = [self.shape_figure(row) for row in tables["figures"]]
        # Groupings made once, so every page costs the size of its own data, not of the whole site.
        self.figures_of = _group(self.figures, "entity_id")
        self.figures_by_indicator = _group(self.figures, "indicator_id")
        self.figures_by_source = _group(self.figures, "source_id")
        self.industries_of = _group(tables["industries"], "entity_id")
        self.policies_of = _group(tables["policies"], "entity_id")
        self.policies_by_source = _group(tables["policies"], "source_id")
        self.units = {u["id"]: u for u in tables["units"]}
        self.chart_jobs: list[charts.Chart] = []  # rendered together at the end, in parallel

    # ---- URLs (site-root relative; templates prefix them with the page's `root`)
    def entity_url(self, entity_id: str) -> str:
        kind = self.entities[entity_id]["kind"]
        return f"zones/{entity_id}/" if kind == "zone" else f"entities/{entity_id}/"

    # ---- shaping
    def shape_figure(self, row: dict) -> dict:
        quote, number = row["quote"], row["value_reported"]
        at = quote.find(number)
        before, mark, after = (quote[:at], number, quote[at + len(number):]) if at >= 0 else (quote, "", "")
        source = self.sources[row["source_id"]]
        return dict(row,
                    value_text=f"{row['value_reported']}{row['unit_reported']}",
                    quote_before=before, quote_mark=mark, quote_after=after,
                    status_zh=STATUS_ZH[row["status"]],
                    category_zh=CATEGORY_ZH.get(row["category"], row["category"]),
                    entity_url=self.entity_url(row["entity_id"]),
                    source_url=f"sources/{row['source_id']}/",
                    indicator_url=f"indicators/{row['indicator_id']}/",
                    cite=f"{SITE_NAME}，数字 {row['observation_id']}，据《{source['title_zh']}》（{source['published']}）")

    def descendants(self, entity_id: str) -> list[str]:
        found, stack = [], [entity_id]
        while stack:
            current = stack.pop()
            found.append(current)
            stack.extend(child["id"] for child in reversed(self.children.get(current, [])))
        return found

    def members(self, entity_id: str) -> list[str]:
        """The entities whose figures, industries and policies an entity's page shows."""
        return [entity_id] if self.entities[entity_id]["kind"] in CONTAINER_KINDS else self.descendants(entity_id)

    def figures_under(self, entity_id: str) -> list[dict]:
        """The figures an entity's page shows, in source reading order: for a zone, park or project, its
        own and everything inside it; for a province, city or county, only its own, since what lies in it
        has pages of its own (listed on its page) and a province page must not grow with every zone."""
        figures = [f for member in self.members(entity_id) for f in self.figures_of[member]]
        return sorted(figures, key=lambda f: f["observation_id"])

    def by_category(self, figures: list[dict]) -> list[dict]:
        groups = defaultdict(list)
        for figure in figures:
            groups[figure["category"]].append(figure)
        return [{"category": c, "name_zh": CATEGORY_ZH.get(c, c), "figures": groups[c]} for c in sorted(groups)]

    def key_figures(self, figures: list[dict]) -> list[dict]:
        ranked = [f for f in figures if f["measure"] == "amount" and f["category"] in KEY_FIGURE_CATEGORIES]
        ranked.sort(key=lambda f: (f["status"] != "actual", f["unit"] not in MONEY_UNITS, f["observation_id"]))
        return ranked[:KEY_FIGURES]

    def comparable_groups(self, figures: list[dict], label_of) -> list[dict]:
        """Sets of two or more figures on one topic in the same measure, unit, status and period:
        what a bar chart may compare (villages relocated vs in progress, targets by industry)."""
        groups = defaultdict(list)
        for figure in figures:
            key = (figure["category"], figure["measure"], figure["unit"], figure["status"],
                   figure["period_start"], figure["period_end"])
            groups[key].append(figure)
        result = []
        for (category, measure, unit, status, start, end), members in sorted(groups.items(), key=lambda item: item[1][0]["observation_id"]):
            rows, seen = [], set()
            for figure in members:
                label = label_of(figure)
                if label in seen:
                    continue
                seen.add(label)
                rows.append({"label": label, "value": figure["value"], "unit": unit, "value_text": figure["value_text"],
                             "observation_id": figure["observation_id"], "source_id": figure["source_id"],
                             "figure": figure})
            if len(rows) >= 2:
                result.append({"rows": rows[:MAX_BARS], "measure": members[0]["measure_zh"] or "数量", "unit": unit,
                               "category_zh": members[0]["category_zh"],
                               "unit_name_zh": members[0]["unit_name_zh"], "status_zh": STATUS_ZH[status],
                               "period_label_zh": members[0]["period_label_zh"]})
        return result

    def charts_for(self, folder: Path, subject_zh: str, groups: list[dict]) -> list[dict]:
        shaped = []
        for number, group in enumerate(groups, start=1):
            name = f"chart-{number}"
            title = f"{subject_zh}·{group['category_zh']}：{group['period_label_zh']}（{group['unit_name_zh']}，{group['status_zh']}）"
            if group["measure"] == "数量":
                scale, unit_label = charts.axis_scale(group["unit"], [r["value"] for r in group["rows"]], "zh")
            else:
                scale, unit_label = 1, f"{group['measure']}（%）"
            rows = tuple(charts.ChartRow(r["label"], r["value"], f"{r['figure']['qualifier_zh']}{r['value_text']}",
                                         r["figure"]["qualifier"], r["figure"]["status"], r["figure"]["flag"] == "suspect",
                                         r["observation_id"], r["source_id"])
                         for r in sorted(group["rows"], key=lambda r: -r["value"]))
            titles = "》《".join(self.sources[s]["title_zh"] for s in sorted({r["source_id"] for r in group["rows"]}))
            self.chart_jobs.append(charts.Chart(folder, name, "zh", title, unit_label, scale, rows,
                                                f"来源：《{titles}》 · {SITE_NAME} · CC BY 4.0", CHART_LEGEND_ZH))
            sources = sorted({r["source_id"] for r in group["rows"]})
            shaped.append({"name": name, "title": title,
                           "description": f"{len(group['rows'])} 个可比数字（同一时期、同一单位、同为{group['status_zh']}值），按来源中出现的顺序排列。",
                           "rows": group["rows"], "sources": [self.sources[s] for s in sources]})
        return shaped

    # ---- writing
    def render(self, relative: str, template: str, **context) -> None:
        target = self.out / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        depth = relative.count("/")
        root = "../" * depth
        target.write_text(self.env.get_template(template).render(root=root, site_name=SITE_NAME, **context),
                          encoding="utf-8")

    def write_csv(self, path: Path, figures: list[dict]) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=ZONE_CSV_FIELDS, lineterminator="\n", extrasaction="ignore")
            writer.writeheader()
            for figure in figures:
                writer.writerow({k: _csv_value(figure[k]) for k in ZONE_CSV_FIELDS})

    def entity_page(self, entity: dict) -> None:
        url = self.entity_url(entity["id"])
        folder = self.out / url
        figures = self.figures_under(entity["id"])
        label = lambda f: "·".join(part for part in (
            None if f["entity_id"] == entity["id"] else f["entity_name_zh"],
            f["industry_name_zh"], f["indicator_name_zh"]) if part)
        chart_list = self.charts_for(folder, entity["name_zh"], self.comparable_groups(figures, label))
        csv_name = f"{entity['id']}.csv"
        self.write_csv(folder / csv_name, figures)
        lineage = self.lineage[entity["id"]]
        parent = self.entities.get(entity["parent_id"]) if entity["parent_id"] else None
        members = self.members(entity["id"])
        self.render(url + "index.md", "entity_page.md.j2",
                    entity=entity, aliases=_split(entity["aliases_zh"]), kind_zh=KIND_ZH[entity["kind"]], figures=figures,
                    key_figures=self.key_figures(figures), categories=self.by_category(figures),
                    parent=parent, parent_url=self.entity_url(parent["id"]) if parent else "",
                    city=self.entities.get(lineage["city_id"]) if lineage["city_id"] else None,
                    children=[dict(c, url=self.entity_url(c["id"]), kind_zh=KIND_ZH[c["kind"]],
                                   figures=len(self.figures_under(c["id"]))) for c in self.children.get(entity["id"], [])],
                    industries=[i for m in members for i in self.industries_of[m]],
                    policies=[p for m in members for p in self.policies_of[m]],
                    source_count=len({f["source_id"] for f in figures}),
                    charts=chart_list, csv_name=csv_name)

    def indicator_page(self, indicator: dict, summary: dict) -> None:
        url = f"indicators/{indicator['id']}/"
        figures = self.figures_by_indicator[indicator["id"]]
        label = lambda f: f"{f['entity_name_zh']}·{f['industry_name_zh']}" if f["industry_name_zh"] else f["entity_name_zh"]
        chart_list = self.charts_for(self.out / url, indicator["name_zh"], self.comparable_groups(figures, label))
        self.write_csv(self.out / url / f"{indicator['id']}.csv", figures)
        # The figures' sentences are indexed for search on their source and entity pages already.
        self.render(url + "index.md", "indicator_page.md.j2", indicator=indicator, summary=summary, search_exclude=True,
                    unit=self.units[indicator["unit"]], category_zh=CATEGORY_ZH.get(indicator["category"]),
                    figures=figures, charts=chart_list, csv_name=f"{indicator['id']}.csv")

    def source_page(self, source: dict) -> None:
        figures = self.figures_by_source[source["id"]]
        self.render(f"sources/{source['id']}/index.md", "source_page.md.j2", source=source, figures=figures,
                    policies=self.policies_by_source[source["id"]])
        self.write_csv(self.out / "sources" / source["id"] / f"{source['id']}.csv", figures)

    def build(self) -> dict[str, int]:
        zones = [dict(z, url=f"zones/{z['zone_id']}/") for z in self.t["zone_summary"]]
        for entity in self.t["entities"]:
            self.entity_page(entity)
        summaries = {s["indicator_id"]: s for s in self.t["indicator_summary"]}
        for indicator in self.t["indicators"]:
            self.indicator_page(indicator, summaries[indicator["id"]])
        for source in self.t["sources"]:
            self.source_page(source)
        self.render("index.md", "home.md.j2", zones=zones, sources=self.t["sources"], search_exclude=True,
                    headline=[f for f in self.figures if f["entity_kind"] == "zone_group" and f["measure"] == "amount"][:6],
                    counts=self.counts(), version=self.version())
        self.render("zones/index.md", "zones_index.md.j2", zones=zones)
        others = [dict(e, url=self.entity_url(e["id"]), kind_zh=KIND_ZH[e["kind"]],
                       figures=len(self.figures_of[e["id"]])) for e in self.t["entities"] if e["kind"] != "zone"]
        self.render("entities/index.md", "entities_index.md.j2", entities=others)
        self.render("indicators/index.md", "indicators_index.md.j2",
                    indicators=[dict(s, category_zh=CATEGORY_ZH.get(s["category"])) for s in self.t["indicator_summary"]])
        self.render("sources/index.md", "sources_index.md.j2",
                    sources=[dict(s, figures=len(self.figures_by_source[s["id"]])) for s in self.t["sources"]])
        self.render("policies/index.md", "policies.md.j2", policies=self.policies_timeline())
        self.render("organizations/index.md", "organizations.md.j2", **self.organization_tree())
        self.render("quality/index.md", "quality.md.j2", checks=self.consistency(),
                    suspect=[f for f in self.figures if f["flag"] == "suspect"],
                    inferred=[f for f in self.figures if f["period_inferred"]],
                    coverage=self.t["figures_by_source_category"],
                    inferred_sources=[s for s in self.t["sources"] if s["published_inferred"]])
        self.downloads_page()
        charts.write_charts(self.chart_jobs)
        return self.counts()

    def consistency(self) -> list[dict]:
        """Each stated total with its stated parts, as figures a reader can follow to their sentences."""
        by_id = {f["observation_id"]: f for f in self.figures}
        return [dict(check, total=by_id[check["total_id"]], result_zh=RESULT_ZH[check["result"]],
                     parts_list=[by_id[i] for i in check["part_ids"].split("|")])
                for check in self.t["consistency_checks"]]

    def counts(self) -> dict[str, int]:
        return {"sources": len(self.t["sources"]), "figures": len(self.figures),
                "zones": len(self.t["zone_summary"]), "entities": len(self.t["entities"]),
                "indicators": len(self.t["indicators"]), "policies": len(self.t["policies"])}

    @functools.cached_property
    def descriptor(self) -> dict:
        """The published datapackage.json (export.py): schemas of every table and the data version."""
        return json.loads((self.data_dir / "datapackage.json").read_text(encoding="utf-8"))

    def version(self) -> dict:
        descriptor = self.descriptor
        latest = max((s["published"] for s in self.t["sources"]), default=None)
        return {"version": descriptor.get("version", ""), "latest_source": latest}

    def policies_timeline(self) -> list[dict]:
        def when(policy):
            return policy["issued"] or policy["effective"]
        dated = sorted((p for p in self.t["policies"] if when(p)), key=lambda p: (when(p), p["id"]))
        undated = [p for p in self.t["policies"] if not when(p)]
        return [dict(p, when=when(p), entity=self.entities[p["entity_id"]], entity_url=self.entity_url(p["entity_id"]),
                     source=self.sources[p["source_id"]]) for p in dated + undated]

    def organization_tree(self) -> dict:
        organizations = self.t["organizations"]
        kids = defaultdict(list)
        for org in organizations:
            kids[org["parent_id"]].append(org)

        def node(org, depth):
            return [dict(org, depth=depth, split_lead=_split(org["lead_units_zh"]),
                         split_responsible=_split(org["responsible_units_zh"]))] + \
                [n for child in kids.get(org["id"], []) for n in node(child, depth + 1)]
        places = defaultdict(list)
        for root in kids.get(None, []):
            places[root["entity_id"]].append(root)
        trees = [{"entity": self.entities[place], "url": self.entity_url(place),
                  "nodes": [n for root in roots for n in node(root, 0)]} for place, roots in sorted(places.items())]
        by_unit = defaultdict(lambda: {"lead": [], "responsible": []})
        for task in self.t["tasks"]:
            for unit in _split(task["lead_units_zh"]):
                by_unit[unit]["lead"].append(task)
            for unit in _split(task["responsible_units_zh"]):
                by_unit[unit]["responsible"].append(task)
        units = [{"unit": u, **by_unit[u]} for u in sorted(by_unit)]
        return {"trees": trees, "tasks": self.t["tasks"], "units": units}

    def downloads_page(self) -> None:
        target = self.out / "data"
        target.mkdir(parents=True, exist_ok=True)
        manifest = json.loads((self.data_dir / "downloads.json").read_text(encoding="utf-8"))
        for entry in manifest:
            source = self.data_dir / entry["file"] if entry["table"] != "database" else paths.DATABASE
            shutil.copyfile(source, target / entry["file"])
        descriptor = self.descriptor
        tables = []
        for resource in descriptor["resources"]:
            files = [e for e in manifest if e["table"] == resource["name"]]
            tables.append({"name": resource["name"], "title": resource.get("title", ""),
                           "description": resource.get("description", ""),
                           "group": files[0]["group"], "rows": files[0]["rows"], "files": files,
                           "fields": [_dictionary_entry(f) for f in resource["schema"]["fields"]],
                           "primary_key": ", ".join(resource["schema"].get("primaryKey", []))})
        package_files = [e for e in manifest if e["group"] == "package"]
        self.render("data/index.md", "downloads.md.j2", tables=tables, package_files=package_files,
                    version=self.version(), jsonld=self.dataset_jsonld(descriptor, manifest))

    def dataset_jsonld(self, descriptor: dict, manifest: list[dict]) -> str:
        periods = [f["period_start"] for f in self.figures] + [f["period_end"] for f in self.figures]
        data = {
            "@context": "https://schema.org", "@type": "Dataset",
            "name": descriptor.get("title"), "description": descriptor.get("description"),
            "license": "https://creativecommons.org/licenses/by/4.0/", "version": descriptor.get("version"),
            "inLanguage": ["zh", "en"],
            "spatialCoverage": {"@type": "Place", "name": "山东省潍坊市、寿光市、淄博市 (Weifang, Shouguang, Zibo, Shandong, China)"},
            "distribution": [_distribution(e) for e in manifest if e["group"] == "package"],
            "hasPart": [{"@type": "Dataset", "name": r["name"], "description": r.get("description", ""),
                         "license": "https://creativecommons.org/licenses/by/4.0/",
                         "distribution": [_distribution(e) for e in manifest if e["table"] == r["name"]]}
                        for r in descriptor["resources"]],
            "isBasedOn": [{"@type": "CreativeWork", "name": s["title_zh"], "datePublished": str(s["published"])}
                          for s in self.t["sources"]],
        }
        if periods:
            data["temporalCoverage"] = f"{min(periods)}/{max(periods)}"
        # Escape "</" so a value can never close the script element it sits in.
        return json.dumps(data, ensure_ascii=False, indent=1, default=str).replace("</", "<\\/")


def _number(value) -> str:
    """1234567.0 → 1,234,567; 9.6 → 9.6: canonical values as a reader reads them."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return f"{value:,}"


def _distribution(entry: dict) -> dict:
    return {"@type": "DataDownload", "name": entry["file"], "contentUrl": f"{paths.SITE_URL}data/{entry['file']}",
            "encodingFormat": MEDIA_TYPES.get(entry["format"], "application/octet-stream")}


def _group(rows: list[dict], key: str) -> defaultdict:
    groups = defaultdict(list)
    for row in rows:
        groups[row[key]].append(row)
    return groups


def _dictionary_entry(field: dict) -> dict:
    constraints = field.get("constraints", {})
    return {"name": field["name"], "type": field["type"], "description": field.get("description", ""),
            "required": bool(constraints.get("required")), "enum": constraints.get("enum", [])}


def _split(value: str | None) -> list[str]:
    return [part for part in (value or "").split("|") if part]


def _csv_value(value):
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return "" if value is None else value


def write_jieba_dict(tables: dict[str, list[dict]], target: Path) -> None:
    """Names that the search must keep whole: zones, aliases, parks, indicators, policies."""
    words = {"高新区", "经济开发区", "开发区", "综合保税区"}
    for entity in tables["entities"]:
        words.add(entity["name_zh"])
        words.update(_split(entity["aliases_zh"]))
    words.update(i["name_zh"] for i in tables["indicators"])
    words.update(i["name_zh"] for i in tables["industries"])
    words.update(o["name_zh"] for o in tables["organizations"])
    target.parent.mkdir(parents=True, exist_ok=True)
    # A high frequency makes jieba prefer the whole name over its parts.
    target.write_text("".join(f"{w.replace(' ', '')} 100000\n" for w in sorted(words) if w.strip()), encoding="utf-8")


def main() -> int:
    out = paths.PAGES_OUT
    partial = out.with_name(out.name + ".partial")
    shutil.rmtree(partial, ignore_errors=True)
    shutil.copytree(paths.DOCS, partial)
    with duckdb.connect(str(paths.DATABASE), read_only=True) as con:
        tables = load_tables(con)
    counts = Site(tables, partial, paths.DATA_OUT).build()
    write_jieba_dict(tables, paths.JIEBA_USER_DICT)
    shutil.rmtree(out, ignore_errors=True)
    partial.replace(out)
    print("pages: " + ", ".join(f"{k} {v}" for k, v in counts.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
