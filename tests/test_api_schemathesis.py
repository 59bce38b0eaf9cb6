"""Property-based: no request the OpenAPI schema allows, and none it forbids, makes the
API answer with a server error. Schemathesis generates the requests from /openapi.json;
a bounded, derandomized run keeps it fast and repeatable."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
import schemathesis
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error

from dossier.api import create_app
from dossier.config import Settings

STORY = {
    "id": "wire-2025-0310-grain",
    "title": "Ankara brokers new grain talks",
    "published": "2025-03-10",
    "outlet": "Dossier Wire",
    "text": (
        "ANKARA, March 10 (Dossier Wire) - Turkey hosted talks between Russia and Ukraine on Monday "
        "on reopening grain shipments. Kyiv accused Moscow of shelling the port of Odesa last week, "
        "which Russia denied."
    ),
}


# JSON lines are text: send the generated strings as they are.
schemathesis.serializer.alias("application/x-ndjson", "text/plain")

# Schemathesis parametrizes at collection time, so the app exists then; its store is an
# empty file until the fixture below ingests the story. (``schemathesis.pytest.from_fixture``
# would build it in a fixture, but does not run under pytest 9.)
_FOLDER = tempfile.TemporaryDirectory(prefix="dossier-fuzz-")
# Schemathesis calls the app as the host "testserver": a name the server is told to answer.
APP = create_app(f"sqlite:///{Path(_FOLDER.name) / 'api.db'}", settings=Settings(), allowed_hosts=["testserver"])
schema = schemathesis.openapi.from_asgi("/openapi.json", APP)


@pytest.fixture(scope="module", autouse=True)
def _stored_story():
    with TestClient(APP) as client:
        assert client.post("/documents", json=STORY).status_code == 200
        yield
    _FOLDER.cleanup()


@schema.parametrize()
@settings(
    max_examples=25,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=list(HealthCheck),
)
def test_no_request_is_a_server_error(case):
    response = case.call()
    case.validate_response(response, checks=[not_a_server_error])
