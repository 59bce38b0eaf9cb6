"""Read latency of the HTTP API while an ingest writes to the same store.

    .venv/bin/python bench/load_bench.py [--corpus PATH] [--prefill 60] [--ingest 30]
        [--readers 30] [--duration 60] [--max-requests 20000] [--prefilled PATH] [--json OUT]

It pre-fills a temporary SQLite store with the first ``--prefill`` stories of the corpus
(``dossier ingest``), serves it (``dossier serve`` on 127.0.0.1, a free port), then, at
the same moment, starts ``dossier ingest`` of the next ``--ingest`` stories in another
process and ``--readers`` threads that request every GET route in turn, each thread
starting at another route, until ``--duration`` seconds have passed or
``--max-requests`` requests were sent. Each request times out after ``--timeout``
seconds. It prints per route the requests, errors (a status other than 200, a timeout,
a broken connection), p50, p95 and the slowest, and whether every route met p95 < 300 ms.

Everything is loopback traffic; the server and the ingest are this script's children
and are stopped when it ends. ``--prefilled PATH`` keeps the pre-filled store at PATH
(or copies it from there when it exists), so that runs before and after a change start
from the same store without paying for the pre-fill again.
"""

from __future__ import annotations

import argparse
import http.client
import itertools
import json
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from dataclasses import dataclass, field
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = REPO_ROOT.parent / "shared" / "corpora" / "voa" / "voa_stories.jsonl"
HOST = "127.0.0.1"
#: The target: every route answers 95% of its requests within this.
P95_TARGET_MS = 300.0
#: Seconds the server may take to answer its first request.
SERVER_START_S = 120
#: Sides of the dyad the benchmark asks for (the corpus has much on both).
DYAD = ("PRK", "USA")
SEARCHES = ("Iran", '"North Korea"', "missile", "talks or sanctions", "Ukraine -Russia")


class BenchError(Exception):
    """A setting or an input the benchmark cannot run with."""


# -- the stories --------------------------------------------------------------------------


def read_corpus(path: Path, count: int) -> list[dict]:
    """The first ``count`` stories; when the corpus is shorter it is read again, the
    copies given distinct ids (``<id>~r2``) so the store keeps each as a new document."""
    if not path.is_file():
        raise BenchError(f"corpus not found: {path}")
    records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    records = [r for r in records if isinstance(r, dict) and str(r.get("text") or "").strip()]
    if not records:
        raise BenchError(f"no stories with a 'text' in {path}")
    stories = []
    for n in range(count):
        record = dict(records[n % len(records)])
        copy = n // len(records)
        if copy:
            record["id"] = f"{record.get('id', n % len(records))}~r{copy + 1}"
        stories.append(record)
    return stories


def write_jsonl(records: list[dict], path: Path) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    return path


# -- the processes ------------------------------------------------------------------------


def dossier_command(*args: str) -> list[str]:
    """The CLI of this checkout, run by this interpreter."""
    return [sys.executable, "-m", "dossier", *args]


def child_env() -> dict[str, str]:
    """The environment of the children: this checkout's ``src`` importable, no token."""
    import os

    env = dict(os.environ)
    env["PYTHONPATH"] = str(REPO_ROOT / "src") + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    env.pop("DOSSIER_TOKEN", None)
    return env


def ingest(stories: Path, url: str, log: Path) -> subprocess.Popen:
    with log.open("ab") as out:
        return subprocess.Popen(
            dossier_command("ingest", str(stories), "--db", url), stdout=out, stderr=subprocess.STDOUT, env=child_env()
        )


def prefill(stories: list[dict], db: Path, work: Path, prefilled: Path | None) -> None:
    """Fill ``db`` with ``stories``, or copy the store kept at ``prefilled``."""
    if prefilled is not None and prefilled.exists():
        shutil.copyfile(prefilled, db)
        print(f"pre-filled store copied from {prefilled}", flush=True)
        return
    started = time.perf_counter()
    process = ingest(write_jsonl(stories, work / "prefill.jsonl"), f"sqlite:///{db}", work / "prefill.log")
    if process.wait() != 0:
        raise BenchError(f"the pre-fill ingest failed:\n{tail(work / 'prefill.log')}")
    print(f"pre-filled {len(stories)} stories in {time.perf_counter() - started:.1f}s", flush=True)
    if prefilled is not None:
        checkpoint(db)
        shutil.copyfile(db, prefilled)


