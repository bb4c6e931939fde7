"""The build can be trusted by a stranger: audited workflows, hashed dependencies, hash-checked installs.

Inputs: `.github/` (workflows and Dependabot configuration), `requirements.in`, `requirements.txt`,
`requirements-lock-tool.txt` and the Makefile of this repository; `zizmor` from the project's venv.
Outputs: none; each test fails with the offending lines or findings.
"""
from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.unit

ROOT = Path(__file__).resolve().parent.parent
ZIZMOR = Path(sys.executable).parent / "zizmor"
LOCKED_FILES = ["requirements.txt", "requirements-lock-tool.txt", "requirements-duckdb1.txt"]
SHA256_OPTION = re.compile(r"--hash=sha256:[0-9a-f]{64}(?![0-9a-f])")
EXACT_PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)(?:\[[^\]]*\])?==([^\s;]+)")


def requirement_entries(text: str) -> list[str]:
    """Split a requirements file into its requirement entries.

    Input: the file's text. Output: one string per requirement, with its backslash-continued lines
    (hashes) joined and comments dropped; option lines such as `--index-url` are not requirements.
    """
    joined = re.sub(r"\\\n", " ", text)
    entries = []
    for line in joined.splitlines():
        line = line.split(" #", 1)[0].strip()
        if line and not line.startswith(("#", "-")):
            entries.append(line)
    return entries


def entries_without_hash(text: str) -> list[str]:
    """Requirement entries of a requirements file that carry no `--hash=sha256:` or no exact `==` pin.

    Input: the file's text. Output: the requirement part (before any `--hash`) of each such entry.
    """
    return [re.split(r"\s+--hash", entry, maxsplit=1)[0] for entry in requirement_entries(text)
            if not SHA256_OPTION.search(entry) or not EXACT_PIN.match(entry)]


def pinned_versions(text: str) -> dict[str, str]:
    """Map each exactly pinned requirement's normalised name to its version (extras and markers dropped)."""
    pins = {}
    for entry in requirement_entries(text):
        match = EXACT_PIN.match(entry)
        if match:
            pins[re.sub(r"[-_.]+", "-", match.group(1)).lower()] = match.group(2)
    return pins


def test_zizmor_finds_nothing_in_the_workflows():
    """zizmor's offline audits, with no config file that could silence them, report no finding."""
    assert ZIZMOR.exists(), f"{ZIZMOR} is missing: zizmor is pinned in requirements.in, run `make setup`"
    workflows = sorted((ROOT / ".github" / "workflows").glob("*.y*ml"))
    assert workflows, "no workflow in .github/workflows/ to audit"
    # .github/ rather than .github/workflows/: the Dependabot configuration is audited too.
    result = subprocess.run([str(ZIZMOR), "--offline", "--no-config", "--color=never", ".github/"],
                            cwd=ROOT, capture_output=True, text=True, timeout=120)
    report = result.stdout + result.stderr
    assert result.returncode == 0, f"zizmor exited with {result.returncode}:\n{report}"
    assert "No findings to report" in report, report


def test_the_hash_check_catches_a_requirement_without_hash():
    """The check below is not vacuous: an unhashed or unpinned entry among hashed ones is reported."""
    text = ("# a comment\n"
            "--index-url https://pypi.org/simple\n"
            f"altair==6.3.0 \\\n    --hash=sha256:{'a' * 64} \\\n    --hash=sha256:{'b' * 64}\n"
            "    # via -r requirements.in\n"
            "duckdb==2.0.0\n"
            f"colorama>=0.4 ; sys_platform == 'win32' \\\n    --hash=sha256:{'c' * 64}\n")
    assert entries_without_hash(text) == ["duckdb==2.0.0", "colorama>=0.4 ; sys_platform == 'win32'"]


@pytest.mark.parametrize("name", LOCKED_FILES)
def test_every_locked_requirement_carries_a_hash(name):
    """Each requirement in the lock files is pinned with `==` and carries at least one sha256 hash."""
    text = (ROOT / name).read_text(encoding="utf-8")
    assert requirement_entries(text), f"{name} lists no requirement"
    missing = entries_without_hash(text)
    assert not missing, f"{name}: without an exact pin and a --hash=sha256: (run `make lock`):\n" + "\n".join(missing)


def test_requirements_txt_matches_requirements_in():
    """Every direct dependency is pinned exactly in requirements.in, at the same version in requirements.txt."""
    wanted = requirement_entries((ROOT / "requirements.in").read_text(encoding="utf-8"))
    unpinned = [entry for entry in wanted if not EXACT_PIN.match(entry)]
    assert not unpinned, "requirements.in: pin these with ==:\n" + "\n".join(unpinned)
    locked = pinned_versions((ROOT / "requirements.txt").read_text(encoding="utf-8"))
    stale = [f"{name}=={version} (requirements.txt: {locked.get(name, 'missing')})"
             for name, version in pinned_versions("\n".join(wanted)).items() if locked.get(name) != version]
    assert not stale, "requirements.txt is out of date, run `make lock`:\n" + "\n".join(stale)


def test_make_setup_installs_with_require_hashes():
    """The commands `make setup` runs (a dry run that prints them) install requirements.txt with --require-hashes."""
    result = subprocess.run(["make", "--dry-run", "--always-make", "setup"], cwd=ROOT,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    installs = [line for line in result.stdout.splitlines() if "pip install" in line]
    assert installs, f"`make setup` runs no pip install:\n{result.stdout}"
    unchecked = [line for line in installs
                 if "--require-hashes" not in line.split() or "requirements.txt" not in line.split()]
    assert not unchecked, "pip install without --require-hashes -r requirements.txt:\n" + "\n".join(unchecked)
