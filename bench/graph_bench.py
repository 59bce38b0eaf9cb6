"""Time ``Store.dyad`` on a synthetic store of N graph events (SQLite).

    .venv/bin/python bench/graph_bench.py --events 1000000 [--db PATH] [--keep] [--json OUT]

The store is made by ``Store()`` (the real migrations), then filled straight through
``sqlite3`` in big transactions, the secondary indexes dropped during the load and made
again after it (their SQL is read back from ``sqlite_master``, so they are the
migrations' own). It holds what the dyad query reads: graph events, their reports
(``graph_event_mentions`` and ``events`` rows in ``documents``), attributions with their
speakers (``actors``, joined to graph identities so that opening the store starts no
rebuild) and the dyad rows.

The distribution aims at news: 150 countries drawn by a Zipf law (a few dyads, like
USA–CHN, are very frequent, most are rare), dates 1990-2026 with more news each year,
60% of reports dated by their text (a day, else a month), the rest by their
publication week, 0.5% undated; PLOVER types with their CAMEO codes; statuses from
asserted (most) to unconfirmed; 80% of events have one report, the rest 2-5.

It then opens the store as a user would (``Store(url)``) and times ``Store.dyad`` for a
frequent, a medium and a rare dyad: warm cache, median of ``--runs`` runs. It prints the
SQLite plan (EXPLAIN QUERY PLAN) of the range scan and of the report query.
"""

from __future__ import annotations

import argparse
import bisect
import datetime as dt
import itertools
import json
import random
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
try:
    import dossier  # noqa: F401
except ImportError:  # not installed: use the checkout
    sys.path.insert(0, str(REPO_ROOT / "src"))

from dossier.resolve.cameo import goldstein, quad_class  # noqa: E402
from dossier.resolve.event_identity import dyads  # noqa: E402
from dossier.store import Store  # noqa: E402

# 150 ISO alpha-3 codes, roughly by how often news names them (the Zipf rank).
COUNTRIES = """
USA CHN RUS UKR ISR IRN GBR FRA DEU IND PRK KOR JPN PSE SYR TUR SAU PAK AFG IRQ CAN AUS
BRA MEX ITA EGY ESP POL VEN TWN LBN YEM QAT ARE NGA ZAF ETH SDN LBY MMR PHL IDN VNM THA
BLR GEO ARM AZE KAZ HUN SRB ROU GRC NLD BEL SWE NOR FIN DNK CHE AUT PRT IRL CZE SVK BGR
HRV BIH MDA LTU LVA EST KEN SOM UGA TZA RWA COD CMR MLI NER BFA TCD SEN CIV GHA DZA MAR
TUN JOR KWT OMN BHR CUB COL PER CHL ARG BOL ECU NIC HND GTM SLV HTI DOM PAN CRI URY PRY
NZL MYS SGP BGD LKA NPL KHM LAO MNG UZB TKM KGZ TJK CYP MLT ISL LUX SVN MKD ALB MNE XKX
ZWE ZMB MOZ AGO NAM BWA MDG MWI ERI DJI SSD CAF GIN SLE LBR GMB MRT TGO BEN GAB COG GNQ
FJI PNG
""".split()[:150]

