"""Layer 4, the website: the data a page family needs (`site_data`), the page families, the
templates' rendering, URLs, interface texts, the cutting of long lists, the search names, which
charts a page gets (`chart_plans`), the MkDocs hooks and the publishing of the site.
Imports from `curated`, `models` and `charts`."""
