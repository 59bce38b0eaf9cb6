"""The `dossier` command end to end: extract, ingest, show, search, actors, stats."""

import json
from pathlib import Path

import jsonschema
import pytest
from typer.testing import CliRunner

from dossier.cli import app
from dossier.contract import json_schema

EXAMPLES = Path(__file__).parent.parent / "examples"

SANCTIONS_STORY = """Washington Imposes New Sanctions on Caracas Officials

The United States on Monday imposed sanctions on three Venezuelan officials it accused of
undermining the election, the Treasury Department said. Venezuela called the measures an
act of aggression and said it would protest at the United Nations.
"""

TALKS_STORY = """- Dossier Wire
Friday, May 9, 2025

Indian and Pakistani military officers held talks at the border on Thursday, the first
since the ceasefire, and agreed to keep a hotline open.
"""


@pytest.fixture
def runner():
    return CliRunner()


@pytest.fixture
def articles(tmp_path):
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "sanctions.txt").write_text(SANCTIONS_STORY, encoding="utf-8")
    (folder / "talks.txt").write_text(TALKS_STORY, encoding="utf-8")
    return folder


def test_extract_prints_a_document_in_the_contract_shape(runner, articles):
    result = runner.invoke(app, ["extract", str(articles / "sanctions.txt")])
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    jsonschema.validate(document, json_schema())
    assert document["title"] == "Washington Imposes New Sanctions on Caracas Officials"
    assert document["published"] is None
    assert document["text"] == SANCTIONS_STORY
    assert {"United States", "Venezuela"} <= {a["name"] for a in document["actors"]}


def test_extract_jsonl_gives_one_line_per_document_with_header_metadata(runner, articles):
    result = runner.invoke(app, ["extract", str(articles), "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    documents = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(documents) == 2
    talks = next(d for d in documents if "hotline" in d["text"])
    assert talks["published"] == "2025-05-09"
    assert talks["outlet"] == "Dossier Wire"


def test_published_flag_only_dates_documents_that_state_no_date(runner, articles):
    result = runner.invoke(app, ["extract", str(articles), "--format", "jsonl", "--published", "2024-01-02"])
    dates = {json.loads(line)["title"]: json.loads(line)["published"] for line in result.stdout.splitlines()}
    assert dates["Washington Imposes New Sanctions on Caracas Officials"] == "2024-01-02"
    assert "2025-05-09" in dates.values()


def test_a_bad_date_flag_is_a_usage_error(runner, articles):
    result = runner.invoke(app, ["extract", str(articles), "--published", "last Tuesday"])
    assert result.exit_code == 2


def test_a_bad_file_is_named_and_the_rest_still_comes_out(runner, articles):
    (articles / "empty.txt").write_text("", encoding="utf-8")
    result = runner.invoke(app, ["extract", str(articles), "--format", "jsonl"])
    assert result.exit_code == 1
    assert "empty.txt" in result.stderr
    assert len(result.stdout.splitlines()) == 2


def test_ingest_twice_stores_nothing_new_the_second_time(runner, articles, tmp_path):
    db = f"sqlite:///{tmp_path / 'store.db'}"
    first = runner.invoke(app, ["ingest", str(articles), "--db", db])
    assert first.exit_code == 0, first.output
    assert "2 stored" in first.stderr
    second = runner.invoke(app, ["ingest", str(articles), "--db", db])
    assert second.exit_code == 0, second.output
    assert "0 stored" in second.stderr and "2 unchanged" in second.stderr
    stats = json.loads(runner.invoke(app, ["stats", "--db", db, "--format", "json"]).stdout)
    assert stats["documents"] == 2


def test_show_prints_exactly_what_extract_printed(runner, articles, tmp_path):
    db = f"sqlite:///{tmp_path / 'store.db'}"
    path = str(articles / "talks.txt")
    extracted = runner.invoke(app, ["extract", path]).stdout
    runner.invoke(app, ["ingest", path, "--db", db])
    doc_id = json.loads(extracted)["id"]
    shown = runner.invoke(app, ["show", doc_id, "--db", db])
    assert shown.exit_code == 0, shown.output
    assert shown.stdout == extracted


def test_show_of_an_unknown_id_is_a_clear_error(runner, tmp_path):
    from dossier.cli import main  # noqa: F401  (main turns DossierError into exit 1)

    db = f"sqlite:///{tmp_path / 'store.db'}"
    result = runner.invoke(app, ["show", "sha256:nope", "--db", db])
    assert result.exit_code != 0
    assert "sha256:nope" in str(result.exception) + result.output


def test_search_actors_and_stats_read_the_store(runner, articles, tmp_path):
    db = f"sqlite:///{tmp_path / 'store.db'}"
    runner.invoke(app, ["ingest", str(articles), "--db", db])
    hits = json.loads(runner.invoke(app, ["search", "sanctions", "--db", db, "--format", "json"]).stdout)
    assert hits and "Caracas" in hits[0]["title"]
    table = runner.invoke(app, ["search", "hotline", "--db", db])
    assert table.exit_code == 0 and "hotline" in table.stdout
    states = json.loads(runner.invoke(app, ["actors", "--country", "ven", "--db", db, "--format", "json"]).stdout)
    assert [a["name"] for a in states if a["kind"] == "state"] == ["Venezuela"]


def test_ingest_a_malformed_json_line_fails_alone(runner, tmp_path):
    batch = tmp_path / "batch.jsonl"
    batch.write_text(
        json.dumps({"id": "w1", "text": "Japan and Australia signed a defense pact."})
        + "\n"
        + "{not json\n"
        + json.dumps({"id": "w3", "text": "Norway expelled two Russian diplomats."})
        + "\n",
        encoding="utf-8",
    )
    db = f"sqlite:///{tmp_path / 'store.db'}"
    result = runner.invoke(app, ["ingest", str(batch), "--db", db])
    assert result.exit_code == 1
    assert f"{batch}:2" in result.stderr
    stats = json.loads(runner.invoke(app, ["stats", "--db", db, "--format", "json"]).stdout)
    assert stats["documents"] == 2


def test_the_shipped_examples_extract_cleanly(runner):
    result = runner.invoke(app, ["extract", str(EXAMPLES), "--format", "jsonl"])
    assert result.exit_code == 0, result.stderr
    documents = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(documents) >= 5
    for document in documents:
        jsonschema.validate(document, json_schema())
        for actor in document["actors"]:
            for span in actor["mentions"]:
                assert document["text"][span["start"] : span["end"]] == span["text"]


def test_schema_command_prints_the_json_schema(runner):
    result = runner.invoke(app, ["schema"])
    assert json.loads(result.stdout)["title"] == "Document"
