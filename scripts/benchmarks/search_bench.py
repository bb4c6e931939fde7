"""What a reader's browser downloads and waits for: first visits and the first search, on a built site.

Usage: `cd scripts && python -m benchmarks.search_bench [build/site]` prints the figures as JSON; report.py calls
measure_site() for each size it builds.
Input: a built site folder (with the Pagefind search box, or Material's own lunr search box).
Output of measure_site(): a dict of the figures described there. The site is served on 127.0.0.1
by a server that gzips text, JavaScript, JSON and WASM when the browser asks, as a static host does;
the browser is Debian's chromium driven by Playwright, with an empty cache for each first visit.
"""
from __future__ import annotations

import csv
import functools
import gzip
import http.server
import json
import sys
import tempfile
import threading
import time
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlparse

from benchmarks import search_recall
from curated import paths
from website import publish


CHROMIUM = "/usr/bin/chromium"
COMPRESSIBLE = ("text/", "application/javascript", "application/json", "application/wasm", "image/svg+xml")
# Names typed per kind to see which are found first (a sample past this many, to keep 100× affordable).
RANKED_NAMES = 200
# The two search boxes this measures: (box, a result link), Pagefind's first.
SEARCH_BOXES = [("header input.site-search__input", "a.site-search__link"),
                ("input.md-search__input", "a.md-search-result__link")]


