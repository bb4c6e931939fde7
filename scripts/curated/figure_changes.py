"""What a change to a figure means to a reader: substance or wording, and each field old → new in words.

Inputs: a figure's row before and after (the observations of two versions of the package) and the
names of the registries (entities, indicators, units, labels) of the versions involved.
Outputs: `substantive(old, new)` (did what the figure says change?), `lines(...)` (each field that
matters to a reader, old → new, in Chinese or English) and `reworded(...)` (the fields of wording
that changed). `make diff`, the pull-request summary, the changelog pages and the feed all use these.

Substance: the value (as reported, and in the canonical unit), the unit, the period, the entity, the
indicator, the measure, the status (actual or target), the qualifier, the doubt mark and the kind of
figure. Everything else — notes, translations, period labels, the quote's wording, a column the
package did not have before — is wording: listed apart, never counted as a changed figure.
"""
from __future__ import annotations

from dataclasses import dataclass

# Reader field → the columns that make it up. A change to any column of a field shows the field old → new.
SUBSTANCE_FIELDS = {
    "value": ("value_reported", "unit_reported", "value"),
    "unit": ("unit",),
    "period": ("period_start", "period_end"),
    "entity": ("entity_id",),
    "indicator": ("indicator_id",),
    "measure": ("measure",),
    "status": ("status",),
    "qualifier": ("qualifier",),
    "flag": ("flag",),
    "figure_kind": ("figure_kind",),
}
SUBSTANCE = frozenset(column for columns in SUBSTANCE_FIELDS.values() for column in columns)
# Wording that goes with a substance field: not listed apart when the field's change is shown.
WORDING_OF = {"period": ("period_label_zh", "period_label_en")}
# Reasoning kept for maintainers: a change to it alone is not shown to readers.
MAINTAINERS_ONLY = frozenset({"curation_note"})
# The label (labels.csv "fields.observations") naming each reader field.
FIELD_LABEL = {"value": "value", "unit": "unit", "period": "period_start", "entity": "entity_id",
               "indicator": "indicator_id", "measure": "measure", "status": "status", "qualifier": "qualifier",
               "flag": "flag", "figure_kind": "figure_kind"}
# Coded fields whose values are labelled in labels.csv (observations.<field>).
CODED = ("measure", "status", "qualifier", "flag", "figure_kind")
NONE = "—"


@dataclass(frozen=True)
class Line:
    """One field of a changed figure: its reader's name, the old and the new text."""
    field: str
    label: str
    old: str
    new: str

    def text(self) -> str:
        return f"{self.label}: {self.old} → {self.new}"


class Names:
    """Names of registry rows and labels of coded values, looked up in several versions of the package
    (the first that knows an id wins: the current registries first, then older ones); an id no version
    names is shown as it is."""

    def __init__(self, *tables: dict[tuple[str, str], dict[str, str]]):
        self.tables = [t for t in tables if t]

    def get(self, kind: str, key: str, lang: str) -> str:
        for table in self.tables:
            row = table.get((kind, key))
            if row and (row.get(lang) or row.get("zh")):
                return row.get(lang) or row["zh"]
        return key

    def field(self, name: str, lang: str) -> str:
        return self.get("fields.observations", name, lang)


def registry_names(tables: dict[str, list[dict[str, str]]]) -> dict[tuple[str, str], dict[str, str]]:
    """(kind, id) → {"zh", "en"} from a version's entities, indicators, units and labels."""
    names = {}
    for kind in ("entities", "indicators", "units"):
        for row in tables.get(kind, []):
            names[(kind, row["id"])] = {"zh": row.get("name_zh", ""), "en": row.get("name_en", "")}
    for row in tables.get("labels", []):
        names[(row["field"], row["value"])] = {"zh": row.get("zh", ""), "en": row.get("en", "")}
    return names


def changed_columns(old: dict[str, str], new: dict[str, str]) -> dict[str, tuple[str, str]]:
    """column → (before, after) of every column whose text differs ("" for a column one side lacks)."""
    return {name: (old.get(name, ""), new.get(name, "")) for name in dict.fromkeys([*old, *new])
            if old.get(name, "") != new.get(name, "")}


