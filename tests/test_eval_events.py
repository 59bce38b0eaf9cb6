"""`dossier eval events`: PLOVER 0.5b1 names, the root event, the score arithmetic, JSON lines, the command.

The scoring and most command tests use hand-built documents, so they test the
evaluation, not the event extractor; one test runs the real pipeline end to end and
checks only that it runs and prints figures.
"""

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from dossier.cli import app
from dossier.contract import Actor, Document, Event, Span
from dossier.errors import InputError
from dossier.evaluate import GoldActor, GoldRecord, evaluate_events, gold_event, read_gold, score_events
from dossier.evaluate import events as events_eval

GOLD = Path(__file__).parent / "data" / "gold_events.json"


def ev(type, source=(), target=(), mode=None, root=False):
    """A predicted event: its type, the indices of its source and target actors, mode, root."""
    return {"type": type, "source": source, "target": target, "mode": mode, "root": root}


def document(record, actors=(), events=()):
    """A document for a gold record: actors are (kind, country) pairs, events from ``ev``."""
    whole = Span(start=0, end=len(record.text), text=record.text)
    return Document(
        id=record.id,
        text=record.text,
        actors=[
            Actor(id=f"a{i}", name=f"actor {i}", kind=kind, country=country) for i, (kind, country) in enumerate(actors)
        ],
        events=[
            Event(
                id=f"e{i}",
                type=spec["type"],
                mode=spec["mode"],
                cameo="010",
                source=[f"a{n}" for n in spec["source"]],
                target=[f"a{n}" for n in spec["target"]],
                trigger=whole,
                sentence=whole,
                root=spec["root"],
            )
            for i, spec in enumerate(events)
        ],
    )


# What a hypothetical event coder found in each sentence of tests/data/gold_events.json.
FOUND = {
    # A non-root event first: the root CONSULT is the prediction. Right, mode right.
    "TEST-EV-CONSULT-0001": (
        [("state", "DEU"), ("person", "POL")],
        [ev("AGREE", [1], [0]), ev("CONSULT", [0], [1], mode="visit", root=True)],
    ),
    # No root: the first event. Source names Chile only: overlap, not exact.
    "TEST-EV-AGREE-0001": ([("state", "CHL"), ("state", "PER")], [ev("AGREE", [0])]),
    # DEMAND is REQUEST; the EU is an igo actor: key "IGO".
    "TEST-EV-DEMAND-0001": ([("igo", None), ("state", "BLR")], [ev("REQUEST", [0], [1], root=True)]),
    # FIGHT is ASSAULT; "heavy_weapons" reads as "heavy-weapons".
    "TEST-EV-FIGHT-0001": (
        [("group", "ARM"), ("group", "AZE")],
        [ev("ASSAULT", [0], [1], mode="Heavy_Weapons", root=True)],
    ),
    # DISAPPROVE is ACCUSE with mode "disapprove"; Dossier gives no mode: mode wrong.
    "TEST-EV-DISAPPROVE-0001": ([("state", "IDN"), ("state", "AUS")], [ev("ACCUSE", [0], [1], root=True)]),
    # No event at all: NONE, and both roles wrong.
    "TEST-EV-INVESTIGATE-0001": ([("igo", None), ("location", "MMR")], []),
    # Wrong type (REJECT for THREATEN), right countries.
    "TEST-EV-THREATEN-0001": ([("state", "ECU"), ("person", "MEX")], [ev("REJECT", [0], [1], root=True)]),
    "TEST-EV-PROTEST-0001": ([("group", "KEN")], [ev("PROTEST", [0], mode="demo-org", root=True)]),
    # Target names Iran and the United States: overlap, not exact.
    "TEST-EV-SANCTION-0001": (
        [("state", "CAN"), ("person", "IRN"), ("state", "USA")],
        [ev("SANCTION", [0], [1, 2], root=True)],
    ),
    "TEST-EV-AID-0001": ([("igo", None), ("state", "YEM")], [ev("AID", [0], [1], root=True)]),
    # Right type, no target: target wrong (Turkey is found, but not as the event's target).
    "TEST-EV-REJECT-0001": ([("state", "GRC"), ("state", "TUR")], [ev("REJECT", [0], root=True)]),
    "TEST-EV-MOBILIZE-0001": (
        [("state", "VEN"), ("state", "GUY")],
        [ev("MOBILIZE", [0], [1], mode="troops", root=True)],
    ),
    # Wrong type (PROTEST for ASSAULT); gold source is non-state (UAF): not scored.
    "TEST-EV-ASSAULT-0001": ([("group", None), ("location", "MLI")], [ev("PROTEST", [0], [1], root=True)]),
}


