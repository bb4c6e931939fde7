"""Recall at 10 of the site's search for a reader's query set: of the pages a reader expects for each query,
the share listed among the first ten results.

Input: the query set (tests/website/search_queries.csv: language, kind (name, short, topic), query, and the
pages expected, space-separated paths below the site root) and a browser page on which the site is served.
Each query is typed into the header's search box of its edition's home page (the English edition for
"en"), as a reader types it, and the result links are read back once the list answers it.
Output of recall(): {"recall at 10", "expected", "found", "misses": [(query, [missing paths])]}.
"""
from __future__ import annotations

import csv
from pathlib import Path
from urllib.parse import urlparse

from curated import paths

QUERIES = paths.ROOT / "tests" / "website" / "search_queries.csv"
SHOWN = 10
BOX, LINK = "header input.site-search__input", "a.site-search__link"


def read_queries(path: Path = QUERIES) -> list[dict]:
    """The query set: dicts with language, kind, query and expected (a list of paths)."""
    with Path(path).open(encoding="utf-8", newline="") as handle:
        return [{**row, "expected": row["expected"].split()} for row in csv.DictReader(handle)]


def results(page, query: str) -> list[str]:
    """The paths (below the site root, no leading slash) of the results listed for query, best first."""
    page.locator(BOX).fill(query)
    page.wait_for_function("q => document.querySelector('.site-search__list').dataset.query === q", arg=query,
                           timeout=15_000)
    hrefs = page.locator(LINK).evaluate_all("links => links.map(a => a.getAttribute('href'))")
    return [urlparse(href).path.lstrip("/") for href in hrefs]


def recall(page, site_url: str, queries: list[dict] | None = None) -> dict:
    """Recall at 10 of queries (default: the reader's query set) on the site served at site_url."""
    queries = read_queries() if queries is None else queries
    found = expected = 0
    misses = []
    for language in sorted({q["language"] for q in queries}):
        page.goto(site_url + ("" if language == "zh" else f"{language}/"), wait_until="networkidle")
        page.locator(BOX).click()
        for query in (q for q in queries if q["language"] == language):
            listed = results(page, query["query"])[:SHOWN]
            missing = [p for p in query["expected"] if p not in listed]
            expected += len(query["expected"])
            found += len(query["expected"]) - len(missing)
            if missing:
                misses.append((query["query"], missing))
    return {"recall at 10": round(found / expected, 3) if expected else None, "expected": expected,
            "found": found, "misses": misses}
