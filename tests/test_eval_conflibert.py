"""`dossier eval events` on ConfliBERT-style pentaclass gold: classes, NONE, overlap F1, the command.

Every sentence here is written for these tests (ConfliBERT's own file is GPL and stays
outside the repository). The documents are hand-built, so the tests check the scoring,
not the event extractor.
"""

import json

import pytest
from typer.testing import CliRunner

from dossier.cli import app
from dossier.contract import Actor, Attribution, Document, Event, Span
from dossier.errors import InputError
from dossier.evaluate import events as events_eval
from dossier.evaluate import pentaclass as pc
from dossier.evaluate.pentaclass import (
    NONE,
    GoldSpan,
    OverlapScore,
    PentaclassRecord,
    PentaclassScores,
    cameo_pentaclass,
    is_pentaclass_gold,
    overlaps,
    predicted_pentaclass,
    read_pentaclass_gold,
    role_overlap,
    score_pentaclass,
)


def span(text, words, start=0):
    """The span of ``words`` in ``text`` (its first occurrence from ``start``)."""
    begin = text.index(words, start)
    return Span(start=begin, end=begin + len(words), text=words)


def gold_span(text, role, words):
    found = span(text, words)
    return GoldSpan(role, found.start, found.end, words)


def doc(text, cameo=None, source=(), target=(), attribution=False, id="d", root=True, extra_mentions=None):
    """A document: one event with ``cameo`` (none when None) naming actors by their words."""
    actors, ids = [], {}
    for words in (*source, *target):
        if words not in ids:
            ids[words] = f"a{len(actors)}"
            mentions = [span(text, words)] + list((extra_mentions or {}).get(words, ()))
            actors.append(Actor(id=ids[words], name=words, kind="state", mentions=mentions))
    whole = Span(start=0, end=len(text), text=text)
    events = []
    if cameo is not None:
        events.append(
            Event(
                id="e0",
                type="AGREE",
                cameo=cameo,
                source=[ids[w] for w in source],
                target=[ids[w] for w in target],
                trigger=whole,
                sentence=whole,
                root=root,
            )
        )
    attributions = [Attribution(id="t0", cue=whole)] if attribution else []
    return Document(id=id, text=text, actors=actors, events=events, attributions=attributions)


def gold(text, pentaclass, spans=None, id="r"):
    return PentaclassRecord(id, text, pentaclass, None if spans is None else tuple(gold_span(text, *s) for s in spans))


# --- the class of a prediction ----------------------------------------------------------


@pytest.mark.parametrize(
    ("cameo", "expected"),
    [
        ("010", 0),
        ("0211", 0),
        ("02", 0),
        ("030", 1),
        ("046", 1),
        ("057", 1),
        ("060", 2),
        ("0711", 2),
        ("087", 2),
        ("090", 3),
        ("112", 3),
        ("120", 3),
        ("138", 3),
        ("141", 4),
        ("163", 4),
        ("1663", 4),
        ("173", 4),
        ("190", 4),
        ("204", 4),
        ("00", None),
        ("21", None),
        ("", None),
        ("1", None),
        ("x1", None),
        (None, None),
    ],
)
def test_cameo_roots_group_into_the_five_classes(cameo, expected):
    assert cameo_pentaclass(cameo) == expected


def test_the_root_event_gives_the_class():
    text = "Chile and Peru signed a treaty."
    document = doc(text, "057")
    document.events.insert(0, document.events[0].model_copy(update={"id": "e1", "cameo": "190", "root": False}))
    assert predicted_pentaclass(document) == 1
    no_root = doc(text, "190", root=False)
    assert predicted_pentaclass(no_root) == 4  # the first event when none is root


def test_an_attribution_alone_is_class_0_and_nothing_is_none():
    text = "The minister said the talks went well."
    assert predicted_pentaclass(doc(text, attribution=True)) == 0
    assert predicted_pentaclass(doc(text)) == NONE
    assert predicted_pentaclass(doc(text, "190", attribution=True)) == 4  # an event wins


