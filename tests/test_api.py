"""The HTTP API end to end: every route over a store of three wire stories, pages,
filters, JSON errors, and who may read and write."""

from __future__ import annotations

import json

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.exc import OperationalError
from typer.testing import CliRunner

from dossier.api import create_app, is_loopback
from dossier.cli import app as cli_app
from dossier.config import Settings, load_settings
from dossier.errors import ConfigError, StoreError
from dossier.store import HIGHLIGHT_END, HIGHLIGHT_START

SHOAL = {
    "id": "wire-2024-0514-shoal",
    "title": "Manila says Chinese vessels fired water cannon near shoal",
    "published": "2024-05-14",
    "outlet": "Dossier Wire",
    "url": "https://wire.example/2024/05/14/shoal",
    "text": (
        "MANILA, May 14 (Dossier Wire) - The Philippines accused China on Tuesday of firing water cannon "
        "at a Philippine supply boat near Second Thomas Shoal, the coast guard said.\n\n"
        "Philippine Foreign Secretary Enrique Manalo said Manila would file a diplomatic protest with Beijing."
    ),
}
DENIAL = {
    "id": "wire-2024-0515-denial",
    "title": "Beijing denies attacking Philippine boat",
    "published": "2024-05-15",
    "outlet": "Harbour Times",
    "text": (
        "BEIJING, May 15 (Harbour Times) - China denied attacking the Philippines, saying its coast guard "
        "acted lawfully.\n\nJapan and the Philippines held talks in Tokyo on Wednesday on maritime security."
    ),
}
PATROL_BOATS = {
    "id": "wire-2024-0602-aid",
    "title": "Tokyo pledges patrol boats to Manila",
    "published": "2024-06-02",
    "outlet": "Dossier Wire",
    "text": (
        "TOKYO, June 2 (Dossier Wire) - Japan agreed on Sunday to provide five patrol boats to the "
        "Philippines, the foreign ministry said. China criticized the deal."
    ),
}
STORIES = [SHOAL, DENIAL, PATROL_BOATS]
JSONL = "application/x-ndjson"
#: Where the clients send from: the test client's own "testserver" is not a name the API answers.
LOCAL = "http://127.0.0.1"
#: What a program (not a page on another site) sends with a text or form body.
WRITE = {"X-Dossier-Request": "1"}


def _jsonl(*lines: object) -> str:
    return "\n".join(line if isinstance(line, str) else json.dumps(line) for line in lines) + "\n"


def _app(tmp_path, **kwargs):
    kwargs.setdefault("settings", Settings())
    return create_app(f"sqlite:///{tmp_path / 'api.db'}", **kwargs)


def _client(app, **kwargs) -> TestClient:
    return TestClient(app, base_url=LOCAL, **kwargs)


@pytest.fixture(scope="module")
def loaded(tmp_path_factory):
    """A client over a store holding the three stories, ingested as one JSONL batch with
    one bad line in the middle; and that POST's response."""
    app = _app(tmp_path_factory.mktemp("api"))
    with _client(app) as client:
        body = _jsonl(SHOAL, DENIAL, "{not json", PATROL_BOATS)
        response = client.post("/documents", content=body, headers={"Content-Type": JSONL})
        yield client, response


@pytest.fixture
def client(loaded):
    return loaded[0]


@pytest.fixture
def fresh(tmp_path):
    with _client(_app(tmp_path)) as client:
        yield client


def _error(response, status: int) -> dict:
    assert response.status_code == status, response.text
    body = response.json()
    assert set(body) == {"error", "detail"} and body["error"]
    assert "Traceback" not in response.text
    return body


# -- POST /documents ------------------------------------------------------------------------


def test_a_jsonl_batch_stores_every_good_line_and_reports_the_bad_one(loaded):
    response = loaded[1]
    assert response.status_code == 200
    body = response.json()
    assert (body["stored"], body["failed"], body["unchanged"], body["updated"]) == (3, 1, 0, 0)
    assert [item["status"] for item in body["items"]] == ["stored", "stored", "failed", "stored"]
    bad = body["items"][2]
    assert bad["origin"] == "body:3" and "invalid JSON" in bad["error"] and bad["document"] is None
    shoal = body["items"][0]["document"]
    assert shoal["schema"] == "dossier.document/1" and shoal["id"] == SHOAL["id"]
    assert shoal["published"] == "2024-05-14" and shoal["outlet"] == "Dossier Wire"
    assert any(event["type"] == "ASSAULT" for event in shoal["events"])


