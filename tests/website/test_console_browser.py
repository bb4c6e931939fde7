"""No page family logs a console error or asks for anything that fails, in either edition: Material's
language selector used to ask for `<page>/sitemap.xml` beside every hreflang alternate (two 404s a view)."""
from __future__ import annotations

from pathlib import Path

import pytest

from website import urls

pytestmark = pytest.mark.browser


def first_page(site_dir: Path, section: str) -> str:
    """The address of the first page below a section (a zone, an entity …), in sorted order."""
    folder = sorted(p for p in (site_dir / section).iterdir() if (p / "index.html").exists())[0]
    return f"{section}/{folder.name}/"


def family_pages(site_dir: Path) -> list[str]:
    """One page of every family, as paths of the default edition."""
    pages = ["", "about/", "data/", "changelog/", "quality/", "policies/", "organizations/"]
    for section in ("zones", "entities", "indicators", "sources"):
        pages += [f"{section}/", first_page(site_dir, section)]
    return pages


def test_no_page_family_logs_an_error_or_fails_a_request_in_either_edition(browser, site_url, site_dir):
    context = browser.new_context()
    problems: list[str] = []
    try:
        for lang in urls.LANGUAGES:
            for path in family_pages(site_dir) + ["no-such-page/"]:
                address = site_url + urls.prefix(lang) + path
                page = context.new_page()
                page.on("console", lambda m, a=address: m.type == "error" and problems.append(f"{a}: console: {m.text}"))
                page.on("pageerror", lambda e, a=address: problems.append(f"{a}: page error: {e}"))
                page.on("requestfailed", lambda r, a=address: problems.append(f"{a}: failed: {r.url}"))
                page.on("response", lambda r, a=address: r.status >= 400 and r.url != a
                        and problems.append(f"{a}: HTTP {r.status} {r.url}"))
                page.goto(address, wait_until="load")
                page.wait_for_load_state("networkidle")
                page.close()
    finally:
        context.close()
    # The missing page itself answers 404 (its console line names that status): nothing else may fail.
    problems = [p for p in problems if not ("no-such-page/: console:" in p and "404" in p)]
    assert not problems, "\n".join(problems)
