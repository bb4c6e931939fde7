"""What tools and machines read of the built site: the per-page CSVs (each edition's in its language, with
an Excel twin, citing every figure with its permalink), the Dataset JSON-LD, absolute hreflang alternates
with an x-default, robots.txt, fingerprinted scripts and stylesheets, and the HTML rules the Nu checker
found broken (figcaption placement, autocomplete on checkboxes, labels without a control)."""
from __future__ import annotations

import csv
import hashlib
import io
import json
import re
from pathlib import Path

import pytest

from curated import paths
from models import export
from website import page_parts, urls
from website.publish import OWN_ASSETS

BOM = b"\xef\xbb\xbf"
SITE = paths.SITE_URL.rstrip("/") + "/"


def page_csvs(site_dir: Path, figures_only: bool = True) -> list[Path]:
    """Every per-page CSV (not the /data/ tables, not the charts' or maps' CSVs): the pages' figures, and with
    figures_only=False also the tables a page offers as they are shown (the zones index's)."""
    found = sorted(p for p in site_dir.rglob("*.csv") if not p.name.endswith(export.EXCEL_SUFFIX)
                   and not p.name.startswith(("chart-", "map")) and p.parent != site_dir / "data")
    return [p for p in found if not figures_only or p.read_text(encoding="utf-8").startswith("observation_id,")]


def read(path: Path) -> list[dict]:
    return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))


@pytest.mark.unit
def test_the_permalink_rule_cuts_source_pages_as_the_site_does():
    assert export.FIGURES_PER_SOURCE_PART == page_parts.FIGURES_PER_SOURCE_PART


@pytest.mark.site
def test_every_page_csv_has_an_excel_twin_linked_beside_it(site_dir):
    csvs = page_csvs(site_dir, figures_only=False)
    assert len(csvs) > 100
    for path in csvs:
        twin = path.with_name(path.name.removesuffix(".csv") + export.EXCEL_SUFFIX)
        assert twin.read_bytes() == BOM + path.read_bytes(), paths.display(twin)
        html = (path.parent / "index.html").read_text(encoding="utf-8")
        assert f'href="{path.name}" download' in html and f'href="{twin.name}" download' in html, paths.display(path)


@pytest.mark.site
def test_each_edition_csv_is_in_its_language_and_joins_the_other_on_id(site_dir):
    english = [p for p in page_csvs(site_dir) if p.relative_to(site_dir).parts[0] == "en"]
    assert english
    for path in english:
        rows = read(path)
        twin = read(site_dir / path.relative_to(site_dir / "en"))
        columns = list(rows[0])
        lonely = [c for c in columns if c.endswith("_zh") and c.removesuffix("_zh") + "_en" not in columns]
        assert not lonely, f"{paths.display(path)}: {lonely}"
        assert [r["observation_id"] for r in rows] == [r["observation_id"] for r in twin], paths.display(path)
        for row, chinese in zip(rows, twin):
            shared = [c for c in row if not c.endswith(("_en", "_zh")) and c not in ("address", "permalink")]
            assert {c: row[c] for c in shared} == {c: chinese[c] for c in shared}, row["observation_id"]
            assert row["entity_name_en"] and row["indicator_name_en"] and row["source_title_en"], row["observation_id"]
            assert row["permalink"].removeprefix(SITE + "en/") == chinese["permalink"].removeprefix(SITE)


@pytest.mark.site
def test_every_page_csv_row_cites_its_figure_with_the_permalink_figures_csv_gives(site_dir):
    permalinks = {r["observation_id"]: r["permalink"] for r in read(site_dir / "data" / "figures.csv")}
    sources = {r["id"]: r for r in read(site_dir / "data" / "sources.csv")}
    for path in page_csvs(site_dir):
        lang = "en" if path.relative_to(site_dir).parts[0] == "en" else "zh"
        for row in read(path):
            source = sources[row["source_id"]]
            assert row["permalink"] == urls.absolute(urls.prefix(lang), SITE) + permalinks[row["observation_id"]].removeprefix(SITE)
            assert (row[f"source_title_{lang}"], row[f"source_publisher_{lang}"], row["source_published"]) == \
                (source[f"title_{lang}"], source[f"publisher_{lang}"], source["published"])
            assert row["source_published_inferred"] == source["published_inferred"]
            assert row["source_publisher_inferred"] == source["publisher_inferred"]


def dataset_jsonld(site_dir: Path, lang: str) -> dict:
    html = (site_dir / urls.section("data", lang) / "index.html").read_text(encoding="utf-8")
    block = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1)
    return json.loads(block)


