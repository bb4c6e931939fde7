"""The data releases: each commit of the main line of history that changed the curated package.

Input: the git history of datapackages/ followed along first parents only, so a merge is one release
(its changes against the main line before it) and the commits inside a merged branch are not
releases of their own; a commit made on the main line itself is a release too. Output: `history()`,
newest first, one Release per commit that changed the package, with its date, its name among the
day's releases (a number when there are several), the commit's subject (for a bare "Merge branch
'x'", the subject of the branch's last commit that touched the data) and the figure diff against
the release before it (figure_diff.FigureDiff, names resolved in the current registries first).
"""
from __future__ import annotations

import re
import tarfile
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from curated import figure_diff
from curated import paths

BARE_MERGE = re.compile(r"Merge (?:branch|remote-tracking branch|pull request) \S+(?: (?:of|into|from) \S+)*")


@dataclass
class Release:
    commit: str
    date: str            # YYYY-MM-DD, the commit's own date
    time: str            # the ISO date and time of the commit
    subject: str
    diff: figure_diff.FigureDiff
    number: int = 0      # its place among the releases of its day (1 = first), 0 when it is the day's only one

    @property
    def short(self) -> str:
        return self.commit[:10]


def main_line(top: Path, inside: str, limit: int) -> list[tuple[str, str, str, str]]:
    """(commit, first parent, ISO date, subject) of the main line's commits that changed `inside`, newest first."""
    log = figure_diff.git(top, "log", "--first-parent", f"-n{limit}", "--format=%H%x1f%P%x1f%cI%x1f%s",
                          "--", inside).decode("utf-8")
    commits = []
    for entry in filter(None, log.split("\n")):
        commit, parents, date, subject = entry.split("\x1f", 3)
        parent_list = parents.split()
        if BARE_MERGE.fullmatch(subject) and len(parent_list) > 1:
            branch = figure_diff.git(top, "log", "-n1", "--format=%s", f"{parent_list[0]}..{parent_list[1]}",
                                     "--", inside).decode("utf-8").strip()
            subject = branch or subject
        commits.append((commit, parent_list[0] if parent_list else "", date, subject))
    return commits


def number_days(releases: list[Release]) -> None:
    """Several releases on one day are numbered in the order they were made (stable as later ones come)."""
    per_day = Counter(r.date for r in releases)
    seen: Counter = Counter()
    for release in reversed(releases):
        if per_day[release.date] > 1:
            seen[release.date] += 1
            release.number = seen[release.date]


def history(max_releases: int = 50, packages: Path = paths.PACKAGES) -> list[Release]:
    """The main line's data releases, newest first; [] when git or the history is unavailable.
    Releases that changed no figure (registries, sources, policies) are kept: their diff is empty."""
    try:
        top, inside = figure_diff.repository_paths(packages)
        commits = main_line(top, inside, max_releases)
    except (figure_diff.GitError, ValueError, OSError):
        return []
    current = figure_diff.snapshot_of(packages).names
    loaded: dict[str, figure_diff.Snapshot] = {}

    def at(commit: str) -> figure_diff.Snapshot:
        if commit not in loaded:
            loaded[commit] = figure_diff.snapshot_at(commit, packages) if commit else figure_diff.Snapshot()
        return loaded[commit]
    releases = []
    try:
        for commit, parent, date, subject in commits:
            diff = figure_diff.compare(at(parent), at(commit), current)
            releases.append(Release(commit, date[:10], date, subject, diff))
    except (figure_diff.GitError, OSError, tarfile.TarError):
        pass
    number_days(releases)
    return releases


def absorbed(history_: list[Release], packages: Path = paths.PACKAGES) -> dict[str, str]:
    """short id of each commit that changed the data inside a merged branch → short id of the merge's
    release: the changelog once listed such commits as versions of their own, and their addresses lead on."""
    try:
        top, inside = figure_diff.repository_paths(packages)
        merged = {}
        for release in history_:
            parents = figure_diff.git(top, "rev-list", "--parents", "-n1", release.commit).decode().split()[1:]
            if len(parents) > 1:
                inner = figure_diff.git(top, "log", "--format=%H", f"{parents[0]}..{release.commit}", "--", inside)
                merged.update({c[:10]: release.short for c in inner.decode().split() if c != release.commit})
        return merged
    except (figure_diff.GitError, ValueError, OSError):
        return {}
