"""`dossier eval timexes`: the table reader, its errors, the scores, the command.

The tables here are small ones written into ``tmp_path``, with wire-style sentences of our
own, read with 2024-04-24 (a Wednesday) as their publication date. The scoring tests run
the real pipeline on them (they are few and short); one test builds a document by hand to
make a trap fail whatever the time stage does.
"""

import datetime as dt
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from dossier.cli import app
from dossier.contract import Document, Span, Timex
from dossier.errors import InputError
from dossier.evaluate.timexes import COLUMNS, TimexCase, evaluate_timexes, read_table, score_timexes

HEADER = "\t".join(COLUMNS)
PUBLISHED = "2024-04-24"


def row(sentence, expression, kind="", value="", start="", end="", granularity="", modifier="", published=PUBLISHED):
    return "\t".join([published, sentence, expression, kind, value, start, end, granularity, modifier])


JAKARTA = "Defence ministers from both countries met in Jakarta on March 14, 2023, to sign the agreement."
NAIROBI = "The foreign minister arrived in Nairobi on Tuesday for talks on the ceasefire."
SHELLING = "Rebels shelled the port city last week, the army said."
BUDGET = "Parliament approved the budget on March 14, 2023, after a week of debate."
TROOPS = "The ministry said 2,019 troops had crossed the northern border."

TABLE = "\n".join(
    [
        HEADER,
        "# Absolute — a day in any spelling",
        row(JAKARTA, "March 14, 2023", "date", "2023-03-14", "2023-03-14", "2023-03-14", "day"),
        row(BUDGET, "on March 14, 2023", "date", "2023-03-14", "2023-03-14", "2023-03-14", "day"),  # span: no "on"
        "",
        "# Relative — published 2024-04-24",
        row(NAIROBI, "Tuesday", "date", "2024-04-23", "2024-04-23", "2024-04-23", "day"),
        # Deliberately wrong: last week is 2024-W16, 15 to 21 April.
        row(SHELLING, "last week", "date", "2024-W15", "2024-04-08", "2024-04-14", "week"),
        "# Traps — numbers that are not years",
        row(TROOPS, "2,019", "NONE"),
        "",
    ]
)


