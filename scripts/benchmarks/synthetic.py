"""Synthetic data N times the size of the real package, for the benchmark (issue 7).

Usage: `python scripts/synthetic.py --factor N --out DIR`

Inputs: the real curated package (`PACKAGES_DIR`, default `datapackages/`, its
first `<name>/datapackage.json`) and its source texts (`SEEDS_DIR`).
Outputs:
- `DIR/packages/shandong-zones/`: the same `datapackage.json` (copied as is),
  the registries in `data/` and one folder per source copy in `sources/`
  (`<source id>-c00k/`), holding N copies of the real rows; each copy's
  coverage exclusions are the real ones one line lower (its text has a
  marker line first) plus one for the copy number in that marker line;
- `DIR/seeds/`: one source text per copy of each real source.

`SEEDS_DIR=DIR/seeds PACKAGES_DIR=DIR/packages python scripts/validate.py`
passes. Copy 1 is the real data unchanged (same ids, names, source files);
copy k ≥ 2 is the real data with:
- every id suffixed (`-c00k`; `_c00k` for indicators; an observation id keeps
  its `-NNNN` ending: `<source id>-c00k-NNNN`) and every reference (parent_id,
  source_id, entity_id, indicator_id, industry_id, part_of, restates) pointing into the
  same copy, so the shape of the data (figures per zone, charts per page,
  parks per zone, totals and their parts) is that of the real data;
- every Chinese and English name and title suffixed (`（k）`, ` (k)`), so chart
  labels and titles differ between copies and each copy renders its own charts
  (identical specs would hit the chart cache and hide the rendering cost);
- its own source texts: the real text after one marker line, so each copy has
  its own file and sha256 (recorded in sources.csv) and still holds every
  quote; values, reported numbers and quotes are unchanged, so
  value = reported number × unit factor still holds.

Shared by all copies (not multiplied): units and unit conversions (reference
lists), and the top of the geography: each province and its ancestors
(`shandong`, `china`). More curated zones would sit in the same province, so
the province page and the figures about the province grow with N, as they
would on the real site; everything below the province (cities, counties,
zones, parks, projects) is multiplied. `--replicate-all` multiplies the
province too, so no page but the index pages grows.

Output is deterministic: no randomness, rows in real-file order copy by copy,
CSV with LF line ends, UTF-8 without BOM. DIR/packages and DIR/seeds are
replaced if they exist.
"""
from __future__ import annotations

import argparse
import csv
import hashlib
import re
import shutil
import sys
from pathlib import Path

from curated import paths
from curated.datapackage_schema import CuratedTable, load_package


# Reference lists every copy shares.
SHARED_TABLES = {"units", "unit_conversions", "labels"}
# Per table: the id column and how its values are suffixed.
ID_STYLE = {"indicators": "underscore", "observations": "numbered"}
# Columns holding the id of a row of another (or the same) table.
REFERENCES = {
    "parent_id": None,  # resolved per table: entities → entities, organizations → organizations
    "source_id": "sources",
    "entity_id": "entities",
    "indicator_id": "indicators",
    "industry_id": "industries",
    "part_of": "observations",
    "restates": "observations",
}
NAME_FIELDS = {"name_zh": "zh", "title_zh": "zh", "task_zh": "zh", "name_en": "en", "title_en": "en"}
NUMBERED_ID = re.compile(r"^(.*)-([0-9]{4})$")


def copy_tag(copy: int) -> str:
    return f"c{copy:03d}"


def suffix_id(value: str, style: str, copy: int) -> str:
    """The id of a row in copy `copy` (copy 1 keeps the real id)."""
    if copy == 1 or not value:
        return value
    tag = copy_tag(copy)
    if style == "underscore":
        return f"{value}_{tag}"
    if style == "numbered":
        match = NUMBERED_ID.match(value)
        if not match:
            raise ValueError(f"observation id {value!r} does not end in -NNNN")
        return f"{match.group(1)}-{tag}-{match.group(2)}"
    return f"{value}-{tag}"


def suffix_name(value: str, language: str, copy: int) -> str:
    if copy == 1 or not value:
        return value
    return f"{value}（{copy}）" if language == "zh" else f"{value} ({copy})"


