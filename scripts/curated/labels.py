"""The label table: the Chinese and English label of every coded value.

Input: `labels.csv` beside the curated package (field = table.column, value, zh, en).
Used by validation (every enum value of every schema must have both labels), by the
aggregates (figures.sql joins it) and by the page families and templates (`label`).
"""
from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

LABELS_FILE = Path("data") / "labels.csv"


class MissingLabel(KeyError):
    """A coded value with no label: the build stops and names it."""

    def __str__(self) -> str:
        field, value, lang = self.args
        return f"no {lang} label for {field} = {value!r} in labels.csv"


@dataclass(frozen=True)
class Labels:
    table: dict[tuple[str, str], dict[str, str]]

    @classmethod
    def read(cls, path: Path) -> "Labels":
        with path.open(encoding="utf-8", newline="") as handle:
            rows = list(csv.DictReader(handle))
        return cls({(r["field"], r["value"]): {"zh": r["zh"], "en": r["en"]} for r in rows})

    def __call__(self, field: str, value, lang: str = "zh") -> str:
        """The label of value in field; booleans are looked up as "true"/"false"."""
        if isinstance(value, bool):
            value = "true" if value else "false"
        try:
            return self.table[(field, str(value))][lang]
        except KeyError:
            raise MissingLabel(field, value, lang) from None

    def values(self, field: str) -> dict[str, dict[str, str]]:
        """Every labelled value of a field, in the table's order."""
        return {value: labels for (f, value), labels in self.table.items() if f == field}


def enum_fields(descriptor: dict) -> list[tuple[str, list[str]]]:
    """(table.column, allowed values) for every enum constraint of every resource."""
    return [(f"{resource['name']}.{field['name']}", field["constraints"]["enum"])
            for resource in descriptor["resources"] for field in resource["schema"]["fields"]
            if "enum" in field.get("constraints", {})]


def missing(labels: Labels, descriptor: dict) -> list[tuple[str, str, str]]:
    """(field, value, language) of every enum value that lacks a Chinese or English label."""
    gaps = []
    for field, values in enum_fields(descriptor):
        for value in values:
            found = labels.table.get((field, str(value)), {})
            gaps += [(field, str(value), lang) for lang in ("zh", "en") if not found.get(lang)]
    return gaps