def fake_document(record):
    actors, events = FOUND[record.id]
    return document(record, actors, events)


@pytest.fixture
def gold():
    return read_gold(GOLD)


@pytest.fixture
def scores(gold):
    return score_events(gold, [fake_document(record) for record in gold])


@pytest.fixture
def fake_extractor(monkeypatch):
    """Make evaluate_events read the hand-built documents instead of running spaCy."""

    def extract_gold(records, **kwargs):
        return iter([fake_document(record) for record in records])

    monkeypatch.setattr(events_eval, "extract_gold", extract_gold)


@pytest.fixture
def runner():
    return CliRunner()


def record(event="CONSULT", mode=None, source=(), target=(), id="r1"):
    return GoldRecord(
        id=id,
        text="Iran and Iraq held talks.",
        event=event,
        mode=mode,
        source=tuple(GoldActor("source", code, code) for code in source),
        target=tuple(GoldActor("target", code, code) for code in target),
    )


# --- gold names -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("event", "mode", "expected"),
    [
        ("DEMAND", None, ("REQUEST", None)),
        ("DISAPPROVE", None, ("ACCUSE", "disapprove")),
        ("INVESTIGATE", None, ("ACCUSE", "investigate")),
        ("FIGHT", None, ("ASSAULT", None)),
        ("FIGHT", "heavy-weapons", ("ASSAULT", "heavy-weapons")),
        ("DISAPPROVE", "boycott", ("ACCUSE", "boycott")),  # the gold's own mode wins
        ("DISAPPROVE", "  ", ("ACCUSE", "disapprove")),  # ... when it is not empty
        ("PROTEST", "demo-org", ("PROTEST", "demo-org")),
        ("AGREE", None, ("AGREE", None)),
        ("consult", None, ("CONSULT", None)),
    ],
)
def test_gold_event_reads_plover_05_names(event, mode, expected):
    assert gold_event(record(event, mode)) == expected


def test_an_unknown_event_name_is_an_error_naming_the_record():
    with pytest.raises(InputError) as caught:
        gold_event(record("PARLEY", id="X-7"), "gold.json")
    assert str(caught.value).startswith("gold.json: record 'X-7' codes event 'PARLEY'")


def test_evaluate_events_checks_names_before_extracting(tmp_path, monkeypatch):
    def extract_gold(records, **kwargs):
        raise AssertionError("extracted before the gold was checked")

    monkeypatch.setattr(events_eval, "extract_gold", extract_gold)
    path = tmp_path / "gold.json"
    path.write_text(
        json.dumps([{"id": "ok", "text": "t", "event": "AGREE"}, {"id": "odd", "text": "t", "event": "YIELD"}])
    )
    with pytest.raises(InputError, match=r"record 'odd' codes event 'YIELD'"):
        evaluate_events(path)


# --- the predicted event --------------------------------------------------------------


def test_the_root_event_is_the_prediction_wherever_it_stands():
    gold = record("AGREE")
    doc = document(gold, [], [ev("CONSULT"), ev("REJECT"), ev("AGREE", root=True)])
    assert events_eval.predicted_event(doc).type == "AGREE"
    assert score_events([gold], [doc]).correct == 1


def test_without_a_root_the_first_event_is_the_prediction():
    doc = document(record(), [], [ev("CONSULT"), ev("AGREE")])
    assert events_eval.predicted_event(doc).type == "CONSULT"


