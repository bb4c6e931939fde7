"""Load the curated package into DuckDB and build the aggregate tables.

Inputs: the validated package in `datapackages/` (each table read from all
its files: one per source for the per-source tables) and one `.sql` file per
aggregate table in `scripts/sql/` (each creates the table it is named after
and comments its columns).
Output: `build/data/zones.duckdb` with one table per curated resource and one
per aggregate. The database is built beside the old one and moved into place
only when every statement has run.
"""
from __future__ import annotations

import sys

import duckdb

import paths
from datapackage_schema import CuratedTable, column_types, load_package

# In dependency order: each file may read the tables made before it.
AGGREGATES = [
    "entity_lineage",
    "figures",
    "zone_summary",
    "figures_by_source_category",
    "consistency_checks",
    "indicator_summary",
]


def build_database(target=paths.DATABASE) -> None:
    package = load_package()
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_suffix(".partial")
    partial.unlink(missing_ok=True)
    with duckdb.connect(str(partial)) as con:
        for name, table in package.tables.items():
            load_table(con, name, table)
        for name in AGGREGATES:
            con.execute((paths.SQL / f"{name}.sql").read_text(encoding="utf-8"))
        con.execute("CHECKPOINT")
    partial.replace(target)


def load_table(con: duckdb.DuckDBPyConnection, name: str, table: CuratedTable) -> None:
    """Create table `name` from every CSV file of a curated table (one per source, or one registry file)."""
    types = column_types(table.resource)
    if not table.files:  # no source has rows for it yet: an empty table of the schema's columns
        columns = ", ".join(f'"{column}" {kind}' for column, kind in types.items())
        con.execute(f'CREATE TABLE "{name}" ({columns})')
        return
    relation = con.read_csv([str(path) for path in table.files], header=True, dtype=types,
                            encoding="utf-8", union_by_name=True)
    relation.select(", ".join(f'"{column}"' for column in types)).create(name)


def main() -> int:
    build_database()
    with duckdb.connect(str(paths.DATABASE), read_only=True) as con:
        counts = {name: con.table(name).count("*").fetchall()[0][0] for name in AGGREGATES}
    print("aggregate: " + ", ".join(f"{name} {count}" for name, count in counts.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
