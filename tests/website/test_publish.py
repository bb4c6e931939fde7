"""The site step (website/publish.py) run as `make site` runs it: a failed MkDocs build publishes nothing."""
from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from curated import paths

pytestmark = pytest.mark.site


def test_failed_mkdocs_build_leaves_previous_site_untouched(tmp_path):
    build = tmp_path / "build"
    for lang in ("zh", "en"):
        (build / "docs" / lang).mkdir(parents=True)
        (build / "docs" / lang / "index.md").write_text("# x\n\n[broken](missing.md)\n", encoding="utf-8")
    (build / "nav.json").write_text(json.dumps({lang: [{"section": "home", "title": "Home", "file": f"{lang}/index.md"}]
                                                for lang in ("zh", "en")}), encoding="utf-8")
    (build / "site").mkdir()
    (build / "site" / "index.html").write_text("last good", encoding="utf-8")
    env = dict(os.environ, BUILD_DIR=str(build))
    result = subprocess.run([sys.executable, str(paths.ROOT / "scripts" / "site.py")], cwd=paths.ROOT, env=env,
                            capture_output=True, text=True)
    assert result.returncode != 0
    assert "previous build/site is unchanged" in result.stderr
    assert "missing.md" in result.stderr + result.stdout
    assert (build / "site" / "index.html").read_text(encoding="utf-8") == "last good"
    assert not (build / "site.partial").exists()
