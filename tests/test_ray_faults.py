"""Faults in a ray ingest: a worker killed mid-run is restarted and the run finishes; a
driver killed mid-run leaves whole documents only, and the same command run again
completes the store. Either way the store ends up as the plain engine leaves it, with
nothing lost and nothing stored twice."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from dossier.ingest import read_inputs
from dossier.pipeline import ingest_records
from dossier.store import Store

pytest.importorskip("ray")
pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")

SENTENCES = (
    "Iran sent {n} drones to Russia on Tuesday, U.S. officials said.",
    "North Korea fired a ballistic missile toward Japan on Friday, Seoul said.",
    "China and Russia held joint naval drills near Japan last week, the ministry said.",
    "Russia denied buying artillery shells from North Korea.",
    "Japan protested to China over the drills, Tokyo said on Monday.",
)
ARTICLES = 48  # long enough a run that the kill lands in its middle


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("ray-faults") / "wire.jsonl"
    with path.open("w", encoding="utf-8") as out:
        for n in range(ARTICLES):
            text = " ".join(sentence.format(n=n) for sentence in SENTENCES) * 3
            out.write(json.dumps({"id": f"wire-{n}", "text": text, "published": "2024-05-01"}) + "\n")
    return path


@pytest.fixture(scope="module")
def plain_store(corpus, tmp_path_factory):
    url = f"sqlite:///{tmp_path_factory.mktemp('plain') / 'plain.db'}"
    with Store(url) as store:
        list(ingest_records(read_inputs([str(corpus)]), store))
        yield store


def snapshot(store: Store) -> dict:
    _, summaries = store.list_documents(limit=1000)
    stats = store.stats()
    stats.pop("backend")
    return {
        "documents": {s.id: store.get(s.id).model_dump(mode="json") for s in summaries},
        "stats": stats,
        "reports": list(store.event_reports()),
    }


def ingest_command(corpus: Path, db: Path) -> list[str]:
    return [
        sys.executable,
        "-m",
        "dossier",
        "ingest",
        str(corpus),
        "--engine",
        "ray",
        "--workers",
        "2",
        "--db",
        f"sqlite:///{db}",
    ]


def stored_count(db: Path) -> int:
    if not db.exists():
        return 0
    with Store(f"sqlite:///{db}") as store:
        return store.stats()["documents"]


def extractor_pids() -> list[int]:
    """Processes of Ray actors running the extractor (Ray names them after the class)."""
    return processes(lambda command: b"ray::" in command and b"Extractor" in command)


def ray_node_pids() -> list[int]:
    """The local Ray node's own processes, of this test's user."""
    return processes(lambda command: b"raylet" in command or b"gcs_server" in command)


def processes(wanted) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            command = (entry / "cmdline").read_bytes()
        except OSError:
            continue
        if wanted(command):
            found.append(int(entry.name))
    return found


def wait_for(condition, timeout: float, what: str):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.05)
    raise AssertionError(f"timed out waiting for {what}")


def test_a_worker_killed_mid_run_is_replaced_and_the_run_completes(corpus, plain_store, tmp_path):
    db = tmp_path / "ray.db"
    run = subprocess.Popen(ingest_command(corpus, db), stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        wait_for(lambda: stored_count(db) >= 2, 180, "the first documents")
        victims = extractor_pids()
        assert victims, "no extractor process found"
        os.kill(victims[0], signal.SIGKILL)
        assert stored_count(db) < ARTICLES  # the kill landed mid-run
        output, _ = run.communicate(timeout=300)
    finally:
        run.kill()
    assert run.returncode == 0, output
    with Store(f"sqlite:///{db}") as store:
        assert snapshot(store) == snapshot(plain_store)


def test_a_driver_killed_mid_run_leaves_whole_documents_and_a_rerun_completes(corpus, plain_store, tmp_path):
    db = tmp_path / "ray.db"
    run = subprocess.Popen(ingest_command(corpus, db), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_for(lambda: stored_count(db) >= 2, 180, "the first documents")
        run.send_signal(signal.SIGKILL)
        run.wait(30)
    finally:
        run.kill()
    left = stored_count(db)
    assert 2 <= left < ARTICLES
    with Store(f"sqlite:///{db}") as store:  # what is there is whole: each document as extracted
        for doc_id, document in snapshot(store)["documents"].items():
            assert document == plain_store.get(doc_id).model_dump(mode="json")
    # Ray's own processes go with the driver that started them.
    wait_for(lambda: not extractor_pids(), 60, "the orphaned extractors to exit")
    wait_for(lambda: not ray_node_pids(), 60, "the orphaned Ray node to exit")

    rerun = subprocess.run(ingest_command(corpus, db), capture_output=True, text=True, timeout=300)
    assert rerun.returncode == 0, rerun.stderr
    assert f"{ARTICLES - left} stored" in rerun.stdout + rerun.stderr
    assert f"{left} unchanged" in rerun.stdout + rerun.stderr
    with Store(f"sqlite:///{db}") as store:
        assert snapshot(store) == snapshot(plain_store)
