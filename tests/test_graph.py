"""The knowledge graph in the store: one identity per actor and one event per happening,
across articles written years apart, with every report and reason kept."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from dossier.pipeline import extract
from dossier.store import Store
from dossier.store.schema import graph_actor_members, graph_actors, graph_events

PIPELINE = "test-graph"

WINTER_2018 = """Iran and North Korea deepen ties after quiet meetings

TEHRAN, Jan. 10 (Wire) - Iranian and North Korean officials held a series of high-level meetings in late 2017, diplomats in Tehran said on Wednesday.

North Korean leader Kim Jong Un sent a message of support to Iranian President Hassan Rouhani, the diplomats said.

The United States imposed new sanctions on North Korea last month.
"""

DELEGATION_SEOUL = """North Korean trade delegation visits Iran

SEOUL, April 24 (Wire) - North Korea sent a delegation led by its trade minister to Iran on Tuesday, the official Korean Central News Agency said.

Washington accused Iran and North Korea of military cooperation. Pyongyang denied the accusation.

Kim Jong-un did not comment on the trip.
"""

DELEGATION_DUBAI = """Pyongyang delegation arrives in Tehran

DUBAI, April 25 (Wire) - A North Korean delegation arrived in Tehran on Tuesday for talks on trade, Iranian state media reported.

