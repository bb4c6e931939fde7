"""A page's own name, written for the search engine so that typing the name finds that page first.

Pagefind (1.5) adds to a result's score a boost for each of its metadata fields that holds words of the
query: the field's weight × the summed rarity (IDF) of the field's words that a query word begins ×
(that sum ÷ the query's total rarity)². A zone, entity, indicator or source page, in either edition,
carries its names in three fields, N being the name's length (characters in Chinese, distinct words in
English, at most MAX_LENGTH):
- `name_zh<N>`: the Chinese name cut into words as the browser cuts a query. Pagefind's script cuts a
  Chinese query with the browser's Intl.Segmenter, which is ICU's word breaker with its Chinese
  dictionary (潍|坊|经济|开发|区); icu4py runs the same breaker here. The name typed then gives the words of
  the field (but a word left out for beginning another, below): each is found in the index chunk that
  holds it, however many words begin with it
  (Pagefind 1.5.2 fetches one chunk per query word, the one whose range holds the word, so it misses
  longer words that begin with it in the next chunk: at 10× and 100× data there are hundreds of chunks).
- `suffix_zh<N>`: the Chinese name from each character to its end, for a query that is part of a name
  and that the browser cuts otherwise than the whole (济开发区). Each suffix starts at a character's first
  occurrence and all but the whole name are cut to SUFFIX_CHARS (a query word is a few characters long;
  a long title's suffixes would weigh a kilobyte on its page and in the index). It weighs SUFFIX_SHARE of
  the words' field: more, and a longer name whose suffixes a query word begins twice outranks the name
  typed (measured on the real data: 170 of 177 indicators first with both kinds of word in one field, 175
  with suffixes alone, 177 with the fields apart).
- `name_en<N>`: the English name's words, lower-cased; a word written with a hyphen, "&" or an
  apostrophe also joined (hitech, rd, weifangs), as Pagefind joins it in a query.
`docs/javascripts/search.js` weighs each field share × STEP × (MAX_LENGTH + 1 − N), reading these
numbers from the search box (website/mkdocs_hooks.py puts them there). Every page whose name holds every word of
the query then gets the whole boost of its field, and the shortest such name (the closest to what was
typed) the largest: 潍坊经济开发区 before 潍坊经济开发区棚改项目库.

A page that reports figures (a zone's, an entity's, a source's) also carries the field `topics`: the words of
what its figures are about (indicator names, and on an entity's page their categories), in the page's
language, each once. It weighs TOPICS_WEIGHT: below the name field of any name up to 51 characters or
words long (the longest name is 32), and low enough that a short name typed still finds its page first
(with 100, 基金数 found the fund named …基金 first, which reports a fund size); above a name that holds only
some of the words typed (签约项目: a project's page named …项目 holds 项目; the district's page that reports
签约项目数 holds all three words). The field `words` of a Chinese page
(website/search_text.py) weighs as a word of its text. search.js reads both weights from the search box.

Pagefind counts each field word a query word begins, so a field never holds a word that begins another
of its words (开发 beside 开发区; zone beside zones, plural aside): the longer one matches it, and a name
that repeats a word would otherwise outrank the name typed.
"""
from __future__ import annotations

import re

from icu4py.breakers import WordBreaker
from icu4py.locale import Locale

from website import search_text

MAX_LENGTH = 60  # names longer than this share the lowest weight
STEP = 10  # weight between one length and the next: from 600 down, far above the words' own scores (≈ 10)
SUFFIX_CHARS = 8
SUFFIX_SHARE = 0.25
# The field families (name_zh1 … name_zh60, suffix_zh1 …): the language of the name each holds and its share.
FAMILIES = {"name_zh": ("zh", 1.0), "suffix_zh": ("zh", SUFFIX_SHARE), "name_en": ("en", 1.0)}
TOPICS_FIELD, TOPICS_WEIGHT = "topics", 30
# Fields of one weight whatever their words: the search box gives them to search.js as "topics:30 words:1".
FIELD_WEIGHTS = {TOPICS_FIELD: TOPICS_WEIGHT, search_text.WORDS_FIELD: 1}
_CHINESE = Locale("zh")
_NOT_A_WORD = re.compile(r"[\W_]+")  # punctuation and spaces: Pagefind would split a word at them


