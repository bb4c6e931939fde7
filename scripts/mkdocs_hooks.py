"""MkDocs hooks: the navigation comes from the page families, not from a list in mkdocs.yml.

Input: `build/nav.json`, written by pages.py from the families' navigation sections
(labels from labels.csv). MkDocs gets it as its `nav`; every other page (one per zone,
entity, indicator, source …) is reached from its index page and kept out of the navigation,
so no page grows with the number of zones.
"""
from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import pathspec

sys.path.insert(0, str(Path(__file__).resolve().parent))
import paths  # noqa: E402  (the one setting of the repository's address)

# A link, not Material's repo_url: that one fetches the repository's statistics from another host.
FOOTER = ('数据以 <a href="{site}data/#licence">CC BY 4.0</a> 发布 · '
          '<a href="{repository}">项目仓库：数据、代码与问题反馈</a>')


def on_config(config):
    build = Path(os.environ.get("BUILD_DIR", Path(config.config_file_path).parent / "build"))
    sections = json.loads((build / "nav.json").read_text(encoding="utf-8"))
    config["nav"] = [{section["title"]: section["file"]} for section in sections]
    in_nav = {section["file"] for section in sections}
    config["not_in_nav"] = pathspec.gitignore.GitIgnoreSpec.from_lines(
        ["*.md"] + [f"!/{name}" for name in sorted(in_nav)])
    config["copyright"] = FOOTER.format(site=config["site_url"] or "/", repository=paths.REPOSITORY_URL)
    return config