def substantive(old: dict[str, str], new: dict[str, str], names: Names | None = None) -> bool:
    """Whether what the figure says changed: a substance column that both versions have differs, and
    a reader sees the difference in Chinese (an id renamed, its Chinese name the same, is not a changed figure).
    A column added (or dropped) with the package's schema is wording, not a changed figure."""
    if not any(name in old and name in new and old[name] != new[name] for name in SUBSTANCE):
        return False
    # Judged in Chinese, the package's own language: a new English name alone is a translation, wording.
    return names is None or bool(lines(old, new, "zh", names))


def wording(old: dict[str, str], new: dict[str, str], maintainers: bool = False) -> list[str]:
    """The columns of wording that changed (notes, translations, labels, columns added, ids renamed
    under the same name); the maintainers' own notes only when `maintainers`."""
    substance = {c for line_field in SUBSTANCE_FIELDS for c in SUBSTANCE_FIELDS[line_field]}
    return [name for name in changed_columns(old, new)
            if not (name in substance and name in old and name in new and name not in ID_COLUMNS)
            and (maintainers or name not in MAINTAINERS_ONLY)]


# Substance columns holding an id: a new id under the same name is a renaming, listed as wording
# (lines() shows it as a change when the names differ).
ID_COLUMNS = frozenset({"entity_id", "indicator_id", "unit"})


def _value_text(row: dict[str, str], lang: str, names: Names, canonical: bool) -> str:
    if not row:
        return NONE
    if canonical:  # the reported number stayed, its canonical value changed
        return f"{row.get('value', '')} {names.get('units', row.get('unit', ''), lang)}"
    return f"{row.get('value_reported', '')}{row.get('unit_reported', '')}"


def _period_text(row: dict[str, str], lang: str, dates: bool) -> str:
    if dates:
        start, end = row.get("period_start", ""), row.get("period_end", "")
        return start if start == end else f"{start} – {end}"
    return row.get(f"period_label_{lang}") or row.get("period_label_zh") or row.get("period_start", "")


def _field_text(field: str, row: dict[str, str], lang: str, names: Names) -> str:
    value = row.get(FIELD_COLUMN[field], "")
    if field in CODED:
        return names.get(f"observations.{field}", value, lang) if value else NONE
    return names.get(REGISTRY[field], value, lang) if value else NONE


FIELD_COLUMN = {"unit": "unit", "entity": "entity_id", "indicator": "indicator_id", **{c: c for c in CODED}}
REGISTRY = {"unit": "units", "entity": "entities", "indicator": "indicators"}


def lines(old: dict[str, str], new: dict[str, str], lang: str, names: Names) -> list[Line]:
    """Each field that matters to a reader and changed in substance, old → new, in `lang`."""
    out = []
    for field, columns in SUBSTANCE_FIELDS.items():
        changed = [c for c in columns if c in old and c in new and old[c] != new[c]]
        if not changed:
            continue
        if field == "value":
            canonical = changed == ["value"]
            old_text, new_text = (_value_text(r, lang, names, canonical) for r in (old, new))
        elif field == "period":
            dates = _period_text(old, lang, False) == _period_text(new, lang, False)
            old_text, new_text = (_period_text(r, lang, dates) for r in (old, new))
        else:
            old_text, new_text = (_field_text(field, r, lang, names) for r in (old, new))
        if old_text != new_text:
            out.append(Line(field, names.field(FIELD_LABEL[field], lang), old_text, new_text))
    return out


def wording_labels(columns: list[str], lang: str, names: Names, unknown: str | None = None) -> list[str]:
    """The reader's names of reworded columns, each once, in the order given; a column no label names
    (one the package no longer has) as `unknown`, or as its own name when `unknown` is None."""
    labelled = (names.field(c, lang) if names.field(c, lang) != c or unknown is None else unknown for c in columns)
    return list(dict.fromkeys(labelled))