def test_none_costs_recall_only_and_attribution_counts():
    texts = ["A said B.", "C met D.", "E hit F.", "G met H."]
    records = [
        gold(texts[0], 0, id="a"),
        gold(texts[1], 1, id="b"),
        gold(texts[2], 4, id="c"),
        gold(texts[3], 1, id="d"),
    ]
    docs = [doc(texts[0], attribution=True), doc(texts[1], "040"), doc(texts[2]), doc(texts[3], "040")]
    scores = score_pentaclass(records, docs)
    assert scores.predicted == {0: 1, 1: 2, NONE: 1}
    assert (scores.unpredicted, scores.by_attribution, scores.correct) == (1, 1, 3)
    classes = scores.class_scores()
    assert NONE not in classes
    assert (classes[4].precision, classes[4].recall, classes[4].f1) == (None, 0.0, 0.0)
    assert scores.confusion_matrix() == {0: {0: 1}, 1: {1: 2}, 4: {NONE: 1}}
    assert scores.macro_f1 == pytest.approx((1 + 1 + 0) / 3)


def test_macro_f1_is_the_mean_of_per_class_f1_not_micro():
    # Gold: 4 of class 1, 1 of class 3. Dossier says 1 for all five. Class 1: P 4/5, R 1,
    # F1 8/9; class 3: F1 0. Macro (8/9 + 0) / 2 = 4/9; micro (accuracy) would be 4/5.
    texts = [f"Sentence {i}." for i in range(5)]
    records = [gold(t, 1 if i < 4 else 3, id=str(i)) for i, t in enumerate(texts)]
    scores = score_pentaclass(records, [doc(t, "030") for t in texts])
    assert scores.class_scores()[1].f1 == pytest.approx(8 / 9)
    assert scores.macro_f1 == pytest.approx(4 / 9)
    assert scores.accuracy == pytest.approx(4 / 5)


def test_macro_f1_leaves_out_classes_only_predicted():
    texts = ["One.", "Two."]
    records = [gold(texts[0], 2, id="a"), gold(texts[1], 2, id="b")]
    scores = score_pentaclass(records, [doc(texts[0], "070"), doc(texts[1], "190")])
    assert scores.class_scores()[4].support == 0
    assert scores.macro_f1 == pytest.approx(2 / 3)  # class 2 alone: P 1, R 1/2


# --- overlap F1 -------------------------------------------------------------------------


def test_overlap_is_sharing_a_character():
    assert overlaps(0, 5, 4, 9) and overlaps(4, 9, 0, 5) and overlaps(2, 3, 0, 9)
    assert not overlaps(0, 5, 5, 9) and not overlaps(5, 9, 0, 5)


def test_role_overlap_counts_per_actor_not_per_mention():
    text = "Iran said Iran and Iraq talked, Iran added."
    spans = [gold_span(text, "source", "Iran")]
    twice = Actor(
        id="a", name="Iran", kind="state", mentions=[span(text, "Iran"), span(text, "Iran", 10), span(text, "Iran", 20)]
    )
    other = Actor(id="b", name="Iraq", kind="state", mentions=[span(text, "Iraq")])
    # Iran (three mentions, one overlapping): one matched actor; Iraq: one unmatched.
    assert role_overlap(spans, [twice, other]) == (1, 1, 2, 1)
    assert role_overlap(spans, []) == (1, 0, 0, 0)
    assert role_overlap([], [other]) == (0, 0, 1, 0)


