"""What the HTTP API refuses to protect the analyst's store from other web pages and from
hostile bodies: cross-site writes, foreign Host headers (DNS rebinding), bodies over the
size limit (refused while they stream in), JSON nested past the parser's depth; and the
headers every response carries."""

from __future__ import annotations

import asyncio
import json

import httpx
import pytest
from fastapi.testclient import TestClient

from dossier.api import create_app
from dossier.config import Settings

LOCAL = "http://127.0.0.1"
EVIL = "https://evil.example"
WRITE = {"X-Dossier-Request": "1"}
ARTICLE = (
    "TOKYO, June 2 (Dossier Wire) - Japan agreed on Sunday to provide five patrol boats to the "
    "Philippines, the foreign ministry said. China criticized the deal."
)
RECORD = {"id": "wire-2024-0602-aid", "title": "Tokyo pledges patrol boats to Manila", "text": ARTICLE}
DEEP = "[" * 1000 + "]" * 1000


def _app(tmp_path, **kwargs):
    kwargs.setdefault("settings", Settings())
    return create_app(f"sqlite:///{tmp_path / 'api.db'}", **kwargs)


@pytest.fixture
def app(tmp_path):
    return _app(tmp_path)


@pytest.fixture
def client(app):
    with TestClient(app, base_url=LOCAL) as client:
        yield client


def _error(response, status: int) -> dict:
    assert response.status_code == status, response.text
    body = response.json()
    assert set(body) == {"error", "detail"} and body["error"] and body["detail"]
    return body


def _documents(client) -> int:
    return client.get("/stats").json()["documents"]


# -- cross-site writes (CSRF) ------------------------------------------------------------------

#: The bodies a page on any site can have the browser POST without asking first.
SIMPLE_POSTS = {
    "text/plain": {"content": ARTICLE, "headers": {"Content-Type": "text/plain"}},
    "urlencoded form": {"data": {"text": ARTICLE}},
    "multipart form": {"files": [("files", ("story.txt", ARTICLE.encode(), "text/plain"))]},
}


@pytest.mark.parametrize("post", SIMPLE_POSTS.values(), ids=SIMPLE_POSTS)
@pytest.mark.parametrize("sender", [{"Origin": EVIL}, {"Referer": f"{EVIL}/page.html"}], ids=["origin", "referer"])
def test_a_write_from_another_site_is_refused_and_nothing_is_stored(client, post, sender):
    headers = {**post.get("headers", {}), **sender}
    body = _error(client.post("/documents", **{**post, "headers": headers}), 403)
    assert "evil.example" in body["detail"]
    assert _documents(client) == 0


@pytest.mark.parametrize(
    "origin",
    ["null", "http://127.0.0.1:9999", "https://127.0.0.1", "http://localhost", "http://127.0.0.1.evil.example"],
)
def test_only_the_servers_own_origin_may_write_even_with_json_and_the_header(client, origin):
    _error(client.post("/documents", json=RECORD, headers={"Origin": origin, **WRITE}), 403)
    assert _documents(client) == 0


def test_every_writing_method_is_held_to_the_origin_but_only_post_to_the_body_rule(client):
    _error(client.delete("/documents/x", headers={"Origin": EVIL}), 403)
    _error(client.put("/documents", headers={"Origin": EVIL}), 403)
    _error(client.delete("/documents/x"), 405)


def test_the_servers_own_pages_may_write(client):
    same = client.post("/documents", content=ARTICLE, headers={"Content-Type": "text/plain", "Origin": LOCAL, **WRITE})
    assert same.status_code == 200, same.text
    referred = client.post("/documents", json=RECORD, headers={"Referer": f"{LOCAL}/app/#/add"})
    assert referred.status_code == 200, referred.text


@pytest.mark.parametrize("post", SIMPLE_POSTS.values(), ids=SIMPLE_POSTS)
def test_a_simple_write_needs_the_request_header(client, post):
    body = _error(client.post("/documents", **post), 403)
    assert "X-Dossier-Request" in body["detail"]
    assert _documents(client) == 0
    headers = {**post.get("headers", {}), **WRITE}
    assert client.post("/documents", **{**post, "headers": headers}).status_code == 200


@pytest.mark.parametrize("content_type", ["text/html", "application/pdf", None])
def test_any_other_body_type_needs_the_header_too(client, content_type):
    headers = {"Content-Type": content_type} if content_type else {}
    _error(client.post("/documents", content=b"<p>text</p>", headers=headers), 403)