# PLOVER types with a few CAMEO codes each, weighted roughly as news reports them.
TYPES = [
    ("CONSULT", ["040", "042", "043", "046"], 18),
    ("AGREE", ["030", "033", "057"], 8),
    ("SUPPORT", ["050", "051", "057"], 7),
    ("COOPERATE", ["061", "062", "064"], 6),
    ("AID", ["070", "071", "072", "073"], 6),
    ("REQUEST", ["020", "021", "028"], 7),
    ("DEMAND", ["100", "101"], 4),
    ("ACCUSE", ["111", "112", "115"], 10),
    ("REJECT", ["120", "125", "129"], 6),
    ("THREATEN", ["130", "138"], 5),
    ("PROTEST", ["140", "141"], 3),
    ("SANCTION", ["160", "163"], 6),
    ("MOBILIZE", ["150", "152"], 3),
    ("COERCE", ["170", "173"], 4),
    ("ASSAULT", ["180", "181", "186"], 4),
    ("RETREAT", ["080", "087"], 3),
]
STATUSES = [
    ("asserted", 55),
    ("reported", 25),
    ("alleged", 7),
    ("denied", 5),
    ("speculated", 3),
    ("predicted", 3),
    ("unconfirmed", 2),
]
OUTLETS = ["Wire One", "Wire Two", "Harbor Post", "Capital Daily", "Global Desk", "Morning Ledger"]
FIRST, LAST = 1990, 2026
EVENTS_PER_DOCUMENT = 4
SPEAKERS = 2000
NOW = "2026-01-01 00:00:00.000000"


def _cumulative(weights):
    return list(itertools.accumulate(weights))


def _draw(rng: random.Random, items, cumulative):
    return items[bisect.bisect(cumulative, rng.random() * cumulative[-1])]


def _day(rng: random.Random, years, year_weights) -> dt.date:
    year = _draw(rng, years, year_weights)
    return dt.date(year, 1, 1) + dt.timedelta(days=rng.randrange(365))


def _drop_indexes(conn: sqlite3.Connection, tables) -> list[str]:
    """Drop the named (secondary) indexes of ``tables``; return their SQL to make them again."""
    marks = ",".join("?" * len(tables))
    found = conn.execute(
        f"SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN ({marks})",
        tables,
    ).fetchall()
    for name, _ in found:
        conn.execute(f'DROP INDEX "{name}"')
    return [sql for _, sql in found]