def test_no_event_is_none_and_counts_against_recall_only():
    gold = [record("AGREE", id="a"), record("CONSULT", id="b")]
    scores = score_events(gold, [document(gold[0]), document(gold[1], [], [ev("CONSULT")])])
    assert scores.predicted == {"NONE": 1, "CONSULT": 1}
    types = scores.type_scores()
    assert "NONE" not in types
    assert (types["AGREE"].precision, types["AGREE"].recall, types["AGREE"].f1) == (None, 0.0, 0.0)
    assert (types["CONSULT"].precision, types["CONSULT"].recall) == (1.0, 1.0)
    assert scores.macro_f1 == pytest.approx(0.5)
    assert scores.unpredicted == 1
    assert scores.confusion_matrix() == {"AGREE": {"NONE": 1}, "CONSULT": {"CONSULT": 1}}


# --- scoring the test gold ------------------------------------------------------------


def test_type_accuracy_and_per_type_counts(scores):
    assert scores.records == 13
    assert (scores.correct, scores.accuracy) == (10, pytest.approx(10 / 13))
    types = scores.type_scores()
    assert list(types) == [  # contract order; every gold or predicted type
        "AGREE",
        "CONSULT",
        "AID",
        "REQUEST",
        "ACCUSE",
        "REJECT",
        "THREATEN",
        "PROTEST",
        "SANCTION",
        "MOBILIZE",
        "ASSAULT",
    ]
    assert {name: (s.support, s.predicted, s.correct) for name, s in types.items()} == {
        "AGREE": (1, 1, 1),
        "CONSULT": (1, 1, 1),
        "AID": (1, 1, 1),
        "REQUEST": (1, 1, 1),  # DEMAND
        "ACCUSE": (2, 1, 1),  # DISAPPROVE, INVESTIGATE
        "REJECT": (1, 2, 1),
        "THREATEN": (1, 0, 0),
        "PROTEST": (1, 2, 1),
        "SANCTION": (1, 1, 1),
        "MOBILIZE": (1, 1, 1),
        "ASSAULT": (2, 1, 1),  # FIGHT, ASSAULT
    }
    assert types["ASSAULT"].precision == 1.0 and types["ASSAULT"].recall == 0.5
    assert types["ASSAULT"].f1 == pytest.approx(2 / 3)
    assert types["REJECT"].precision == 0.5 and types["REJECT"].recall == 1.0
    assert types["THREATEN"].precision is None and types["THREATEN"].f1 == 0.0


def test_macro_f1_by_hand(scores):
    # 11 gold types: six at F1 1 (AGREE CONSULT REQUEST SANCTION AID MOBILIZE), four at
    # 2/3 (ASSAULT ACCUSE PROTEST REJECT), THREATEN at 0: (6 + 8/3) / 11 = 26/33.
    assert scores.macro_f1 == pytest.approx(26 / 33)


def test_macro_f1_leaves_out_types_only_predicted():
    gold = [record("AGREE", id="a"), record("AGREE", id="b")]
    docs = [document(gold[0], [], [ev("AGREE")]), document(gold[1], [], [ev("PROTEST")])]
    scores = score_events(gold, docs)
    assert scores.type_scores()["PROTEST"].support == 0
    assert scores.macro_f1 == pytest.approx(2 / 3)  # AGREE alone: P 1, R 1/2


def test_mode_accuracy_counts_gold_modes_where_the_type_is_right(scores):
    # CONSULT visit, FIGHT heavy-weapons (as Heavy_Weapons), PROTEST demo-org, MOBILIZE
    # troops match; DISAPPROVE's implied "disapprove" does not. THREATEN, INVESTIGATE and
    # ASSAULT have modes but the wrong type.
    assert (scores.mode_matched, scores.mode_gold) == (4, 5)
    assert scores.mode_accuracy == pytest.approx(0.8)


