"""scripts/synthetic.py: the benchmark's synthetic data is valid, proportional and deterministic."""
from __future__ import annotations

import hashlib

import pytest

from curated import validation
from curated.datapackage_schema import load_package
from benchmarks import synthetic


pytestmark = pytest.mark.data


def rows(folder, table):
    """One table of a generated package, all its source folders joined, sorted by id."""
    return load_package(folder / "packages").all_tables()[table].rows()


def test_two_copies_pass_validation_and_double_the_data(tmp_path):
    real = tmp_path / "real"
    synthetic.generate(1, real)
    double = tmp_path / "double"
    counts = synthetic.generate(2, double)

    problems, _ = validation.validate(double / "packages", double / "seeds")
    assert problems == []

    shared = synthetic.shared_entities(rows(real, "entities"), replicate_all=False)
    assert shared and "shandong" in shared
    for table in ("sources", "observations", "indicators", "policies", "industries", "organizations", "tasks"):
        assert counts[table] == 2 * len(rows(real, table)), table
    assert counts["entities"] == 2 * len(rows(real, "entities")) - len(shared)
    assert counts["units"] == len(rows(real, "units"))
    zones = [e for e in rows(double, "entities") if e["kind"] == "zone"]
    assert len(zones) == 2 * sum(1 for e in rows(real, "entities") if e["kind"] == "zone")

    # Copy 2 points into copy 2, cites its own source file, and keeps the figure as reported.
    real_observation = rows(real, "observations")[0]
    copy = {o["id"]: o for o in rows(double, "observations")}[synthetic.suffix_id(real_observation["id"], "numbered", 2)]
    assert copy["source_id"] == f"{real_observation['source_id']}-c002"
    assert copy["indicator_id"] == f"{real_observation['indicator_id']}_c002"
    assert (copy["value"], copy["value_reported"], copy["quote"]) == (
        real_observation["value"], real_observation["value_reported"], real_observation["quote"])
    sources = {s["id"]: s for s in rows(double, "sources")}
    source = sources[copy["source_id"]]
    data = (double / "seeds" / source["file"]).read_bytes()
    assert hashlib.sha256(data).hexdigest() == source["sha256"]
    assert source["file"] != sources[real_observation["source_id"]]["file"]


def test_copy_one_is_the_real_package_and_output_is_deterministic(tmp_path):
    from curated import paths
    first, second = tmp_path / "a", tmp_path / "b"
    synthetic.generate(3, first)
    synthetic.generate(3, second)
    files = sorted(p.relative_to(first) for p in first.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(second) for p in second.rglob("*") if p.is_file())
    assert all((first / f).read_bytes() == (second / f).read_bytes() for f in files)

    one = tmp_path / "one"
    synthetic.generate(1, one)
    real = load_package(paths.PACKAGES)
    for name, table in real.all_tables().items():
        assert rows(one, name) == table.rows(), name
    generated = load_package(one / "packages")
    for name, table in real.all_tables().items():  # the same files, byte for byte
        assert [f.relative_to(real.folder) for f in table.files] == \
            [f.relative_to(generated.folder) for f in generated.all_tables()[name].files], name
        assert all(f.read_bytes() == (generated.folder / f.relative_to(real.folder)).read_bytes() for f in table.files)
