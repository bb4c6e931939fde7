"""The two editions of the built site: every Chinese page has an English twin, each links to the
other (language switch and hreflang), and an English page shows no Chinese interface text and no
untranslated note. Chinese on an English page is allowed only inside an element marked lang="zh"
(the quotes, which are the evidence, and the fields the package holds in Chinese only), and in the
data dictionary's descriptions (class dictionary-text), which quote the package's Chinese codes."""
from __future__ import annotations

import csv
import posixpath
import re
from html.parser import HTMLParser
from pathlib import Path

import duckdb
import pytest

from curated import paths
from website import ui
from website import urls


pytestmark = pytest.mark.site
CJK = re.compile(r"[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef]")
VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"})
# Attributes a reader sees or hears (tooltips, image descriptions, screen-reader labels).
READ_ATTRIBUTES = ("title", "alt", "aria-label", "placeholder")


class Page(HTMLParser):
    """An HTML page: its <html lang>, its alternates (head links and the language switch), and the
    text a reader reads outside elements marked lang="zh" (scripts, styles and the list of
    language names in the switch left out)."""

    def __init__(self):
        super().__init__()
        self.lang, self.alternates, self.switch = None, {}, {}
        self.stack: list[tuple[str, bool]] = []
        self.foreign_text: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "html":
            self.lang = attrs.get("lang")
        if tag == "link" and attrs.get("rel") == "alternate" and attrs.get("hreflang"):
            self.alternates[attrs["hreflang"]] = attrs["href"]
        if tag == "a" and "md-select__link" in (attrs.get("class") or ""):
            self.switch[attrs.get("hreflang")] = attrs["href"]
        skipped = (bool(self.stack) and self.stack[-1][1]) or attrs.get("lang") == "zh" \
            or tag in ("script", "style") or "md-select__inner" in (attrs.get("class") or "") \
            or "dictionary-text" in (attrs.get("class") or "")
        if not skipped:
            self.foreign_text += [attrs[a] for a in READ_ATTRIBUTES if attrs.get(a)]
        if tag not in VOID:
            self.stack.append((tag, skipped))

    def handle_endtag(self, tag):
        while self.stack:
            if self.stack.pop()[0] == tag:
                break

    def handle_data(self, data):
        if not (self.stack and self.stack[-1][1]) and data.strip():
            self.foreign_text.append(data)


def read(path: Path) -> Page:
    page = Page()
    page.feed(path.read_text(encoding="utf-8"))
    return page


def chinese_pages(site: Path) -> list[Path]:
    """Every page of the Chinese edition (the site root, without the other editions' folders and without the
    redirects that keep an old address working: a renamed entity's, a changelog version now part of a release)."""
    others = [lang for lang in urls.LANGUAGES if lang != urls.DEFAULT_LANGUAGE]
    moved = {old for old, _ in urls.moved_pages()}
    return sorted(p for p in site.rglob("index.html")
                  if p.relative_to(site).parts[0] not in others + ["pagefind", "assets"]
                  and p.parent.relative_to(site).as_posix() + "/" not in moved
                  and 'http-equiv="refresh"' not in p.read_text(encoding="utf-8")[:600])


def resolve(page: Path, href: str, site: Path) -> Path:
    """The file a link on page leads to: relative, or absolute on the site's address (hreflang)."""
    href = href.split("#")[0]
    if href.startswith(paths.SITE_URL):
        href = "/" + href.removeprefix(paths.SITE_URL)
    base = "" if href.startswith("/") else page.parent.relative_to(site).as_posix()  # the site is served at /
    target = posixpath.normpath(posixpath.join(base, href.lstrip("/")))
    return site / target / "index.html" if not target.endswith(".html") else site / target


@pytest.fixture(scope="module")
def db(build_dir):
    with duckdb.connect(str(build_dir / "data" / "zones.duckdb"), read_only=True) as con:
        yield con


@pytest.fixture(scope="module")
def twins(site_dir) -> list[tuple[Path, Path]]:
    pairs = [(page, site_dir / urls.prefix("en") / page.relative_to(site_dir)) for page in chinese_pages(site_dir)]
    assert len(pairs) > 300
    return pairs


