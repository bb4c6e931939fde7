"""Where things are: the one place that knows the project's folder layout."""
from __future__ import annotations

import datetime
import functools
import os
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = Path(os.environ.get("PACKAGES_DIR", ROOT / "datapackages"))
SEEDS = Path(os.environ.get("SEEDS_DIR", ROOT.parent / "shared" / "seeds"))
BUILD = Path(os.environ.get("BUILD_DIR", ROOT / "build"))
DATA_OUT = BUILD / "data"
DATABASE = DATA_OUT / "zones.duckdb"
PAGES_OUT = BUILD / "docs"
SITE_OUT = BUILD / "site"
NAV = BUILD / "nav.json"
CHART_CACHE = BUILD / "cache" / "charts"
SQL = ROOT / "scripts" / "models" / "sql"
TEMPLATES = ROOT / "templates"
DOCS = ROOT / "docs"
# Where the site is served; mkdocs.yml reads the same variable for the sitemap.
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000/")
# The project's repository: "report an error" links open a prefilled issue there.
REPOSITORY_URL = os.environ.get("REPOSITORY_URL", "https://github.com/shandong-zones/shandong-zones-data")
# The access date printed in citations; the pipeline sets it to the day of the build.
BUILD_DATE = os.environ.get("BUILD_DATE") or datetime.date.today().isoformat()


def package_files(packages: Path = PACKAGES) -> list[Path]:
    """Every datapackage.json below the packages folder, sorted for a stable order."""
    return sorted(packages.glob("*/datapackage.json"))


def display(path: Path) -> str:
    """A path as a reader would type it: relative to the project when inside it."""
    return _display(os.path.abspath(path))


@functools.lru_cache(maxsize=None)  # resolving a path asks the file system about each of its folders
def _display(absolute: str) -> str:
    try:
        return str(Path(absolute).resolve().relative_to(ROOT))
    except ValueError:
        return absolute
