"""`dossier eval actors`: reading PLOVER-format gold, normalizing codes, the score arithmetic, the command.

The scoring and most command tests use hand-built documents, so they test the
evaluation, not the actor extractor; one test runs the real pipeline end to end.
"""

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from dossier.cli import app
from dossier.contract import Actor, Document
from dossier.errors import InputError
from dossier.evaluate import GoldActor, GoldRecord, evaluate_actors, normalize_code, read_gold, score_actors
from dossier.evaluate import actors as actors_eval

GOLD = Path(__file__).parent / "data" / "gold_actors.json"


def document(record, *found):
    """A document for a gold record whose actors are (kind, country) pairs."""
    return Document(
        id=record.id,
        text=record.text,
        actors=[
            Actor(id=f"a{i}", name=f"actor {i}", kind=kind, country=country) for i, (kind, country) in enumerate(found)
        ],
    )


# What a hypothetical extractor found in each sentence of tests/data/gold_actors.json.
FOUND = {
    "TEST-CONSULT-0001": [("state", "IRN"), ("person", None), ("location", "SYR")],
    "TEST-AGREE-0001": [("state", "JPN"), ("location", "CHN")],  # misses Vietnam
    "TEST-REQUEST-0001": [("igo", None), ("state", "SDN")],
    "TEST-ACCUSE-0001": [("organization", "EGY"), ("location", "EGY")],
    "TEST-PROTEST-0001": [("location", "POL")],
    "TEST-SUPPORT-0001": [("person", "ITA"), ("location", "ITA")],  # misses France and the EU
    "TEST-ASSAULT-0001": [],  # misses Kenya
    "TEST-REJECT-0001": [("state", "CUB"), ("location", "USA")],
}


@pytest.fixture
def gold():
    return read_gold(GOLD)


@pytest.fixture
def documents(gold):
    return [document(record, *FOUND[record.id]) for record in gold]


@pytest.fixture
def fake_extractor(monkeypatch):
    """Make evaluate_actors read the hand-built documents instead of running spaCy."""

    def extract_gold(records, **kwargs):
        return iter([document(record, *FOUND[record.id]) for record in records])

    monkeypatch.setattr(actors_eval, "extract_gold", extract_gold)


@pytest.fixture
def runner():
    return CliRunner()


# --- reading gold ---------------------------------------------------------------------


def test_read_gold_skips_the_document_record_and_keeps_file_order(gold):
    assert len(gold) == 8
    assert gold[0].id == "TEST-CONSULT-0001"
    assert all(record.event != "DOCUMENT" for record in gold)
    assert [a.code for a in gold[0].source] == ["IRNGOV"]
    assert gold[0].source[0].text == "Iranian Foreign Minister Reza Karimi"
    assert gold[0].target[0].role == "target"
    assert gold[2].mode == "aid"
    assert gold[0].date == "2025-03-03"


def test_a_role_that_is_not_a_list_codes_no_actor(gold):
    by_id = {record.id: record for record in gold}
    assert by_id["TEST-PROTEST-0001"].target == ()  # ""
    assert by_id["TEST-REJECT-0001"].target == ()  # null
    assert [a.code for a in by_id["TEST-SUPPORT-0001"].actors] == ["ITLGOV", "FRA", "IGOEUREEC"]


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        ("[1, 2", "not valid JSON"),
        ('{"id": "x"}', "expected a JSON array"),
        ("[]", "holds no gold records"),
        ('[{"event": "DOCUMENT"}]', "holds no gold records"),
        ('["a sentence"]', "record 0 is not a JSON object"),
        ('[{"text": "Cuba protested.", "event": "PROTEST"}]', "record 0 has no 'id'"),
        ('[{"id": "r1", "event": "PROTEST"}]', "record 'r1' has no 'text'"),
        ('[{"id": "r1", "text": "Cuba protested."}]', "record 'r1' has no 'event'"),
    ],
)
def test_an_invalid_gold_file_names_the_file_and_the_problem(tmp_path, content, problem):
    path = tmp_path / "gold.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError) as caught:
        read_gold(path)
    assert str(caught.value).startswith(f"{path}: ")
    assert problem in str(caught.value)


