"""Many processes opening one fresh SQLite store at the same moment: every one of them
connects, migrates the store (or finds it migrated) and writes.

Each round starts ``PROCESSES`` spawned processes on a new file together (a barrier), so
their first connections race to switch the file to WAL and their migrations race to
build the schema. The processes are started once for the module: spawning them is most
of the cost."""

from __future__ import annotations

import multiprocessing
import sqlite3
import threading
import time
import traceback
from pathlib import Path
from typing import Callable

import pytest

PROCESSES = 8
#: Rounds of bare connections (cheap, so many: the race is narrow) and of whole stores.
CONNECT_ROUNDS = 40
STORE_ROUNDS = 8
#: Seconds a process waits for the others at the start of a round.
BARRIER_TIMEOUT_S = 60
#: Seconds the whole run may take before the test gives up on the processes.
RUN_TIMEOUT_S = 120
PIPELINE = "dossier-test/1"

Outcome = tuple[str, int, int, str]  # (phase, round, process, "ok" or the error)


def small_document(n: int):
    """A document with an actor and an event, so saving it also links the graph."""
    from dossier.contract import Actor, Document, Event, Span

    name = f"Country {n}"
    text = f"{name} sent aid to its neighbour."
    trigger = text.index("sent aid")
    return Document(
        id=f"doc-{n}",
        published="2024-03-12",
        text=text,
        actors=[Actor(id="a1", name=name, kind="state", mentions=[Span(start=0, end=len(name), text=name)])],
        events=[
            Event(
                id="e1",
                type="AID",
                cameo="07",
                source=["a1"],
                trigger=Span(start=trigger, end=trigger + 8, text="sent aid"),
                sentence=Span(start=0, end=len(text), text=text),
            )
        ],
    )


def connect_and_write(n: int, path: Path) -> Callable[[], None]:
    """The store's engine for ``path``, built before the round starts so that the first
    statements of every process run as close together as they can; the returned task
    connects once and writes a row."""
    from dossier.store.engine import WRITE, create_store_engine

    engine = create_store_engine(f"sqlite:///{path}")

    def task() -> None:
        try:
            with engine.connect() as conn:
                conn.execution_options(**{WRITE: True})
                with conn.begin():
                    conn.exec_driver_sql("CREATE TABLE IF NOT EXISTS seen (n INTEGER)")
                    conn.exec_driver_sql(f"INSERT INTO seen VALUES ({n})")
        finally:
            engine.dispose()

    return task


def open_and_save(n: int, path: Path) -> Callable[[], None]:
    """A task opening the store at ``path`` (which migrates it) and saving a document."""
    from dossier.store import Store

    document = small_document(n)

    def task() -> None:
        with Store(f"sqlite:///{path}") as store:
            store.save(document, pipeline=PIPELINE)

    return task


PHASES: dict[str, tuple[Callable[[int, Path], Callable[[], None]], int]] = {
    "connect": (connect_and_write, CONNECT_ROUNDS),
    "store": (open_and_save, STORE_ROUNDS),
}


def _worker(n: int, directory: str, barrier, results) -> None:
    """In a child process: for each phase and round, prepare the task, wait for the
    others, run it on that round's fresh file, and report "ok" or the error."""
    for phase, (prepare, rounds) in PHASES.items():
        for round_ in range(rounds):
            task = prepare(n, Path(directory) / f"{phase}-{round_}.db")
            try:
                barrier.wait(BARRIER_TIMEOUT_S)
            except threading.BrokenBarrierError:  # another process is gone
                results.put((phase, round_, n, "the barrier broke"))
                return
            try:
                task()
                results.put((phase, round_, n, "ok"))
            except Exception:
                results.put((phase, round_, n, traceback.format_exc(limit=4)))


