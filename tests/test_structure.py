"""The design holds: labels only in the label table, paths only from the URL scheme, families registered."""
from __future__ import annotations

import ast
import csv
import re

import pytest

from curated import paths
from website import urls
from website.families import REGISTRY

from python_syntax import syntax_tree


pytestmark = pytest.mark.unit
LABEL_FILE = paths.PACKAGES / "shandong-zones" / "data" / "labels.csv"


def labels() -> list[dict]:
    with LABEL_FILE.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def string_literals(path) -> list[str]:
    """The string constants of a Python file (docstrings and comments are not literals a page shows)."""
    tree = syntax_tree(path)
    docstrings = {id(node.body[0].value) for node in ast.walk(tree)
                  if isinstance(node, (ast.Module, ast.FunctionDef, ast.ClassDef)) and node.body
                  and isinstance(node.body[0], ast.Expr) and isinstance(node.body[0].value, ast.Constant)}
    return [node.value for node in ast.walk(tree)
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings]


def test_no_python_or_sql_file_holds_a_chinese_label():
    chinese = {row["zh"] for row in labels()}
    for path in sorted((paths.ROOT / "scripts").rglob("*.py")):
        found = chinese.intersection(string_literals(path))
        assert not found, f"{paths.display(path)} spells the labels {sorted(found)}: take them from labels.csv"
    for path in sorted(paths.SQL.glob("*.sql")):
        literals = set(re.findall(r"'([^']*)'", path.read_text(encoding="utf-8")))
        found = chinese.intersection(literals)
        assert not found, f"{paths.display(path)} spells the labels {sorted(found)}: join the labels table"


def test_every_label_has_both_languages_and_is_unique():
    seen = set()
    for row in labels():
        assert row["zh"] and row["en"], row
        assert (row["field"], row["value"]) not in seen, row
        seen.add((row["field"], row["value"]))


def test_urls_carry_the_language_prefix():
    assert urls.entity("gaomi", "zone") == "zones/gaomi/"
    assert urls.entity("gaomi", "zone", "en") == "en/zones/gaomi/"
    assert urls.entity("weicheng", "county", "en") == "en/entities/weicheng/"
    assert urls.indicator("gdp", "en") == "en/indicators/gdp/"
    assert urls.home("en") == "en/" and urls.home() == ""
    assert urls.markdown_file("zones/gaomi/") == "zones/gaomi/index.md" and urls.markdown_file("") == "index.md"
    with pytest.raises(ValueError):
        urls.prefix("fr")


def test_no_template_spells_a_site_path():
    """Links in templates come from `url.*` (the URL scheme), never from a hand-written folder name."""
    folders = ("zones", "entities", "indicators", "sources", "policies", "organizations", "quality", "data", "about")
    pattern = re.compile(r"\{\{\s*root\s*\}\}(%s)/" % "|".join(folders))
    for template in sorted(paths.TEMPLATES.glob("*.j2")):
        assert not pattern.search(template.read_text(encoding="utf-8")), template.name


def test_every_family_is_a_module_with_pages_and_a_docstring():
    for family in REGISTRY:
        assert callable(getattr(family, "pages", None)), family.__name__
        assert family.__doc__ and "Output" in family.__doc__, family.__name__


def test_no_function_over_60_lines_no_module_over_400():
    for path in sorted((paths.ROOT / "scripts").rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        assert text.count("\n") <= 400, paths.display(path)
        for node in ast.walk(syntax_tree(path)):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                assert node.end_lineno - node.lineno + 1 <= 60, f"{paths.display(path)}: {node.name}"
            if isinstance(node, ast.ClassDef):
                assert node.end_lineno - node.lineno + 1 <= 200, f"{paths.display(path)}: {node.name}"


def published_columns() -> dict[str, list[str]]:
    """Every published table's columns: the curated schemas and the SQL models' commented columns."""
    from curated.datapackage_schema import load_package
    from models.sql_models import read_models
    tables = {name: t.field_names for name, t in load_package().tables.items()}
    for model in read_models(paths.SQL).values():
        tables[model.name] = re.findall(rf"COMMENT ON COLUMN {model.name}\.(\w+) IS", model.sql)
    return tables


def test_every_published_table_and_column_is_labelled_and_documented():
    """The data dictionary (downloads page) names every table and column in both languages."""
    table = {(row["field"], row["value"]) for row in labels()}
    missing = [f"tables.description,{name}" for name in published_columns() if ("tables.description", name) not in table]
    missing += [f"fields.{name},{column}" for name, columns in published_columns().items() for column in columns
                if (f"fields.{name}", column) not in table]
    assert not missing, f"labels.csv lacks: {missing[:20]}"
    for model, columns in published_columns().items():
        assert columns, f"{model}: no column is documented"
