"""Throughput of Dossier's pipeline against spaCy's parse alone, in one run.

Three stages run on the same texts, with the same batch size and process count:

1. ``parse``:   ``nlp.pipe(texts)`` with the plain spaCy model (no Dossier stages);
2. ``extract``: ``list(dossier.pipeline.extract_records(records))``;
3. ``ingest``:  ``dossier.pipeline.ingest_records(records, store)`` into a fresh SQLite file.

The figures that matter are the ratios of throughput to the parse-only baseline
(extract >= 0.8x, ingest >= 0.7x) and the peak resident memory (< 1 GB).

    .venv/bin/python bench/bench_pipeline.py --repeat 3
    .venv/bin/python bench/bench_pipeline.py --limit 20 --compare-processes --json bench/results/run.json
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import json
import os
import platform
import resource
import sys
import tempfile
import time
from collections import Counter
from dataclasses import asdict, dataclass, field
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = (REPO_ROOT / ".." / "shared" / "corpora" / "voa" / "voa_stories.jsonl").resolve()

# Throughput as a share of the parse-only baseline, and memory, that the pipeline must meet.
TARGETS = {"extract": 0.8, "ingest": 0.7}
RSS_TARGET_MB = 1024.0
# Most of extract's time a stage may take (actors 10%, time 5%, attribution 10%, events 15%).
STAGE_SHARE_TARGETS = {"actors": 0.10, "timexes": 0.05, "attributions": 0.10, "events": 0.15}
WARMUP_ARTICLES = 4
WARMUP_MAX_ARTICLES = 32

try:  # the package installed in the venv, else the checkout's src/
    import dossier  # noqa: F401
except ImportError:  # pragma: no cover - depends on how the venv was set up
    sys.path.insert(0, str(REPO_ROOT / "src"))


class BenchError(Exception):
    """A problem with the benchmark's input or options, reported in one line."""


@dataclass
class StageResult:
    stage: str
    processes: int
    articles: int
    words: int
    seconds: float
    outcomes: dict[str, int] = field(default_factory=dict)

    @property
    def articles_per_s(self) -> float:
        return self.articles / self.seconds if self.seconds > 0 else float("inf")

    @property
    def words_per_s(self) -> float:
        return self.words / self.seconds if self.seconds > 0 else float("inf")

    def as_json(self) -> dict:
        data = asdict(self)
        data["seconds"] = round(self.seconds, 4)
        data["articles_per_s"] = round(self.articles_per_s, 3)
        data["words_per_s"] = round(self.words_per_s, 1)
        return data


# --------------------------------------------------------------------------- input


def read_corpus(path: Path, *, limit: int | None, repeat: int) -> list:
    """Records from a JSONL corpus: the first ``limit`` usable lines, ``repeat`` times over.

    Copies after the first get distinct ids (``<id>~r2``, ``<id>~r3``...) so the store
    keeps every one of them as its own document.
    """
    from dossier.contract import parse_published
    from dossier.ingest.records import Record

    if not path.is_file():
        raise BenchError(f"corpus not found: {path} (pass --corpus PATH to a JSONL file with a 'text' field per line)")
    base: list[Record] = []
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if limit is not None and len(base) >= limit:
                break
            if not line.strip():
                continue
            try:
                item = json.loads(line)
            except json.JSONDecodeError as exc:
                raise BenchError(f"{path}:{number}: not valid JSON: {exc}") from exc
            text = item.get("text") if isinstance(item, dict) else None
            if not isinstance(text, str) or not text.strip():
                continue  # nothing to read; a real ingest would skip it too
            published = None
            if item.get("published"):
                try:
                    published = parse_published(str(item["published"]))
                except ValueError:
                    published = None
            base.append(
                Record(
                    text=text,
                    id=str(item["id"]) if item.get("id") not in (None, "") else f"line-{number}",
                    published=published,
                    title=item.get("title"),
                    outlet=item.get("outlet"),
                    url=item.get("url"),
                )
            )
    if not base:
        raise BenchError(f"{path}: no records with a non-empty 'text' field")
    records = list(base)
    for copy in range(2, repeat + 1):
        records.extend(
            Record(
                text=r.text,
                id=f"{r.id}~r{copy}",
                published=r.published,
                title=r.title,
                outlet=r.outlet,
                url=r.url,
            )
            for r in base
        )
    return records


def copy_records(records: list) -> list:
    """Fresh Record objects, so no stage sees what an earlier one did to them."""
    from dossier.ingest.records import Record

    return [
        Record(text=r.text, id=r.id, published=r.published, title=r.title, outlet=r.outlet, url=r.url) for r in records
    ]