def checkpoint(db: Path) -> None:
    """Fold the WAL into the file, so that copying the file copies the whole store."""
    import sqlite3

    with sqlite3.connect(db) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def serve(url: str, port: int, log: Path) -> subprocess.Popen:
    """``dossier serve`` on loopback; returns once it answers ``GET /stats``."""
    with log.open("ab") as out:
        server = subprocess.Popen(
            dossier_command("serve", "--db", url, "--host", HOST, "--port", str(port)),
            stdout=out,
            stderr=subprocess.STDOUT,
            env=child_env(),
        )
    deadline = time.monotonic() + SERVER_START_S
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise BenchError(f"the server exited with status {server.returncode}:\n{tail(log)}")
        try:
            status, _ = get(http.client.HTTPConnection(HOST, port, timeout=5), "/stats")
            if status == 200:
                return server
        except OSError:
            pass
        time.sleep(0.2)
    stop(server)
    raise BenchError(f"the server did not answer within {SERVER_START_S}s:\n{tail(log)}")


def stop(process: subprocess.Popen | None) -> None:
    if process is not None and process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def tail(log: Path, lines: int = 20) -> str:
    try:
        return "\n".join(log.read_text(encoding="utf-8", errors="replace").splitlines()[-lines:])
    except OSError:
        return "(no log)"


# -- the requests -------------------------------------------------------------------------


def get(conn: http.client.HTTPConnection, path: str) -> tuple[int, bytes]:
    conn.request("GET", path)
    response = conn.getresponse()
    return response.status, response.read()


def get_json(port: int, path: str):
    status, body = get(http.client.HTTPConnection(HOST, port, timeout=60), path)
    if status != 200:
        raise BenchError(f"GET {path} answered {status}: {body[:200]!r}")
    return json.loads(body)


def routes(port: int) -> dict[str, list[str]]:
    """Route name -> the paths asked of it, in turn (ids and actors read from the store)."""
    doc_ids = [d["id"] for d in get_json(port, "/documents?limit=20")["data"]]
    actors = [a["id"] for a in get_json(port, "/actors?limit=20")["data"]]
    if not doc_ids or not actors:
        raise BenchError("the pre-filled store holds no documents or no actors")
    quote = urllib.parse.quote
    return {
        "/documents": ["/documents", "/documents?limit=20&offset=20"],
        "/documents/{id}": [f"/documents/{quote(i, safe='')}" for i in doc_ids],
        "/search": [f"/search?q={quote(q)}" for q in SEARCHES],
        "/actors": ["/actors", "/actors?kind=state", "/actors?country=USA&limit=10"],
        "/actors/{id}": [f"/actors/{quote(i, safe='')}" for i in actors],
        "/dyads/PRK/USA": [f"/dyads/{DYAD[0]}/{DYAD[1]}", f"/dyads/{DYAD[0]}/{DYAD[1]}?limit=10&offset=-10"],
        "/events": ["/events", "/events?limit=100&offset=100"],
        "/events?filters": ["/events?actor=USA", "/events?type=ASSAULT,ACCUSE&since=2023", "/events?status=denied"],
        "/events?no-match": ["/events?actor=NOWHERE", "/events?since=1900&until=1901"],
        "/events?offset=large": ["/events?offset=1000000", "/events?actor=USA&offset=500000"],
        "/contradictions": ["/contradictions"],
        "/network": ["/network", "/network?since=2024"],
        "/stats": ["/stats"],
    }


@dataclass
class RouteFigures:
    """What one route answered: each success's seconds, and the failures by kind."""

    seconds: list[float] = field(default_factory=list)
    errors: dict[str, int] = field(default_factory=dict)

    def fail(self, kind: str) -> None:
        self.errors[kind] = self.errors.get(kind, 0) + 1

    def summary(self) -> dict:
        ms = sorted(s * 1000 for s in self.seconds)
        errors = sum(self.errors.values())
        p95 = percentile(ms, 95)
        return {
            "requests": len(ms) + errors,
            "errors": errors,
            "error_kinds": dict(self.errors),
            "p50_ms": percentile(ms, 50),
            "p95_ms": p95,
            "max_ms": ms[-1] if ms else None,
            "meets_target": bool(ms) and not errors and p95 is not None and p95 < P95_TARGET_MS,
        }


