"""The interface text table: every word a template or a chart shows that is not data.

Input: `templates/ui.csv` (key, zh, en); a text may hold `{name}` placeholders. UI text is
the site's, not the package's, so it sits beside the templates, not in labels.csv.
Output: `UiText`, called as ui(key, lang, **arguments); render.py gives templates `t(key, …)`.
"""
from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

import paths

UI_FILE = paths.TEMPLATES / "ui.csv"
LANGUAGES = ("zh", "en")


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
        try:
            text = self.table[key][lang]
        except KeyError:
            raise MissingText(key, lang) from None
        return text.format(**arguments) if arguments else text
