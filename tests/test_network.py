"""`dossier network`: who acts on whom, as GraphML and node-link JSON."""

from __future__ import annotations

import datetime as dt
import io
import json

import networkx as nx
import pytest
from typer.testing import CliRunner

from dossier.cli import app
from dossier.pipeline import extract
from dossier.store import Store
from dossier.store.network import Edge, Node, _resolver, node_link, write_network

PIPELINE = "test-network"

SUMMIT = """BERLIN, May 6 (Harbor Wire) - France and Germany held talks in Berlin on Monday on air defense, a French diplomat said.

Russia launched drone attacks on Ukraine on Sunday, the Ukrainian air force said.
"""

SUMMIT_AGAIN = """Germany and France held talks in Berlin on Monday on air defense, officials in Paris said.

The United Nations sent humanitarian aid to Ukraine on Monday.
"""

SANCTIONS = """LONDON, May 8 (Harbor Wire) - Britain imposed new sanctions on Russia on Wednesday over the drone attacks, the Foreign Office said.
"""


@pytest.fixture(scope="module")
def articles():
    stories = (
        ("harbor-summit", SUMMIT, "2024-05-06", "Harbor Wire"),
        ("northline-summit", SUMMIT_AGAIN, "2024-05-06", "Northline News"),
        ("harbor-sanctions", SANCTIONS, "2024-05-08", "Harbor Wire"),
    )
    return [extract(text, id=doc_id, published=published, outlet=outlet) for doc_id, text, published, outlet in stories]


@pytest.fixture
def filled(store, articles):
    for doc in articles:
        store.save(doc, pipeline=PIPELINE)
    return store


@pytest.fixture
def db_url(tmp_path, articles):
    url = f"sqlite:///{tmp_path / 'dossier.db'}"
    with Store(url) as store:
        for doc in articles:
            store.save(doc, pipeline=PIPELINE)
    return url


def edge(net, source, target) -> Edge:
    return next(e for e in net.edges if (e.source, e.target) == (source, target))


def test_states_are_nodes_and_events_are_directed_edges(filled):
    net = filled.network()
    ids = {n.id for n in net.nodes}
    assert {"FRA", "DEU", "RUS", "UKR", "GBR"} <= ids
    attack = edge(net, "RUS", "UKR")
    assert attack.events >= 1 and attack.material_conflict >= 1 and "ASSAULT" in attack.types
    assert attack.goldstein < 0
    sanctions = edge(net, "GBR", "RUS")
    assert sanctions.types == {"COERCE": 1} and sanctions.first_date == sanctions.last_date == dt.date(2024, 5, 8)
    assert not any(e.source == e.target for e in net.edges)


def test_talks_reported_twice_are_one_event_both_ways(filled):
    net = filled.network(types=["CONSULT"])
    talks = edge(net, "DEU", "FRA")
    assert (talks.events, talks.reports, talks.verbal_cooperation) == (1, 2, 1)
    assert edge(net, "FRA", "DEU").events == 1
    france = next(n for n in net.nodes if n.id == "FRA")
    assert (france.name, france.kind, france.events) == ("France", "state", 1)


def test_an_igo_side_key_is_its_graph_actor(filled):
    net = filled.network(types=["AID"])
    un = next(n for n in net.nodes if n.code == "IGOUNO")
    assert un.id != "IGOUNO" and un.kind == "igo" and un.name == "United Nations"
    assert edge(net, un.id, "UKR").material_cooperation == 1


def test_a_key_without_a_graph_actor_keeps_a_node_of_its_own(filled):
    with filled.engine.connect() as conn:
        node_of = _resolver(conn)
        assert node_of("FRA") == Node(id="FRA", name="France", kind="state", country="FRA", code="FRA")
        assert node_of("ESP") == Node(id="ESP", name="Spain", kind="state", country="ESP", code="ESP")
        assert node_of("some-group") == Node(id="some-group", name="some-group")


def test_the_window_narrows_the_network(filled):
    net = filled.network(since=dt.date(2024, 5, 7))
    assert [(e.source, e.target) for e in net.edges] == [("GBR", "RUS")]
    assert net.since == dt.date(2024, 5, 7) and {n.id for n in net.nodes} == {"GBR", "RUS"}


def test_graphml_parses_with_networkx_and_has_weighted_edges(filled):
    net = filled.network()
    out = io.StringIO()
    write_network(net, "graphml", out)
    graph = nx.parse_graphml(out.getvalue())
    assert graph.is_directed() and set(graph.nodes) == {n.id for n in net.nodes}
    data = graph.edges["GBR", "RUS"]
    assert data["weight"] == data["events"] == 1 and data["types"] == "COERCE:1"
    assert data["goldstein"] < 0 and data["first_date"] == "2024-05-08"
    assert graph.nodes["FRA"]["name"] == "France" and graph.nodes["FRA"]["events"] >= 1


def test_json_is_node_link(filled):
    net = filled.network()
    data = json.loads(json.dumps(node_link(net)))
    graph = nx.node_link_graph(data, edges="edges")
    assert graph.is_directed() and graph.number_of_edges() == len(net.edges)
    assert graph.edges["RUS", "UKR"]["weight"] == edge(net, "RUS", "UKR").events
    assert set(data["nodes"][0]) == set(Node.model_fields)
    assert set(data["edges"][0]) == set(Edge.model_fields) | {"weight"}


def test_the_command_writes_graphml_and_json(db_url, tmp_path):
    runner = CliRunner()
    result = runner.invoke(app, ["network", "--db", db_url, "--output", str(tmp_path / "n.graphml")])
    assert result.exit_code == 0, result.output
    assert nx.read_graphml(tmp_path / "n.graphml").has_edge("GBR", "RUS")
    result = runner.invoke(app, ["network", "--db", db_url, "--format", "json", "--types", "coerce"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert [(e["source"], e["target"]) for e in data["edges"]] == [("GBR", "RUS")]
    assert data["graph"]["types"] == ["COERCE"]


def test_the_command_refuses_an_unknown_format(db_url):
    result = CliRunner().invoke(app, ["network", "--db", db_url, "--format", "gexf"])
    assert result.exit_code == 2 and "gexf" in result.stderr


def test_docs_list_every_node_and_edge_attribute():
    from pathlib import Path

    from dossier.store.export import column_table

    doc = (Path(__file__).parent.parent / "docs" / "network.md").read_text(encoding="utf-8")
    for model in (Node, Edge):
        assert column_table(model) in doc, (
            f"docs/network.md: the {model.__name__} table is stale; paste "
            f"dossier.store.export.column_table(dossier.store.network.{model.__name__})"
        )