def percentile(sorted_ms: list[float], q: float) -> float | None:
    """The nearest-rank percentile (no interpolation: a figure some request really took)."""
    if not sorted_ms:
        return None
    rank = max(1, -(-len(sorted_ms) * q // 100))
    return sorted_ms[int(rank) - 1]


class Readers:
    """``count`` threads asking every route in turn until the deadline or the budget."""

    def __init__(self, port: int, paths: dict[str, list[str]], *, count: int, timeout: float, budget: int):
        self.port, self.paths, self.count, self.timeout = port, paths, count, timeout
        self.figures = {name: RouteFigures() for name in paths}
        self._budget = itertools.count()
        self._max = budget
        self._lock = threading.Lock()
        self._deadline = 0.0

    def run(self, duration: float) -> None:
        self._deadline = time.monotonic() + duration
        threads = [threading.Thread(target=self._read, args=(n,), daemon=True) for n in range(self.count)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()

    def _go_on(self) -> bool:
        return time.monotonic() < self._deadline and next(self._budget) < self._max

    def _read(self, n: int) -> None:
        names = list(self.paths)
        turns = {name: itertools.cycle(self.paths[name]) for name in names}
        conn = http.client.HTTPConnection(HOST, self.port, timeout=self.timeout)
        for step in itertools.count(n):
            if not self._go_on():
                break
            name = names[step % len(names)]
            with self._lock:
                path = next(turns[name])
            started = time.perf_counter()
            try:
                status, _ = get(conn, path)
            except (OSError, http.client.HTTPException) as exc:
                kind = "timeout" if isinstance(exc, TimeoutError) else type(exc).__name__
                with self._lock:
                    self.figures[name].fail(kind)
                conn.close()
                conn = http.client.HTTPConnection(HOST, self.port, timeout=self.timeout)
                continue
            elapsed = time.perf_counter() - started
            with self._lock:
                if status == 200:
                    self.figures[name].seconds.append(elapsed)
                else:
                    self.figures[name].fail(f"HTTP {status}")
        conn.close()


# -- the report ---------------------------------------------------------------------------


def format_table(summaries: dict[str, dict]) -> str:
    header = ("route", "requests", "errors", "p50 ms", "p95 ms", "max ms", f"p95<{P95_TARGET_MS:.0f}")

    def ms(value: float | None) -> str:
        return "-" if value is None else f"{value:,.0f}"

    rows = [
        (
            name,
            str(s["requests"]),
            str(s["errors"])
            + (f" ({', '.join(f'{k} {v}' for k, v in s['error_kinds'].items())})" if s["errors"] else ""),
            ms(s["p50_ms"]),
            ms(s["p95_ms"]),
            ms(s["max_ms"]),
            "yes" if s["meets_target"] else "NO",
        )
        for name, s in summaries.items()
    ]
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header))]

    def line(row: tuple[str, ...]) -> str:
        return "  ".join(
            cell.ljust(w) if i in (0, 2) else cell.rjust(w) for i, (cell, w) in enumerate(zip(row, widths))
        )

    return "\n".join([line(header), "  ".join("-" * w for w in widths), *map(line, rows)])


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="load_bench.py", description="Time every GET route of the API under 30 readers and a concurrent ingest."
    )
    parser.add_argument(
        "--corpus", type=Path, default=DEFAULT_CORPUS, help=f"JSONL stories (default: {DEFAULT_CORPUS})"
    )
    parser.add_argument("--prefill", type=int, default=60, help="stories stored before the run (default: 60)")
    parser.add_argument("--ingest", type=int, default=30, help="stories ingested during the run (default: 30)")
    parser.add_argument("--readers", type=int, default=30, help="reader threads (default: 30)")
    parser.add_argument("--duration", type=float, default=60.0, help="seconds the readers run (default: 60)")
    parser.add_argument("--max-requests", type=int, default=20000, help="requests in all, at most (default: 20000)")
    parser.add_argument(
        "--timeout", type=float, default=30.0, help="seconds before a request counts as a timeout (default: 30)"
    )
    parser.add_argument(
        "--prefilled", type=Path, default=None, metavar="PATH", help="keep the pre-filled store here, or start from it"
    )
    parser.add_argument("--json", type=Path, default=None, metavar="OUT", help="write the figures to OUT as JSON")
    parser.add_argument("--strict", action="store_true", help="exit with status 1 when a route misses the target")
    args = parser.parse_args(argv)
    for name in ("prefill", "readers", "max_requests"):
        if getattr(args, name) < 1:
            parser.error(f"--{name.replace('_', '-')} must be at least 1")
    if args.ingest < 0 or args.duration <= 0 or args.timeout <= 0:
        parser.error("--ingest must not be negative, --duration and --timeout must be positive")
    return args


