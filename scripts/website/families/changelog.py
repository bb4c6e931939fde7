"""The changelog: one entry per data release of the main line of history, named by its date, with the
figures added, changed in substance (each field old → new) and removed, and apart the figures only reworded.

Input: SiteData and the releases of the curated package (curated/releases.py; a copy without git
history gives a page that says so). Output: the list of releases at urls.section("changelog")
(templates/changelog.md.j2), a page per release at urls.changelog_version() (changelog_version.md.j2,
addressed by the release's short commit id, so an address never changes as releases come) and the
edition's Atom feed at urls.changelog_feed() (website/feed.py).
"""
from __future__ import annotations

import functools
import re
from typing import Iterator

from curated import releases as curated_releases
from website import feed
from website import urls
from website.families.page import Page
from website.site_data import SiteData


RELEASES = 40
CHINESE = re.compile(r"[\u3400-\u9fff]")
# Read once per build, not once per edition: the history is the same in every language.
history = functools.cache(curated_releases.history)


def release_name(data: SiteData, release) -> str:
    """The release's name: its date, numbered when the day had several releases."""
    if release.number:
        return data.ui("changelog.release_name_numbered", data.lang, date=release.date, number=release.number)
    return data.ui("changelog.release_name", data.lang, date=release.date)


def value_text(data: SiteData, row: dict) -> str:
    """A figure's value as the edition prints it: as reported in Chinese, written out in English."""
    if data.lang != "zh":
        try:
            return data.english_value(float(row["value"]), row["unit"])
        except (KeyError, ValueError):
            pass
    return f"{row.get('value_reported', '')}{row.get('unit_reported', '')}"


def figure_row(data: SiteData, figure_id: str, row: dict) -> dict:
    """A figure as a release lists it: its name and value, linked to its card on its source page when it
    is still published."""
    figure = data.figure.get(figure_id)
    name = figure["what"] if figure else data.ui("changelog.figure_gone", data.lang)
    value = value_text(data, row)
    return {"id": figure_id, "name": name, "value": value, "value_zh": bool(CHINESE.search(value)),
            "url": figure["source_figure_url"] if figure else None}


def shape_release(data: SiteData, release) -> dict:
    diff, lang = release.diff, data.lang
    other = data.ui("changelog.other_wording", lang)

    def changed(figure_id):
        lines = [dict(field=line.field, label=line.label, old=line.old, new=line.new) for line in diff.lines(figure_id, lang)]
        for line in lines:
            if line["field"] == "value":
                line["old"], line["new"] = value_text(data, diff.before[figure_id]), value_text(data, diff.after[figure_id])
            line.update(old_zh=bool(CHINESE.search(line["old"])), new_zh=bool(CHINESE.search(line["new"])))
        return dict(figure_row(data, figure_id, diff.after[figure_id]), lines=lines,
                    also=diff.wording(figure_id, lang, maintainers=False, unknown=other))
    reworded = [dict(figure_row(data, i, diff.after[i]), what=what) for i in diff.reworded
                if (what := diff.wording(i, lang, maintainers=False, unknown=other))]
    shaped = {"name": release_name(data, release), "date": release.date, "time": release.time,
              "commit": release.short, "url": urls.changelog_version(release.short, lang),
              "added": [figure_row(data, i, diff.after[i]) for i in diff.added],
              "removed": [figure_row(data, i, diff.before[i]) for i in diff.removed],
              "changed": [changed(i) for i in diff.changed], "reworded": reworded}
    return dict(shaped, summary=feed.summary(data, shaped))


def revisions(data: SiteData) -> dict[str, dict]:
    """Each published figure whose value a release changed: what it was before the latest such release,
    and that release (its name and page), for the mark on the figure's card. Only a value corrected on
    the same figure (same place, same indicator) is marked: an id that came to name another figure is
    told on the release's page, not as a revision of this one."""
    marks = {}
    for release in history(RELEASES):
        for figure_id in release.diff.changed:
            fields = {line.field for line in release.diff.lines(figure_id, data.lang)}
            if figure_id not in marks and figure_id in data.figure and "value" in fields \
                    and not fields & {"entity", "indicator"}:
                was = value_text(data, release.diff.before[figure_id])
                marks[figure_id] = {"was": was, "was_zh": bool(CHINESE.search(was)),
                                    "release": release_name(data, release),
                                    "url": urls.changelog_version(release.short, data.lang)}
    return marks


def pages(data: SiteData) -> Iterator[Page]:
    """The changelog lists the releases with their counts; each release has a page of its figures, so no
    page grows with the number of releases; the feed carries the newest releases."""
    shaped = [shape_release(data, r) for r in history(RELEASES)]
    feed_url = urls.changelog_feed(data.lang)
    yield Page(urls.section("changelog", data.lang), "changelog.md.j2", dict(releases=shaped, feed_url=feed_url),
               nav_section="changelog")
    for release in shaped:
        yield Page(release["url"], "changelog_version.md.j2", dict(v=release, feed_url=feed_url))
    yield Page(feed_url, "", {}, in_search=False, body=feed.atom(data, shaped))
    # Commits inside a merge were once listed as versions of their own: their addresses lead to the merge's release.
    for old, new in curated_releases.absorbed(history(RELEASES)).items():
        page = urls.changelog_version(old, data.lang)
        yield Page(page + "index.html", "", {}, in_search=False, body=redirect(urls.relative(urls.changelog_version(new, data.lang), page)))


def redirect(target: str) -> str:
    """A page that sends the reader on to `target` (a path relative to it)."""
    return (f'<!doctype html>\n<html><head><meta charset="utf-8"><link rel="canonical" href="{target}">'
            f'<meta http-equiv="refresh" content="0; url={target}"><meta name="robots" content="noindex"></head>'
            f'<body><a href="{target}">{target}</a></body></html>\n')
