"""Several writers on one PostgreSQL store at once: documents that name the same new
actors and report the same event, saved together from many connections, make one
identity per actor and one graph event with every report, as saving them one by one does."""

from __future__ import annotations

import threading

import pytest
from sqlalchemy import select

from dossier.contract import Actor, Document, Event, Role, Span
from dossier.store import Store
from dossier.store.schema import graph_actors, graph_events

pytestmark = pytest.mark.postgres

WRITERS = 6
DOCUMENTS_EACH = 4
PIPELINE = "dossier-test/1"


def wire_report(n: int) -> Document:
    """One outlet's report that the envoy Zorvan Petrikov of Moldova visited Tbilisi."""
    text = f"Moldovan envoy Zorvan Petrikov visited Georgia on Monday, outlet {n} said."
    name = "Zorvan Petrikov"
    at = text.index(name)
    visited = text.index("visited")
    georgia = text.index("Georgia")
    return Document(
        id=f"outlet-{n}",
        published="2024-03-12",
        text=text,
        actors=[
            Actor(
                id="a1",
                name=name,
                kind="person",
                country="MDA",
                roles=[Role(title="envoy", country="MDA")],
                mentions=[Span(start=at, end=at + len(name), text=name)],
            ),
            Actor(
                id="a2",
                name="Georgia",
                kind="state",
                country="GEO",
                mentions=[Span(start=georgia, end=georgia + 7, text="Georgia")],
            ),
        ],
        events=[
            Event(
                id="e1",
                type="CONSULT",
                cameo="042",
                source=["a1"],
                target=["a2"],
                trigger=Span(start=visited, end=visited + 7, text="visited"),
                sentence=Span(start=0, end=len(text), text=text),
            )
        ],
    )


def save_all_at_once(url: str) -> list[BaseException]:
    barrier = threading.Barrier(WRITERS)
    errors: list[BaseException] = []

    def writer(k: int) -> None:
        try:
            with Store(url) as store:
                barrier.wait(60)
                for n in range(DOCUMENTS_EACH):
                    store.save(wire_report(k * DOCUMENTS_EACH + n), pipeline=PIPELINE)
        except BaseException as exc:  # noqa: BLE001 - reported by the test
            errors.append(exc)

    threads = [threading.Thread(target=writer, args=(k,)) for k in range(WRITERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    return errors


def test_writers_at_once_make_one_identity_and_one_event(postgres_url):
    assert save_all_at_once(postgres_url) == []
    with Store(postgres_url) as store, store.engine.connect() as conn:
        people = conn.execute(select(graph_actors.c.id).where(graph_actors.c.name == "Zorvan Petrikov")).all()
        graph = conn.execute(select(graph_events.c.mentions, graph_events.c.documents)).all()
        assert store.stats()["documents"] == WRITERS * DOCUMENTS_EACH
    assert len(people) == 1
    assert graph == [(WRITERS * DOCUMENTS_EACH, WRITERS * DOCUMENTS_EACH)]