def run(args: argparse.Namespace, work: Path) -> dict:
    stories = read_corpus(args.corpus.expanduser(), args.prefill + args.ingest)
    db = work / "load.db"
    url = f"sqlite:///{db}"
    prefill(stories[: args.prefill], db, work, args.prefilled)
    more = write_jsonl(stories[args.prefill :], work / "more.jsonl")
    port = free_port()
    server = serve(url, port, work / "server.log")
    writer = None
    try:
        paths = routes(port)
        readers = Readers(port, paths, count=args.readers, timeout=args.timeout, budget=args.max_requests)
        before = get_json(port, "/stats")
        print(
            f"serving {before['documents']} documents, {before['events']} events on http://{HOST}:{port}/; "
            f"{args.readers} readers for {args.duration:.0f}s while {args.ingest} more stories are ingested",
            flush=True,
        )
        started = time.monotonic()
        writer = ingest(more, url, work / "ingest.log") if args.ingest else None
        readers.run(args.duration)
        elapsed = time.monotonic() - started
        ingest_status = writer.poll() if writer is not None else 0
        ingest_s = None
        if writer is not None and ingest_status is None:
            print("the ingest was still running when the readers stopped; waiting for it", flush=True)
            ingest_status = writer.wait()
        else:
            ingest_s = elapsed  # at most: it ended before the readers did
        after = get_json(port, "/stats")
    finally:
        stop(writer)
        stop(server)
    summaries = {name: figures.summary() for name, figures in readers.figures.items()}
    return {
        "settings": {k: str(v) if isinstance(v, Path) else v for k, v in vars(args).items()},
        "documents_before": before["documents"],
        "documents_after": after["documents"],
        "events_before": before["events"],
        "events_after": after["events"],
        "run_s": round(elapsed, 1),
        "ingest_exit_status": ingest_status,
        "ingest_ended_within_run": ingest_s is not None,
        "requests": sum(s["requests"] for s in summaries.values()),
        "routes": summaries,
        "all_meet_target": all(s["meets_target"] for s in summaries.values()),
    }


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="dossier-load-") as tmp:
        try:
            result = run(args, Path(tmp))
        except BenchError as exc:
            print(f"bench: {exc}", file=sys.stderr)
            return 2
        if result["ingest_exit_status"] != 0:
            print(
                f"warning: the ingest ended with status {result['ingest_exit_status']}:\n{tail(Path(tmp) / 'ingest.log')}"
            )
    print()
    print(format_table(result["routes"]))
    print()
    print(
        f"{result['requests']} requests in {result['run_s']}s; store {result['documents_before']} -> "
        f"{result['documents_after']} documents, {result['events_before']} -> {result['events_after']} events; "
        f"ingest {'ended within the run' if result['ingest_ended_within_run'] else 'outlasted the run'}"
    )
    verdict = "yes" if result["all_meet_target"] else "no"
    print(f"every route p95 < {P95_TARGET_MS:.0f} ms with no errors: {verdict}")
    if args.json is not None:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    return 1 if args.strict and not result["all_meet_target"] else 0


if __name__ == "__main__":
    sys.exit(main())
