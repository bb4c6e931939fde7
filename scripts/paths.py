"""Where things are: the one place that knows the project's folder layout."""
from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = Path(os.environ.get("PACKAGES_DIR", ROOT / "datapackages"))
SEEDS = Path(os.environ.get("SEEDS_DIR", ROOT.parent / "shared" / "seeds"))
BUILD = Path(os.environ.get("BUILD_DIR", ROOT / "build"))
DATA_OUT = BUILD / "data"
DATABASE = DATA_OUT / "zones.duckdb"
PAGES_OUT = BUILD / "docs"
SITE_OUT = BUILD / "site"
JIEBA_USER_DICT = BUILD / "jieba_user_dict.txt"
CHART_CACHE = BUILD / "cache" / "charts"
SQL = ROOT / "scripts" / "sql"
TEMPLATES = ROOT / "templates"
DOCS = ROOT / "docs"
# Where the site is served; mkdocs.yml reads the same variable for the sitemap.
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000/")


def package_files(packages: Path = PACKAGES) -> list[Path]:
    """Every datapackage.json below the packages folder, sorted for a stable order."""
    return sorted(packages.glob("*/datapackage.json"))


def display(path: Path) -> str:
    """A path as a reader would type it: relative to the project when inside it."""
    try:
        return str(path.resolve().relative_to(ROOT))
    except ValueError:
        return str(path)
