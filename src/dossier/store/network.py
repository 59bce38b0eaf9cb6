"""The actor network: who acts on whom, how often, how cooperatively.

Nodes are the actors that take part in merged events; a directed edge runs from each
source side to each target side of an event ("Japan and South Korea held talks" gives
JPN -> KOR and KOR -> JPN; "the U.S. imposed sanctions on North Korea" gives USA ->
PRK). An edge sums its events: count, reports, Goldstein score, events per quad class
and per PLOVER type, first and last day.

An event's sides are the graph's side keys (``graph_events.source_key``): a country
code, else an actor code, else a graph actor id. A key becomes the node of the graph
actor whose id it is (states have their country code as id), else of the live actor
with that code ("IGOUNO" is the United Nations), else a node of its own: a country
code named from the gazetteer, or the bare key.

    >>> with Store(url) as store:
    ...     net = store.network(since=dt.date(2024, 1, 1), types=["ASSAULT", "COERCE"])
    ...     write_network(net, "graphml", "conflict.graphml")
"""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from pathlib import Path
from typing import IO, Iterable, Union

from pydantic import BaseModel, Field
from sqlalchemy import Connection, select

from ..errors import ExportError
from ..resolve.event_identity import side_keys
from ..resolve.gazetteer import state_name
from .export import PAGE_SIZE, check_types, date_window
from .schema import graph_actors, graph_events

FORMATS = ("graphml", "json")
QUAD_CLASSES = {1: "verbal_cooperation", 2: "material_cooperation", 3: "verbal_conflict", 4: "material_conflict"}


class Node(BaseModel):
    id: str = Field(description="Graph actor id (`PRK`, `united-nations`), or the side key when no actor has it.")
    name: str = Field(description="The actor's name.")
    kind: str | None = Field(
        None, description="state, person, organization, igo, group, location, other; empty for a bare key."
    )
    country: str | None = Field(None, description="ISO alpha-3.")
    code: str | None = Field(None, description="CAMEO actor code.")
    events: int = Field(0, description="Merged events the actor takes part in, on either side.")


class Edge(BaseModel):
    source: str = Field(description="Node id of the acting side.")
    target: str = Field(description="Node id of the side acted on.")
    events: int = Field(0, description="Merged events from source to target; GraphML also writes it as `weight`.")
    reports: int = Field(0, description="Reports of those events (a much-reported event weighs more).")
    goldstein: float = Field(0.0, description="Sum of their Goldstein scores.")
    goldstein_mean: float | None = Field(None, description="Mean Goldstein score.")
    verbal_cooperation: int = Field(0, description="Events of quad class 1.")
    material_cooperation: int = Field(0, description="Events of quad class 2.")
    verbal_conflict: int = Field(0, description="Events of quad class 3.")
    material_conflict: int = Field(0, description="Events of quad class 4.")
    types: dict[str, int] = Field(
        default_factory=dict, description="Events per PLOVER type; GraphML: `AID:1;ASSAULT:2`."
    )
    first_date: dt.date | None = Field(None, description="First day of the earliest dated event.")
    last_date: dt.date | None = Field(None, description="First day of the latest dated event.")


class Network(BaseModel):
    """The actor network of the merged events in a window."""

    since: dt.date | None = None
    until: dt.date | None = None
    types: list[str] | None = None
    events: int = 0  # merged events read
    nodes: list[Node] = Field(default_factory=list)
    edges: list[Edge] = Field(default_factory=list)


def _resolver(conn: Connection):
    """side key -> Node (not yet counted), reading graph actors once per key."""
    g = graph_actors
    cache: dict[str, Node] = {}

    def node(key: str) -> Node:
        if key in cache:
            return cache[key]
        live = g.c.merged_into.is_(None)
        row = conn.execute(select(g).where(g.c.id == key, live)).mappings().first()
        if row is None:
            row = (
                conn.execute(select(g).where(g.c.code == key, live).order_by(g.c.created_at, g.c.id)).mappings().first()
            )
        if row is not None:
            found = Node(id=row["id"], name=row["name"], kind=row["kind"], country=row["country"], code=row["code"])
        elif len(key) == 3 and key.isalpha() and key.isupper() and state_name(key) != key:
            found = Node(id=key, name=state_name(key), kind="state", country=key, code=key)
        else:
            found = Node(id=key, name=key)
        cache[key] = found
        return found

    return node


