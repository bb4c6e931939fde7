# The pipeline, one target per step. `make site` and `make test` set up what they need.
PYTHON_BASE ?= python3.11
VENV        := .venv
PY          := $(VENV)/bin/python
STAMP       := $(VENV)/.installed
SYSTEM_DEPS := build/.system-deps

.PHONY: setup lock system-deps validate aggregate export pages site serve test bench clean

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

validate: setup
	$(PY) scripts/validate.py

aggregate: validate
	$(PY) scripts/aggregate.py

export: aggregate
	$(PY) scripts/export.py

pages: export system-deps
	$(PY) scripts/pages.py

site: pages
	$(PY) scripts/site.py

serve: site
	$(PY) -m http.server --directory build/site --bind 127.0.0.1 8000

test: setup system-deps
	$(PY) -m pytest

bench: setup system-deps
	$(PY) scripts/bench.py

clean:
	rm -rf build
