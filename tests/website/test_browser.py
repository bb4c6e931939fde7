"""The built site in a real browser: pages, search, charts, anchors, downloads, accessibility, keyboard.

Every test uses the session's one headless chromium (conftest.py) against the real data built once.
The search box is tested in test_search.py.
Tests that loop over many pages or names collect every failure and report them together.
"""
from __future__ import annotations

import csv
import hashlib
import json
import re
import zipfile
from collections import Counter
from pathlib import Path
from urllib.parse import urljoin, urlparse

import frictionless
import pytest

pytestmark = pytest.mark.browser
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parent.parent
BLOCKING_IMPACTS = ("serious", "critical")
GAOMI_ZONE_PAGE = "zones/gaomi-economic-development-zone/"


# ---------------------------------------------------------------- data the pages are built from

def read_csv(path: Path) -> list[dict]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture(scope="session")
def tables(build_dir) -> dict[str, list[dict]]:
    data = build_dir / "data"
    names = ["zone_summary", "entities", "figures", "sources", "indicator_summary"]
    return {name: read_csv(data / f"{name}.csv") for name in names}


@pytest.fixture(scope="session")
def figures_by_id(tables) -> dict[str, dict]:
    return {f["observation_id"]: f for f in tables["figures"]}


@pytest.fixture(scope="session")
def chart_zone(tables, site_dir) -> str:
    """The zone with the most figures whose page shows a chart (a zone with few figures has none)."""
    for zone in sorted(tables["zone_summary"], key=lambda z: (-int(z["figures"]), z["zone_id"])):
        page = site_dir / "zones" / zone["zone_id"] / "index.html"
        if '<figure class="chart"' in page.read_text(encoding="utf-8"):
            return zone["zone_id"]
    pytest.fail("no zone page shows a chart")


@pytest.fixture(scope="session")
def page_types(tables, chart_zone) -> dict[str, str]:
    """One page of every kind the site has, as a path below the site root."""
    own = Counter(f["entity_id"] for f in tables["figures"])
    entity = max((e for e in tables["entities"] if e["kind"] != "zone"), key=lambda e: (own[e["id"]], e["id"]))
    indicator = max(tables["indicator_summary"], key=lambda i: (int(i["figures"]), i["indicator_id"]))
    return {
        "home": "",
        "zones index": "zones/",
        "zone": GAOMI_ZONE_PAGE,
        "zone with charts": f"zones/{chart_zone}/",
        "entities index": "entities/",
        "entity": f"entities/{entity['id']}/",
        "indicators index": "indicators/",
        "indicator": f"indicators/{indicator['indicator_id']}/",
        "sources index": "sources/",
        "source": f"sources/{tables['sources'][0]['id']}/",
        "source, a later part": f"sources/{longest_source(tables)}/2/",
        "policies": "policies/",
        "organizations": "organizations/",
        "quality": "quality/",
        "downloads": "data/",
        "about": "about/",
    }


def longest_source(tables) -> str:
    """The id of the source with the most figures (its figures fill more than one page)."""
    return Counter(f["source_id"] for f in tables["figures"]).most_common(1)[0][0]


def site_path(url: str, site_url: str) -> str:
    """A result or link URL as a path below the site root, without query or fragment."""
    return urlparse(url).path[len(urlparse(site_url).path):]


# ---------------------------------------------------------------- every page loads cleanly

class Recorder:
    """Everything one page asked for and everything that went wrong while it loaded."""

    def __init__(self, page, allowed_host: str = "127.0.0.1"):
        self.requests: list[str] = []
        self.problems: list[str] = []
        self.allowed_host = allowed_host
        page.on("request", self.on_request)
        page.on("requestfailed", lambda r: self.problems.append(f"request failed: {r.url} ({r.failure})"))
        page.on("response", self.on_response)
        page.on("console", self.on_console)
        page.on("pageerror", lambda error: self.problems.append(f"page error: {error}"))

    def on_request(self, request):
        self.requests.append(request.url)
        parsed = urlparse(request.url)
        if parsed.scheme not in ("data", "blob", "about") and parsed.hostname != self.allowed_host:
            self.problems.append(f"request to another host: {request.url}")

    def on_response(self, response):
        if response.status >= 400:
            self.problems.append(f"HTTP {response.status}: {response.url}")

    def on_console(self, message):
        if message.type == "error":
            self.problems.append(f"console error: {message.text}")


