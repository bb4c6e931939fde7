"""`make bench`: build times, page weight, chart rendering and search at 1×, 10× and 100× data.

Usage: python scripts/bench.py [--factors 1,10,100] [--keep]
A report on stdout, not a test: nothing is asserted. Builds run one after another in one
process (benchmarks/runner.py), so the figures are side by side; the load average is printed
because other work on the machine slows wall times.

First `make check`'s wall time (three runs). For each size: every step's wall time in a cold build and in an unchanged rebuild (the ratio is
what incremental builds save), the pages and their sizes, and the search figures a reader meets
(benchmarks/search_bench.py: first-visit bytes as a gzip-compressing server sends them, bytes and
milliseconds from typing to the first result, index size). Charts at 100× are drawn by the
stub renderer (CHART_RENDER=stub), since real rendering is measured on its own: milliseconds
per chart with the subset font against the full CJK font (benchmarks/chart_bench.py).
"""
from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

import pipeline

from benchmarks import chart_bench
from benchmarks import runner as bench_runner
from benchmarks import search_bench
from curated import paths


def print_run(run: bench_runner.SizeRun) -> None:
    print(f"\n== {run.factor}× data")
    if run.failed:
        print(f"  build failed:\n{run.failed}")
        return
    for name in pipeline.NAMES:
        print(f"  {name:<10} cold {run.cold.get(name, 0):7.2f} s   unchanged {run.unchanged.get(name, 0):6.2f} s")
    cold, again = run.wall["cold"], run.wall["unchanged"]
    print(f"  {'whole run':<10} cold {cold:7.2f} s   unchanged {again:6.2f} s  ({100 * again / cold:.0f} % of cold;"
          " the unchanged run only compares the inputs' fingerprints)")
    for key, value in run.sizes.items():
        print(f"  {key:<14} {value:,.0f}")


def print_search(run: bench_runner.SizeRun) -> None:
    if run.failed:
        return
    figures = search_bench.measure_site(run.build / "site")
    for key, value in figures.items():
        print(f"  search {key:<28} {value}")


def check_seconds(runs: int = 3) -> list[float]:
    """Wall seconds of `make check` (validation and the unit and data tiers), run `runs` times in a row
    on the working tree, as a maintainer runs it after editing a CSV."""
    seconds = []
    for _ in range(runs):
        started = time.perf_counter()
        result = subprocess.run(["make", "--no-print-directory", "-s", "check"], cwd=paths.ROOT,
                                capture_output=True, text=True)
        seconds.append(round(time.perf_counter() - started, 1))
        if result.returncode != 0:
            # Each half's output comes whole, one after the other: its failures and problems, then the end.
            output = (result.stdout + result.stderr).splitlines()
            named = [line for line in output if line.startswith(("FAILED", "ERROR", "error:"))]
            print("  make check failed:\n" + "\n".join(named[:40] + output[-20:]))
            break
    return seconds


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--factors", default="1,10,100")
    parser.add_argument("--keep", action="store_true", help="keep the work folder")
    args = parser.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="zones-bench-"))
    print(f"bench: work folder {work}; load average {os.getloadavg()}")
    try:
        print("\n== make check (validation, unit and data tests), wall seconds of three runs")
        print(f"  make check {check_seconds()}")
        print("\n== charts (real renderer, subset font vs full font)")
        for key, value in chart_bench.measure().items():
            print(f"  {key:<28} {value}")
        for factor in (int(f) for f in args.factors.split(",")):
            run = bench_runner.run_size(factor, work, stub_charts=factor >= 100)
            print_run(run)
            print_search(run)
            shutil.rmtree(run.build / "docs", ignore_errors=True)
    finally:
        print(f"\nbench: load average {os.getloadavg()}")
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    return 0
