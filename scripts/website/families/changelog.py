"""The changelog page: for each version of the data (each change to the curated package in the
project's history), the figures added, changed and removed, each with its value and sentence.

Input: SiteData and the git history of datapackages/ (figure_diff.history; an empty history, as in
a copy without git, gives a page that says so). Output: the list of versions at urls.section("changelog")
(templates/changelog.md.j2) and a page per version at urls.changelog_version() (changelog_version.md.j2).
"""
from __future__ import annotations

import functools
from typing import Iterator

from curated import figure_diff
from website import urls
from website.families.page import Page
from website.site_data import SiteData


VERSIONS = 30
MAINTAINERS_ONLY = {"curation_note"}
# Read once per build, not once per edition: the history is the same in every language.
history = functools.cache(figure_diff.history)


def field_names(data: SiteData, fields: dict) -> list[str]:
    """What changed in a figure, in the reader's words (labels.csv "fields.observations")."""
    labels = data.label.values("fields.observations")
    # The curators' reasoning is for maintainers: a change to it alone is not news to a reader.
    return sorted({labels[name][data.lang] for name in fields if name in labels and name not in MAINTAINERS_ONLY})


def shape_version(data: SiteData, version: dict) -> dict:
    def link(row):
        figure = data.figure.get(row["id"])
        return dict(row, url=f"{figure['entity_url']}#{row['id']}" if figure else None,
                    name=figure["indicator_name"] if figure else "", figure=figure)
    return {"date": version["date"][:10], "version": version["commit"][:10],
            "url": urls.changelog_version(version["commit"][:10], data.lang),
            "added": [link(r) for r in version["added"]],
            "removed": [dict(r, name="", figure=None) for r in version["removed"]],
            "changed": [dict(link(r), what=what) for r in version["changed"]
                        if (what := field_names(data, r.get("fields", {})))]}


def pages(data: SiteData) -> Iterator[Page]:
    """The changelog lists the versions with their counts; each version has a page of its figures, so no
    page grows with the number of versions."""
    versions = [shape_version(data, v) for v in history(VERSIONS)]
    versions = [v for v in versions if v["added"] or v["changed"] or v["removed"]]
    yield Page(urls.section("changelog", data.lang), "changelog.md.j2", dict(versions=versions),
               nav_section="changelog")
    for version in versions:
        yield Page(version["url"], "changelog_version.md.j2", dict(v=version))
