"""The built site against the DuckDB tables it comes from; reproducibility; text shown as text."""
from __future__ import annotations

import csv
import filecmp
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import duckdb
import frictionless
import pytest

pytestmark = pytest.mark.site

from conftest import run_pipeline

from curated import paths


class Ids(HTMLParser):
    """Collects element ids by class, and every script and stylesheet address."""

    def __init__(self):
        super().__init__()
        self.figure_ids, self.assets = [], []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "figure" in (attrs.get("class") or "").split() and attrs.get("id"):
            self.figure_ids.append(attrs["id"])
        if tag == "script" and attrs.get("src"):
            self.assets.append(attrs["src"])
        if tag == "link" and attrs.get("rel") in ("stylesheet", "preload", "modulepreload"):
            self.assets.append(attrs.get("href", ""))
        if tag == "img":
            self.assets.append(attrs.get("src", ""))


def parse(path: Path) -> Ids:
    parser = Ids()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


@pytest.fixture(scope="module")
def db(build_dir):
    with duckdb.connect(str(build_dir / "data" / "zones.duckdb"), read_only=True) as con:
        yield con


def rows(con, sql, *params):
    return con.execute(sql, list(params)).fetchall()


def test_every_zone_has_a_page_with_all_its_figures(db, site_dir):
    zones = rows(db, "SELECT zone_id, figures FROM zone_summary ORDER BY zone_id")
    assert len(zones) >= 16
    for zone_id, figures in zones:
        page = site_dir / "zones" / zone_id / "index.html"
        assert page.exists(), zone_id
        # Each fact once: a restatement stands under the figure it restates, not as a figure of its own.
        expected = [r[0] for r in rows(db, "SELECT observation_id FROM figures JOIN figure_uses USING (observation_id) "
                                           "WHERE zone_id = ? AND counted ORDER BY observation_id", zone_id)]
        assert len(expected) == figures
        assert sorted(parse(page).figure_ids) == expected, zone_id


def test_zone_csv_holds_the_page_figures_and_an_empty_page_offers_none(db, site_dir):
    for zone_id, figures in rows(db, "SELECT zone_id, figures FROM zone_summary"):
        path = site_dir / "zones" / zone_id / f"{zone_id}.csv"
        html = (site_dir / "zones" / zone_id / "index.html").read_text(encoding="utf-8")
        if not figures:
            assert not path.exists() and f"{zone_id}.csv" not in html, zone_id
            continue
        with path.open(encoding="utf-8") as handle:
            ids = [r["observation_id"] for r in csv.DictReader(handle)]
        assert ids == sorted(parse(site_dir / "zones" / zone_id / "index.html").figure_ids)


def test_every_entity_has_a_page(db, site_dir):
    for entity_id, kind in rows(db, "SELECT id, kind FROM entities"):
        folder = "zones" if kind == "zone" else "entities"
        assert (site_dir / folder / entity_id / "index.html").exists(), entity_id


def test_source_pages_list_every_figure_in_reading_order(db, site_dir):
    for (source_id,) in rows(db, "SELECT id FROM sources"):
        expected = [r[0] for r in rows(db, "SELECT id FROM observations WHERE source_id = ? ORDER BY id", source_id)]
        # A document whose figures fill more than one page continues on sources/<id>/2/, 3/ … in reading order.
        folder = site_dir / "sources" / source_id
        later = sorted((p for p in folder.iterdir() if p.is_dir() and p.name.isdigit()), key=lambda p: int(p.name))
        assert [p.name for p in later] == [str(n) for n in range(2, len(later) + 2)], source_id
        shown = [i for page in [folder] + later for i in parse(page / "index.html").figure_ids]
        assert shown == expected, source_id


def test_indicator_pages_list_every_figure_and_an_indicator_without_figures_is_not_published(db, site_dir):
    for indicator_id, count in rows(db, "SELECT indicator_id, figures FROM indicator_summary"):
        page = site_dir / "indicators" / indicator_id / "index.html"
        if not count:
            assert not page.exists(), indicator_id
            continue
        assert len(parse(page).figure_ids) == count, indicator_id


def test_home_counts_match_the_database(db, site_dir):
    html = (site_dir / "index.html").read_text(encoding="utf-8")
    figures = rows(db, "SELECT count(*) FROM figure_uses WHERE counted")[0][0]
    assert figures < rows(db, "SELECT count(*) FROM observations")[0][0], "the data holds restatements: not counted"
    zones = rows(db, "SELECT count(*) FROM zone_summary")[0][0]
    assert f'<span class="key-value">{figures}</span>' in html
    assert f'<span class="key-value">{zones}</span>' in html


def test_published_aggregates_pass_frictionless(build_dir):
    report = frictionless.Package(str(build_dir / "data" / "datapackage.json")).validate()
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])


