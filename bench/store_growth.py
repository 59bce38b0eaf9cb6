"""Per-document ingest cost as the store grows: does saving stay flat at tens of thousands?

    .venv/bin/python bench/store_growth.py [--documents 50000] [--base 60] [--window 1000]
        [--corpus PATH] [--db URL] [--json OUT]

The first ``--base`` stories of the corpus are extracted once. The store then receives
``--documents`` documents made from them, each re-identified and re-dated so that it is a
document of its own whose events are events of their own: the k-th copy of a story gets
its own id, a marker line after its text, and its publication date and every timex moved
``k`` strides later. A stride (two years) is longer than any placing two reports may share,
so a copy never reports the events of an earlier copy of the same story: the store grows
the way years of news do, with as many events in any one season as in the first. Each is saved with ``Store.save`` (one transaction, identities and graph
linking included); extraction is not timed, only what the store does.

It prints the mean save time of each ``--window`` documents and the ratio of the last
window to the first, against the target (at most 1.25: linking reads candidates by
indexed keys, so its cost must not grow with what is stored). ``--db`` names the store
(default: a temporary SQLite file; give a PostgreSQL URL to measure the server store,
whose schema should be empty).
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = (REPO_ROOT / ".." / "shared" / "corpora" / "voa" / "voa_stories.jsonl").resolve()
TARGET_RATIO = 1.25

try:  # the package installed in the venv, else the checkout's src/
    from dossier.ingest import read_inputs
    from dossier.ingest.records import Record
    from dossier.pipeline import extract_records, pipeline_tag
    from dossier.resolve.event_identity import MAX_SPAN_DAYS
    from dossier.store import Store
except ImportError:  # pragma: no cover - depends on how the venv was set up
    sys.path.insert(0, str(REPO_ROOT / "src"))
    from dossier.ingest import read_inputs
    from dossier.ingest.records import Record
    from dossier.pipeline import extract_records, pipeline_tag
    from dossier.resolve.event_identity import MAX_SPAN_DAYS
    from dossier.store import Store

#: How far each copy of a story is moved: past any placing two reports may share.
STRIDE = dt.timedelta(days=2 * MAX_SPAN_DAYS)


def base_documents(corpus: Path, count: int) -> list:
    records = []
    for item in read_inputs([str(corpus)]):
        if isinstance(item, Record):
            records.append(item)
        if len(records) == count:
            break
    return list(extract_records(records))


def variant(document, copy: int):
    """The ``copy``-th re-identified, re-dated copy of a document (copy 0 is itself)."""
    if copy == 0:
        return document
    shift = STRIDE * copy
    timexes = [
        timex.model_copy(
            update={
                "start": timex.start + shift if timex.start else None,
                "end": timex.end + shift if timex.end else None,
            }
        )
        for timex in document.timexes
    ]
    digest = hashlib.sha256(f"{document.id}#{copy}".encode()).hexdigest()
    return document.model_copy(
        update={
            "id": f"sha256:{digest}",
            "text": f"{document.text}\n[copy {copy}]",
            "published": document.published + shift if document.published else None,
            "timexes": timexes,
        }
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=50_000)
    parser.add_argument("--base", type=int, default=60, help="corpus stories extracted once and copied")
    parser.add_argument("--window", type=int, default=1_000, help="documents per reported mean")
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--db", help="store URL (default: a temporary SQLite file)")
    parser.add_argument("--json", type=Path, help="write the figures here too")
    args = parser.parse_args(argv)
    if not args.corpus.is_file():
        print(f"error: {args.corpus}: no such corpus file", file=sys.stderr)
        return 2

    started = time.perf_counter()
    base = base_documents(args.corpus, args.base)
    print(f"extracted {len(base)} stories in {time.perf_counter() - started:.1f}s")
    folder = tempfile.TemporaryDirectory()
    url = args.db or f"sqlite:///{Path(folder.name) / 'growth.db'}"
    tag = pipeline_tag()
    windows: list[float] = []
    current: list[float] = []
    with Store(url) as store:
        for number in range(args.documents):
            document = variant(base[number % len(base)], number // len(base))
            begin = time.perf_counter()
            store.save(document, pipeline=tag, source="store_growth")
            current.append(time.perf_counter() - begin)
            if len(current) == args.window:
                windows.append(statistics.fmean(current) * 1000)
                current = []
                print(f"  documents {number + 1 - args.window + 1:>6}-{number + 1:<6} {windows[-1]:7.2f} ms/document")
        stats = store.stats()
    if len(windows) < 2:
        print("too few documents for two windows", file=sys.stderr)
        return 2
    ratio = windows[-1] / windows[0]
    verdict = "PASS" if ratio <= TARGET_RATIO else "FAIL"
    backend = url.split(":", 1)[0]
    print(
        f"{backend}: first {args.window} {windows[0]:.2f} ms/document, last {args.window} "
        f"{windows[-1]:.2f} ms/document: ratio {ratio:.2f} (target <= {TARGET_RATIO})  {verdict}"
    )
    print(f"store: {stats.get('documents')} documents, {stats.get('events')} events")
    if args.json:
        args.json.write_text(
            json.dumps(
                {
                    "backend": backend,
                    "documents": args.documents,
                    "window": args.window,
                    "ms_per_document": windows,
                    "ratio": ratio,
                    "target": TARGET_RATIO,
                },
                indent=2,
            )
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
