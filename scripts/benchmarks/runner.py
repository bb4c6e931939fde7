"""Building the site at a data size for measurement: shared by `make bench` and the tests.

Input: a factor (1 = the real data copied, N = scripts/synthetic.py's N-fold data) and a work folder.
Output: a SizeRun with the wall time of each pipeline step for a cold build and for an
unchanged rebuild, and the sizes of what was built. Every build goes into its own BUILD_DIR
under the work folder; the developer's build/ is never touched.
"""
from __future__ import annotations

import gzip
import statistics
import time
from dataclasses import dataclass, field
from pathlib import Path

import pipeline

from benchmarks import synthetic


@dataclass
class SizeRun:
    factor: int
    build: Path
    cold: dict[str, float] = field(default_factory=dict)
    unchanged: dict[str, float] = field(default_factory=dict)
    wall: dict[str, float] = field(default_factory=dict)   # "cold", "unchanged": the whole run, fingerprints included
    sizes: dict[str, float] = field(default_factory=dict)
    failed: str = ""


def make_data(factor: int, work: Path) -> tuple[Path, Path]:
    """The packages and seeds folders of the factor's data (1 = an exact copy of the real data)."""
    folder = work / f"data-{factor}x"
    synthetic.generate(factor, folder)
    return folder / "packages", folder / "seeds"


def page_sizes(site: Path) -> dict[str, float]:
    pages = sorted(site.rglob("*.html"), key=lambda p: p.stat().st_size)
    sizes = [p.stat().st_size for p in pages]
    home = site / "index.html"
    return {"pages": len(pages), "largest_page": sizes[-1] if sizes else 0,
            "median_page": statistics.median(sizes) if sizes else 0,
            "home_gzip": len(gzip.compress(home.read_bytes())) if home.exists() else 0,
            "site_bytes": sum(p.stat().st_size for p in site.rglob("*") if p.is_file()),
            "charts": len(list(site.rglob("chart-*.png"))), **map_sizes(site)}


def map_sizes(site: Path) -> dict[str, float]:
    """The locator maps' SVG files (wide and narrow): how many, the largest and the median bytes (60 KB at most each)."""
    sizes = sorted(p.stat().st_size for p in site.rglob("map*.svg"))
    return {"map_svgs": len(sizes), "largest_map_svg": sizes[-1] if sizes else 0,
            "median_map_svg": statistics.median(sizes) if sizes else 0,
            "map_pngs_bytes": sum(p.stat().st_size for p in site.rglob("map.png"))}


def run_size(factor: int, work: Path, stub_charts: bool = False) -> SizeRun:
    """A cold build and an unchanged rebuild of the factor's data."""
    packages, seeds = make_data(factor, work)
    run = SizeRun(factor, work / f"build-{factor}x")
    overrides = dict(PACKAGES_DIR=packages, SEEDS_DIR=seeds, NO_MKDOCS_2_WARNING="1")
    if stub_charts:
        overrides["CHART_RENDER"] = "stub"
    for name, timings in (("cold", run.cold), ("unchanged", run.unchanged)):
        started = time.perf_counter()
        result = pipeline.run(pipeline.NAMES[-1], run.build, capture=True, timings=timings, **overrides)
        run.wall[name] = time.perf_counter() - started
        if result.returncode != 0:
            run.failed = (result.stderr or result.stdout)[-2000:]
            return run
    run.sizes = page_sizes(run.build / "site")
    return run
