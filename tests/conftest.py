"""Shared fixtures (a site built once per test session into its own build folder, the browser), the
tier filter of a run with -m, and --validate-first (make check's data half)."""
from __future__ import annotations

import contextlib
import functools
import http.server
import itertools
import re
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from _pytest.mark.expression import Expression  # how -m is read; pytest is pinned (requirements.txt)

ROOT = Path(__file__).resolve().parent.parent
SCRIPTS = ROOT / "scripts"
sys.path.insert(0, str(SCRIPTS))

import pipeline  # noqa: E402  (scripts/ is on the path from here on)


TIERS = ("unit", "data", "site", "browser")
TIER_MARK = re.compile(r"\bmark\.(unit|data|site|browser)\b")


@functools.cache
def file_tiers(path: Path) -> frozenset[str]:
    """The tiers a test file's marks name, as written in it (a module's pytestmark or a test's decorator)."""
    return frozenset(TIER_MARK.findall(path.read_text(encoding="utf-8")))


def pytest_ignore_collect(collection_path: Path, config):
    """A test file that the -m expression can select no test of is not imported: `make check` (unit or
    data) leaves out the files of site and browser tests and the libraries only they use.

    A test carries some of its file's tiers (any number, none included), so a file is left out only when
    the expression is false for every such set; an expression that names anything but tiers is not
    judged. This holds while every test's tier is written in its file: pytest_collection_modifyitems
    refuses one whose is not, in every run that collects it (make test collects all)."""
    if not (config.option.markexpr and collection_path.suffix == ".py" and collection_path.name.startswith("test_")):
        return None
    expression = Expression.compile(config.option.markexpr)
    if not expression.idents() <= set(TIERS):
        return None
    tiers = sorted(file_tiers(collection_path))
    carried = itertools.chain.from_iterable(itertools.combinations(tiers, n) for n in range(len(tiers) + 1))
    if not any(expression.evaluate(lambda name, marks=set(marks), **_: name in marks) for marks in carried):
        return True
    return None


def pytest_collection_modifyitems(config, items):
    for item in items:
        unwritten = {m.name for m in item.iter_markers() if m.name in TIERS} - file_tiers(item.path)
        if unwritten:
            raise pytest.UsageError(f"{item.nodeid}: its tier {sorted(unwritten)} is not written as "
                                    f"mark.<tier> in its file, so a run with -m could leave the file out")


def pytest_addoption(parser):
    parser.addoption("--validate-first", action="store_true",
                     help="validate the curated package before any test, as `make validate` does; when it "
                          "fails, show its problems and run no test (they would only repeat them)")


def pytest_sessionstart(session):
    if session.config.getoption("validate_first"):
        from curated import validation
        capture = session.config.pluginmanager.getplugin("capturemanager")  # None with -p no:capture
        with capture.global_and_fixture_disabled() if capture else contextlib.nullcontext():
            status = validation.main([])
        if status:  # the exit status of a failed test run (1), as `make validate` gives
            pytest.exit("the curated data is not valid: no test was run", returncode=status)


def run_pipeline(build_dir: Path, packages_dir: Path | None = None, last: str = pipeline.NAMES[-1],
                 seeds_dir: Path | None = None, first: str = pipeline.NAMES[0]) -> subprocess.CompletedProcess:
    """Run the pipeline as `make site` does, from `first` up to `last`, into build_dir; stops at the first
    failing step."""
    return pipeline.run(last, build_dir, first=first, capture=True, PACKAGES_DIR=packages_dir, SEEDS_DIR=seeds_dir)


@pytest.fixture(scope="session")
def build_dir(tmp_path_factory) -> Path:
    """The real data built once into a private build folder (never the developer's build/)."""
    build = tmp_path_factory.mktemp("build")
    result = run_pipeline(build)
    assert result.returncode == 0, result.stdout + result.stderr
    return build


@pytest.fixture(scope="session")
def site_dir(build_dir) -> Path:
    return build_dir / "site"


@pytest.fixture(scope="session")
def site_url(site_dir):
    """The built site served on 127.0.0.1 on a free port for the browser tests."""
    handler = functools.partial(QuietHandler, directory=str(site_dir))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="session")
def browser():
    """Debian's chromium driven by Playwright, headless, with no background traffic."""
    from playwright.sync_api import sync_playwright
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path="/usr/bin/chromium", headless=True,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--disable-quic", "--no-first-run"])
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(accept_downloads=True)
    page = context.new_page()
    yield page
    context.close()