@pytest.mark.parametrize("content_type", ["application/json", "application/x-ndjson", "application/jsonl"])
def test_json_needs_no_header_since_browsers_must_ask_before_sending_it(client, content_type):
    response = client.post("/documents", content=json.dumps(RECORD), headers={"Content-Type": content_type})
    assert response.status_code == 200, response.text


def test_a_bearer_token_stands_for_the_header_but_basic_credentials_do_not(tmp_path):
    with TestClient(_app(tmp_path, token="s3cret"), base_url=LOCAL) as client:
        plain = {"Content-Type": "text/plain"}
        ok = client.post("/documents", content=ARTICLE, headers={**plain, "Authorization": "Bearer s3cret"})
        assert ok.status_code == 200, ok.text
        _error(client.post("/documents", content=ARTICLE, headers={**plain, "Authorization": "Basic czNjcmV0"}), 403)


def test_reads_from_another_site_are_not_refused(client):
    assert client.get("/stats", headers={"Origin": EVIL}).status_code == 200


# -- the Host header (DNS rebinding) -------------------------------------------------------------


@pytest.mark.parametrize("host", ["127.0.0.1", "127.0.0.1:8000", "localhost:8123", "LOCALHOST", "[::1]:8000", "[::1]"])
def test_loopback_host_names_are_answered(app, host):
    with TestClient(app, base_url=LOCAL) as client:
        assert client.get("/stats", headers={"Host": host}).status_code == 200


@pytest.mark.parametrize(
    "host", ["evil.example", "evil.example:8000", "127.0.0.2:8000", "testserver", "[::2]:8000", ""]
)
def test_any_other_host_is_a_json_400(app, host):
    with TestClient(app, base_url=LOCAL) as client:
        body = _error(client.get("/stats", headers={"Host": host}), 400)
        assert "DOSSIER_ALLOWED_HOSTS" in body["detail"]
        _error(client.post("/documents", json=RECORD, headers={"Host": host}), 400)
        assert _documents(client) == 0


def test_the_bound_address_and_allowed_hosts_are_answered(tmp_path, monkeypatch):
    monkeypatch.setenv("DOSSIER_ALLOWED_HOSTS", " news.example , Archive.Example:8443")
    app = _app(tmp_path, token="s3cret", host="192.168.1.20", allowed_hosts=["dossier.lan"])
    auth = {"Authorization": "Bearer s3cret"}
    with TestClient(app, base_url=LOCAL) as client:
        for host in ("192.168.1.20:8000", "dossier.lan", "news.example:8000", "archive.example"):
            assert client.get("/stats", headers={"Host": host, **auth}).status_code == 200, host
        _error(client.get("/stats", headers={"Host": "evil.example", **auth}), 400)


def test_the_test_clients_host_is_answered_only_when_allowed(tmp_path):
    with TestClient(_app(tmp_path, allowed_hosts=["testserver"])) as client:
        assert client.get("/stats").status_code == 200


# -- body size: refused while it streams in -------------------------------------------------------

CHUNK = 1000
LIMIT = 10_000


class Chunks:
    """An upload body sent a chunk at a time, counting the chunks the server pulled."""

    def __init__(self, count: int, head: bytes = b"", tail: bytes = b""):
        self.count = count
        self.head = head
        self.tail = tail
        self.pulled = 0

    async def __aiter__(self):
        if self.head:
            yield self.head
        for _ in range(self.count):
            self.pulled += 1
            yield b"x" * CHUNK
        yield self.tail


def _stream(app, body, headers: dict[str, str]) -> httpx.Response:
    async def post():
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url=LOCAL) as client:
            return await client.post("/documents", content=body, headers=headers)

    return asyncio.run(post())


@pytest.fixture
def small(tmp_path):
    return _app(tmp_path, settings=Settings(max_file_bytes=LIMIT))


def test_a_streamed_body_over_the_limit_is_refused_as_soon_as_it_passes(small):
    body = Chunks(1000)
    response = _stream(small, body, {"Content-Type": "text/plain", **WRITE})
    assert "over the 10,000 byte limit" in _error(response, 413)["detail"]
    assert body.pulled <= LIMIT // CHUNK + 2, f"read {body.pulled} of 1000 chunks"


