"""Writing a page: its template rendered with the shared Jinja environment, and its CSV download.

Templates get, besides the page's context: `root` (the way back to the site root from the page),
`url` (the urls module, bound to the page's language), `label` (the label table), `t` (the
interface text of templates/ui.csv), `loc(row, field)` (a row's field in the page's language),
`loc_items(row, field)` (its |-list as items in the page's language, each with its Chinese original),
`lang`, `site_name`, `site_url`, `repository_url`, `build_date` and the filter `number`.
Pages go under the edition's folder of the MkDocs source tree (urls.docs_file).
"""
from __future__ import annotations

import csv
import functools
from pathlib import Path

import jinja2
import markupsafe

from curated import paths
from models.export import excel_twin
from website import search_names
from website import urls
from website.families.page import Page
from website.site_data import SiteData, split_list


# The columns of every per-page CSV, in the edition's language ({lang}): the figure, then what a journalist
# needs to cite it without visiting the site (source, publisher, dates, whether they were inferred, permalink).
# Both editions hold the same rows, ids and values, so their CSVs join on observation_id.
FIGURE_CSV_FIELDS = ["observation_id", "source_id", "entity_id", "entity_name_{lang}", "indicator_id",
                     "indicator_name_{lang}", "industry_id", "industry_name_{lang}", "subject_{lang}", "measure", "status",
                     "period_start", "period_end", "period_label_{lang}", "period_inferred", "value", "unit",
                     "unit_name_{lang}", "value_reported", "unit_reported", "qualifier", "quote", "quote_en",
                     "share_of_{lang}", "part_of", "restates", "flag", "note_{lang}", "source_title_{lang}",
                     "source_publisher_{lang}", "source_publisher_inferred", "source_published", "source_published_inferred",
                     "source_publication_{lang}", "address", "permalink"]


def figure_csv_fields(lang: str) -> list[str]:
    """The per-page CSV's columns in an edition."""
    return [name.format(lang=lang) for name in FIGURE_CSV_FIELDS]


def number(value) -> str:
    """1234567.0 → 1,234,567; 9.6 → 9.6: canonical values as a reader reads them."""
    if value is None:
        return ""
    if isinstance(value, float):
        value = round(value, 6)  # 11460000000 / 1e8 is 114.6, not 114.60000000000001
        if value.is_integer():
            value = int(value)
    return f"{value:,}"


def csv_value(value):
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return "" if value is None else value


class LanguageUrls:
    """The urls module with the page's language filled in, for templates; policies and organisations
    are addressed on their part of the index when it is split (SiteData.policy_url …)."""

    def __init__(self, lang: str, data: SiteData | None = None):
        self.lang, self.data = lang, data

    def policy(self, policy_id: str) -> str:
        return self.data.policy_url(policy_id) if self.data else urls.policy(policy_id, self.lang)

    def organization(self, organization_id: str) -> str:
        return self.data.organization_url(organization_id) if self.data else urls.organization(organization_id, self.lang)

    def __getattr__(self, name):
        return functools.partial(getattr(urls, name), lang=self.lang)


def environment() -> jinja2.Environment:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(paths.TEMPLATES), autoescape=True,
                             undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True,
                             keep_trailing_newline=True)
    env.filters["number"] = number
    return env


class Writer:
    """Writes pages under one output folder; counts what it wrote."""

    def __init__(self, out: Path, data: SiteData):
        self.out, self.data = out, data
        self.env = environment()
        self.env.globals.update(url=LanguageUrls(data.lang, data), site_name=data.site_name,
                                site_url=paths.SITE_URL, repository_url=paths.REPOSITORY_URL,
                                build_date=paths.BUILD_DATE, lang=data.lang,
                                label=functools.partial(_label, data.label, data.lang),
                                t=functools.partial(interface_text, data.ui, data.lang),
                                loc=functools.partial(localized, data.lang),
                                loc_items=functools.partial(localized_items, data.lang),
                                search_names=search_names.fields,
                                search_topics=functools.partial(search_names.topics, lang=data.lang))
        self.pages = 0
        self.csv_files: list[Path] = []

    def write(self, page: Page) -> None:
        target = self.out / urls.docs_file(page.url, self.data.lang)
        target.parent.mkdir(parents=True, exist_ok=True)
        root = "../" * page.url.count("/")
        text = page.body if page.body is not None else \
            self.env.get_template(page.template).render(root=root, page_url=page.url, **page.context)
        target.write_text(text, encoding="utf-8")
        self.pages += 1
        if page.csv_figures:
            self.write_csv(self.folder(page.url) / page.context["csv_name"], page.csv_figures)
        if page.csv_table:
            fields, rows = page.csv_table
            self.write_csv(self.folder(page.url) / page.context["csv_name"], rows, fields)

    def folder(self, page_url: str) -> Path:
        """The folder of a page (and its CSV and charts) in the output tree."""
        return (self.out / urls.docs_file(page_url, self.data.lang)).parent

    def write_csv(self, path: Path, rows: list[dict], fields: list[str] | None = None) -> None:
        """rows as CSV with the columns fields (by default a page's figures with what cites them, in the
        edition's language), and its Excel-safe twin (UTF-8 with a byte-order mark) beside it."""
        path.parent.mkdir(parents=True, exist_ok=True)
        figures = fields is None
        fields = figure_csv_fields(self.data.lang) if figures else fields
        with path.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=fields, lineterminator="\n", extrasaction="ignore")
            writer.writeheader()
            for row in rows:
                if figures:
                    row = dict(row, permalink=urls.absolute(row["source_figure_url"], paths.SITE_URL))
                # A figure row must hold every column (a missing one is a bug); a table row may leave some out.
                writer.writerow({k: csv_value(row[k] if figures else row.get(k)) for k in fields})
        self.csv_files += [path, excel_twin(path)]


def _label(labels, lang, field, value):
    return labels(field, value, lang)


def interface_text(ui, lang, key, /, **arguments):
    """An interface text for a template: the text is escaped, and so is every argument that is not
    already markup (a macro's output), so an argument can carry a lang="zh" span."""
    text = markupsafe.Markup(markupsafe.escape(ui.unfilled(key, lang, **arguments)))
    return text.format(**arguments) if arguments else text


def localized(lang: str, row: dict, field: str) -> str:
    """row[field_lang]: every reader-visible field has a twin in each language."""
    return row[f"{field}_{lang}"] or ""


def localized_items(lang: str, row: dict, field: str) -> list[dict]:
    """A field's |-separated items in the page's language ("text"), each with its Chinese original
    ("zh") on pages of another language (None on Chinese pages); the lists of both languages are
    item by item twins (validation checks the counts)."""
    texts = split_list(row[f"{field}_{lang}"])
    originals = split_list(row[f"{field}_zh"]) if lang != "zh" else [None] * len(texts)
    return [{"text": text, "zh": zh} for text, zh in zip(texts, originals)]
