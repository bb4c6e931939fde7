# The pipeline, one target per step. `make site` and `make test` set up what they need.
PYTHON_BASE ?= python3.11
VENV        := .venv
PY          := $(VENV)/bin/python
STAMP       := $(VENV)/.installed
SYSTEM_DEPS := build/.system-deps

# The pipeline's steps, in order, as scripts/pipeline.py defines them (validate aggregate export pages site).
STEPS := $(shell python3 scripts/pipeline.py --list)

.PHONY: setup system-deps $(STEPS) check serve test bench clean

setup: $(STAMP)

$(STAMP): requirements.txt
	$(PYTHON_BASE) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

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

# What a maintainer runs while editing a CSV: validation, unit and data tests (no site, no browser).
check: setup
	$(PY) scripts/pipeline.py validate
	$(PY) -m pytest -m "unit or data"

# Everything, the browser tests included.
test: setup system-deps
	$(PY) -m pytest

bench: setup system-deps
	$(PY) scripts/bench.py

clean:
	rm -rf build
