"""Layer 2 of validation: frictionless over the whole package, each table's files joined into one.

Input: a CuratedPackage. Output: `Problem`s naming the file, the row (its own, header = row 1) and the
field of every type, constraint and key error; a duplicate key names the other row by its file and row.
"""
from __future__ import annotations

import csv
import hashlib
import io
import json
import re
from dataclasses import dataclass

from frictionless import Package
from frictionless.exception import FrictionlessException

from curated import paths
from curated.datapackage_schema import CuratedPackage, CuratedTable



@dataclass(frozen=True)
class Problem:
    file: str
    row: int
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}: row {self.row}, field {self.field}: {self.message}"


@dataclass(frozen=True)
class SchemaError:
    """One frictionless error of a joined table, by its row in the joined CSV (not yet traced to a file)."""
    type: str
    row: int
    field: str | None
    note: str
    message: str


# Each table's frictionless errors, keyed by everything they depend on: the table's schema and joined
# text and those of the tables its foreign keys reach. A process that validates many packages
# differing in one file (the bad-input tests) validates the other tables once; the real package is
# validated whole, as before.
_SCHEMA_ERRORS: dict[str, list[SchemaError]] = {}


def check_schema(package: CuratedPackage) -> list[Problem]:
    """frictionless validation of the whole package: types, constraints, keys across every file.

    Each table's files are joined into one table so that primary keys are unique across sources and
    foreign keys reach every registry; each error is then traced back to the file and row it came from.
    """
    tables = package.all_tables()
    joined = {name: joined_csv(table) for name, table in tables.items()}
    # The cells as every reader of the published CSVs reads them (RFC 4180, Python's csv), header first.
    cells = {name: list(csv.reader(io.StringIO(text))) for name, (text, _) in joined.items()}
    keys = _schema_keys(tables, {name: text for name, (text, _) in joined.items()}, cells)
    problems = []
    missing = [name for name in tables if keys[name] not in _SCHEMA_ERRORS]
    if missing:
        # Only the tables to validate, whole, and what their foreign keys reach: frictionless checks
        # the metadata of every resource a package holds, and copies and reads a key's target whole,
        # at a cost of each table's fields. So every key (a table's keys to itself too) reaches a
        # lookup table: its target's referenced columns only.
        resources, data = [], {}
        for name in missing:
            resources.append(_keys_to_lookups(tables[name]))
            data[name] = cells[name]
        for target, columns in _referenced_columns(tables, missing).items():
            resource, data[_lookup(target)] = _reference_columns_only(tables[target], cells[target], columns)
            resources.append(dict(resource, name=_lookup(target)))
        # The descriptor is copied through JSON: frictionless takes keys out of the field definitions
        # it reads, and a lookup table shares them with its whole table (a deep copy shares them too).
        descriptor = json.loads(json.dumps(dict(package.published_descriptor(),
                                                resources=[_inline(resource) for resource in resources])))
        try:
            frictionless_package = Package(descriptor)
            for name, rows in data.items():
                # The cells handed over after the descriptor is read: frictionless copies a descriptor's
                # data, and guesses a CSV file's dialect from a sample, each at a cost of the table's size.
                frictionless_package.get_resource(name).data = rows
            for name in missing:
                report = frictionless_package.get_resource(name).validate()
                _SCHEMA_ERRORS[keys[name]] = [
                    SchemaError(error.type, getattr(error, "row_number", None) or 0,
                                getattr(error, "field_name", None), error.note or "", error.message)
                    for task in report.tasks for error in task.errors]
                problems += [Problem(paths.display(package.folder / "datapackage.json"), 0, "-", error.message)
                             for error in report.errors]
        except FrictionlessException as error:
            return [Problem(paths.display(package.folder / "datapackage.json"), 0, "-", str(error.error.message))]
    seen = set()
    for name in tables:
        spans = joined[name][1]
        for error in _SCHEMA_ERRORS[keys[name]]:
            file, row = trace_row(spans, error.row)
            field = (error.field or _foreign_key_field(error.note)
                     or (",".join(tables[name].primary_key) if error.type == "primary-key" else "-"))
            if (file, row, field) in seen:  # one message per cell: "required" also reports a missing cell
                continue
            seen.add((file, row, field))
            problems.append(Problem(file, row, field, _plain_message(error.note or error.message, spans, name)))
    return problems


def _inline(resource: dict) -> dict:
    """A resource whose rows are given as data (set once the package is read), not read from a path."""
    kept = {key: value for key, value in resource.items() if key not in ("path", "mediatype", "encoding", "dialect")}
    return dict(kept, format="inline", data=[])


def _target(table: CuratedTable, key: dict) -> str:
    """The table a foreign key reaches (an empty resource name is the table itself)."""
    return key["reference"].get("resource") or table.name


def _lookup(target: str) -> str:
    """The name of a lookup table: the referenced columns of `target`, given to frictionless apart."""
    return f"{target}.keys"