def test_a_missing_gold_file_is_an_input_error(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        read_gold(tmp_path / "nope.json")


# --- codes ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("code", "kind", "country"),
    [
        ("USA", "country", "USA"),
        ("USAGOV", "country", "USA"),  # longer codes: the first three letters are the country
        ("irn", "country", "IRN"),
        ("JAP", "country", "JPN"),  # CAMEO spellings that differ from ISO 3166
        ("ITLGOV", "country", "ITA"),
        ("VTN", "country", "VNM"),
        ("PSE", "country", "PSE"),
        ("IGO", "igo", None),
        ("IGOUNO", "igo", None),
        ("NGO", "non_state", None),
        ("IMG", "non_state", None),
        ("ISM", "non_state", None),
        ("UAF", "non_state", None),
        ("", "uncoded", None),
        (None, "uncoded", None),
    ],
)
def test_normalize_code(code, kind, country):
    normalized = normalize_code(code)
    assert (normalized.kind, normalized.country) == (kind, country)


def test_the_cameo_table_maps_only_codes_that_are_not_iso_to_iso_ones():
    import pycountry

    for cameo, iso in actors_eval.CAMEO_TO_ISO.items():
        assert pycountry.countries.get(alpha_3=cameo) is None, cameo
        assert pycountry.countries.get(alpha_3=iso) is not None, iso


# --- scoring --------------------------------------------------------------------------


def test_score_arithmetic(gold, documents):
    scores = score_actors(gold, documents)
    assert scores.records == 8
    # Gold countries: IRN SYR | JPN VNM | SDN | EGY | POL | ITA FRA | KEN | CUB
    assert (scores.matched_countries, scores.gold_countries) == (8, 11)
    assert scores.country_recall == pytest.approx(8 / 11)
    assert (scores.source_matched, scores.source_gold) == (5, 5)
    assert (scores.target_matched, scores.target_gold) == (3, 6)
    assert (scores.igo_matched, scores.igo_gold) == (1, 2)
    # Found: IRN SYR | JPN CHN | SDN | EGY | POL | ITA | - | CUB USA; CHN and USA are extra.
    assert (scores.extra_countries, scores.found_countries) == (2, 10)
    assert scores.extra_rate == pytest.approx(0.2)
    assert scores.records_complete == 5
    assert scores.non_state == {"NGO": 1, "UAF": 1}
    assert scores.uncoded == 0


def test_misses_name_the_gold_actor_and_what_dossier_found(gold, documents):
    misses = score_actors(gold, documents).misses
    assert [(m.record_id, m.role, m.actor_text, m.code, m.expected) for m in misses] == [
        ("TEST-AGREE-0001", "target", "Vietnam", "VTN", "VNM"),
        ("TEST-SUPPORT-0001", "target", "French", "FRA", "FRA"),
        ("TEST-SUPPORT-0001", "target", "European", "IGOEUREEC", "IGO"),
        ("TEST-ASSAULT-0001", "target", "Kenyan border post", "KENMIL", "KEN"),
    ]
    assert misses[0].found == ("CHN", "JPN")
    assert misses[3].found == ()


def test_a_country_coded_twice_in_a_record_counts_once():
    doubled = GoldRecord(
        id="r",
        text="Iranian officials met Iranian clerics.",
        event="CONSULT",
        source=(GoldActor("source", "Iranian officials", "IRNGOV"),),
        target=(GoldActor("target", "Iranian clerics", "IRNREL"), GoldActor("target", "Iranian", "IRN")),
    )
    scores = score_actors([doubled], [document(doubled, ("state", "IRN"))])
    assert (scores.matched_countries, scores.gold_countries) == (1, 1)
    assert (scores.source_gold, scores.target_gold) == (1, 1)


