"""Shared fixtures.

Store fixtures: ``store_url`` and ``store`` run a test on every backend, each with an
empty database of its own:

- ``sqlite``: a file in the test's tmp_path;
- ``sqlite-memory``: ``sqlite://``, one in-memory connection;
- ``postgresql`` (marked ``postgres``): a fresh schema in the cluster that
  ``DOSSIER_TEST_PG_URL`` names, dropped after the test. Start one with

      scripts/postgres.sh start /tmp/dossier-pg
      export DOSSIER_TEST_PG_URL=$(cat /tmp/dossier-pg/url)

  Without the variable these tests are skipped, except under CI (``CI`` set), where
  they fail: CI must really run PostgreSQL.
"""

from __future__ import annotations

import os
import uuid

import pytest

PG_URL_ENV = "DOSSIER_TEST_PG_URL"

STORE_BACKENDS = [
    pytest.param("sqlite", id="sqlite"),
    pytest.param("sqlite-memory", id="sqlite-memory"),
    pytest.param("postgresql", id="postgresql", marks=pytest.mark.postgres),
]


def _in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")


def postgres_base_url() -> str:
    """The test cluster's URL; skips the test (fails it under CI) when there is none."""
    url = os.environ.get(PG_URL_ENV, "").strip()
    if url:
        return url
    how = f"start a cluster with `scripts/postgres.sh start DIR` and `export {PG_URL_ENV}=$(cat DIR/url)`"
    if _in_ci():
        pytest.fail(f"{PG_URL_ENV} is not set, and CI must run the PostgreSQL tests: {how}")
    pytest.skip(f"PostgreSQL store tests need {PG_URL_ENV}: {how}")


def _schema_url():
    """The URL of an empty schema of its own in the test cluster (search_path set), dropped after."""
    from sqlalchemy import create_engine, make_url

    base = make_url(postgres_base_url())
    schema = f"dossier_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(base, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            conn.exec_driver_sql(f'CREATE SCHEMA "{schema}"')
        url = base.update_query_dict({"options": f"-csearch_path={schema}"})
        yield url.render_as_string(hide_password=False)
    finally:
        try:
            with admin.connect() as conn:
                conn.exec_driver_sql(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')
        finally:
            admin.dispose()


@pytest.fixture
def postgres_url():
    """The URL of an empty schema of its own in the test cluster (search_path set)."""
    yield from _schema_url()


@pytest.fixture
def another_postgres_url():
    """A second empty schema, for tests that compare two stores on PostgreSQL."""
    yield from _schema_url()


@pytest.fixture
def a_third_postgres_url():
    """A third empty schema, for tests that compare three stores on PostgreSQL."""
    yield from _schema_url()


@pytest.fixture(params=STORE_BACKENDS)
def store_url(request, tmp_path) -> str:
    """A URL of an empty store on each backend."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'dossier.db'}"
    if request.param == "sqlite-memory":
        return "sqlite://"
    return request.getfixturevalue("postgres_url")


@pytest.fixture
def store(store_url):
    """An open, empty ``Store`` on each backend."""
    from dossier.store import Store

    with Store(store_url) as opened:
        yield opened
