"""Bad input: each defect makes validation fail with one clear message naming the file, the row and the
field (in process, the `data` tier); end to end, `make validate` and `make site` fail the same way and leave
the last good build/site untouched (the `site` tier)."""
from __future__ import annotations

import contextlib
import csv
import hashlib
import io
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from curated import paths
from curated import validation



ROOT = paths.ROOT
REAL_PACKAGE = paths.PACKAGES / "shandong-zones"


def read(path: Path) -> list[dict]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def write(path: Path, rows: list[dict], fields: list[str] | None = None) -> None:
    fields = fields or list(rows[0])
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=fields, lineterminator="\n", extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)


def table_files(package: Path, table: str) -> list[Path]:
    """The files of a table: its registry file, or each source folder's file."""
    registry = package / "data" / f"{table}.csv"
    name = "source.csv" if table == "sources" else f"{table}.csv"
    return [registry] if registry.exists() else sorted(package.glob(f"sources/*/{name}"))


def shown(path: Path) -> str:
    """The end of a file's path that a message must name: data/x.csv or <source id>/x.csv."""
    return f"{path.parent.name}/{path.name}"


def free_rows(path: Path, taken: set[tuple[str, int]]):
    """Whether row i (0-based) of the file is still untouched by the other defects of the copy."""
    return lambda i: (shown(path), i) not in taken


def edit(table: str, change):
    """A mutation that applies change(rows, free) to the first file of a table where it applies, on rows
    that no other defect has taken (free(i) says whether row i is still untouched); returns the file, row
    number and field it broke, and marks the rows it changed as taken."""
    def mutate(package: Path, taken: set[tuple[str, int]]):
        for path in table_files(package, table):
            rows = read(path)
            fields = list(rows[0])
            try:
                index, field, touched = change(rows, free_rows(path, taken))
            except StopIteration:  # no free row of this file fits: try the next source
                continue
            write(path, rows, fields)
            taken.update((shown(path), i) for i in touched)
            return shown(path), index + 2, field
        raise AssertionError(f"no row of {table} fits the mutation")
    return mutate


def first(rows, free, predicate=lambda row: True):
    return next(i for i, row in enumerate(rows) if free(i) and predicate(row))


def set_field(table, field, value, predicate=lambda row: True):
    def change(rows, free):
        i = first(rows, free, predicate)
        rows[i][field] = value(rows[i]) if callable(value) else value
        return i, field, {i}
    return edit(table, change)


def duplicate_id(rows, free):
    i = next(i for i in range(1, len(rows)) if free(i - 1) and free(i))
    rows[i]["id"] = rows[i - 1]["id"]
    return i, "id", {i - 1, i}


def swap_period(rows, free):
    i = first(rows, free, lambda r: r["period_start"] < r["period_end"])
    rows[i]["period_start"], rows[i]["period_end"] = rows[i]["period_end"], rows[i]["period_start"]
    return i, "period_end", {i}


def drop_column(package: Path, taken):  # a file's defect: alone in its copy, it takes no row
    path = table_files(package, "observations")[0]
    rows = read(path)
    write(path, rows, [f for f in rows[0] if f != "curation_note"])
    return shown(path), 1, "curation_note"


def raw_bytes(transform, row):
    def mutate(package: Path, taken):  # a file's defect: alone in its copy, it takes no row
        path = table_files(package, "observations")[-1]
        path.write_bytes(transform(path.read_bytes()))
        return shown(path), row, "-"
    return mutate


def id_taken_from_another_source(package: Path, taken):
    """An observation id of the first source reused in the last source's file."""
    first_file, last_file = table_files(package, "observations")[0], table_files(package, "observations")[-1]
    rows = read(first_file)
    original = first(rows, free_rows(first_file, taken))
    reused = read(last_file)
    index = first(reused, free_rows(last_file, taken))
    reused[index]["id"] = rows[original]["id"]
    write(last_file, reused)
    taken.update({(shown(first_file), original), (shown(last_file), index)})
    return shown(last_file), index + 2, "id"


def row_in_wrong_folder(package: Path, taken):
    """A figure of one source filed in another source's folder."""
    first_file, last_file = table_files(package, "observations")[0], table_files(package, "observations")[-1]
    rows = read(last_file)
    index = first(rows, free_rows(last_file, taken))
    rows[index]["source_id"] = first_file.parent.name
    write(last_file, rows)
    taken.add((shown(last_file), index))
    return shown(last_file), index + 2, "source_id"


