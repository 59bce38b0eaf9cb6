"""The document contract: the committed JSON Schema is the one the models generate."""

import json
from pathlib import Path

import jsonschema
import pytest

import dossier
from dossier.contract import SCHEMA_VERSION, Document, json_schema, json_schema_text

SCHEMA_FILE = Path(__file__).parent.parent / "schema" / "dossier.document-1.schema.json"


def test_committed_schema_is_generated_from_the_models():
    assert SCHEMA_FILE.read_text(encoding="utf-8") == json_schema_text(), "schema/ is stale: run `make schema`"


def test_extracted_document_validates_against_the_schema():
    document = dossier.extract(
        "South Korea's foreign minister visited Tokyo on Friday for talks with Japan.",
        published="2023-03-17",
    )
    payload = json.loads(document.to_json())
    jsonschema.validate(payload, json_schema())
    assert payload["schema"] == SCHEMA_VERSION
    assert payload["published"] == "2023-03-17"


def test_id_is_the_sha256_of_the_text_unless_given():
    text = "Egypt and Ethiopia resumed talks over the Nile dam."
    assert dossier.extract(text).id.startswith("sha256:")
    assert dossier.extract(text, id="wire-42").id == "wire-42"


def test_a_timestamp_published_becomes_its_date():
    document = Document(id="x", text="t", published="2025-03-14 20:30:26Z")
    assert document.published.isoformat() == "2025-03-14"


def test_unknown_fields_are_refused():
    with pytest.raises(Exception):
        Document.model_validate({"id": "x", "text": "t", "colour": "red"})


def test_document_round_trips_through_json():
    document = dossier.extract("Turkey summoned the Swedish ambassador on Monday.", published="2023-01-23")
    assert Document.model_validate_json(document.to_json()) == document
