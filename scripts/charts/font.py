"""The charts' font: a subset of Noto Sans CJK SC holding only the characters the charts use.

vl-convert measures and draws text with the fonts it knows; given the 19 MB Noto Sans CJK
collection it spends most of a chart's time in that font. A subset of the SC face holding the
characters of this run's charts, registered under its own family name, draws the same glyphs
with the same advances (so the same geometry) at a fraction of the cost. Browsers viewing the
SVG do not know "ZonesCJK" and fall back to Noto Sans CJK SC, which draws the same.

Input: the texts of the charts. Output: a folder in `build/cache/fonts/` holding one
`ZonesCJK.otf`, named by a hash of the character set, ready for
`vl_convert.register_font_directory`.
"""
from __future__ import annotations

import hashlib
import string
import subprocess
from pathlib import Path

import fontTools
from fontTools import subset
from fontTools.ttLib import TTCollection, TTFont

from curated import paths


FAMILY = "ZonesCJK"
SYSTEM_FAMILY = "Noto Sans CJK SC"
# What a chart asks for; browsers that view the SVG skip ZonesCJK and draw the same with Noto.
CSS_FONT = f"{FAMILY}, {SYSTEM_FAMILY}, sans-serif"
FONT_CACHE = paths.BUILD / "cache" / "fonts"
# Characters a chart may draw that are in none of its texts: the ellipsis of a truncated label, the
# share of a part and the ideographic space between a part's label and value. A character missing
# here is drawn from whichever system font has it, found by opening every font file for each text.
ALWAYS = string.printable.strip() + " \u00a0\u3000…−≥≤·%（）：，"


def system_font() -> tuple[Path, int]:
    """The Noto Sans CJK SC font file fontconfig finds, and the index of the SC face in it.

    Raises RuntimeError naming the package to install when the family is missing."""
    found = subprocess.run(["fc-match", "-f", "%{file}\n%{index}\n%{family}", SYSTEM_FAMILY],
                           capture_output=True, text=True, check=True).stdout.split("\n")
    path, index, family = Path(found[0]), int(found[1] or 0), found[2]
    if SYSTEM_FAMILY not in family.split(","):
        raise RuntimeError(f"fontconfig has no '{SYSTEM_FAMILY}' (it offered '{family}' in {path}); "
                           "install the Debian package fonts-noto-cjk (make system-deps)")
    return path, index


def characters(texts) -> str:
    """The sorted set of characters in texts, plus those any chart may draw (ALWAYS)."""
    chars = set(ALWAYS)
    for text in texts:
        chars.update(text)
    chars.discard("\n")
    return "".join(sorted(chars))


def font_directory(chars: str, cache: Path | None = None) -> Path:
    """The folder holding the subset font for chars, made once and then reused.

    The folder name is a hash of the characters, the system font file and the fontTools
    version, so a new character (or a new Noto release) makes a new subset."""
    source, index = system_font()
    stat = source.stat()
    key = f"{chars}|{source}|{index}|{stat.st_size}|{stat.st_mtime_ns}|{fontTools.version}"
    folder = (cache or FONT_CACHE) / hashlib.sha256(key.encode("utf-8")).hexdigest()[:24]
    target = folder / f"{FAMILY}.otf"
    if not target.exists():
        folder.mkdir(parents=True, exist_ok=True)
        partial = folder / f"{FAMILY}.otf.{id(chars)}.partial"
        write_subset(source, index, chars, partial)
        partial.replace(target)
    return folder


def write_subset(source: Path, index: int, chars: str, target: Path) -> None:
    """Write the face `index` of source (a .ttc collection or a single font) cut down to chars,
    renamed to FAMILY so it never shadows the full font."""
    if source.suffix.lower() in (".ttc", ".otc"):
        font = TTCollection(str(source), lazy=True).fonts[index]
    else:
        font = TTFont(str(source), lazy=True)
    options = subset.Options()
    # The PNG renderer re-reads the font for every text, so every kilobyte counts: no hints, no
    # vertical-writing tables, and of the layout features only kerning (horizontal charts).
    options.hinting = False
    options.layout_features = ["kern"]
    options.drop_tables += ["vhea", "vmtx", "VORG", "BASE"]
    options.name_IDs = [0, 1, 2, 3, 4, 5, 6]
    options.name_languages = ["*"]
    subsetter = subset.Subsetter(options)
    subsetter.populate(text=chars)
    subsetter.subset(font)
    rename(font, FAMILY)
    font.save(str(target))


def rename(font: TTFont, family: str) -> None:
    """Give font the family name `family` in every name record a font matcher reads."""
    names = font["name"]
    # The typographic family (16, 17) would still say Noto; records 1-6 name the subset.
    names.names = [r for r in names.names if r.nameID not in (16, 17)]
    renamed = {1: family, 3: f"{family}-Regular", 4: f"{family} Regular", 6: f"{family}-Regular"}
    for record in list(names.names):
        if record.nameID in renamed:
            names.setName(renamed[record.nameID], record.nameID, record.platformID, record.platEncID, record.langID)
    if "CFF " in font:
        cff = font["CFF "].cff
        cff.fontNames = [f"{family}-Regular"]
        top = cff.topDictIndex[0]
        top.FamilyName = family
        top.FullName = f"{family} Regular"
