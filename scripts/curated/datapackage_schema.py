"""Reading the curated package: its tables, their schemas and the CSV files that hold them.

The package on disk (`datapackages/<name>/`) keeps one folder per source:

    datapackage.json                  schemas of every table
    data/<registry>.csv               shared registries (entities, indicators, units …)
    sources/<source id>/source.csv    the source record (one row)
    sources/<source id>/<table>.csv   that source's observations, policies, tasks, exclusions

A resource whose `path` holds a `*` (e.g. `sources/*/observations.csv`) is a
per-source table: its rows are the union of every file the pattern matches, so
adding a source means adding a folder; no list of sources is kept by hand. A
source with no rows for a table simply has no file for it (a header-only file
is accepted too). Resources under the descriptor's `curationResources` (the
coverage exclusions) are validated like the others but never published.

Every later step sees one table per kind through `load_package()`.
"""
from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass, field
from pathlib import Path

from curated import paths


# Table Schema type → DuckDB type, so the database keeps the package's types.
DUCKDB_TYPES = {"string": "VARCHAR", "number": "DOUBLE", "integer": "BIGINT",
                "boolean": "BOOLEAN", "date": "DATE"}
SOURCES_FOLDER = "sources"
SOURCE_RECORD = "source.csv"


class PackageLayoutError(ValueError):
    """The packages folder does not hold exactly one readable curated package: which file, and why."""

    def __init__(self, file: str, message: str):
        super().__init__(f"{file}: {message}")
        self.file, self.message = file, message


@dataclass
class CuratedTable:
    """One table of the package: its schema resource (as in the descriptor) and its CSV files."""
    name: str
    resource: dict
    files: list[Path]

    @property
    def per_source(self) -> bool:
        return "*" in self.resource["path"]

    @property
    def field_names(self) -> list[str]:
        return [f["name"] for f in self.resource["schema"]["fields"]]

    @property
    def primary_key(self) -> list[str]:
        key = self.resource["schema"].get("primaryKey") or []
        return [key] if isinstance(key, str) else list(key)

    def located_rows(self) -> list[tuple[Path, int, dict[str, str]]]:
        """Every data row as (file, row number in that file with the header as row 1, row), in file order."""
        located = []
        for path in self.files:
            with path.open(encoding="utf-8", newline="") as handle:
                located += [(path, number, row) for number, row in enumerate(csv.DictReader(handle), start=2)]
        return located

    def rows(self) -> list[dict[str, str]]:
        """The union of the table's files, sorted by primary key (the order the downloads use)."""
        rows = [row for _, _, row in self.located_rows()]
        key = self.primary_key
        return sorted(rows, key=lambda row: [row.get(k) or "" for k in key]) if key else rows

    def csv_text(self, rows: list[dict[str, str]] | None = None) -> str:
        """One CSV (header + rows, LF line ends) of the whole table, sorted by primary key."""
        out = io.StringIO()
        writer = csv.DictWriter(out, fieldnames=self.field_names, lineterminator="\n", extrasaction="ignore")
        writer.writeheader()
        writer.writerows(self.rows() if rows is None else rows)
        return out.getvalue()


@dataclass
class CuratedPackage:
    """The curated package: its folder, descriptor, published tables and curation-only tables."""
    folder: Path
    descriptor: dict
    tables: dict[str, CuratedTable]
    curation: dict[str, CuratedTable] = field(default_factory=dict)

    @property
    def source_folders(self) -> list[Path]:
        return sorted(p for p in (self.folder / SOURCES_FOLDER).glob("*") if p.is_dir())

    def all_tables(self) -> dict[str, CuratedTable]:
        return {**self.tables, **self.curation}

    def published_descriptor(self) -> dict:
        """The descriptor of the published package: one `<table>.csv` per table, nothing curation-only."""
        published = {k: v for k, v in self.descriptor.items() if k not in ("resources", "curationResources")}
        published["resources"] = [dict(t.resource, path=f"{name}.csv") for name, t in self.tables.items()]
        return published


def descriptor_files(packages: Path = paths.PACKAGES) -> list[Path]:
    """Every datapackage.json below the packages folder."""
    return paths.package_files(packages)


def load_package(packages: Path = paths.PACKAGES) -> CuratedPackage:
    """The one curated package under `packages`, its per-source files discovered on disk.

    Raises PackageLayoutError when there is no package, more than one, or an unreadable descriptor.
    """
    descriptors = descriptor_files(packages)
    if not descriptors:
        raise PackageLayoutError(paths.display(packages), "no <package>/datapackage.json found")
    if len(descriptors) > 1:
        names = ", ".join(paths.display(d) for d in descriptors)
        raise PackageLayoutError(paths.display(packages), f"{len(descriptors)} packages found ({names}); the pipeline "
                                 "publishes exactly one: put every source in one package's sources/ folder")
    descriptor_path = descriptors[0]
    try:
        descriptor = json.loads(descriptor_path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise PackageLayoutError(paths.display(descriptor_path), f"cannot read the descriptor: {error}") from None
    folder = descriptor_path.parent

    def tables(resources: list[dict]) -> dict[str, CuratedTable]:
        return {r["name"]: CuratedTable(r["name"], r, table_files(folder, r["path"])) for r in resources}
    return CuratedPackage(folder, descriptor, tables(descriptor["resources"]),
                          tables(descriptor.get("curationResources", [])))


def table_files(folder: Path, pattern: str) -> list[Path]:
    """The files of a table: the one file named, or every file a `*` pattern matches, sorted."""
    if "*" in pattern:
        return sorted(folder.glob(pattern))
    return [folder / pattern]


def column_types(resource: dict) -> dict[str, str]:
    return {f["name"]: DUCKDB_TYPES[f["type"]] for f in resource["schema"]["fields"]}
