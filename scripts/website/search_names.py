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
  with suffixes alone, 177 with the fields apart). Which suffixes a query word begins depends on the index
  chunks earlier queries loaded (below): at a quarter, after 179 zone names typed at 10× data, 潍坊市奎文经济开发区
  came before 潍坊经济开发区 for its own name (its suffixes 坊市奎文经济开发 …); at 0.15 every zone is first again.
- `name_en<N>`: the English name's words, lower-cased; a word written with a hyphen, "&" or an
  apostrophe also joined (hitech, rd, weifangs), as Pagefind joins it in a query.
`docs/javascripts/search.js` weighs each field share × STEP × (MAX_LENGTH + 1 − N), reading these
numbers from the search box (website/mkdocs_hooks.py puts them there). Every page whose name holds every word of
the query then gets the whole boost of its field, and the shortest such name (the closest to what was
typed) the largest: 潍坊经济开发区 before 潍坊经济开发区棚改项目库.

A page that reports figures (a zone's, an entity's, a source's) also carries the fields `topics1`, `topics2` …:
what its figures are about (indicator names, and on an entity's page their categories), in the page's language,
one field per group of names (the groups past TOPIC_FIELDS share the last), each weighing TOPICS_WEIGHT.
- A field per name, not one for all: Pagefind's boost squares the share of the query a field holds. A page
  reporting "Land area" holds the whole query "land area" in one field; a page reporting "Floor area" and "New
  construction land for projects" holds "land" and "area" in two and weighs about a quarter as much. With one
  field for all, the two weighed the same, and every zone reporting figures on land and on floor areas crowded
  out the pages reporting land areas.
- A group of names, not always one: Pagefind adds up the boosts of every field that holds the query, so a name
  whose words are all words of another, or that shares two key words with another, shares its field
  (topic_groups). Else a page reporting "Projects signed", "Total investment of projects signed" and three more
  of the kind outweighed the indicator "Projects signed", and Shouguang's document, reporting "Main business
  revenue of an industry" and "Enterprises with main business revenue over 5 billion yuan", held "main business
  revenue" whole twice and came before the park that reports it. One key word shared is not enough: "Land
  area" and "Floor area" stay apart.
- A name that shares a key word with the page's own name gives only its other key words: the fund's page
  reporting "Fund size" holds "size" (found by "fund size", its name holding "fund"), the inspection centre's
  reporting 质检中心数 nothing (中心 is in its name, 质, 检 and 数 say little alone). With the name's words, the
  page held the query whole in its topics and in part in its name, and came before the indicator named so.
- TOPICS_WEIGHT is below the name field of any name (600 down to 290 for the longest, 32 characters), even for
  a page that holds the query in two groups; above an eighth of it, the boost of a name that holds half the
  words typed (the indicator "Land freed" holds "land" of "land area": ½ of the query, squared, times ½).
- A source page's topics are in the fields `source_topics1` … (SOURCE_TOPICS_WEIGHT, two thirds of a place's):
  the page of a place that reports a figure comes before the document that states it, which is one click from
  it, even when the document, stating many figures, holds the query in more fields than one; and the document
  still comes before a page that holds only some of the words typed.
The field `words` of a Chinese page (website/search_text.py) weighs as a word of its text. search.js reads
these weights from the search box.

Pagefind counts each field word a query word begins, so a field never holds a word that begins another
of its words (开发 beside 开发区; zone beside zones, plural aside): the longer one matches it, and a name
that repeats a word would otherwise outrank the name typed. For the same reason search.js leaves the
STOP_WORDS out of a query of other words too: "in" of "enterprises moved in" begins industry, investment,
innovation …, so every page of many topics held part of the query in many fields and came before the pages
that report enterprises moved in.
"""
from __future__ import annotations

import re

from icu4py.breakers import WordBreaker
from icu4py.locale import Locale

from website import search_text

MAX_LENGTH = 60  # names longer than this share the lowest weight
STEP = 10  # weight between one length and the next: from 600 down, far above the words' own scores (≈ 10)
SUFFIX_CHARS = 8
SUFFIX_SHARE = 0.15
# The field families (name_zh1 … name_zh60, suffix_zh1 …): the language of the name each holds and its share.
FAMILIES = {"name_zh": ("zh", 1.0), "suffix_zh": ("zh", SUFFIX_SHARE), "name_en": ("en", 1.0)}
TOPICS_FIELD, TOPICS_WEIGHT = "topics", 120
SOURCE_TOPICS_FIELD, SOURCE_TOPICS_WEIGHT = "source_topics", 80
TOPIC_FIELDS = 40  # topics1 … topics40; a page's names past the 39th share the last field
# Fields of one weight whatever their words: the search box gives them to search.js as
# "topics:120 source_topics:80 words:1"; the topics fields come numbered (topics1 … topics<TOPIC_FIELDS>).
FIELD_WEIGHTS = {TOPICS_FIELD: TOPICS_WEIGHT, SOURCE_TOPICS_FIELD: SOURCE_TOPICS_WEIGHT, search_text.WORDS_FIELD: 1}
NUMBERED = (TOPICS_FIELD, SOURCE_TOPICS_FIELD)
# English words a query of other words is searched without (search.js), and that say nothing of a name.
STOP_WORDS = ("a", "an", "and", "at", "by", "for", "from", "in", "of", "on", "or", "per", "the", "to", "with")
_CHINESE = Locale("zh")
_HAN = re.compile(r"[\u3400-\u9fff]")
_NOT_A_WORD = re.compile(r"[\W_]+")  # punctuation and spaces: Pagefind would split a word at them


def fields(names: dict[str, str]) -> list[tuple[str, str]]:
    """The metadata fields (`name_zh<N>`, `suffix_zh<N>`, `name_en<N>`) and their words, space-separated,
    of a page whose names by language are `names`; a name with no word (none, or punctuation only) has
    no field."""
    found = [field(names.get(lang) or "", family) for family, (lang, _) in FAMILIES.items()]
    return [(name, words) for name, words in found if words]


def topics(names: list[str], lang: str, own: str = "", family: str | None = None) -> list[tuple[str, str]]:
    """The fields `topics1`, `topics2` … of a page whose figures are about `names` (in the page's language
    `lang`): one per group of names (topic_groups), those past TOPIC_FIELDS in the last; each name's words as
    the browser cuts a query (Chinese) or as Pagefind joins them (English), leaving out any that begins another.
    A name that shares a key word with the page's own name `own` gives only its other key words. `family`: the
    fields' names, TOPICS_FIELD or, on a source page, SOURCE_TOPICS_FIELD (`source_topics1` …)."""
    family = family or TOPICS_FIELD
    if family not in NUMBERED:
        raise ValueError(f"no topics family {family!r}: one of {', '.join(NUMBERED)}")
    own_words = key_words(own, lang) if own else set()
    key = str if lang == "zh" else _plural_off
    split = []
    for name in dict.fromkeys(names):
        words = chinese_words(name) if lang == "zh" else english_words(name)[1]
        if own_words & key_words(name, lang):
            words = [w for w in words if key(w) in key_words(name, lang) - own_words]
        split.append(words)
    fields = topic_groups([words for words in split if words], key)
    fields = fields[:TOPIC_FIELDS - 1] + [[w for group in fields[TOPIC_FIELDS - 1:] for w in group]]
    return [(f"{family}{n}", " ".join(_without_beginnings(words, key=key)))
            for n, words in enumerate(fields, start=1) if words]


def topic_groups(split: list[list[str]], key) -> list[list[str]]:
    """The names' words (split: one list per name) joined into groups, in order: two names are in one group
    when the words of one (numbers aside) are all words of the other (签约项目数 and 签约项目总投资 apart, 项目数 with
    签约项目数; "Enterprises with main business revenue over 5 billion yuan" with "… over 10 billion yuan"), or
    when they share two key words (_is_key: 产业主营业务收入 with 主营业务收入过50亿元企业数; "Land area" and "Floor
    area" apart)."""
    groups: list[tuple[list[set], list[str]]] = []
    for words in split:
        core = {key(w) for w in words if not w.isdigit()}
        keys = {w for w in core if _is_key(w)}
        at = [i for i, (cores, _) in enumerate(groups)
              if any(core <= c or c <= core or len(keys & c) >= 2 for c in cores)]
        if not at:
            groups.append(([core], list(words)))
            continue
        cores, joined = groups[at[0]]
        for i in at[1:]:
            cores += groups[i][0]
            joined += groups[i][1]
        cores.append(core)
        joined += words
        groups = [g for i, g in enumerate(groups) if i not in at[1:]]
    return [words for _, words in groups]


def _is_key(word: str) -> bool:
    """Whether a word (as topic_groups keys it) says what a name is about: two Chinese characters or more, three
    letters or more but a stop word."""
    return len(word) >= 2 if _HAN.match(word) else len(word) >= 3 and word not in STOP_WORDS


def key_words(name: str, lang: str) -> set[str]:
    """The words of a name that say what it is about: Chinese words of two characters or more, English
    words of three letters or more without a plural "s"."""
    if lang == "zh":
        return {word for word in chinese_words(name) if len(word) >= 2}
    return {_plural_off(word) for word in english_words(name)[1] if len(word) >= 3} - set(STOP_WORDS)


def weights_attribute() -> str:
    """The fields of one weight as the search box gives them to search.js: `topics:120 source_topics:80 words:1`."""
    return " ".join(f"{field}:{weight:g}" for field, weight in FIELD_WEIGHTS.items())


def numbered_attribute() -> str:
    """The fields that come numbered, and how many, as the search box gives them to search.js:
    `topics source_topics:40` (topics1 … topics40, source_topics1 … source_topics40)."""
    return f"{' '.join(NUMBERED)}:{TOPIC_FIELDS}"


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
