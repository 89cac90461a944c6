# One Minute Guides. `make serve` to preview, `make test` to check everything.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
export NO_MKDOCS_2_WARNING := 1

.PHONY: help venv serve build test check lock clean

help:
	@echo "make serve   preview the site on http://127.0.0.1:8000 (reloads on save)"
	@echo "make test    run every check and test, strict build included"
	@echo "make build   build the site into site/"
	@echo "make check   check guides and data files without building"

# The venv is rebuilt whenever the lock changes.
$(BIN)/.installed: requirements.lock pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps -e .
	touch $@

venv: $(BIN)/.installed

serve: venv
	$(BIN)/mkdocs serve --strict --dev-addr 127.0.0.1:8000 --livereload

# Strict, and a failed build leaves the last good site/ untouched (omg/commands/build.py).
build: venv
	$(BIN)/python -m omg build

check: venv
	$(BIN)/python -m omg check

test: venv
	$(BIN)/python -m pytest

# Re-resolve requirements.in into exact pins (needs the package index).
lock:
	rm -rf .lockvenv && $(PYTHON) -m venv .lockvenv
	.lockvenv/bin/pip install --quiet -r requirements.in
	{ echo "# Exact versions, installed by \`make venv\`. Made by \`make lock\` from requirements.in."; \
	  .lockvenv/bin/pip freeze --exclude-editable; } > requirements.lock
	rm -rf .lockvenv

clean:
	rm -rf site .site.new $(VENV) .pytest_cache