def test_country_accuracy_exact_and_overlap(scores):
    # Source: 12 records with a country or IGO (ASSAULT's UAF is not scored); AGREE finds
    # Chile without Peru (overlap only), INVESTIGATE has no event (wrong).
    assert (scores.source.gold, scores.source.exact, scores.source.overlap) == (12, 10, 11)
    # Target: 11 records (AGREE "" and PROTEST null code none); SANCTION adds the USA
    # (overlap only); INVESTIGATE has no event, REJECT no target (both wrong).
    assert (scores.target.gold, scores.target.exact, scores.target.overlap) == (11, 8, 9)
    assert scores.source.accuracy == scores.source.overlap_accuracy == pytest.approx(11 / 12)
    assert scores.target.exact_accuracy == pytest.approx(8 / 11)


def test_an_igo_code_is_matched_by_an_igo_actor_of_the_role():
    gold = record("REQUEST", source=["IGOUNO"], target=["SDN"])
    as_igo = document(gold, [("igo", None), ("state", "SDN")], [ev("REQUEST", [0], [1])])
    as_org = document(gold, [("organization", None), ("state", "SDN")], [ev("REQUEST", [0], [1])])
    igo_elsewhere = document(gold, [("igo", None), ("state", "SDN")], [ev("REQUEST", [], [0, 1])])
    scores = score_events([gold] * 3, [as_igo, as_org, igo_elsewhere])
    assert (scores.source.gold, scores.source.exact, scores.source.overlap) == (3, 1, 1)
    assert (scores.target.exact, scores.target.overlap) == (2, 3)  # {IGO, SDN} vs {SDN} once


def test_non_state_and_uncoded_gold_actors_leave_a_role_unscored():
    gold = record("ASSAULT", source=["UAF", "NGO", ""], target=["IMG"])
    scores = score_events([gold], [document(gold, [], [ev("ASSAULT")])])
    assert (scores.source.gold, scores.target.gold) == (0, 0)
    assert scores.source.accuracy is None
    assert scores.errors == []


def test_confusion_matrix(scores):
    matrix = scores.confusion_matrix()
    assert list(matrix) == scores.gold_types()
    assert matrix["ASSAULT"] == {"PROTEST": 1, "ASSAULT": 1}
    assert matrix["ACCUSE"] == {"ACCUSE": 1, "NONE": 1}
    assert matrix["THREATEN"] == {"REJECT": 1}
    assert matrix["AGREE"] == {"AGREE": 1}
    assert sum(sum(row.values()) for row in matrix.values()) == 13
    assert scores.predicted_types()[-1] == "NONE"


def test_errors_list_wrong_types_and_wrong_countries(scores):
    assert [(e.record_id, e.wrong) for e in scores.errors] == [
        ("TEST-EV-INVESTIGATE-0001", ("type", "source", "target")),
        ("TEST-EV-THREATEN-0001", ("type",)),
        ("TEST-EV-REJECT-0001", ("target",)),
        ("TEST-EV-ASSAULT-0001", ("type",)),
    ]
    missed = scores.errors[0]
    assert (missed.gold_type, missed.predicted_type, missed.gold_mode) == ("ACCUSE", "NONE", "investigate")
    assert (missed.gold_source, missed.predicted_source) == (("IGO",), ())
    assert (missed.gold_target, missed.predicted_target) == (("MMR",), ())
    assert scores.errors[2].predicted_target == () and scores.errors[2].gold_target == ("TUR",)
    assert scores.errors[1].text.startswith("Ecuador threatened")