def count_words(texts: list[str]) -> int:
    return sum(len(text.split()) for text in texts)


# --------------------------------------------------------------------------- stages


def run_parse(texts: list[str], *, batch_size: int, processes: int, words: int) -> StageResult:
    from dossier.pipeline import load_language

    nlp = load_language(with_stages=False)
    gc.collect()
    count = 0
    start = time.perf_counter()
    for _doc in nlp.pipe(texts, batch_size=batch_size, n_process=processes):
        count += 1
    seconds = time.perf_counter() - start
    return StageResult("parse", processes, count, words, seconds)


def run_extract(records: list, *, batch_size: int, processes: int, words: int) -> StageResult:
    from dossier.pipeline import extract_records

    batch = copy_records(records)
    gc.collect()
    start = time.perf_counter()
    documents = list(extract_records(batch, batch_size=batch_size, n_process=processes))
    seconds = time.perf_counter() - start
    return StageResult("extract", processes, len(documents), words, seconds)


def time_stages(texts: list[str], *, batch_size: int, rounds: int) -> dict[str, float]:
    """Seconds each Dossier stage takes over already-parsed documents (fastest round).

    The stages run in their pipeline order on the same ``Doc`` objects, each reading what
    the earlier ones found, exactly as inside ``nlp.pipe``; only the parse is left out.
    """
    from dossier.extract import DEFAULT_STAGES, get_stage
    from dossier.pipeline import load_language

    docs = list(load_language(with_stages=False).pipe(texts, batch_size=batch_size))
    best: dict[str, float] = {}
    for _ in range(rounds):
        results = [{} for _ in docs]
        for stage_name in DEFAULT_STAGES:
            stage = get_stage(stage_name)
            gc.collect()
            start = time.perf_counter()
            for doc, found in zip(docs, results):
                found[stage_name] = stage(doc, found)
            seconds = time.perf_counter() - start
            best[stage_name] = min(best.get(stage_name, seconds), seconds)
    return best


def open_store(path: Path):
    from dossier.store import Store

    return Store(f"sqlite:///{path}")


def run_ingest(records: list, db: Path, *, batch_size: int, processes: int, words: int) -> StageResult:
    from dossier.pipeline import ingest_records

    batch = copy_records(records)
    with open_store(db) as store:  # a fresh file; its schema is made here, outside the timing
        gc.collect()
        start = time.perf_counter()
        outcomes = Counter(
            outcome.status for outcome in ingest_records(batch, store, batch_size=batch_size, n_process=processes)
        )
        seconds = time.perf_counter() - start
    return StageResult("ingest", processes, sum(outcomes.values()), words, seconds, dict(outcomes))


def warm_up(records: list, directory: Path, *, batch_size: int) -> float:
    """Load both pipelines and run one batch through every stage, before any timing.

    A full batch, not one article: the first batches pay for loading lexicons and the
    gazetteer and for growing spaCy's buffers, which no stage should be charged with.
    """
    from dossier.pipeline import extract_records, ingest_records, load_language

    start = time.perf_counter()
    sample = copy_records(records[: max(WARMUP_ARTICLES, min(batch_size, WARMUP_MAX_ARTICLES))])
    for _doc in load_language(with_stages=False).pipe([r.text for r in sample], batch_size=batch_size):
        pass
    list(extract_records(copy_records(sample), batch_size=batch_size))
    with open_store(directory / "warmup.db") as store:
        list(ingest_records(copy_records(sample), store, batch_size=batch_size))
    return time.perf_counter() - start


def best_of(stage: str, rounds: list[StageResult]) -> StageResult:
    """The fastest of a stage's rounds, as timeit does: slower ones measure the noise."""
    return min((r for r in rounds if r.stage == stage), key=lambda r: r.seconds)


def run_rounds(
    records: list,
    texts: list[str],
    directory: Path,
    *,
    stages: tuple[str, ...],
    rounds: int,
    batch_size: int,
    processes: int,
    words: int,
) -> list[StageResult]:
    """Every stage ``rounds`` times; the order rotates each round so no stage is always first."""
    options = {"batch_size": batch_size, "processes": processes, "words": words}
    done: list[StageResult] = []
    for number in range(rounds):
        shift = number % len(stages)
        for stage in stages[shift:] + stages[:shift]:
            if stage == "parse":
                done.append(run_parse(texts, **options))
            elif stage == "extract":
                done.append(run_extract(records, **options))
            else:
                db = directory / f"bench-p{processes}-r{number + 1}.db"
                done.append(run_ingest(records, db, **options))
    return done