def read_csv(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        return list(reader.fieldnames or []), list(reader)


def write_csv(path: Path, fields: list[str], rows: list[dict[str, str]]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=fields, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def shared_entities(entities: list[dict[str, str]], replicate_all: bool) -> set[str]:
    """Ids of the entities every copy shares: each province and its ancestors."""
    if replicate_all:
        return set()
    parent = {e["id"]: e["parent_id"] for e in entities}
    shared = set()
    for entity in entities:
        if entity["kind"] == "province":
            current = entity["id"]
            while current and current not in shared:
                shared.add(current)
                current = parent.get(current)
    return shared


def source_text(text: bytes, copy: int) -> bytes:
    """The text of a source in copy `copy`: the real text after a marker line (copy 1: the real text)."""
    if copy == 1:
        return text
    return f"【合成基准数据：副本 {copy}，正文与原文相同】\n".encode("utf-8") + text


def generate(factor: int, out: Path, packages: Path = paths.PACKAGES, seeds: Path = paths.SEEDS,
             replicate_all: bool = False) -> dict[str, int]:
    """Write DIR/packages/<name>/ (registries in data/, one folder per source) and DIR/seeds/.

    Returns the row count per table, exclusions included.
    """
    if factor < 1:
        raise ValueError("factor must be at least 1")
    package = load_package(packages)
    out_package = out / "packages" / package.folder.name
    out_seeds = out / "seeds"
    for folder in (out / "packages", out_seeds):
        shutil.rmtree(folder, ignore_errors=True)
    out_package.mkdir(parents=True)
    out_seeds.mkdir(parents=True)
    shutil.copyfile(package.folder / "datapackage.json", out_package / "datapackage.json")
    tables = package.all_tables()
    shared = {"entities": shared_entities(tables["entities"].rows(), replicate_all)}
    source_files = {row["id"]: row["file"] for row in tables["sources"].rows()}
    counts = {}
    for name, table in tables.items():
        located = [(path.parent.name, row) for path, _, row in table.located_rows()]
        if name in SHARED_TABLES:
            copies = [(source, row) for source, row in located]
        else:
            copies = marker_exclusions(source_files, factor) if name == "exclusions" else []
            copies += [(suffix_id(source, "dash", copy), new)
                      for copy in range(1, factor + 1)
                      for source, row in located
                      for new in copy_rows(name, row, copy, shared)]
        for row in (new for _, new in copies if name == "sources"):
            suffix = COPY_SUFFIX.search(row["id"])
            row["file"], row["sha256"] = write_source(seeds / source_files[COPY_SUFFIX.sub("", row["id"])],
                                                      out_seeds, int(suffix.group(1)) if suffix else 1)
        write_table(out_package, table, copies)
        counts[name] = len(copies)
    return counts


COPY_SUFFIX = re.compile(r"-c([0-9]{3})$")


def marker_exclusions(source_ids, factor: int) -> list[tuple[str, dict[str, str]]]:
    """The coverage exclusion of each copy's marker line (line 1 holds the copy number)."""
    return [(suffix_id(source, "dash", copy),
             {"line": "1", "number": str(copy), "reason": "label", "restates": "",
              "note": "synthetic benchmark data: the copy number in the marker line"})
            for copy in range(2, factor + 1) for source in sorted(source_ids)]


def copy_rows(table: str, row: dict[str, str], copy: int, shared: dict[str, set[str]]) -> list[dict[str, str]]:
    """The row as it is in copy `copy`: ids and references suffixed, names tagged (none: a shared row already written)."""
    if table == "entities" and row["id"] in shared["entities"]:
        return [row] if copy == 1 else []
    new = dict(row)
    if "id" in new:
        new["id"] = suffix_id(row["id"], ID_STYLE.get(table, "dash"), copy)
    for column in REFERENCES:
        if column in new:
            target = table if column == "parent_id" else REFERENCES[column]
            value = row[column]
            if value and value not in shared.get(target, ()):
                new[column] = suffix_id(value, ID_STYLE.get(target, "dash"), copy)
    for column, language in NAME_FIELDS.items():
        if column in new:
            new[column] = suffix_name(row[column], language, copy)
    if table == "exclusions" and copy > 1:
        # The copy's text has one marker line before the real text, and its figure ids are the copy's.
        new["line"] = str(int(row["line"]) + 1)
        new["restates"] = suffix_id(row["restates"], "numbered", copy) if row["restates"] else ""
    return [new]


def write_table(out_package: Path, table: CuratedTable, located: list[tuple[str, dict[str, str]]]) -> None:
    """Write a table's rows: into its one registry file, or into each source folder's file."""
    if not table.per_source:
        write_csv(out_package / table.resource["path"], table.field_names, [row for _, row in located])
        return
    by_source: dict[str, list[dict[str, str]]] = {}
    for source, row in located:
        by_source.setdefault(source, []).append(row)
    for source, rows in by_source.items():
        write_csv(out_package / table.resource["path"].replace("*", source), table.field_names, rows)


def write_source(real: Path, out_seeds: Path, copy: int) -> tuple[str, str]:
    """Write one copy's source text; return its file name and sha256."""
    data = source_text(real.read_bytes(), copy)
    digest = hashlib.sha256(data).hexdigest()
    # File names follow the package's pattern NNN_<16 hex>: the real number, the copy's own hash.
    name = real.name if copy == 1 else f"{real.name[:3]}_{digest[:16]}.txt"
    (out_seeds / name).write_bytes(data)
    return name, digest


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--factor", type=int, required=True, help="how many copies of the real data")
    parser.add_argument("--out", type=Path, required=True, help="folder for packages/ and seeds/")
    parser.add_argument("--replicate-all", action="store_true",
                        help="multiply the province too (by default every copy shares it)")
    args = parser.parse_args(argv)
    counts = generate(args.factor, args.out, replicate_all=args.replicate_all)
    print(f"synthetic: {args.factor}× in {args.out}: " + ", ".join(f"{k} {v}" for k, v in counts.items()))
    return 0
