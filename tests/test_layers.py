"""The tree is the architecture: scripts/ holds the entry points and one package per layer, and imports
point down only (curated ← models ← charts ← website ← benchmarks)."""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

from curated import paths

from python_syntax import syntax_tree

pytestmark = pytest.mark.unit

SCRIPTS = paths.ROOT / "scripts"
# Lowest first: a layer may import its own modules and those of the layers before it.
LAYERS = ("curated", "models", "charts", "website", "benchmarks")
# Entry points (the pipeline's steps and the commands of the README) may import any layer; the
# pipeline runner itself imports only the standard library, so that `make` can list the steps before setup.
ENTRY_POINTS = {"pipeline", "validate", "aggregate", "export", "geo", "pages", "site", "figure_diff", "coverage", "bench",
                "synthetic"}


def imported_modules(path: Path) -> set[str]:
    """The top-level names of every module a file imports, at any depth of the file."""
    names = set()
    for node in ast.walk(syntax_tree(path)):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


def test_scripts_holds_entry_points_and_one_package_per_layer():
    folders = sorted(p.name for p in SCRIPTS.iterdir() if p.is_dir() and p.name != "__pycache__")
    assert folders == sorted(LAYERS), f"scripts/ should hold the layers {LAYERS}, not {folders}"
    for layer in LAYERS:
        init = SCRIPTS / layer / "__init__.py"
        assert init.exists() and ast.get_docstring(ast.parse(init.read_text())), f"{layer}/__init__.py says what the layer holds"
    modules = {p.stem for p in SCRIPTS.glob("*.py")}
    assert modules == ENTRY_POINTS, f"scripts/ keeps only entry points; move {sorted(modules - ENTRY_POINTS)} into a layer"
    for name in ENTRY_POINTS - {"pipeline"}:
        text = (SCRIPTS / f"{name}.py").read_text(encoding="utf-8")
        assert '__name__ == "__main__"' in text and text.count("\n") < 20, f"scripts/{name}.py is a thin entry point"


@pytest.mark.parametrize("layer", LAYERS)
def test_imports_point_down_only(layer):
    allowed = set(LAYERS[: LAYERS.index(layer) + 1]) | ({"pipeline"} if layer == "benchmarks" else set())
    forbidden = (set(LAYERS) | ENTRY_POINTS) - allowed
    for path in sorted((SCRIPTS / layer).rglob("*.py")):
        wrong = imported_modules(path) & forbidden
        assert not wrong, f"{paths.display(path)} imports {sorted(wrong)}: a {layer} module imports only from {sorted(allowed)}"


def test_the_pipeline_runner_imports_only_the_standard_library():
    import sys
    project = set(LAYERS) | ENTRY_POINTS
    used = imported_modules(SCRIPTS / "pipeline.py")
    assert not used & project and used <= set(sys.stdlib_module_names) | {"__future__"}, sorted(used)


def test_the_direction_check_sees_an_upward_import(tmp_path):
    """The check can fail: a curated module importing the website is caught."""
    module = tmp_path / "upward.py"
    module.write_text("def f():\n    from website import urls\n    return urls\n", encoding="utf-8")
    assert imported_modules(module) & set(LAYERS[1:]) == {"website"}


def test_tests_mirror_the_layers():
    tests = paths.ROOT / "tests"
    folders = {p.name for p in tests.iterdir() if p.is_dir() and p.name != "__pycache__"}
    assert folders == set(LAYERS), f"tests/ has one folder per layer, not {sorted(folders)}"
