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
from curated import releases
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


@pytest.fixture(scope="module")
def committed(tmp_path_factory):
    """A git repository with two data commits: the old layout, then the same data per source."""
    root = tmp_path_factory.mktemp("committed") / "repo"
    packages = root / "datapackages"
    write_old_layout(packages / "shandong-zones")
    git(root, "init", "-q")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "data in the old single-file layout")
    shutil.rmtree(packages)
    shutil.copytree(paths.PACKAGES / "shandong-zones", packages / "shandong-zones")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "one folder per source")
    return root


@pytest.fixture
def repo(committed, tmp_path):
    """Each test's own copy of that repository (its history included), to change as it likes."""
    root = tmp_path / "repo"
    shutil.copytree(committed, root, symlinks=True)
    return root, root / "datapackages"


def test_migration_from_the_old_layout_changes_no_figure(repo):
    root, packages = repo
    assert figure_diff.compare(figure_diff.figures_at("HEAD~1", packages), figure_diff.figures_of(packages)).empty
    assert len(figure_diff.figures_at("HEAD~1", packages)) == len(load_package().tables["observations"].rows())


def test_a_one_figure_change_is_named_exactly(repo, capsys):
    root, packages = repo
    before = figure_diff.figures_of(packages)[FIGURE]
    change_figure(packages / "shandong-zones", FIGURE, "curation_note", before["curation_note"] + " Checked again.")
    uncommitted = figure_diff.compare(figure_diff.figures_at("HEAD", packages), figure_diff.figures_of(packages))
    # A note is wording: the figure is listed apart, not counted as changed.
    assert (uncommitted.added, uncommitted.removed, uncommitted.changed, list(uncommitted.reworded)) == ([], [], {}, [FIGURE])
    assert uncommitted.reworded[FIGURE] == {"curation_note": (before["curation_note"], before["curation_note"] + " Checked again.")}

    git(root, "commit", "-q", "-am", "one figure's note")
    result = subprocess.run([sys.executable, str(paths.ROOT / "scripts" / "figure_diff.py"), "--base", "HEAD~1",
                             "--packages", str(packages)], capture_output=True, text=True, check=True)
    assert "0 added, 0 changed, 0 removed; 1 reworded only" in result.stdout and FIGURE in result.stdout
    assert figure_diff.main(["--base", "HEAD~1", "--format", "markdown", "--packages", str(packages)]) == 0
    markdown = capsys.readouterr().out
    assert f"| `{FIGURE}` | curators' note |" in markdown and markdown.startswith("### Figures since `HEAD~1`")


def test_added_and_removed_figures_carry_their_quotes(repo):
    root, packages = repo
    path = next((packages / "shandong-zones").glob("sources/zibo-zone-reform-2019/observations.csv"))
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    removed_id = lines[1].split(",", 1)[0]
    path.write_text("".join(lines[:1] + lines[2:]), encoding="utf-8")
    diff = figure_diff.compare(figure_diff.figures_at("HEAD", packages), figure_diff.figures_of(packages))
    assert (diff.added, diff.removed, diff.changed) == ([], [removed_id], {})
    assert diff.before[removed_id]["quote"] in figure_diff.as_text(diff, "HEAD")


OTHER = "weifang-zones-2016-0003"


@pytest.fixture(scope="module")
def released(committed, tmp_path_factory):
    """The test repository's made-up history on top of its two commits: on a branch, a value corrected
    (四 → 五) and another figure's note reworded, merged into main; then on main a note reworded again.
    Made once: the tests that use it only read it."""
    root = tmp_path_factory.mktemp("released") / "repo"
    shutil.copytree(committed, root, symlinks=True)
    packages = root / "datapackages"
    git(root, "branch", "-M", "main")
    git(root, "checkout", "-q", "-b", "review")
    change_figure(packages / "shandong-zones", FIGURE, "value_reported", "五")
    change_figure(packages / "shandong-zones", FIGURE, "value", "5")
    git(root, "commit", "-q", "-am", "a value corrected")
    change_figure(packages / "shandong-zones", OTHER, "note_zh", "说明改写。")
    git(root, "commit", "-q", "-am", "a note reworded")
    git(root, "checkout", "-q", "main")
    git(root, "merge", "-q", "--no-ff", "review", "-m", "Merge branch 'review'")
    change_figure(packages / "shandong-zones", OTHER, "note_en", "A note rewritten.")
    git(root, "commit", "-q", "-am", "a note reworded on main")
    return root, packages


