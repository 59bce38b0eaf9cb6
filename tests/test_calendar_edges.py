"""Stories published at the calendar's edges (Go's zero time, 9999-12-31) are stored,
linked, listed, exported and plotted like any other."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from typer.testing import CliRunner

from dossier.cli import app
from dossier.periods import parse_period
from dossier.plot import every_quarter
from dossier.resolve.event_identity import placing
from dossier.store.dyad import QuarterCount

EDGE_RECORDS = [
    {"id": "first-day", "text": "Iran attacked Israel. Japan protested to China.", "published": "0001-01-01T00:00:00Z"},
    {"id": "last-day", "text": "Iran attacked Israel. Japan protested to China.", "published": "9999-12-31"},
]


def test_an_undated_report_of_the_first_day_is_placed_from_day_one():
    first = placing(None, None, dt.date(1, 1, 3))
    assert (first.start, first.end) == (dt.date(1, 1, 1), dt.date(1, 1, 3))


@pytest.mark.parametrize(
    "value, end, day",
    [
        ("9999-12", True, dt.date(9999, 12, 31)),
        ("0001-01", False, dt.date(1, 1, 1)),
        ("2024-02", True, dt.date(2024, 2, 29)),
    ],
)
def test_a_period_may_be_any_month_of_the_calendar(value, end, day):
    assert parse_period(value, end=end) == day


def test_the_last_quarter_of_the_calendar_ends_the_filled_quarters():
    quarters = [
        QuarterCount(quarter="9999-Q3", start=dt.date(9999, 7, 1)),
        QuarterCount(quarter="9999-Q4", start=dt.date(9999, 10, 1)),
    ]
    assert [q.start for q in every_quarter(quarters)] == [dt.date(9999, 7, 1), dt.date(9999, 10, 1)]


def test_edge_dated_stories_are_stored_and_every_view_reads_them(tmp_path):
    runner = CliRunner()
    path = tmp_path / "edges.jsonl"
    path.write_text("\n".join(json.dumps(record) for record in EDGE_RECORDS) + "\n", encoding="utf-8")
    db = f"sqlite:///{tmp_path / 'dossier.db'}"
    result = runner.invoke(app, ["ingest", str(path), "--db", db])
    assert result.exit_code == 0, result.output
    assert "2 stored" in result.output
    for command in (
        ["dyad", "IRN", "ISR", "--since", "0001", "--until", "9999-12"],
        ["export", "--format", "gdelt"],
        ["export", "--format", "csv"],
        ["network", "--format", "json"],
    ):
        outcome = runner.invoke(app, [*command, "--db", db])
        assert outcome.exit_code == 0, (command, outcome.output)
