"""The zones index's map drawn in the page itself, so that each numbered mark is a link a reader can follow.

A map shown as an image (`<img>`) is a picture: the links the renderer wrote into its SVG do nothing there.
`macros.html.j2: map_block` marks the figures to draw in the page (`data-map-inline`, with the image as it
would otherwise be); after Markdown, the MkDocs hook `on_page_content` calls `inline`, which puts the map's two
SVGs (wide and narrow, beside the page's Markdown file) in place of the image. The stylesheet shows one of the
two by the screen's width, as the image's `<source media>` did; the marks are `<a>` elements with the zone's
name as their title, their targets relative to the page (urls.relative, so they work under any base path).
Only the zones index does this: its map is the one whose marks lead somewhere (about 48 KB per SVG).
"""
from __future__ import annotations

import re
from pathlib import Path

DRAWING = re.compile(r'(<div class="map-drawing"[^>]*\bdata-map-inline="([^"]+)"[^>]*>)\s*<picture>.*?</picture>\s*(</div>)',
                     re.S)
# The two renderings and the class the stylesheet shows each by (extra.css: .map-wide, .map-narrow).
WIDTHS = (("", "map-wide"), ("-narrow", "map-narrow"))


class MapNotDrawn(RuntimeError):
    """A page asks for its map drawn in it, but the map's SVG is not beside the page."""


def svg_element(path: Path, css_class: str) -> str:
    """The SVG file as an element of the page: without an XML declaration, its root given css_class."""
    if not path.exists():
        raise MapNotDrawn(f"{path}: the map drawn in the page is missing (was the pages step's chart rendering run?)")
    text = re.sub(r"^\s*<\?xml[^>]*>\s*", "", path.read_text(encoding="utf-8"))
    if 'class="marks"' in text[:400]:
        return text.replace('class="marks"', f'class="marks {css_class}"', 1)
    return text.replace("<svg ", f'<svg class="{css_class}" ', 1)


def inline(html: str, folder: Path) -> str:
    """html with each map marked `data-map-inline` drawn in it from the SVGs in folder (the page's own)."""
    def drawn(match: re.Match) -> str:
        name = match.group(2)
        return match.group(1) + "".join(svg_element(folder / f"{name}{suffix}.svg", css) for suffix, css in WIDTHS) \
            + match.group(3)
    return DRAWING.sub(drawn, html)
