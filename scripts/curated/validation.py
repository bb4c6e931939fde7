"""Validate the curated data packages; stop the build on the first bad file.

Inputs: the curated package (`datapackages/<name>/`: its datapackage.json,
the registries in data/ and one folder per source in sources/; more than one
package is refused), and the source texts in the seeds folder (`SEEDS_DIR`,
default `../shared/seeds`).
Output: a one-line summary on success; otherwise one line per problem, each
naming the file, the row (line number, header = row 1) and the field, and
exit status 1.

Four layers, each run only when the one before passed, so every message is
about the real problem rather than a consequence of it:
1. the raw files: UTF-8 without BOM, LF line ends, the header of the schema;
2. frictionless: types, required, enums, patterns, primary and foreign keys,
   over each table's files joined (an id is unique across all sources);
3. provenance: checksums, quotes found in their source, the reported number
   in its quote, value = reported number × unit factor, and the rules of the
   data contract that a Table Schema cannot express;
4. coverage (scripts/coverage.py): every number in a source text is covered
   by a curated figure or listed in the source's exclusions.csv, else
   `<seed file>: line N: number 'X' is neither curated nor excluded`.
"""
from __future__ import annotations

import argparse
import csv
import hashlib
import io
import re
import sys
from pathlib import Path

from curated import coverage
from curated import labels as label_table
from curated import paths
from curated.datapackage_schema import (SOURCE_RECORD, CuratedPackage, CuratedTable, PackageLayoutError,
                                        load_package)
from curated.provenance import (DECLINE_WORDS, expected_value, number_in_quote,
                                quote_in_source, values_match)
from curated.schema_check import Problem, check_schema



PERCENT_MEASURES = {"yoy_change_pct", "share_pct", "avg_annual_growth_pct"}
# Markup that a Markdown page would interpret instead of showing as text.
MARKUP = re.compile(r"<\s*[A-Za-z/!]|\]\(|`|\*\*|^\s*#|\[\[|&[a-z]+;")
QUOTED_TABLES = ("observations", "policies", "industries", "organizations", "tasks")
# Fields a reader sees, held in each language (<field>_zh, <field>_en): a Chinese value needs its English
# twin, and a |-list as many items in English as in Chinese (pages show them item by item, side by side).
TRANSLATED_FIELDS = ("publisher", "issuer", "date_label", "head", "lead_units", "responsible_units", "duties",
                     "group", "carriers", "lead_enterprises", "management_model", "share_of", "task")


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