Sung Kim, a professor at Yonsei University in Seoul, said the visit showed growing cooperation. Kim said sanctions had pushed the two countries together.
"""


@pytest.fixture(scope="module")
def articles():
    return {
        "winter": extract(WINTER_2018, id="wire-2018-tehran", published="2018-01-10", outlet="Wire One"),
        "seoul": extract(DELEGATION_SEOUL, id="wire-2024-seoul", published="2024-04-24", outlet="Wire One"),
        "dubai": extract(DELEGATION_DUBAI, id="wire-2024-dubai", published="2024-04-25", outlet="Wire Two"),
    }


@pytest.fixture
def graph_store(store, articles):
    for doc in articles.values():
        store.save(doc, pipeline=PIPELINE)
    return store


def identity_of(store, name):
    return next(a for a in store.identities() if a.name == name)


def graph_event_rows(store):
    with store.engine.connect() as conn:
        return conn.execute(select(graph_events)).mappings().all()


# -- identities ---------------------------------------------------------------------------


def test_a_state_named_in_three_articles_is_one_identity(graph_store):
    states = graph_store.identities(kind="state")
    assert [s.id for s in states].count("PRK") == 1
    north_korea = next(s for s in states if s.id == "PRK")
    assert north_korea.documents == 3
    assert len({s.country for s in states}) == len(states)  # no state twice


def test_a_leader_spelled_two_ways_is_one_person(graph_store):
    kim = graph_store.identity("kim-jong-un")
    assert kim.documents == 2
    assert {"Kim Jong Un", "Kim Jong-un"} <= set(kim.names)
    reasons = {m.document_id: m.reason for m in kim.members}
    assert reasons["wire-2024-seoul"] == "same full name 'Kim Jong-un' (PRK)"
    assert {r.document_id for r in kim.roles} == {"wire-2018-tehran", "wire-2024-seoul"}


def test_the_professor_named_kim_stays_apart_from_kim_jong_un(graph_store):
    professor = identity_of(graph_store, "Sung Kim")
    assert professor.id != "kim-jong-un" and professor.country == "KOR"
    assert [m.document_id for m in graph_store.identity("kim-jong-un").members] != ["wire-2024-dubai"]
    assert "wire-2024-dubai" not in {m.document_id for m in graph_store.identity("kim-jong-un").members}


def test_every_member_says_why_it_is_that_identity(graph_store):
    with graph_store.engine.connect() as conn:
        reasons = conn.execute(select(graph_actor_members.c.reason)).scalars().all()
    assert reasons and all(reasons)
    assert "first seen here" in reasons and "same state PRK" in reasons


def test_a_merge_is_logged_with_its_reason_and_a_split_undoes_it(graph_store):
    officials = identity_of(graph_store, "North Korean officials").id
    entry = graph_store.merge_actors("PRK", officials, reason="officials speak for the state here")
    assert entry.action == "merge" and entry.other_id == officials
    merged = graph_store.identity("PRK")
    assert officials in merged.merged
    assert any(m.rule == "manual" and "officials speak for the state here" in m.reason for m in merged.members)
    assert officials not in {a.id for a in graph_store.identities()}
    assert graph_store.identity(officials).id == "PRK"  # an old id leads to the identity it joined

    undone = graph_store.split_actors("PRK", reason="keep officials apart")
    assert undone.action == "split" and undone.other_id == officials
    assert graph_store.identity(officials).id == officials
    assert [e.undone for e in graph_store.identity("PRK").log] == [True, False]


def test_a_wrong_automatic_match_can_be_taken_apart_by_document(graph_store):
    entry = graph_store.split_actors("kim-jong-un", document_id="wire-2024-seoul", reason="checking")
    assert entry.other_id != "kim-jong-un"
    assert [m.document_id for m in graph_store.identity("kim-jong-un").members] == ["wire-2018-tehran"]
    assert [m.document_id for m in graph_store.identity(entry.other_id).members] == ["wire-2024-seoul"]


def test_unknown_identities_are_a_clear_error(graph_store):
    from dossier.errors import StoreError

    with pytest.raises(StoreError, match="no actor 'atlantis'"):
        graph_store.identity("atlantis")
    with pytest.raises(StoreError, match="already one actor"):
        graph_store.merge_actors("PRK", "PRK")
    with pytest.raises(StoreError, match="nothing was merged"):
        graph_store.split_actors("IRN")


# -- events -------------------------------------------------------------------------------


def test_two_outlets_reporting_one_trip_make_one_event_with_two_sources(graph_store):
    trips = [
        e
        for e in graph_event_rows(graph_store)
        if e["type"] == "CONSULT"
        and e["source_key"] == "PRK"
        and e["target_key"] == "IRN"
        and e["dated"]
        and e["start_date"] == dt.date(2024, 4, 23)
    ]
    assert len(trips) == 1
    assert trips[0]["documents"] == 2 and trips[0]["mentions"] >= 2


def test_events_years_apart_stay_apart(graph_store):
    consults = [e for e in graph_event_rows(graph_store) if e["type"] == "CONSULT" and e["start_date"]]
    years = {e["start_date"].year for e in consults}
    assert {2017, 2024} <= years or {2018, 2024} <= years


def test_reingesting_an_article_changes_nothing_and_deleting_it_drops_its_reports(graph_store, articles):
    before = (graph_event_rows(graph_store), graph_store.identities())
    edited = articles["dubai"].model_copy(update={"title": "Pyongyang delegation reaches Tehran"})
    assert graph_store.save(edited, pipeline=PIPELINE) == "updated"
    after = (graph_event_rows(graph_store), graph_store.identities())
    assert len(after[0]) == len(before[0]) and len(after[1]) == len(before[1])

    graph_store.delete("wire-2024-dubai")
    rows = graph_event_rows(graph_store)
    assert all(e["documents"] == 1 for e in rows)  # only the Seoul report is left of the trip
    assert "Sung Kim" not in {a.name for a in graph_store.identities()}
    with graph_store.engine.connect() as conn:
        orphans = conn.execute(select(graph_actors.c.id).where(graph_actors.c.name == "Sung Kim")).all()
    assert orphans == []


def test_rebuilding_the_graph_gives_the_same_graph_and_keeps_merges(graph_store):
    officials = identity_of(graph_store, "North Korean officials").id
    graph_store.merge_actors("PRK", officials, reason="same")
    before = sorted(
        (e["type"], e["source_key"], e["target_key"], e["documents"]) for e in graph_event_rows(graph_store)
    )
    counts = graph_store.rebuild_graph()
    after = sorted((e["type"], e["source_key"], e["target_key"], e["documents"]) for e in graph_event_rows(graph_store))
    assert after == before and counts["events"] == len(after)
    assert officials not in {a.id for a in graph_store.identities()}


def test_a_store_written_before_the_graph_is_linked_when_opened(tmp_path, articles):
    from alembic import command
    from alembic.script import ScriptDirectory

    from dossier.store import alembic_config
    from dossier.store.codec import content_sha256, document_rows, text_sha256
    from dossier.store.engine import create_store_engine, parse_url
    from dossier.store.schema import CHILD_TABLES, documents

    url = f"sqlite:///{tmp_path / 'old.db'}"
    engine = create_store_engine(parse_url(url))
    doc = articles["seoul"]
    with engine.begin() as conn:
        config = alembic_config()
        config.attributes["connection"] = conn
        command.upgrade(config, "0001")
        row, rows = document_rows(doc)
        row.update(
            text_sha256=text_sha256(doc.text),
            content_sha256=content_sha256(doc),
            pipeline=PIPELINE,
            ingested_at=dt.datetime.now(dt.timezone.utc),
        )
        conn.execute(documents.insert(), [row])
        for table in CHILD_TABLES:
            if rows[table.name]:
                conn.execute(table.insert(), rows[table.name])
    engine.dispose()
    with Store(url) as store:
        assert store.revision() == ScriptDirectory.from_config(alembic_config()).get_current_head()
        assert "PRK" in {a.id for a in store.identities()}
        assert graph_event_rows(store)


def tallies(store):
    """What linking keeps up to date as documents arrive: events, their code tallies and
    dyads, identities' title tallies."""
    from dossier.store.schema import graph_actor_titles, graph_dyads, graph_event_codes

    def rows(conn, table):
        return sorted(tuple(r) for r in conn.execute(select(table)))

    with store.engine.connect() as conn:
        return {t.name: rows(conn, t) for t in (graph_events, graph_event_codes, graph_dyads, graph_actor_titles)}


