"""MkDocs hooks: each edition's navigation comes from the page families, not from a list in mkdocs.yml.

Input: `build/nav.json` ({"zh": [...], "en": [...]}), written by pages.py from the families'
navigation sections (titles from labels.csv `nav.section`), and the interface texts of
templates/ui.csv. Each language of the mkdocs-static-i18n plugin gets its navigation, footer,
site name and description; the plugin applies them to its build of that language. Every other
page (one per zone, entity, indicator, source …) is reached from its index page and kept out of
the navigation, so no page grows with the number of zones. `config.extra` gets the texts of the
404 page in both languages (`not_found`) and the weights of the search name fields (`search_names`).
After each build: the redirects of renamed entities, and one 404 page at the root.
"""
from __future__ import annotations

import json
import os
import re
import sys
from pathlib import Path
from urllib.parse import urljoin

import pathspec
from mkdocs_redirects.plugin import write_html

# MkDocs loads this file by its path: the layer packages are found from scripts/.
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from curated import paths  # noqa: E402  (the one setting of the repository's address)
from website import map_inline  # noqa: E402
from website import search_names  # noqa: E402
from website import urls  # noqa: E402
from website.ui import UiText  # noqa: E402


def on_config(config):
    build = Path(os.environ.get("BUILD_DIR", Path(config.config_file_path).parent / "build"))
    editions = json.loads((build / "nav.json").read_text(encoding="utf-8"))
    ui = UiText.read()
    i18n = config.plugins["i18n"].config
    not_found = {}
    for language in i18n.languages:
        lang = language.locale
        language.nav = [{section["title"]: section["file"]} for section in editions[lang]]
        # Absolute: the footer is on every page, and the 404 page (overrides/404.html) is served at any address.
        home_url = urls.absolute(urls.home(lang), config["site_url"] or "/")
        # The footer is a link, not Material's repo_url: that one fetches the repository's statistics from another host.
        language.copyright = ui("site.footer", lang, site=home_url, repository=paths.REPOSITORY_URL)
        language.site_name = ui("site.name", lang)
        language.site_description = ui("site.description", lang)
        not_found[lang] = {"title": ui("not_found.title", lang), "text": ui("not_found.text", lang),
                           "home": ui("not_found.home", lang), "home_url": home_url}
    config["extra"]["not_found"] = not_found
    # The Atom feed of data releases of each edition, linked from every page's head (overrides/main.html).
    config["extra"]["feeds"] = {lang: {"href": urls.absolute(urls.changelog_feed(lang), config["site_url"] or "/"),
                                       "title": ui("changelog.feed_title", lang, site=ui("site.name", lang))}
                                for lang in urls.LANGUAGES}
    config["nav"] = [{s["title"]: s["file"]} for s in editions[urls.DEFAULT_LANGUAGE]]
    # How search.js weighs the name fields the pages carry (website/search_names.py): one definition, in Python.
    config["extra"]["search_names"] = {"fields": search_names.families_attribute(),
                                       "lengths": search_names.MAX_LENGTH, "step": search_names.STEP,
                                       "weights": search_names.weights_attribute(),
                                       "numbered": search_names.numbered_attribute(),
                                       "stop_words": " ".join(search_names.STOP_WORDS)}
    in_nav = {section["file"] for sections in editions.values() for section in sections}
    config["not_in_nav"] = pathspec.gitignore.GitIgnoreSpec.from_lines(
        ["*.md"] + [f"!/{name}" for name in sorted(in_nav)])
    return config


# mkdocs-static-i18n builds each language into the same site folder, and every build writes the
# theme's 404.html at the root: the last (English) one would replace the default build's page. That page
# is kept, alone: it speaks both languages (overrides/404.html), GitHub Pages serves it for any missing
# address, and the English build's copy would carry the language links of the last page it built.
_default_not_found: dict[str, bytes] = {}