class Checker:
    """The data contract's own rules over one package whose schema already holds."""

    def __init__(self, package: CuratedPackage, seeds: Path):
        self.package = package
        located = {name: t.located_rows() for name, t in package.all_tables().items()}
        self.tables = {name: [row for _, _, row in rows] for name, rows in located.items()}
        self.where = {name: [(path, number) for path, number, _ in rows] for name, rows in located.items()}
        self.seeds = seeds
        self.problems: list[Problem] = []
        self.source_texts: dict[str, str] = {}
        self.source_files: dict[str, Path] = {}

    def problem(self, table: str, index: int, field: str, message: str) -> None:
        # index is 0-based over the table's rows in file order; the row number is the file's own.
        path, number = self.where[table][index]
        self.problems.append(Problem(paths.display(path), number, field, message))

    def run(self) -> list[Problem]:
        self.check_folders()
        self.check_markup()
        self.check_labels()
        self.check_sources()
        self.check_quotes()
        self.check_observations()
        self.check_restatements()
        self.check_translations()
        return self.problems

    def check_folders(self) -> None:
        """A source's rows sit in the folder named after it; a source folder holds one source record."""
        for table in self.tables:
            if not self.package.all_tables()[table].per_source:
                continue
            for index, row in enumerate(self.tables[table]):
                folder = self.where[table][index][0].parent.name
                field = "id" if table == "sources" else "source_id"
                if field in row and row[field] != folder:
                    self.problem(table, index, field, f"{row[field]!r} is not the source of folder {folder!r}; "
                                 "a source's rows go in the folder named after its id")
        counts = {}
        for path, _ in self.where.get("sources", []):
            counts[path.parent] = counts.get(path.parent, 0) + 1
        for folder in self.package.source_folders:
            if counts.get(folder, 0) != 1:
                self.problems.append(Problem(paths.display(folder / SOURCE_RECORD), 0, "-",
                                             f"a source folder needs a {SOURCE_RECORD} with exactly one row, "
                                             f"found {counts.get(folder, 0)}"))

    def check_markup(self) -> None:
        for table, rows in self.tables.items():
            for index, row in enumerate(rows):
                for field, value in row.items():
                    markup = MARKUP.search(value or "")
                    if markup:
                        self.problem(table, index, field, f"contains HTML or Markdown markup ({markup.group(0)!r}); text fields hold plain text")

    def check_labels(self) -> None:
        """Every value an enum allows has a Chinese and an English label, so no page shows a code."""
        table = self.package.tables.get("labels")
        if table is None:
            return
        rows = self.tables["labels"]
        labels = label_table.Labels({(r["field"], r["value"]): r for r in rows})
        for field, value, lang in label_table.missing(labels, self.package.descriptor):
            # The row that is missing: the next one of the file.
            self.problems.append(Problem(paths.display(table.files[0]), len(rows) + 2, lang,
                                         f"no {lang} label for {field} = {value!r}; add the row {field},{value},<zh>,<en>"))

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
            self.source_files[row["id"]] = path

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
                if not (row["share_of_zh"] and row["share_of_en"]):
                    say("share_of_en" if row["share_of_zh"] else "share_of_zh",
                        "a share_pct figure must say what it is a share of, in Chinese and English")
            if row["period_end"] < row["period_start"]:
                say("period_end", f"period ends ({row['period_end']}) before it starts ({row['period_start']})")
            if row["flag"] and not (row["note_zh"] and row["note_en"]):
                say("note_zh" if not row["note_zh"] else "note_en",
                    "a figure flagged suspect must tell readers why, in note_zh and note_en")
            whole = by_id.get(row["part_of"]) if row["part_of"] else None
            if whole and (whole["unit"] != row["unit"] or whole["id"] == row["id"]):
                say("part_of", f"{row['part_of']} is not a total in the same unit")

    def check_restatements(self) -> None:
        """A row that restates another (its `restates` names that row's id) repeats the same fact:
        the same source, entity, indicator, measure, value and unit, so no sum counts it twice."""
        observations = self.tables.get("observations", [])
        by_id = {row["id"]: row for row in observations}
        for index, row in enumerate(observations):
            first = by_id.get(row.get("restates") or "")
            if first is None:
                continue  # empty, or an unknown id the foreign key has already reported
            if first["id"] == row["id"] or first.get("restates"):
                self.problem("observations", index, "restates",
                             f"{first['id']} is not an original figure: name the row first stating the fact, "
                             "not the row itself nor another restatement")
                continue
            for field in ("source_id", "entity_id", "indicator_id", "measure", "value", "unit"):
                same = float(row[field]) == float(first[field]) if field == "value" else row[field] == first[field]
                if not same:
                    self.problem("observations", index, field,
                                 f"{row[field]!r} differs from {first[field]!r} of {first['id']}, the row it restates")

    def check_translations(self) -> None:
        for table, rows in self.tables.items():
            for index, row in enumerate(rows):
                for field in TRANSLATED_FIELDS:
                    zh, en = row.get(f"{field}_zh"), row.get(f"{field}_en")
                    if zh is None or en is None:
                        continue
                    if zh and not en:
                        self.problem(table, index, f"{field}_en", f"{zh[:30]!r} has no English twin in {field}_en")
                    elif en and zh.count("|") != en.count("|"):
                        self.problem(table, index, f"{field}_en", f"{field}_en lists {en.count('|') + 1} items "
                                     f"(separated by |), {field}_zh {zh.count('|') + 1}: list them item by item")


def validate(packages: Path = paths.PACKAGES, seeds: Path = paths.SEEDS) -> tuple[list[Problem | coverage.Uncovered], int]:
    """All problems of the curated package, and the number of rows checked.

    Four layers, each only when the one before passed: raw files, frictionless, provenance, coverage.
    """
    try:
        package = load_package(packages)
    except PackageLayoutError as error:
        return [Problem(error.file, 0, "-", error.message)], 0
    raw = [problem for table in package.all_tables().values() for path in table.files
           for problem in check_raw_file(path, table.field_names)]
    if raw:
        return raw, 0
    schema = check_schema(package)
    if schema:
        return schema, 0
    checker = Checker(package, seeds)
    problems = checker.run()
    rows = sum(len(t) for t in checker.tables.values())
    if problems:
        return problems, rows
    return coverage.check(package, checker.source_files), rows


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
    print(f"validate: {rows} rows valid; every number in the sources is curated or excluded")
    return 0