def test_nothing_to_score_gives_no_rates():
    scores = score_actors([], [])
    assert scores.country_recall is None and scores.igo_recall is None and scores.extra_rate is None
    assert scores.to_dict()["country_recall"] is None


def test_records_and_documents_must_pair_up(gold, documents):
    with pytest.raises(ValueError):
        score_actors(gold, documents[:-1])


def test_evaluate_actors_limits_the_records(fake_extractor):
    scores = evaluate_actors(GOLD, limit=2)
    assert scores.records == 2
    assert (scores.matched_countries, scores.gold_countries) == (3, 4)


# --- the command ----------------------------------------------------------------------


def test_eval_actors_prints_a_summary_table(runner, fake_extractor):
    result = runner.invoke(app, ["eval", "actors", str(GOLD)])
    assert result.exit_code == 0, result.output
    assert "country recall" in result.stdout
    assert "72.7%" in result.stdout and "(8/11)" in result.stdout
    assert "IGO recall" in result.stdout and "(1/2)" in result.stdout
    assert "NGO 1" in result.stdout
    assert "4 missed gold actors" not in result.stdout  # the misses table only with --misses


def test_eval_actors_misses_lists_each_missed_gold_actor(runner, fake_extractor):
    result = runner.invoke(app, ["eval", "actors", str(GOLD), "--misses"])
    assert result.exit_code == 0, result.output
    assert "4 missed gold actors" in result.stdout
    for word in ("TEST-AGREE-0001", "Vietnam", "VTN", "Kenyan", "IGOEUREEC"):
        assert word in result.stdout


def test_eval_actors_json(runner, fake_extractor):
    result = runner.invoke(app, ["eval", "actors", str(GOLD), "--json", "--limit", "3"])
    assert result.exit_code == 0, result.output
    figures = json.loads(result.stdout)
    assert figures["records"] == 3
    assert figures["gold_countries"] == 5 and figures["matched_countries"] == 4
    assert figures["country_recall"] == pytest.approx(0.8)
    assert figures["igo"] == {"recall": 1.0, "gold": 1, "matched": 1}
    assert figures["misses"][0]["actor_text"] == "Vietnam"
    assert figures["misses"][0]["found"] == ["CHN", "JPN"]


def test_min_recall_sets_the_exit_code(runner, fake_extractor):
    passed = runner.invoke(app, ["eval", "actors", str(GOLD), "--min-recall", "0.7"])
    assert passed.exit_code == 0, passed.output
    failed = runner.invoke(app, ["eval", "actors", str(GOLD), "--min-recall", "0.9", "--json"])
    assert failed.exit_code == 1
    assert json.loads(failed.stdout)["records"] == 8  # the figures still come out
    assert "below --min-recall 0.9" in failed.stderr


def test_a_bad_gold_file_is_one_line_naming_it(runner, tmp_path):
    path = tmp_path / "gold.json"
    path.write_text("not json", encoding="utf-8")
    result = runner.invoke(app, ["eval", "actors", str(path)])
    assert result.exit_code == 1
    assert result.stderr.strip().splitlines() == [f"error: {path}: not valid JSON: Expecting value at line 1 column 1"]
    missing = runner.invoke(app, ["eval", "actors", str(tmp_path / "nope.json")])
    assert missing.exit_code == 1
    assert "nope.json: no such file" in missing.stderr


def test_eval_actors_end_to_end_through_the_pipeline(runner):
    result = runner.invoke(app, ["eval", "actors", str(GOLD), "--json", "--limit", "2"])
    assert result.exit_code == 0, result.output
    figures = json.loads(result.stdout)
    assert figures["records"] == 2
    assert figures["gold_countries"] == 4
    assert 0 <= figures["matched_countries"] <= 4