def test_to_dict(scores):
    figures = scores.to_dict()
    assert figures["records"] == 13 and figures["correct"] == 10 and figures["unpredicted"] == 1
    assert figures["macro_f1"] == pytest.approx(26 / 33)
    assert figures["mode"] == {"accuracy": pytest.approx(0.8), "gold": 5, "matched": 4}
    assert figures["source_country"] == {
        "accuracy": pytest.approx(11 / 12),
        "exact": pytest.approx(10 / 12),
        "overlap": pytest.approx(11 / 12),
        "gold": 12,
        "exact_matched": 10,
        "overlap_matched": 11,
    }
    assert figures["types"]["THREATEN"] == {
        "precision": None,
        "recall": 0.0,
        "f1": 0.0,
        "support": 1,
        "predicted": 0,
        "correct": 0,
    }
    assert figures["confusion"]["ACCUSE"] == {"ACCUSE": 1, "NONE": 1}
    assert figures["errors"][0]["record"] == "TEST-EV-INVESTIGATE-0001"
    assert figures["errors"][0]["gold_source"] == ["IGO"]
    assert "errors" not in scores.to_dict(errors=False)
    json.dumps(figures)  # plain JSON


def test_records_and_documents_must_pair_up(gold):
    with pytest.raises(ValueError):
        score_events(gold, [])


def test_evaluate_events_limits_the_records(fake_extractor):
    scores = evaluate_events(GOLD, limit=3)
    assert scores.records == 3
    assert scores.correct == 3 and scores.macro_f1 == 1.0


# --- JSON lines -----------------------------------------------------------------------


LINES = [
    {"id": "DOC", "event": "DOCUMENT"},
    {"id": "r1", "text": "Chile and Peru agreed.", "event": "AGREE", "source": [{"actorText": "Chile", "code": "CHL"}]},
    {"id": "r2", "text": "Cuba protested.", "event": "PROTEST", "mode": "demo-org", "target": None},
]


def test_read_gold_reads_json_lines(tmp_path):
    path = tmp_path / "gold.jsonl"
    path.write_text("\n".join(json.dumps(item) for item in LINES[:2]) + "\n\n  \n" + json.dumps(LINES[2]) + "\n")
    gold = read_gold(path)
    assert [r.id for r in gold] == ["r1", "r2"]
    assert gold[0].source[0].code == "CHL" and gold[1].mode == "demo-org"


def test_json_lines_in_a_json_file_are_read_as_lines(tmp_path):
    path = tmp_path / "gold.json"
    path.write_text("\n".join(json.dumps(item) for item in LINES))
    assert [r.id for r in read_gold(path)] == ["r1", "r2"]


def test_a_jsonl_file_holding_one_json_array_is_an_error(tmp_path):
    path = tmp_path / "gold.jsonl"
    path.write_text(json.dumps(LINES[1:]))
    with pytest.raises(InputError, match=r"gold.jsonl:1: record is not a JSON object"):
        read_gold(path)


@pytest.mark.parametrize(
    ("third_line", "problem"),
    [
        ('{"id": "r3", "text": "x"', "not valid JSON"),
        ('["r3"]', "record is not a JSON object"),
        ('{"text": "x", "event": "AGREE"}', "record has no 'id'"),
        ('{"id": "r3", "event": "AGREE"}', "record 'r3' has no 'text'"),
        ('{"id": "r3", "text": "x"}', "record 'r3' has no 'event'"),
    ],
)
def test_a_bad_json_line_names_the_file_and_the_line(tmp_path, third_line, problem):
    path = tmp_path / "gold.jsonl"
    path.write_text(json.dumps(LINES[1]) + "\n\n" + third_line + "\n")
    with pytest.raises(InputError) as caught:
        read_gold(path)
    assert str(caught.value).startswith(f"{path}:3: {problem}")


def test_an_empty_jsonl_file_holds_no_gold_records(tmp_path):
    path = tmp_path / "gold.jsonl"
    path.write_text("\n" + json.dumps(LINES[0]) + "\n")
    with pytest.raises(InputError, match="holds no gold records"):
        read_gold(path)


# --- the command ----------------------------------------------------------------------


def test_eval_events_prints_summary_types_and_confusion(runner, fake_extractor):
    result = runner.invoke(app, ["eval", "events", str(GOLD)])
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "macro-F1" in out and "0.788" in out
    assert "76.9%  (10/13)" in out  # accuracy
    assert "80.0%  (4/5)" in out  # mode accuracy
    assert "91.7%  (11/12)" in out and "83.3%  (10/12)" in out  # source overlap, exact
    assert "81.8%  (9/11)" in out and "72.7%  (8/11)" in out  # target overlap, exact
    assert "per type" in out and "THREATEN" in out and "0.667" in out
    assert "confusion" in out and "NONE" in out
    assert "records coded wrongly" not in out  # the errors table only with --errors