def run_at_once(directory: Path) -> list[Outcome]:
    """Every phase's rounds, run by ``PROCESSES`` spawned processes at once."""
    context = multiprocessing.get_context("spawn")
    barrier = context.Barrier(PROCESSES)
    results = context.Queue()
    workers = [context.Process(target=_worker, args=(n, str(directory), barrier, results)) for n in range(PROCESSES)]
    for worker in workers:
        worker.start()
    expected = PROCESSES * sum(rounds for _, rounds in PHASES.values())
    outcomes: list[Outcome] = []
    deadline = time.monotonic() + RUN_TIMEOUT_S
    try:
        while len(outcomes) < expected and any(w.is_alive() for w in workers) and time.monotonic() < deadline:
            try:
                outcomes.append(results.get(timeout=0.5))
            except Exception:  # queue.Empty: check on the processes again
                continue
    finally:
        for worker in workers:
            worker.join(timeout=10)
            if worker.is_alive():
                worker.terminate()
    while not results.empty():
        outcomes.append(results.get())
    return outcomes


@pytest.fixture(scope="module")
def outcomes(tmp_path_factory) -> tuple[Path, list[Outcome]]:
    directory = tmp_path_factory.mktemp("fresh")
    return directory, run_at_once(directory)


def _last_error_line(error: str) -> str:
    lines = [line for line in error.strip().splitlines() if not line.startswith("(Background")]
    return lines[-1] if lines else error


def check(outcomes: list[Outcome], phase: str) -> None:
    """Fail naming every process and round of ``phase`` that raised."""
    mine = [o for o in outcomes if o[0] == phase]
    failures = [o for o in mine if o[3] != "ok"]
    summary = [f"round {r}, process {n}: {_last_error_line(error)}" for _, r, n, error in failures]
    assert not failures, f"{len(failures)} failed:\n" + "\n".join(summary) + "\n\nfirst:\n" + failures[0][3]
    assert len(mine) == PROCESSES * PHASES[phase][1], "a process stopped early"


def test_connections_made_at_once_on_a_fresh_file_all_switch_it_to_wal(outcomes):
    directory, found = outcomes
    check(found, "connect")
    for round_ in range(CONNECT_ROUNDS):
        with sqlite3.connect(directory / f"connect-{round_}.db") as conn:
            assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
            assert sorted(n for (n,) in conn.execute("SELECT n FROM seen")) == list(range(PROCESSES))


def test_processes_opening_a_fresh_store_at_once_all_migrate_and_save(outcomes):
    from dossier.store import Store

    directory, found = outcomes
    check(found, "store")
    for round_ in range(STORE_ROUNDS):
        with Store(f"sqlite:///{directory / f'store-{round_}.db'}") as store:
            assert sorted(store.document_ids()) == [f"doc-{n}" for n in range(PROCESSES)]
            assert store.get("doc-3") == small_document(3)


# -- one lock at a time, deterministically -------------------------------------------------


def hold_write_lock(path: Path, seconds: float) -> Callable[[], None]:
    """Another connection takes the write lock on ``path`` now (``BEGIN IMMEDIATE``) and
    lets it go after ``seconds``, from a thread; the function returned lets it go at
    once and waits for that."""
    holder = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    holder.execute("BEGIN IMMEDIATE")
    done = threading.Event()

    def hold() -> None:
        done.wait(seconds)
        holder.execute("COMMIT")
        holder.close()

    thread = threading.Thread(target=hold)
    thread.start()

    def release() -> None:
        done.set()
        thread.join()

    return release


def test_switching_a_file_to_wal_waits_for_another_writer(tmp_path):
    """A writer on a file still in rollback mode (another process switching it, or an
    old store) makes the switch to WAL fail at once, busy timeout or not: the engine
    retries until the writer is done."""
    from dossier.store.engine import create_store_engine

    path = tmp_path / "rollback.db"
    sqlite3.connect(path).close()
    release = hold_write_lock(path, 0.5)
    engine = create_store_engine(f"sqlite:///{path}")
    try:
        with engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
    finally:
        engine.dispose()
        release()


def test_opening_a_migrated_store_does_not_wait_for_a_writer(tmp_path):
    """A store at the latest revision opens with reads only: a server or a command
    started during a long write does not queue behind it for the write lock."""
    from dossier.store import Store

    url = f"sqlite:///{tmp_path / 'migrated.db'}"
    Store(url).close()
    release = hold_write_lock(tmp_path / "migrated.db", 5)
    try:
        started = time.monotonic()
        with Store(url) as store:
            assert store.revision() is not None
        assert time.monotonic() - started < 2
    finally:
        release()
