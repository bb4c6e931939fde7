"""Zone pages: one page per development zone (开发区), the site's main pages.

Input: SiteData. Output: a Page per zone at urls.entity(zone) — zones/<id>/ — from
templates/entity_page.md.j2, shaped like every entity page (families/entity.py).
"""
from __future__ import annotations

from typing import Iterator

from website.families.entity import entity_page
from website.families.page import Page
from website.site_data import SiteData



def pages(data: SiteData) -> Iterator[Page]:
    for entity in data.t["entities"]:
        if entity["kind"] == "zone":
            yield entity_page(data, entity)
