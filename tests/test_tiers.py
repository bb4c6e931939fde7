"""The test tiers: a run with -m (make check: unit or data) does not import the files that hold no test of
its tiers, and a test whose tier is not written in its file is refused, so no file is left out wrongly."""
from __future__ import annotations

from types import SimpleNamespace

import pytest

from conftest import ROOT, pytest_collection_modifyitems, pytest_ignore_collect

pytestmark = pytest.mark.unit
WEBSITE = ROOT / "tests" / "website"


def run(markexpr: str) -> SimpleNamespace:
    return SimpleNamespace(option=SimpleNamespace(markexpr=markexpr))


def test_a_file_with_no_test_of_the_selected_tiers_is_not_imported():
    assert pytest_ignore_collect(WEBSITE / "test_browser.py", run("unit or data")) is True       # browser only
    assert pytest_ignore_collect(WEBSITE / "test_changelog.py", run("unit or data")) is None     # site and unit
    assert pytest_ignore_collect(WEBSITE / "test_browser.py", run("not site")) is None
    assert pytest_ignore_collect(WEBSITE / "test_browser.py", run("")) is None                   # no -m: all files


def test_a_test_whose_tier_is_not_written_in_its_file_is_refused():
    def item(path, *tiers):
        return SimpleNamespace(path=path, nodeid=f"{path.name}::test", iter_markers=lambda: [SimpleNamespace(name=t) for t in tiers])
    pytest_collection_modifyitems(None, [item(WEBSITE / "test_browser.py", "browser")])
    with pytest.raises(pytest.UsageError, match="tier \\['site'\\] is not written"):
        pytest_collection_modifyitems(None, [item(WEBSITE / "test_browser.py", "site")])


def test_a_file_is_left_out_only_when_no_test_of_it_can_be_selected():
    """A test may carry two tiers of its file, or none."""
    figure_diff = ROOT / "tests" / "curated" / "test_figure_diff.py"                          # data, unit
    assert pytest_ignore_collect(figure_diff, run("data and unit")) is None
    assert pytest_ignore_collect(WEBSITE / "test_site.py", run("site and browser")) is None   # site, browser
    assert pytest_ignore_collect(WEBSITE / "test_browser.py", run("not site")) is None        # an untiered test
    assert pytest_ignore_collect(WEBSITE / "test_browser.py", run("browser and slow")) is None  # not only tiers
