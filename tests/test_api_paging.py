"""Listings filtered and paged by the database: ``Store.list_events`` and
``Store.list_actors``, and ``GET /events`` and ``GET /actors`` over them.

The rows must be those of reading every report (``Store.event_reports``) and keeping
the ones the filter names, which is what ``GET /events`` used to do; and a filter that
matches nothing, or an offset past the end, must not build a single row to find that
out. Every test runs on SQLite (file and memory) and PostgreSQL (see conftest.py)."""

from __future__ import annotations

import datetime as dt

import pytest
from fastapi.testclient import TestClient

from dossier.api import create_app
from dossier.api.models import MAX_OFFSET
from dossier.config import Settings
from dossier.contract import Actor, Document, Event, Span
from dossier.store import Store, export

PIPELINE = "dossier-test/1"
LOCAL = "http://127.0.0.1"

STATES = [("USA", "United States"), ("PRK", "North Korea"), ("JPN", "Japan"), ("CHN", "China")]
#: (type, CAMEO code) of the events, in turn.
KINDS = [("CONSULT", "043"), ("AID", "07"), ("ASSAULT", "18"), ("ACCUSE", "112")]
STATUSES = ["asserted", "reported", "denied", "alleged"]
DOCUMENTS = 12
EVENTS_PER_DOCUMENT = 4


def span(text: str, phrase: str) -> Span:
    start = text.index(phrase)
    return Span(start=start, end=start + len(phrase), text=phrase)


def story(n: int) -> Document:
    """Document ``n``: two states, a person without a country (known to the graph by
    its id only) and the UN (by its actor code), in four events between them. Every
    third document is undated; the others fall in 2023 and 2024."""
    a_code, a_name = STATES[n % len(STATES)]
    b_code, b_name = STATES[(n + 1) % len(STATES)]
    person = f"Envoy Number{n % 3}"
    text = (
        f"{a_name} met {b_name}. {person} visited {a_name}. "
        f"The United Nations helped {b_name}. {b_name} blamed {person}."
    )
    sentences = [s + "." for s in text.rstrip(".").split(". ")]
    actors = [
        Actor(id="a", name=a_name, kind="state", country=a_code, code=a_code, mentions=[span(text, a_name)]),
        Actor(id="b", name=b_name, kind="state", country=b_code, code=b_code, mentions=[span(text, b_name)]),
        Actor(id="p", name=person, kind="person", mentions=[span(text, person)]),
        Actor(
            id="u", name="United Nations", kind="organization", code="IGOUNO", mentions=[span(text, "United Nations")]
        ),
    ]
    sides = [(["a"], ["b"]), (["p"], ["a"]), (["u"], ["b"]), (["b"], ["p"])]
    triggers = ["met", "visited", "helped", "blamed"]
    events = []
    for k, ((source, target), trigger, sentence) in enumerate(zip(sides, triggers, sentences)):
        kind, cameo = KINDS[(n + k) % len(KINDS)]
        events.append(
            Event(
                id=f"e{k}",
                type=kind,
                cameo=cameo,
                source=source,
                target=target,
                trigger=span(text, trigger),
                sentence=span(text, sentence),
                status=STATUSES[(n + k) % len(STATUSES)],
            )
        )
    published = None if n % 3 == 2 else dt.date(2023, 1, 1) + dt.timedelta(days=45 * n)
    return Document(id=f"story-{n:02d}", published=published, text=text, actors=actors, events=events)


def fill(store: Store) -> Store:
    for n in range(DOCUMENTS):
        assert store.save(story(n), pipeline=PIPELINE) == "stored"
    return store


@pytest.fixture
def filled(store) -> Store:
    return fill(store)


def person_id(store: Store) -> str:
    return next(actor.id for actor in store.identities(kind="person"))


# -- what the route did before: every report read, then filtered -------------------------


def side_match(actor: str, row: export.ExportRow) -> bool:
    key, upper = actor.strip(), actor.strip().upper()

    def keys(value: str | None) -> list[str]:
        return value.split(",") if value else []

    return (
        key in row.source_ids
        or key in row.target_ids
        or upper in row.source_countries
        or upper in row.target_countries
        or upper in keys(row.source_key)
        or upper in keys(row.target_key)
    )


def reference(store: Store, *, actor=None, types=None, status=None, since=None, until=None) -> list[export.ExportRow]:
    rows = store.event_reports(since=since, until=until, types=types)
    return [
        row for row in rows if (status is None or row.status == status) and (actor is None or side_match(actor, row))
    ]


QUERIES = [
    {},
    {"actor": "USA"},
    {"actor": " prk "},
    {"actor": "IGOUNO"},
    {"actor": "person"},  # the person's graph id, found in the store
    {"actor": "NOWHERE"},
    {"types": ["AID"]},
    {"types": ["ASSAULT", "ACCUSE"], "status": "denied"},
    {"status": "alleged", "actor": "JPN"},
    {"since": dt.date(2024, 1, 1)},
    {"since": dt.date(2023, 3, 1), "until": dt.date(2023, 12, 31), "actor": "CHN"},
    {"until": dt.date(2020, 12, 31)},
]


def resolved(store: Store, query: dict) -> dict:
    if query.get("actor") == "person":
        return {**query, "actor": person_id(store)}
    return query