def network(
    conn: Connection,
    *,
    since: dt.date | None = None,
    until: dt.date | None = None,
    types: Iterable[str] | None = None,
    page_size: int = PAGE_SIZE,
) -> Network:
    """The network of merged events whose dates overlap [since, until], of ``types``."""
    types = check_types(types)
    ge = graph_events
    condition = date_window(since, until)
    if types:
        condition.append(ge.c.type.in_(types))
    columns = (
        ge.c.id,
        ge.c.type,
        ge.c.goldstein,
        ge.c.quad_class,
        ge.c.source_key,
        ge.c.target_key,
        ge.c.start_date,
        ge.c.mentions,
    )
    node_of = _resolver(conn)
    nodes: dict[str, Node] = {}
    edges: dict[tuple[str, str], Edge] = {}
    type_counts: dict[tuple[str, str], Counter] = {}
    n_events, last = 0, 0
    while True:
        page = conn.execute(select(*columns).where(ge.c.id > last, *condition).order_by(ge.c.id).limit(page_size)).all()
        for event in page:
            n_events += 1
            source = _nodes(event.source_key, node_of)
            target = _nodes(event.target_key, node_of)
            for node in {n.id: n for n in source + target}.values():
                if node.id not in nodes:
                    nodes[node.id] = node.model_copy()
                nodes[node.id].events += 1
            pairs = {(s.id, t.id) for s in source for t in target if s.id != t.id}
            for pair in sorted(pairs):
                if pair not in edges:
                    edges[pair] = Edge(source=pair[0], target=pair[1])
                    type_counts[pair] = Counter()
                edge = edges[pair]
                edge.events += 1
                edge.reports += event.mentions
                edge.goldstein += event.goldstein or 0.0
                if event.quad_class in QUAD_CLASSES:
                    name = QUAD_CLASSES[event.quad_class]
                    setattr(edge, name, getattr(edge, name) + 1)
                type_counts[pair][event.type] += 1
                if event.start_date is not None:
                    edge.first_date = min(edge.first_date or event.start_date, event.start_date)
                    edge.last_date = max(edge.last_date or event.start_date, event.start_date)
        if len(page) < page_size:
            break
        last = page[-1].id
    for pair, edge in edges.items():
        edge.types = dict(sorted(type_counts[pair].items()))
        edge.goldstein = round(edge.goldstein, 4)
        edge.goldstein_mean = round(edge.goldstein / edge.events, 4)
    return Network(
        since=since,
        until=until,
        types=types,
        events=n_events,
        nodes=sorted(nodes.values(), key=lambda n: (-n.events, n.id)),
        edges=sorted(edges.values(), key=lambda e: (-e.events, e.source, e.target)),
    )


def _nodes(key: str, node_of) -> list[Node]:
    return list({n.id: n for n in (node_of(k) for k in side_keys(key))}.values())


# -- writers ------------------------------------------------------------------------------


def to_networkx(net: Network):
    """A ``networkx.DiGraph`` with the nodes' and edges' attributes (empty ones left out),
    ``weight`` = events, and an edge's ``types`` as ``AID:1;ASSAULT:2``."""
    import networkx as nx

    graph = nx.DiGraph()
    for key in ("since", "until"):
        if getattr(net, key) is not None:
            graph.graph[key] = getattr(net, key).isoformat()
    if net.types:
        graph.graph["types"] = ",".join(net.types)
    graph.graph["events"] = net.events
    for node in net.nodes:
        graph.add_node(node.id, **{k: v for k, v in node.model_dump(exclude={"id"}).items() if v is not None})
    for edge in net.edges:
        data = edge.model_dump(exclude={"source", "target"}, mode="json")
        data["types"] = ";".join(f"{t}:{n}" for t, n in edge.types.items())
        data["weight"] = edge.events
        graph.add_edge(edge.source, edge.target, **{k: v for k, v in data.items() if v is not None})
    return graph


def node_link(net: Network) -> dict:
    """The network as node-link JSON (``networkx.node_link_graph(data, edges="edges")``
    reads it back)."""
    graph = {k: v for k, v in {"since": net.since, "until": net.until, "types": net.types}.items() if v is not None}
    return {
        "directed": True,
        "multigraph": False,
        "graph": {
            **{k: v.isoformat() if isinstance(v, dt.date) else v for k, v in graph.items()},
            "events": net.events,
        },
        "nodes": [n.model_dump(mode="json") for n in net.nodes],
        "edges": [{**e.model_dump(mode="json"), "weight": e.events} for e in net.edges],
    }


def write_network(net: Network, format: str, output: Union[str, Path, IO[str]]) -> None:
    """Write ``net`` as ``graphml`` or node-link ``json`` to a path or a text stream."""
    if format not in FORMATS:
        raise ExportError(f"unknown network format {format!r}: use {', '.join(FORMATS)}")
    if format == "graphml":
        import networkx as nx

        lines = (line + "\n" for line in nx.generate_graphml(to_networkx(net)))
    else:
        lines = iter([json.dumps(node_link(net), indent=2, ensure_ascii=False) + "\n"])
    if isinstance(output, (str, Path)):
        with open(output, "w", encoding="utf-8") as out:
            out.writelines(lines)
    else:
        output.writelines(lines)


__all__ = ["FORMATS", "Edge", "Network", "Node", "network", "node_link", "to_networkx", "write_network"]
