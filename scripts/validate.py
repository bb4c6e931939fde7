"""Validate the curated data packages; stop the build on the first bad file.

Inputs: every `datapackages/*/datapackage.json` with its CSV files, and the
source texts in the seeds folder (`SEEDS_DIR`, default `../shared/seeds`).
Output: a one-line summary on success; otherwise one line per problem, each
naming the file, the row (line number, header = row 1) and the field, and
exit status 1.

Three layers, each run only when the one before passed, so every message is
about the real problem rather than a consequence of it:
1. the raw files: UTF-8 without BOM, LF line ends, the header of the schema;
2. frictionless: types, required, enums, patterns, primary and foreign keys;
3. provenance: checksums, quotes found in their source, the reported number
   in its quote, value = reported number × unit factor, and the rules of the
   data contract that a Table Schema cannot express.
"""
from __future__ import annotations

import argparse
import csv
import hashlib
import io
import json
import re
import sys
from dataclasses import dataclass
from pathlib import Path

from frictionless import Package
from frictionless.exception import FrictionlessException

import paths
import labels as label_table
from provenance import (DECLINE_WORDS, expected_value, number_in_quote,
                        quote_in_source, values_match)

PERCENT_MEASURES = {"yoy_change_pct", "share_pct", "avg_annual_growth_pct"}
# Markup that a Markdown page would interpret instead of showing as text.
MARKUP = re.compile(r"<\s*[A-Za-z/!]|\]\(|`|\*\*|^\s*#|\[\[|&[a-z]+;")
QUOTED_TABLES = ("observations", "policies", "industries", "organizations", "tasks")


@dataclass(frozen=True)
class Problem:
    file: str
    row: int
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}: row {self.row}, field {self.field}: {self.message}"


def read_rows(resource_path: Path) -> list[dict[str, str]]:
    """The CSV's data rows as dicts of strings, in file order."""
    with resource_path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def check_raw_file(path: Path, field_names: list[str]) -> list[Problem]:
    """Encoding, line ends and header: what frictionless would silently adapt to."""
    name = paths.display(path)
    if not path.exists():
        return [Problem(name, 0, "-", "file is missing")]
    data = path.read_bytes()
    if data.startswith(b"\xef\xbb\xbf"):
        return [Problem(name, 1, "-", "file starts with a byte-order mark (BOM); save it as UTF-8 without BOM")]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        return [Problem(name, line, "-", "not valid UTF-8; save the file as UTF-8")]
    if "\r" in text:
        line = text[: text.index("\r")].count("\n") + 1
        return [Problem(name, line, "-", "Windows line end (CRLF); save the file with LF line ends")]
    header = next(csv.reader(io.StringIO(text)), [])
    problems = [Problem(name, 1, field, "column missing from the header")
                for field in field_names if field not in header]
    problems += [Problem(name, 1, field, "column not in the schema (datapackage.json)")
                 for field in header if field not in field_names]
    if not problems and header != field_names:
        problems.append(Problem(name, 1, "-", "columns are not in the schema's order: " + ",".join(field_names)))
    return problems


def check_schema(descriptor: Path) -> list[Problem]:
    """frictionless validation of one package: types, constraints, keys."""
    try:
        report = Package(str(descriptor)).validate()
    except FrictionlessException as error:
        return [Problem(paths.display(descriptor), 0, "-", str(error.error.message))]
    problems, seen = [], set()
    for task in report.tasks:
        file = paths.display(descriptor.parent / task.place)
        for error in task.errors:
            row = getattr(error, "row_number", None) or 0
            field = getattr(error, "field_name", None) or _foreign_key_field(error.note) or "-"
            if (file, row, field) in seen:  # one message per cell: "required" also reports a missing cell
                continue
            seen.add((file, row, field))
            problems.append(Problem(file, row, field, _plain_message(error.note or error.message)))
    problems += [Problem(paths.display(descriptor), 0, "-", error.message) for error in report.errors]
    return problems


def _plain_message(note: str) -> str:
    """frictionless's foreign-key note, said the way a maintainer editing the CSV needs it."""
    match = re.match(r'for "([^"]+)": values "([^"]*)" not found in the lookup table "([^"]*)" as "([^"]+)"', note)
    if not match:
        return note
    fields, values, table, target = match.groups()
    return f'"{values}" is not a known {target} in {table or "this table"} (unknown {fields})'


def _foreign_key_field(note: str) -> str | None:
    match = re.search(r'for "([^"]+)"', note or "")
    return match.group(1) if match else None


