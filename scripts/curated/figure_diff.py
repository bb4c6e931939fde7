"""Figure-level difference of the curated data between a git ref and the working tree.

Usage: `python scripts/figure_diff.py --base REF [--format text|markdown]`
(`make diff BASE=REF [FORMAT=markdown]`).

Inputs: the curated package at REF, read with `git archive` into a temporary
folder (any layout the loader knows: one folder per source, or the older
single `data/observations.csv`), and the package in the working tree.
Output: the figures (observations) added, removed and changed, each with its
reported number, unit and quote, and for a changed figure each field
before → after; as plain text or Markdown (for a pull-request comment or a
GitHub job summary). Exit status 0 whether or not figures changed; 2 when the
ref cannot be read.

`history(max_versions)` gives the same difference for each commit that
touched the data, newest first, for the changelog page.
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

from curated import paths
from curated.datapackage_schema import PackageLayoutError, load_package


Figures = dict[str, dict[str, str]]
SHOWN = ("value_reported", "unit_reported", "quote")


class GitError(RuntimeError):
    """git is missing, the folder is not in a repository, or a ref does not exist."""


@dataclass
class FigureDiff:
    """Figures added, removed and changed (id → field → (before, after)) between two versions."""
    before: Figures
    after: Figures
    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    changed: dict[str, dict[str, tuple[str, str]]] = field(default_factory=dict)

    @property
    def empty(self) -> bool:
        return not (self.added or self.removed or self.changed)


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


def figures_of(packages: Path) -> Figures:
    """The observations of the package under `packages`, by id ({} when there is none)."""
    try:
        package = load_package(packages)
    except PackageLayoutError:
        return {}
    table = package.tables.get("observations")
    return {row["id"]: row for row in table.rows()} if table else {}


def figures_at(ref: str, packages: Path = paths.PACKAGES) -> Figures:
    """The observations as they were at a git ref ({} when the data did not exist yet)."""
    top, inside = repository_paths(packages)
    commit = git(top, "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}").decode().strip()
    listed = git(top, "ls-tree", "--name-only", commit, inside.rstrip("/") + "/")
    if not listed.strip():
        return {}
    archive = git(top, "archive", "--format=tar", commit, inside)
    with tempfile.TemporaryDirectory(prefix="figure-diff-") as tmp:
        with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
            tar.extractall(tmp, filter="data")
        return figures_of(Path(tmp) / inside)


def compare(before: Figures, after: Figures) -> FigureDiff:
    """Which figures were added, removed or changed, and how."""
    diff = FigureDiff(before, after)
    diff.added = sorted(set(after) - set(before))
    diff.removed = sorted(set(before) - set(after))
    for figure_id in sorted(set(before) & set(after)):
        old, new = before[figure_id], after[figure_id]
        fields = {name: (old.get(name, ""), new.get(name, "")) for name in dict.fromkeys([*old, *new])
                  if old.get(name, "") != new.get(name, "")}
        if fields:
            diff.changed[figure_id] = fields
    return diff


def _figure_line(row: dict[str, str]) -> str:
    return f"{row['value_reported']} {row['unit_reported']} — “{row['quote']}”"


def as_text(diff: FigureDiff, base: str) -> str:
    """The difference as plain text, one block per kind of change."""
    if diff.empty:
        return f"Figures: no change since {base}.\n"
    lines = [f"Figures since {base}: {len(diff.added)} added, {len(diff.changed)} changed, {len(diff.removed)} removed"]
    for title, ids, rows in (("Added", diff.added, diff.after), ("Removed", diff.removed, diff.before)):
        if ids:
            lines += ["", f"{title}:"] + [f"  {i}: {_figure_line(rows[i])}" for i in ids]
    if diff.changed:
        lines += ["", "Changed:"]
        for figure_id, fields in diff.changed.items():
            lines.append(f"  {figure_id}: {_figure_line(diff.after[figure_id])}")
            lines += [f"    {name}: {old!r} → {new!r}" for name, (old, new) in fields.items()]
    return "\n".join(lines) + "\n"


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def as_markdown(diff: FigureDiff, base: str) -> str:
    """The difference as Markdown tables (pull-request comment, job summary)."""
    if diff.empty:
        return f"### Figures\n\nNo figure changed since `{base}`.\n"
    out = [f"### Figures since `{base}`: {len(diff.added)} added, {len(diff.changed)} changed, "
           f"{len(diff.removed)} removed"]
    for title, ids, rows in (("Added", diff.added, diff.after), ("Removed", diff.removed, diff.before)):
        if ids:
            out += ["", f"#### {title}", "", "| figure | number | unit | quote |", "|---|---|---|---|"]
            out += [f"| `{i}` | {_cell(rows[i]['value_reported'])} | {_cell(rows[i]['unit_reported'])} | "
                    f"{_cell(rows[i]['quote'])} |" for i in ids]
    if diff.changed:
        out += ["", "#### Changed", "", "| figure | field | before | after |", "|---|---|---|---|"]
        for figure_id, fields in diff.changed.items():
            out += [f"| `{figure_id}` | {name} | {_cell(old)} | {_cell(new)} |" for name, (old, new) in fields.items()]
            out.append(f"| `{figure_id}` | quote | | {_cell(diff.after[figure_id]['quote'])} |")
    return "\n".join(out) + "\n"


def _summary(rows: Figures, ids) -> list[dict[str, str]]:
    return [{"id": i, **{name: rows[i].get(name, "") for name in ("value_reported", "unit", "unit_reported", "quote")}}
            for i in ids]


def history(max_versions: int = 50, packages: Path = paths.PACKAGES) -> list[dict]:
    """Per commit that touched the data, newest first: {commit, date, subject, added, changed, removed}.

    added/changed/removed list the figures (id, value_reported, unit, unit_reported, quote; a
    changed figure also its `fields`: name → [before, after]). [] when git or history is unavailable.
    """
    try:
        top, inside = repository_paths(packages)
        log = git(top, "log", f"-n{max_versions}", "--format=%H%x1f%P%x1f%cI%x1f%s", "--", inside).decode("utf-8")
    except (GitError, ValueError, OSError):
        return []
    loaded: dict[str, Figures] = {}

    def at(commit: str) -> Figures:
        if commit not in loaded:
            loaded[commit] = figures_at(commit, packages) if commit else {}
        return loaded[commit]
    versions = []
    try:
        for entry in filter(None, log.split("\n")):
            commit, parents, date, subject = entry.split("\x1f", 3)
            diff = compare(at(parents.split(" ")[0] if parents else ""), at(commit))
            changed = _summary(diff.after, diff.changed)
            for row in changed:
                row["fields"] = {name: list(pair) for name, pair in diff.changed[row["id"]].items()}
            versions.append({"commit": commit, "date": date, "subject": subject, "added": _summary(diff.after, diff.added),
                             "changed": changed, "removed": _summary(diff.before, diff.removed)})
    except (GitError, OSError, tarfile.TarError):
        return versions
    return versions


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", default="HEAD", help="git ref to compare the working tree with")
    parser.add_argument("--format", choices=("text", "markdown"), default="text")
    parser.add_argument("--packages", type=Path, default=paths.PACKAGES)
    args = parser.parse_args(argv)
    try:
        before = figures_at(args.base, args.packages)
    except (GitError, ValueError) as error:
        print(f"error: cannot read the data at {args.base!r}: {error}", file=sys.stderr)
        return 2
    diff = compare(before, figures_of(args.packages))
    print((as_markdown if args.format == "markdown" else as_text)(diff, args.base), end="")
    return 0
