"""Load the curated package into DuckDB and build the aggregate tables.

Inputs: the validated package in `datapackages/` and one `.sql` file per
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
from datapackage_schema import column_types, load_descriptor, resources

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
    package_dir, descriptor = load_descriptor()
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_suffix(".partial")
    partial.unlink(missing_ok=True)
    with duckdb.connect(str(partial)) as con:
        for name, resource in resources(descriptor).items():
            relation = con.read_csv(str(package_dir / resource["path"]), header=True,
                                    dtype=column_types(resource), encoding="utf-8")
            relation.create(name)
        for name in AGGREGATES:
            con.execute((paths.SQL / f"{name}.sql").read_text(encoding="utf-8"))
        con.execute("CHECKPOINT")
    partial.replace(target)


def main() -> int:
    build_database()
    with duckdb.connect(str(paths.DATABASE), read_only=True) as con:
        counts = {name: con.table(name).count("*").fetchall()[0][0] for name in AGGREGATES}
    print("aggregate: " + ", ".join(f"{name} {count}" for name, count in counts.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