class Checker:
    """The data contract's own rules over one package whose schema already holds."""

    def __init__(self, descriptor: Path, seeds: Path):
        self.base = descriptor.parent
        spec = self.spec = json.loads(descriptor.read_text(encoding="utf-8"))
        self.files = {r["name"]: self.base / r["path"] for r in spec["resources"]}
        self.field_names = {r["name"]: [f["name"] for f in r["schema"]["fields"]] for r in spec["resources"]}
        self.tables = {name: read_rows(path) for name, path in self.files.items()}
        self.seeds = seeds
        self.problems: list[Problem] = []
        self.source_texts: dict[str, str] = {}

    def problem(self, table: str, index: int, field: str, message: str) -> None:
        # index is 0-based over data rows; the header is row 1 of the file.
        self.problems.append(Problem(paths.display(self.files[table]), index + 2, field, message))

    def run(self) -> list[Problem]:
        self.check_markup()
        self.check_labels()
        self.check_sources()
        self.check_quotes()
        self.check_observations()
        return self.problems

    def check_markup(self) -> None:
        for table, rows in self.tables.items():
            for index, row in enumerate(rows):
                for field, value in row.items():
                    markup = MARKUP.search(value or "")
                    if markup:
                        self.problem(table, index, field, f"contains HTML or Markdown markup ({markup.group(0)!r}); text fields hold plain text")

    def check_labels(self) -> None:
        """Every value an enum allows has a Chinese and an English label, so no page shows a code."""
        rows = self.tables.get("labels", [])
        labels = label_table.Labels({(r["field"], r["value"]): r for r in rows})
        for field, value, lang in label_table.missing(labels, self.spec):
            self.problem("labels", len(rows), lang,
                         f"no {lang} label for {field} = {value!r}; add the row {field},{value},<zh>,<en>")

    def check_sources(self) -> None:
        for index, row in enumerate(self.tables.get("sources", [])):
            path = self.seeds / row["file"]
            if not path.exists():
                self.problem("sources", index, "file", f"no file {row['file']} in {self.seeds}")
                continue
            data = path.read_bytes()
            digest = hashlib.sha256(data).hexdigest()
            if digest != row["sha256"]:
                self.problem("sources", index, "sha256", f"checksum {row['sha256'][:12]}… does not match {row['file']} ({digest[:12]}…): the source changed")
            self.source_texts[row["id"]] = data.decode("utf-8")

    def check_quotes(self) -> None:
        for table in QUOTED_TABLES:
            for index, row in enumerate(self.tables.get(table, [])):
                text = self.source_texts.get(row["source_id"])
                if text is not None and not quote_in_source(row["quote"], text):
                    self.problem(table, index, "quote", f"quote not found in source {row['source_id']} (whitespace ignored): {row['quote'][:40]!r}")

    def check_observations(self) -> None:
        factors = {(r["unit_reported"], r["unit"]): float(r["factor"]) for r in self.tables.get("unit_conversions", [])}
        indicators = {r["id"]: r for r in self.tables.get("indicators", [])}
        observations = self.tables.get("observations", [])
        by_id = {r["id"]: r for r in observations}
        for index, row in enumerate(observations):
            say = lambda field, message: self.problem("observations", index, field, message)
            value = float(row["value"])
            if not number_in_quote(row["value_reported"], row["quote"]):
                say("value_reported", f"{row['value_reported']!r} does not appear in the quote")
            try:
                expected = expected_value(row["value_reported"], factors[(row["unit_reported"], row["unit"])])
            except ValueError as error:
                say("value_reported", str(error))
            except KeyError:
                pass  # the composite foreign key has already reported it
            else:
                declined = value < 0 and any(word in row["quote"] for word in DECLINE_WORDS)
                if not values_match(abs(value) if declined else value, expected):
                    say("value", f"{row['value']} ≠ {row['value_reported']} {row['unit_reported']} = {expected:g} {row['unit']}"
                        + (" (a negative value needs 下降/减少 in the quote)" if value < 0 else ""))
            measure = row["measure"]
            if measure in PERCENT_MEASURES and row["unit"] != "percent":
                say("unit", f"a {measure} figure is in percent, not {row['unit']}")
            if measure == "amount":
                indicator = indicators.get(row["indicator_id"])
                if indicator and row["unit"] != indicator["unit"]:
                    say("unit", f"indicator {row['indicator_id']} is measured in {indicator['unit']}, not {row['unit']}")
                if value < 0:
                    say("value", "an amount cannot be negative")
            if measure == "share_pct":
                if not 0 <= value <= 100:
                    say("value", f"a share of a whole must lie between 0 and 100, not {row['value']}")
                if not row["share_of"]:
                    say("share_of", "a share_pct figure must say what it is a share of")
            if row["period_end"] < row["period_start"]:
                say("period_end", f"period ends ({row['period_end']}) before it starts ({row['period_start']})")
            if row["flag"] and not row["note"]:
                say("note", "a figure flagged suspect must say why in note")
            whole = by_id.get(row["part_of"]) if row["part_of"] else None
            if whole and (whole["unit"] != row["unit"] or whole["id"] == row["id"]):
                say("part_of", f"{row['part_of']} is not a total in the same unit")


def validate(packages: Path = paths.PACKAGES, seeds: Path = paths.SEEDS) -> tuple[list[Problem], int]:
    """All problems in all packages, and the number of rows checked."""
    problems: list[Problem] = []
    rows = 0
    descriptors = paths.package_files(packages)
    if not descriptors:
        return [Problem(paths.display(packages), 0, "-", "no datapackage.json found")], 0
    for descriptor in descriptors:
        try:
            spec = json.loads(descriptor.read_text(encoding="utf-8"))
        except (OSError, ValueError) as error:
            problems.append(Problem(paths.display(descriptor), 0, "-", f"cannot read the descriptor: {error}"))
            continue
        raw = [p for r in spec["resources"]
               for p in check_raw_file(descriptor.parent / r["path"], [f["name"] for f in r["schema"]["fields"]])]
        if raw:
            problems += raw
            continue
        schema = check_schema(descriptor)
        if schema:
            problems += schema
            continue
        checker = Checker(descriptor, seeds)
        problems += checker.run()
        rows += sum(len(t) for t in checker.tables.values())
    return problems, rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--packages", type=Path, default=paths.PACKAGES)
    parser.add_argument("--seeds", type=Path, default=paths.SEEDS)
    parser.add_argument("--max-problems", type=int, default=50)
    args = parser.parse_args(argv)
    problems, rows = validate(args.packages, args.seeds)
    if problems:
        for problem in problems[: args.max_problems]:
            print(f"error: {problem}", file=sys.stderr)
        if len(problems) > args.max_problems:
            print(f"error: … and {len(problems) - args.max_problems} more problems", file=sys.stderr)
        print(f"validate: {len(problems)} problem(s); nothing was built", file=sys.stderr)
        return 1
    print(f"validate: {rows} rows valid in {len(paths.package_files(args.packages))} package(s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
