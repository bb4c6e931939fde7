"""Reader pages speak the reader's language: no curation jargon, no English sentence on a Chinese page."""
from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

pytestmark = pytest.mark.site
# Words and names only curators use: file and field names, line numbers, the seeds folder.
JARGON = re.compile(r"\bseeds?\b|\bline \d+|\blines \d+|\brows?\b|curat|curators|\b[a-z]+_(?:zh|en|id|inferred|reported)\b"
                    r"|\.csv\b|datapackage|\bthe package\b|\b[a-z]+(?:-[a-z0-9]+)+-\d{4}\b", re.IGNORECASE)
ENGLISH_SENTENCE = re.compile(r"[A-Za-z]{2,}(?:[ ,;:'’()-]+[A-Za-z]{2,}){3,}")
SKIPPED = {"script", "style", "code", "svg"}
# The downloads page documents the published files: their file and column names are the data's own names.
DATA_PAGE = "data/index.html"


class ReaderText(HTMLParser):
    """The text of the article a reader reads, without parts marked English and without code."""

    def __init__(self):
        super().__init__()
        self.stack: list[tuple[str, bool]] = []
        self.inside = False
        self.parts: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "article":
            self.inside = True
        if tag in ("br", "img", "input", "source", "meta", "link", "hr"):
            return
        english = attrs.get("lang", "").startswith("en") or tag in SKIPPED
        self.stack.append((tag, english or (self.stack[-1][1] if self.stack else False)))

    def handle_endtag(self, tag):
        while self.stack:
            if self.stack.pop()[0] == tag:
                break
        if tag == "article":
            self.inside = False

    def handle_data(self, data):
        if self.inside and not (self.stack and self.stack[-1][1]):
            self.parts.append(data)


URL = re.compile(r"https?://\S+?(?=[（）\s]|$)")


def reader_text(path) -> str:
    """The page's reader text; addresses (a citation gives the figure's) are not words."""
    parser = ReaderText()
    parser.feed(path.read_text(encoding="utf-8"))
    return URL.sub(" ", " ".join(parser.parts))


def chinese_pages(site_dir):
    return [p for p in sorted(site_dir.rglob("*.html")) if not p.relative_to(site_dir).as_posix().startswith(("en/", "pagefind/"))
            and p.name == "index.html"]


def test_no_chinese_page_shows_curation_jargon_or_an_english_sentence(site_dir):
    problems = []
    for page in chinese_pages(site_dir):
        where = page.relative_to(site_dir).as_posix()
        text = reader_text(page)
        if where != DATA_PAGE:
            problems += [f"{where}: jargon {m.group(0)!r}" for m in JARGON.finditer(text)]
        problems += [f"{where}: English {m.group(0)!r}" for m in ENGLISH_SENTENCE.finditer(text)]
    assert not problems, f"{len(problems)} problems, e.g.:\n" + "\n".join(problems[:30])


def english_pages(site_dir):
    return [p for p in sorted((site_dir / "en").rglob("index.html"))]


def test_no_english_page_shows_curation_jargon(site_dir):
    problems = []
    for page in english_pages(site_dir):
        where = page.relative_to(site_dir).as_posix()
        if where == "en/" + DATA_PAGE:
            continue
        text = URL.sub(" ", " ".join(_all_text(page)))
        # "seed" is an ordinary English word there (the vegetable seed industry).
        problems += [f"{where}: jargon {m.group(0)!r}" for m in JARGON.finditer(text) if m.group(0).lower() != "seed"]
    assert not problems, f"{len(problems)} problems, e.g.:\n" + "\n".join(problems[:30])


def _all_text(page) -> list[str]:
    """Every text of the article, English included (the jargon check reads all of it)."""
    parts, inside = [], False
    for chunk in re.split(r"(<[^>]+>)", page.read_text(encoding="utf-8")):
        if chunk.startswith("<article"):
            inside = True
        elif chunk.startswith("</article"):
            inside = False
        elif inside and not chunk.startswith("<"):
            parts.append(chunk)
    return parts


def test_the_checks_can_fail(tmp_path):
    page = tmp_path / "index.html"
    page.write_text('<article><p>Seed 000 uses this (line 21).</p><p lang="en">An English name is fine here.</p>'
                    '<p>这是 a plain English sentence here 的中文。</p><p>weifang-zones-2016-0001</p></article>',
                    encoding="utf-8")
    text = reader_text(page)
    assert JARGON.search(text) and ENGLISH_SENTENCE.search(text).group(0) == "plain English sentence here"
    assert JARGON.search("weifang-zones-2016-0001") and not JARGON.search("2016年上半年")
    assert "fine" not in text


def test_no_english_page_counts_one_thing_in_the_plural(site_dir):
    """ui.csv writes a noun after a count in both forms ({count:figure|figures}); found: "1 figures ·
    1 places" on 312 pages. Every plural form of the table is looked for after a lone 1."""
    from website import ui
    plurals = {m.group(3) for texts in ui.UiText.read().table.values()
               for m in ui.NOUN_FORMS.finditer(texts["en"])}
    assert {"figures", "places", "zones"} <= plurals
    one = re.compile(r"(?<![\d.,])1 (?:development |US |percentage )?(" + "|".join(sorted(plurals)) + r")\b")
    problems = []
    for page in english_pages(site_dir):
        html = page.read_text(encoding="utf-8")
        head = " ".join(g for found in re.findall(r'<title>([^<]*)</title>|<meta name="description" content="([^"]*)"',
                                                  html) for g in found)
        text = " ".join([head] + _all_text(page))
        problems += [f"{page.relative_to(site_dir).as_posix()}: {m.group(0)!r}" for m in one.finditer(text)]
    assert not problems, f"{len(problems)} problems, e.g.:\n" + "\n".join(problems[:20])


# A badge (inferred, target, a policy's kind) right after the text it qualifies, with no space between: the
# page shows a gap (its margin), but the text a search excerpt or a screen reader takes runs them into one
# word ("H1 2016inferred").
BADGE_JOINED = re.compile(r'[^\s>]</(?:span|a|strong)><span class="badge')


def test_a_badge_is_a_word_of_its_own_in_the_pages_text(site_dir):
    joined = {p.relative_to(site_dir).as_posix() for p in site_dir.rglob("*.html")
              if BADGE_JOINED.search(p.read_text(encoding="utf-8"))}
    assert not joined, sorted(joined)[:5]
    assert BADGE_JOINED.search('<span class="period">H1 2016</span><span class="badge">inferred</span>')