is_share = lambda r: r["measure"] == "share_pct"
is_count = lambda r: r["measure"] == "amount" and r["unit"] == "count"
is_cny = lambda r: r["unit"] == "CNY" and r["unit_reported"] == "亿元"

# Defects of the files themselves: the first layer refuses the file before anything reads its rows.
FILE_DEFECTS = {
    "missing column": drop_column,
    "CRLF line ends": raw_bytes(lambda b: b.replace(b"\n", b"\r\n"), 1),
    "byte-order mark": raw_bytes(lambda b: b"\xef\xbb\xbf" + b, 1),
}
# Defects that frictionless refuses: types, constraints, keys.
TABLE_DEFECTS = {
    "wrong type": set_field("observations", "value", "一百"),
    "empty required field": set_field("observations", "quote", ""),
    "unknown entity": set_field("observations", "entity_id", "no-such-zone"),
    "unknown indicator": set_field("observations", "indicator_id", "no_such_indicator"),
    "unknown unit": set_field("observations", "unit", "furlongs"),
    "unknown source": set_field("observations", "source_id", "no-such-source"),
    "duplicate id": edit("observations", duplicate_id),
    "duplicate id across sources": id_taken_from_another_source,
    "亿 left unconverted": set_field("observations", "value", lambda r: r["value_reported"], is_cny),
}
# Defects that only the data contract's own rules see, in a package whose tables frictionless accepts.
RULE_DEFECTS = {
    "figure in another source's folder": row_in_wrong_folder,
    "quote not in source": set_field("observations", "quote", lambda r: r["quote"] + "（虚构）"),
    "changed source checksum": set_field("sources", "sha256", "0" * 64),
    "share above 100": set_field("observations", "value", "150", is_share),
    "negative count": set_field("observations", "value", lambda r: "-" + r["value"], is_count),
    "period ends before it starts": edit("observations", swap_period),
    "HTML in a text field": set_field("observations", "note_zh", "<script>alert(1)</script>"),
    "Markdown in a text field": set_field("entities", "name_en", "[click](http://example.com)"),
    "Chinese value without English": set_field("organizations", "duties_en", "", lambda r: r["duties_zh"]),
    "list of another length in English": set_field("tasks", "responsible_units_en", lambda r: r["responsible_units_en"].replace("|", "; "),
                                                    lambda r: "|" in r["responsible_units_zh"]),
}
CASES = {**FILE_DEFECTS, **TABLE_DEFECTS, **RULE_DEFECTS}


