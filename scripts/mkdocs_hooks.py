"""MkDocs hooks: the navigation comes from the page families, not from a list in mkdocs.yml.

Input: `build/nav.json`, written by pages.py from the families' navigation sections
(labels from labels.csv). MkDocs gets it as its `nav`; every other page (one per zone,
entity, indicator, source …) is reached from its index page and kept out of the navigation,
so no page grows with the number of zones.
"""
from __future__ import annotations

import json
import os
from pathlib import Path

import pathspec


def on_config(config):
    build = Path(os.environ.get("BUILD_DIR", Path(config.config_file_path).parent / "build"))
    sections = json.loads((build / "nav.json").read_text(encoding="utf-8"))
    config["nav"] = [{section["title"]: section["file"]} for section in sections]
    in_nav = {section["file"] for section in sections}
    config["not_in_nav"] = pathspec.gitignore.GitIgnoreSpec.from_lines(
        ["*.md"] + [f"!/{name}" for name in sorted(in_nav)])
    return config