def test_overlap_f1_is_the_harmonic_mean_of_actor_precision_and_span_recall():
    # Source: gold spans 4, found 1; predicted actors 2, matched 2: P 1, R 1/4, F1 0.4.
    # (2*found/(gold+predicted) would give 1/3, the mean of P and R 0.625.)
    score = OverlapScore(sentences=1, gold=4, found=1, predicted=2, matched=2)
    assert (score.precision, score.recall) == (1.0, 0.25)
    assert score.f1 == pytest.approx(0.4)
    assert OverlapScore(gold=3).f1 == 0.0  # nothing predicted: P missing, F1 0
    assert OverlapScore().f1 is None


def test_source_and_target_overlap_f1_over_aligned_sentences():
    s1 = "Iraqi troops attacked the rebel camp near Mosul."
    s2 = "The United States and India sent aid to Nepal."
    s3 = "Germany praised France."  # not aligned: not scored for actors
    s4 = "Russia and Turkey signed a deal."  # reciprocal spans only
    records = [
        gold(s1, 4, [("source", "Iraqi troops"), ("target", "the rebel camp near Mosul")], id="r1"),
        gold(s2, 2, [("source", "The United States"), ("source", "India"), ("target", "Nepal")], id="r2"),
        gold(s3, 0, id="r3"),
        gold(s4, 1, [("R", "Russia and Turkey")], id="r4"),
    ]
    docs = [
        # Source "troops" lies inside "Iraqi troops": matched; target Mosul inside the span.
        doc(s1, "190", source=["troops"], target=["Mosul"]),
        # One of two sources found; the target named as source too (unmatched), no target.
        doc(s2, "070", source=["United States", "Nepal"]),
        doc(s3, "111", source=["Germany"], target=["France"]),
        doc(s4, "057", source=["Russia"], target=["Turkey"]),
    ]
    scores = score_pentaclass(records, docs)
    assert scores.aligned == 3
    source, target, reciprocal = scores.source, scores.target, scores.reciprocal
    assert (source.sentences, source.gold, source.found, source.predicted, source.matched) == (2, 3, 2, 3, 2)
    assert source.precision == pytest.approx(2 / 3) and source.recall == pytest.approx(2 / 3)
    assert source.f1 == pytest.approx(2 / 3)
    assert (target.sentences, target.gold, target.found, target.predicted, target.matched) == (2, 2, 1, 1, 1)
    assert target.f1 == pytest.approx(2 * 1 * 0.5 / 1.5)
    assert (reciprocal.sentences, reciprocal.gold, reciprocal.found, reciprocal.predicted, reciprocal.matched) == (
        1,
        1,
        1,
        2,
        2,
    )
    assert reciprocal.f1 == 1.0
    assert [(e.record_id, e.wrong) for e in scores.errors] == [("r2", ("source", "target")), ("r3", ("class",))]
    error = scores.errors[0]
    assert error.predicted_source == ("United States", "Nepal") and error.predicted_target == ()
    assert [s.text for s in error.gold_spans] == ["The United States", "India", "Nepal"]


def test_a_predicted_role_the_gold_leaves_empty_is_unmatched():
    text = "The president spoke to the nation."
    record = gold(text, 0, [("source", "The president")])
    scores = score_pentaclass([record], [doc(text, "010", source=["president"], target=["nation"])])
    assert (scores.target.gold, scores.target.predicted, scores.target.matched) == (0, 1, 0)
    assert scores.target.precision == 0.0 and scores.target.f1 == 0.0
    assert scores.errors[0].wrong == ("target",)


def test_no_event_misses_every_gold_span():
    text = "Rebels shelled the town."
    record = gold(text, 4, [("source", "Rebels"), ("target", "the town")])
    scores = score_pentaclass([record], [doc(text)])
    assert (scores.source.found, scores.source.gold, scores.source.predicted) == (0, 1, 0)
    assert scores.source.f1 == 0.0
    assert scores.errors[0].wrong == ("class", "source", "target")
    assert scores.errors[0].predicted_type == NONE and scores.errors[0].predicted_cameo is None


