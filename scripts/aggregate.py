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


def _sql_text(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def load_table(con: duckdb.DuckDBPyConnection, name: str, table: CuratedTable) -> None:
    """Create table `name` from every CSV file of a curated table (one per source, or one registry file).

    The dialect and the columns are given, not sniffed: validation has checked every file's header
    against the schema, and DuckDB's sniffer misreads a one-row file whose text holds quotes and
    colons. The row count is checked against the files, so no row can be dropped silently.
    """
    types = column_types(table.resource)
    columns = "{" + ", ".join(f"{_sql_text(column)}: {_sql_text(kind)}" for column, kind in types.items()) + "}"
    if not table.files:  # no source has rows for it yet: an empty table of the schema's columns
        con.execute(f'CREATE TABLE "{name}" (' + ", ".join(f'"{c}" {k}' for c, k in types.items()) + ")")
        return
    files = "[" + ", ".join(_sql_text(str(path)) for path in table.files) + "]"
    # Rows sorted by primary key, as the published CSV is: the per-source files come source by source.
    order = " ORDER BY " + ", ".join(f'"{k}"' for k in table.primary_key) if table.primary_key else ""
    con.execute(f'CREATE TABLE "{name}" AS SELECT * FROM read_csv({files}, header = true, delim = \',\', '
                f"quote = '\"', escape = '\"', columns = {columns}, auto_detect = false, encoding = 'utf-8'){order}")
    loaded, expected = con.table(name).count("*").fetchall()[0][0], len(table.located_rows())
    if loaded != expected:
        raise RuntimeError(f"{name}: DuckDB read {loaded} rows from {len(table.files)} file(s), the CSV files hold {expected}")


def main() -> int:
    build_database()
    with duckdb.connect(str(paths.DATABASE), read_only=True) as con:
        counts = {name: con.table(name).count("*").fetchall()[0][0] for name in AGGREGATES}
    print("aggregate: " + ", ".join(f"{name} {count}" for name, count in counts.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
