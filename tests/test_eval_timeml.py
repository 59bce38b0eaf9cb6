"""`dossier eval timexes` on TimeML: the reader, its errors, the Task A scores, the command.

``tests/data/timeml`` holds two short invented wire stories tagged as TimeML for these
tests (``summit.tml``, ``geneva.tml``), both created 1998-03-04, a Wednesday; the
reader's edge cases are written into ``tmp_path``. The scoring tests build Dossier's
documents by hand, so they test the evaluation, not the time stage (which is changing);
the ``evaluate_timeml`` and command tests run the real pipeline and check only what does
not depend on what it finds, or what a deliberately wrong gold value guarantees.
"""

import datetime as dt
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from dossier.cli import app
from dossier.contract import Document, Span, Timex
from dossier.errors import InputError
from dossier.evaluate import timeml as timeml_eval
from dossier.evaluate.timeml import (
    GoldTimex,
    TimeMLDocument,
    _pairs,
    evaluate_timeml,
    is_timeml,
    read_timeml,
    read_timeml_dir,
    score_timeml,
)

GOLD = Path(__file__).parent / "data" / "timeml"

DCT = '<DCT><TIMEX3 tid="t0" type="DATE" value="{value}" functionInDocument="CREATION_TIME">{value}</TIMEX3></DCT>'


def tml(body: str, dct: str = "1998-03-04", *, head: str | None = None) -> str:
    """A TimeML file: ``body`` inside ``<TEXT>``, ``head`` (default: a DCT of ``dct``) before it."""
    head = DCT.format(value=dct) if head is None else head
    return f'<?xml version="1.0" ?>\n<TimeML>\n<DOCID>test</DOCID>\n{head}\n<TEXT>{body}</TEXT>\n</TimeML>\n'


def write(tmp_path: Path, text: str, name: str = "story.tml") -> Path:
    path = tmp_path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


# --------------------------------------------------------------------------- reader

NESTED = (
    'Officials <EVENT eid="e1" class="REPORTING">said</EVENT> the summit '
    '<EVENT eid="e2" class="OCCURRENCE">opened</EVENT> <SIGNAL sid="s1">on</SIGNAL> '
    '<TIMEX3 tid="t1" type="DATE" value="1998-02-27">Friday</TIMEX3>, '
    '<TIMEX3 tid="t2" type="DURATION" value="P2Y"><SIGNAL sid="s2">nearly</SIGNAL> two years</TIMEX3> '
    'after AT&amp;T <EVENT eid="e3" class="OCCURRENCE"><SIGNAL sid="s3">first</SIGNAL> bid</EVENT>'
    '<TIMEX3 tid="t3" type="DATE" value="PAST_REF">, once</TIMEX3>.'
)
NESTED_TEXT = "Officials said the summit opened on Friday, nearly two years after AT&T first bid, once."


def test_read_timeml_strips_tags_and_keeps_offsets(tmp_path):
    document = read_timeml(write(tmp_path, tml(NESTED)))
    assert document.text == NESTED_TEXT
    assert (document.name, document.path) == ("story", str(tmp_path / "story.tml"))
    assert [(t.tid, t.text, t.type, t.value) for t in document.timexes] == [
        ("t1", "Friday", "DATE", "1998-02-27"),
        ("t2", "nearly two years", "DURATION", "P2Y"),
        ("t3", ", once", "DATE", "PAST_REF"),
    ]
    for timex in document.timexes:
        assert document.text[timex.start : timex.end] == timex.text
    friday = document.timexes[0]
    assert (friday.start, friday.end) == (NESTED_TEXT.index("Friday"), NESTED_TEXT.index("Friday") + 6)


def test_read_timeml_fixture_files():
    summit = read_timeml(GOLD / "summit.tml")
    assert summit.text == (
        "\nThe leaders will meet at the summit on Friday, officials said.\n"
        "Talks collapsed last week after two years of negotiation.\n"
    )
    assert summit.published == dt.date(1998, 3, 4)
    assert [(t.start, t.end, t.text, t.type, t.value) for t in summit.timexes] == [
        (40, 46, "Friday", "DATE", "1998-03-06"),
        (80, 89, "last week", "DATE", "1998-W09"),
        (96, 105, "two years", "DURATION", "P2Y"),
    ]