def test_every_chinese_page_has_an_english_twin_and_each_links_to_the_other(twins, site_dir):
    for zh_page, en_page in twins:
        assert en_page.exists(), f"no English twin of {zh_page.relative_to(site_dir)}"
        zh, en = read(zh_page), read(en_page)
        assert (zh.lang, en.lang) == ("zh", "en"), zh_page.relative_to(site_dir)
        for page, parsed, other_lang, other in ((zh_page, zh, "en", en_page), (en_page, en, "zh", zh_page)):
            where = page.relative_to(site_dir)
            assert resolve(page, parsed.switch[other_lang], site_dir) == other, f"{where}: language switch"
            assert resolve(page, parsed.alternates[other_lang], site_dir) == other, f"{where}: hreflang"


def test_the_sitemap_lists_both_languages_of_every_page(site_dir, twins):
    index = (site_dir / "sitemap.xml").read_text(encoding="utf-8")
    assert "<sitemapindex" in index and "sitemap-pages.xml" in index, index
    sitemap = (site_dir / "sitemap-pages.xml").read_text(encoding="utf-8")
    for zh_page, en_page in twins:
        address = urls.absolute(en_page.parent.relative_to(site_dir).as_posix() + "/", paths.SITE_URL)
        assert f'hreflang="en" href="{address}"' in sitemap, address


def chinese_interface_texts() -> set[str]:
    """Every Chinese text of the interface table and of the label table (each holds Chinese)."""
    with (paths.PACKAGES / "shandong-zones" / "data" / "labels.csv").open(encoding="utf-8", newline="") as handle:
        labels = {row["zh"] for row in csv.DictReader(handle)}
    texts = {text for text in ui.UiText.read().table.values() for text in [text["zh"]]}
    # The placeholders are filled on the page; what is left around them must not appear.
    pieces = {piece for text in texts for piece in re.split(r"\{[a-z_]+\}", text)}
    return {text for text in labels | pieces if CJK.search(text)}


def curated_english_with_chinese(db) -> list[str]:
    """The package's English texts (names, notes, translations) that gloss a Chinese term in brackets,
    such as "specialised and innovative (专精特新)": curated English, not untranslated text."""
    found = set()
    for table, column in db.execute("SELECT table_name, column_name FROM duckdb_columns() "
                                    "WHERE column_name LIKE '%\\_en' ESCAPE '\\'").fetchall():
        found |= {v for (v,) in db.execute(f'SELECT DISTINCT "{column}" FROM "{table}"').fetchall()
                  if isinstance(v, str) and CJK.search(v)}
    return sorted(found, key=len, reverse=True)


def test_no_english_page_shows_chinese_outside_a_lang_zh_element(twins, site_dir, db):
    interface = chinese_interface_texts()
    glossed = curated_english_with_chinese(db)
    assert glossed, "expected some English texts of the package to gloss a Chinese term"
    for _, en_page in twins:
        shown = "\n".join(read(en_page).foreign_text)
        for text in glossed:
            shown = shown.replace(text, "")
        chinese = CJK.findall(shown)
        where = en_page.relative_to(site_dir)
        assert not chinese, f"{where}: Chinese outside lang=zh: {''.join(chinese)[:80]} in {shown[max(0, shown.find(chinese[0]) - 60):][:160]!r}"
        assert not [text for text in interface if text in shown], where


def test_no_english_page_shows_an_untranslated_note(twins, site_dir, db):
    notes = [row for table in ("figures", "entities", "sources", "policies")
             for row in db.execute(f"SELECT note_zh, note_en FROM {table} WHERE note_zh IS NOT NULL AND note_zh <> ''").fetchall()]
    assert notes and all(note_en for _, note_en in notes), "a public note without its English text"
    chinese_notes = {note_zh for note_zh, _ in notes}
    for _, en_page in twins:
        text = en_page.read_text(encoding="utf-8")
        shown = [note for note in chinese_notes if note in text]
        assert not shown, f"{en_page.relative_to(site_dir)} shows the Chinese note {shown[0]!r}"
