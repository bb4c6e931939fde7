"""Publish every curated and aggregate table as downloadable files.

Inputs: `build/data/zones.duckdb` (from aggregate.py) and the curated package
(a per-source table is published as one CSV: all its files joined, sorted by id).
Outputs in `build/data/`: for every table `<table>.csv` (UTF-8, LF),
`<table>.utf8-bom.csv` (opens right in Excel and WPS), `<table>.parquet` and
`<table>.json`; `datapackage.json` describing every CSV (curated schemas as
curated, aggregate schemas from the column comments in their SQL);
`shandong-zones-datapackage.zip` with the curated package; and
`downloads.json`, the manifest (size, rows, sha256) the downloads page shows.
Output is byte-for-byte reproducible: sorted rows, fixed zip timestamps.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import sys
import zipfile
from pathlib import Path

import duckdb

from curated import paths
from curated.datapackage_schema import CuratedPackage, load_package
from models.aggregate import MODELS


# DuckDB type → Table Schema type, for the aggregate tables.
FRICTIONLESS_TYPES = {"VARCHAR": "string", "DOUBLE": "number", "BIGINT": "integer", "INTEGER": "integer",
                      "HUGEINT": "integer", "BOOLEAN": "boolean", "DATE": "date"}
ZIP_NAME = "shandong-zones-datapackage.zip"
FIXED_ZIP_TIME = (1980, 1, 1, 0, 0, 0)
FORMATS = {"csv": "text/csv", "utf8-bom.csv": "text/csv", "parquet": "application/vnd.apache.parquet",
           "json": "application/json"}


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def write_json(path: Path, data) -> None:
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2, sort_keys=False, default=str) + "\n",
                    encoding="utf-8")


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


def write_zip(package: CuratedPackage, target: Path) -> None:
    """The curated package as a reader gets it: datapackage.json and one data/<table>.csv per table.

    The per-source folders are the maintainers' layout; the download is the classic single-file
    package that `frictionless validate datapackage.json` reads as is.
    """
    descriptor = package.published_descriptor()
    for resource in descriptor["resources"]:
        resource["path"] = f"data/{resource['path']}"
    members = {"datapackage.json": (json.dumps(descriptor, ensure_ascii=False, indent=2) + "\n").encode("utf-8")}
    members.update({f"data/{name}.csv": table.csv_text().encode("utf-8") for name, table in package.tables.items()})
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in sorted(members.items()):
            info = zipfile.ZipInfo(f"shandong-zones/{name}", FIXED_ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, data)


def export(out: Path = paths.DATA_OUT) -> list[dict]:
    package = load_package()
    curated = package.tables
    published = dict(package.published_descriptor(), resources=[])
    manifest = []
    with duckdb.connect(str(paths.DATABASE), read_only=True) as con:
        for table in [*curated, *sorted(MODELS)]:
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
            (out / f"{table}.utf8-bom.csv").write_bytes(b"\xef\xbb\xbf" + csv_path.read_bytes())
            rows = write_table(con, table, out)
            for suffix in FORMATS:
                manifest.append(_entry(out / f"{table}.{suffix}", table, group, suffix, rows, resource["description"]))
    write_json(out / "datapackage.json", published)
    write_zip(package, out / ZIP_NAME)
    manifest.append(_entry(out / ZIP_NAME, "datapackage", "package", "zip", None, "The curated data package: datapackage.json and every curated CSV"))
    manifest.append(_entry(out / "datapackage.json", "datapackage", "package", "json", None, "Table Schemas of every published CSV"))
    database = _entry(paths.DATABASE, "database", "package", "duckdb", None, "DuckDB database with every curated and aggregate table")
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