def write(tmp_path: Path, text: str = TABLE, name: str = "timexes.tsv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


# --------------------------------------------------------------------------- reader


def test_read_table_reads_rows_sections_and_nulls(tmp_path):
    cases = read_table(write(tmp_path))
    assert [(c.line, c.section) for c in cases] == [
        (3, "Absolute"),
        (4, "Absolute"),
        (7, "Relative"),
        (8, "Relative"),
        (10, "Traps"),
    ]
    first = cases[0]
    assert first.published == dt.date(2024, 4, 24)
    assert first.expected == {
        "type": "date",
        "value": "2023-03-14",
        "start": dt.date(2023, 3, 14),
        "end": dt.date(2023, 3, 14),
        "granularity": "day",
        "modifier": None,
    }
    assert not first.trap and cases[-1].trap
    assert cases[-1].expected == dict.fromkeys(first.expected)
    assert first.origin == f"{tmp_path / 'timexes.tsv'}:3"


def test_an_empty_published_cell_is_no_publication_date(tmp_path):
    cases = read_table(
        write(tmp_path, HEADER + "\n" + row(NAIROBI, "Tuesday", "date", granularity="day", published=""))
    )
    assert cases[0].published is None and cases[0].value is None and cases[0].start is None


def test_the_project_table_reads():
    cases = read_table(Path(__file__).parent / "data" / "timexes.tsv")
    assert len(cases) >= 150
    assert cases[0].section == "Full dates"


GOOD = row(NAIROBI, "Tuesday", "date", "2024-04-23", "2024-04-23", "2024-04-23", "day")


@pytest.mark.parametrize(
    "line, problem",
    [
        (GOOD + "\textra", "10 tab-separated cells; expected 9"),
        (GOOD.replace(PUBLISHED, "24/04/2024"), "published '24/04/2024' is not an ISO date"),
        (
            GOOD.replace("2024-04-23\t2024-04-23\tday", "2024-04-31\t2024-04-23\tday"),
            "start '2024-04-31' is not an ISO date",
        ),
        (row(NAIROBI, "Thursday", "date"), "expression 'Thursday' is not in its sentence"),
        (row(NAIROBI, "Tuesday", "day"), "type 'day' is not one of date, duration, set, time or NONE"),
        (row(NAIROBI, "Tuesday", "date", granularity="days"), "granularity 'days' is not one of day"),
        (row(NAIROBI, "Tuesday", "date", modifier="late"), "modifier 'late' is not one of EARLY"),
        (row(NAIROBI, "Tuesday", "NONE", "2024-04-23"), "a NONE row expects no timex, so it fills no value"),
        (
            row(NAIROBI, "Tuesday", "date", start="2024-04-24", end="2024-04-23"),
            "start 2024-04-24 is after end 2024-04-23",
        ),
        (row(NAIROBI, "", "date"), "the expression is empty"),
    ],
)
def test_a_bad_row_names_the_file_the_line_and_the_problem(tmp_path, line, problem):
    path = write(tmp_path, "\n".join([HEADER, "# Weekdays", GOOD, "", line]))
    with pytest.raises(InputError) as caught:
        read_table(path)
    assert caught.value.origin == f"{path}:5"
    assert problem in str(caught.value), str(caught.value)


def test_a_bad_header_names_line_one(tmp_path):
    path = write(tmp_path, HEADER.replace("expression", "timex") + "\n" + GOOD)
    with pytest.raises(InputError, match=r"timexes\.tsv:1: the header is .*; expected the tab-separated columns"):
        read_table(path)
    with pytest.raises(InputError, match=r"empty\.tsv:1: the header is an empty file"):
        read_table(write(tmp_path, "", name="empty.tsv"))


def test_a_missing_table_is_an_error(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        read_table(tmp_path / "nowhere.tsv")


# --------------------------------------------------------------------------- scores


@pytest.fixture(scope="module")
def scores(tmp_path_factory):
    return evaluate_timexes(write(tmp_path_factory.mktemp("table")))


def test_the_figures_of_a_small_table(scores):
    assert (scores.cases, scores.passed, scores.accuracy) == (5, 3, 0.6)
    assert (scores.span.gold, scores.span.correct) == (4, 3)  # "on March 14, 2023" is not a span
    assert (scores.exact.correct, scores.interval.correct) == (2, 2)
    assert {name: rate.correct for name, rate in scores.fields.items()} == {
        "type": 3,
        "value": 2,
        "start": 2,
        "end": 2,
        "granularity": 3,
        "modifier": 3,
    }
    assert (scores.traps.gold, scores.traps.correct) == (1, 1)
    assert {name: (rate.gold, rate.correct) for name, rate in scores.sections.items()} == {
        "Absolute": (2, 1),
        "Relative": (2, 1),
        "Traps": (1, 1),
    }


def test_a_wrong_expected_value_is_an_error_with_what_dossier_gave(scores):
    wrong = next(error for error in scores.errors if error.kind == "wrong")
    assert (wrong.line, wrong.section, wrong.expression) == (8, "Relative", "last week")
    assert wrong.fields == ("value", "start", "end")
    assert wrong.expected["value"] == "2024-W15"
    assert [timex["value"] for timex in wrong.got] == ["2024-W16"]
    assert wrong.to_dict()["got"][0] == {
        "span": "last week",
        "type": "date",
        "value": "2024-W16",
        "start": "2024-04-15",
        "end": "2024-04-21",
        "granularity": "week",
        "modifier": None,
    }


def test_a_span_not_found_is_an_error_with_the_overlapping_timexes(scores):
    missed = next(error for error in scores.errors if error.kind == "missed")
    assert (missed.line, missed.expression) == (4, "on March 14, 2023")
    assert missed.fields == ("type", "value", "start", "end", "granularity", "modifier")
    assert [timex["span"] for timex in missed.got] == ["March 14, 2023"]  # not "a week", which lies elsewhere
    assert missed.sentence == BUDGET
    assert len(scores.errors) == 2


def test_a_trap_fails_when_a_timex_overlaps_it():
    case = TimexCase(line=2, section="Traps", published=None, sentence=TROOPS, expression="2,019", type="NONE")
    start = TROOPS.index("2,019")
    timex = Timex(id="t1", span=Span(start=start, end=start + 5, text="2,019"), type="date", value="2019")
    scores = score_timexes([case], [Document(id="d", text=TROOPS, timexes=[timex])])
    assert (scores.traps.correct, scores.accuracy) == (0, 0.0)
    (error,) = scores.errors
    assert (error.kind, error.expected, error.fields) == ("trap", None, ())
    assert error.to_dict()["got"][0]["span"] == "2,019"


def test_to_dict_holds_every_figure(scores):
    figures = scores.to_dict()
    assert set(figures) == {
        "cases",
        "accuracy",
        "passed",
        "span",
        "exact",
        "interval",
        "fields",
        "traps",
        "sections",
        "errors",
    }
    assert figures["fields"]["value"] == {"accuracy": 0.5, "correct": 2, "gold": 4}
    assert figures["sections"]["Traps"] == {"accuracy": 1.0, "correct": 1, "gold": 1}
    assert {"line", "section", "published", "sentence", "expression", "kind", "fields", "expected", "got"} <= set(
        figures["errors"][0]
    )
    json.dumps(figures)
    assert "errors" not in scores.to_dict(errors=False)


def test_limit_keeps_the_first_cases(tmp_path):
    scores = evaluate_timexes(write(tmp_path), limit=1)
    assert (scores.cases, scores.accuracy, list(scores.sections)) == (1, 1.0, ["Absolute"])


def test_an_empty_table_scores_nothing(tmp_path):
    scores = evaluate_timexes(write(tmp_path, HEADER + "\n# Nothing yet\n"))
    assert scores.cases == 0 and scores.accuracy is None and scores.errors == []


# --------------------------------------------------------------------------- command


@pytest.fixture
def runner():
    return CliRunner()


def test_eval_timexes_prints_its_tables(runner, tmp_path):
    result = runner.invoke(app, ["eval", "timexes", str(write(tmp_path))])
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "timex evaluation: timexes.tsv" in out
    for words in ("accuracy", "60.0%  (3/5)", "span found", "interval", "traps", "per section", "Relative"):
        assert words in out, words
    assert "not fully right" not in out


def test_eval_timexes_errors_lists_expected_and_found(runner, tmp_path):
    result = runner.invoke(app, ["eval", "timexes", str(write(tmp_path)), "--errors"])
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "2 cases not fully right" in out
    assert "line 8 wrong" in out and "2024-W15" in out and "2024-W16" in out
    assert "line 4 missed" in out
    assert SHELLING in out


def test_eval_timexes_json_and_min_accuracy(runner, tmp_path):
    path = str(write(tmp_path))
    result = runner.invoke(app, ["eval", "timexes", path, "--format", "json", "--errors"])
    assert result.exit_code == 0, result.output
    figures = json.loads(result.stdout)
    assert (figures["cases"], figures["accuracy"], len(figures["errors"])) == (5, 0.6, 2)
    assert set(figures["fields"]) == {"type", "value", "start", "end", "granularity", "modifier"}
    assert "errors" not in json.loads(runner.invoke(app, ["eval", "timexes", path, "-f", "json"]).stdout)

    assert runner.invoke(app, ["eval", "timexes", path, "--min-accuracy", "0.6"]).exit_code == 0
    below = runner.invoke(app, ["eval", "timexes", path, "--min-accuracy", "0.9"])
    assert below.exit_code == 1
    assert "accuracy 0.600 is below --min-accuracy 0.9" in below.stderr


def test_eval_timexes_names_a_bad_table(runner, tmp_path):
    path = write(tmp_path, "\n".join([HEADER, GOOD, row(NAIROBI, "Thursday", "date")]))
    result = runner.invoke(app, ["eval", "timexes", str(path)])
    assert result.exit_code == 1
    assert "timexes.tsv:3: expression 'Thursday' is not in its sentence" in result.stderr
