"""Load the curated package into DuckDB and build the aggregate tables.

Inputs: the validated package in `datapackages/` (each table read from all its files: one per
source for the per-source tables) and the SQL models in `scripts/models/sql/` (one table per file;
each states its key and the tables it reads, see models/sql_models.py).
Output: `build/data/zones.duckdb` with one table per curated resource and one per model,
built in an order derived from what each model reads. The database is built beside the
old one and moved into place only when every model has run and every key is unique.
"""
from __future__ import annotations

import sys

import duckdb

from curated import paths
from curated.datapackage_schema import CuratedTable, column_types, load_package
from models.sql_models import ModelError, build_order, duplicate_keys_query, read_models


MODELS = read_models(paths.SQL)


def load_curated(con: duckdb.DuckDBPyConnection) -> set[str]:
    """Every table of the curated package, with the package's types."""
    package = load_package()
    for name, table in package.tables.items():
        load_table(con, name, table)
    return set(package.tables)


def run_models(con: duckdb.DuckDBPyConnection, curated: set[str]) -> list[str]:
    """Run every model in dependency order; stop on a duplicate key."""
    names = []
    for model in build_order(MODELS, curated):
        con.execute(model.sql)
        duplicates = con.execute(duplicate_keys_query(model)).fetchall()
        if duplicates:
            raise ModelError(f"{model.name}.sql: key ({', '.join(model.key)}) not unique, e.g. {duplicates[0]}")
        names.append(model.name)
    return names


def build_database(target=paths.DATABASE) -> dict[str, int]:
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_suffix(".partial")
    partial.unlink(missing_ok=True)
    with duckdb.connect(str(partial)) as con:
        names = run_models(con, load_curated(con))
        counts = {name: con.table(name).count("*").fetchall()[0][0] for name in names}
        con.execute("CHECKPOINT")
    partial.replace(target)
    return counts


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
    try:
        counts = build_database()
    except ModelError as error:
        print(f"aggregate: {error}; nothing was built", file=sys.stderr)
        return 1
    print("aggregate: " + ", ".join(f"{name} {count}" for name, count in counts.items()))
    return 0