def tree_digest(folder: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        digest.update(str(path.relative_to(folder)).encode())
        if path.is_file():
            digest.update(path.read_bytes())
    return digest.hexdigest()


def make(target: str, packages: Path, build: Path) -> subprocess.CompletedProcess:
    env = dict(os.environ, PACKAGES_DIR=str(packages), BUILD_DIR=str(build))
    return subprocess.run(["make", "--no-print-directory", "-s", target], cwd=ROOT, env=env,
                          capture_output=True, text=True)


def broken_copy(tmp_path: Path, cases: list[str]) -> tuple[Path, dict[str, tuple[str, int, str]]]:
    """A copy of the real package with the cases' defects, each in rows of its own: the packages folder
    and, per case, what its message must name (file, row, field)."""
    packages = tmp_path / "packages"
    shutil.copytree(REAL_PACKAGE, packages / "shandong-zones")
    taken: set[tuple[str, int]] = set()
    return packages, {case: CASES[case](packages / "shandong-zones", taken) for case in cases}


def validate_in_process(packages: Path) -> tuple[int, list[str]]:
    """`make validate`'s own function, in this process (it shares frictionless's results for the tables
    the defects did not touch): its exit status and its error lines."""
    with contextlib.redirect_stderr(io.StringIO()) as err:  # every problem: a copy holds many defects
        status = validation.main(["--packages", str(packages), "--seeds", str(paths.SEEDS), "--max-problems", "1000"])
    return status, [line for line in err.getvalue().splitlines() if line.startswith("error:")]


def defects_validated_together(case: str) -> list[str]:
    """The cases injected into one copy with this one: the defects of its layer of validation (each layer
    runs only when the one before passed; within one every problem is reported, each naming its own row).
    A defect of a file is alone: its layer refuses the whole file."""
    for layer in (TABLE_DEFECTS, RULE_DEFECTS):
        if case in layer:
            return list(layer)
    return [case]


@pytest.fixture(scope="module")
def refusals(tmp_path_factory):
    """Per set of cases, validation of a copy with their defects: exit status, error lines, and per case
    what its message must name. Each set is validated once, whichever of its cases asks first."""
    found = {}

    def refusal(cases: list[str]):
        if tuple(cases) not in found:
            packages, named = broken_copy(tmp_path_factory.mktemp("broken"), cases)
            found[tuple(cases)] = (*validate_in_process(packages), named)
        return found[tuple(cases)]
    return refusal


@pytest.mark.data
@pytest.mark.parametrize("case", list(CASES))
def test_bad_input_is_refused_with_file_row_and_field(case, refusals):
    status, errors, named = refusals(defects_validated_together(case))
    assert status == 1 and errors, f"validation accepted {case}"
    file, row, field = named[case]
    wanted = f"{file}: row {row}, field {field}:"
    assert any(wanted in line for line in errors), f"no message naming {wanted!r}:\n" + "\n".join(errors)


@pytest.mark.site
@pytest.mark.parametrize("case", ["unknown entity", "byte-order mark"])
def test_make_refuses_bad_input_and_keeps_the_last_good_site(case, tmp_path):
    """End to end, as a maintainer meets it: `make validate` and `make site` fail with the message, no
    traceback, and the last good build/site is untouched."""
    packages, named = broken_copy(tmp_path, [case])
    file, row, field = named[case]
    build = tmp_path / "build"
    (build / "site").mkdir(parents=True)
    (build / "site" / "index.html").write_text("<p>last good site</p>", encoding="utf-8")
    before = tree_digest(build / "site")
    for target in ("validate", "site"):
        result = make(target, packages, build)
        assert result.returncode != 0, f"make {target} accepted bad input"
        assert "Traceback" not in result.stderr
        errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
        wanted = f"{file}: row {row}, field {field}:"
        assert any(wanted in line for line in errors), f"no message naming {wanted!r}:\n{result.stderr}"
    assert tree_digest(build / "site") == before, "the last good build/site was changed"


@pytest.mark.data
def test_unmodified_copy_is_accepted(tmp_path):
    """The cases above fail because of their defect, not because of the copying."""
    packages = tmp_path / "packages"
    shutil.copytree(REAL_PACKAGE, packages / "shandong-zones")
    status, errors = validate_in_process(packages)
    assert status == 0, errors


@pytest.mark.data
def test_second_package_is_refused(tmp_path):
    """The pipeline publishes one package: a second one is named, not silently ignored."""
    packages = tmp_path / "packages"
    shutil.copytree(REAL_PACKAGE, packages / "shandong-zones")
    shutil.copytree(REAL_PACKAGE, packages / "another")
    status, errors = validate_in_process(packages)
    assert status != 0
    assert any("2 packages found" in line and "another/datapackage.json" in line for line in errors), errors


@pytest.mark.unit
def test_schema_results_are_shared_only_between_identical_tables(tmp_path):
    """The frictionless results a bad-input case reuses belong to tables identical to the real ones: a
    change in a table a foreign key reaches is validated again (an entity removed leaves figures about it
    unknown)."""
    packages = tmp_path / "packages"
    shutil.copytree(REAL_PACKAGE, packages / "shandong-zones")
    assert validate_in_process(packages)[0] == 0
    entities = packages / "shandong-zones" / "data" / "entities.csv"
    rows = read(entities)
    observations = [row for path in table_files(packages / "shandong-zones", "observations") for row in read(path)]
    used = next(row for row in rows if any(o["entity_id"] == row["id"] for o in observations)
                and not any(other["parent_id"] == row["id"] for other in rows))
    write(entities, [row for row in rows if row is not used], list(rows[0]))
    status, errors = validate_in_process(packages)
    assert status == 1 and any("entity_id" in line and used["id"] in line for line in errors), errors


@pytest.mark.unit
def test_a_change_outside_the_referenced_columns_revalidates_only_its_own_table(tmp_path):
    """A table's results depend on the values its foreign keys reach, not on the rest of the tables
    they reach: an entity's English name changed is one table to validate again, not every table
    that names entities."""
    from curated import schema_check
    packages = tmp_path / "packages"
    shutil.copytree(REAL_PACKAGE, packages / "shandong-zones")
    assert validate_in_process(packages)[0] == 0
    known = set(schema_check._SCHEMA_ERRORS)
    entities = packages / "shandong-zones" / "data" / "entities.csv"
    rows = read(entities)
    rows[0]["name_en"] += " (renamed)"
    write(entities, rows)
    assert validate_in_process(packages)[0] == 0
    assert len(set(schema_check._SCHEMA_ERRORS) - known) == 1
