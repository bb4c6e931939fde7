"""Load the curated package into DuckDB and build the aggregate tables.

Inputs: the validated package in `datapackages/` and the SQL models in `scripts/sql/`
(one table per file; each states its key and the tables it reads, see sql_models.py).
Output: `build/data/zones.duckdb` with one table per curated resource and one per model,
built in an order derived from what each model reads. The database is built beside the
old one and moved into place only when every model has run and every key is unique.
"""
from __future__ import annotations

import sys

import duckdb

import paths
from datapackage_schema import column_types, load_descriptor, resources
from sql_models import ModelError, build_order, duplicate_keys_query, read_models

MODELS = read_models(paths.SQL)


def load_curated(con: duckdb.DuckDBPyConnection) -> set[str]:
    """Every resource of the curated package as a table with the package's types."""
    package_dir, descriptor = load_descriptor()
    tables = resources(descriptor)
    for name, resource in tables.items():
        relation = con.read_csv(str(package_dir / resource["path"]), header=True,
                                dtype=column_types(resource), encoding="utf-8")
        relation.create(name)
    return set(tables)


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


def main() -> int:
    try:
        counts = build_database()
    except ModelError as error:
        print(f"aggregate: {error}; nothing was built", file=sys.stderr)
        return 1
    print("aggregate: " + ", ".join(f"{name} {count}" for name, count in counts.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
