"""The interface text table: every word a template or a chart shows that is not data.

Input: `templates/ui.csv` (key, zh, en); a text may hold `{name}` placeholders, and an English text
the noun after a count in both forms, `{count} {count:figure|figures}` (one for a count of 1, the other
for any other). UI text is the site's, not the package's, so it sits beside the templates, not in
labels.csv.
Output: `UiText`, called as ui(key, lang, **arguments); website/render.py gives templates `t(key, …)`.
"""
from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from pathlib import Path

from curated import paths


UI_FILE = paths.TEMPLATES / "ui.csv"
LANGUAGES = ("zh", "en")
NOUN_FORMS = re.compile(r"\{(\w+):([^{}|]*)\|([^{}|]*)\}")  # {count:figure|figures}


class MissingText(KeyError):
    """A key with no text in ui.csv: the build stops and names it."""

    def __str__(self) -> str:
        key, lang = self.args
        return f"{paths.display(UI_FILE)}: no {lang} text for key {key!r}"


@dataclass(frozen=True)
class UiText:
    table: dict[str, dict[str, str]]

    @classmethod
    def read(cls, path: Path = UI_FILE) -> "UiText":
        """The table from its CSV; a duplicated key or an empty text is an error naming the row."""
        table = {}
        with path.open(encoding="utf-8", newline="") as handle:
            for number, row in enumerate(csv.DictReader(handle), start=2):
                if row["key"] in table:
                    raise ValueError(f"{paths.display(path)}: row {number}: key {row['key']!r} appears twice")
                for lang in LANGUAGES:
                    if not row.get(lang):
                        raise ValueError(f"{paths.display(path)}: row {number}, field {lang}: empty text for {row['key']!r}")
                table[row["key"]] = {lang: row[lang] for lang in LANGUAGES}
        return cls(table)

    def __call__(self, key: str, lang: str, /, **arguments) -> str:
        """The text of key in lang, its {placeholders} filled from arguments."""
        text = self.unfilled(key, lang, **arguments)
        return text.format(**arguments) if arguments else text

    def unfilled(self, key: str, lang: str, /, **arguments) -> str:
        """The text of key in lang with its noun forms chosen for arguments, its {placeholders} left to fill
        (website/render.py escapes it first)."""
        try:
            return choose_noun_forms(self.table[key][lang], arguments)
        except KeyError:
            raise MissingText(key, lang) from None


def choose_noun_forms(text: str, arguments: dict) -> str:
    """text with each {count:one|other} replaced by `one` when arguments[count] reads 1, else `other`."""
    return NOUN_FORMS.sub(lambda m: m.group(2) if str(arguments.get(m.group(1), "")).strip() == "1"
                           else m.group(3), text)
