"""Ingest throughput of each engine on one machine: plain, ``--processes 2``, ray with 2 workers.

    .venv/bin/python bench/engines.py [--corpus PATH] [--limit N] [--repeat R] [--workers 2]
        [--json OUT]

Each engine ingests the same records (``--repeat`` copies of the corpus under new ids)
into a fresh SQLite file, as ``dossier ingest`` does: read, extract, link, store. It
prints articles/s, the ratio to the plain engine, the ray engine's time to start its
cluster and load a model in each worker (paid once per run), the same throughput without
it, and the peak resident memory of each worker process (``VmHWM``, sampled while the
run goes on). Targets: ray at least 1.6x the plain engine, and within 10% of two
processes; a worker under 1 GB. The figures depend on how many cores are free: on a
machine of 2 shared cores the driver, which stores, competes with the two workers.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import threading
import time
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO_ROOT / "bench"))

from bench_pipeline import DEFAULT_CORPUS, copy_records, read_corpus  # noqa: E402

try:
    from dossier.pipeline import ingest_records, load_language
    from dossier.store import Store
except ImportError:  # pragma: no cover - depends on how the venv was set up
    sys.path.insert(0, str(REPO_ROOT / "src"))
    from dossier.pipeline import ingest_records, load_language
    from dossier.store import Store

RAY_TARGET = 1.6  # x the plain engine
PROCESSES_MARGIN = 0.10  # ray within 10% of --processes 2
RSS_LIMIT_MIB = 1024


class PeakMemory:
    """Samples the peak resident memory (VmHWM) of worker processes while a run goes on:
    children of this process (``--processes``), or Ray's extractor actors."""

    def __init__(self, *, on_ray: bool, interval: float = 0.2):
        self.on_ray = on_ray
        self.interval = interval
        self.peaks: dict[int, int] = {}  # pid -> KiB
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()

    def _sample(self) -> None:
        me = str(Path("/proc/self").resolve().name)
        while not self._stop.is_set():
            for entry in Path("/proc").iterdir():
                if entry.name.isdigit():
                    self._read(entry, me)
            self._stop.wait(self.interval)

    def _read(self, entry: Path, me: str) -> None:
        try:
            status = (entry / "status").read_text()
            command = (entry / "cmdline").read_bytes()
        except OSError:
            return
        fields = dict(line.split(":", 1) for line in status.splitlines() if ":" in line)
        if self.on_ray:  # the driver's other children are Ray's own services
            worker = b"ray::" in command and b"Extractor" in command
        else:
            worker = fields.get("PPid", "").strip() == me
        if worker and "VmHWM" in fields:
            kib = int(fields["VmHWM"].split()[0])
            self.peaks[int(entry.name)] = max(kib, self.peaks.get(int(entry.name), 0))

    @property
    def worst_mib(self) -> float:
        return max(self.peaks.values(), default=0) / 1024


def run(engine: str, records: list, folder: Path, *, workers: int, batch_size: int) -> dict:
    options = {"plain": {}, "processes": {"n_process": workers}, "ray": {"engine": "ray", "workers": workers}}[engine]
    first: list[float] = []
    with Store(f"sqlite:///{folder / f'{engine}.db'}") as store, PeakMemory(on_ray=engine == "ray") as memory:
        start = time.perf_counter()
        outcomes = []
        for outcome in ingest_records(copy_records(records), store, batch_size=batch_size, **options):
            if not first:
                first.append(time.perf_counter() - start)
            outcomes.append(outcome.status)
        seconds = time.perf_counter() - start
    stored = outcomes.count("stored")
    if stored != len(records):
        raise SystemExit(f"{engine}: stored {stored} of {len(records)}")
    return {
        "engine": engine,
        "articles": stored,
        "seconds": seconds,
        "articles_per_s": stored / seconds,
        "first_result_s": first[0],
        "peak_worker_mib": memory.worst_mib,
        "worker_processes": len(memory.peaks),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--repeat", type=int, default=3, help="copies of the corpus, under new ids")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--batch-size", type=int, default=8)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args(argv)
    if not args.corpus.is_file():
        print(f"error: {args.corpus}: no such corpus file", file=sys.stderr)
        return 2
    records = read_corpus(args.corpus, limit=args.limit, repeat=args.repeat)
    load_language()  # the plain engine's model loads outside its timing, as a warm CLI's would
    results = {}
    with tempfile.TemporaryDirectory() as folder:
        for engine in ("plain", "processes", "ray"):
            results[engine] = run(engine, records, Path(folder), workers=args.workers, batch_size=args.batch_size)
    plain, processes, ray = (results[e]["articles_per_s"] for e in ("plain", "processes", "ray"))
    # The ray engine's first result waits for the cluster and every worker's model; the
    # steady rate is what the rest of the run went at.
    ray_run = results["ray"]
    steady = (ray_run["articles"] - 1) / max(ray_run["seconds"] - ray_run["first_result_s"], 1e-9)
    print(f"{len(records)} articles, {args.workers} workers, batch {args.batch_size}")
    for name, figures in results.items():
        print(
            f"  {name:<10} {figures['seconds']:7.1f} s  {figures['articles_per_s']:6.2f} articles/s  "
            f"{figures['articles_per_s'] / plain:5.2f}x plain  first result {figures['first_result_s']:5.1f} s  "
            f"peak worker {figures['peak_worker_mib']:6.0f} MiB ({figures['worker_processes']} processes)"
        )
    verdict = "PASS" if ray >= RAY_TARGET * plain and ray >= (1 - PROCESSES_MARGIN) * processes else "FAIL"
    print(
        f"ray: {ray / plain:.2f}x plain (target >= {RAY_TARGET}), {ray / processes:.2f}x --processes "
        f"{args.workers} (target >= {1 - PROCESSES_MARGIN:.2f})  {verdict}"
    )
    print(
        f"ray after its start ({ray_run['first_result_s']:.1f} s): {steady:.2f} articles/s, "
        f"{steady / plain:.2f}x plain, {steady / processes:.2f}x --processes {args.workers}"
    )
    worst = max(r["peak_worker_mib"] for r in results.values())
    print(
        f"peak worker memory {worst:.0f} MiB (target < {RSS_LIMIT_MIB})  {'PASS' if worst < RSS_LIMIT_MIB else 'FAIL'}"
    )
    if args.json:
        args.json.write_text(json.dumps({"results": results, "ray_steady_articles_per_s": steady}, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
