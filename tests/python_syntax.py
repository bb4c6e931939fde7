"""The syntax trees of the project's Python files, each parsed once per test process: the design tests
(tests/test_layers.py, tests/test_structure.py) walk every module, and parsing is most of their time."""
from __future__ import annotations

import ast
import functools
from pathlib import Path


@functools.cache
def syntax_tree(path: Path) -> ast.Module:
    """The file's syntax tree (shared: a test walks it, never changes it)."""
    return ast.parse(path.read_text(encoding="utf-8"))