@pytest.mark.site
@pytest.mark.parametrize("lang", urls.LANGUAGES)
def test_dataset_jsonld_has_what_schema_org_and_dataset_search_ask_for(site_dir, lang):
    data = dataset_jsonld(site_dir, lang)
    assert data["@context"] == "https://schema.org" and data["@type"] == "Dataset"
    assert data["name"] and 50 <= len(data["description"]) <= 5000
    for key in ("creator", "publisher", "url", "identifier", "keywords", "license", "distribution", "version",
                "temporalCoverage", "spatialCoverage", "isAccessibleForFree", "hasPart"):
        assert data.get(key) not in (None, "", []), key
    assert data["creator"]["@type"] in ("Organization", "Person") and data["creator"]["name"]
    assert data["url"] == SITE + urls.section("data", lang) and data["identifier"].startswith("http")
    assert len(data["keywords"]) >= 5
    for part in data["hasPart"]:
        assert len(part["description"]) >= 50, part["name"]
        assert part["distribution"] and part["license"]
    for download in data["distribution"] + [d for p in data["hasPart"] for d in p["distribution"]]:
        assert download["contentUrl"].startswith(SITE) and download["encodingFormat"], download


@pytest.mark.site
def test_hreflang_alternates_are_absolute_with_an_x_default(site_dir):
    pages = [site_dir / "index.html", site_dir / "en" / "index.html", site_dir / "zones" / "index.html",
             site_dir / "en" / "data" / "index.html"]
    for page in pages:
        html = page.read_text(encoding="utf-8")
        alternates = dict((lang, href) for href, lang in
                          re.findall(r'<link rel="alternate" href="([^"]*)" hreflang="([^"]*)">', html))
        assert set(alternates) == {"zh", "en", "x-default"}, paths.display(page)
        assert all(href.startswith(SITE) for href in alternates.values()), alternates
        assert alternates["x-default"] == alternates["zh"]
        here = SITE + str(page.relative_to(site_dir).parent).removeprefix(".").lstrip("/")
        assert here.rstrip("/") in {alternates["zh"].rstrip("/"), alternates["en"].rstrip("/")}, (here, alternates)


@pytest.mark.site
def test_robots_txt_names_the_sitemap(site_dir):
    robots = (site_dir / "robots.txt").read_text(encoding="utf-8")
    assert f"Sitemap: {SITE}sitemap.xml" in robots.splitlines()
    assert "Disallow: /" not in robots.splitlines()


@pytest.mark.site
def test_own_scripts_and_stylesheets_are_fingerprinted(site_dir):
    html = (site_dir / "en" / "zones" / "index.html").read_text(encoding="utf-8")
    for folder, suffix in OWN_ASSETS:
        for source in (paths.DOCS / folder).glob(f"*{suffix}"):
            built = list((site_dir / folder).glob(f"{source.stem}.*{suffix}"))
            assert len(built) == 1 and not (site_dir / folder / source.name).exists(), source.name
            digest = built[0].name.removeprefix(source.stem + ".").removesuffix(suffix)
            assert hashlib.sha256(built[0].read_bytes()).hexdigest().startswith(digest) and len(digest) == 10
            assert f"{folder}/{built[0].name}" in html, built[0].name
    unhashed = [p for p in site_dir.rglob("*.html")
                if re.search(r'(?:javascripts|stylesheets)/[\w-]+\.(?:js|css)"', p.read_text(encoding="utf-8"))]
    assert not unhashed, unhashed[:3]


@pytest.mark.site
def test_markup_the_html_checker_refused_is_gone(site_dir):
    """figcaption first or last in its figure; no autocomplete on a checkbox; every label's control exists."""
    problems = []
    pages = [site_dir / "404.html", site_dir / "index.html", *site_dir.glob("*/index.html"), *site_dir.glob("*/*/index.html")]
    for page in pages:
        html = page.read_text(encoding="utf-8")
        for figure in re.findall(r"<figure\b[^>]*>(.*?)</figure>", html, re.S):
            if "<figcaption" in figure and not re.match(r"\s*<figcaption", figure) \
                    and not re.search(r"</figcaption>\s*$", figure):
                problems.append(f"{paths.display(page)}: figcaption inside its figure")
        if re.search(r'<input [^>]*type="checkbox"[^>]*autocomplete', html):
            problems.append(f"{paths.display(page)}: autocomplete on a checkbox")
        ids = set(re.findall(r'\bid="([^"]+)"', html))
        problems += [f"{paths.display(page)}: label for {target}" for target in re.findall(r'<label [^>]*for="([^"]+)"', html)
                     if target not in ids]
    assert not problems, problems[:10]


@pytest.mark.unit
def test_fingerprinting_renames_an_asset_and_every_reference_to_it(tmp_path):
    from website.publish import fingerprint_assets
    own, site = tmp_path / "docs", tmp_path / "site"
    for root in (own, site):
        (root / "javascripts").mkdir(parents=True)
        (root / "javascripts" / "a.js").write_text("let a = 1;\n", encoding="utf-8")
    (site / "x").mkdir()
    (site / "x" / "index.html").write_text('<script src="../javascripts/a.js"></script><a href="javascripts/a.jsx">',
                                           encoding="utf-8")
    renamed = fingerprint_assets(site, own)
    digest = hashlib.sha256(b"let a = 1;\n").hexdigest()[:10]
    assert renamed == {"javascripts/a.js": f"javascripts/a.{digest}.js"}
    assert (site / "javascripts" / f"a.{digest}.js").exists() and not (site / "javascripts" / "a.js").exists()
    assert (site / "x" / "index.html").read_text(encoding="utf-8") == \
        f'<script src="../javascripts/a.{digest}.js"></script><a href="javascripts/a.jsx">'
