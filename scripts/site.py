"""Build the static site with MkDocs Material, replacing the last good site only on success.

Input: the generated tree `build/docs/` (pages.py), `mkdocs.yml` and the theme overrides in
`overrides/`, completed in `build/overrides/` with the patched search worker (search_worker.py).
Output: `build/site/`. MkDocs builds into `build/site.partial/`; only when
`mkdocs build --strict` succeeds is the old site swapped out, so a failed build
leaves the previous `build/site/` untouched.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys

import paths
from search_worker import write_patched_worker


def assemble_theme_overrides():
    """overrides/ (committed partials) plus the patched search worker, in the build tree."""
    target = paths.BUILD / "overrides"
    shutil.rmtree(target, ignore_errors=True)
    shutil.copytree(paths.ROOT / "overrides", target)
    write_patched_worker(target)
    return target


def build_site() -> int:
    partial = paths.SITE_OUT.with_name("site.partial")
    shutil.rmtree(partial, ignore_errors=True)
    env = dict(os.environ, BUILD_DIR=str(paths.BUILD), DOCS_DIR=str(paths.PAGES_OUT), SITE_DIR=str(partial),
               THEME_OVERRIDES=str(assemble_theme_overrides()), NO_MKDOCS_2_WARNING="1")
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict",
                             "--config-file", str(paths.ROOT / "mkdocs.yml")], cwd=paths.ROOT, env=env)
    if result.returncode != 0:
        shutil.rmtree(partial, ignore_errors=True)
        print("site: mkdocs build failed; the previous build/site is unchanged", file=sys.stderr)
        return result.returncode
    previous = paths.SITE_OUT.with_name("site.previous")
    shutil.rmtree(previous, ignore_errors=True)
    if paths.SITE_OUT.exists():
        paths.SITE_OUT.replace(previous)
    partial.replace(paths.SITE_OUT)
    shutil.rmtree(previous, ignore_errors=True)
    print(f"site: built {paths.display(paths.SITE_OUT)}")
    return 0


if __name__ == "__main__":
    sys.exit(build_site())