@pytest.mark.parametrize("query", QUERIES, ids=[str(q) for q in QUERIES])
def test_list_events_keeps_the_reports_the_old_filter_kept_in_order(filled, query):
    query = resolved(filled, query)
    expected = reference(filled, **query)
    assert filled.list_events(**query, limit=1000) == (len(expected), expected)


def test_the_fixture_covers_undated_reports_and_every_kind_of_side():
    everything = [story(n) for n in range(DOCUMENTS)]
    assert any(doc.published is None for doc in everything)
    assert {event.status for doc in everything for event in doc.events} == set(STATUSES)


@pytest.mark.parametrize("query", [{}, {"actor": "USA"}, {"types": ["CONSULT", "AID"]}])
def test_pages_of_events_make_up_the_whole_listing(filled, query):
    total, everything = filled.list_events(**query, limit=1000)
    assert total > 7
    pages = [filled.list_events(**query, limit=7, offset=offset) for offset in range(0, total + 7, 7)]
    assert {count for count, _ in pages} == {total}
    assert [row for _, page in pages for row in page] == everything
    assert pages[-1][1] == []


@pytest.fixture
def built(monkeypatch) -> list[str]:
    """The report rows built from now on (their event ids)."""
    made: list[str] = []

    class Counted(export.ExportRow):
        def __init__(self, **data):
            made.append(data["event_id"])
            super().__init__(**data)

    monkeypatch.setattr(export, "ExportRow", Counted)
    return made


def test_no_match_and_a_huge_offset_build_no_report_rows(filled, built):
    total = DOCUMENTS * EVENTS_PER_DOCUMENT
    assert filled.list_events(actor="NOWHERE") == (0, [])
    assert filled.list_events(types=["RETREAT"], limit=1000) == (0, [])
    assert filled.list_events(offset=MAX_OFFSET) == (total, [])
    assert filled.list_events(actor="USA", offset=10**6)[1] == []
    assert built == []
    count, page = filled.list_events(limit=3, offset=5)
    assert count == total and len(page) == 3 and len(built) == 3


def test_list_actors_pages_the_identities(filled):
    everything = filled.identities()
    assert filled.list_actors(limit=1000) == (len(everything), everything)
    assert filled.list_actors(limit=2, offset=1) == (len(everything), everything[1:3])
    assert filled.list_actors(offset=10**6) == (len(everything), [])
    states = filled.identities(kind="state")
    assert filled.list_actors(kind="state", limit=1000) == (len(states), states)
    assert filled.list_actors(country="USA", kind="state", limit=1000) == (
        1,
        filled.identities(country="USA", kind="state"),
    )
    assert filled.list_actors(country="ATA") == (0, [])


# -- the routes ---------------------------------------------------------------------------


@pytest.fixture
def client(store_url):
    app = create_app(store_url, settings=Settings())
    fill(app.state.store)
    with TestClient(app, base_url=LOCAL) as opened:
        yield opened


def page_of(client: TestClient, path: str, **params) -> dict:
    response = client.get(path, params=params)
    assert response.status_code == 200, response.text
    return response.json()


def test_events_that_match_nothing_are_an_empty_last_page(client, built):
    for params in ({"actor": "NOWHERE"}, {"type": "RETREAT"}, {"since": "1990", "until": "1991"}):
        assert page_of(client, "/events", **params) == {
            "data": [],
            "count": 0,
            "limit": 50,
            "offset": 0,
            "next_offset": None,
        }
    assert built == []


def test_events_past_the_end_are_an_empty_page_with_the_count(client, built):
    total = DOCUMENTS * EVENTS_PER_DOCUMENT
    page = page_of(client, "/events", offset=MAX_OFFSET, limit=1000)
    assert page == {"data": [], "count": total, "limit": 1000, "offset": MAX_OFFSET, "next_offset": None}
    assert page_of(client, "/events", actor="usa", offset=10**6)["data"] == []
    assert built == []
    usa = page_of(client, "/events", actor="usa", limit=1000)
    assert usa["count"] == len(usa["data"]) > 0


def test_event_pages_give_the_count_on_the_last_one_only(client):
    total = DOCUMENTS * EVENTS_PER_DOCUMENT
    everything = page_of(client, "/events", limit=1000)
    assert everything["count"] == total and len(everything["data"]) == total
    first = page_of(client, "/events", limit=20)
    assert first["data"] == everything["data"][:20] and first["count"] is None and first["next_offset"] == 20
    last = page_of(client, "/events", limit=20, offset=40)
    assert last["data"] == everything["data"][40:] and last["count"] == total and last["next_offset"] is None
    exact = page_of(client, "/events", limit=total)
    assert exact["count"] == total and exact["next_offset"] is None


def test_actor_pages_and_offsets_past_the_end(client):
    everything = page_of(client, "/actors", limit=1000)
    total = everything["count"]
    assert total == len(everything["data"]) > 3
    middle = page_of(client, "/actors", limit=2, offset=1)
    assert middle["data"] == everything["data"][1:3] and middle["count"] == total and middle["next_offset"] == 3
    assert page_of(client, "/actors", offset=MAX_OFFSET) == {
        "data": [],
        "count": total,
        "limit": 50,
        "offset": MAX_OFFSET,
        "next_offset": None,
    }
    assert page_of(client, "/actors", country="ata")["count"] == 0
