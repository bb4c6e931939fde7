"""The Chinese text Pagefind indexes, cut into words as the reader's browser cuts a query.

Why: Pagefind's extended build cuts a Chinese page into words with charabia (jieba's dictionary) when it
indexes, but its script cuts a Chinese query with the browser's Intl.Segmenter, ICU's word breaker, and a
query word finds only the indexed words it begins, every query word on one page. The two cut differently:
jieba keeps 招商引资 whole, ICU cuts 招|商|引|资, and 商 begins no word of the page, so the page that says
招商引资 three times is not found by it; jieba cuts 进出口 into 进出|口, and 进出口 begins neither.
How: Pagefind indexes a copy of the built pages in which each run of Chinese characters of a Chinese page's
text (not its markup, scripts or styles) is written as ICU's words (icu4py runs the breaker the browser
runs), space-separated (only within the run: a space beside a Latin letter or digit is the text's own). jieba leaves these words whole but a few of three characters or more (进出口 →
进出|口); so the page's words of three or more characters are also given, once each, in the metadata field
WORDS_FIELD, whose words Pagefind keeps as written. The published pages are unchanged: search.js takes the
spaces between two Chinese characters out of an excerpt again.
"""
from __future__ import annotations

import re
import shutil
from pathlib import Path

from icu4py.breakers import WordBreaker
from icu4py.locale import Locale

WORDS_FIELD = "words"
LONG_WORD = 3  # characters: jieba may cut a word this long
_CHINESE = Locale("zh")
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
_PARTS = re.compile(r"(<script\b.*?</script>|<style\b.*?</style>|<!--.*?-->|<[^>]*>)|([^<]+)", re.S | re.I)
_CHINESE_PAGE = re.compile(r"<html\b[^>]*\blang=\"zh", re.I)
_ROOT = re.compile(r"<article\b[^>]*>", re.I)


def words(run: str) -> list[str]:
    """A run of Chinese characters as ICU's word breaker cuts it."""
    return [word for word in WordBreaker(run, _CHINESE) if word.strip()]


def cut_page(html: str) -> str:
    """A page as Pagefind should index it: a Chinese page's text in ICU's words, its long words in a
    metadata field at the start of the article; any other page unchanged."""
    if not _CHINESE_PAGE.search(html[:2000]):
        return html
    long_words: dict[str, None] = {}

    def cut_run(run: re.Match) -> str:
        found = words(run.group(0))
        long_words.update((w, None) for w in found if len(w) >= LONG_WORD)
        return " ".join(found)

    def cut_part(part: re.Match) -> str:
        return part.group(1) if part.group(1) else _HAN.sub(cut_run, part.group(2))

    cut = _PARTS.sub(cut_part, html)
    if not long_words:
        return cut
    field = f'<span hidden data-pagefind-meta="{WORDS_FIELD}:{" ".join(long_words)}"></span>'
    return _ROOT.sub(lambda start: start.group(0) + field, cut, count=1)


def indexed_copy(site: Path, copy: Path) -> int:
    """Write into `copy` every HTML page of `site` (same paths) as cut_page gives it; returns the pages."""
    shutil.rmtree(copy, ignore_errors=True)
    count = 0
    for page in site.rglob("*.html"):
        target = copy / page.relative_to(site)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(cut_page(page.read_text(encoding="utf-8")), encoding="utf-8")
        count += 1
    return count
