"""Engines for the store: SQLite tuned for one writer and many readers, or PostgreSQL."""

from __future__ import annotations

import random
import sqlite3
import time
from pathlib import Path

from sqlalchemy import URL, Engine, create_engine, event, make_url
from sqlalchemy.exc import ArgumentError
from sqlalchemy.pool import StaticPool

from ..errors import StoreError

BACKENDS = ("sqlite", "postgresql")
MIGRATIONS_DIR = Path(__file__).parent / "migrations"
#: Execution option: the transaction writes (SQLite then takes the write lock at BEGIN).
WRITE = "dossier_write"
SQLITE_BUSY_TIMEOUT_S = 30
#: Page cache per SQLite connection, in KiB.
SQLITE_CACHE_KIB = 65_536
#: Longest pause between two tries at switching a file to WAL.
WAL_RETRY_MAX_S = 0.1
PG_CONNECT_TIMEOUT_S = 10


def parse_url(url: str) -> URL:
    """The SQLAlchemy URL, or StoreError naming what is wrong with it."""
    try:
        parsed = make_url(url)
    except ArgumentError as exc:
        raise StoreError(
            f"invalid store URL {url!r}: expected e.g. sqlite:///dossier.db or "
            "postgresql+psycopg://user@host:5432/dbname"
        ) from exc
    if parsed.drivername in ("postgresql", "postgres"):  # the driver that is installed
        parsed = parsed.set(drivername="postgresql+psycopg")
    if parsed.get_backend_name() not in BACKENDS:
        raise StoreError(
            f"unsupported store URL {safe_url(parsed)!r}: the store runs on SQLite "
            "(sqlite:///path.db) or PostgreSQL (postgresql+psycopg://...)"
        )
    return parsed


def safe_url(url: URL | str) -> str:
    """The URL with its password hidden, for messages."""
    if isinstance(url, str):
        try:
            url = make_url(url)
        except ArgumentError:
            return url
    return url.render_as_string(hide_password=True)


def is_memory(url: URL) -> bool:
    database = url.database or ""
    return database in ("", ":memory:") or url.query.get("mode") == "memory"


def create_store_engine(url: str | URL) -> Engine:
    """An engine with the store's connection settings.

    SQLite: WAL journal, foreign keys on, ``synchronous=NORMAL``, a busy timeout, and
    transactions begun by SQLAlchemy (``BEGIN``, or ``BEGIN IMMEDIATE`` for writes) rather
    than by the sqlite3 module, so reads, writes and migrations are real transactions.
    An in-memory database keeps a single connection. PostgreSQL: psycopg 3 with a
    connect timeout and pre-ping.
    """
    parsed = parse_url(url) if isinstance(url, str) else url
    try:
        if parsed.get_backend_name() == "sqlite":
            return _sqlite_engine(parsed)
        connect_args = {}
        if "connect_timeout" not in parsed.query:
            connect_args["connect_timeout"] = PG_CONNECT_TIMEOUT_S
        return create_engine(parsed, pool_pre_ping=True, connect_args=connect_args)
    except (ArgumentError, ImportError) as exc:  # an unknown or missing driver
        raise StoreError(f"cannot use store URL {safe_url(parsed)!r}: {exc}") from exc


def _sqlite_engine(url: URL) -> Engine:
    memory = is_memory(url)
    if memory:
        engine = create_engine(url, poolclass=StaticPool, connect_args={"check_same_thread": False})
    else:
        engine = create_engine(url, connect_args={"timeout": SQLITE_BUSY_TIMEOUT_S})

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record) -> None:
        # Let SQLAlchemy, not the sqlite3 module, decide where transactions begin.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        try:
            cursor.execute(f"PRAGMA busy_timeout = {SQLITE_BUSY_TIMEOUT_S * 1000}")
            cursor.execute("PRAGMA foreign_keys = ON")
            if not memory:
                use_wal(cursor)
            cursor.execute("PRAGMA synchronous = NORMAL")
            # Linking reads index pages all over a large store: keep more of them at hand
            # than SQLite's 2 MB default (the figure is in KiB when negative).
            cursor.execute(f"PRAGMA cache_size = -{SQLITE_CACHE_KIB}")
        finally:
            cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection) -> None:
        write = connection.get_execution_options().get(WRITE, False)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")

    return engine


def use_wal(cursor: sqlite3.Cursor, timeout_s: float = SQLITE_BUSY_TIMEOUT_S) -> None:
    """Put the file in WAL mode, however many processes open it at once.

    WAL is a property of the file, so a file already in WAL (every file but a fresh
    one, once opened) is left alone: asking costs no lock. Switching needs the write
    lock, and SQLite answers SQLITE_BUSY at once, without the busy handler, when another
    connection holds it (another process switching the same fresh file): the switch is
    retried, with growing randomized pauses, for up to ``timeout_s``.
    """
    deadline = time.monotonic() + timeout_s
    pause = 0.001
    while True:
        try:
            if _journal_mode(cursor) == "wal":
                return
            cursor.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as exc:
            left = deadline - time.monotonic()
            if not is_locked(exc) or left <= 0:
                raise
            time.sleep(min(left, random.uniform(pause / 2, pause)))
            pause = min(pause * 2, WAL_RETRY_MAX_S)


def _journal_mode(cursor: sqlite3.Cursor) -> str:
    row = cursor.execute("PRAGMA journal_mode").fetchone()
    return str(row[0]).lower() if row else ""


def is_locked(exc: BaseException) -> bool:
    """True for SQLite's "database is locked" (SQLITE_BUSY and its extended codes)."""
    name = getattr(exc, "sqlite_errorname", "") or ""
    return name.startswith("SQLITE_BUSY") or "database is locked" in str(exc)
