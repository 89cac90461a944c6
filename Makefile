# One Minute Guides. `make serve` to preview, `make test` to check everything.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
export NO_MKDOCS_2_WARNING := 1

.PHONY: help venv serve build offline test check new review published bench bench-search links lock clean

help:
	@echo "make serve   preview the site on http://127.0.0.1:8000 (reloads on save; problems shown on their pages)"
	@echo "make test    run every check and test, strict build included"
	@echo "make build   build the site into site/"
	@echo "make offline build a copy to read without internet: dist/one-minute-guides-offline.zip"
	@echo "make check   check guides and data files without building"
	@echo 'make new TITLE="Early help"   start a new guide (a draft) from the template'
	@echo "make review  list guides overdue or due for review soon"
	@echo "make links   check every outside web address (needs the internet; never part of make test)"
	@echo "make bench   time builds of 100 to 2,000 synthetic guides and record them in BENCHMARKS.md"
	@echo "make bench-search  type the search evaluation's queries in Chromium; hit@1 and hit@3 into BENCHMARKS.md"

# The venv is rebuilt whenever the lock changes.
$(BIN)/.installed: requirements.lock pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps -e .
	touch $@

venv: $(BIN)/.installed

serve: venv
	$(BIN)/mkdocs serve --strict --dirty --dev-addr 127.0.0.1:8000 --livereload

# Strict, and a failed build leaves the last good site/ untouched (omg/commands/build.py).
build: venv
	$(BIN)/python -m omg build

# A zip to carry on a laptop: unzip it, open index.html; search works without internet.
offline: venv
	$(BIN)/python -m omg offline

check: venv
	$(BIN)/python -m omg check

# TITLE is passed through the environment so quotes in a title reach omg intact.
new: venv
	@test -n "$$TITLE" || { echo 'Give a title: make new TITLE="Early help assessments"' >&2; exit 1; }
	$(BIN)/python -m omg new "$$TITLE"

review: venv
	$(BIN)/python -m omg review

# Outside pages move without a commit here: run by hand or on a schedule, not in the build.
links: venv
	$(BIN)/python -m omg links

# After a release: record the addresses now published (published-addresses.yml).
published: venv
	$(BIN)/python -m omg published --update

test: venv
	$(BIN)/python -m pytest

# About 6 minutes on 2 idle cores; BENCH_ARGS=--quick for a short run that records nothing.
bench: venv
	$(BIN)/python -m benchmarks.run $(BENCH_ARGS)
	$(MAKE) bench-search

# Search quality, not speed: does each query of benchmarks/search_eval/ find its guide, with every
# batch in one site and each in a site of its own? Two rows in BENCHMARKS.md (about 12 minutes)
bench-search: venv
	$(BIN)/python -m benchmarks.search_quality

# Re-resolve requirements.in into exact pins (needs the package index).
lock:
	rm -rf .lockvenv && $(PYTHON) -m venv .lockvenv
	.lockvenv/bin/pip install --quiet -r requirements.in
	{ echo "# Exact versions, installed by \`make venv\`. Made by \`make lock\` from requirements.in."; \
	  .lockvenv/bin/pip freeze --exclude-editable; } > requirements.lock
	rm -rf .lockvenv

clean:
	rm -rf site .site.new $(VENV) .pytest_cache dist/one-minute-guides-offline.zip
