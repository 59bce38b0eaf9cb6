#!/usr/bin/env bash
# Run the whole suite: start a throwaway PostgreSQL cluster, point the store tests at it,
# run pytest, and stop the cluster whatever happens. Ruff lints and checks the format first.
set -euo pipefail
cd "$(dirname "$0")/.."

# Lint and format first: they take a second and say what is wrong before the suite runs.
.venv/bin/ruff check src tests bench scripts
.venv/bin/ruff format --check src tests bench scripts

pg_dir=$(mktemp -d -t dossier-pg.XXXXXX)
cleanup() { bash scripts/postgres.sh stop "$pg_dir" || true; rm -rf "$pg_dir"; }
trap cleanup EXIT

bash scripts/postgres.sh start "$pg_dir"
# The browser tests (tests/test_web.py) drive Debian's chromium; without it they skip
# locally and fail under CI.
bash scripts/chromium.sh || [[ -z "${CI:-}" ]]
DOSSIER_TEST_PG_URL=$(cat "$pg_dir/url")
export DOSSIER_TEST_PG_URL

.venv/bin/python -m pytest "$@"
