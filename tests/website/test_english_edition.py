"""The English edition stands on its own: every value of a translated field that an English page shows
(a body's name, a publisher, an issuer, a date as the text gives it, duties, a task …) comes with its
English, the Chinese only beside it as the bracketed original; and no chart draws a label cut short
with "…" (a cut label says nothing: labels wrap onto lines instead)."""
from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import duckdb
import pytest

from curated.validation import TRANSLATED_FIELDS


pytestmark = pytest.mark.site
# Elements that hold a quote of a source (the evidence, Chinese on every page) rather than a field's value.
QUOTE_CLASSES = ("figure-quote", "quote")
LIST_SEPARATORS = re.compile(r"[、；;|]")


class ChineseValues(HTMLParser):
    """The text of an English page in two parts: what is marked lang="zh" outside quotes (`chinese`),
    and what is not marked lang="zh" at all (`english`)."""

    def __init__(self):
        super().__init__()
        self.stack: list[tuple[str, str | None]] = []  # (tag, "zh" | "quote" | None)
        self.chinese: list[str] = []
        self.english: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        inherited = self.stack[-1][1] if self.stack else None
        is_quote = tag == "blockquote" or any(c in (attrs.get("class") or "").split() for c in QUOTE_CLASSES)
        mark = "quote" if inherited == "quote" or is_quote else ("zh" if inherited == "zh" or attrs.get("lang") == "zh" else None)
        if tag in ("script", "style"):
            mark = "quote"
        if tag not in ("br", "img", "meta", "link", "input", "hr", "source", "wbr"):
            self.stack.append((tag, mark))

    def handle_endtag(self, tag):
        while self.stack:
            if self.stack.pop()[0] == tag:
                break

    def handle_data(self, data):
        mark = self.stack[-1][1] if self.stack else None
        if mark == "zh":
            self.chinese.append(data)
        elif mark is None:
            self.english.append(data)


def translated_items(con: duckdb.DuckDBPyConnection) -> dict[str, set[str]]:
    """Each Chinese item of a translated field (|-lists split) → its English items; leaving out items that
    are also a Chinese name or alias of a row (潍坊市 as an issuer and as a city): a name is shown in Chinese
    beside its English one (the "Chinese" column, "also called"), which test_editions checks."""
    pairs: dict[str, set[str]] = {}
    columns = {(t, c) for t, c in con.execute("SELECT table_name, column_name FROM duckdb_columns()").fetchall()}
    names = {value for table, column in columns if column in ("name_zh", "aliases_zh")
             for (names,) in con.execute(f'SELECT DISTINCT "{column}" FROM "{table}"').fetchall() for value in (names or "").split("|")}
    for table, column in sorted(columns):
        field = column[:-3]
        if not column.endswith("_zh") or field not in TRANSLATED_FIELDS or (table, f"{field}_en") not in columns:
            continue
        for zh, en in con.execute(f'SELECT DISTINCT "{column}", "{field}_en" FROM "{table}" WHERE "{column}" <> \'\'').fetchall():
            for zh_item, en_item in zip(zh.split("|"), (en or "").split("|")):
                if zh_item not in names:
                    pairs.setdefault(zh_item, set()).add(en_item)
    return pairs


def chinese_without_english(html: str, pairs: dict[str, set[str]]) -> list[str]:
    """The translated values a page shows in Chinese (outside quotes) with none of their English on it."""
    page = ChineseValues()
    page.feed(html)
    # What each lang="zh" element says, whole and cut at list separators (a list written in one element).
    shown = {piece.strip() for text in page.chinese for piece in [text, *LIST_SEPARATORS.split(text)]}
    english = "\n".join(page.english)
    return sorted(zh for zh, ens in pairs.items() if zh in shown and not any(en and en in english for en in ens))


def chart_texts(svg: str) -> list[str]:
    """The text a chart draws, one entry per <text> (its lines, drawn as tspans, joined)."""
    return [re.sub(r"<[^>]+>", " ", t) for t in re.findall(r"<text[^>]*>(.*?)</text>", svg, flags=re.S)]


def cut_chart_texts(site: Path) -> list[str]:
    return [f"{svg.relative_to(site)}: {text}" for svg in sorted(site.rglob("chart-*.svg"))
            for text in chart_texts(svg.read_text(encoding="utf-8")) if "…" in text]


@pytest.fixture(scope="module")
def pairs(build_dir):
    with duckdb.connect(str(build_dir / "data" / "zones.duckdb"), read_only=True) as con:
        found = translated_items(con)
    assert len(found) > 100, "expected the translated fields of the package"
    return found


def test_an_english_page_shows_no_translated_value_without_its_english(site_dir, pairs):
    problems = [f"{page.relative_to(site_dir)}: {missing[:3]}" for page in sorted((site_dir / "en").rglob("index.html"))
                if (missing := chinese_without_english(page.read_text(encoding="utf-8"), pairs))]
    assert problems == [], f"{len(problems)} pages, e.g. {problems[:5]}"


def test_the_check_sees_a_chinese_value_shown_alone():
    pairs = {"经信局": {"Bureau of Economy and Information Technology"}}
    alone = '<p>Responsible units: <span lang="zh">经信局</span></p><blockquote lang="zh">经信局负责</blockquote>'
    assert chinese_without_english(alone, pairs) == ["经信局"]
    listed = '<p>Responsible units: <span lang="zh">环保局、经信局</span></p>'
    assert chinese_without_english(listed, pairs) == ["经信局"]
    within = '<p>Bureau of Commerce (<span lang="zh">市经信局商务处</span>)</p>'  # another name containing it
    assert chinese_without_english(within, pairs) == []
    both = '<p>Bureau of Economy and Information Technology (<span lang="zh">经信局</span>)</p>'
    assert chinese_without_english(both, pairs) == []
    quoted = '<blockquote lang="zh">经信局负责</blockquote><small class="quote" lang="zh">经信局</small>'
    assert chinese_without_english(quoted, pairs) == []


def test_no_chart_draws_a_label_cut_short(site_dir):
    cut = cut_chart_texts(site_dir)
    assert cut == [], f"{len(cut)} cut texts, e.g. {cut[:5]}"


def test_the_chart_check_sees_a_cut_label():
    svg = '<svg><text x="0">Shouguang Economic…Zone</text><text><tspan>a whole</tspan><tspan>label</tspan></text></svg>'
    assert [t for t in chart_texts(svg) if "…" in t] == ["Shouguang Economic…Zone"]