def test_one_json_article_is_stored_then_unchanged_then_updated(fresh):
    first = fresh.post("/documents", json=PATROL_BOATS).json()
    assert first["stored"] == 1 and first["items"][0]["id"] == PATROL_BOATS["id"]
    again = fresh.post("/documents", json=PATROL_BOATS).json()
    assert again["items"][0]["status"] == "unchanged"
    assert again["items"][0]["document"] == first["items"][0]["document"]
    changed = fresh.post("/documents", json={**PATROL_BOATS, "text": PATROL_BOATS["text"] + " Beijing protested."})
    assert changed.json()["items"][0]["status"] == "updated"


def test_a_json_array_a_plain_text_article_and_uploaded_files_are_read(fresh):
    array = fresh.post("/documents", json=[SHOAL, {"title": "no text"}]).json()
    assert [item["status"] for item in array["items"]] == ["stored", "failed"]
    assert array["items"][1]["origin"] == "body[1]" and "no 'text'" in array["items"][1]["error"]

    plain = fresh.post(
        "/documents?published=2024-05-20",
        content=DENIAL["text"],
        headers={"Content-Type": "text/plain; charset=utf-8", **WRITE},
    ).json()
    document = plain["items"][0]["document"]
    assert plain["stored"] == 1 and document["id"].startswith("sha256:")
    assert document["published"] == "2024-05-20"

    files = [
        ("files", ("boats.txt", PATROL_BOATS["text"].encode(), "text/plain")),
        ("files", ("batch.jsonl", _jsonl(DENIAL).encode(), JSONL)),
        ("files", ("photo.png", b"\x89PNG", "image/png")),
    ]
    uploaded = fresh.post("/documents", files=files, headers=WRITE).json()
    assert [(item["origin"], item["status"]) for item in uploaded["items"]] == [
        ("boats.txt", "stored"),
        ("batch.jsonl:1", "stored"),
        ("photo.png", "failed"),
    ]


@pytest.mark.parametrize(
    ("content", "content_type", "status"),
    [
        (b"{not json", "application/json", 400),
        (b"", "application/json", 400),
        (b"   \n", "text/plain", 400),
        (b"\x00\x01\x02binary\x00", "text/plain", 400),
        (b"42", "application/json", 400),
        (b"text", "application/pdf", 415),
        (b"text", None, 415),
        (json.dumps({"title": "no text"}).encode(), "application/json", 422),
        (b"{broken\n[1, 2]\n", JSONL, 422),
    ],
)
def test_an_entirely_bad_body_is_a_json_4xx(fresh, content, content_type, status):
    headers = {"Content-Type": content_type, **WRITE} if content_type else WRITE
    body = _error(fresh.post("/documents", content=content, headers=headers), status)
    if status == 422:
        assert all(problem["error"] for problem in body["detail"])


def test_a_body_over_max_file_bytes_is_refused(tmp_path):
    with _client(_app(tmp_path, settings=Settings(max_file_bytes=100))) as small:
        _error(small.post("/documents", json={"text": "x" * 200}), 413)


def test_a_bad_published_parameter_is_a_422(fresh):
    _error(fresh.post("/documents?published=yesterday", json=SHOAL), 422)


# -- documents, search ----------------------------------------------------------------------


def test_documents_are_listed_newest_first_a_page_at_a_time(client):
    first = client.get("/documents", params={"limit": 2}).json()
    assert first["count"] == 3 and first["limit"] == 2 and first["next_offset"] == 2
    assert [row["id"] for row in first["data"]] == [PATROL_BOATS["id"], DENIAL["id"]]
    assert first["data"][0] == {
        "id": PATROL_BOATS["id"],
        "title": PATROL_BOATS["title"],
        "outlet": "Dossier Wire",
        "published": "2024-06-02",
        "url": None,
    }
    last = client.get("/documents", params={"limit": 2, "offset": 2}).json()
    assert [row["id"] for row in last["data"]] == [SHOAL["id"]] and last["next_offset"] is None
    assert client.get("/documents", params={"offset": 10}).json()["data"] == []


