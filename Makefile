# The pipeline, one target per step. `make site` and `make test` set up what they need.
PYTHON_BASE ?= python3.11
VENV        := .venv
PY          := $(VENV)/bin/python
STAMP       := $(VENV)/.installed
SYSTEM_DEPS := build/.system-deps

.PHONY: setup system-deps validate aggregate export pages site serve test bench clean diff

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

# Figure-level difference of the data between a git ref and the working tree:
# make diff BASE=origin/main FORMAT=markdown
BASE   ?= HEAD
FORMAT ?= text
diff: setup
	@$(PY) scripts/figure_diff.py --base "$(BASE)" --format "$(FORMAT)"

clean:
	rm -rf build
