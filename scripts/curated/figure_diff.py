"""Figure-level difference of the curated data between a git ref and the working tree.

Usage: `python scripts/figure_diff.py --base REF [--format text|markdown]`
(`make diff BASE=REF [FORMAT=markdown]`).

Inputs: the curated package at REF, read with `git archive` into a temporary
folder (any layout the loader knows: one folder per source, or the older
single `data/observations.csv`), and the package in the working tree.
Output: the figures (observations) added, removed and changed in substance, each
with its reported number, unit and quote, and for a changed figure each field
that matters to a reader old → new (curated/figure_changes.py: the same split and
lines as the changelog pages); figures whose wording alone changed are listed
apart and not counted as changed. As plain text or Markdown (for a pull-request
comment or a GitHub job summary). Exit status 0 whether or not figures changed;
2 when the ref cannot be read.

`curated/releases.py` gives the same difference for each data release of the
main line of history, for the changelog pages and the feed.
"""
from __future__ import annotations

import argparse
import io
import subprocess
import sys
import tarfile
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from curated import figure_changes
from curated import paths
from curated.datapackage_schema import PackageLayoutError, load_package


Figures = dict[str, dict[str, str]]


class GitError(RuntimeError):
    """git is missing, the folder is not in a repository, or a ref does not exist."""


@dataclass
class Snapshot:
    """One version of the package: its figures by id, and the names of its registries and labels."""
    figures: Figures = field(default_factory=dict)
    names: dict = field(default_factory=dict)


@dataclass
class FigureDiff:
    """Figures added, removed, changed in substance and reworded (id → column → (before, after))."""
    before: Figures
    after: Figures
    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    changed: dict[str, dict[str, tuple[str, str]]] = field(default_factory=dict)
    reworded: dict[str, dict[str, tuple[str, str]]] = field(default_factory=dict)
    names: figure_changes.Names = field(default_factory=figure_changes.Names)

    @property
    def empty(self) -> bool:
        return not (self.added or self.removed or self.changed or self.reworded)

    def lines(self, figure_id: str, lang: str = "en") -> list[figure_changes.Line]:
        return figure_changes.lines(self.before[figure_id], self.after[figure_id], lang, self.names)

    def wording(self, figure_id: str, lang: str = "en", maintainers: bool = True, unknown: str | None = None) -> list[str]:
        """The reader's names of what was reworded (the maintainers' notes too when `maintainers`)."""
        old, new = self.before[figure_id], self.after[figure_id]
        shown = {c for line in figure_changes.lines(old, new, lang, self.names)
                 for c in (*figure_changes.SUBSTANCE_FIELDS[line.field], *figure_changes.WORDING_OF.get(line.field, ()))}
        columns = [c for c in figure_changes.wording(old, new, maintainers) if c not in shown]
        return figure_changes.wording_labels(columns, lang, self.names, unknown)


def git(repo: Path, *args: str) -> bytes:
    """Output of a git command run in `repo`; GitError when git fails or is missing."""
    try:
        result = subprocess.run(["git", *args], cwd=repo, capture_output=True, check=False)
    except OSError as error:
        raise GitError(f"git is not available: {error}") from None
    if result.returncode != 0:
        raise GitError(result.stderr.decode("utf-8", "replace").strip() or f"git {' '.join(args)} failed")
    return result.stdout


def repository_paths(packages: Path) -> tuple[Path, str]:
    """The repository holding the packages folder, and that folder's path inside it."""
    folder = packages.resolve()
    top = Path(git(folder if folder.is_dir() else folder.parent, "rev-parse", "--show-toplevel").decode().strip())
    return top, folder.relative_to(top.resolve()).as_posix()


def snapshot_of(packages: Path) -> Snapshot:
    """The package under `packages` (an empty Snapshot when there is none)."""
    try:
        package = load_package(packages)
    except PackageLayoutError:
        return Snapshot()
    tables = {name: table.rows() for name, table in package.tables.items()
              if name in ("observations", "entities", "indicators", "units", "labels") and all(p.exists() for p in table.files)}
    return Snapshot({row["id"]: row for row in tables.get("observations", [])}, figure_changes.registry_names(tables))


def figures_of(packages: Path) -> Figures:
    """The observations of the package under `packages`, by id ({} when there is none)."""
    return snapshot_of(packages).figures


def snapshot_at(ref: str, packages: Path = paths.PACKAGES) -> Snapshot:
    """The package as it was at a git ref (empty when the data did not exist yet)."""
    top, inside = repository_paths(packages)
    commit = git(top, "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}").decode().strip()
    listed = git(top, "ls-tree", "--name-only", commit, inside.rstrip("/") + "/")
    if not listed.strip():
        return Snapshot()
    archive = git(top, "archive", "--format=tar", commit, inside)
    with tempfile.TemporaryDirectory(prefix="figure-diff-") as tmp:
        with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
            tar.extractall(tmp, filter="data")
        return snapshot_of(Path(tmp) / inside)