def test_no_asset_is_loaded_from_another_host(site_dir):
    for page in site_dir.rglob("*.html"):
        external = [a for a in parse(page).assets if re.match(r"^(https?:)?//", a)]
        assert external == [], page
    css = "".join(p.read_text(encoding="utf-8", errors="ignore") for p in site_dir.rglob("*.css"))
    assert "fonts.googleapis" not in css and "fonts.gstatic" not in css


def test_two_builds_are_byte_identical(build_dir, tmp_path):
    second = tmp_path / "build"
    shutil.copytree(build_dir / "cache", second / "cache")  # the chart cache only saves time
    result = run_pipeline(second)
    assert result.returncode == 0, result.stderr
    for folder in ("site", "data"):
        differing = _differences(filecmp.dircmp(build_dir / folder, second / folder))
        # DuckDB writes a random identifier into every new database file; its tables are compared below.
        assert [d for d in differing if not d.endswith("zones.duckdb")] == [], folder
    with duckdb.connect(str(build_dir / "data" / "zones.duckdb"), read_only=True) as a, \
            duckdb.connect(str(second / "data" / "zones.duckdb"), read_only=True) as b:
        for (table,) in a.execute("SELECT table_name FROM duckdb_tables() ORDER BY 1").fetchall():
            assert a.table(table).fetchall() == b.table(table).fetchall(), table


def _differences(comparison: filecmp.dircmp, prefix: str = "") -> list[str]:
    found = [prefix + name for name in comparison.left_only + comparison.right_only]
    _, mismatch, errors = filecmp.cmpfiles(comparison.left, comparison.right, comparison.common_files, shallow=False)
    found += [prefix + name for name in mismatch + errors]
    for name, sub in comparison.subdirs.items():
        found += _differences(sub, f"{prefix}{name}/")
    return found


