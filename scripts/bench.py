"""Benchmark of the build pipeline on the real data and on synthetic data 10× and 100× its size (issue 7).

Usage: `make bench` (or `python scripts/bench.py [--factors 10,100] [--budget 900] [--keep]`).
A script that prints figures, not a test: nothing is asserted.

Inputs: the real package (`PACKAGES_DIR`) and its sources (`SEEDS_DIR`), copied
once at the start (scripts/synthetic.py --factor 1 is an exact copy), so an edit
made while the bench runs does not change what it measures; synthetic packages
made from them by scripts/synthetic.py.
Output: a report on stdout. Every build goes into its own temporary BUILD_DIR
under a temporary work folder (removed at the end unless --keep); the
developer's build/ is never read or written.

Order: the real data (1×) in full, then the incremental rebuild, then each
synthetic size in full. For each size it prints:
- the wall time of each step run as `make site` runs it (a fresh Python per
  step): validate, aggregate, export, pages with a cold chart cache, site
  (mkdocs build --strict), and their sum, the whole pipeline;
- pages with chart making stubbed out (an in-process stand-in for Altair and
  vl-convert and a throwaway chart cache; pages.py itself runs unchanged), so
  cold − stubbed is the cost of the charts; on the real data also pages with
  the cache warm (warm − stubbed: what charts cost when every SVG is cached);
- a bare `mkdocs build` of the same generated pages (default theme and search
  plugin, no Markdown extension, not strict; the project's nav and not_in_nav
  kept) and the ratio site / bare; on the real data also the project
  configuration without the search plugin, which isolates the Chinese search;
- page sizes: largest and median HTML page, search index
  (site/search/search_index.json), whole site, and largest and median generated
  Markdown page (known even when mkdocs is not run).
The incremental rebuild changes one figure of the real data that is in a chart
(value_reported, value, quote and the source text it is quoted from, with the
source's sha256, all kept valid) and reruns the whole pipeline on the 1× build
folder with its warm chart cache, beside the full cold build.
At the end, a table of all sizes with ratios against 1×.

Timings are wall time: other work on the machine slows them, so the load
average is printed at the start and at the end.

Time budget (--budget, seconds, default 900 ≈ 15 minutes): before a step on
larger data its time is projected linearly from the smaller size; a step whose
projection would overrun the budget is skipped and reported with its
projection, and a running step is stopped when the budget runs out. On 2 cores
the default budget covers 1× and 10× in full and only the first steps of 100×
(its chart rendering alone would take about an hour); `--factors 100 --budget
1800` measures more of 100×.
"""
from __future__ import annotations

import argparse
import csv
import hashlib
import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import yaml

import chart_bench
import paths
import synthetic
from provenance import expected_value, quote_in_source

PY = sys.executable
SCRIPTS = paths.ROOT / "scripts"
PIPELINE = ["validate", "aggregate", "export", "pages", "site"]
QUOTED_TABLES = ("observations", "policies", "industries", "organizations", "tasks")
# pages.py with chart making replaced by a stand-in: no font subset, no worker, no vl-convert, a
# throwaway chart cache (so the real cache stays cold); everything else runs as in `make pages`.
PAGES_WITHOUT_CHARTS = f"""
import sys, tempfile
from pathlib import Path
sys.path.insert(0, {str(SCRIPTS)!r})
import charts
def stand_in(misses, font, font_folder):
    for stem in misses:
        for suffix in (".svg", "-narrow.svg", ".png"):
            Path(stem + suffix).write_text('<svg xmlns="http://www.w3.org/2000/svg" width="1" height="1"/>')
    return 0.0
charts.CACHE = Path(tempfile.mkdtemp(prefix="bench-stub-charts-"))
charts.chart_font.font_directory = lambda chars: None
charts.render = stand_in
import pages
status = pages.main()
import shutil
shutil.rmtree(charts.CACHE, ignore_errors=True)
sys.exit(status)
"""