def figures_at(ref: str, packages: Path = paths.PACKAGES) -> Figures:
    """The observations as they were at a git ref ({} when the data did not exist yet)."""
    return snapshot_at(ref, packages).figures


def compare(before: Figures | Snapshot, after: Figures | Snapshot, *more_names: dict) -> FigureDiff:
    """Which figures were added, removed, changed in substance or only reworded, and how. Names are
    looked up in `more_names` first (the current registries), then after's and before's."""
    old, new = (s if isinstance(s, Snapshot) else Snapshot(s) for s in (before, after))
    diff = FigureDiff(old.figures, new.figures, names=figure_changes.Names(*more_names, new.names, old.names))
    diff.added = sorted(set(new.figures) - set(old.figures))
    diff.removed = sorted(set(old.figures) - set(new.figures))
    for figure_id in sorted(set(old.figures) & set(new.figures)):
        a, b = old.figures[figure_id], new.figures[figure_id]
        columns = figure_changes.changed_columns(a, b)
        if columns:
            (diff.changed if figure_changes.substantive(a, b, diff.names) else diff.reworded)[figure_id] = columns
    return diff


def _figure_line(row: dict[str, str]) -> str:
    return f"{row['value_reported']}{row['unit_reported']} — “{row['quote']}”"


def _counts(diff: FigureDiff) -> str:
    return (f"{len(diff.added)} added, {len(diff.changed)} changed, {len(diff.removed)} removed; "
            f"{len(diff.reworded)} reworded only (not counted as changed)")


def as_text(diff: FigureDiff, base: str, lang: str = "en") -> str:
    """The difference as plain text: added, removed, changed (each field old → new), reworded apart."""
    if diff.empty:
        return f"Figures: no change since {base}.\n"
    lines = [f"Figures since {base}: {_counts(diff)}"]
    for title, ids, rows in (("Added", diff.added, diff.after), ("Removed", diff.removed, diff.before)):
        if ids:
            lines += ["", f"{title}:"] + [f"  {i}: {_figure_line(rows[i])}" for i in ids]
    if diff.changed:
        lines += ["", "Changed:"]
        for figure_id in diff.changed:
            lines.append(f"  {figure_id}: {_figure_line(diff.after[figure_id])}")
            lines += [f"    {line.text()}" for line in diff.lines(figure_id, lang)]
    if diff.reworded:
        lines += ["", "Reworded only (wording, not a changed figure):"]
        lines += [f"  {i}: {', '.join(diff.wording(i, lang))}" for i in diff.reworded]
    return "\n".join(lines) + "\n"


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def as_markdown(diff: FigureDiff, base: str, lang: str = "en") -> str:
    """The difference as Markdown tables (pull-request comment, job summary), split as as_text."""
    if diff.empty:
        return f"### Figures\n\nNo figure changed since `{base}`.\n"
    out = [f"### Figures since `{base}`: {_counts(diff)}"]
    for title, ids, rows in (("Added", diff.added, diff.after), ("Removed", diff.removed, diff.before)):
        if ids:
            out += ["", f"#### {title}", "", "| figure | number | unit | quote |", "|---|---|---|---|"]
            out += [f"| `{i}` | {_cell(rows[i]['value_reported'])} | {_cell(rows[i]['unit_reported'])} | "
                    f"{_cell(rows[i]['quote'])} |" for i in ids]
    if diff.changed:
        out += ["", "#### Changed", "", "| figure | field | before | after |", "|---|---|---|---|"]
        for figure_id in diff.changed:
            out += [f"| `{figure_id}` | {_cell(line.label)} | {_cell(line.old)} | {_cell(line.new)} |"
                    for line in diff.lines(figure_id, lang)]
            out.append(f"| `{figure_id}` | quote | | {_cell(diff.after[figure_id]['quote'])} |")
    if diff.reworded:
        out += ["", "#### Reworded only (wording, not counted as changed)", "", "| figure | reworded |", "|---|---|"]
        out += [f"| `{i}` | {_cell(', '.join(diff.wording(i, lang)))} |" for i in diff.reworded]
    return "\n".join(out) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", default="HEAD", help="git ref to compare the working tree with")
    parser.add_argument("--format", choices=("text", "markdown"), default="text")
    parser.add_argument("--lang", choices=("en", "zh"), default="en", help="language of the field names and labels")
    parser.add_argument("--packages", type=Path, default=paths.PACKAGES)
    args = parser.parse_args(argv)
    try:
        before = snapshot_at(args.base, args.packages)
    except (GitError, ValueError) as error:
        print(f"error: cannot read the data at {args.base!r}: {error}", file=sys.stderr)
        return 2
    diff = compare(before, snapshot_of(args.packages))
    print((as_markdown if args.format == "markdown" else as_text)(diff, args.base, args.lang), end="")
    return 0