def write_redirects(site_dir: Path, lang: str) -> None:
    """The old address of every renamed entity leads to its new page (mkdocs-redirects' page)."""
    for old, new in urls.moved_pages(lang):
        write_html(str(site_dir), old + "index.html", urls.relative(new, old))


def on_post_build(config):
    page = Path(config["site_dir"]) / "404.html"
    lang = config["theme"]["language"]
    write_redirects(Path(config["site_dir"]), lang)
    quiet_language_sitemaps(Path(config["site_dir"]))
    if not page.exists():
        return
    # The 404 page is a template, not a page: on_post_page never sees it.
    page.write_text(CHECKBOX_AUTOCOMPLETE.sub(r"\1", page.read_text(encoding="utf-8")), encoding="utf-8")
    if lang == urls.DEFAULT_LANGUAGE:
        _default_not_found["page"] = page.read_bytes()
    elif "page" in _default_not_found:
        page.write_bytes(_default_not_found["page"])


def on_page_content(html: str, page, config, files) -> str:
    """The zones index's map drawn in the page, so that its marks are links (website/map_inline.py)."""
    if "data-map-inline" not in html:
        return html
    return map_inline.inline(html, Path(page.file.abs_src_path).parent)


# ---- What machines read: absolute hreflang alternates with an x-default, and markup the validator accepts.
ALTERNATE = re.compile(r'<link rel="alternate" href="([^"]*)" hreflang="([^"]*)">')
CHECKBOX_AUTOCOMPLETE = re.compile(r'(<input [^>]*type="checkbox"[^>]*?) autocomplete="off"')
TOC_TITLE = '<label class="md-nav__title" for="__toc">'


def on_post_page(output: str, page, config) -> str:
    """Each page as machines should read it:
    - hreflang alternates absolute (search engines ignore relative ones), plus an x-default naming the
      default (Chinese) edition's page;
    - no `autocomplete` on Material's checkboxes (the attribute is not allowed on a checkbox);
    - no `label for="__toc"` on a page whose navigation has no table-of-contents toggle to point at."""
    here = urls.absolute(page.url, config["site_url"] or "/")
    alternates = {lang: urljoin(here, href) for href, lang in ALTERNATE.findall(output)}
    if alternates:
        links = [f'<link rel="alternate" href="{href}" hreflang="{lang}">' for lang, href in alternates.items()]
        if urls.DEFAULT_LANGUAGE in alternates:
            links.append(f'<link rel="alternate" href="{alternates[urls.DEFAULT_LANGUAGE]}" hreflang="x-default">')
        output = ALTERNATE.sub("", output, count=len(alternates) - 1)
        output = ALTERNATE.sub("\n".join(links), output, count=1)
    output = CHECKBOX_AUTOCOMPLETE.sub(r"\1", output)
    if 'id="__toc"' not in output:
        output = output.replace(TOC_TITLE, '<label class="md-nav__title">')
    return output


# Material's bundle fetches `sitemap.xml` beside the address of every `<link rel="alternate">` of a page, to
# map its language selector's links onto pages of the other language. Here every alternate is a page, not a
# language's root, so each view asked for `<page>/sitemap.xml` and `en/<page>/sitemap.xml` (two 404s in the
# console). The selector's links already name the same page in the other language, so the bundle is told
# to look for no alternate at all (tests/website/test_machine_readable.py watches the requests).
MATERIAL_ALTERNATES = '"link[rel=alternate]"'
NO_ALTERNATES = '"link[rel=alternate][data-md-language-sitemap]"'


def quiet_language_sitemaps(site_dir: Path) -> None:
    for bundle in (site_dir / "assets" / "javascripts").glob("bundle.*.min.js"):
        text = bundle.read_text(encoding="utf-8")
        if NO_ALTERNATES in text:
            continue
        if text.count(MATERIAL_ALTERNATES) != 1:
            raise RuntimeError(f"{bundle.name}: Material's alternate-link lookup changed; see mkdocs_hooks.py")
        bundle.write_text(text.replace(MATERIAL_ALTERNATES, NO_ALTERNATES), encoding="utf-8")
