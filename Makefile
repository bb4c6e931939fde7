# The pipeline, one target per step. `make site` and `make test` set up what they need.
PYTHON_BASE ?= python3.11
VENV        := .venv
PY          := $(VENV)/bin/python
STAMP       := $(VENV)/.installed
SYSTEM_DEPS := build/.system-deps

# The pipeline's steps, in order, as scripts/pipeline.py defines them (validate aggregate geo export pages site).
STEPS := $(shell python3 scripts/pipeline.py --list)

# Compiled modules are written (under __pycache__, ignored by git) and read on the next run, whatever the
# environment says: each test process would otherwise compile the tests and their rewritten asserts again.
unexport PYTHONDONTWRITEBYTECODE

.PHONY: setup lock system-deps $(STEPS) check check-data check-code diff serve test bench clean

setup: $(STAMP)

$(STAMP): requirements.txt
	$(PYTHON_BASE) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements.txt
	touch $@

# Regenerates requirements.txt (every package pinned, with PyPI's sha256 of each file) from requirements.in,
# with uv itself installed from hashes. --universal: one lock for Linux, macOS and Windows; PyPI only, so the
# hashes do not depend on this machine's pip configuration.
lock:
	$(PYTHON_BASE) -m venv build/lock-tool
	build/lock-tool/bin/python -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements-lock-tool.txt
	build/lock-tool/bin/uv pip compile requirements.in --quiet --universal --python-version 3.11 --generate-hashes \
		--no-config --index-url https://pypi.org/simple --custom-compile-command "make lock" -o requirements.txt

# Debian packages the charts (CJK font) and the browser tests (chromium) need.
system-deps: $(SYSTEM_DEPS)

$(SYSTEM_DEPS): scripts/install_system_deps.sh
	bash scripts/install_system_deps.sh
	mkdir -p build && touch $@

# `make <step>` runs every step up to it; a step whose inputs did not change is skipped.
$(STEPS): setup system-deps
	$(PY) scripts/pipeline.py $@

serve: site
	$(PY) -m http.server --directory build/site --bind 127.0.0.1 8000

# What a maintainer runs while editing a CSV: the unit and data tests (no site, no browser) in two pytest
# processes side by side, each importing only what its half needs, each half's output printed whole when it
# ends. The half that validates packages (the curated data's tests, the bench's synthetic data) validates
# the real one first, as `make validate` does, and runs none of its tests when it fails: they would only
# repeat its problems. The other half, beside it, tests the charts, the models and the site's modules.
# Needs GNU make 4 or later (--output-sync).
CHECK_DATA := tests/curated tests/benchmarks
# The tests' scratch files (package copies, git repositories) in memory when the system has a GiB there:
# creating a file or a folder on a disk can cost ten times more, and was most of the data half's time.
TEST_TMPDIR = $(shell df -Pk /dev/shm 2>/dev/null | awk 'NR == 2 && $$4 > 1048576 {print "/dev/shm"}')
CHECK_PYTEST = $(if $(TEST_TMPDIR),TMPDIR=$(TEST_TMPDIR)) $(PY) -m pytest -m "unit or data"

check: setup
	$(MAKE) --no-print-directory -j2 --output-sync=target check-data check-code

check-data: setup
	$(CHECK_PYTEST) --validate-first $(CHECK_DATA)

check-code: setup
	$(CHECK_PYTEST) $(addprefix --ignore=,$(CHECK_DATA))

# Everything, the browser tests included.
test: setup system-deps
	$(PY) -m pytest

bench: setup system-deps
	$(PY) scripts/bench.py

# Figure-level difference of the data between a git ref and the working tree:
# make diff BASE=origin/main FORMAT=markdown
BASE   ?= HEAD
FORMAT ?= text
diff: setup
	@$(PY) scripts/figure_diff.py --base "$(BASE)" --format "$(FORMAT)"

clean:
	rm -rf build
