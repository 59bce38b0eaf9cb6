# The two commands a new user needs: `make demo` and `make test`.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
DB ?= sqlite:///dossier.db
SHARED ?= ../shared

.PHONY: demo test bench install install-dev schema clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.installed-bench: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[bench]'
	touch $(VENV)/.installed $@

$(VENV)/.installed-dev: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(VENV)/.installed $@

install: $(VENV)/.installed

install-dev: $(VENV)/.installed-dev

## demo: install, ingest the example articles into ./dossier.db and show what was found
demo: install
	$(BIN)/dossier ingest examples --db $(DB)
	$(BIN)/dossier stats --db $(DB)
	$(BIN)/dossier actors --kind state --db $(DB) --limit 15
	$(BIN)/dossier search "sanctions" --db $(DB) --limit 5
	$(BIN)/dossier dyad PRK RUS --db $(DB) --limit 10

## test: install the dev dependencies and run the whole suite, PostgreSQL included
test: install-dev
	bash scripts/test.sh

## bench: parse-only vs extract vs ingest on the VOA corpus, then the time normalizer vs dateparser (see bench/README.md)
bench: $(VENV)/.installed-bench
	$(BIN)/python bench/bench_pipeline.py --corpus $(SHARED)/corpora/voa/voa_stories.jsonl $(BENCH_ARGS)
	$(BIN)/python bench/timex_peer.py

## schema: regenerate schema/dossier.document-1.schema.json from the pydantic models
schema: install
	$(BIN)/dossier schema > schema/dossier.document-1.schema.json

clean:
	rm -rf $(VENV) dossier.db dossier.db-wal dossier.db-shm test-output
