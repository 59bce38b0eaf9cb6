# The two commands a new user needs: `make demo` and `make test`.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
DB ?= sqlite:///dossier.db
SHARED ?= ../shared

WEB_BUNDLE := src/dossier/web/static/app.js
WEB_SOURCES := web/package.json web/package-lock.json web/build.mjs $(wildcard web/src/*.js web/src/*/*.js web/src/*.css)

.PHONY: demo test bench install install-dev web schema clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.installed-bench: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[bench,ray]'
	touch $(VENV)/.installed $@

$(VENV)/.installed-dev: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(VENV)/.installed $@

## web: build the web app's bundle (npm ci + esbuild; installs node and npm when missing)
$(WEB_BUNDLE): $(WEB_SOURCES)
	bash scripts/build_web.sh

web: $(WEB_BUNDLE)

install: $(VENV)/.installed $(WEB_BUNDLE)

install-dev: $(VENV)/.installed-dev $(WEB_BUNDLE)

## demo: install, ingest the example articles into ./dossier.db, show what was found, serve the web app
demo: install
	$(BIN)/dossier ingest examples --db $(DB)
	$(BIN)/dossier stats --db $(DB)
	$(BIN)/dossier actors --kind state --db $(DB) --limit 15
	$(BIN)/dossier search "sanctions" --db $(DB) --limit 5
	$(BIN)/dossier dyad PRK RUS --db $(DB) --limit 10
	@echo "Serving the web app on the demo store: open http://127.0.0.1:8000/app/ (Ctrl+C stops it)"
	$(BIN)/dossier serve --db $(DB)

## test: install the dev dependencies and run the whole suite, PostgreSQL included
test: install-dev
	bash scripts/test.sh

## bench: parse-only vs extract vs ingest on the VOA corpus, the time normalizer vs dateparser,
## the engines' throughput, and the save cost as the store grows (see bench/README.md).
## GROWTH_ARGS='--db postgresql+psycopg://…' measures the growth on PostgreSQL.
GROWTH_ARGS ?= --documents 50000
bench: $(VENV)/.installed-bench
	$(BIN)/python bench/bench_pipeline.py --corpus $(SHARED)/corpora/voa/voa_stories.jsonl $(BENCH_ARGS)
	$(BIN)/python bench/timex_peer.py
	$(BIN)/python bench/engines.py --corpus $(SHARED)/corpora/voa/voa_stories.jsonl
	$(BIN)/python bench/store_growth.py --corpus $(SHARED)/corpora/voa/voa_stories.jsonl $(GROWTH_ARGS)

## schema: regenerate schema/dossier.document-1.schema.json from the pydantic models
schema: install
	$(BIN)/dossier schema > schema/dossier.document-1.schema.json

clean:
	rm -rf $(VENV) dossier.db dossier.db-wal dossier.db-shm test-output web/node_modules src/dossier/web/static
