"""The downloads page: every published file with size, rows and checksum, the data dictionary
generated from the Table Schemas, the licence, and schema.org Dataset metadata.

Input: SiteData and the export step's `datapackage.json` and `downloads.json` in build/data/.
Output: one Page at urls.section("data") from templates/downloads.md.j2; the files themselves
are copied beside it by pages.py (copy_downloads).
"""
from __future__ import annotations

import json
from typing import Iterator

from curated import paths
from models.export import FORMATS
from website import urls
from website.families.page import Page
from website.site_data import SiteData


LICENSE_URL = "https://creativecommons.org/licenses/by/4.0/"
MEDIA_TYPES = dict(FORMATS, zip="application/zip", duckdb="application/vnd.duckdb", geojson="application/geo+json")


def read_json(name: str):
    return json.loads((paths.DATA_OUT / name).read_text(encoding="utf-8"))


def pages(data: SiteData) -> Iterator[Page]:
    manifest, descriptor = read_json("downloads.json"), read_json("datapackage.json")
    tables = []
    for resource in tabular(descriptor):
        files = [e for e in manifest if e["table"] == resource["name"]]  # a table's GeoJSON too (zone_locations)
        tables.append({"name": resource["name"], "description": resource.get("description", ""),
                       "group_label": data.label("downloads.group", files[0]["group"], data.lang),
                       "rows": files[0]["rows"], "files": files,
                       "fields": [dictionary_entry(f) for f in resource["schema"]["fields"]],
                       "primary_key": ", ".join(_as_list(resource["schema"].get("primaryKey", [])))})
    context = dict(tables=tables, package_files=[e for e in manifest if e["group"] == "package"],
                   version=descriptor.get("version", ""), license_url=LICENSE_URL,
                   jsonld=dataset_jsonld(data, descriptor, manifest))
    yield Page(urls.section("data", data.lang), "downloads.md.j2", context, nav_section="data")


def tabular(descriptor: dict) -> list[dict]:
    """The package's tables (the zones' locations as GeoJSON is a file of the zone_locations table, not a table)."""
    return [r for r in descriptor["resources"] if "schema" in r]


def _as_list(key) -> list[str]:
    return [key] if isinstance(key, str) else list(key)


def dictionary_entry(field: dict) -> dict:
    constraints = field.get("constraints", {})
    return {"name": field["name"], "type": field["type"], "description": field.get("description", ""),
            "required": bool(constraints.get("required")), "enum": constraints.get("enum", [])}


def distribution(entry: dict, lang: str) -> dict:
    return {"@type": "DataDownload", "name": entry["file"],
            "contentUrl": urls.absolute(urls.download(entry["file"], lang), paths.SITE_URL),
            "encodingFormat": MEDIA_TYPES.get(entry["format"], "application/octet-stream")}


def dataset_jsonld(data: SiteData, descriptor: dict, manifest: list[dict]) -> str:
    """schema.org Dataset metadata (Google's required and recommended properties) of the whole package."""
    periods = [f["period_start"] for f in data.figures] + [f["period_end"] for f in data.figures]
    project = {"@type": "Organization", "name": data.site_name, "url": urls.absolute(urls.home(data.lang), paths.SITE_URL)}
    metadata = {
        "@context": "https://schema.org", "@type": "Dataset",
        "name": descriptor.get("title"), "alternateName": data.site_name, "description": descriptor.get("description"),
        "url": urls.absolute(urls.section("data", data.lang), paths.SITE_URL),
        # The same in both editions: the default edition's address of the package.
        "identifier": urls.absolute(urls.section("data"), paths.SITE_URL),
        "keywords": [k.strip() for k in data.ui("downloads.keywords", data.lang).split(",")],
        "creator": project, "publisher": project,
        "license": LICENSE_URL, "isAccessibleForFree": True, "version": descriptor.get("version"),
        "inLanguage": ["zh", "en"],
        "spatialCoverage": {"@type": "Place", "name": "山东省潍坊市、寿光市、淄博市 (Weifang, Shouguang, Zibo, Shandong, China)"},
        "distribution": [distribution(e, data.lang) for e in manifest if e["group"] == "package"],
        "hasPart": [{"@type": "Dataset", "name": r["name"], "description": table_description(data, r["name"]),
                     "license": LICENSE_URL, "creator": project,
                     "distribution": [distribution(e, data.lang) for e in manifest if e["table"] == r["name"]]}
                    for r in tabular(descriptor)],
        "isBasedOn": [based_on(s) for s in data.t["sources"]],
    }
    if periods:
        metadata["temporalCoverage"] = f"{min(periods)}/{max(periods)}"
    # Escape "</" so a value can never close the script element it sits in.
    return json.dumps(metadata, ensure_ascii=False, indent=1, default=str).replace("</", "<\\/")


def table_description(data: SiteData, table: str) -> str:
    """A table's description in the page's language; the Chinese edition adds the English one, so
    that every description is long enough for a search engine's dataset index (≥ 50 characters)."""
    text = data.label("tables.description", table, data.lang)
    return text if data.lang == "en" else f"{text} ({data.label('tables.description', table, 'en')})"


def based_on(source: dict) -> dict:
    """A source document as a schema.org CreativeWork: title, date and publisher, when known."""
    work = {"@type": "CreativeWork", "name": source["title_zh"], "alternateName": source["title_en"],
            "datePublished": str(source["published"])}
    if source["publisher_zh"]:
        work["publisher"] = {"@type": "Organization", "name": source["publisher_zh"],
                             "alternateName": source["publisher_en"]}
    return work
