"""The pipeline definition: steps written once, a step skipped only when nothing it reads changed."""
from __future__ import annotations

import pytest

import pipeline

pytestmark = pytest.mark.unit


def test_the_steps_are_in_order_and_each_is_a_script():
    assert pipeline.NAMES == ("validate", "aggregate", "geo", "export", "pages", "site")
    for step in pipeline.STEPS:
        assert (pipeline.SCRIPTS / step.script).exists(), step.script
    assert [s.name for s in pipeline.steps_between("aggregate", "pages")] == ["aggregate", "geo", "export", "pages"]


def test_a_step_is_current_only_while_its_inputs_and_the_outputs_before_it_are_unchanged(tmp_path):
    packages, build = tmp_path / "packages", tmp_path / "build"
    (packages / "p").mkdir(parents=True)
    (packages / "p" / "data.csv").write_text("id\n1\n", encoding="utf-8")
    env = pipeline.environment(build, PACKAGES_DIR=packages, SEEDS_DIR=tmp_path / "seeds", BUILD_DATE="2026-01-01")
    validate, site = pipeline.STEPS[0], pipeline.STEPS[-1]
    current, inputs = pipeline.is_current(validate, env, build)
    assert not current  # never run
    stamp = build / ".stamps" / "validate.sha256"
    stamp.parent.mkdir(parents=True)
    stamp.write_text(inputs)
    assert pipeline.is_current(validate, env, build)[0]
    (packages / "p" / "data.csv").write_text("id\n2\n", encoding="utf-8")
    assert not pipeline.is_current(validate, env, build)[0]
    # The site step reads what pages wrote, the navigation included.
    for written in ("docs", "data", "site"):
        (build / written).mkdir(exist_ok=True)
    before = pipeline.fingerprint(site, env, build)
    (build / "nav.json").write_text("[]", encoding="utf-8")
    assert pipeline.fingerprint(site, env, build) != before
    assert pipeline.fingerprint(site, dict(env, BUILD_DATE="2026-01-02"), build) != before
