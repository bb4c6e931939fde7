"""scripts/figure_diff.py: the figure-level diff between a git ref and the working tree, and the data history."""
from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
import sys
import tarfile

import pytest

from curated import figure_diff
from curated import paths
from curated.datapackage_schema import load_package


pytestmark = pytest.mark.data
FIGURE = "weifang-zones-2016-0002"


def git(repo, *args):
    subprocess.run(["git", "-c", "user.name=test", "-c", "user.email=test@example.com", *args],
                   cwd=repo, check=True, capture_output=True)


def write_old_layout(package_dir):
    """The package as it was before one folder per source: one data/<table>.csv per table."""
    package = load_package(paths.PACKAGES)
    descriptor = package.published_descriptor()
    for resource in descriptor["resources"]:
        resource["path"] = f"data/{resource['path']}"
    (package_dir / "data").mkdir(parents=True)
    (package_dir / "datapackage.json").write_text(json.dumps(descriptor, ensure_ascii=False, indent=2), encoding="utf-8")
    for name, table in package.tables.items():
        (package_dir / "data" / f"{name}.csv").write_text(table.csv_text(), encoding="utf-8")


def change_figure(package_dir, figure_id, field, value):
    for path in package_dir.glob("sources/*/observations.csv"):
        with path.open(encoding="utf-8", newline="") as handle:
            reader = csv.DictReader(handle)
            fields, rows = reader.fieldnames, list(reader)
        if any(row["id"] == figure_id for row in rows):
            for row in rows:
                if row["id"] == figure_id:
                    row[field] = value
            with path.open("w", encoding="utf-8", newline="") as handle:
                writer = csv.DictWriter(handle, fieldnames=fields, lineterminator="\n")
                writer.writeheader()
                writer.writerows(rows)
            return


@pytest.fixture
def repo(tmp_path):
    """A git repository with three data commits: old layout, the same data per source, then nothing else."""
    root = tmp_path / "repo"
    packages = root / "datapackages"
    write_old_layout(packages / "shandong-zones")
    git(root, "init", "-q")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "data in the old single-file layout")
    shutil.rmtree(packages)
    shutil.copytree(paths.PACKAGES / "shandong-zones", packages / "shandong-zones")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "one folder per source")
    return root, packages


def test_migration_from_the_old_layout_changes_no_figure(repo):
    root, packages = repo
    assert figure_diff.compare(figure_diff.figures_at("HEAD~1", packages), figure_diff.figures_of(packages)).empty
    assert len(figure_diff.figures_at("HEAD~1", packages)) == len(load_package().tables["observations"].rows())


def test_a_one_figure_change_is_named_exactly(repo):
    root, packages = repo
    before = figure_diff.figures_of(packages)[FIGURE]
    change_figure(packages / "shandong-zones", FIGURE, "curation_note", before["curation_note"] + " Checked again.")
    uncommitted = figure_diff.compare(figure_diff.figures_at("HEAD", packages), figure_diff.figures_of(packages))
    assert (uncommitted.added, uncommitted.removed, list(uncommitted.changed)) == ([], [], [FIGURE])
    assert uncommitted.changed[FIGURE] == {"curation_note": (before["curation_note"], before["curation_note"] + " Checked again.")}

    git(root, "commit", "-q", "-am", "one figure's note")
    result = subprocess.run([sys.executable, str(paths.ROOT / "scripts" / "figure_diff.py"), "--base", "HEAD~1",
                             "--packages", str(packages)], capture_output=True, text=True, check=True)
    assert "0 added, 1 changed, 0 removed" in result.stdout and FIGURE in result.stdout
    assert before["quote"] in result.stdout and "Checked again." in result.stdout
    markdown = subprocess.run([sys.executable, str(paths.ROOT / "scripts" / "figure_diff.py"), "--base", "HEAD~1",
                               "--format", "markdown", "--packages", str(packages)],
                              capture_output=True, text=True, check=True).stdout
    assert f"| `{FIGURE}` | curation_note |" in markdown and markdown.startswith("### Figures since `HEAD~1`")


def test_added_and_removed_figures_carry_their_quotes(repo):
    root, packages = repo
    path = next((packages / "shandong-zones").glob("sources/zibo-zone-reform-2019/observations.csv"))
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    removed_id = lines[1].split(",", 1)[0]
    path.write_text("".join(lines[:1] + lines[2:]), encoding="utf-8")
    diff = figure_diff.compare(figure_diff.figures_at("HEAD", packages), figure_diff.figures_of(packages))
    assert (diff.added, diff.removed, diff.changed) == ([], [removed_id], {})
    assert diff.before[removed_id]["quote"] in figure_diff.as_text(diff, "HEAD")


def test_history_lists_each_data_commit_newest_first(repo):
    root, packages = repo
    change_figure(packages / "shandong-zones", FIGURE, "value_reported", "五")
    git(root, "commit", "-q", "-am", "a figure corrected")
    versions = figure_diff.history(packages=packages)
    assert [v["subject"] for v in versions] == ["a figure corrected", "one folder per source",
                                                "data in the old single-file layout"]
    newest = versions[0]
    assert (newest["added"], newest["removed"], [f["id"] for f in newest["changed"]]) == ([], [], [FIGURE])
    assert newest["changed"][0]["value_reported"] == "五" and newest["changed"][0]["fields"]["value_reported"][1] == "五"
    assert not (versions[1]["added"] or versions[1]["changed"] or versions[1]["removed"])
    assert len(versions[2]["added"]) == len(load_package().tables["observations"].rows())
    assert figure_diff.history(max_versions=1, packages=packages)[0]["commit"] == newest["commit"]


@pytest.mark.unit
def test_history_without_git_history_is_empty(tmp_path):
    (tmp_path / "datapackages").mkdir()
    assert figure_diff.history(packages=tmp_path / "datapackages") == []


MIGRATION_SUBJECT = "Migrate: one folder per source"


def test_migration_commit_kept_every_row_byte_identical(tmp_path):
    """At the migration commit, each table joined from its per-source files is byte for byte the
    single file its parent commit had (needs the repository's history: skipped in a shallow clone)."""
    try:
        top, inside = figure_diff.repository_paths(paths.PACKAGES)
        commit = figure_diff.git(top, "log", "--format=%H", "--fixed-strings", f"--grep={MIGRATION_SUBJECT}").decode().split()
    except figure_diff.GitError as error:
        pytest.skip(f"no git history here: {error}")
    if not commit:
        pytest.skip("the migration commit is not in this clone's history")
    migrated = commit[-1]
    archive = figure_diff.git(top, "archive", "--format=tar", migrated, inside)
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(tmp_path, filter="data")
    package = load_package(tmp_path / inside)
    for name, table in package.tables.items():
        old = figure_diff.git(top, "show", f"{migrated}~1:{inside}/shandong-zones/data/{name}.csv")
        assert table.csv_text().encode("utf-8") == old, name
    assert {p.parent.name for p in package.tables["observations"].files} == \
        {row["id"] for row in package.tables["sources"].rows()}
