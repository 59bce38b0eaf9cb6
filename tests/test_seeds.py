"""The two seed articles in ../shared (not in the repository): skipped on a clone without them."""

import json
from pathlib import Path

import jsonschema
import pytest
from typer.testing import CliRunner

from dossier.cli import app
from dossier.contract import json_schema

SEEDS = Path(__file__).parent.parent.parent / "shared" / "samples" / "seeds"
pytestmark = pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/samples/seeds is not here")


@pytest.fixture(scope="module")
def seeds():
    result = CliRunner().invoke(app, ["extract", *map(str, sorted(SEEDS.glob("*.txt"))), "--format", "jsonl"])
    assert result.exit_code == 0, result.stderr
    return {json.loads(line)["text"][:40]: json.loads(line) for line in result.stdout.splitlines()}


def _seed(seeds, prefix):
    return next(document for text, document in seeds.items() if text.startswith(prefix))


def test_seed_output_validates_and_every_span_matches_the_text(seeds):
    for document in seeds.values():
        jsonschema.validate(document, json_schema())
        for actor in document["actors"]:
            for span in actor["mentions"]:
                assert document["text"][span["start"] : span["end"]] == span["text"]


def test_seed_004_reads_its_dateline_and_outlet(seeds):
    document = _seed(seeds, "- The Washington Times")
    assert document["published"] == "2020-06-25"
    assert document["outlet"] == "The Washington Times"


def test_seed_000_has_a_headline_and_no_date(seeds):
    document = _seed(seeds, "North Korea Sends")
    assert document["published"] is None
    assert document["title"].startswith("North Korea Sends Top Delegation")
