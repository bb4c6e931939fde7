"""The coverage gate: every number a reader would see as a figure is curated or excluded.

Inputs: the curated package (its observations and each source's
`sources/<id>/exclusions.csv`) and the source texts.
Output: one problem per number of a source text that no curated figure covers
and no exclusion lists, worded `<seed file>: line N: number 'X' is neither
curated nor excluded`, and one per exclusion that lists no uncovered number.

What counts as a number (`find_numbers`): every Arabic number (1301.91, 9.6 in
9.6%, each end of 2000—5000, 3,200), and every Chinese numeral followed by a
measure word (三个, 四大, 十大, 一批, 百日, 两万亩, 百余个, 万亩). Not found: 零
before a verb (零增长, 零跑腿), which the scanner cannot tell from 清零.

Covered: an observation of that source whose quote, where it stands in the
text (whitespace removed from both, as quotes are matched), holds its
value_reported over the whole number, starting where a number starts: "16"
covers the 16 of 16家 but neither the 6 of 16 nor the 160 of 160. When the
value stands in the quote more than once, only the places where it is followed
by its unit_reported count (一 枚 covers 一枚印章, not 一支队伍). A quote found at
several places (a repeated paragraph) covers its number at each.

Excluded: one row of the source's exclusions.csv per occurrence: `line`,
`number` as printed, `reason` (date, ordinal, document_number,
article_number, idiom, restatement, label, threshold, other), `restates` (the
observation id a restatement repeats) and `note`. Two rows with the same line
and number exclude two occurrences on that line.

`python scripts/coverage.py --draft SOURCE_ID` prints, as CSV rows to review,
every number of a source that is neither covered nor excluded, with a
suggested reason; a suggestion is only a start: read the sentence.
"""
from __future__ import annotations

import argparse
import csv
import functools
import re
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from curated import paths
from curated.datapackage_schema import CuratedPackage, load_package
from curated.provenance import is_whitespace, strip_whitespace


CHINESE_DIGITS = "零〇一二两三四五六七八九十百千万亿"
# Words that count things after a Chinese numeral: 三个, 四大, 六项, 一批, 百日, 两万亩 …
MEASURE_WORDS = "个家项大条类批座所名人亩万亿处天日月年周次倍户位种件届轮张台支只枚区园网链化群集方举佳厅全终特制"
ARABIC = r"[0-9０-９]{1,3}(?:,[0-9]{3})+(?:[.．][0-9０-９]+)?|[0-9０-９]+(?:[.．][0-9０-９]+)?"
# A numeral, then perhaps an approximation mark (百余个, 十多家), then a measure word.
CHINESE = (rf"(?<![{CHINESE_DIGITS}])[{CHINESE_DIGITS}]*[零〇一二两三四五六七八九十百千][{CHINESE_DIGITS}]*"
           rf"(?=[余多几来]?[{MEASURE_WORDS}])")
# 万 or 亿 alone before a measure word: 万亩 (ten thousand mu), 近万名.
BARE_BIG_UNIT = rf"(?<![{CHINESE_DIGITS}0-9０-９])[万亿](?=[余多]?[{MEASURE_WORDS.replace('万', '').replace('亿', '')}])"
NUMBER = re.compile(rf"{ARABIC}|{CHINESE}|{BARE_BIG_UNIT}")
REASONS = ("date", "ordinal", "document_number", "article_number", "idiom", "restatement", "label",
           "threshold", "other")


@dataclass(frozen=True)
class Occurrence:
    """A number in a source text: its line (1-based), as printed, and its span in the text without whitespace."""
    line: int
    number: str
    start: int
    end: int
    column: int = field(default=0, compare=False)  # where it starts in its line, for notes


@dataclass(frozen=True)
class Uncovered:
    """A coverage problem, worded as a maintainer reads it.

    In a source text: its line. In an exclusions file (`field` set): its row (header = row 1) and field.
    """
    file: str
    line: int
    message: str
    field: str = ""

    def __str__(self) -> str:
        if self.field:
            return f"{self.file}: row {self.line}, field {self.field}: {self.message}"
        return f"{self.file}: line {self.line}: {self.message}"