def test_to_dict():
    text = "Rebels shelled the town."
    record = gold(text, 4, [("source", "Rebels"), ("target", "the town")])
    figures = score_pentaclass([record], [doc(text, "195", source=["Rebels"], target=["town"])]).to_dict()
    assert figures["format"] == "pentaclass" and figures["records"] == 1 and figures["macro_f1"] == 1.0
    assert figures["classes"] == {
        "4": {
            "name": "material conflict",
            "precision": 1.0,
            "recall": 1.0,
            "f1": 1.0,
            "support": 1,
            "predicted": 1,
            "correct": 1,
        }
    }
    assert figures["confusion"] == {"4": {"4": 1}}
    assert figures["source"]["f1"] == 1.0 and figures["target"]["matched"] == 1
    assert figures["errors"] == [] and "errors" not in score_pentaclass([record], [doc(text)]).to_dict(errors=False)
    json.dumps(figures)


def test_records_and_documents_must_pair_up():
    with pytest.raises(ValueError):
        score_pentaclass([gold("x", 0)], [])


# --- reading the gold -------------------------------------------------------------------

LINES = [
    {
        "id": "c1",
        "text": "Iran condemned the strike on its embassy.",
        "pentaclass": 3,
        "spans": [{"role": "source", "start": 0, "end": 4, "text": "Iran"}],
    },
    {
        "id": "c2",
        "text": "Kenya and Uganda signed a border pact.",
        "pentaclass": 1,
        "spans": [{"role": "R", "start": 0, "end": 16, "text": "Kenya and Uganda"}],
    },
    {"id": "c3", "text": "Police arrested forty protesters in the capital.", "pentaclass": 4},
]


def write_lines(path, lines):
    path.write_text("\n".join(json.dumps(line) for line in lines) + "\n", encoding="utf-8")
    return path


def test_read_pentaclass_gold(tmp_path):
    records = read_pentaclass_gold(write_lines(tmp_path / "gold.jsonl", LINES))
    assert [(r.id, r.pentaclass, r.aligned) for r in records] == [("c1", 3, True), ("c2", 1, True), ("c3", 4, False)]
    assert records[0].spans == (GoldSpan("source", 0, 4, "Iran"),)
    assert records[1].spans_of("reciprocal") == records[1].spans and records[1].spans_of("source") == ()


def test_the_format_is_told_by_the_records_not_the_name(tmp_path):
    as_json = tmp_path / "sentences.json"  # a JSON array, not .jsonl
    as_json.write_text(json.dumps(LINES), encoding="utf-8")
    assert is_pentaclass_gold(as_json)
    assert is_pentaclass_gold(write_lines(tmp_path / "plover.jsonl", LINES))
    plover = tmp_path / "cameo.jsonl"
    write_lines(plover, [{"id": "DOC", "event": "DOCUMENT"}, {"id": "p1", "text": "Chile agreed.", "event": "AGREE"}])
    assert not is_pentaclass_gold(plover)


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        ({"pentaclass": 5}, "has pentaclass 5, not one of 0, 1, 2, 3, 4"),
        ({"pentaclass": "3"}, "has pentaclass '3'"),
        ({"text": ""}, "has no 'text'"),
        ({"spans": [{"role": "actor", "start": 0, "end": 4}]}, "span 0 has role 'actor'"),
        ({"spans": [{"role": "source", "start": 0, "end": 400}]}, "span 0 has no 'start' and 'end' inside the text"),
        (
            {"spans": [{"role": "source", "start": 0, "end": 4, "text": "Iraq"}]},
            "span 0 reads 'Iran' at 0-4, not its text 'Iraq'",
        ),
    ],
)
def test_a_bad_record_is_an_error_naming_it(tmp_path, change, problem):
    path = write_lines(tmp_path / "gold.jsonl", [LINES[1], {**LINES[0], **change}])
    with pytest.raises(InputError) as caught:
        read_pentaclass_gold(path)
    assert str(caught.value).startswith(f"{path}:2: record 'c1'")
    assert problem in str(caught.value)