@pytest.mark.browser
def test_script_in_a_text_field_is_shown_as_text_and_not_run(tmp_path, browser, build_dir):
    """Validation refuses markup; should it ever pass, the pages still escape it."""
    packages = tmp_path / "packages"
    shutil.copytree(paths.PACKAGES / "shandong-zones", packages / "shandong-zones")
    path = packages / "shandong-zones" / "data" / "entities.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        entities = list(csv.DictReader(handle))
    target = next(e for e in entities if e["id"] == "gaomi-economic-development-zone")
    target["aliases_zh"] = "<script>window.__injected = 1</script><img src=x onerror=\"window.__injected = 2\">"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(entities[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(entities)
    build = tmp_path / "build"
    shutil.copytree(build_dir / "cache", build / "cache")  # unchanged charts come from the cache
    result = run_pipeline(build, packages, first="aggregate")
    assert result.returncode == 0, result.stderr
    page_path = build / "site" / "zones" / "gaomi-economic-development-zone" / "index.html"
    html = page_path.read_text(encoding="utf-8")
    assert "&lt;script&gt;window.__injected = 1&lt;/script&gt;" in html
    assert "<script>window.__injected" not in html
    page = browser.new_page()
    page.goto(page_path.as_uri())
    assert page.evaluate("window.__injected") is None
    assert "<script>window.__injected = 1</script>" in page.inner_text("article")
    page.close()


def test_renamed_entities_keep_their_old_address_as_a_redirect(site_dir):
    from website import urls
    for lang in urls.LANGUAGES:
        for old, new in urls.moved_pages(lang):
            redirect = (site_dir / old / "index.html").read_text(encoding="utf-8")
            assert f'url={urls.relative(new, old)}"' in redirect, old
            assert (site_dir / new / "index.html").exists(), new


def test_named_pages_carry_their_names_for_search_in_weighted_fields(db, site_dir):
    """Search names (templates/search_name.j2, scripts/website/search_names.py): every zone and indicator page of
    both editions carries its Chinese name (as words and as suffixes) and its English name; the search
    box carries the numbers search.js weighs the fields by."""
    from website import search_names
    from website import urls
    rows = {"zones": db.execute("select zone_id, name_zh, name_en from zone_summary").fetchall(),
            "indicators": db.execute("select indicator_id, name_zh, name_en from indicator_summary "
                                     "where figures > 0").fetchall()}
    assert len(rows["zones"]) + len(rows["indicators"]) > 100
    for section, found in rows.items():
        for key, name_zh, name_en in found:
            expected = ["%s:%s" % f for f in search_names.fields({"zh": name_zh, "en": name_en})]
            assert len(expected) == 3, key
            for lang in urls.LANGUAGES:
                html = (site_dir / urls.prefix(lang) / section / key / "index.html").read_text(encoding="utf-8")
                article = html[html.index("<article"):html.index("</article>")]
                fields = re.findall(r'<span class="search-name" hidden data-pagefind-meta="([^"]*)"></span>', article)
                # The name fields; a page's topics (what its figures are about) come after them.
                assert [f for f in fields if not re.match(r"topics\d+:", f)] == expected, (lang, section, key)
    gaomi = (site_dir / "zones" / "gaomi-economic-development-zone" / "index.html").read_text(encoding="utf-8")
    assert 'data-pagefind-meta="name_zh7:高密 经济 开发 区"' in gaomi
    assert 'data-pagefind-meta="suffix_zh7:高密经济开发区 密经济开发区 经济开发区 济开发区 开发区 发区 区"' in gaomi
    assert 'data-pagefind-meta="name_en4:gaomi economic development zone"' in gaomi
    box = (site_dir / "index.html").read_text(encoding="utf-8")
    for attribute, value in (("fields", search_names.families_attribute()),
                             ("lengths", search_names.MAX_LENGTH), ("step", search_names.STEP)):
        assert f'data-name-{attribute}="{value}"' in box, attribute
    assert f'data-field-weights="{search_names.weights_attribute()}"' in box
    assert f'data-numbered-fields="topics source_topics:{search_names.TOPIC_FIELDS}"' in box
    assert 'data-stop-words="a an and at by' in box


def _indexed_pages(site_dir: Path) -> dict[str, str]:
    """The text Pagefind indexed for each page, by address (its fragments: "pagefind_dcd" + gzipped JSON)."""
    import gzip
    import json
    fragments = [json.loads(gzip.decompress(f.read_bytes())[len(b"pagefind_dcd"):])
                 for f in (site_dir / "pagefind" / "fragment").glob("*.pf_fragment")]
    # Pagefind writes a zero-width space between the words it cut Chinese text into.
    return {fragment["url"]: fragment["content"].replace("\u200b", "") for fragment in fragments}


def test_the_page_for_a_missing_address_speaks_both_languages_and_is_not_searchable(site_dir):
    """Material's 404 page said "404 - Not found"; GitHub Pages serves the root one for any missing address,
    /en/ included, so there is one, in both languages, and it was in the search index."""
    from website import urls
    from website.ui import UiText
    ui = UiText.read()
    html = (site_dir / "404.html").read_text(encoding="utf-8")
    for lang in urls.LANGUAGES:
        assert f'<section class="not-found" lang="{lang}">' in html, lang
        assert f">{ui('not_found.title', lang)}</h" in html, lang
        assert f'<a href="{urls.absolute(urls.home(lang), paths.SITE_URL)}">{ui("not_found.home", lang)}</a>' in html, lang
    assert not [p for p in site_dir.rglob("404.html") if p != site_dir / "404.html"]
    indexed = _indexed_pages(site_dir)
    assert len(indexed) > 600
    assert not [url for url in indexed if url.endswith("404.html")]


def test_an_entity_pages_excerpt_starts_with_its_name_as_a_sentence(site_dir):
    """The heading is the name alone (the other language's name is not indexed), closed by the full stop Pagefind
    puts after a heading that ends with a letter: "高密经济开发区. 开发区 · 隶属…", not "高密经济开发区开发区 · 隶属…"
    nor the name followed by its translation."""
    indexed = _indexed_pages(site_dir)
    for path, name, other in (("/zones/gaomi-economic-development-zone/", "高密经济开发区", "Gaomi"),
                              ("/en/zones/gaomi-economic-development-zone/", "Gaomi Economic Development Zone", "高密"),
                              ("/en/entities/yingli-high-quality-vegetable-park/",
                               "Yingli 10,000-mu High-quality Vegetable Industrial Park", "营里")):
        text = re.sub(r"(?<=[\u4e00-\u9fff]) (?=[\u4e00-\u9fff])", "", indexed[path])
        assert text.startswith(name + ". "), (path, text[:80])
        assert other not in text[:len(name) + 4], (path, text[:80])


def test_the_changelog_lists_of_figures_are_not_searched(site_dir):
    """A release's lists name hundreds of figures, each found on its source page; indexed, they answered
    any query and added 18 KB to a first search (219 → 202 KB on a build with nine versions)."""
    indexed = _indexed_pages(site_dir)
    releases = [url for url in indexed if re.fullmatch(r"/(en/)?changelog/[^/]+/", url)]
    assert releases, "no changelog release page indexed"
    listed = 0
    for url in releases:
        html = (site_dir / url.strip("/") / "index.html").read_text(encoding="utf-8")
        names = re.findall(r'<li><a href="[^"]+">([^<]{6,})</a>', html)
        listed += len(names)
        assert not [n for n in names if n.strip() in indexed[url]], url
    assert listed, "no release lists a figure"