def test_dct_date_is_published_and_not_a_gold_timex(tmp_path):
    document = read_timeml(write(tmp_path, tml("No dates here.", "1998-03-04T09:30:00")))
    assert document.published == dt.date(1998, 3, 4)
    assert document.timexes == ()
    assert read_timeml(GOLD / "geneva.tml").published == dt.date(1998, 3, 4)  # a TIME DCT


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        (tml("The talks <EVENT>opened</TEXT>"), "not well-formed TimeML XML"),
        ("not XML at all", "not well-formed TimeML XML"),
        ('<?xml version="1.0" ?>\n<TimeML>' + DCT.format(value="1998-03-04") + "</TimeML>", "no <TEXT> element"),
        (tml("On Friday.", head=""), "no DCT with a TIMEX3 date value"),
        (tml("On Friday.", "PRESENT_REF"), "no DCT with a TIMEX3 date value"),
        (tml("On Friday.", head="<DCT>19980304</DCT>"), "no DCT with a TIMEX3 date value"),
        (tml("On Friday.", "1998-02-30"), "DCT value '1998-02-30' is not a date"),
    ],
    ids=["unclosed-tag", "not-xml", "no-text", "no-dct", "dct-not-a-date", "dct-without-timex", "impossible-date"],
)
def test_bad_files_raise_input_error_naming_the_file(tmp_path, text, reason):
    path = write(tmp_path, text, "bad.tml")
    with pytest.raises(InputError) as caught:
        read_timeml(path)
    assert caught.value.origin == str(path)
    assert str(path) in str(caught.value)
    assert reason in caught.value.reason