def test_a_streamed_form_over_the_limit_is_refused_as_soon_as_it_passes(small):
    boundary = "dossierboundary"
    head = (
        f'--{boundary}\r\nContent-Disposition: form-data; name="files"; filename="big.txt"\r\n'
        "Content-Type: text/plain\r\n\r\n"
    ).encode()
    body = Chunks(1000, head=head, tail=f"\r\n--{boundary}--\r\n".encode())
    response = _stream(small, body, {"Content-Type": f"multipart/form-data; boundary={boundary}", **WRITE})
    _error(response, 413)
    assert body.pulled <= LIMIT // CHUNK + 2, f"read {body.pulled} of 1000 chunks"


def test_a_content_length_over_the_limit_is_refused_before_reading(small):
    body = Chunks(20)
    headers = {"Content-Type": "text/plain", "Content-Length": str(20 * CHUNK), **WRITE}
    _error(_stream(small, body, headers), 413)
    assert body.pulled == 0


def test_a_body_under_the_limit_streamed_in_chunks_is_read(tmp_path):
    app = _app(tmp_path, settings=Settings(max_file_bytes=LIMIT))
    response = _stream(app, Chunks(0, head=ARTICLE.encode()), {"Content-Type": "text/plain", **WRITE})
    assert response.status_code == 200, response.text


def test_a_form_text_field_over_the_limit_is_refused(small):
    with TestClient(small, base_url=LOCAL) as client:
        _error(client.post("/documents", data={"text": "x" * (LIMIT + 1)}, headers=WRITE), 413)


# -- JSON nested past the parser's depth ----------------------------------------------------------

DEEP_RECORD = json.dumps({"text": ARTICLE})[:-1] + f', "x": {DEEP}}}'


@pytest.mark.parametrize(
    ("body", "content_type"),
    [(DEEP, "application/json"), (DEEP_RECORD, "application/json"), (DEEP_RECORD, "text/plain")],
    ids=["array/json", "record/json", "record/text"],
)
def test_deeply_nested_json_is_a_400(client, body, content_type):
    response = client.post("/documents", content=body, headers={"Content-Type": content_type, **WRITE})
    assert "nested too deeply" in _error(response, 400)["detail"]


@pytest.mark.parametrize("body", [DEEP, DEEP_RECORD], ids=["array", "record"])
def test_a_deeply_nested_json_line_fails_alone(client, body):
    response = client.post("/documents", content=body, headers={"Content-Type": "application/x-ndjson"})
    assert "nested too deeply" in json.dumps(_error(response, 422)["detail"])
    batch = "\n".join([json.dumps(RECORD), body]) + "\n"
    mixed = client.post("/documents", content=batch, headers={"Content-Type": "application/x-ndjson"}).json()
    assert [item["status"] for item in mixed["items"]] == ["stored", "failed"]
    assert "nested too deeply" in mixed["items"][1]["error"]


# -- headers on every response ------------------------------------------------------------------


def _assert_secured(response) -> None:
    headers = response.headers
    assert headers["x-content-type-options"] == "nosniff", response.request.url
    assert headers["x-frame-options"] == "DENY"
    assert headers["referrer-policy"] in ("no-referrer", "same-origin")
    assert "frame-ancestors 'none'" in headers["content-security-policy"]


def test_every_api_response_carries_the_security_headers(client):
    _assert_secured(client.get("/stats"))
    _assert_secured(client.get("/openapi.json"))
    _assert_secured(client.get("/nowhere"))
    _assert_secured(client.get("/stats", headers={"Host": "evil.example"}))
    _assert_secured(client.post("/documents", content=ARTICLE, headers={"Content-Type": "text/plain"}))
    _assert_secured(client.post("/documents", content=b"{", headers={"Content-Type": "application/json"}))
    _assert_secured(client.get("/dyads/PHL/CHN", params={"limit": 0}))


def test_a_500_carries_the_security_headers(app, monkeypatch):
    def broken():
        raise RuntimeError("secret internals")

    monkeypatch.setattr(app.state.store, "stats", broken)
    with TestClient(app, base_url=LOCAL, raise_server_exceptions=False) as client:
        response = client.get("/stats")
    assert response.status_code == 500
    _assert_secured(response)


def test_the_web_app_and_its_bundle_carry_them_and_keep_their_policy(app):
    from dossier.web import bundle_missing, mount_web

    mount_web(app)
    with TestClient(app, base_url=LOCAL) as client:
        page = client.get("/app/")
        _assert_secured(page)
        assert "script-src 'self'" in page.headers["content-security-policy"]
        _assert_secured(client.get("/", follow_redirects=False))
        _assert_secured(client.get("/static/no-such-file.js"))
        if not bundle_missing():
            _assert_secured(client.get("/static/app.js"))
