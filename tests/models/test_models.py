"""Every SQL model in scripts/models/sql/ on a small given/expect fixture (tests/models/fixtures/<model>.json).

A fixture gives the tables the model reads (curated tables typed by the package's Table Schema,
other models' tables by their values) and the rows expected (`columns` picks what is compared).
"""
from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pytest

from curated import paths
from curated.datapackage_schema import column_types, load_package
from models.sql_models import ModelError, build_order, read_models


pytestmark = pytest.mark.unit
FIXTURES = Path(__file__).parent / "fixtures"
MODELS = read_models(paths.SQL)
CURATED = {name: table.resource for name, table in load_package().tables.items()}


def load_given(con: duckdb.DuckDBPyConnection, table: str, rows: list[dict], tmp_path: Path) -> None:
    if table in CURATED:
        types = column_types(CURATED[table])
        con.execute(f"CREATE TABLE {table} ({', '.join(f'{c} {t}' for c, t in types.items())})")
        for row in rows:
            columns = list(row)
            con.execute(f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})",
                        [row[c] for c in columns])
    else:
        path = tmp_path / f"{table}.json"
        path.write_text(json.dumps(rows), encoding="utf-8")
        con.execute(f"CREATE TABLE {table} AS SELECT * FROM read_json_auto('{path}')")


@pytest.mark.parametrize("name", sorted(MODELS))
def test_model_gives_the_expected_rows(name, tmp_path):
    fixture = FIXTURES / f"{name}.json"
    assert fixture.exists(), f"the model {name}.sql has no given/expect test: add tests/models/fixtures/{name}.json"
    spec = json.loads(fixture.read_text(encoding="utf-8"))
    con = duckdb.connect()
    for table, rows in spec["given"].items():
        load_given(con, table, rows, tmp_path)
    con.execute(MODELS[name].sql)
    columns = spec.get("columns") or list(spec["expect"][0])
    relation = con.execute(f"SELECT {', '.join(columns)} FROM {name}")
    got = [dict(zip(columns, (v.isoformat() if hasattr(v, "isoformat") else v for v in row))) for row in relation.fetchall()]
    assert got == spec["expect"]


def test_every_model_declares_its_key_and_inputs_and_the_order_is_derived():
    order = [m.name for m in build_order(MODELS, set(CURATED))]
    for model in MODELS.values():
        assert model.key and model.reads, model.name
        assert all(order.index(t) < order.index(model.name) for t in model.reads if t in MODELS), model.name


def test_a_model_reading_an_unknown_table_or_a_cycle_is_refused():
    from models.sql_models import Model
    with pytest.raises(ModelError, match="neither a curated table nor a model"):
        build_order({"a": Model("a", ("id",), ("nowhere",), "")}, set())
    with pytest.raises(ModelError, match="cycle"):
        build_order({"a": Model("a", ("id",), ("b",), ""), "b": Model("b", ("id",), ("a",), "")}, set())