@functools.lru_cache(maxsize=32)
def find_numbers(text: str) -> tuple[Occurrence, ...]:
    """Every number a reader would see as a figure, in reading order.

    Numbers are found line by line (a line break never joins two numbers) and placed in the
    text with whitespace removed, where quotes are matched. Kept per text: a process that validates
    many packages (the tests, the bench) reads the same five source texts each time.
    """
    found, offset = [], 0
    for line_number, line in enumerate(text.split("\n"), start=1):
        positions = []
        for ch in line:
            positions.append(offset)
            if not is_whitespace(ch):
                offset += 1
        for match in NUMBER.finditer(line):
            number = strip_whitespace(match.group(0))
            if number:
                found.append(Occurrence(line_number, number, positions[match.start()],
                                        positions[match.end() - 1] + 1, match.start()))
    return tuple(found)


def covered_places(text: str, observations: list[dict[str, str]], numbers: list[Occurrence]) -> set[int]:
    """Positions (in the text without whitespace) that a curated figure's reported number spans.

    Only a reported number that starts where a number of the text starts counts, so "6" never
    covers the 6 of 16.
    """
    stripped = strip_whitespace(text)
    number_starts = {occurrence.start for occurrence in numbers}
    places: set[int] = set()
    for row in observations:
        quote, value = strip_whitespace(row["quote"]), strip_whitespace(row["value_reported"])
        if not quote or not value:
            continue
        place = stripped.find(quote)
        while place >= 0:
            for at in value_places(quote, value, strip_whitespace(row.get("unit_reported") or "")):
                if place + at in number_starts:
                    places.update(range(place + at, place + at + len(value)))
            place = stripped.find(quote, place + 1)
    return places


def value_places(quote: str, value: str, unit: str) -> list[int]:
    """Where in the quote the figure's number stands: where the value is followed by its unit
    (一枚 and 一支 in 一枚印章…一支队伍 are two figures), else wherever the value is."""
    found, at = [], quote.find(value)
    while at >= 0:
        found.append(at)
        at = quote.find(value, at + 1)
    with_unit = [at for at in found if unit and quote.startswith(unit, at + len(value))]
    return with_unit or found


def uncovered_numbers(text: str, observations: list[dict[str, str]],
                      numbers: list[Occurrence] | None = None) -> list[Occurrence]:
    """The numbers of a text that no curated figure of it covers, in reading order (`numbers`: the
    text's find_numbers, when the caller already has them)."""
    numbers = find_numbers(text) if numbers is None else numbers
    places = covered_places(text, observations, numbers)
    return [o for o in numbers if not all(position in places for position in range(o.start, o.end))]


def check_source(seed_name: str, text: str, observations: list[dict[str, str]],
                 exclusions: list[tuple[str, int, dict[str, str]]]) -> list[Uncovered]:
    """Problems of one source: numbers neither covered nor excluded, and exclusions that exclude nothing.

    `exclusions` holds (exclusions file, row number, row) for each exclusion of the source.
    """
    problems = []
    uncovered = uncovered_numbers(text, observations)
    left = Counter((o.line, o.number) for o in uncovered)
    listed = Counter()
    for file, row_number, row in exclusions:
        key = (int(row["line"]), strip_whitespace(row["number"]))
        listed[key] += 1
        if listed[key] > left[key]:
            problems.append(Uncovered(file, row_number, f"line {key[0]} of {seed_name} has no uncovered number "
                                      f"{key[1]!r} left to exclude (curated, changed or already excluded): "
                                      "remove this row", "number"))
    for occurrence in uncovered:
        key = (occurrence.line, occurrence.number)
        if listed[key] > 0:
            listed[key] -= 1
            continue
        problems.append(Uncovered(seed_name, occurrence.line,
                                  f"number {occurrence.number!r} is neither curated nor excluded"))
    return problems