@dataclass
class Measure:
    """What was measured on one data size; None = not measured."""
    factor: int
    build: Path
    env: dict
    packages: Path
    ready: bool = False  # the database and the pages exist
    times: dict[str, float | None] = field(default_factory=dict)
    notes: dict[str, str] = field(default_factory=dict)
    sizes: dict[str, float | None] = field(default_factory=dict)
    largest_html: str = ""
    largest_md: str = ""


class Bench:
    def __init__(self, budget: float, work: Path):
        self.start = time.monotonic()
        self.deadline = self.start + budget
        self.work = work
        self.results: dict[int, Measure] = {}

    def remaining(self) -> float:
        return self.deadline - time.monotonic()

    def projection(self, measure: Measure, key: str) -> float | None:
        """The step's time on the largest smaller size measured, scaled linearly."""
        smaller = [m for f, m in sorted(self.results.items()) if f < measure.factor and m.times.get(key)]
        if not smaller:
            return None
        base = smaller[-1]
        return base.times[key] * measure.factor / base.factor

    def step(self, measure: Measure, key: str, argv: list[str], required: bool = True) -> float | None:
        """Run one command, timed; record and print its time, or why it was not run.

        A failed step raises StepFailed; so does a skipped or stopped one when later steps need it.
        """
        estimate = self.projection(measure, key)
        label = f"  {key:<22}"
        if estimate is not None and estimate > self.remaining():
            return _not_measured(measure, key, label, required,
                                 f"skipped: projected {estimate:.0f} s > {max(self.remaining(), 0):.0f} s left")
        began = time.perf_counter()
        process = subprocess.Popen(argv, cwd=paths.ROOT, env=measure.env, stdout=subprocess.PIPE,
                                   stderr=subprocess.PIPE, text=True, start_new_session=True)
        try:
            out, err = process.communicate(timeout=max(self.remaining(), 1))
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)  # the step and any child it started (site.py → mkdocs)
            process.communicate()
            return _not_measured(measure, key, label, required,
                                 f"stopped after {time.perf_counter() - began:.0f} s (budget spent)")
        except BaseException:  # Ctrl-C: the step runs in its own session and would outlive the bench
            os.killpg(process.pid, signal.SIGKILL)
            raise
        elapsed = time.perf_counter() - began
        if process.returncode != 0:
            return _not_measured(measure, key, label, True, f"failed (exit {process.returncode})\n{_tail(out + err)}")
        measure.times[key] = elapsed
        last = (out.strip().splitlines() or [""])[-1]
        print(f"{label} {elapsed:8.2f} s   {last[:90]}", flush=True)
        return elapsed


class StepFailed(Exception):
    pass


def _not_measured(measure: Measure, key: str, label: str, required: bool, why: str) -> None:
    """Record and print why a step has no time; stop the size's run when later steps need it."""
    measure.times[key] = None
    measure.notes[key] = why.splitlines()[0]
    print(f"{label} {why}", flush=True)
    if required:
        raise StepFailed(key)
    return None


def _tail(text: str, lines: int = 15) -> str:
    return "\n".join("    | " + line for line in text.strip().splitlines()[-lines:])


def script(name: str) -> list[str]:
    return [PY, str(SCRIPTS / f"{name}.py")]