def recounted(store):
    """The same tallies recomputed from every report and member."""
    from dossier.store import graph

    with store.engine.connect() as conn, conn.begin() as transaction:
        ids = conn.execute(select(graph_events.c.id)).scalars().all()
        graph.refresh_events(conn, ids)
        graph._recount_titles(conn, conn.execute(select(graph_actors.c.id)).scalars().all())
        transaction.commit()
    return tallies(store)


def test_tallies_grown_report_by_report_equal_a_recount(graph_store, articles):
    again = articles["seoul"].model_copy(update={"id": "wire-2024-seoul-copy", "text": articles["seoul"].text + " "})
    graph_store.save(again, pipeline=PIPELINE)  # every one of its events gains a report
    grown = tallies(graph_store)
    assert any(r[-2] >= 2 for r in grown["graph_events"])  # documents
    assert any(g == "kim-jong-un" and n == 2 for g, _, n in grown["graph_actor_titles"])  # a title both copies give
    assert recounted(graph_store) == grown


def test_deleting_a_document_takes_its_titles_and_codes_away(graph_store):
    graph_store.delete("wire-2018-tehran")  # the only one naming Rouhani "President"
    left = tallies(graph_store)
    assert "President" not in {title for _, title, _ in left["graph_actor_titles"]}
    assert recounted(graph_store) == left


def test_a_store_linked_before_the_tallies_gets_them_when_opened(graph_store, store_url):
    from alembic import command

    from dossier.store import alembic_config

    if store_url == "sqlite://":
        pytest.skip("an in-memory store is gone once closed")
    before = tallies(graph_store)
    with graph_store.engine.begin() as conn:
        config = alembic_config()
        config.attributes["connection"] = conn
        command.downgrade(config, "0002")
    with Store(store_url) as reopened:
        assert tallies(reopened) == before


def test_one_sided_reports_of_a_week_stay_apart_unless_told_alike(store):
    steel = extract(
        "Washington expands tariffs\n\nThe United States imposed tariffs on steel imports, officials said.\n",
        id="wire-steel",
        published="2025-03-04",
    )
    cars = extract(
        "Washington targets cars\n\nThe United States imposed tariffs on imported cars, officials said.\n",
        id="wire-cars",
        published="2025-03-06",
    )
    steel_again = steel.model_copy(update={"id": "wire-steel-2"})
    for doc in (steel, cars, steel_again):
        store.save(doc, pipeline=PIPELINE)
    from dossier.store.schema import graph_event_mentions as reports

    with store.engine.connect() as conn:
        rows = conn.execute(select(reports.c.graph_event_id, reports.c.document_id)).all()
    documents_of: dict[int, set[str]] = {}
    for graph_id, doc_id in rows:
        documents_of.setdefault(graph_id, set()).add(doc_id)
    assert {"wire-steel", "wire-steel-2"} in documents_of.values()  # one story in two versions
    assert not any({"wire-steel", "wire-cars"} <= docs for docs in documents_of.values())
