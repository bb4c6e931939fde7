"""Page families: one module per kind of page, each a `pages(data)` function yielding Page objects.

To add a page type, add a module here with `pages(data: SiteData) -> Iterator[Page]` and a
template in templates/, and list the module in REGISTRY. The build (pages.py) loops over
REGISTRY; MkDocs' navigation (website/mkdocs_hooks.py) and the tests read it.
"""
from __future__ import annotations

from website.families import (changelog, downloads, entity, home, indexes, indicator, quality,
                              source, zone)
from website.families.page import Page  # noqa: F401  (the type every family yields)


# In the order of the site's navigation; `NAV` names the sections that appear in it.
REGISTRY = (home, zone, entity, indicator, source, indexes, quality, downloads, changelog)