@pytest.fixture(scope="module")
def history(released):
    """The releases of that history, newest first."""
    return releases.history(packages=released[1])


def test_one_release_per_merge_and_per_data_commit_of_the_main_line(released, history):
    root, packages = released
    # The merge is one release; the two commits inside it are not releases of their own. A bare merge
    # subject is replaced by the subject of the branch's last data commit.
    assert [r.subject for r in history] == ["a note reworded on main", "a note reworded",
                                            "one folder per source", "data in the old single-file layout"]
    assert len({r.date for r in history}) == 1 and [r.number for r in history] == [4, 3, 2, 1]
    merge = history[1].diff
    assert (merge.added, merge.removed, list(merge.changed), list(merge.reworded)) == ([], [], [FIGURE], [OTHER])
    assert history[0].diff.changed == {} and list(history[0].diff.reworded) == [OTHER]
    assert not history[2].diff.changed and not history[2].diff.reworded
    assert len(history[3].diff.added) == len(load_package().tables["observations"].rows())
    assert releases.history(max_releases=1, packages=packages)[0].commit == history[0].commit


def test_a_changed_figure_shows_each_field_old_to_new_in_both_languages(history):
    merge = history[1].diff
    unit = merge.before[FIGURE]["unit_reported"]
    assert [line.text() for line in merge.lines(FIGURE, "en")] == [f"value: 四{unit} → 五{unit}"]
    assert [line.text() for line in merge.lines(FIGURE, "zh")] == [f"数值: 四{unit} → 五{unit}"]
    assert merge.wording(OTHER, "zh") == ["说明"] and merge.wording(OTHER, "en") == ["note"]


def test_make_diff_splits_substance_from_wording_with_the_same_lines(released, capsys):
    root, packages = released
    base = "HEAD~1^1"  # main before the merge: the merge and the note on main
    # `make diff`'s function in this process (the command itself is run in the test of one figure's change)
    assert figure_diff.main(["--base", base, "--packages", str(packages)]) == 0
    text = capsys.readouterr().out
    unit = figure_diff.figures_of(packages)[FIGURE]["unit_reported"]
    assert "0 added, 1 changed, 0 removed; 1 reworded only (not counted as changed)" in text
    assert f"    value: 四{unit} → 五{unit}" in text and f"  {OTHER}: note, English note" in text
    assert figure_diff.main(["--base", base, "--format", "markdown", "--packages", str(packages)]) == 0
    markdown = capsys.readouterr().out
    assert f"| `{FIGURE}` | value | 四{unit} | 五{unit} |" in markdown
    assert f"| `{OTHER}` | note, English note |" in markdown and "#### Reworded only" in markdown


@pytest.mark.unit
def test_an_id_renamed_under_the_same_name_or_a_column_added_is_wording():
    names = {("entities", "a"): {"zh": "甲", "en": "A"}, ("entities", "b"): {"zh": "甲", "en": "A"}}
    old = {"id": "x", "entity_id": "a", "value_reported": "4", "unit_reported": "个"}
    renamed = figure_diff.compare(figure_diff.Snapshot({"x": old}), figure_diff.Snapshot({"x": dict(old, entity_id="b")}), names)
    assert (renamed.changed, list(renamed.reworded)) == ({}, ["x"])
    added = figure_diff.compare({"x": old}, {"x": dict(old, figure_kind="quantity")})
    assert (added.changed, list(added.reworded)) == ({}, ["x"])
    moved = figure_diff.compare({"x": old}, {"x": dict(old, entity_id="c")}, names)
    assert [line.text() for line in moved.lines("x", "en")] == ["entity_id: A → c"]


@pytest.mark.unit
def test_history_without_git_history_is_empty(tmp_path):
    (tmp_path / "datapackages").mkdir()
    assert releases.history(packages=tmp_path / "datapackages") == []


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
