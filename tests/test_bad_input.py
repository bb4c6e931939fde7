"""Bad input: each defect makes `make validate` and `make site` fail with one clear message
naming the file, the row and the field, and leaves the last good build/site untouched."""
from __future__ import annotations

import csv
import hashlib
import os
import shutil
import subprocess
from pathlib import Path

import pytest

pytestmark = pytest.mark.site

import paths

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


def edit(table: str, change):
    """A mutation that applies change(rows) to one table and returns (row number, field) it broke."""
    def mutate(package: Path):
        path = package / "data" / f"{table}.csv"
        rows = read(path)
        fields = list(rows[0])
        index, field = change(rows)
        write(path, rows, fields)
        return f"{table}.csv", index + 2, field
    return mutate


def first(rows, predicate):
    return next(i for i, row in enumerate(rows) if predicate(row))


def set_field(table, field, value, predicate=lambda row: True):
    def change(rows):
        i = first(rows, predicate)
        rows[i][field] = value(rows[i]) if callable(value) else value
        return i, field
    return edit(table, change)


def duplicate_id(rows):
    rows[1]["id"] = rows[0]["id"]
    return 1, "id"


def swap_period(rows):
    i = first(rows, lambda r: r["period_start"] < r["period_end"])
    rows[i]["period_start"], rows[i]["period_end"] = rows[i]["period_end"], rows[i]["period_start"]
    return i, "period_end"


def drop_column(package: Path):
    path = package / "data" / "observations.csv"
    rows = read(path)
    write(path, rows, [f for f in rows[0] if f != "note"])
    return "observations.csv", 1, "note"


def raw_bytes(transform, row):
    def mutate(package: Path):
        path = package / "data" / "observations.csv"
        path.write_bytes(transform(path.read_bytes()))
        return "observations.csv", row, "-"
    return mutate


is_share = lambda r: r["measure"] == "share_pct"
is_count = lambda r: r["measure"] == "amount" and r["unit"] == "count"
is_cny = lambda r: r["unit"] == "CNY" and r["unit_reported"] == "亿元"

CASES = {
    "wrong type": set_field("observations", "value", "一百"),
    "empty required field": set_field("observations", "quote", ""),
    "unknown entity": set_field("observations", "entity_id", "no-such-zone"),
    "unknown indicator": set_field("observations", "indicator_id", "no_such_indicator"),
    "unknown unit": set_field("observations", "unit", "furlongs"),
    "unknown source": set_field("observations", "source_id", "no-such-source"),
    "duplicate id": edit("observations", duplicate_id),
    "亿 left unconverted": set_field("observations", "value", lambda r: r["value_reported"], is_cny),
    "quote not in source": set_field("observations", "quote", lambda r: r["quote"] + "（虚构）"),
    "changed source checksum": set_field("sources", "sha256", "0" * 64),
    "share above 100": set_field("observations", "value", "150", is_share),
    "negative count": set_field("observations", "value", lambda r: "-" + r["value"], is_count),
    "period ends before it starts": edit("observations", swap_period),
    "missing column": drop_column,
    "CRLF line ends": raw_bytes(lambda b: b.replace(b"\n", b"\r\n"), 1),
    "byte-order mark": raw_bytes(lambda b: b"\xef\xbb\xbf" + b, 1),
    "HTML in a text field": set_field("observations", "note", "<script>alert(1)</script>"),
    "Markdown in a text field": set_field("entities", "name_en", "[click](http://example.com)"),
}


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


@pytest.fixture
def broken(tmp_path, request):
    packages = tmp_path / "packages"
    shutil.copytree(REAL_PACKAGE, packages / "shandong-zones")
    file, row, field = CASES[request.param](packages / "shandong-zones")
    build = tmp_path / "build"
    (build / "site").mkdir(parents=True)
    (build / "site" / "index.html").write_text("<p>last good site</p>", encoding="utf-8")
    return packages, build, file, row, field


@pytest.mark.parametrize("broken", list(CASES), indirect=True)
def test_bad_input_is_refused_with_file_row_and_field(broken):
    packages, build, file, row, field = broken
    before = tree_digest(build / "site")
    for target in ("validate", "site"):
        result = make(target, packages, build)
        assert result.returncode != 0, f"make {target} accepted bad input"
        assert "Traceback" not in result.stderr
        errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
        assert errors, result.stderr
        wanted = f"{file}: row {row}, field {field}:"
        assert any(wanted in line for line in errors), f"no message naming {wanted!r}:\n{result.stderr}"
    assert tree_digest(build / "site") == before, "the last good build/site was changed"


def test_unmodified_copy_is_accepted(tmp_path):
    """The cases above fail because of their defect, not because of the copying."""
    packages = tmp_path / "packages"
    shutil.copytree(REAL_PACKAGE, packages / "shandong-zones")
    result = make("validate", packages, tmp_path / "build")
    assert result.returncode == 0, result.stderr
