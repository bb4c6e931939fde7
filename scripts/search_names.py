"""A page's own name, written for the search engine so that typing the name finds that page first.

Pagefind (1.5) adds to a result's score a boost for each of its metadata fields that holds words of the
query: the field's weight × the summed rarity (IDF) of the field's words that a query word begins ×
(that sum ÷ the query's total rarity)². A zone, entity, indicator or source page, in either edition,
writes its Chinese name into the field `name_zh<N>` and its English name into `name_en<N>`, N being the
name's length (characters in Chinese, distinct words in English, at most MAX_LENGTH), so that either
name typed into either edition finds it; `docs/javascripts/search.js` weighs each field
STEP × (MAX_LENGTH + 1 − N), reading these numbers from the search box (mkdocs_hooks.py puts them
there). Every page whose name holds every word of the query then gets the whole boost of its field,
and the shortest such name (the closest to what was typed) the largest: 潍坊经济开发区 before
潍坊经济开发区棚改项目库. A suffix starting at a later occurrence of a repeated character is left out,
so a query word starting there (业务 in 产业主营业务收入) matches no field word: such a name can rank
second to a shorter one that lacks a common query word (主营业务收入).

The field's words:
- Chinese: the name from each character to its end. The browser cuts a query into words (潍|坊|经济|开发|区)
  that need not be the words the name was cut into at indexing, and Pagefind matches a query word to
  every indexed word it begins, so a suffix matches each query word wherever it starts in the name.
  A query word is a few characters long, so each suffix but the whole name is cut to SUFFIX_CHARS
  (a long title's suffixes would otherwise weigh a kilobyte or more on its page and in the index).
- English: the name's words, lower-cased; a word written with a hyphen, "&" or an apostrophe also joined
  (hitech, rd, weifangs), as Pagefind joins it in a query.
Pagefind 1.5.2 counts each field word a query word begins, so a name that repeats a character (or an
English word, or begins one word with another: zone, zones) would count it twice and outrank the name
typed; each suffix therefore starts at a character's first occurrence only, and an English word that
begins a longer one of the name, plural aside, is left out (the longer one matches it).

A limit of Pagefind 1.5.2: it fetches one index chunk per query word, the chunk whose range holds the word,
so a suffix that sorts into the next chunk is not matched (经济 misses 经济开发区 when that starts the next
chunk). With the real data's few chunks the names are found first (tests/test_search.py); at 10× and 100×
data, with hundreds of chunks, fewer are, and `make bench` prints how many.
"""
from __future__ import annotations

import re

MAX_LENGTH = 60  # names longer than this share the lowest weight
STEP = 10  # weight between one length and the next: from 600 down, far above the words' own scores (≈ 10)
SUFFIX_CHARS = 8
FIELDS = {"zh": "name_zh", "en": "name_en"}  # the metadata fields are name_zh1 … name_zh60, name_en1 …
_NOT_A_WORD = re.compile(r"[\W_]+")  # punctuation and spaces: Pagefind would split a word at them


def fields(names: dict[str, str]) -> list[tuple[str, str]]:
    """The metadata fields (`name_zh<N>`, `name_en<N>`) and their words, space-separated, of a page whose
    names by language are `names`; a language without a name has no field."""
    return [field(names[lang], lang) for lang in FIELDS if (names.get(lang) or "").strip()]


def field(name: str, lang: str) -> tuple[str, str]:
    """The metadata field of `name` in `lang` and its words, space-separated."""
    if lang == "zh":
        letters = _NOT_A_WORD.sub("", name)
        length, words = len(letters), chinese_suffixes(letters)
    else:
        length, words = english_words(name)
    return f"{FIELDS[lang]}{min(max(length, 1), MAX_LENGTH)}", " ".join(words)


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
    kept: list[str] = []
    for word in words:
        if any(_plural_off(other).startswith(_plural_off(word)) for other in kept):
            continue
        kept = [other for other in kept if not _plural_off(word).startswith(_plural_off(other))] + [word]
    return len(set(tokens)), sorted(kept, key=words.index)


def _plural_off(word: str) -> str:
    """word without a plural "s", roughly as Pagefind's stemmer cuts it (villages begins villagemerger)."""
    return word[:-1] if len(word) > 3 and word.endswith("s") else word