def _keys_to_lookups(table: CuratedTable) -> dict:
    """The table's resource with each foreign key reaching the lookup table of its target."""
    schema = table.resource["schema"]
    keys = [dict(key, reference=dict(key["reference"], resource=_lookup(_target(table, key))))
            for key in schema.get("foreignKeys", [])]
    return dict(table.resource, schema=dict(schema, foreignKeys=keys)) if keys else dict(table.resource)


def _key_fields(key: dict) -> list[str]:
    fields = key["reference"]["fields"]
    return [fields] if isinstance(fields, str) else list(fields)


def _referenced_columns(tables: dict[str, CuratedTable], names: list[str]) -> dict[str, list[str]]:
    """Per table that a foreign key of the named tables reaches (itself included), the columns those
    keys reference, in the package's order."""
    referenced: dict[str, list[str]] = {}
    for name in names:
        for key in tables[name].resource["schema"].get("foreignKeys", []):
            target = _target(tables[name], key)
            if target in tables:
                columns = referenced.setdefault(target, [])
                columns += [field for field in _key_fields(key) if field not in columns]
    return {name: referenced[name] for name in tables if name in referenced}


def _columns(rows: list[list[str]], fields: list[str]) -> list[list[str]]:
    """A joined table's cells (its header first) cut to the named columns; a short row's missing cells empty."""
    places = [rows[0].index(field) for field in fields]
    return [[row[p] if p < len(row) else "" for p in places] for row in rows]


def _reference_columns_only(table: CuratedTable, rows: list[list[str]], fields: list[str]) -> tuple[dict, list[list[str]]]:
    """A table cut to the columns that foreign keys reference: its resource with only those fields'
    definitions (no keys of its own) and its cells with only those columns."""
    schema = {"fields": [f for f in table.resource["schema"]["fields"] if f["name"] in fields]}
    return dict(table.resource, schema=schema), _columns(rows, [f["name"] for f in schema["fields"]])


def _schema_keys(tables: dict[str, CuratedTable], texts: dict[str, str],
                 cells: dict[str, list[list[str]]]) -> dict[str, str]:
    """Per table, a hash of what its frictionless errors depend on: its resource and joined text, and
    for each foreign key to another table the values that table offers (its referenced columns, with
    their field definitions): a change elsewhere in that table does not change which references resolve."""
    keys = {}
    for name, table in tables.items():
        digest = hashlib.sha256(json.dumps(table.resource, sort_keys=True).encode() + b"\0" + texts[name].encode())
        for key in table.resource["schema"].get("foreignKeys", []):
            target = key["reference"].get("resource")
            if target in tables and target != name:
                offered = _reference_columns_only(tables[target], cells[target], _key_fields(key))
                digest.update(b"\0" + json.dumps([target, *offered], sort_keys=True, ensure_ascii=False).encode())
        keys[name] = digest.hexdigest()
    return keys


def joined_csv(table: CuratedTable) -> tuple[str, list[tuple[int, str]]]:
    """One CSV of all the table's files in file order, and per file (its first joined row, its name)."""
    parts, spans, next_row = [",".join(table.field_names) + "\n"], [], 2
    for path in table.files:
        text = path.read_text(encoding="utf-8")
        body = text.split("\n", 1)[1] if "\n" in text else ""
        if body and not body.endswith("\n"):
            body += "\n"
        spans.append((next_row, paths.display(path)))
        next_row += sum(1 for _ in csv.reader(io.StringIO(body)))
        parts.append(body)
    return "".join(parts), spans


def trace_row(spans: list[tuple[int, str]], row: int) -> tuple[str, int]:
    """The file and its own row number (header = row 1) of a row of the joined CSV."""
    if not spans:
        return "-", row
    if row < 2:
        return spans[0][1], row
    first, file = max((span for span in spans if span[0] <= row), key=lambda span: span[0])
    return file, row - first + 2


def _plain_message(note: str, spans: list[tuple[int, str]], table: str) -> str:
    """frictionless's key notes about `table`, said the way a maintainer editing the CSV needs it: the
    other row of a duplicate named by its own file and row, an unknown reference by what it should be."""
    duplicate = re.match(r"the same as in the row at position (\d+)", note)
    if duplicate:
        file, row = trace_row(spans, int(duplicate.group(1)))
        return f"the same key as {file} row {row}: an id must be unique across all sources"
    match = re.match(r'for "([^"]+)": values "([^"]*)" not found in the lookup table "([^"]*)" as "([^"]+)"', note)
    if not match:
        return note
    fields, values, lookup, target = match.groups()
    reached = lookup.removesuffix(_lookup(""))
    return f'"{values}" is not a known {target} in {"this table" if reached == table else reached} (unknown {fields})'


def _foreign_key_field(note: str) -> str | None:
    match = re.search(r'for "([^"]+)"', note or "")
    return match.group(1) if match else None
