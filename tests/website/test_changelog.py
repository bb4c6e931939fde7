"""The changelog a journalist follows: one entry per data release, old → new, wording apart, a feed per edition."""
from __future__ import annotations

import re
import types

import feedparser
import pytest

from curated import figure_diff
from curated import paths
from curated import releases
from website import feed
from website import urls
from website.families import changelog
from website.ui import UiText


def _edition(lang: str):
    """What feed.atom reads of SiteData: the interface texts, the language and the site's name."""
    ui = UiText.read()
    return types.SimpleNamespace(ui=ui, lang=lang, site_name=ui("site.name", lang))


def _release(lang: str) -> dict:
    changed = {"id": "x-0001", "name": "寿光市 · 上市企业数" if lang == "zh" else "Shouguang · Listed enterprises",
               "value": "五家", "value_zh": True, "url": "sources/x/#x-0001",
               "lines": [{"field": "value", "label": "数值" if lang == "zh" else "value", "old": "四家", "new": "五家"}]}
    shaped = {"name": "2026-01-02", "time": "2026-01-02T10:00:00+00:00", "url": urls.changelog_version("abc", lang),
              "changed": [changed], "added": [], "removed": [], "reworded": [dict(changed, id="x-0002", what=["说明"])]}
    return dict(shaped, summary=feed.summary(_edition(lang), shaped))


@pytest.mark.unit
@pytest.mark.parametrize("lang", urls.LANGUAGES)
def test_the_feed_is_valid_atom_listing_the_figures_changed_in_substance(lang):
    parsed = feedparser.parse(feed.atom(_edition(lang), [_release(lang)]))
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.version == "atom10" and parsed.feed.language == lang
    assert parsed.feed.link == urls.absolute(urls.section("changelog", lang), paths.SITE_URL)
    [entry] = parsed.entries
    assert entry.link == urls.absolute(urls.changelog_version("abc", lang), paths.SITE_URL)
    assert entry.title == "2026-01-02" and entry.updated_parsed[:3] == (2026, 1, 2)
    content = entry.content[0].value
    assert "四家 → 五家" in content and urls.absolute("sources/x/#x-0001", paths.SITE_URL) in content
    # The reworded figure is counted in the summary, never listed among the changed ones.
    assert "x-0002" not in content and entry.summary == _release(lang)["summary"]
    assert ("1 个数字仅改措辞" if lang == "zh" else "1 figure reworded only") in entry.summary


@pytest.mark.site
@pytest.mark.parametrize("lang", urls.LANGUAGES)
def test_each_edition_feed_parses_and_names_the_releases_of_the_changelog(site_dir, lang):
    parsed = feedparser.parse((site_dir / urls.changelog_feed(lang)).read_bytes())
    assert not parsed.bozo, parsed.get("bozo_exception")
    page = (site_dir / urls.section("changelog", lang) / "index.html").read_text(encoding="utf-8")
    listed = re.findall(r'<li><a href="[./]*(?:en/)?changelog/([0-9a-f]{10})/">([^<]+)</a>', page)
    assert [entry.title for entry in parsed.entries] == [name for _, name in listed][:feed.ENTRIES]
    for entry in parsed.entries:
        target = entry.link.removeprefix(paths.SITE_URL.rstrip("/") + "/")
        assert (site_dir / target / "index.html").exists(), entry.link
    assert 'type="application/atom+xml">' in page


@pytest.mark.site
def test_every_page_names_its_edition_feed_in_its_head(site_dir):
    pages = [p for p in site_dir.rglob("index.html") if "pagefind" not in p.parts]
    assert len(pages) > 600
    for path in pages:
        head = path.read_text(encoding="utf-8").split("</head>", 1)[0]
        if 'http-equiv="refresh"' in head:  # a renamed entity's redirect page
            continue
        lang = "en" if path.relative_to(site_dir).parts[0] == "en" else "zh"
        link = f'<link rel="alternate" type="application/atom+xml" href="{urls.absolute(urls.changelog_feed(lang), paths.SITE_URL)}"'
        assert link in head, path


@pytest.mark.site
def test_the_changelog_has_one_entry_per_release_of_the_main_line(site_dir):
    history = releases.history(changelog.RELEASES)
    top, inside = figure_diff.repository_paths(paths.PACKAGES)
    every = set(figure_diff.git(top, "log", "--format=%h", "--abbrev=10", "--", inside).decode().split())
    inside_merges = every - {r.short for r in history}
    for lang in urls.LANGUAGES:
        page = (site_dir / urls.section("changelog", lang) / "index.html").read_text(encoding="utf-8")
        listed = re.findall(r'<li><a href="[./]*(?:en/)?changelog/([0-9a-f]{10})/">', page)
        assert listed == [r.short for r in history], lang
        assert not [c for c in inside_merges if f"changelog/{c}/" in page], lang
        assert len(set(re.findall(r'<li><a href="[./]*(?:en/)?changelog/[0-9a-f]{10}/">([^<]+)</a>', page))) == len(listed), "two releases share a name"
    changed = next((r for r in history if r.diff.changed), None)
    if changed is None:
        pytest.skip("no release of this history changed a figure in substance")
    html = (site_dir / urls.changelog_version(changed.short) / "index.html").read_text(encoding="utf-8")
    assert html.count("<del>") >= len(changed.diff.changed) and "→ <ins>" in html
    assert re.search(r'修改 %d 个数字' % len(changed.diff.changed), html)


@pytest.mark.site
def test_a_revised_value_is_marked_on_its_source_card_with_its_release(site_dir):
    marks = [(p, m) for p in sorted((site_dir / "sources").rglob("index.html"))
             for m in re.findall(r'<p class="figure-revised"[^>]*>(.*?)</p>', p.read_text(encoding="utf-8"))]
    expected = any("value" in {line.field for line in r.diff.lines(i, "zh")} for r in releases.history(changelog.RELEASES)
                   for i in r.diff.changed)
    assert bool(marks) == expected
    for path, mark in marks:
        assert mark.startswith("修订：原为 "), mark
        release = re.search(r'href="((?:\.\./)+)(changelog/[0-9a-f]{10}/)"', mark)
        assert release and (site_dir / release.group(2) / "index.html").exists(), mark


@pytest.mark.site
def test_a_commit_once_listed_inside_a_merge_leads_to_the_merge_release(site_dir):
    absorbed = releases.absorbed(releases.history(changelog.RELEASES))
    if not absorbed:
        pytest.skip("no merge of this history holds data commits")
    for lang in urls.LANGUAGES:
        for old, new in absorbed.items():
            page = urls.changelog_version(old, lang)
            html = (site_dir / page / "index.html").read_text(encoding="utf-8")
            target = urls.relative(urls.changelog_version(new, lang), page)
            assert f'http-equiv="refresh" content="0; url={target}"' in html
            assert (site_dir / urls.changelog_version(new, lang) / "index.html").exists()