def test_eval_events_errors_lists_the_wrong_sentences(runner, fake_extractor):
    result = runner.invoke(app, ["eval", "events", str(GOLD), "--errors"])
    assert result.exit_code == 0, result.output
    assert "4 records coded wrongly" in result.stdout
    for word in ("TEST-EV-INVESTIGATE-0001", "TEST-EV-REJECT-0001", "Ecuador", "TUR → —", "THREATEN → REJECT"):
        assert word in result.stdout


def test_eval_events_json(runner, fake_extractor):
    result = runner.invoke(app, ["eval", "events", str(GOLD), "--format", "json"])
    assert result.exit_code == 0, result.output
    figures = json.loads(result.stdout)
    assert figures["records"] == 13
    assert figures["macro_f1"] == pytest.approx(26 / 33)
    assert figures["target_country"]["exact_matched"] == 8
    assert "errors" not in figures
    with_errors = json.loads(
        runner.invoke(app, ["eval", "events", str(GOLD), "-f", "json", "--errors", "-n", "6"]).stdout
    )
    assert with_errors["records"] == 6
    assert [e["record"] for e in with_errors["errors"]] == ["TEST-EV-INVESTIGATE-0001"]


def test_min_f1_sets_the_exit_code(runner, fake_extractor):
    passed = runner.invoke(app, ["eval", "events", str(GOLD), "--min-f1", "0.75"])
    assert passed.exit_code == 0, passed.output
    failed = runner.invoke(app, ["eval", "events", str(GOLD), "--min-f1", "0.8", "--format", "json"])
    assert failed.exit_code == 1
    assert json.loads(failed.stdout)["records"] == 13  # the figures still come out
    assert "macro-F1 0.788 is below --min-f1 0.8" in failed.stderr


def test_a_bad_gold_file_is_one_line_naming_it(runner, tmp_path, fake_extractor):
    path = tmp_path / "gold.json"
    path.write_text("not json", encoding="utf-8")
    result = runner.invoke(app, ["eval", "events", str(path)])
    assert result.exit_code == 1
    assert result.stderr.strip().splitlines() == [f"error: {path}: not valid JSON: Expecting value at line 1 column 1"]
    lines = tmp_path / "gold.jsonl"
    lines.write_text('{"id": "r1", "text": "x", "event": "AGREE"}\n{oops}\n', encoding="utf-8")
    result = runner.invoke(app, ["eval", "events", str(lines)])
    assert result.exit_code == 1
    assert result.stderr.startswith(f"error: {lines}:2: not valid JSON")
    unknown = tmp_path / "unknown.json"
    unknown.write_text('[{"id": "r1", "text": "x", "event": "PARLEY"}]', encoding="utf-8")
    result = runner.invoke(app, ["eval", "events", str(unknown)])
    assert result.exit_code == 1
    assert f"error: {unknown}: record 'r1' codes event 'PARLEY'" in result.stderr
    missing = runner.invoke(app, ["eval", "events", str(tmp_path / "nope.json")])
    assert missing.exit_code == 1
    assert "nope.json: no such file" in missing.stderr


def test_eval_events_end_to_end_through_the_pipeline(runner):
    # The event extractor is work in progress: check that the command runs and reports
    # figures, not what they are.
    result = runner.invoke(app, ["eval", "events", str(GOLD), "--format", "json", "--limit", "4"])
    assert result.exit_code == 0, result.output
    figures = json.loads(result.stdout)
    assert figures["records"] == 4
    assert 0.0 <= figures["macro_f1"] <= 1.0
    assert 0 <= figures["correct"] <= 4
    assert set(figures["confusion"]) <= {"CONSULT", "AGREE", "REQUEST", "ASSAULT"}