class GzipHandler(http.server.SimpleHTTPRequestHandler):
    """Serves a folder, gzip-compressing text-like files for a browser that accepts gzip."""

    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map, ".wasm": "application/wasm",
                      ".js": "application/javascript", ".json": "application/json"}

    def log_message(self, *args):
        pass

    def do_GET(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir() and self.path.split("?")[0].endswith("/"):
            path = path / "index.html"
        kind = self.guess_type(str(path))
        if not (path.is_file() and "gzip" in self.headers.get("Accept-Encoding", "")
                and kind.startswith(COMPRESSIBLE)):
            return super().do_GET()  # directory redirects, missing files, binary files, no gzip asked
        body = gzip.compress(path.read_bytes(), compresslevel=6, mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@contextmanager
def served(site_dir: Path):
    """The site on 127.0.0.1 (a free port) for the duration of the block; yields its root URL."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(GzipHandler, directory=str(site_dir)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()


class Traffic:
    """Bytes a page received (encoded body + headers, as on the wire) and any request to another host."""

    def __init__(self, page):
        self.responses, self.foreign = [], []
        page.on("requestfinished", lambda request: self.responses.append(request))
        page.on("request", lambda r: self.foreign.append(r.url) if urlparse(r.url).hostname not in
                (None, "127.0.0.1") and urlparse(r.url).scheme not in ("data", "blob") else None)

    def mark(self) -> int:
        return len(self.responses)

    def bytes_since(self, mark: int = 0) -> int:
        total = 0
        for request in self.responses[mark:]:
            sizes = request.sizes()
            total += sizes["responseBodySize"] + sizes["responseHeadersSize"]
        return total


def first_visit(browser, url: str) -> tuple[int, list[str]]:
    """Bytes received by a first visit of url (empty cache) once the network is quiet; foreign requests."""
    context = browser.new_context()
    try:
        page = context.new_page()
        traffic = Traffic(page)
        page.goto(url, wait_until="networkidle")
        return traffic.bytes_since(), traffic.foreign
    finally:
        context.close()


def first_search(browser, url: str) -> dict:
    """On a first visit of url (a zone page): focus the search box and type the zone's name at once.

    Returns the query, the bytes received from focusing to the first result shown, the
    milliseconds from typing to the first result shown, and any request to another host.
    """
    context = browser.new_context()
    try:
        page = context.new_page()
        traffic = Traffic(page)
        page.goto(url, wait_until="networkidle")
        query = page.evaluate("document.querySelector('article h1').firstChild.textContent.trim()")
        box, result = next((b, r) for b, r in SEARCH_BOXES if page.locator(b).count())
        mark = traffic.mark()
        page.locator(box).focus()
        started = time.perf_counter()
        page.locator(box).fill(query)
        page.locator(box).press("End")  # Material's own search reads the box on keyup
        page.locator(result).first.wait_for(state="visible", timeout=60_000)
        milliseconds = (time.perf_counter() - started) * 1000
        page.wait_for_load_state("networkidle")
        return {"query": query, "search bytes": traffic.bytes_since(mark), "search ms": round(milliseconds),
                "foreign": traffic.foreign}
    finally:
        context.close()


def names_found_first(browser, url: str, site_dir: Path) -> dict:
    """The share of zones and of indicators whose Chinese name, typed into the search box of the site's
    home (url), finds their own page first: all of them, or a sample of about RANKED_NAMES spread by id
    at 100× data. Names come from the site's published zone and indicator tables."""
    data = site_dir / "data"
    with (data / "zone_summary.csv").open(encoding="utf-8", newline="") as handle:
        zones = [(r["name_zh"], f"zones/{r['zone_id']}/") for r in csv.DictReader(handle)]
    with (data / "indicator_summary.csv").open(encoding="utf-8", newline="") as handle:
        indicators = [(r["name_zh"], f"indicators/{r['indicator_id']}/") for r in csv.DictReader(handle)
                      if int(r["figures"])]
    context = browser.new_context()
    try:
        page = context.new_page()
        page.goto(url, wait_until="networkidle")
        box = page.locator(SEARCH_BOXES[0][0])
        box.focus()
        figures = {}
        for kind, cases in (("zones", zones), ("indicators", indicators)):
            sample = sorted(cases, key=lambda case: case[1])[::max(1, len(cases) // RANKED_NAMES)]
            first = 0
            for name, path in sample:
                box.fill(name)
                page.wait_for_function("q => document.querySelector('.site-search__list').dataset.query === q", arg=name)
                links = page.locator(SEARCH_BOXES[0][1])
                first += links.count() > 0 and links.first.get_attribute("href").endswith("/" + path)
            figures[f"{kind} found first by name"] = f"{first} of {len(sample)}"
        return figures
    finally:
        context.close()


def reader_recall(browser, url: str, site_dir: Path) -> dict:
    """Recall at 10 of the reader's query set (search_recall.py) on the site at url, where the site holds
    every page the set expects (the real data; the synthetic sizes have other names)."""
    queries = search_recall.read_queries()
    if any(not (site_dir / path / "index.html").exists() for q in queries for path in q["expected"]):
        return {"recall at 10": "not measured: this build lacks pages the query set expects"}
    context = browser.new_context()
    try:
        result = search_recall.recall(context.new_page(), url, queries)
    finally:
        context.close()
    return {"recall at 10": f"{result['recall at 10']} ({result['found']} of {result['expected']} expected pages,"
                            f" {len(queries)} queries)"}


def index_figures(site_dir: Path) -> dict:
    """Size of the search index on disk and, for Pagefind, the time to build it again (into a temporary folder)."""
    pagefind = site_dir / "pagefind"
    if pagefind.is_dir():
        files = [p for p in pagefind.rglob("*") if p.is_file()]
        with tempfile.TemporaryDirectory() as scratch:
            seconds = publish.build_search_index(site_dir, Path(scratch) / "pagefind")["seconds"]
        return {"engine": "pagefind", "index bytes": sum(p.stat().st_size for p in files),
                "index files": len(files), "index seconds": round(seconds, 2)}
    lunr = site_dir / "search" / "search_index.json"
    # lunr's index is written by the mkdocs search plugin inside `mkdocs build`: no separate time.
    return {"engine": "lunr", "index bytes": lunr.stat().st_size if lunr.exists() else None,
            "index files": 1 if lunr.exists() else 0, "index seconds": None}


def measure_site(site_dir: Path) -> dict:
    """First-visit bytes of the home page and of one zone page, the first search, index size and time,
    and the largest HTML page of the built site in site_dir.

    Returns {"home first visit bytes", "zone first visit bytes", "zone page", "query", "search bytes",
    "search ms", "engine", "index bytes", "index files", "index seconds", "largest page bytes",
    "largest page", "foreign requests", "zones found first by name", "indicators found first by name",
    "recall at 10"};
    bytes are as received (gzip where the server compresses).
    """
    from playwright.sync_api import sync_playwright
    site_dir = Path(site_dir)
    zone = sorted(p.parent for p in (site_dir / "zones").glob("*/index.html"))[0]
    zone_path = zone.relative_to(site_dir).as_posix() + "/"
    pages = sorted((p.stat().st_size, p) for p in site_dir.rglob("*.html"))
    figures = {"zone page": zone_path, "largest page bytes": pages[-1][0],
               "largest page": pages[-1][1].relative_to(site_dir).as_posix(), **index_figures(site_dir)}
    with served(site_dir) as root, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=[
            "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--disable-quic", "--no-first-run"])
        try:
            figures["home first visit bytes"], foreign_home = first_visit(browser, root)
            figures["zone first visit bytes"], foreign_zone = first_visit(browser, root + zone_path)
            search = first_search(browser, root + zone_path)
            ranked = names_found_first(browser, root, site_dir) if figures["engine"] == "pagefind" else {}
            if figures["engine"] == "pagefind":
                ranked.update(reader_recall(browser, root, site_dir))
        finally:
            browser.close()
    figures["foreign requests"] = sorted(set(foreign_home + foreign_zone + search.pop("foreign")))
    return {**figures, **search, **ranked}


if __name__ == "__main__":
    site = Path(sys.argv[1]) if len(sys.argv) > 1 else paths.SITE_OUT
    print(json.dumps(measure_site(site), ensure_ascii=False, indent=2))
