"""Timex normalization, one sentence per case, from tests/data/timexes.tsv.

The table is docs/time.md in action: each row gives a sentence, the publication date it is
read with (empty: none known), the exact span that must come out as a timex, and every
field that timex must carry; a row of type ``NONE`` is a trap, whose words no timex may
overlap. Lines starting with ``#`` name the section the rows below them belong to. The
table is read by ``dossier.evaluate.timexes.read_table``, as ``dossier eval timexes`` reads
it, and ``bench/timex_peer.py``.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from dossier.evaluate.timexes import FIELDS, TimexCase, read_table
from dossier.pipeline import extract

TABLE = Path(__file__).parent / "data" / "timexes.tsv"
CASES = read_table(TABLE)  # checks every row: dates, types, intervals, expressions in their sentences


def _case_id(case: TimexCase) -> str:
    return f"{case.expression} | {' '.join(case.sentence.split()[:4])}"


@pytest.mark.parametrize("case", [pytest.param(case, id=_case_id(case)) for case in CASES])
def test_timex(case: TimexCase):
    document = extract(case.sentence, published=case.published)
    # A guard on the setup: the header rules must not have dated the sentence themselves.
    assert document.published == case.published
    if case.trap:
        spans = case.occurrences()
        hits = [t.span.text for t in document.timexes if any(t.span.start < e and s < t.span.end for s, e in spans)]
        assert not hits, f"{case.expression!r} must not be a timex (line {case.line}); found {hits}"
        return
    found = [timex for timex in document.timexes if timex.span.text == case.expression]
    assert found, (
        f"no timex {case.expression!r} (line {case.line}); found {[timex.span.text for timex in document.timexes]}"
    )
    actual = {name: getattr(found[0], name) for name in FIELDS}
    assert actual == case.expected


def test_the_table_is_large():
    assert len(CASES) >= 150  # read_table has checked that it is well formed


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
