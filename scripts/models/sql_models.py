"""The SQL models in scripts/models/sql/: one table per file, each stating its key and its inputs.

A model file starts with comment lines:
    -- key: observation_id            (the table's primary key, published as primaryKey)
    -- reads: figures, entities       (the tables it reads: curated resources or other models)
The build order is derived from `reads`, so a new model is a new file and nothing else.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from graphlib import CycleError, TopologicalSorter
from pathlib import Path

HEADER = re.compile(r"^--\s*(key|reads):\s*(.*)$", re.MULTILINE)


@dataclass(frozen=True)
class Model:
    name: str
    key: tuple[str, ...]
    reads: tuple[str, ...]
    sql: str


class ModelError(ValueError):
    pass


def read_model(path: Path) -> Model:
    sql = path.read_text(encoding="utf-8")
    header = {name: [part.strip() for part in value.split(",") if part.strip()] for name, value in HEADER.findall(sql)}
    for required in ("key", "reads"):
        if not header.get(required):
            raise ModelError(f"{path.name}: missing the '-- {required}: …' header line")
    return Model(path.stem, tuple(header["key"]), tuple(header["reads"]), sql)


def read_models(folder: Path) -> dict[str, Model]:
    return {model.name: model for model in map(read_model, sorted(folder.glob("*.sql")))}


def build_order(models: dict[str, Model], curated: set[str]) -> list[Model]:
    """The models in an order where each runs after every model it reads."""
    graph = {}
    for model in models.values():
        unknown = [t for t in model.reads if t not in models and t not in curated]
        if unknown:
            raise ModelError(f"{model.name}.sql reads {', '.join(unknown)}: neither a curated table nor a model")
        graph[model.name] = {t for t in model.reads if t in models}
    try:
        return [models[name] for name in TopologicalSorter(graph).static_order()]
    except CycleError as error:
        raise ModelError(f"models read each other in a cycle: {' → '.join(error.args[1])}") from None


def duplicate_keys_query(model: Model) -> str:
    """A query returning the key values that occur more than once (none for a valid model)."""
    key = ", ".join(model.key)
    return f"SELECT {key}, count(*) AS n FROM {model.name} GROUP BY ALL HAVING count(*) > 1 LIMIT 5"
