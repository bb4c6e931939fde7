"""A source's pages in a real browser: every number highlighted across the document's parts, the copied
citation equal to the printed one, and an address made before the document was cut into parts sent on
to the part that holds its figure.

Uses the session's headless chromium (conftest.py) against the real data built once, as test_browser.py.
"""
from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from test_browser import figures_by_id, longest_source, tables  # noqa: F401 (fixtures)

pytestmark = pytest.mark.browser


def test_source_pages_highlight_every_number(page, site_url, tables, figures_by_id):
    failures = []
    for source in tables["sources"]:
        # A document whose figures fill more than one page lists its pages, in reading order, on the first.
        page.goto(f"{site_url}sources/{source['id']}/")
        parts = [page.url] + page.locator("nav.source-parts").first.locator("a").evaluate_all(
            "links => links.map(a => a.href)") if page.locator("nav.source-parts").count() else [page.url]
        shown = []
        for part in parts:
            page.goto(part)
            shown += page.locator("div.figure").evaluate_all("""els => els.map(e => [e.id,
                [...e.querySelectorAll('.figure-quote mark')].map(m => m.textContent)])""")
        expected = [f["observation_id"] for f in tables["figures"] if f["source_id"] == source["id"]]
        if [i for i, _ in shown] != expected:
            failures.append(f"{source['id']}: page shows {len(shown)} figures, figures.csv has {len(expected)}")
        for observation_id, marks in shown:
            reported = figures_by_id[observation_id]["value_reported"]
            if marks != [reported]:
                failures.append(f"{source['id']}#{observation_id}: highlighted {marks}, reported {reported!r}")
    assert not failures, "\n".join(failures)


def test_copy_citation_on_a_source_page_copies_the_figures_full_citation(browser, site_url, tables):
    """On a source's page the copy button assembles the citation from the card and the page: it equals the
    citation printed beside the same figure on its place's page (the card's permalink), doubtful mark,
    address, title, publisher, date and access date included. Without JavaScript the buttons are hidden
    and the page says how to cite."""
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    kinds = {e["id"]: e["kind"] for e in tables["entities"]}
    cases = []  # (source page, figure id): the first and last figure of two pages, and every doubtful figure
    for part in (f"{site_url}sources/{longest_source(tables)}/2/", f"{site_url}sources/{tables['sources'][0]['id']}/"):
        page.goto(part)
        cases += [(part, page.locator("div.figure").first.get_attribute("id")),
                  (part, page.locator("div.figure").last.get_attribute("id"))]
    doubtful = [f for f in tables["figures"] if f["flag"] == "suspect"]
    assert doubtful, "the data has no doubtful figure to check the mark with"
    for f in doubtful:  # reached as a reader does: from its place's page, by the link to its source
        page.goto(f"{site_url}{'zones' if kinds[f['entity_id']] == 'zone' else 'entities'}/{f['entity_id']}/")
        page.locator(f"div.figure[id='{f['observation_id']}'] .figure-cite a").first.click()
        page.wait_for_url(re.compile("#" + re.escape(f["observation_id"]) + "$"))
        cases.append((page.url.split("#")[0], f["observation_id"]))
    failures = []
    for part, observation_id in cases:
        page.goto(part)
        card = page.locator(f"div.figure[id='{observation_id}']")
        card.locator("button.copy-citation").click()
        copied = page.evaluate("navigator.clipboard.readText()")
        mark = card.locator(".badge-suspect").text_content() if card.locator(".badge-suspect").count() else ""
        card.locator("a.permalink").click()
        page.wait_for_url(re.compile("#" + re.escape(observation_id) + "$"))
        printed = page.locator(f"div.figure[id='{observation_id}'] .citation").text_content().strip()
        if copied != printed or mark not in copied:
            failures.append(f"{part}#{observation_id}: copied {copied!r}, printed {printed!r}, mark {mark!r}")
    context.close()
    assert not failures, "\n".join(failures)

    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{site_url}sources/{longest_source(tables)}/")
    expect(page.locator("button.copy-citation").first).to_be_hidden()
    how = page.locator(".citation-how")
    expect(how).to_be_visible()
    expect(how).to_contain_text(re.compile(r"20[0-9]{2}-[0-9]{2}-[0-9]{2}"))
    context.close()


def test_an_address_on_the_first_page_of_a_document_leads_to_the_part_holding_the_figure(page, site_url, tables):
    """sources/<id>/#<figure> was every figure's address on its source before long documents were cut
    into parts; for a figure on a later part the first page sends the reader on to that part."""
    source = longest_source(tables)
    later = [f["observation_id"] for f in tables["figures"] if f["source_id"] == source][-1]
    page.goto(f"{site_url}sources/{source}/#{later}")
    page.wait_for_url(re.compile(rf"/sources/{re.escape(source)}/[0-9]+/#{re.escape(later)}$"))
    expect(page.locator(f"div.figure[id='{later}']")).to_be_visible()
