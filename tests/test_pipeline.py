"""Records through the whole pipeline into each store backend: one transaction per document."""

from pathlib import Path

import pytest

import dossier
from dossier.ingest import read_inputs
from dossier.ingest.records import Record
from dossier.pipeline import extract_records, ingest_records

EXAMPLES = Path(__file__).parent.parent / "examples"


def test_ingest_then_get_gives_back_what_extract_gave(store):
    records = list(read_inputs([str(EXAMPLES)]))
    assert all(isinstance(r, Record) for r in records)
    outcomes = list(ingest_records(records, store))
    assert [o.status for o in outcomes] == ["stored"] * len(records)
    for document in extract_records(records):
        assert store.get(document.id).to_json() == document.to_json()


def test_ingesting_again_parses_nothing_and_reports_unchanged(store, monkeypatch):
    records = list(read_inputs([str(EXAMPLES)]))
    list(ingest_records(records, store))

    def parse_nothing(records, **kwargs):
        for record in records:
            raise AssertionError(f"an unchanged article was parsed again: {record.origin}")
        yield from ()

    monkeypatch.setattr("dossier.pipeline._parsed", parse_nothing)
    outcomes = list(ingest_records(records, store))
    assert {o.status for o in outcomes} == {"unchanged"}
    assert store.stats()["documents"] == len(records)


def test_a_changed_text_under_the_same_id_is_updated(store):
    first = Record(text="Chile and Peru agreed to reopen their border crossing.", id="wire-7")
    second = Record(text="Chile and Peru agreed to reopen two border crossings.", id="wire-7")
    assert [o.status for o in ingest_records([first], store)] == ["stored"]
    assert [o.status for o in ingest_records([second], store)] == ["updated"]
    assert "two border crossings" in store.get("wire-7").text


def test_a_failed_save_stores_nothing_of_that_document_and_the_batch_goes_on(store, monkeypatch):
    from dossier.errors import StoreError

    good = Record(text="Kenya sent police officers to Haiti on Tuesday.", id="good")
    bad = Record(text="Norway expelled two Russian diplomats.", id="bad")
    later = Record(text="Brazil hosted talks between Colombia and Venezuela.", id="later")
    real_save = store.save

    def failing_save(document, **kwargs):
        if document.id == "bad":
            raise StoreError("disk full (simulated)")
        return real_save(document, **kwargs)

    monkeypatch.setattr(store, "save", failing_save)
    outcomes = {o.doc_id: o for o in ingest_records([good, bad, later], store)}
    assert outcomes["bad"].status == "failed" and "disk full" in outcomes["bad"].error
    assert outcomes["good"].status == outcomes["later"].status == "stored"
    assert set(store.document_ids()) == {"good", "later"}


def test_input_errors_are_reported_in_the_stream(store, tmp_path):
    (tmp_path / "blank.txt").write_text("   \n", encoding="utf-8")
    (tmp_path / "ok.txt").write_text("Qatar mediated talks between Israel and Hamas.", encoding="utf-8")
    outcomes = list(ingest_records(read_inputs([str(tmp_path)]), store))
    assert sorted(o.status for o in outcomes) == ["failed", "stored"]
    failed = next(o for o in outcomes if o.status == "failed")
    assert failed.origin.endswith("blank.txt") and failed.error == "empty file"


def test_two_processes_give_the_same_documents_as_one():
    records = list(read_inputs([str(EXAMPLES)]))[:4]
    one = list(extract_records(records, n_process=1, batch_size=2))
    two = list(extract_records(records, n_process=2, batch_size=2))
    assert two == one


def test_extract_takes_metadata_from_the_header_unless_given():
    text = "- Dossier Wire\nMonday, May 5, 2025\n\nGhana and Togo signed a border accord.\n"
    assert dossier.extract(text).published.isoformat() == "2025-05-05"
    assert dossier.extract(text, published="2025-05-06").published.isoformat() == "2025-05-06"
    assert dossier.extract(text, outlet="Other Wire").outlet == "Other Wire"


@pytest.mark.parametrize("model", ["no_such_model_xyz"])
def test_a_missing_model_is_a_clear_error(model):
    from dossier.errors import ModelNotFound

    with pytest.raises(ModelNotFound, match="no_such_model_xyz"):
        dossier.extract("Text.", model=model)
