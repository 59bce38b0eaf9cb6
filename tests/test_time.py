"""Timex normalization, one sentence per case, from tests/data/timexes.tsv.

The table is docs/time.md in action: each row gives a sentence, the publication date it is
read with (empty: none known), the exact span that must come out as a timex, and every
field that timex must carry. Lines starting with ``#`` name the section the rows below
them belong to.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import pytest

from dossier.pipeline import extract

TABLE = Path(__file__).parent / "data" / "timexes.tsv"
COLUMNS = ["published", "sentence", "expression", "type", "value", "start", "end", "granularity", "modifier"]
FIELDS = ["type", "value", "start", "end", "granularity", "modifier"]


@dataclass(frozen=True)
class Case:
    line: int
    section: str
    published: dt.date | None
    sentence: str
    expression: str
    expected: dict


def _date(text: str) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


def read_cases(path: Path = TABLE) -> list[Case]:
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[0].split("\t") == COLUMNS, f"{path.name}: unexpected header"
    cases, section = [], ""
    for number, line in enumerate(lines[1:], start=2):
        if line.startswith("#"):
            section = line.lstrip("#").strip()
            continue
        # Plain split, not csv: sentences hold quotes ("the '80s") that csv would eat.
        row = dict(zip(COLUMNS, line.split("\t"), strict=True))
        expected = {name: row[name] or None for name in FIELDS}
        expected["start"], expected["end"] = _date(row["start"]), _date(row["end"])
        cases.append(
            Case(number, section, _date(row["published"]), row["sentence"], row["expression"], expected)
        )
    return cases


CASES = read_cases()


def _case_id(case: Case) -> str:
    return f"{case.expression} | {' '.join(case.sentence.split()[:4])}"


@pytest.mark.parametrize("case", [pytest.param(case, id=_case_id(case)) for case in CASES])
def test_timex(case: Case):
    document = extract(case.sentence, published=case.published)
    # A guard on the setup: the header rules must not have dated the sentence themselves.
    assert document.published == case.published
    found = [timex for timex in document.timexes if timex.span.text == case.expression]
    assert found, (
        f"no timex {case.expression!r} (line {case.line}); "
        f"found {[timex.span.text for timex in document.timexes]}"
    )
    actual = {name: getattr(found[0], name) for name in FIELDS}
    assert actual == case.expected


def test_the_table_is_large_and_well_formed():
    assert len(CASES) >= 150
    misplaced = [c.line for c in CASES if c.expression not in c.sentence]
    assert not misplaced, f"expressions missing from their sentences on lines {misplaced}"
    unordered = [c.line for c in CASES if c.expected["start"] and c.expected["start"] > c.expected["end"]]
    assert not unordered, f"start after end on lines {unordered}"


@pytest.mark.parametrize(
    "sentence, number",
    [
        ("The ministry said 2,019 troops had crossed the border.", "2,019"),
        ("The government deployed 1990 soldiers to the region.", "1990"),
    ],
)
def test_a_bare_number_that_does_not_read_as_a_year_is_no_timex(sentence, number):
    document = extract(sentence, published="2024-04-24")
    assert number not in [timex.span.text for timex in document.timexes]