# --- the command ------------------------------------------------------------------------

FOUND = {
    # Right class, source found, no target predicted or gold.
    "c1": lambda text: doc(text, "111", source=["Iran"]),
    # "pact" coded as material cooperation: class wrong; both actors named.
    "c2": lambda text: doc(text, "061", source=["Kenya"], target=["Uganda"]),
    # Nothing found: NONE.
    "c3": lambda text: doc(text),
}


@pytest.fixture
def fake_extractor(monkeypatch):
    def extract_gold(records, **kwargs):
        return iter([FOUND[record.id](record.text) for record in records])

    monkeypatch.setattr(pc, "extract_gold", extract_gold)
    monkeypatch.setattr(events_eval, "extract_gold", lambda *a, **k: pytest.fail("read as PLOVER"))


@pytest.fixture
def gold_file(tmp_path):
    return write_lines(tmp_path / "sentences.jsonl", LINES)


def test_eval_events_reads_a_pentaclass_file(gold_file, fake_extractor):
    result = CliRunner().invoke(app, ["eval", "events", str(gold_file)])
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "pentaclass" in out and "macro-F1" in out
    assert "33.3%  (1/3)" in out  # accuracy
    assert "3 verbal conflict" in out and "NONE" in out
    assert "source" in out and "reciprocal" in out and "1/1" in out
    assert "coded wrongly" not in out


def test_eval_events_pentaclass_errors_and_json(gold_file, fake_extractor):
    runner = CliRunner()
    result = runner.invoke(app, ["eval", "events", str(gold_file), "--errors"])
    assert result.exit_code == 0, result.output
    assert "2 sentences coded wrongly" in result.stdout
    for words in (
        "c2",
        "1 → 2 (AGREE 061)",
        "Kenya and Uganda → Kenya, Uganda",
        "c3",
        "4 → NONE (NONE)",
        "Police arrested",
    ):
        assert words in result.stdout
    figures = json.loads(runner.invoke(app, ["eval", "events", str(gold_file), "-f", "json", "--errors"]).stdout)
    assert figures["format"] == "pentaclass" and figures["records"] == 3
    # Classes 3 (right) 1 and 4 (missed); 2 only predicted: (1 + 0 + 0) / 3.
    assert figures["macro_f1"] == pytest.approx(1 / 3)
    assert figures["confusion"] == {"1": {"2": 1}, "3": {"3": 1}, "4": {"NONE": 1}}
    assert [e["record"] for e in figures["errors"]] == ["c2", "c3"]
    limited = json.loads(runner.invoke(app, ["eval", "events", str(gold_file), "-f", "json", "-n", "1"]).stdout)
    assert limited["records"] == 1 and limited["macro_f1"] == 1.0


def test_min_f1_applies_to_the_pentaclass_macro_f1(gold_file, fake_extractor):
    runner = CliRunner()
    assert runner.invoke(app, ["eval", "events", str(gold_file), "--min-f1", "0.3"]).exit_code == 0
    failed = runner.invoke(app, ["eval", "events", str(gold_file), "--min-f1", "0.5"])
    assert failed.exit_code == 1
    assert "macro-F1 0.333 is below --min-f1 0.5" in failed.stderr


def test_a_bad_pentaclass_file_is_one_line_naming_it(tmp_path, fake_extractor):
    path = write_lines(tmp_path / "gold.jsonl", [LINES[0], {**LINES[2], "pentaclass": 9}])
    result = CliRunner().invoke(app, ["eval", "events", str(path)])
    assert result.exit_code == 1
    assert result.stderr.strip().splitlines() == [
        f"error: {path}:2: record 'c3' has pentaclass 9, not one of 0, 1, 2, 3, 4"
    ]


def test_scores_type():
    assert isinstance(score_pentaclass([gold("x.", 0)], [doc("x.")]), PentaclassScores)
