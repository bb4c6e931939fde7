"""Reading the curated package descriptor: the schemas every later step derives from."""
from __future__ import annotations

import json
from pathlib import Path

import paths

# Table Schema type → DuckDB type, so the database keeps the package's types.
DUCKDB_TYPES = {"string": "VARCHAR", "number": "DOUBLE", "integer": "BIGINT",
                "boolean": "BOOLEAN", "date": "DATE"}


def load_descriptor(packages: Path = paths.PACKAGES) -> tuple[Path, dict]:
    """The (single) curated package: its folder and its descriptor."""
    descriptor = paths.package_files(packages)[0]
    return descriptor.parent, json.loads(descriptor.read_text(encoding="utf-8"))


def resources(descriptor: dict) -> dict[str, dict]:
    return {resource["name"]: resource for resource in descriptor["resources"]}


def column_types(resource: dict) -> dict[str, str]:
    return {field["name"]: DUCKDB_TYPES[field["type"]] for field in resource["schema"]["fields"]}