def check(package: CuratedPackage, source_files: dict[str, Path]) -> list[Uncovered]:
    """Coverage problems of every source whose text was read (`source_files`: source id → its text file)."""
    observations: dict[str, list[dict[str, str]]] = {}
    for row in package.tables["observations"].rows():
        observations.setdefault(row["source_id"], []).append(row)
    exclusions: dict[str, list[tuple[str, int, dict[str, str]]]] = {}
    table = package.curation.get("exclusions")
    for path, number, row in table.located_rows() if table else []:
        exclusions.setdefault(path.parent.name, []).append((paths.display(path), number, row))
    problems = []
    for source_id, seed in sorted(source_files.items()):
        problems += check_source(paths.display(seed), seed.read_text(encoding="utf-8"),
                                 observations.get(source_id, []), exclusions.get(source_id, []))
    known = {row["id"] for rows in observations.values() for row in rows}
    for rows in exclusions.values():
        problems += [Uncovered(file, number, restates_problem(row, known), "restates")
                     for file, number, row in rows if restates_problem(row, known)]
    return problems


def restates_problem(row: dict[str, str], known: set[str]) -> str:
    """What is wrong with an exclusion's `restates` (empty when nothing is)."""
    if row["reason"] == "restatement" and not row["restates"]:
        return "a restatement names the id of the figure it restates"
    if row["restates"] and row["restates"] not in known:
        return f"{row['restates']!r} is not a curated figure (deleted or renamed?)"
    return ""


def suggest_reason(line: str, occurrence_text: str, index: int) -> str:
    """A first guess at why a number is not a figure, from the characters around it."""
    before, after = line[max(0, index - 2):index], line[index + len(occurrence_text):index + len(occurrence_text) + 2]
    if after[:1] in ("年", "月", "日", "-") or before[-1:] in ("-",):
        return "date"
    if after[:1] == "号" or before[-1:] in ("〕", "]", "〔"):
        return "document_number"
    if before[-1:] == "第" and after[:1] == "条":
        return "article_number"
    if before[-1:] == "第" or after[:1] in ("、", ".", "．"):
        return "ordinal"
    return "other"


def draft(package: CuratedPackage, source_id: str, seeds: Path) -> list[dict[str, str]]:
    """Exclusion rows to review for every uncovered, unexcluded number of one source."""
    record = next((r for r in package.tables["sources"].rows() if r["id"] == source_id), None)
    if record is None:
        raise SystemExit(f"error: no source {source_id!r}: add sources/{source_id}/source.csv first")
    text = (seeds / record["file"]).read_text(encoding="utf-8")
    lines = text.split("\n")
    listed = Counter()
    table = package.curation.get("exclusions")
    for path, _, row in table.located_rows() if table else []:
        if path.parent.name == source_id:
            listed[(int(row["line"]), row["number"])] += 1
    observations = [r for r in package.tables["observations"].rows() if r["source_id"] == source_id]
    rows = []
    for occurrence in uncovered_numbers(text, observations):
        key = (occurrence.line, occurrence.number)
        if listed[key] > 0:
            listed[key] -= 1
            continue
        line, index = lines[occurrence.line - 1], occurrence.column
        rows.append({"line": str(occurrence.line), "number": occurrence.number,
                     "reason": suggest_reason(line, occurrence.number, index), "restates": "",
                     "note": line[max(0, index - 12):index + len(occurrence.number) + 12].strip()})
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Draft coverage exclusions for one source, to review by hand.")
    parser.add_argument("--draft", metavar="SOURCE_ID", required=True)
    parser.add_argument("--packages", type=Path, default=paths.PACKAGES)
    parser.add_argument("--seeds", type=Path, default=paths.SEEDS)
    args = parser.parse_args(argv)
    writer = csv.DictWriter(sys.stdout, fieldnames=["line", "number", "reason", "restates", "note"],
                            lineterminator="\n")
    writer.writerows(draft(load_package(args.packages), args.draft, args.seeds))
    return 0
