"""The site's URL scheme: the one place that spells a path.

Every function returns a path relative to the site root, with a trailing slash for pages
("zones/gaomi-economic-development-zone/"), prefixed by the edition's language folder
("en/…") for any language but the default. Python builds links with it, templates get it
as the Jinja global `url`, mkdocs' nav comes from it (website/mkdocs_hooks.py) and the tests read it.
"""
from __future__ import annotations

DEFAULT_LANGUAGE = "zh"
LANGUAGES = ("zh", "en")
# Entities of these kinds have a page under zones/; every other kind under entities/.
ZONE_KINDS = frozenset({"zone"})
# Entity ids renamed because they misled (天锦 is a company, not the city of Tianjin): old id → (new id, kind).
# The old addresses keep working as redirects (website/mkdocs_hooks.py writes them in every edition).
MOVED_ENTITIES = {"tianjin-auto-equipment-park": ("tianjin-company-auto-equipment-park", "park")}


def prefix(lang: str = DEFAULT_LANGUAGE) -> str:
    """The edition's folder: "" for the default language, "en/" for English."""
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}; known: {', '.join(LANGUAGES)}")
    return "" if lang == DEFAULT_LANGUAGE else f"{lang}/"


def home(lang: str = DEFAULT_LANGUAGE) -> str:
    return prefix(lang)


def section(name: str, lang: str = DEFAULT_LANGUAGE) -> str:
    """An index page: zones, entities, indicators, sources, policies, organizations, quality, data, about."""
    return f"{prefix(lang)}{name}/"


# The folder of a split index's parts (index_parts): by city, but the indicators by category.
PART_FOLDERS = {"indicators": "by-category"}


def section_part(name: str, part: str, lang: str = DEFAULT_LANGUAGE) -> str:
    """One part of a split index (index_parts): a city's, "entities/by-city/weifang/", or a category's,
    "indicators/by-category/governance/". The folder keeps the parts apart from the pages under <name>/<id>/."""
    return f"{section(name, lang)}{PART_FOLDERS.get(name, 'by-city')}/{part}/"


def section_part_page(name: str, part: str, number: int, lang: str = DEFAULT_LANGUAGE) -> str:
    """Numbered page `number` (from 1) of a part too long for one page: "indicators/by-category/governance/2/"."""
    return f"{section_part(name, part, lang)}{number}/"


def zones(lang: str = DEFAULT_LANGUAGE) -> str:
    return section("zones", lang)


def entity(entity_id: str, kind: str, lang: str = DEFAULT_LANGUAGE) -> str:
    """A zone's page is under zones/, any other entity's under entities/."""
    folder = "zones" if kind in ZONE_KINDS else "entities"
    return f"{prefix(lang)}{folder}/{entity_id}/"


def indicator(indicator_id: str, lang: str = DEFAULT_LANGUAGE) -> str:
    return f"{prefix(lang)}indicators/{indicator_id}/"


def source(source_id: str, lang: str = DEFAULT_LANGUAGE) -> str:
    return f"{prefix(lang)}sources/{source_id}/"


def numbered(first_page: str, number: int) -> str:
    """Page `number` of a list cut into parts (page_parts): the first at first_page, the n-th at first_page + "n/"."""
    if number < 1:
        raise ValueError(f"parts are numbered from 1, not {number}")
    return first_page if number == 1 else f"{first_page}{number}/"


def source_part(source_id: str, number: int, lang: str = DEFAULT_LANGUAGE) -> str:
    """A page of a source's figures: the first is the source's page, the n-th "sources/<id>/n/"."""
    return numbered(source(source_id, lang), number)


def quality_list(name: str, number: int = 1, lang: str = DEFAULT_LANGUAGE) -> str:
    """A page of a data-quality list (totals, doubtful): "quality/totals/", then "quality/totals/2/" …"""
    return numbered(f"{section('quality', lang)}{name}/", number)


def policy(policy_id: str, lang: str = DEFAULT_LANGUAGE, part: str | None = None, page_number: int | None = None) -> str:
    """A policy on the timeline; part: its city's part when the timeline is split (SiteData.part_of);
    page_number: its page when that part is paged (SiteData.page_of)."""
    if part and page_number:
        page = section_part_page("policies", part, page_number, lang)
    else:
        page = section_part("policies", part, lang) if part else section("policies", lang)
    return f"{page}#{policy_id}"


def organization(organization_id: str, lang: str = DEFAULT_LANGUAGE, part: str | None = None) -> str:
    """An organisation or task; part: its city's part when the page is split (SiteData.part_of)."""
    page = section_part("organizations", part, lang) if part else section("organizations", lang)
    return f"{page}#{organization_id}"


def changelog_version(version: str, lang: str = DEFAULT_LANGUAGE) -> str:
    """The page of one data version's changes (version: the start of its commit id)."""
    return f"{section('changelog', lang)}{version}/"


def changelog_feed(lang: str = DEFAULT_LANGUAGE) -> str:
    """The edition's Atom feed of data releases (a file, not a page): "changelog/feed.xml"."""
    return f"{section('changelog', lang)}feed.xml"


def download(file_name: str, lang: str = DEFAULT_LANGUAGE) -> str:
    """A published data file. Both editions link to one copy, beside the default edition's downloads
    page: the files and their column codes are the same in every language."""
    return f"{section('data')}{file_name}"


def figure(page: str, observation_id: str) -> str:
    """A figure's address on a page: the page and the figure's anchor."""
    return f"{page}#{observation_id}"


def moved_pages(lang: str = DEFAULT_LANGUAGE) -> list[tuple[str, str]]:
    """(old page, new page) of every renamed entity in the edition."""
    return [(entity(old, kind, lang), entity(new, kind, lang)) for old, (new, kind) in MOVED_ENTITIES.items()]


def markdown_file(page: str) -> str:
    """The Markdown source file MkDocs builds a page from: "zones/x/" → "zones/x/index.md"."""
    return f"{page}index.md" if page.endswith("/") or page == "" else page


def docs_file(page: str, lang: str = DEFAULT_LANGUAGE) -> str:
    """The page's file in the MkDocs source tree, where each edition has its language folder
    (mkdocs-static-i18n, docs_structure: folder): "zones/x/" → "zh/zones/x/index.md",
    "en/zones/x/" → "en/zones/x/index.md". The default edition's pages still land at the site root."""
    return f"{DEFAULT_LANGUAGE}/{markdown_file(page)}" if lang == DEFAULT_LANGUAGE else markdown_file(page)


def relative(target: str, from_page: str) -> str:
    """target as a link written on from_page (both site-root relative, pages ending in "/")."""
    depth = from_page.count("/")
    return "../" * depth + target


def absolute(target: str, site_url: str) -> str:
    """target as a full address on the published site."""
    return site_url.rstrip("/") + "/" + target