def load_fully(page, url: str) -> None:
    """Open url, load the lazy images too, and wait until the network is quiet."""
    page.goto(url, wait_until="load")
    page.evaluate("document.querySelectorAll('img[loading=lazy]').forEach(img => { img.loading = 'eager'; })")
    page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
    page.wait_for_load_state("networkidle")
    page.wait_for_function("[...document.images].every(img => img.complete)")


def test_every_page_type_loads_without_errors_or_foreign_requests(browser, site_url, page_types):
    context = browser.new_context()
    failures = []
    try:
        for kind, path in page_types.items():
            page = context.new_page()
            recorder = Recorder(page)
            load_fully(page, site_url + path)
            broken = page.evaluate("[...document.images].filter(img => !img.naturalWidth).map(img => img.src)")
            problems = recorder.problems + [f"image did not load: {src}" for src in broken]
            searched = [u for u in recorder.requests if site_path(u, site_url).startswith("pagefind/")]
            if searched:
                problems.append(f"search files fetched before anyone searched: {searched[:3]}")
            failures += [f"{kind} ({path or '/'}): {p}" for p in problems]
            page.close()
    finally:
        context.close()
    assert not failures, "\n".join(failures)


# ---------------------------------------------------------------- a zone page: chart, CSV, anchors

def test_zone_page_chart_loads_with_a_text_alternative(page, site_url, chart_zone):
    page.goto(f"{site_url}zones/{chart_zone}/")
    charts = page.locator("figure.chart")
    assert charts.count() > 0, "the zone page shows no chart"
    failures = []
    for i in range(charts.count()):
        chart = charts.nth(i)
        image = chart.locator("img")
        image.scroll_into_view_if_needed()
        src = image.get_attribute("src") or ""
        if not urlparse(src).path.endswith(".svg"):
            failures.append(f"chart {i + 1}: image is not an SVG: {src!r}")
        loaded = image.evaluate("""img => new Promise(done => {
            if (img.complete) return done(img.naturalWidth);
            img.addEventListener('load', () => done(img.naturalWidth), {once: true});
            img.addEventListener('error', () => done(0), {once: true});
        })""")
        if not loaded:
            failures.append(f"chart {i + 1}: {src} did not load")
        alt = (image.get_attribute("alt") or "").strip()
        title = chart.locator("figcaption").text_content().strip()
        if not alt or title not in alt:
            failures.append(f"chart {i + 1}: text alternative {alt!r} does not name the chart {title!r}")
        # Every bar is in the alternative and in the data table under the chart.
        rows = chart.locator("details table tbody tr")
        if rows.count() < 2:
            failures.append(f"chart {i + 1}: data table has {rows.count()} rows")
        for r in range(rows.count()):
            label = rows.nth(r).locator("td").first.text_content().strip()
            if label not in alt:
                failures.append(f"chart {i + 1}: bar {label!r} missing from the text alternative")
    assert not failures, "\n".join(failures)


def download(page, link, folder: Path) -> Path:
    with page.expect_download() as info:
        link.click()
    target = folder / info.value.suggested_filename
    info.value.save_as(target)
    assert info.value.failure() is None, info.value.failure()
    return target


def validation_errors(report: frictionless.Report) -> list:
    return report.flatten(["rowNumber", "fieldName", "type", "note"])


def test_zone_page_csv_downloads_valid_and_matches_the_figures_shown(page, site_url, chart_zone, tmp_path,
                                                                     figures_by_id):
    page.goto(f"{site_url}zones/{chart_zone}/")
    shown = page.locator("div.figure").evaluate_all("els => els.map(e => e.id)")
    assert shown, "the zone page shows no figure"
    summary = page.locator("p.summary").text_content()
    announced = int(re.search(r"(\d+) 个数字", summary).group(1))

    path = download(page, page.locator("p.downloads a[download]").first, tmp_path)
    report = frictionless.Resource(path=path.name, basepath=str(tmp_path)).validate()
    assert report.valid, validation_errors(report)
    rows = read_csv(path)
    assert report.tasks[0].stats["rows"] == len(rows)
    assert len(rows) == len(shown) == announced, (len(rows), len(shown), announced)
    # Same figures; the CSV is in source order, the page groups them by category.
    assert sorted(r["observation_id"] for r in rows) == sorted(shown)
    for row in rows:
        assert row["value_reported"] == figures_by_id[row["observation_id"]]["value_reported"]

    # The chart's own data CSV, too.
    chart = page.locator("figure.chart").first
    chart_csv = download(page, chart.locator("a[download][href$='.csv']").first, tmp_path)
    report = frictionless.Resource(path=chart_csv.name, basepath=str(tmp_path)).validate()
    assert report.valid, validation_errors(report)
    assert report.tasks[0].stats["rows"] == chart.locator("details table tbody tr").count()


