"""Material's search worker with two upstream bugs fixed, written into the build's theme overrides.

Input: the installed mkdocs-material's `assets/javascripts/workers/search.<hash>.min.js`.
Output: the same file with the two fixes below, in `<overrides>/assets/javascripts/workers/`,
where `<overrides>` is the theme folder site.py assembles in the build tree. Generated at build
time, never committed; if Material changes the patched code, the build stops and says so.

1. Material's query segmenter (src/.../integrations/search/query/segment) only tries substrings
   query[i:j] with j < len(query), never one that reaches the end of the query: "高密" is searched
   as "高*", and a name that jieba keeps whole (build/jieba_user_dict.txt) never matches its own
   token, so "潍坊经济开发区" ranks below every other "潍坊…" page. Fix: j <= len(query).
2. lunr 2.3.9's TokenSet.toString concatenates edge labels and node ids with no separator, so two
   different nodes with digit labels can get the same key ("1" + "345" == "13" + "45"). Minimising
   the token set then merges them, a wildcard query expands to a term that is not in the index,
   lunr throws "Cannot read properties of undefined (reading '_index')" and Material shows no
   result at all (it did for "Shouguang"). Fix: end every node id with a separator.
"""
from __future__ import annotations

import re
from pathlib import Path

import material

THEME = Path(material.__file__).resolve().parent / "templates"
PATCHES = [
    # (what Material ships, what the override ships)
    ("for(let o=s+1;o<t.length;o++)t.slice(s,o)in e&&(n[s]=o-s)",
     "for(let o=s+1;o<=t.length;o++)t.slice(s,o)in e&&(n[s]=o-s)"),
    ("e=e+s+o.id}return e},t.TokenSet.prototype.intersect",
     'e=e+s+o.id+","}return e},t.TokenSet.prototype.intersect'),
]


def worker_name() -> str:
    """The worker file the installed theme's base.html loads, e.g. `search.a7633da7.min.js`."""
    base = (THEME / "base.html").read_text(encoding="utf-8")
    return re.search(r"assets/javascripts/workers/(search\.[0-9a-f]+\.min\.js)", base).group(1)


def patched(text: str) -> str:
    for old, new in PATCHES:
        if text.count(old) != 1:
            raise SystemExit(f"patch_search_worker: {old!r} found {text.count(old)} times in the installed "
                             "worker; Material changed: check whether the bug is fixed upstream")
        text = text.replace(old, new)
    # The source map describes the unpatched file.
    return re.sub(r"\n//# sourceMappingURL=\S+\s*$", "\n", text)


def write_patched_worker(overrides: Path) -> Path:
    """Write the patched worker under overrides/ and return its path."""
    name = worker_name()
    source = (THEME / "assets" / "javascripts" / "workers" / name).read_text(encoding="utf-8")
    target = overrides / "assets" / "javascripts" / "workers" / name
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(patched(source), encoding="utf-8")
    return target
