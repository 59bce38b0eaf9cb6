"""The store: exact round trips, one transaction per document, search, actors, stats,
migrations. Every test taking ``store`` or ``store_url`` runs on SQLite (file and
memory) and on PostgreSQL (see conftest.py)."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

import pytest
from alembic.script import ScriptDirectory
from sqlalchemy import func, inspect, select, text

from dossier.contract import Actor, Attribution, Document, Event, Role, Span, Timex
from dossier.errors import DocumentNotFound, StoreError
from dossier.store import (
    HIGHLIGHT_END,
    HIGHLIGHT_START,
    ActorSummary,
    SearchHit,
    Store,
    alembic_config,
    codec,
    core,
    text_sha256,
)
from dossier.store.schema import CHILD_TABLES, documents, metadata

#: The latest migration: what a store opened today is brought up to.
HEAD = ScriptDirectory.from_config(alembic_config()).get_current_head()

PIPELINE = "dossier-test/1"
ROOT = Path(__file__).resolve().parents[1]


def sp(text_: str, phrase: str, nth: int = 0) -> Span:
    """The span of the ``nth`` occurrence of ``phrase`` in ``text_``."""
    start = -1
    for _ in range(nth + 1):
        start = text_.index(phrase, start + 1)
    return Span(start=start, end=start + len(phrase), text=phrase)


# -- test articles (invented wire copy) ----------------------------------------------

SEOUL = (
    "SEOUL, March 12 (Example Wire) - South Korea sent a delegation to Pyongyang on Tuesday "
    "for talks on reopening a border liaison office, the Unification Ministry said. "
    '"We hope the delegation can restore a channel that has been silent for three years," '
    "Vice Minister Hwang Min-seo told reporters. North Korea did not reject the proposal, "
    "and Seoul said a second delegation could follow in April."
)


def seoul_document() -> Document:
    t = SEOUL
    s1 = sp(
        t,
        "South Korea sent a delegation to Pyongyang on Tuesday for talks on reopening a "
        "border liaison office, the Unification Ministry said.",
    )
    s3 = sp(t, "North Korea did not reject the proposal, and Seoul said a second delegation could follow in April.")
    return Document(
        id="wire-seoul-001",
        title="South Korean delegation heads to Pyongyang for liaison talks",
        outlet="Example Wire",
        url="https://example.invalid/wire/seoul-001",
        language="en",
        published="2024-03-12",
        text=t,
        actors=[
            Actor(
                id="a1",
                name="South Korea",
                kind="state",
                country="KOR",
                code="KOR",
                mentions=[sp(t, "South Korea"), sp(t, "Seoul")],
            ),
            Actor(
                id="a2",
                name="North Korea",
                kind="state",
                country="PRK",
                code="PRK",
                mentions=[sp(t, "Pyongyang"), sp(t, "North Korea")],
            ),
            Actor(
                id="a3",
                name="Unification Ministry",
                kind="organization",
                country="KOR",
                sector="GOV",
                code="KORGOV",
                mentions=[sp(t, "the Unification Ministry")],
            ),
            Actor(
                id="a4",
                name="Hwang Min-seo",
                kind="person",
                country="KOR",
                sector="GOV",
                code="KORGOV",
                roles=[Role(title="Vice Minister", organization="Unification Ministry", country="KOR")],
                mentions=[sp(t, "Hwang Min-seo"), sp(t, "We")],
            ),
        ],
        events=[
            Event(
                id="e1",
                type="CONSULT",
                mode="visit",
                contexts=["diplomatic"],
                cameo="043",
                source=["a1"],
                target=["a2"],
                trigger=sp(t, "sent a delegation"),
                sentence=s1,
                root=True,
                status="reported",
                attribution="q1",
                time="t2",
            ),
            Event(
                id="e2",
                type="REJECT",
                cameo="12",
                source=["a2"],
                target=["a1"],
                trigger=sp(t, "reject"),
                sentence=s3,
                root=True,
                negated=True,
            ),
            Event(
                id="e3",
                type="CONSULT",
                mode="visit",
                contexts=["diplomatic", "border"],
                cameo="043",
                source=["a1"],
                target=["a2"],
                trigger=sp(t, "follow"),
                sentence=s3,
                status="speculated",
                attribution="q3",
                time="t3",
            ),
        ],
        attributions=[
            Attribution(
                id="q1",
                speaker="a3",
                source=sp(t, "the Unification Ministry"),
                cue=sp(t, "said"),
                content=[
                    sp(
                        t,
                        "South Korea sent a delegation to Pyongyang on Tuesday for "
                        "talks on reopening a border liaison office",
                    )
                ],
            ),
            Attribution(
                id="q2",
                speaker="a4",
                source=sp(t, "Vice Minister Hwang Min-seo"),
                cue=sp(t, "told reporters"),
                direct=True,
                content=[sp(t, "We hope the delegation can restore a channel that has been silent for three years,")],
            ),
            Attribution(
                id="q3",
                speaker="a1",
                source=sp(t, "Seoul"),
                cue=sp(t, "said", 1),
                content=[sp(t, "a second delegation could follow in April")],
            ),
        ],
        timexes=[
            Timex(
                id="t1",
                span=sp(t, "March 12"),
                type="date",
                value="2024-03-12",
                start="2024-03-12",
                end="2024-03-12",
                granularity="day",
            ),
            Timex(
                id="t2",
                span=sp(t, "on Tuesday"),
                type="date",
                value="2024-03-12",
                start="2024-03-12",
                end="2024-03-12",
                granularity="day",
            ),
            Timex(
                id="t3",
                span=sp(t, "in April"),
                type="date",
                value="2024-04",
                start="2024-04-01",
                end="2024-04-30",
                granularity="month",
            ),
            Timex(id="t4", span=sp(t, "three years"), type="duration", value="P3Y", granularity="year"),
        ],
    )


DUBAI = (
    "DUBAI, May 3 (Example Wire) - Iran's foreign ministry accused Washington on Friday of "
    "fuelling tension in the Gulf with new arms sales to its neighbours, state television "
    "reported. The ministry said the arms sales would not go unanswered. A U.S. official "
    "denied that the sales were aimed at Tehran."
)


def dubai_document() -> Document:
    t = DUBAI
    s1 = sp(
        t,
        "Iran's foreign ministry accused Washington on Friday of fuelling tension in the "
        "Gulf with new arms sales to its neighbours, state television reported.",
    )
    s2 = sp(t, "The ministry said the arms sales would not go unanswered.")
    s3 = sp(t, "A U.S. official denied that the sales were aimed at Tehran.")
    return Document(
        id="wire-dubai-002",
        title="Iran accuses Washington over Gulf arms sales",
        outlet="Example Wire",
        url="https://example.invalid/wire/dubai-002",
        language="en",
        published=dt.date(2024, 5, 3),
        text=t,
        actors=[
            Actor(
                id="b1", name="Iran", kind="state", country="IRN", code="IRN", mentions=[sp(t, "Iran"), sp(t, "Tehran")]
            ),
            Actor(
                id="b2",
                name="Iranian Foreign Ministry",
                kind="organization",
                country="IRN",
                sector="GOV",
                code="IRNGOV",
                mentions=[sp(t, "Iran's foreign ministry"), sp(t, "The ministry")],
            ),
            Actor(
                id="b3",
                name="United States",
                kind="state",
                country="USA",
                code="USA",
                mentions=[sp(t, "Washington"), sp(t, "U.S.")],
            ),
            Actor(
                id="b4",
                name="Iranian state television",
                kind="organization",
                country="IRN",
                sector="MED",
                code="IRNMED",
                mentions=[sp(t, "state television")],
            ),
            Actor(
                id="b5",
                name="U.S. official",
                kind="person",
                country="USA",
                sector="GOV",
                code="USAGOV",
                roles=[Role(title="official", country="USA")],
                mentions=[sp(t, "A U.S. official")],
            ),
        ],
        events=[
            Event(
                id="f1",
                type="ACCUSE",
                mode="allege",
                contexts=["military"],
                cameo="112",
                source=["b2"],
                target=["b3"],
                trigger=sp(t, "accused"),
                sentence=s1,
                root=True,
                status="reported",
                attribution="c1",
                time="u2",
            ),
            Event(
                id="f2",
                type="THREATEN",
                cameo="13",
                source=["b2"],
                target=["b3"],
                trigger=sp(t, "would not go unanswered"),
                sentence=s2,
                root=True,
                status="predicted",
                attribution="c3",
            ),
            Event(
                id="f3",
                type="REJECT",
                cameo="12",
                source=["b5"],
                trigger=sp(t, "denied"),
                sentence=s3,
                root=True,
                status="denied",
                attribution="c4",
            ),
        ],
        attributions=[
            Attribution(
                id="c1",
                speaker="b4",
                source=sp(t, "state television"),
                cue=sp(t, "reported"),
                content=[
                    sp(
                        t,
                        "Iran's foreign ministry accused Washington on Friday of "
                        "fuelling tension in the Gulf with new arms sales to its neighbours",
                    )
                ],
            ),
            Attribution(
                id="c2",
                speaker="b2",
                source=sp(t, "Iran's foreign ministry"),
                cue=sp(t, "accused"),
                parent="c1",
                content=[
                    sp(t, "Washington on Friday of fuelling tension in the Gulf with new arms sales to its neighbours")
                ],
            ),
            Attribution(
                id="c3",
                speaker="b2",
                source=sp(t, "The ministry"),
                cue=sp(t, "said"),
                content=[sp(t, "the arms sales would not go unanswered")],
            ),
            Attribution(
                id="c4",
                speaker="b5",
                source=sp(t, "A U.S. official"),
                cue=sp(t, "denied"),
                content=[sp(t, "that the sales were aimed at Tehran")],
            ),
        ],
        timexes=[
            Timex(
                id="u1",
                span=sp(t, "May 3"),
                type="date",
                value="2024-05-03",
                start="2024-05-03",
                end="2024-05-03",
                granularity="day",
            ),
            Timex(
                id="u2",
                span=sp(t, "on Friday"),
                type="date",
                value="2024-05-03",
                start="2024-05-03",
                end="2024-05-03",
                granularity="day",
            ),
        ],
    )


GENEVA = (
    "GENEVA, June 20 (Example Wire) - Diplomats said U.S.-North Korea talks could resume "
    "later this year, though neither government confirmed any plan. A small delegation of "
    "envoys met in Geneva last week, according to two people familiar with the meeting. "
    "Pyongyang has not commented."
)


def geneva_document() -> Document:
    t = GENEVA
    s1 = sp(
        t,
        "Diplomats said U.S.-North Korea talks could resume later this year, though "
        "neither government confirmed any plan.",
    )
    s2 = sp(
        t, "A small delegation of envoys met in Geneva last week, according to two people familiar with the meeting."
    )
    return Document(
        id="wire-geneva-003",
        title="Envoys weigh resumption of talks",
        outlet="Lakeside Post",
        published="2024-06-20",
        text=t,
        actors=[
            Actor(id="g1", name="United States", kind="state", country="USA", code="USA", mentions=[sp(t, "U.S.")]),
            Actor(
                id="g2",
                name="North Korea",
                kind="state",
                country="PRK",
                code="PRK",
                mentions=[sp(t, "North Korea"), sp(t, "Pyongyang")],
            ),
            Actor(id="g3", name="diplomats", kind="group", mentions=[sp(t, "Diplomats")]),
        ],
        events=[
            Event(
                id="h1",
                type="CONSULT",
                cameo="04",
                source=["g1"],
                target=["g2"],
                trigger=sp(t, "talks could resume"),
                sentence=s1,
                root=True,
                status="speculated",
                attribution="i1",
                time="v2",
            ),
            Event(
                id="h2",
                type="CONSULT",
                mode="visit",
                cameo="043",
                trigger=sp(t, "met"),
                sentence=s2,
                root=True,
                status="reported",
                attribution="i2",
                time="v3",
            ),
        ],
        attributions=[
            Attribution(
                id="i1",
                speaker="g3",
                source=sp(t, "Diplomats"),
                cue=sp(t, "said"),
                content=[sp(t, "U.S.-North Korea talks could resume later this year")],
            ),
            Attribution(
                id="i2",
                source=sp(t, "two people familiar with the meeting"),
                cue=sp(t, "according to"),
                content=[sp(t, "A small delegation of envoys met in Geneva last week")],
            ),
        ],
        timexes=[
            Timex(
                id="v1",
                span=sp(t, "June 20"),
                type="date",
                value="2024-06-20",
                start="2024-06-20",
                end="2024-06-20",
                granularity="day",
            ),
            Timex(
                id="v2",
                span=sp(t, "later this year"),
                type="date",
                value="2024",
                start="2024-01-01",
                end="2024-12-31",
                granularity="year",
                modifier="LATE",
            ),
            Timex(
                id="v3",
                span=sp(t, "last week"),
                type="date",
                value="2024-W24",
                start="2024-06-10",
                end="2024-06-16",
                granularity="week",
            ),
        ],
    )


BARE = 'Officials in Zürich 🙂 said nothing about it.\n\n\tA second paragraph, with "quotes".'


def bare_document() -> Document:
    """No title, date or outlet; defaults everywhere; text beyond the BMP."""
    t = BARE
    return Document(
        id=f"sha256:{text_sha256(t)}",
        text=t,
        actors=[
            Actor(id="z1", name="Zürich", kind="location", country="CHE", mentions=[sp(t, "Zürich")]),
            Actor(id="z2", name="officials", kind="other"),
        ],
        events=[
            Event(
                id="x1",
                type="CONCEDE",
                cameo="08",
                trigger=sp(t, "said nothing"),
                sentence=sp(t, "Officials in Zürich 🙂 said nothing about it."),
            )
        ],
        attributions=[Attribution(id="y1", cue=sp(t, "said"))],
        timexes=[Timex(id="w1", span=sp(t, "second"), type="set")],
    )


def all_documents() -> list[Document]:
    return [seoul_document(), dubai_document(), geneva_document(), bare_document()]


@pytest.fixture
def filled(store) -> Store:
    for doc in all_documents():
        assert store.save(doc, pipeline=PIPELINE, source=f"tests/{doc.id}.txt") == "stored"
    return store


def rows_of(store: Store, doc_id: str) -> dict[str, int]:
    """How many rows each table holds for ``doc_id``."""
    with store.engine.connect() as conn:
        counts = {
            "documents": conn.execute(
                select(func.count()).select_from(documents).where(documents.c.id == doc_id)
            ).scalar_one()
        }
        for table in CHILD_TABLES:
            counts[table.name] = conn.execute(
                select(func.count()).select_from(table).where(table.c.document_id == doc_id)
            ).scalar_one()
    return counts


def ids(hits: list[SearchHit]) -> list[str]:
    return [hit.id for hit in hits]


# -- the test articles themselves -----------------------------------------------------


def test_test_articles_have_exact_offsets():
    for doc in all_documents():
        for span in doc.spans():
            assert doc.text[span.start : span.end] == span.text, (doc.id, span)


# -- round trip ----------------------------------------------------------------------


@pytest.mark.parametrize("make", [seoul_document, dubai_document, geneva_document, bare_document])
def test_get_rebuilds_exactly_the_saved_document(store, make):
    doc = make()
    assert store.save(doc, pipeline=PIPELINE) == "stored"
    again = store.get(doc.id)
    assert again.model_dump_json() == doc.model_dump_json()
    assert again == doc


def test_round_trip_keeps_every_document_apart(filled):
    for doc in all_documents():
        assert filled.get(doc.id).model_dump_json() == doc.model_dump_json()


def test_get_of_an_unknown_id_raises_document_not_found(store):
    with pytest.raises(DocumentNotFound) as caught:
        store.get("no-such-document")
    assert caught.value.doc_id == "no-such-document"
    assert "no-such-document" not in store


def test_fields_without_columns_survive_in_extra(store, monkeypatch):
    """A field a later contract adds is kept (in ``extra``) until a migration gives it a column."""

    class LaterSpan(Span):
        kind: str | None = None

    class LaterEvent(Event):
        confidence: float | None = None
        trigger: LaterSpan

    class LaterDocument(Document):
        section: str | None = None
        events: list[LaterEvent] = []

    base = seoul_document()
    data = base.model_dump(by_alias=True)
    data["section"] = "world"
    data["events"][0]["confidence"] = 0.75
    data["events"][0]["trigger"]["kind"] = "verb"
    later = LaterDocument.model_validate(data)

    store.save(later, pipeline=PIPELINE)
    monkeypatch.setattr(codec, "Document", LaterDocument)
    again = store.get(later.id)
    assert again.model_dump_json() == later.model_dump_json()
    assert again.events[0].confidence == 0.75 and again.events[0].trigger.kind == "verb"


# -- save: stored, unchanged, updated ------------------------------------------------


def ingested_at(store: Store, doc_id: str):
    with store.engine.connect() as conn:
        return conn.execute(select(documents.c.ingested_at).where(documents.c.id == doc_id)).scalar_one()


def test_saving_the_same_document_again_changes_nothing(store):
    doc = seoul_document()
    assert store.save(doc, pipeline=PIPELINE, source="a.txt") == "stored"
    first = ingested_at(store, doc.id)
    before = rows_of(store, doc.id)
    assert store.save(seoul_document(), pipeline=PIPELINE, source="a.txt") == "unchanged"
    assert ingested_at(store, doc.id) == first
    assert rows_of(store, doc.id) == before
    assert store.get(doc.id) == doc


def test_a_new_pipeline_tag_on_the_same_document_is_noted(store):
    doc = seoul_document()
    store.save(doc, pipeline="old")
    assert store.status(doc.id, text_sha256(doc.text), "new") == "stale"
    assert store.save(doc, pipeline="new") == "unchanged"
    assert store.status(doc.id, text_sha256(doc.text), "new") == "current"


def test_a_changed_extraction_or_text_replaces_the_rows(store):
    doc = seoul_document()
    store.save(doc, pipeline=PIPELINE)

    fewer = doc.model_copy(update={"events": doc.events[:1], "timexes": doc.timexes[:2]})
    assert store.save(fewer, pipeline=PIPELINE) == "updated"
    assert store.get(doc.id) == fewer
    assert rows_of(store, doc.id)["events"] == 1 and rows_of(store, doc.id)["timexes"] == 2

    new_text = SEOUL.replace("liaison office", "liaison bureau")
    rewritten = Document(id=doc.id, title="Liaison bureau talks", published="2024-03-13", text=new_text)
    assert store.save(rewritten, pipeline=PIPELINE) == "updated"
    assert store.get(doc.id) == rewritten
    assert rows_of(store, doc.id) == {
        "documents": 1,
        "actors": 0,
        "mentions": 0,
        "events": 0,
        "attributions": 0,
        "timexes": 0,
    }
    # The search index follows the text.
    assert ids(store.search("bureau")) == [doc.id]
    assert store.search("office") == []


def test_status_tells_missing_current_and_stale(store):
    doc = dubai_document()
    sha = text_sha256(doc.text)
    assert store.status(doc.id, sha, PIPELINE) == "missing"
    store.save(doc, pipeline=PIPELINE)
    assert store.status(doc.id, sha, PIPELINE) == "current"
    assert store.status(doc.id, sha, "dossier-test/2") == "stale"
    assert store.status(doc.id, text_sha256(doc.text + " More."), PIPELINE) == "stale"


# -- one transaction per document ----------------------------------------------------


def failing_on(table_name: str, monkeypatch) -> None:
    original = core._insert

    def insert(conn, table, rows):
        if table.name == table_name:
            raise RuntimeError(f"simulated failure while inserting {table_name}")
        original(conn, table, rows)

    monkeypatch.setattr(core, "_insert", insert)


def test_a_failed_save_stores_nothing_of_that_document(store, monkeypatch):
    seoul, dubai = seoul_document(), dubai_document()
    store.save(seoul, pipeline=PIPELINE)
    before = store.stats()

    failing_on("events", monkeypatch)  # after the document, its actors and mentions
    with pytest.raises(RuntimeError, match="simulated failure"):
        store.save(dubai, pipeline=PIPELINE)
    monkeypatch.undo()

    assert dubai.id not in store
    assert set(rows_of(store, dubai.id).values()) == {0}
    with pytest.raises(DocumentNotFound):
        store.get(dubai.id)
    assert store.search("arms sales") == []  # the search index rolled back too
    assert store.stats() == before
    assert store.get(seoul.id) == seoul

    # The store still works afterwards.
    assert store.save(dubai, pipeline=PIPELINE) == "stored"
    assert store.get(dubai.id) == dubai


def test_a_failed_update_keeps_the_previous_version(store, monkeypatch):
    seoul = seoul_document()
    store.save(seoul, pipeline=PIPELINE)
    changed = seoul.model_copy(update={"title": "Another title", "events": []})

    failing_on("timexes", monkeypatch)  # the last table written
    with pytest.raises(RuntimeError):
        store.save(changed, pipeline=PIPELINE)
    monkeypatch.undo()

    assert store.get(seoul.id) == seoul
    assert store.status(seoul.id, text_sha256(seoul.text), PIPELINE) == "current"
    assert ids(store.search("liaison")) == [seoul.id]


def test_a_database_error_is_a_store_error_and_rolls_back(store):
    doc = seoul_document()
    twin = doc.actors[0].model_copy()  # two actors with the same id: the key refuses it
    broken = doc.model_copy(update={"actors": [*doc.actors, twin]})
    with pytest.raises(StoreError, match="wire-seoul-001"):
        store.save(broken, pipeline=PIPELINE)
    assert set(rows_of(store, doc.id).values()) == {0}
    assert store.save(doc, pipeline=PIPELINE) == "stored"


def test_text_with_a_nul_character(store):
    """SQLite keeps it; PostgreSQL cannot store NUL in text, which is a StoreError."""
    doc = Document(id="nul", text="before\x00after")
    if store.backend == "postgresql":
        with pytest.raises(StoreError, match="NUL"):
            store.save(doc, pipeline=PIPELINE)
        assert "nul" not in store
    else:
        store.save(doc, pipeline=PIPELINE)
        assert store.get("nul") == doc


def test_concurrent_writers_do_not_lock_each_other_out(store_url):
    """Threads and a second Store save at once: every save succeeds (SQLite: one writer
    at a time, BEGIN IMMEDIATE and a busy timeout; PostgreSQL: a lock per id; in memory:
    one thread at a time on the single connection)."""
    from concurrent.futures import ThreadPoolExecutor

    seoul = seoul_document()
    variants = [seoul.model_copy(update={"id": f"copy-{n}"}) for n in range(24)]
    with Store(store_url) as first:
        second = first if store_url == "sqlite://" else Store(store_url)
        jobs = [(first if n % 2 else second, doc) for n, doc in enumerate(variants)]
        jobs += [(first, seoul), (second, seoul), (first, seoul)]  # the same id at once
        with ThreadPoolExecutor(max_workers=6) as pool:
            results = list(pool.map(lambda job: job[0].save(job[1], pipeline=PIPELINE), jobs))
        assert results[:24] == ["stored"] * 24
        assert sorted(results[24:]) == ["stored", "unchanged", "unchanged"]
        assert len(list(first.document_ids())) == 25
        assert second.get("copy-7") == variants[7]
        second.close()


# -- search --------------------------------------------------------------------------


def test_search_ranks_the_best_match_first_and_marks_matches(filled):
    hits = filled.search("delegation")
    assert ids(hits)[0] == "wire-seoul-001"  # in the title and three times in the text
    assert set(ids(hits)) == {"wire-seoul-001", "wire-geneva-003"}
    assert hits[0].score >= hits[1].score
    best = hits[0]
    assert best.title == "South Korean delegation heads to Pyongyang for liaison talks"
    assert best.published == dt.date(2024, 3, 12)
    assert best.outlet == "Example Wire"
    assert f"{HIGHLIGHT_START}delegation{HIGHLIGHT_END}" in best.snippet.lower()
    assert "<b>" not in best.snippet
    for hit in hits:
        assert hit.snippet.count(HIGHLIGHT_START) == hit.snippet.count(HIGHLIGHT_END) >= 1


def test_search_stems_words(filled):
    assert "wire-seoul-001" in ids(filled.search("delegations"))
    assert "wire-dubai-002" in ids(filled.search("accusing"))


def test_search_pages_with_limit_and_offset(filled):
    everything = ids(filled.search("delegation OR arms"))
    assert len(everything) == 3
    assert ids(filled.search("delegation OR arms", limit=2)) == everything[:2]
    assert ids(filled.search("delegation OR arms", limit=2, offset=2)) == everything[2:]
    assert filled.search("delegation", limit=0) == []


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ('"arms sales"', {"wire-dubai-002"}),
        ("North Korea", {"wire-seoul-001", "wire-geneva-003"}),
        ("U.S.-North Korea", {"wire-geneva-003"}),
        ("Iran's", {"wire-dubai-002"}),
        ("delegation -Seoul", {"wire-geneva-003"}),
        ("liaison or envoys", {"wire-seoul-001", "wire-geneva-003"}),
        ('"silent for three years"', {"wire-seoul-001"}),
        ("reject", {"wire-seoul-001"}),
    ],
)
def test_search_understands_what_people_type(filled, query, expected):
    assert set(ids(filled.search(query))) == expected


HOSTILE = [
    '"',
    "'",
    '"arms',
    'arms"',
    '""',
    "-",
    "--",
    "- delegation",
    "delegation -",
    "OR",
    "or or",
    "AND",
    "NOT",
    "NOT delegation",
    "delegation NOT",
    "NEAR(",
    "NEAR(delegation talks)",
    "*",
    "deleg*",
    "title:delegation",
    "text:",
    "(",
    ")",
    "(delegation",
    "^delegation",
    "a:b",
    "\\",
    "!",
    "&",
    "|",
    "<->",
    ":*",
    "delegation & | ! :*",
    "🙂",
    "   ",
    "",
    "'; DROP TABLE documents; --",
    "\x00",
    "\x02",
    "%",
    "_",
    "{}",
    "[x]",
    "Kim's \"quote",
    "-delegation",
    "—",
]


@pytest.mark.parametrize("query", HOSTILE)
def test_search_never_raises_on_odd_queries(filled, query):
    hits = filled.search(query)
    assert isinstance(hits, list)
    assert filled.stats()["documents"] == 4


# -- actors and stats ----------------------------------------------------------------


def test_actors_are_grouped_across_documents(filled):
    found = filled.actors()
    assert all(isinstance(actor, ActorSummary) for actor in found)
    assert [a.documents for a in found] == sorted((a.documents for a in found), reverse=True)
    assert [(a.name, a.documents) for a in found[:2]] == [("North Korea", 2), ("United States", 2)]
    north = found[0]
    assert (north.kind, north.country, north.code, north.mentions) == ("state", "PRK", "PRK", 4)
    states = {a.name: a for a in found}
    assert states["United States"].mentions == 3
    assert states["Hwang Min-seo"].sector == "GOV" and states["Hwang Min-seo"].documents == 1
    assert states["officials"].mentions == 0
    once = [a.name for a in found if a.documents == 1]
    if filled.backend == "sqlite":  # PostgreSQL orders by the database's collation
        assert once == sorted(once)


def test_actors_filter_by_country_and_kind(filled):
    assert [(a.name, a.documents) for a in filled.actors(country="PRK")] == [("North Korea", 2)]
    assert {a.name for a in filled.actors(country="KOR")} == {
        "South Korea",
        "Unification Ministry",
        "Hwang Min-seo",
    }
    assert [a.name for a in filled.actors(kind="person")] == ["Hwang Min-seo", "U.S. official"]
    assert [a.name for a in filled.actors(country="USA", kind="person")] == ["U.S. official"]
    assert len(filled.actors(limit=3)) == 3
    assert filled.actors(country="XXX") == []


def test_stats_count_what_is_stored(filled, store_url):
    docs = all_documents()
    stats = filled.stats()
    assert stats == {
        "documents": 4,
        "actors": sum(len(d.actors) for d in docs),
        "mentions": sum(len(a.mentions) for d in docs for a in d.actors),
        "events": sum(len(d.events) for d in docs),
        "attributions": sum(len(d.attributions) for d in docs),
        "timexes": sum(len(d.timexes) for d in docs),
        "outlets": 2,
        "earliest_published": dt.date(2024, 3, 12),
        "latest_published": dt.date(2024, 6, 20),
        "backend": "postgresql" if store_url.startswith("postgresql") else "sqlite",
    }


def test_stats_of_an_empty_store(store):
    stats = store.stats()
    assert stats["documents"] == 0 and stats["earliest_published"] is None


# -- ids and delete ------------------------------------------------------------------


def test_document_ids_lists_every_id_in_order(filled, monkeypatch):
    listed = list(filled.document_ids())
    assert sorted(listed) == sorted(d.id for d in all_documents())
    if filled.backend == "sqlite":  # PostgreSQL orders by the database's collation
        assert listed == sorted(listed)
    monkeypatch.setattr(core, "_ID_PAGE", 3)  # across pages
    assert list(filled.document_ids()) == listed


def test_delete_removes_a_document_and_all_its_rows(filled):
    filled.delete("wire-seoul-001")
    assert set(rows_of(filled, "wire-seoul-001").values()) == {0}
    with pytest.raises(DocumentNotFound):
        filled.get("wire-seoul-001")
    assert "wire-seoul-001" not in ids(filled.search("delegation"))
    assert [(a.name, a.documents) for a in filled.actors(country="PRK")] == [("North Korea", 1)]
    assert filled.get("wire-geneva-003") == geneva_document()
    with pytest.raises(DocumentNotFound):
        filled.delete("wire-seoul-001")


# -- migrations and connections --------------------------------------------------------

TABLES = {"documents", "actors", "mentions", "events", "attributions", "timexes", "alembic_version"}


def test_migrations_build_the_schema_on_a_fresh_database(store):
    assert store.revision() == HEAD
    with store.engine.connect() as conn:
        inspector = inspect(conn)
        names = set(inspector.get_table_names())
        assert TABLES <= names
        for table in metadata.sorted_tables:
            columns = {c["name"] for c in inspector.get_columns(table.name)}
            assert set(table.c.keys()) <= columns, table.name
            indexes = {i["name"] for i in inspector.get_indexes(table.name)}
            assert {i.name for i in table.indexes} <= indexes, table.name
        if store.backend == "sqlite":
            assert "documents_fts" in names
            triggers = conn.execute(text("SELECT name FROM sqlite_master WHERE type = 'trigger'")).scalars()
            assert {"documents_fts_ai", "documents_fts_ad", "documents_fts_au"} <= set(triggers)
        else:
            columns = {c["name"] for c in inspector.get_columns("documents")}
            assert "search_vector" in columns
            assert "ix_documents_search_vector" in {i["name"] for i in inspector.get_indexes("documents")}


def test_migrations_match_the_schema_module(store):
    """The hand-written migrations and schema.py describe the same tables."""
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    from dossier.store.schema import include_name

    with store.engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"include_name": include_name, "compare_type": True})
        differences = compare_metadata(context, metadata)
    assert differences == []


def test_reopening_a_store_migrates_nothing_and_keeps_the_data(store_url):
    if store_url == "sqlite://":
        pytest.skip("an in-memory database does not outlive its store")
    doc = geneva_document()
    with Store(store_url) as first:
        first.save(doc, pipeline=PIPELINE)
    with Store(store_url) as second:
        assert second.revision() == HEAD
        assert second.get(doc.id) == doc
        assert second.save(doc, pipeline=PIPELINE) == "unchanged"
    with Store(store_url) as third:
        assert list(third.document_ids()) == [doc.id]


def test_a_store_from_a_newer_version_is_refused(store_url):
    if store_url == "sqlite://":
        pytest.skip("an in-memory database does not outlive its store")
    with Store(store_url) as store:
        with store.engine.begin() as conn:
            conn.execute(text("UPDATE alembic_version SET version_num = '9999_future'"))
    with pytest.raises(StoreError, match="newer version of Dossier"):
        Store(store_url)


def test_sqlite_connections_use_wal_foreign_keys_and_normal_sync(tmp_path):
    with Store(f"sqlite:///{tmp_path / 'pragmas.db'}") as store:
        with store.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
            assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 1  # NORMAL


def test_the_default_url_is_a_sqlite_file_in_the_working_directory(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    with Store() as store:
        assert store.backend == "sqlite"
        store.save(bare_document(), pipeline=PIPELINE)
    assert (tmp_path / "dossier.db").is_file()


@pytest.mark.parametrize(
    "url",
    [
        "not a url",
        "mysql://someone@localhost/dossier",
        "postgresql+nosuchdriver://someone@127.0.0.1/dossier",
        "postgresql+psycopg://someone:secret@127.0.0.1:1/dossier",
        "postgresql://someone:secret@127.0.0.1:1/dossier",  # psycopg 3, not the absent psycopg2
        "sqlite:////no/such/directory/dossier.db",
    ],
)
def test_a_bad_url_or_unreachable_server_is_a_store_error(url):
    with pytest.raises(StoreError) as caught:
        Store(url)
    message = str(caught.value)
    assert "secret" not in message
    assert len(message) < 600


def test_alembic_command_line_migrates_a_database(tmp_path):
    db = tmp_path / "cli.db"
    ini = ROOT / "src" / "dossier" / "store" / "alembic.ini"
    env = {**os.environ, "DOSSIER_DB": f"sqlite:///{db}"}
    command = [sys.executable, "-m", "alembic", "-c", str(ini)]
    subprocess.run([*command, "upgrade", "head"], check=True, env=env, capture_output=True)
    current = subprocess.run([*command, "current"], check=True, env=env, capture_output=True, text=True)
    assert HEAD in current.stdout
    with Store(f"sqlite:///{db}") as store:
        assert store.revision() == HEAD
        store.save(bare_document(), pipeline=PIPELINE)