def build(path: Path, n_events: int, seed: int) -> dict:
    """Fill a fresh store at ``path`` with ``n_events`` graph events; returns figures."""
    rng = random.Random(seed)
    with Store(f"sqlite:///{path}"):
        pass  # the real schema, migrated
    started = time.perf_counter()
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode = OFF")
    conn.execute("PRAGMA synchronous = OFF")
    conn.execute("PRAGMA cache_size = -1000000")
    conn.execute("PRAGMA temp_store = MEMORY")
    tables = (
        "documents",
        "events",
        "attributions",
        "actors",
        "graph_events",
        "graph_event_mentions",
        "graph_dyads",
        "graph_actors",
        "graph_actor_members",
    )
    index_sql = _drop_indexes(conn, tables)
    conn.execute("BEGIN")

    ranks = _cumulative([1 / (r + 1) ** 1.05 for r in range(len(COUNTRIES))])
    years = list(range(FIRST, LAST + 1))
    year_weights = _cumulative([1 + (y - FIRST) * 0.15 for y in years])  # more news every year
    type_weights = _cumulative([w for *_, w in TYPES])
    statuses = [s for s, _ in STATUSES]
    status_weights = _cumulative([w for _, w in STATUSES])
    speakers = [f"spokesperson-{i}" for i in range(SPEAKERS)]
    conn.executemany(
        "INSERT INTO graph_actors (id, kind, name, name_key, country, created_at) VALUES (?, 'person', ?, ?, ?, ?)",
        [
            (s, f"Spokesperson {i}", f"spokesperson {i}", COUNTRIES[i % len(COUNTRIES)], NOW)
            for i, s in enumerate(speakers)
        ],
    )

    graph_rows, dyad_rows, mention_rows, event_rows = [], [], [], []
    document_rows, actor_rows, member_rows, attribution_rows = [], [], [], []
    counts = {"graph_events": 0, "reports": 0, "documents": 0, "dyad_rows": 0}
    doc_number, slot, doc_id, doc_published = 0, EVENTS_PER_DOCUMENT, "", None

    def flush(final: bool = False) -> None:
        if len(graph_rows) < 50_000 and not final:
            return
        conn.executemany(
            "INSERT INTO documents (pk, id, schema_version, title, outlet, url, language, published, text, "
            "text_sha256, content_sha256, pipeline, ingested_at) VALUES (?, ?, 'dossier.document/1', ?, ?, ?, 'en', ?, ?, "
            "'0', '0', 'bench', ?)",
            document_rows,
        )
        conn.executemany(
            "INSERT INTO actors (document_id, id, seq, name, kind, country, roles) VALUES (?, ?, ?, ?, 'person', ?, '[]')",
            actor_rows,
        )
        conn.executemany(
            "INSERT INTO graph_actor_members (document_id, actor_id, graph_actor_id, reason, rule) "
            "VALUES (?, ?, ?, 'synthetic', 'auto')",
            member_rows,
        )
        conn.executemany(
            "INSERT INTO attributions (document_id, id, seq, speaker_id, source_start, source_end, source_text, "
            "cue_start, cue_end, cue_text, content, direct) VALUES (?, ?, ?, ?, 0, 10, ?, 11, 15, 'said', '[]', 0)",
            attribution_rows,
        )
        conn.executemany(
            "INSERT INTO events (document_id, id, seq, type, contexts, cameo, source_actors, target_actors, "
            "trigger_start, trigger_end, trigger_text, sentence_start, sentence_end, sentence_text, root, negated, "
            "status, attribution_id) VALUES (?, ?, ?, ?, '[]', ?, '[]', '[]', ?, ?, ?, ?, ?, ?, 1, ?, ?, ?)",
            event_rows,
        )
        conn.executemany(
            "INSERT INTO graph_events (id, type, cameo, goldstein, quad_class, source_key, target_key, start_date, "
            "end_date, dated, mentions, documents) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            graph_rows,
        )
        conn.executemany(
            "INSERT INTO graph_event_mentions (document_id, event_id, graph_event_id, start_date, end_date, dated) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            mention_rows,
        )
        conn.executemany(
            "INSERT INTO graph_dyads (side_a, side_b, graph_event_id, relation, start_date) VALUES (?, ?, ?, ?, ?)",
            dyad_rows,
        )
        for rows in (
            graph_rows,
            dyad_rows,
            mention_rows,
            event_rows,
            document_rows,
            actor_rows,
            member_rows,
            attribution_rows,
        ):
            rows.clear()

    for graph_id in range(1, n_events + 1):
        type_, codes, _ = _draw(rng, TYPES, type_weights)
        cameo = rng.choice(codes)
        first = _draw(rng, COUNTRIES, ranks)
        second = _draw(rng, COUNTRIES, ranks)
        while second == first:
            second = _draw(rng, COUNTRIES, ranks)
        shape = rng.random()
        if shape < 0.15:  # "A and B held talks": each on both sides
            source = target = sorted((first, second))
        elif shape < 0.25:  # "A and B sent arms to C"
            third = _draw(rng, COUNTRIES, ranks)
            source, target = sorted({first, second}), ([third] if third not in (first, second) else [])
        elif shape < 0.32:  # "A and B denied ...": nobody acted on
            source, target = sorted((first, second)), []
        else:
            source, target = [first], [second]
        day = _day(rng, years, year_weights)
        how = rng.random()
        if how < 0.005:
            start = end = None
            dated = False
        elif how < 0.45:
            start = end = day
            dated = True
        elif how < 0.6:
            start = day.replace(day=1)
            end = (start.replace(day=28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(days=1)
            dated = True
        else:
            start, end, dated = day - dt.timedelta(days=6), day, False
        n_reports = 1 if rng.random() < 0.8 else rng.randint(2, 5)
        documents_seen = set()
        for _ in range(n_reports):
            if slot >= EVENTS_PER_DOCUMENT or rng.random() < 0.1:
                doc_number += 1
                slot = 0
                doc_id = f"bench-{doc_number:08d}"
                doc_published = (end or day) + dt.timedelta(days=rng.randrange(3)) if start is not None else None
                outlet = OUTLETS[doc_number % len(OUTLETS)]
                document_rows.append(
                    (
                        doc_number,
                        doc_id,
                        f"{first} and {second}: report {doc_number}",
                        outlet,
                        f"https://example.invalid/{doc_id}",
                        doc_published.isoformat() if doc_published else None,
                        f"Synthetic article {doc_number}.",
                        NOW,
                    )
                )
                speaker = speakers[rng.randrange(SPEAKERS)]
                actor_rows.append((doc_id, "a1", 0, speaker.replace("-", " ").title(), COUNTRIES[rng.randrange(150)]))
                member_rows.append((doc_id, "a1", speaker))
                attribution_rows.append((doc_id, "q1", 0, "a1", "the ministry"))
            slot += 1
            event_id = f"e{slot}"
            status = _draw(rng, statuses, status_weights)
            sentence = (
                f"{first} {type_.lower()} {second} over the border dispute, officials said on {start or 'a day'}."
            )
            event_rows.append(
                (
                    doc_id,
                    event_id,
                    slot,
                    type_,
                    cameo,
                    0,
                    len(type_),
                    type_.lower(),
                    0,
                    len(sentence),
                    sentence,
                    int(status == "denied" and rng.random() < 0.3),
                    status,
                    "q1" if rng.random() < 0.6 else None,
                )
            )
            mention_rows.append(
                (doc_id, event_id, graph_id, start and start.isoformat(), end and end.isoformat(), int(dated))
            )
            documents_seen.add(doc_id)
            counts["reports"] += 1
        graph_rows.append(
            (
                graph_id,
                type_,
                cameo,
                goldstein(cameo),
                quad_class(cameo),
                ",".join(source),
                ",".join(target),
                start and start.isoformat(),
                end and end.isoformat(),
                int(dated),
                n_reports,
                len(documents_seen),
            )
        )
        for a, b, relation in dyads(source, target):
            dyad_rows.append((a, b, graph_id, relation, start and start.isoformat()))
            counts["dyad_rows"] += 1
        counts["graph_events"] += 1
        flush()
    flush(final=True)
    conn.execute("COMMIT")
    loaded = time.perf_counter()
    for sql in index_sql:
        conn.execute(sql)
    conn.close()
    counts.update(
        documents=doc_number,
        load_s=round(loaded - started, 1),
        index_s=round(time.perf_counter() - loaded, 1),
        build_s=round(time.perf_counter() - started, 1),
        size_mb=round(path.stat().st_size / 2**20),
    )
    return counts


def pick_dyads(path: Path) -> dict[str, tuple[str, str, int]]:
    """The most frequent dyad, one near 1,000 events and one near 20."""
    conn = sqlite3.connect(path)
    rows = conn.execute(
        "SELECT side_a, side_b, count(*) AS n FROM graph_dyads GROUP BY side_a, side_b ORDER BY n DESC"
    ).fetchall()
    conn.close()

    def near(target: int):
        return min(rows, key=lambda r: (abs(r[2] - target), r[0], r[1]))

    return {"frequent": rows[0], "medium": near(1000), "rare": near(20)}


def plan(store: Store, a: str, b: str) -> list[str]:
    """EXPLAIN QUERY PLAN of each statement ``dyad`` runs (``dyad.DyadQueries``), for the
    last page of 100 of the pair since 2015."""
    from sqlalchemy.dialects import sqlite

    from dossier.store.dyad import DyadQueries, find_pair

    lines = []
    with store.engine.connect() as conn:
        raw = conn.connection.driver_connection
        pair = find_pair(conn, a, b)
        queries = DyadQueries(conn, pair, since=dt.date(2015, 1, 1))
        count, dated = conn.execute(queries.count()).one()
        ids = conn.execute(queries.ids(dated=True, offset=max(dated - 100, 0), limit=100)).scalars().all()
        statements = {
            "count (index only)": queries.count(),
            "page of ids in date order": queries.ids(dated=True, offset=max(dated - 100, 0), limit=100),
            "quarters": queries.quarters(),
            "quarters, no window": DyadQueries(conn, pair).quarters(),
            "graph events of the page": queries.events(ids),
            "reports of the page": queries.reports(ids),
        }
        for title, statement in statements.items():
            compiled = statement.compile(dialect=sqlite.dialect(), compile_kwargs={"literal_binds": True})
            lines.append(f"-- {title}")
            lines.extend(f"   {row[-1]}" for row in raw.execute(f"EXPLAIN QUERY PLAN {compiled}"))
    return lines


def time_dyad(store: Store, a: str, b: str, runs: int, **kwargs) -> tuple[float, int, int]:
    """Median milliseconds of ``store.dyad`` over ``runs`` warm runs; events and reports returned."""
    report = store.dyad(a, b, **kwargs)  # warm the page cache
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        report = store.dyad(a, b, **kwargs)
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times), len(report.events), sum(len(e.reports) for e in report.events)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=1_000_000, help="graph events to generate (default 1,000,000)")
    parser.add_argument("--db", type=Path, help="SQLite file to build (default: a temporary one); must not exist")
    parser.add_argument("--reuse", action="store_true", help="time an existing --db instead of building it")
    parser.add_argument("--runs", type=int, default=7, help="timed runs per query; the median is reported")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    args = parser.parse_args()

    tmp = None
    if args.db is None:
        tmp = tempfile.TemporaryDirectory(prefix="dossier-graph-bench-")
        args.db = Path(tmp.name) / "graph.db"
    figures: dict = {"events_requested": args.events, "db": str(args.db)}
    if args.reuse:
        if not args.db.exists():
            parser.error(f"--reuse: {args.db} does not exist")
    else:
        if args.db.exists():
            parser.error(f"{args.db} exists; remove it or pass --reuse")
        print(f"building {args.events:,} graph events in {args.db} ...", flush=True)
        figures["build"] = build(args.db, args.events, args.seed)
        b = figures["build"]
        print(
            f"built: {b['graph_events']:,} graph events, {b['reports']:,} reports in {b['documents']:,} documents, "
            f"{b['dyad_rows']:,} dyad rows; {b['build_s']} s ({b['load_s']} s load + {b['index_s']} s indexes), "
            f"{b['size_mb']} MB"
        )
    chosen = pick_dyads(args.db)
    figures["dyads"] = {}
    with Store(f"sqlite:///{args.db}") as store:
        with store.engine.connect() as conn:
            total = conn.exec_driver_sql("SELECT count(*) FROM graph_events").scalar()
        figures["events_in_store"] = total
        print(f"events in store: {total:,}\n")
        print(f"{'dyad':<10} {'pair':<9} {'query':<26} {'events':>8} {'reports':>8} {'ms (median)':>12}")
        for label, (a, b, n) in chosen.items():
            queries = {"all": {}, "since 2020": {"since": dt.date(2020, 1, 1)}}
            if n > 1000:
                queries["last 100 (CLI --limit)"] = {"limit": 100, "offset": -100}
            for name, kwargs in queries.items():
                ms, events, reports = time_dyad(store, a, b, args.runs, **kwargs)
                figures["dyads"][f"{label} {a}-{b} {name}"] = {"events": events, "reports": reports, "ms": round(ms, 1)}
                print(f"{label:<10} {a + '-' + b:<9} {name:<26} {events:>8,} {reports:>8,} {ms:>12.1f}")
        a, b, _ = chosen["frequent"]
        print("\nEXPLAIN QUERY PLAN (dyad " + f"{a}-{b} since 2015):")
        figures["plan"] = plan(store, a, b)
        print("\n".join(figures["plan"]))
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(figures, indent=2, default=str) + "\n", encoding="utf-8")
    if tmp is not None:
        tmp.cleanup()


if __name__ == "__main__":
    main()