def test_a_document_is_returned_exactly_as_posted(loaded):
    client, response = loaded
    got = client.get(f"/documents/{SHOAL['id']}")
    assert got.status_code == 200
    assert got.json() == response.json()["items"][0]["document"]


def test_an_unknown_document_is_a_json_404(client):
    body = _error(client.get("/documents/no-such-story"), 404)
    assert "no-such-story" in body["detail"]


def test_search_returns_hits_with_marked_snippets(client):
    page = client.get("/search", params={"q": "water cannon"}).json()
    assert page["data"][0]["id"] == SHOAL["id"]
    snippet = page["data"][0]["snippet"]
    assert f"{HIGHLIGHT_START}water{HIGHLIGHT_END}" in snippet or f"{HIGHLIGHT_START}cannon{HIGHLIGHT_END}" in snippet
    paged = client.get("/search", params={"q": "Philippines", "limit": 1}).json()
    assert len(paged["data"]) == 1 and paged["next_offset"] == 1
    assert client.get("/search", params={"q": "zeppelin"}).json()["data"] == []
    _error(client.get("/search"), 422)
    _error(client.get("/search", params={"q": ""}), 422)


# -- actors -----------------------------------------------------------------------------------


def test_actors_are_listed_and_filtered(client):
    page = client.get("/actors").json()
    ids = [actor["id"] for actor in page["data"]]
    assert {"PHL", "CHN", "JPN"} <= set(ids) and page["count"] == len(ids)
    states = client.get("/actors", params={"kind": "state"}).json()["data"]
    assert states and all(actor["kind"] == "state" for actor in states)
    philippine = client.get("/actors", params={"country": "phl"}).json()["data"]
    assert philippine and all(actor["country"] == "PHL" for actor in philippine)
    one = client.get("/actors", params={"limit": 1, "offset": 1}).json()
    assert one["data"] == page["data"][1:2] and one["next_offset"] == 2
    _error(client.get("/actors", params={"kind": "planet"}), 422)


def test_an_actor_profile_and_an_unknown_actor(client):
    profile = client.get("/actors/PHL").json()
    assert profile["id"] == "PHL" and profile["documents"] == 3
    assert {"Philippines"} <= set(profile["aliases"])
    assert {member["document_id"] for member in profile["members"]} == {story["id"] for story in STORIES}
    _error(client.get("/actors/atlantis"), 404)


# -- the graph -----------------------------------------------------------------------------


def test_a_dyad_lists_its_events_with_evidence(client):
    report = client.get("/dyads/PHL/CHN").json()
    assert (report["a"], report["b"]) == ("CHN", "PHL") and report["count"] >= 2
    statuses = {source["status"] for event in report["events"] for source in event["reports"]}
    assert "denied" in statuses
    assert all(source["sentence"] for event in report["events"] for source in event["reports"])
    assert report["quarters"] and report["quarters"][0]["quarter"] == "2024-Q2"
    page = client.get("/dyads/PHL/CHN", params={"limit": 1}).json()
    assert len(page["events"]) == 1 and page["count"] == report["count"]
    assert client.get("/dyads/PHL/CHN", params={"since": "2025"}).json()["count"] == 0
    assert client.get("/dyads/PHL/CHN", params={"until": "2024-05", "since": "2024"}).json()["count"] == report["count"]


@pytest.mark.parametrize(
    "query",
    [
        {"since": "2024-13"},
        {"since": "last year"},
        {"since": "2024-06", "until": "2024-05"},
        {"relation": "allied"},
        {"limit": 0},
        {"limit": 1001},
        {"offset": "many"},
    ],
)
def test_bad_dyad_parameters_are_422(client, query):
    body = _error(client.get("/dyads/PHL/CHN", params=query), 422)
    assert body["detail"][0]["loc"][0] == "query"


def test_a_dyad_of_one_side_twice_is_a_422(client):
    _error(client.get("/dyads/PHL/phl"), 422)