def test_figure_anchor_scrolls_to_the_figure(page, site_url, chart_zone):
    url = f"{site_url}zones/{chart_zone}/"
    page.goto(url)
    ids = page.locator("div.figure").evaluate_all("els => els.map(e => e.id)")
    last = ids[-1]
    figure = page.locator(f"div.figure[id='{last}']")
    expect(figure).not_to_be_in_viewport()

    # A permalink opened directly, as from a citation: a fresh page load, not a jump within the page.
    page.goto("about:blank")
    page.goto(f"{url}#{last}")
    expect(figure).to_be_in_viewport()
    assert page.evaluate("location.hash") == f"#{last}"

    # A key figure at the top of the page, followed by a click.
    page.goto(url)
    key = page.locator("a.key-figure").last
    target = key.get_attribute("href").split("#")[1]
    key.click()
    page.wait_for_url(re.compile("#" + re.escape(target) + "$"))
    expect(page.locator(f"div.figure[id='{target}']")).to_be_in_viewport()

    # The citation link leads to the same figure on its source page.
    page.goto(url)
    cite = page.locator(f"div.figure[id='{last}'] .figure-cite a").first
    cite.click()
    page.wait_for_url(re.compile(r"/sources/[^/]+/([0-9]+/)?#" + re.escape(last) + "$"))
    expect(page.locator(f"div.figure[id='{last}']")).to_be_in_viewport()


# ---------------------------------------------------------------- downloads

def test_downloads_match_their_size_and_checksum_and_validate(page, site_url, tmp_path):
    page.goto(site_url + "data/")
    announced = page.evaluate(r"""() => [...document.querySelectorAll('article table tr')]
        .filter(tr => tr.querySelector('a[download]'))
        .map(tr => {
            const cells = [...tr.cells], link = tr.querySelector('a[download]');
            const bytes = cells.find(td => /^\d+$/.test(td.textContent.trim()));
            const code = tr.querySelector('code');
            return {href: link.href, file: link.textContent.trim(), bytes: bytes ? bytes.textContent.trim() : null,
                    sha256: code ? code.textContent.trim() : null};
        })""")
    rows_announced = page.evaluate(r"""() => Object.fromEntries([...document.querySelectorAll('article h3[id]')]
        .map(h => [h.textContent.replace('¶', '').trim(),
                   (h.nextElementSibling.textContent.match(/(\d+) 行/) || [])[1]]))""")
    assert len(announced) > 3, announced
    failures, without_checksum = [], []
    folder = tmp_path / "downloads"
    folder.mkdir()
    for entry in announced:
        response = page.request.get(entry["href"])
        if not response.ok:
            failures.append(f"{entry['file']}: HTTP {response.status}")
            continue
        body = response.body()
        (folder / entry["file"]).write_bytes(body)
        if str(len(body)) != entry["bytes"]:
            failures.append(f"{entry['file']}: {len(body)} bytes, page says {entry['bytes']}")
        if entry["sha256"] is None:
            without_checksum.append(entry["file"])
        elif hashlib.sha256(body).hexdigest() != entry["sha256"]:
            failures.append(f"{entry['file']}: SHA-256 differs from the page's")

    files = {e["file"] for e in announced}
    # Only a file that cannot have a stable checksum may go without (the DuckDB file, whose header changes).
    unexplained = [f for f in without_checksum if not f.endswith(".duckdb")]
    if unexplained:
        failures.append(f"no SHA-256 announced for {unexplained}")
    assert "datapackage.json" in files and any(f.endswith(".zip") for f in files), files
    # Every CSV, validated as part of the published datapackage.json (types, constraints, primary and
    # foreign keys); the Excel variants with the same descriptor pointed at them.
    descriptor = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    bom = dict(descriptor, resources=[dict(r, path=r["path"].removesuffix(".csv") + ".utf8-bom.csv")
                                      if r["path"].endswith(".csv") else r for r in descriptor["resources"]])
    (folder / "datapackage-utf8-bom.json").write_text(json.dumps(bom, ensure_ascii=False), encoding="utf-8")
    validated = set()
    for name in ("datapackage.json", "datapackage-utf8-bom.json"):
        report = frictionless.validate(str(folder / name))
        if not report.tasks:
            failures.append(f"{name}: {validation_errors(report)[:5]}")
        for task in report.tasks:
            file = Path(task.place).name
            validated.add(file)
            table = file.removesuffix(".csv").removesuffix(".utf8-bom")
            if not task.valid:
                failures.append(f"{file}: {task.flatten(['rowNumber', 'fieldName', 'type', 'note'])[:5]}")
            elif rows_announced.get(table) and task.stats["rows"] != int(rows_announced[table]):
                failures.append(f"{file}: {task.stats['rows']} rows, page says {rows_announced[table]}")
    unvalidated = sorted(f for f in files if f.endswith(".csv") and f not in validated)
    if unvalidated:
        failures.append(f"CSV files no datapackage.json resource describes: {unvalidated}")
    # The zipped curated package, unpacked.
    for name in sorted(f for f in files if f.endswith(".zip")):
        unpacked = tmp_path / name.removesuffix(".zip")
        with zipfile.ZipFile(folder / name) as archive:
            archive.extractall(unpacked)
        inside = list(unpacked.rglob("datapackage.json"))
        if len(inside) != 1:
            failures.append(f"{name}: {len(inside)} datapackage.json inside")
            continue
        report = frictionless.validate(str(inside[0]))
        if not report.valid:
            failures.append(f"{name}: {validation_errors(report)[:5]}")
    assert not failures, "\n".join(failures)


