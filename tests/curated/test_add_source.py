"""The README's "add a source" path, walked with a small made-up source, and each gate it passes through.

A temporary copy of the package and of the seeds folder gets a new text, a new source folder with its
record (sha256), three figures, the exclusions the draft tool proposes and one new registry row. The
copy validates; then three defects are made one at a time and each is refused with a message naming
the file and the row or line: a figure whose number is not in its quote, a number in the text that
nobody curated, and a value not converted to the canonical unit (亿 left out).
"""
from __future__ import annotations

import csv
import hashlib
import shutil

import pytest

from curated import coverage
from curated import paths
from curated import validation
from curated.datapackage_schema import load_package


pytestmark = pytest.mark.data
SOURCE_ID = "example-zone-2020"
TEXT = ("示例开发区2020年工作简报\n"
        "2020年,示例开发区新引进项目12个,完成固定资产投资35.6亿元,同比增长8.5%。\n")
FIGURE = {"source_id": SOURCE_ID, "entity_id": "example-zone", "status": "actual", "period_start": "2020-01-01",
          "period_end": "2020-12-31", "period_label_zh": "2020年", "period_label_en": "2020", "period_inferred": "false",
          "qualifier": "exact", "figure_kind": "quantity", "share_of_zh": "", "share_of_en": "", "part_of": "", "industry_id": "", "flag": "", "curation_note": "",
          "note_zh": "", "note_en": ""}
FIGURES = [
    dict(FIGURE, id=f"{SOURCE_ID}-0001", indicator_id="projects", measure="amount", value="12", unit="count",
         value_reported="12", unit_reported="个", quote="新引进项目12个", quote_en="12 new projects"),
    dict(FIGURE, id=f"{SOURCE_ID}-0002", indicator_id="fixed_asset_investment", measure="amount",
         value="3560000000", unit="CNY", value_reported="35.6", unit_reported="亿元", quote="完成固定资产投资35.6亿元",
         quote_en="fixed-asset investment of 3.56 billion yuan"),
    dict(FIGURE, id=f"{SOURCE_ID}-0003", indicator_id="fixed_asset_investment", measure="yoy_change_pct",
         value="8.5", unit="percent", value_reported="8.5", unit_reported="%", quote="同比增长8.5%", quote_en="up 8.5% year on year"),
]
FIELDS = load_package().tables["observations"].field_names


def write_csv(path, fields, rows):
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=fields, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def append_row(path, row):
    with path.open("a", encoding="utf-8", newline="") as handle:
        csv.DictWriter(handle, fieldnames=list(row), lineterminator="\n").writerow(row)


def write_text(seeds, text) -> tuple[str, str]:
    """Step 1: the text in the seeds folder, named NNN_<16 hex>.txt; returns its name and sha256."""
    data = text.encode("utf-8")
    digest = hashlib.sha256(data).hexdigest()
    name = f"900_{digest[:16]}.txt"
    (seeds / name).write_bytes(data)
    return name, digest


@pytest.fixture
def added(tmp_path):
    """The package and seeds copied, with the made-up source added as the README says."""
    packages, seeds = tmp_path / "packages", tmp_path / "seeds"
    shutil.copytree(paths.PACKAGES / "shandong-zones", packages / "shandong-zones")
    shutil.copytree(paths.SEEDS, seeds)
    package_dir = packages / "shandong-zones"
    name, digest = write_text(seeds, TEXT)
    folder = package_dir / "sources" / SOURCE_ID                       # step 2: folder and record
    tables = load_package(packages).all_tables()
    write_csv(folder / "source.csv", tables["sources"].field_names, [{
        "id": SOURCE_ID, "file": name, "sha256": digest, "title_zh": "示例开发区2020年工作简报",
        "title_en": "Example zone: 2020 work report (made up for a test)", "publisher_zh": "", "publisher_en": "",
        "published": "2021-01-15", "published_inferred": "false", "publisher_inferred": "false",
        "publication_zh": "", "publication_en": "", "curation_note": "Made-up text for the add-a-source test.",
        "note_zh": "", "note_en": ""}])
    append_row(package_dir / "data" / "entities.csv", {                # a new registry row
        "id": "example-zone", "kind": "zone", "name_zh": "示例开发区", "name_en": "Example Zone", "name_en_official": "false", "aliases_zh": "",
        "parent_id": "weifang", "adcode": "", "management_model_zh": "", "management_model_en": "", "curation_note": "", "note_zh": "", "note_en": ""})
    write_csv(folder / "observations.csv", tables["observations"].field_names, FIGURES)   # step 3: curation
    drafted = coverage.draft(load_package(packages), SOURCE_ID, seeds)                   # step 4: exclusions
    write_csv(folder / "exclusions.csv", tables["exclusions"].field_names, drafted)
    return packages, seeds, folder, drafted


def messages(packages, seeds) -> list[str]:
    problems, _ = validation.validate(packages, seeds)
    return [str(problem) for problem in problems]


def test_the_new_source_passes_every_gate_and_is_published(added):
    packages, seeds, folder, drafted = added
    assert [(row["line"], row["number"], row["reason"]) for row in drafted] == [("1", "2020", "date"), ("2", "2020", "date")]
    assert messages(packages, seeds) == []
    package = load_package(packages)
    assert {f["id"] for f in FIGURES} <= {row["id"] for row in package.tables["observations"].rows()}
    assert SOURCE_ID in package.tables["sources"].csv_text()


def test_a_figure_whose_number_is_not_in_its_quote_is_refused(added):
    packages, seeds, folder, _ = added
    write_csv(folder / "observations.csv", FIELDS, [dict(FIGURES[0], value_reported="13", value="13"), *FIGURES[1:]])
    assert f"{paths.display(folder / 'observations.csv')}: row 2, field value_reported: '13' does not appear in the quote" \
        in messages(packages, seeds)


def test_a_number_nobody_curated_is_refused(added):
    packages, seeds, folder, _ = added
    name, digest = write_text(seeds, TEXT + "建成标准厂房5座。\n")
    rows = load_package(packages).tables["sources"]
    record = next(row for row in rows.located_rows() if row[0].parent.name == SOURCE_ID)[2]
    write_csv(folder / "source.csv", rows.field_names, [dict(record, file=name, sha256=digest)])
    assert messages(packages, seeds) == [
        f"{paths.display(seeds / name)}: line 3: number '5' is neither curated nor excluded"]


def test_a_value_not_converted_to_the_canonical_unit_is_refused(added):
    packages, seeds, folder, _ = added
    write_csv(folder / "observations.csv", FIELDS, [FIGURES[0], dict(FIGURES[1], value="35.6"), FIGURES[2]])
    assert any(m.startswith(f"{paths.display(folder / 'observations.csv')}: row 3, field value: 35.6 ≠ 35.6 亿元")
               for m in messages(packages, seeds)), messages(packages, seeds)