def test_events_are_report_rows_filtered_by_actor_type_status_and_date(client):
    everything = client.get("/events").json()
    assert everything["count"] == len(everything["data"]) and everything["next_offset"] is None
    japan = client.get("/events", params={"actor": "JPN"}).json()["data"]
    assert japan and all("JPN" in row["source_countries"] + row["target_countries"] for row in japan)
    aid = client.get("/events", params={"type": "aid"}).json()["data"]
    assert [row["document_id"] for row in aid] == [PATROL_BOATS["id"]]
    denied = client.get("/events", params={"status": "denied"}).json()["data"]
    assert denied and all(row["status"] == "denied" for row in denied)
    assert client.get("/events", params={"since": "2024-06"}).json()["data"]
    assert client.get("/events", params={"until": "2023"}).json()["data"] == []
    page = client.get("/events", params={"limit": 2}).json()
    assert page["data"] == everything["data"][:2] and page["count"] is None and page["next_offset"] == 2
    _error(client.get("/events", params={"type": "INVADE"}), 422)
    _error(client.get("/events", params={"status": "rumoured"}), 422)


def test_contradictions_pair_a_claim_with_its_denial(client):
    page = client.get("/contradictions").json()
    assert page["data"], "the shoal story's claim and Beijing's denial"
    found = page["data"][0]
    assert found["claim"]["document_id"] == SHOAL["id"] and found["denial"]["document_id"] == DENIAL["id"]
    assert client.get("/contradictions", params={"actor": "chn"}).json()["data"] == page["data"]
    assert client.get("/contradictions", params={"actor": "USA"}).json()["data"] == []


def test_the_network_and_its_filters(client):
    net = client.get("/network").json()
    assert {"PHL", "CHN", "JPN"} <= {node["id"] for node in net["nodes"]}
    assert any(edge["source"] == "JPN" and edge["target"] == "PHL" for edge in net["edges"])
    aid = client.get("/network", params={"types": "AID"}).json()
    assert aid["types"] == ["AID"] and all(set(edge["types"]) == {"AID"} for edge in aid["edges"])
    _error(client.get("/network", params={"types": "AID,BOGUS"}), 422)
    _error(client.get("/network", params={"since": "2024-02-30"}), 422)


def test_stats(client):
    stats = client.get("/stats").json()
    assert stats["documents"] == 3 and stats["backend"] == "sqlite"
    assert (stats["earliest_published"], stats["latest_published"]) == ("2024-05-14", "2024-06-02")


def test_the_openapi_schema_lists_every_route(client):
    paths = client.get("/openapi.json").json()["paths"]
    assert set(paths) == {
        "/documents",
        "/documents/{doc_id}",
        "/search",
        "/actors",
        "/actors/{actor_id}",
        "/dyads/{a}/{b}",
        "/events",
        "/contradictions",
        "/network",
        "/stats",
    }
    assert set(paths["/documents"]["post"]["requestBody"]["content"]) >= {"application/json", JSONL, "text/plain"}


def test_an_unknown_route_is_a_json_404(client):
    _error(client.get("/nowhere"), 404)
    _error(client.delete("/documents/x"), 405)


# -- errors from the server's side ------------------------------------------------------------


def test_an_unexpected_error_is_a_500_without_a_traceback(tmp_path, monkeypatch):
    app = _app(tmp_path)

    def broken():
        raise RuntimeError("secret internals")

    monkeypatch.setattr(app.state.store, "stats", broken)
    with _client(app, raise_server_exceptions=False) as client:
        body = _error(client.get("/stats"), 500)
    assert "secret internals" not in json.dumps(body)


def test_a_failing_store_is_a_503(tmp_path, monkeypatch):
    app = _app(tmp_path)

    def locked():
        raise StoreError("cannot read the store: database is locked") from OperationalError("SELECT", {}, Exception())

    monkeypatch.setattr(app.state.store, "stats", locked)
    with _client(app) as client:
        assert "locked" in _error(client.get("/stats"), 503)["detail"]


# -- who may read and write -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("host", "loopback"),
    [
        ("127.0.0.1", True),
        ("127.0.1.1", True),
        ("::1", True),
        ("[::1]", True),
        ("localhost", True),
        ("0.0.0.0", False),
        ("::", False),
        ("192.168.1.20", False),
        ("dossier.example", False),
    ],
)
def test_loopback_addresses(host, loopback):
    assert is_loopback(host) is loopback


def test_on_loopback_without_a_token_no_login_is_asked(fresh):
    assert fresh.get("/stats").status_code == 200
    assert fresh.post("/documents", json=PATROL_BOATS).status_code == 200