def fields(names: dict[str, str]) -> list[tuple[str, str]]:
    """The metadata fields (`name_zh<N>`, `suffix_zh<N>`, `name_en<N>`) and their words, space-separated,
    of a page whose names by language are `names`; a name with no word (none, or punctuation only) has
    no field."""
    found = [field(names.get(lang) or "", family) for family, (lang, _) in FAMILIES.items()]
    return [(name, words) for name, words in found if words]


def topics(names: list[str], lang: str) -> list[tuple[str, str]]:
    """The field `topics` of a page whose figures are about `names` (in the page's language `lang`): their
    words as the browser cuts a query (Chinese) or as Pagefind joins them (English), each once, leaving out
    any that begins another; no field when there is no word."""
    words: list[str] = []
    for name in names:
        words += chinese_words(name) if lang == "zh" else english_words(name)[1]
    kept = _without_beginnings(words, key=str if lang == "zh" else _plural_off)
    return [(TOPICS_FIELD, " ".join(kept))] if kept else []


def key_words(name: str, lang: str) -> set[str]:
    """The words of a name that say what it is about: Chinese words of two characters or more, English
    words of three letters or more without a plural "s"."""
    if lang == "zh":
        return {word for word in chinese_words(name) if len(word) >= 2}
    return {_plural_off(word) for word in english_words(name)[1] if len(word) >= 3} - {"and", "the", "for", "with"}


def weights_attribute() -> str:
    """The fields of one weight as the search box gives them to search.js: `topics:30 words:1`."""
    return " ".join(f"{field}:{weight:g}" for field, weight in FIELD_WEIGHTS.items())


def families_attribute() -> str:
    """The field families and their shares as the search box gives them to search.js: `name_zh:1 …`."""
    return " ".join(f"{family}:{share:g}" for family, (_, share) in FAMILIES.items())


def field(name: str, family: str) -> tuple[str, str]:
    """The metadata field of `name` in the field family `family` and its words, space-separated."""
    if family not in FAMILIES:
        raise ValueError(f"no field family {family!r}: one of {', '.join(FAMILIES)}")
    if family == "name_en":
        length, words = english_words(name)
    else:
        letters = _NOT_A_WORD.sub("", name)
        length = len(letters)
        words = chinese_words(name) if family == "name_zh" else chinese_suffixes(letters)
    return f"{family}{min(max(length, 1), MAX_LENGTH)}", " ".join(words)


def chinese_words(name: str) -> list[str]:
    """The words of a Chinese name as ICU's word breaker cuts it (punctuation left out), each once,
    leaving out any word that begins another. Case is left as written: Pagefind lower-cases field words."""
    words = [_NOT_A_WORD.sub("", word) for word in WordBreaker(name, _CHINESE)]
    return _without_beginnings([word for word in words if word], key=str)


def chinese_suffixes(letters: str) -> list[str]:
    """The suffixes of letters that start at a character's first occurrence, all but the whole cut to
    SUFFIX_CHARS characters."""
    seen: set[str] = set()
    suffixes = []
    for start, char in enumerate(letters):
        if char not in seen:
            seen.add(char)
            suffixes.append(letters[start:] if start == 0 else letters[start:start + SUFFIX_CHARS])
    return suffixes


def english_words(name: str) -> tuple[int, list[str]]:
    """The name's length in distinct words, and its field words: each word (a one-letter piece of a
    hyphenated or possessive word left out) and each joined form, leaving out any word that begins
    another kept one."""
    tokens, words = [], []
    for written in name.lower().split():
        parts = [p for p in _NOT_A_WORD.split(written) if p]
        if not parts:
            continue
        tokens.append("".join(parts))
        words += [p for p in parts if len(parts) == 1 or len(p) > 1 or p.isdigit()]
        if len(parts) > 1:
            words.append("".join(parts))
    return len(set(tokens)), _without_beginnings(words, key=_plural_off)


def _without_beginnings(words: list[str], key) -> list[str]:
    """words, each once and in their order, but those whose key begins another's key."""
    kept: list[str] = []
    for word in words:
        if any(key(other).startswith(key(word)) for other in kept):
            continue
        kept = [other for other in kept if not key(word).startswith(key(other))] + [word]
    return sorted(kept, key=words.index)


def _plural_off(word: str) -> str:
    """word without a plural "s", roughly as Pagefind's stemmer cuts it (villages begins villagemerger)."""
    return word[:-1] if len(word) > 3 and word.endswith("s") else word