def test_missing_file_raises_input_error(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        read_timeml(tmp_path / "absent.tml")


def test_read_timeml_dir_reads_every_tml_by_name(tmp_path):
    write(tmp_path, tml("B."), "b.tml")
    write(tmp_path, tml("A."), "sub/a.tml")
    write(tmp_path, tml("C."), "c.tml")
    write(tmp_path, "published\tsentence\n", "notes.tsv")
    assert [d.name for d in read_timeml_dir(tmp_path)] == ["a", "b", "c"]
    assert [d.name for d in read_timeml_dir(tmp_path, limit=2)] == ["a", "b"]
    assert [d.name for d in read_timeml_dir(tmp_path / "c.tml")] == ["c"]
    assert [d.name for d in read_timeml_dir(GOLD)] == ["geneva", "summit"]


def test_read_timeml_dir_empty_or_missing_raises_input_error(tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(InputError, match="no .tml files") as caught:
        read_timeml_dir(empty)
    assert caught.value.origin == str(empty)
    with pytest.raises(InputError, match="no such file or directory"):
        read_timeml_dir(tmp_path / "absent")


def test_read_timeml_dir_names_the_bad_file(tmp_path):
    write(tmp_path, tml("Fine."), "a.tml")
    bad = write(tmp_path, tml("Broken <TIMEX3>", ""), "b.tml")
    with pytest.raises(InputError) as caught:
        read_timeml_dir(tmp_path)
    assert caught.value.origin == str(bad)


def test_is_timeml(tmp_path):
    assert is_timeml(GOLD) and is_timeml(GOLD / "summit.tml")
    assert is_timeml(write(tmp_path, tml("x"), "UPPER.TML"))
    assert not is_timeml(write(tmp_path, "published\n", "table.tsv"))
    assert not is_timeml(tmp_path / "absent.tml")
    nested = tmp_path / "deep"
    write(nested, tml("x"), "one/two/story.tml")
    assert is_timeml(nested)
    plain = tmp_path / "plain"
    plain.mkdir()
    write(plain, "x", "story.txt")
    assert not is_timeml(plain)


# --------------------------------------------------------------------------- scores

TEXT = "Talks ran from March 3 to March 5, 1998, on Friday, and for two years ago. Nothing else happened this morning."


def gold(phrase: str, type_: str, value: str, text: str = TEXT) -> GoldTimex:
    start = text.index(phrase)
    return GoldTimex(start, start + len(phrase), phrase, type_, value)


def found(phrase: str, type_: str, value: str | None, text: str = TEXT) -> Timex:
    start = text.index(phrase)
    span = Span(start=start, end=start + len(phrase), text=phrase)
    return Timex(id=f"t{start}", span=span, type=type_, value=value)


def story(timexes, text: str = TEXT, name: str = "story") -> TimeMLDocument:
    return TimeMLDocument(name, f"{name}.tml", text, dt.date(1998, 3, 4), tuple(timexes))


def dossier_doc(timexes, text: str = TEXT, name: str = "story") -> Document:
    return Document(id=name, text=text, published=dt.date(1998, 3, 4), timexes=list(timexes))


def test_perfect_answer_scores_one():
    golds = [gold("Friday", "DATE", "1998-02-27"), gold("this morning", "TIME", "1998-03-04TMO")]
    timexes = [found("Friday", "date", "1998-02-27"), found("this morning", "time", "1998-03-04TMO")]
    scores = score_timeml([story(golds)], [dossier_doc(timexes)])
    assert (scores.documents, scores.gold, scores.predicted) == (1, 2, 2)
    assert (scores.relaxed, scores.strict, scores.value, scores.type) == (2, 2, 2, 2)
    assert scores.value_score.f1 == scores.type_accuracy == scores.value_accuracy == 1.0
    assert scores.errors == []


def test_relaxed_counts_overlaps_strict_only_equal_spans():
    golds = [gold("Friday", "DATE", "1998-02-27"), gold("two years", "DURATION", "P2Y")]
    timexes = [found("on Friday", "date", "1998-02-27"), found("two years", "duration", "P2Y")]
    scores = score_timeml([story(golds)], [dossier_doc(timexes)])
    assert (scores.relaxed, scores.strict) == (2, 1)
    assert scores.relaxed_span.f1 == 1.0
    assert scores.strict_span.to_dict() == {
        "precision": 0.5,
        "recall": 0.5,
        "f1": 0.5,
        "support": 2,
        "predicted": 2,
        "correct": 1,
    }
    assert scores.value == 2  # value is scored over relaxed matches
    assert scores.errors == []


def test_one_to_one_larger_overlap_first():
    # One found timex over two gold ones: it goes to the one it covers more ("March 5, 1998"),
    # and "March 3" is missed; two found timexes over one gold: the larger overlap wins.
    golds = [
        gold("March 3", "DATE", "1998-03-03"),
        gold("March 5, 1998", "DATE", "1998-03-05"),
        gold("two years ago", "DATE", "1996"),
    ]
    timexes = [
        found("March 3 to March 5, 1998", "date", "1998-03-05"),
        found("two", "duration", "P2Y"),
        found("years ago", "date", "1996"),
    ]
    assert _pairs(story(golds).timexes, timexes) == [(1, 0), (2, 2)]
    scores = score_timeml([story(golds)], [dossier_doc(timexes)])
    assert (scores.gold, scores.predicted, scores.relaxed, scores.strict, scores.value) == (3, 3, 2, 0, 2)
    assert sorted((e.kind, (e.gold or e.found)["text"]) for e in scores.errors) == [
        ("missed", "March 3"),
        ("spurious", "two"),
    ]


def test_pairs_prefers_larger_overlap_over_text_order():
    # The first found timex covers 1 character of gold 0 and 5 of gold 1, the second 3 of
    # gold 0: pairing in text order would give gold 0 the first and leave the second over.
    text = "aaaaaaaaaa bbbbbbbbbb"
    golds = [GoldTimex(0, 10, text[0:10], "DATE", "x"), GoldTimex(11, 21, text[11:21], "DATE", "y")]

    def at(start, end):
        return Timex(id=f"t{start}", span=Span(start=start, end=end, text=text[start:end]), type="date")

    assert _pairs(golds, [at(9, 16), at(2, 5)]) == [(0, 1), (1, 0)]
    assert _pairs(golds, [at(9, 16)]) == [(1, 0)]
    assert _pairs(golds, [at(8, 13)]) == [(0, 0)]  # 2 characters of gold 0, 2 of gold 1: text order
    assert _pairs(golds, [at(10, 11)]) == []  # the space between them overlaps neither


def test_value_and_type_counts_and_errors():
    golds = [
        gold("Friday", "DATE", "1998-02-27"),  # value and type right
        gold("March 5, 1998", "DATE", "1998-03-05"),  # value wrong, type right
        gold("this morning", "TIME", "1998-03-04TMO"),  # value right, type wrong
        gold("two years", "DURATION", "P2Y"),  # both wrong
        gold("March 3", "DATE", "1998-03-03"),  # missed
    ]
    timexes = [
        found("Friday", "date", "1998-02-27"),
        found("March 5, 1998", "date", "1998-03-06"),
        found("this morning", "date", "1998-03-04TMO"),
        found("two years ago", "date", "1996"),
        found("Nothing", "date", None),  # spurious
    ]
    scores = score_timeml([story(golds)], [dossier_doc(timexes)])
    assert (scores.gold, scores.predicted, scores.relaxed, scores.strict) == (5, 5, 4, 3)
    assert (scores.value, scores.type) == (2, 2)
    assert scores.value_score.to_dict() == {
        "precision": 0.4,
        "recall": 0.4,
        "f1": 0.4,
        "support": 5,
        "predicted": 5,
        "correct": 2,
    }
    assert scores.type_score.f1 == 0.4
    assert scores.type_accuracy == scores.value_accuracy == 0.5

    kinds = [(e.kind, (e.gold or e.found)["text"]) for e in scores.errors]
    assert kinds == [
        ("value", "March 5, 1998"),
        ("type", "this morning"),
        ("value", "two years"),
        ("type", "two years"),
        ("missed", "March 3"),
        ("spurious", "Nothing"),
    ]
    value_error = scores.errors[0]
    assert value_error.document == "story"
    assert value_error.gold == {"text": "March 5, 1998", "type": "DATE", "value": "1998-03-05", "start": 26, "end": 39}
    assert value_error.found["value"] == "1998-03-06" and value_error.found["type"] == "DATE"
    assert value_error.sentence == "Talks ran from March 3 to March 5, 1998, on Friday, and for two years ago."
    missed, spurious = scores.errors[-2:]
    assert missed.found is None and missed.gold["value"] == "1998-03-03"
    assert spurious.gold is None and spurious.found["value"] is None
    assert spurious.sentence == "Nothing else happened this morning."
    assert spurious.to_dict()["kind"] == "spurious"


def test_nothing_found_and_nothing_gold():
    golds = [gold("Friday", "DATE", "1998-02-27")]
    scores = score_timeml([story(golds)], [dossier_doc([])])
    assert (scores.predicted, scores.relaxed) == (0, 0)
    assert scores.value_score.precision is None and scores.value_score.recall == 0.0 and scores.value_score.f1 == 0.0
    assert scores.type_accuracy is None
    assert [e.kind for e in scores.errors] == ["missed"]
    empty = score_timeml([story([])], [dossier_doc([])])
    assert empty.value_score.f1 is None


def test_scores_sum_over_documents():
    other = "The envoy left on Friday."
    documents = [
        story([gold("Friday", "DATE", "1998-02-27")]),
        story([gold("Friday", "DATE", "1998-02-27", other)], other, "envoy"),
    ]
    dossier = [
        dossier_doc([found("Friday", "date", "1998-02-27")]),
        dossier_doc([found("Friday", "date", "1998-03-06", other)], other, "envoy"),
    ]
    scores = score_timeml(documents, dossier)
    assert (scores.documents, scores.gold, scores.predicted, scores.value) == (2, 2, 2, 1)
    assert [(e.document, e.kind) for e in scores.errors] == [("envoy", "value")]


def test_score_timeml_refuses_mismatched_documents():
    with pytest.raises(ValueError, match="1 TimeML documents but 0 Dossier documents"):
        score_timeml([story([])], [])
    with pytest.raises(ValueError, match="does not hold the text of story.tml"):
        score_timeml([story([])], [dossier_doc([], text="Another story.")])


def test_to_dict_keys():
    scores = score_timeml([story([gold("Friday", "DATE", "1998-02-27")])], [dossier_doc([])])
    figures = scores.to_dict()
    assert {"documents", "gold", "predicted", "relaxed", "strict", "value", "type", "errors"} <= set(figures)
    assert set(figures["value"]) == {"precision", "recall", "f1", "support", "predicted", "correct"}
    assert "errors" not in scores.to_dict(errors=False)
    json.dumps(figures)


# --------------------------------------------------------------------------- evaluate_timeml (real pipeline)


def test_evaluate_timeml_scores_what_the_pipeline_found():
    scores = evaluate_timeml(GOLD)
    assert (scores.documents, scores.gold) == (2, 7)
    documents = read_timeml_dir(GOLD)
    found = list(timeml_eval.extract_timeml(documents))
    assert [d.published for d in found] == [dt.date(1998, 3, 4)] * 2
    assert [d.text for d in found] == [d.text for d in documents]
    assert scores.to_dict() == score_timeml(documents, found).to_dict()
    assert scores.value >= 1  # "March 3, 1998", written out in full
    assert evaluate_timeml(GOLD, limit=1).documents == 1


def test_evaluate_timeml_reads_every_file_before_extracting(tmp_path, monkeypatch):
    write(tmp_path, tml("Fine on Friday."), "a.tml")
    write(tmp_path, tml("Broken", "PRESENT_REF"), "b.tml")

    def extract(*args, **kwargs):
        raise AssertionError("extracted before every file was read")

    monkeypatch.setattr(timeml_eval, "extract_timeml", extract)
    with pytest.raises(InputError, match="b.tml"):
        evaluate_timeml(tmp_path)
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(InputError, match="no .tml files"):
        evaluate_timeml(empty)


# --------------------------------------------------------------------------- command


@pytest.fixture
def runner():
    return CliRunner()


def test_eval_timexes_dispatches_a_directory_to_timeml(runner):
    result = runner.invoke(app, ["eval", "timexes", str(GOLD), "--format", "json"])
    assert result.exit_code == 0, result.output
    figures = json.loads(result.stdout)
    assert {"relaxed", "strict", "value", "type"} <= set(figures)
    assert (figures["documents"], figures["gold"]) == (2, 7)
    assert figures["value"]["support"] == 7
    assert "errors" not in figures
    with_errors = json.loads(runner.invoke(app, ["eval", "timexes", str(GOLD), "-f", "json", "--errors"]).stdout)
    assert isinstance(with_errors["errors"], list)
    assert {e["kind"] for e in with_errors["errors"]} <= {"missed", "spurious", "value", "type"}


def test_eval_timexes_dispatches_a_tml_file(runner):
    result = runner.invoke(app, ["eval", "timexes", str(GOLD / "summit.tml")])
    assert result.exit_code == 0, result.output
    assert "TempEval-3 Task A: summit.tml" in result.stdout
    figures = json.loads(runner.invoke(app, ["eval", "timexes", str(GOLD / "summit.tml"), "-f", "json"]).stdout)
    assert (figures["documents"], figures["gold"]) == (1, 3)


def test_eval_timexes_min_accuracy_is_value_f1(runner, tmp_path):
    # The gold value is deliberately wrong (the third is 1998-03-03), so value F1 < 1.
    body = 'The ministers met <SIGNAL sid="s1">on</SIGNAL> <TIMEX3 tid="t1" type="DATE" value="1998-03-13">March 3, 1998</TIMEX3>, in Geneva.'
    path = str(write(tmp_path, tml(body)))
    figures = json.loads(runner.invoke(app, ["eval", "timexes", path, "-f", "json"]).stdout)
    f1 = figures["value"]["f1"]
    assert f1 is not None and f1 < 1.0

    assert runner.invoke(app, ["eval", "timexes", path, "--min-accuracy", repr(f1)]).exit_code == 0
    below = runner.invoke(app, ["eval", "timexes", path, "--min-accuracy", "1.0"])
    assert below.exit_code == 1
    assert f"value F1 {f1:.3f} is below --min-accuracy 1.0" in below.stderr


def test_eval_timexes_names_a_bad_tml_file(runner, tmp_path):
    path = write(tmp_path, tml("The summit <EVENT>opened"), "broken.tml")
    result = runner.invoke(app, ["eval", "timexes", str(path)])
    assert result.exit_code == 1
    assert f"{path}: not well-formed TimeML XML" in result.stderr