def test_on_loopback_with_a_token_writes_need_it_and_reads_do_not(tmp_path):
    with _client(_app(tmp_path, token="s3cret")) as client:
        assert client.get("/stats").status_code == 200
        missing = client.post("/documents", json=PATROL_BOATS)
        assert _error(missing, 401) and missing.headers["WWW-Authenticate"] == "Bearer"
        _error(client.post("/documents", json=PATROL_BOATS, headers={"Authorization": "Bearer wrong"}), 401)
        _error(client.post("/documents", json=PATROL_BOATS, headers={"Authorization": "Basic s3cret"}), 401)
        _error(
            client.post("/documents", json=PATROL_BOATS, headers={"Authorization": "Bearer sëcret".encode("latin-1")}),
            401,
        )
        ok = client.post("/documents", json=PATROL_BOATS, headers={"Authorization": "Bearer s3cret"})
        assert ok.status_code == 200 and ok.json()["stored"] == 1


def test_off_loopback_every_request_needs_the_token(tmp_path):
    with _client(_app(tmp_path, token="s3cret", host="0.0.0.0")) as client:
        _error(client.get("/stats"), 401)
        _error(client.get("/documents/anything"), 401)
        assert client.get("/stats", headers={"Authorization": "Bearer s3cret"}).status_code == 200


def test_off_loopback_without_a_token_the_app_is_refused(tmp_path):
    with pytest.raises(ConfigError, match="DOSSIER_TOKEN"):
        _app(tmp_path, host="0.0.0.0")


def test_the_token_comes_from_settings_and_dossier_token(tmp_path, monkeypatch):
    monkeypatch.setenv("DOSSIER_TOKEN", "from-env")
    settings = load_settings()
    assert settings.token == "from-env" and "from-env" not in repr(settings)
    with _client(_app(tmp_path, settings=settings)) as client:
        _error(client.post("/documents", json=PATROL_BOATS), 401)
        good = client.post("/documents", json=PATROL_BOATS, headers={"Authorization": "Bearer from-env"})
        assert good.status_code == 200


# -- dossier serve ------------------------------------------------------------------------------


def test_serve_refuses_a_public_address_without_a_token(tmp_path, monkeypatch):
    monkeypatch.delenv("DOSSIER_TOKEN", raising=False)
    ran = []
    monkeypatch.setattr("uvicorn.run", lambda *args, **kwargs: ran.append(kwargs))
    result = CliRunner().invoke(cli_app, ["serve", "--host", "0.0.0.0", "--db", f"sqlite:///{tmp_path / 's.db'}"])
    assert result.exit_code == 2 and not ran
    assert "token" in result.output


def test_serve_runs_uvicorn_and_says_where_to_open_it(tmp_path, monkeypatch):
    monkeypatch.delenv("DOSSIER_TOKEN", raising=False)
    ran = []
    monkeypatch.setattr("uvicorn.run", lambda app, **kwargs: ran.append((app, kwargs)))
    db = f"sqlite:///{tmp_path / 's.db'}"
    result = CliRunner().invoke(cli_app, ["serve", "--db", db, "--port", "8123"])
    assert result.exit_code == 0, result.output
    assert "http://127.0.0.1:8123/" in result.output
    app, kwargs = ran[0]
    assert kwargs == {"host": "127.0.0.1", "port": 8123, "log_level": "info"}
    assert app.state.store.url == db

    monkeypatch.setenv("DOSSIER_TOKEN", "s3cret")
    result = CliRunner().invoke(cli_app, ["serve", "--db", db, "--host", "0.0.0.0"])
    assert result.exit_code == 0 and ran[-1][1]["host"] == "0.0.0.0"


def test_serve_also_serves_the_web_app(tmp_path, monkeypatch):
    monkeypatch.delenv("DOSSIER_TOKEN", raising=False)
    ran = []
    monkeypatch.setattr("uvicorn.run", lambda app, **kwargs: ran.append(app))
    result = CliRunner().invoke(cli_app, ["serve", "--db", f"sqlite:///{tmp_path / 's.db'}"])
    assert result.exit_code == 0, result.output
    with _client(ran[0]) as client:
        assert client.get("/stats").status_code == 200
        assert client.get("/", follow_redirects=False).status_code in (301, 302, 303, 307, 308)