# ---------------------------------------------------------------- accessibility

def test_axe_finds_no_serious_or_critical_violation(browser, site_url, page_types):
    from axe_playwright_python.sync_playwright import Axe
    axe = Axe()
    context = browser.new_context()
    page = context.new_page()
    failures = []
    try:
        for kind, path in page_types.items():
            page.goto(site_url + path, wait_until="networkidle")  # Material's scripts have finished
            results = axe.run(page)
            for violation in results.response["violations"]:
                if violation["impact"] in BLOCKING_IMPACTS:
                    targets = [", ".join(map(str, node["target"])) for node in violation["nodes"][:3]]
                    failures.append(f"{kind} ({path or '/'}): {violation['id']} ({violation['impact']}, "
                                    f"{len(violation['nodes'])} elements, e.g. {targets}): {violation['help']}")
    finally:
        context.close()
    assert not failures, "\n".join(failures)


def test_keyboard_reaches_search_sorts_and_follows_a_zone_link(page, site_url, tables):
    zone_paths = {f"zones/{z['zone_id']}/" for z in tables["zone_summary"]}
    page.goto(site_url + "zones/")
    reached_search, sorted_by_keyboard, zone_link = False, False, None
    for _ in range(100):
        page.keyboard.press("Tab")
        focused = page.evaluate("""() => { const e = document.activeElement;
            return {search: e.matches('header input.site-search__input'), sort: e.matches('table.sortable th button'),
                    href: e.tagName === 'A' ? e.href : null, inArticle: !!e.closest('article')}; }""")
        reached_search = reached_search or focused["search"]
        if focused["sort"] and not sorted_by_keyboard:
            page.keyboard.press("Enter")
            expect(page.locator("table.sortable th[aria-sort]")).to_have_count(1)
            sorted_by_keyboard = True
        if focused["href"] and focused["inArticle"] and site_path(focused["href"], site_url) in zone_paths:
            zone_link = site_path(focused["href"], site_url)
            break
    assert reached_search, "Tab never reached the search box"
    assert sorted_by_keyboard, "Tab never reached a sortable column header"
    assert zone_link, "Tab never reached a zone link in the zones table"
    page.keyboard.press("Enter")
    page.wait_for_url(urljoin(site_url, zone_link))
    expect(page.locator("article h1")).to_be_visible()