# --------------------------------------------------------------------------- report


def peak_rss_mb() -> dict[str, float]:
    """Peak resident set size (ru_maxrss) of this process and of its largest child, in MB.

    The target applies to the larger of the two: with ``n_process > 1`` each worker is a
    fork of this process holding its own copy of the model, and their sum (also
    reported) counts the pages they share more than once.
    """
    unit = 1 if sys.platform == "darwin" else 1024  # macOS reports bytes, Linux kilobytes
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * unit / 2**20
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * unit / 2**20
    return {
        "self": round(own, 1),
        "children": round(children, 1),
        "max": round(max(own, children), 1),
        "sum": round(own + children, 1),
    }


def ratio(result: StageResult, baseline: StageResult) -> float:
    return result.articles_per_s / baseline.articles_per_s if baseline.articles_per_s else 0.0


def format_table(results: list[StageResult]) -> str:
    header = ("stage", "procs", "articles", "words", "seconds", "articles/s", "words/s")
    rows = [
        (
            r.stage,
            str(r.processes),
            str(r.articles),
            str(r.words),
            f"{r.seconds:.2f}",
            f"{r.articles_per_s:.2f}",
            f"{r.words_per_s:,.0f}",
        )
        for r in results
    ]
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header))]

    def line(row: tuple[str, ...]) -> str:  # the stage name to the left, figures to the right
        return "  ".join(cell.ljust(w) if i == 0 else cell.rjust(w) for i, (cell, w) in enumerate(zip(row, widths)))

    return "\n".join([line(header), "  ".join("-" * w for w in widths), *map(line, rows)])


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="bench_pipeline.py",
        description="Time spaCy parse-only, Dossier extract and Dossier ingest on the same texts.",
    )
    parser.add_argument(
        "--corpus",
        type=Path,
        default=DEFAULT_CORPUS,
        help=f"JSONL file, one article per line with a 'text' field (default: {DEFAULT_CORPUS})",
    )
    parser.add_argument("--limit", type=int, default=None, help="use only the first N articles of the corpus")
    parser.add_argument(
        "--repeat",
        type=int,
        default=1,
        help="repeat the corpus K times (copies get distinct ids) for steadier timings (default: 1)",
    )
    parser.add_argument("--batch-size", type=int, default=32, help="documents per nlp.pipe batch (default: 32)")
    parser.add_argument("--processes", type=int, default=1, help="nlp.pipe n_process for every stage (default: 1)")
    parser.add_argument(
        "--rounds",
        type=int,
        default=1,
        help="time every stage R times in rotating order and keep the fastest (default: 1)",
    )
    parser.add_argument(
        "--compare-processes",
        action="store_true",
        help="also run parse and extract with 1 and 2 processes and print the speed-up",
    )
    parser.add_argument("--json", type=Path, default=None, metavar="OUT", help="write the figures to OUT as JSON")
    parser.add_argument("--strict", action="store_true", help="exit with status 1 when a target is missed")
    args = parser.parse_args(argv)
    for name in ("limit", "repeat", "batch_size", "processes", "rounds"):
        value = getattr(args, name)
        if value is not None and value < 1:
            parser.error(f"--{name.replace('_', '-')} must be at least 1")
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    try:
        records = read_corpus(args.corpus.expanduser(), limit=args.limit, repeat=args.repeat)
    except BenchError as exc:
        print(f"bench: {exc}", file=sys.stderr)
        return 2

    import spacy

    from dossier.pipeline import load_language

    texts = [r.text for r in records]
    words = count_words(texts)
    meta = load_language(with_stages=False).meta
    model = f"{meta['lang']}_{meta['name']} {meta['version']}"
    print(
        f"corpus {args.corpus} | {len(records)} articles ({args.repeat}x), {words:,} words | "
        f"batch {args.batch_size}, processes {args.processes}, rounds {args.rounds} | "
        f"{model}, spaCy {spacy.__version__}",
        flush=True,
    )

    if (args.processes > 1 or args.compare_processes) and len(records) < 4 * args.batch_size * max(2, args.processes):
        print(
            f"note: {len(records)} articles make only {-(-len(records) // args.batch_size)} batch(es) of "
            f"{args.batch_size}; worker processes get little to share (raise --repeat or lower --batch-size)",
            flush=True,
        )
    common = {"rounds": args.rounds, "batch_size": args.batch_size, "words": words}
    with tempfile.TemporaryDirectory(prefix="dossier-bench-") as tmp:
        directory = Path(tmp)
        warm = warm_up(records, directory, batch_size=args.batch_size)
        print(f"warm-up: {warm:.1f}s", flush=True)

        timed = run_rounds(
            records, texts, directory, stages=("parse", "extract", "ingest"), processes=args.processes, **common
        )
        results = [best_of(stage, timed) for stage in ("parse", "extract", "ingest")]

        scaling: dict[str, dict] = {}
        extra: list[StageResult] = []
        if args.compare_processes:
            for procs in (1, 2):
                if procs != args.processes:
                    more = run_rounds(records, texts, directory, stages=("parse", "extract"), processes=procs, **common)
                    timed.extend(more)
                    extra.extend(best_of(stage, more) for stage in ("parse", "extract"))
            for stage in ("parse", "extract"):
                one, two = (
                    next(r for r in results + extra if r.stage == stage and r.processes == procs) for procs in (1, 2)
                )
                scaling[stage] = {
                    "articles_per_s_1": round(one.articles_per_s, 3),
                    "articles_per_s_2": round(two.articles_per_s, 3),
                    "speedup": round(two.articles_per_s / one.articles_per_s, 3),
                }

        stage_seconds = time_stages(texts, batch_size=args.batch_size, rounds=args.rounds)

    print()
    print(format_table(results + extra))
    print()
    parse, ingest = results[0], results[2]
    extract_seconds = results[1].seconds
    stage_shares = {}
    for stage_name, seconds in stage_seconds.items():
        share = seconds / extract_seconds
        target = STAGE_SHARE_TARGETS.get(stage_name)
        verdict = "" if target is None else f"  (target <= {target:.0%})  {'PASS' if share <= target else 'FAIL'}"
        stage_shares[stage_name] = {
            "seconds": round(seconds, 4),
            "ms_per_article": round(1000 * seconds / len(texts), 3),
            "share_of_extract": round(share, 4),
            "target": target,
            "pass": None if target is None else share <= target,
        }
        print(f"stage {stage_name}: {1000 * seconds / len(texts):.2f} ms/article, {share:.1%} of extract time{verdict}")
    checks = {}
    for stage, target in TARGETS.items():
        value = ratio(next(r for r in results if r.stage == stage), parse)
        checks[stage] = {"ratio": round(value, 3), "target": target, "pass": value >= target}
        print(f"{stage}/parse: {value:.2f}x  (target >= {target:.1f}x)  {'PASS' if value >= target else 'FAIL'}")
    if set(ingest.outcomes) - {"stored"}:
        print(f"note: ingest outcomes {ingest.outcomes}; only 'stored' documents were parsed and saved")
    rss = peak_rss_mb()
    rss_pass = rss["max"] < RSS_TARGET_MB
    children = f", largest worker {rss['children']:.0f} MB, sum {rss['sum']:.0f} MB" if rss["children"] else ""
    print(
        f"peak RSS: {rss['max']:.0f} MB (main process {rss['self']:.0f} MB{children})"
        f"  (target < {RSS_TARGET_MB:.0f} MB)  {'PASS' if rss_pass else 'FAIL'}"
    )
    for stage, figures in scaling.items():
        print(
            f"{stage} speed-up with 2 processes: {figures['speedup']:.2f}x "
            f"({figures['articles_per_s_1']:.2f} -> {figures['articles_per_s_2']:.2f} articles/s)"
        )

    passed = (
        all(check["pass"] for check in checks.values())
        and rss_pass
        and all(share["pass"] is not False for share in stage_shares.values())
    )
    if args.json:
        report = {
            "when": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
            "corpus": str(args.corpus),
            "articles": len(records),
            "words": words,
            "repeat": args.repeat,
            "limit": args.limit,
            "batch_size": args.batch_size,
            "processes": args.processes,
            "rounds": args.rounds,
            "model": model,
            "spacy": spacy.__version__,
            "python": platform.python_version(),
            "platform": platform.platform(),
            "cpus": os.cpu_count(),
            "warmup_seconds": round(warm, 3),
            "stages": [r.as_json() for r in results],
            "ratios": checks,
            "stage_shares": stage_shares,
            "peak_rss_mb": {**rss, "target": RSS_TARGET_MB, "pass": rss_pass},
            "process_scaling": {"best": [r.as_json() for r in extra], **scaling} if scaling else None,
            "all_rounds": [r.as_json() for r in timed],
            "pass": passed,
        }
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
        print(f"figures written to {args.json}")
    return 1 if args.strict and not passed else 0


if __name__ == "__main__":
    sys.exit(main())
