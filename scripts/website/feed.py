"""The Atom feed of data releases, one per edition (RFC 4287), written with the standard library.

Input: the edition's SiteData and its releases as the changelog shapes them (families/changelog.py).
Output: the feed's text: the feed names the changelog page; each entry is a release, named and dated
as on the changelog, linked to its page, its content (HTML) the counts and every figure whose
substance changed with each field old → new, then the figures added and removed; the figures only
reworded are counted, not listed.
"""
from __future__ import annotations

import xml.etree.ElementTree as ET
from html import escape

from curated import paths
from website import urls

ATOM = "http://www.w3.org/2005/Atom"
ENTRIES = 20


def _html_list(title: str, items: list[str]) -> str:
    if not items:
        return ""
    return f"<h3>{title}</h3><ul>" + "".join(f"<li>{item}</li>" for item in items) + "</ul>"


def content(data, release: dict) -> str:
    """The release's summary and figures as HTML (escaped once more by the XML writer)."""
    ui, lang = data.ui, data.lang

    def figure(row: dict) -> str:
        name = f"{escape(row['name'])} {escape(row['value'])}"
        return f'<a href="{escape(urls.absolute(row["url"], paths.SITE_URL))}">{name}</a>' if row["url"] else name
    changed = [figure(r) + "<br>" + "<br>".join(escape(f"{line['label']}: {line['old']} → {line['new']}") for line in r["lines"])
               for r in release["changed"]]
    parts = [f"<p>{escape(summary(data, release))}</p>",
             _html_list(escape(ui("changelog.changed", lang, count=len(release["changed"]))), changed),
             _html_list(escape(ui("changelog.added", lang, count=len(release["added"]))), [figure(r) for r in release["added"]]),
             _html_list(escape(ui("changelog.removed", lang, count=len(release["removed"]))), [figure(r) for r in release["removed"]])]
    return "".join(parts)


def summary(data, release: dict) -> str:
    """One line: how many figures were changed, added, removed and reworded, or that none was."""
    counts = [(kind, len(release[kind])) for kind in ("changed", "added", "removed", "reworded")]
    said = [data.ui(f"changelog.summary_{kind}", data.lang, count=n) for kind, n in counts if n]
    return data.ui("list.separator", data.lang).join(said) if said else data.ui("changelog.summary_none", data.lang)


def atom(data, releases: list[dict]) -> str:
    """The feed of the newest releases (ENTRIES) in the edition's language."""
    ET.register_namespace("", ATOM)
    page = urls.absolute(urls.section("changelog", data.lang), paths.SITE_URL)
    root = ET.Element(f"{{{ATOM}}}feed", {"{http://www.w3.org/XML/1998/namespace}lang": data.lang})
    ET.SubElement(root, f"{{{ATOM}}}id").text = page
    ET.SubElement(root, f"{{{ATOM}}}title").text = data.ui("changelog.feed_title", data.lang, site=data.site_name)
    ET.SubElement(root, f"{{{ATOM}}}subtitle").text = data.ui("changelog.description", data.lang)
    ET.SubElement(root, f"{{{ATOM}}}link", rel="alternate", type="text/html", href=page)
    ET.SubElement(root, f"{{{ATOM}}}link", rel="self", type="application/atom+xml",
                  href=urls.absolute(urls.changelog_feed(data.lang), paths.SITE_URL))
    ET.SubElement(root, f"{{{ATOM}}}updated").text = releases[0]["time"] if releases else f"{paths.BUILD_DATE}T00:00:00Z"
    ET.SubElement(ET.SubElement(root, f"{{{ATOM}}}author"), f"{{{ATOM}}}name").text = data.site_name
    for release in releases[:ENTRIES]:
        entry = ET.SubElement(root, f"{{{ATOM}}}entry")
        address = urls.absolute(release["url"], paths.SITE_URL)
        ET.SubElement(entry, f"{{{ATOM}}}id").text = address
        ET.SubElement(entry, f"{{{ATOM}}}title").text = release["name"]
        ET.SubElement(entry, f"{{{ATOM}}}link", rel="alternate", type="text/html", href=address)
        ET.SubElement(entry, f"{{{ATOM}}}updated").text = release["time"]
        ET.SubElement(entry, f"{{{ATOM}}}summary").text = summary(data, release)
        ET.SubElement(entry, f"{{{ATOM}}}content", type="html").text = content(data, release)
    ET.indent(root)
    return ET.tostring(root, encoding="unicode", xml_declaration=True) + "\n"