def mkdocs_config(folder: Path, docs: Path, site: Path, kind: str) -> Path:
    """A mkdocs.yml for the same docs.

    'bare': default theme and search plugin, no extension, not strict, but the project's `nav`
    and `not_in_nav` (without them every generated page would be in the navigation of every
    page, a cost the real site does not pay). 'no-search': the project's configuration with
    the search plugin removed.
    """
    folder.mkdir(parents=True, exist_ok=True)
    config = folder / f"mkdocs-{kind}.yml"
    project = yaml.load((paths.ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_IgnoreTags)
    if kind == "bare":
        settings = {"site_name": "bench", "docs_dir": str(docs), "site_dir": str(site),
                    **{key: project[key] for key in ("nav", "not_in_nav") if key in project}}
    else:
        # INHERIT merges the project's configuration (dicts key by key; a list given here replaces
        # the inherited one). Paths the project gives relative to mkdocs.yml are made absolute.
        settings = {"INHERIT": str(paths.ROOT / "mkdocs.yml"), "docs_dir": str(docs), "site_dir": str(site),
                    "plugins": []}
        # The theme overrides as site.py assembles them in the build folder (folder is <build>/bench).
        settings["theme"] = {"custom_dir": str(folder.parent / "overrides")}
        if project.get("hooks"):
            settings["hooks"] = [str(paths.ROOT / hook) for hook in project["hooks"]]
    config.write_text(yaml.safe_dump(settings, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return config


class _IgnoreTags(yaml.SafeLoader):
    """Reads mkdocs.yml with its !ENV and other tags as plain values."""


_IgnoreTags.add_multi_constructor("", lambda loader, suffix, node: None)


def prepare(bench: Bench, factor: int, packages: Path, seeds: Path) -> Measure:
    """The steps whose cost is not chart rendering: validate, aggregate, export, pages with charts stubbed."""
    build = bench.work / f"build-{factor}x"
    env = dict(os.environ, BUILD_DIR=str(build), PACKAGES_DIR=str(packages), SEEDS_DIR=str(seeds),
               NO_MKDOCS_2_WARNING="1")
    measure = Measure(factor, build, env, packages)
    bench.results[factor] = measure
    print(f"\n== {factor}× data, steps without chart rendering  (BUILD_DIR={build})", flush=True)
    try:
        for name in ("validate", "aggregate", "export"):
            bench.step(measure, name, script(name))
        if bench.step(measure, "pages (no charts)", [PY, "-c", PAGES_WITHOUT_CHARTS]) is not None:
            measure.sizes["charts"] = len(list((build / "docs").rglob("chart-*.png")))  # one PNG per chart (two SVGs)
            measure.ready = True
    except StepFailed:
        pass
    record_sizes(measure)
    return measure


def build_fully(bench: Bench, measure: Measure, extras: bool) -> None:
    """Pages with a cold chart cache, the site, the bare mkdocs build; with extras also the
    configuration without search and pages with a warm cache."""
    build, docs = measure.build, measure.build / "docs"
    print(f"\n== {measure.factor}× data, charts and site  (BUILD_DIR={build})", flush=True)
    if not measure.ready:
        print("  not run: the steps before pages failed or were skipped")
        return
    try:
        shutil.rmtree(build / "cache", ignore_errors=True)
        if bench.step(measure, "pages", script("pages"), required=False) is not None:
            measure.sizes["charts rendered"] = len(list((build / "cache" / "charts").glob("*.png")))
        else:
            print("  (site and mkdocs below run on the pages with stubbed charts: same HTML, 1-pixel SVGs)")
        bench.step(measure, "site", script("site"), required=False)
        bench.step(measure, "mkdocs bare", [PY, "-m", "mkdocs", "build", "--quiet", "-f",
                                            str(mkdocs_config(build / "bench", docs, build / "site-bare", "bare"))],
                   required=False)
        shutil.rmtree(build / "site-bare", ignore_errors=True)
        if extras:
            nosearch = mkdocs_config(build / "bench", docs, build / "site-nosearch", "no-search")
            bench.step(measure, "mkdocs no search", [PY, "-m", "mkdocs", "build", "--strict", "--quiet",
                                                     "-f", str(nosearch)], required=False)
            shutil.rmtree(build / "site-nosearch", ignore_errors=True)
            if measure.times.get("pages") is not None:
                bench.step(measure, "pages (warm cache)", script("pages"), required=False)
    except StepFailed:
        pass
    steps = [measure.times.get(s) for s in PIPELINE]
    measure.times["pipeline"] = sum(steps) if all(t is not None for t in steps) else None
    record_sizes(measure)


def record_sizes(measure: Measure) -> None:
    docs, site = measure.build / "docs", measure.build / "site"
    observations = next(measure.packages.glob("*/data/observations.csv"))
    with observations.open(encoding="utf-8", newline="") as handle:
        measure.sizes["figures"] = sum(1 for _ in csv.DictReader(handle))
    for kind, folder, pattern in (("md", docs, "*.md"), ("html", site, "*.html")):
        pages = sorted((p.stat().st_size, p) for p in folder.rglob(pattern)) if folder.exists() else []
        if pages:
            measure.sizes[f"{kind} pages"] = len(pages)
            measure.sizes[f"largest {kind}"] = pages[-1][0]
            measure.sizes[f"median {kind}"] = statistics.median(size for size, _ in pages)
            setattr(measure, f"largest_{kind}", str(pages[-1][1].relative_to(folder)))
    if site.exists() and any(site.rglob("*.html")):
        index = site / "search" / "search_index.json"
        measure.sizes["search index"] = index.stat().st_size if index.exists() else None
        measure.sizes["site"] = sum(p.stat().st_size for p in site.rglob("*") if p.is_file())


def print_size(measure: Measure) -> None:
    t, s = measure.times, measure.sizes
    if t.get("pages") is not None and t.get("pages (no charts)") is not None:
        print(f"  charts: {s.get('charts', 0):.0f} on the pages, {s.get('charts rendered', 0):.0f} distinct SVGs rendered; "
              f"chart cost cold ≈ {t['pages'] - t['pages (no charts)']:.1f} s"
              + (f", warm ≈ {_seconds(t['pages (warm cache)'] - t['pages (no charts)'])} (what charts cost when cached)"
                 if t.get("pages (warm cache)") is not None else ""))
    if t.get("pipeline") is not None:
        print(f"  whole pipeline (cold chart cache): {t['pipeline']:.1f} s")
    if t.get("site") and t.get("mkdocs bare"):
        print(f"  site (mkdocs --strict, Material, zh search) / bare mkdocs = {t['site']:.1f} / {t['mkdocs bare']:.1f} s"
              f" = {t['site'] / t['mkdocs bare']:.1f}×"
              + (f"; without the search plugin {t['mkdocs no search']:.1f} s" if t.get("mkdocs no search") else ""))
    if s.get("html pages"):
        print(f"  HTML: {s['html pages']:.0f} pages, largest {_bytes(s['largest html'])} ({measure.largest_html}), "
              f"median {_bytes(s['median html'])}; search index {_bytes(s['search index'])}; site {_bytes(s['site'])}")
    if s.get("md pages"):
        print(f"  Markdown: {s['md pages']:.0f} pages, largest {_bytes(s['largest md'])} ({measure.largest_md}), "
              f"median {_bytes(s['median md'])}")


def _seconds(difference: float) -> str:
    """A difference of two timings; under half a second it is noise."""
    return f"{difference:.1f} s" if difference >= 0.5 else "0 s (within noise)"


def _bytes(n: float | None) -> str:
    if n is None:
        return "-"
    for unit in ("B", "KB", "MB", "GB"):
        if n < 1024 or unit == "GB":
            return f"{n:.0f} {unit}" if unit == "B" else f"{n:.1f} {unit}"
        n /= 1024
    return str(n)


TABLE_ROWS = [
    ("figures", "figures (observations)", "n"), ("md pages", "pages (Markdown)", "n"), ("charts", "charts", "n"),
    ("validate", "validate", "s"), ("aggregate", "aggregate", "s"), ("export", "export", "s"),
    ("pages", "pages, cold cache", "s"), ("pages (warm cache)", "pages, warm cache", "s"),
    ("pages (no charts)", "pages, charts stubbed", "s"), ("site", "site (mkdocs --strict)", "s"),
    ("pipeline", "whole pipeline", "s"), ("mkdocs bare", "bare mkdocs build", "s"),
    ("largest html", "largest page HTML", "b"), ("median html", "median page HTML", "b"),
    ("largest md", "largest page Markdown", "b"), ("median md", "median page Markdown", "b"),
    ("search index", "search index", "b"), ("site", "site size", "b"),
]


def print_table(results: dict[int, Measure]) -> None:
    factors = sorted(results)
    print("\n== Growth with data (ratio = value / value at 1×; '-' = not measured)")
    header = f"  {'':<24}" + "".join(f"{f'{f}×':>12}" for f in factors) + "".join(f"{f'{f}×/1×':>10}" for f in factors[1:])
    print(header)
    for key, label, kind in TABLE_ROWS:
        values = []
        for f in factors:
            m = results[f]
            value = m.sizes.get(key) if kind in "nb" else m.times.get(key)
            if kind == "b" and key == "site":
                value = m.sizes.get("site")
            values.append(value)
        if all(v is None for v in values):
            continue
        cells = "".join(f"{_cell(v, kind):>12}" for v in values)
        first = values[0]
        ratios = "".join(f"{(f'{v / first:.1f}' if v is not None and first else '-'):>10}" for v in values[1:])
        print(f"  {label:<24}{cells}{ratios}")


def _cell(value, kind: str) -> str:
    if value is None:
        return "-"
    if kind == "s":
        return f"{value:.1f} s"
    if kind == "b":
        return _bytes(value)
    return f"{value:.0f}"


# ---- incremental rebuild
def chart_observations(docs: Path) -> dict[str, list[str]]:
    """Observation id → the chart CSVs (relative to docs) it appears in."""
    found: dict[str, list[str]] = {}
    for path in sorted(docs.rglob("chart-*.csv")):
        with path.open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                found.setdefault(row["observation_id"], []).append(str(path.relative_to(docs)))
    return found


def change_one_figure(packages: Path, seeds: Path, out: Path, in_charts: dict[str, list[str]]) -> dict:
    """Copy package and seeds to out/ with one figure changed, kept valid; return what changed."""
    shutil.rmtree(out, ignore_errors=True)
    shutil.copytree(packages, out / "packages")
    shutil.copytree(seeds, out / "seeds")
    data = next((out / "packages").glob("*/data"))
    tables = {name: synthetic.read_csv(data / f"{name}.csv") for name in ("sources", "unit_conversions", *QUOTED_TABLES)}
    sources = {row["id"]: row for row in tables["sources"][1]}
    factors = {(r["unit_reported"], r["unit"]): float(r["factor"]) for r in tables["unit_conversions"][1]}
    for row in tables["observations"][1]:
        old = row["value_reported"]
        if (row["id"] not in in_charts or row["measure"] != "amount" or not re.fullmatch(r"\d+(\.\d+)?", old)
                or row["quote"].count(old) != 1):
            continue
        source = sources[row["source_id"]]
        text = (out / "seeds" / source["file"]).read_text(encoding="utf-8")
        if text.count(row["quote"]) != 1:
            continue
        new = old[:-1] + ("8" if old[-1] == "9" else str(int(old[-1]) + 1))
        quote = row["quote"].replace(old, new)
        new_text = text.replace(row["quote"], quote)
        others = [r["quote"] for name in QUOTED_TABLES for r in tables[name][1]
                  if r["source_id"] == source["id"] and r is not row]
        if not all(quote_in_source(q, new_text) for q in others):
            continue  # another row quotes the changed words: try the next figure
        old_value = row["value"]
        value = expected_value(new, factors[(row["unit_reported"], row["unit"])])
        row.update(value_reported=new, quote=quote, value=f"{value:.15g}")
        (out / "seeds" / source["file"]).write_text(new_text, encoding="utf-8")
        source["sha256"] = hashlib.sha256(new_text.encode("utf-8")).hexdigest()
        for name in ("sources", "observations"):
            synthetic.write_csv(data / f"{name}.csv", *tables[name])
        return {"id": row["id"], "old": f"{old}{row['unit_reported']} ({old_value})",
                "new": f"{new}{row['unit_reported']} ({row['value']})", "charts": in_charts[row["id"]]}
    raise RuntimeError("no figure in a chart could be changed")


def incremental(bench: Bench, real: Measure, packages: Path, seeds: Path) -> None:
    print("\n== Incremental rebuild: one figure of the real data changed, 1× build folder, warm chart cache", flush=True)
    if real.times.get("pipeline") is None:
        print("  not run: the 1× build did not complete")
        return
    changed = change_one_figure(packages, seeds, bench.work / "changed", chart_observations(real.build / "docs"))
    print(f"  changed {changed['id']}: {changed['old']} → {changed['new']}; in {len(changed['charts'])} chart(s): "
          + ", ".join(changed["charts"]))
    env = dict(real.env, PACKAGES_DIR=str(bench.work / "changed" / "packages"),
               SEEDS_DIR=str(bench.work / "changed" / "seeds"))
    cache = real.build / "cache" / "charts"
    before = {p.name for p in cache.glob("*.png")}
    rebuild = Measure(1, real.build, env, packages)
    try:
        for name in PIPELINE:
            bench.step(rebuild, name, script(name))
    except StepFailed:
        return
    if any(rebuild.times.get(s) is None for s in PIPELINE):
        return
    total = sum(rebuild.times[s] for s in PIPELINE)
    rendered = len({p.name for p in cache.glob("*.png")} - before)
    full = real.times["pipeline"]
    print(f"  rebuild {total:.1f} s vs full cold build {full:.1f} s = {100 * total / full:.0f}%; "
          f"charts re-rendered: {rendered} of {real.sizes.get('charts', 0):.0f}")
    print("  per step, rebuild / cold: " + ", ".join(
        f"{s} {rebuild.times[s]:.1f}/{real.times[s]:.1f} s" for s in PIPELINE))


def print_chart_speed(n: int = 80) -> None:
    """Per-chart render time of n varied charts, cold cache, subset font against the full font."""
    print(f"\n== Chart rendering, {n} varied charts, cold cache (wide SVG + narrow SVG + 2x PNG each)", flush=True)
    result = chart_bench.measure(n)
    print(f"  subset font: {result['ms_per_chart_subset_font']:.0f} ms per chart "
          f"(workers' CPU {result['cpu_ms_per_chart_subset_font']:.0f} ms); full Noto font: "
          f"{result['ms_per_chart_full_font']:.0f} ms (CPU {result['cpu_ms_per_chart_full_font']:.0f} ms)")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--factors", default="10,100", help="synthetic sizes after the real data (comma-separated)")
    parser.add_argument("--budget", type=float, default=900, help="seconds the whole bench may take")
    parser.add_argument("--keep", action="store_true", help="keep the temporary work folder")
    args = parser.parse_args(argv)
    factors = [int(f) for f in args.factors.split(",") if f.strip()]
    work = Path(tempfile.mkdtemp(prefix="bench-"))
    bench = Bench(args.budget, work)
    print(f"bench: {os.cpu_count()} CPU(s), Python {sys.version.split()[0]}, budget {args.budget:.0f} s, work folder {work}, "
          f"load average " + " ".join(f"{x:.1f}" for x in os.getloadavg()))
    try:
        real = work / "data-1x"
        synthetic.generate(1, real)  # an exact copy of the real package and the sources it cites
        prepare(bench, 1, real / "packages", real / "seeds")
        build_fully(bench, bench.results[1], extras=True)
        print_size(bench.results[1])
        print_chart_speed()
        incremental(bench, bench.results[1], real / "packages", real / "seeds")
        for factor in factors:
            data = work / f"data-{factor}x"
            synthetic.generate(factor, data, real / "packages", real / "seeds")
            prepare(bench, factor, data / "packages", data / "seeds")
            build_fully(bench, bench.results[factor], extras=False)
            print_size(bench.results[factor])
            shutil.rmtree(bench.results[factor].build / "site", ignore_errors=True)  # bound the disk use
        print_table(bench.results)
        print(f"\nbench: {time.monotonic() - bench.start:.0f} s in all; load average at the end "
              + " ".join(f"{x:.1f}" for x in os.getloadavg()) + " (other work on the machine slows every step)")
    finally:
        if args.keep:
            print(f"bench: work folder kept: {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
