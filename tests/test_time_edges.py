"""Relative expressions read at the edges of the calendar, 0001-01-01 and 9999-12-31.

A ``published`` date as early as Go's zero time (``0001-01-01T00:00:00Z``) or as late
as 9999-12-31 is bad metadata, but it is a date, and it must not fail the document (nor,
in ``extract_records``, cost the batch it is in). An expression whose interval would
fall outside 0001-01-01..9999-12-31, in whole or in part, reads as it does in a text
without a publication date (docs/time.md): it keeps its span, type, granularity and
modifier, and its value, start and end are null; a duration keeps its ISO value
(``P3Y``). Where the interval lies inside the calendar it is read as anywhere else, with
four-digit years in its value ("next year" read on 0001-06-01 is ``0002``).

Each row: the publication date, a sentence, the timex's exact span, and either ``OUT``
(out of the calendar) or the expected ``(value, start, end)``.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

import pytest

import dossier
from dossier.extract.time import calendar as cal
from dossier.ingest.records import Record
from dossier.pipeline import extract_records

FIRST = "0001-01-01"  # a Monday: the first day Python's dates (and Dossier's) hold
LAST = "9999-12-31"  # a Friday: the last
MIDDLE = "2024-04-24"  # a Wednesday, as in docs/time.md: where every row reads normally
OUT = "out"
HUGE = "1" + ",000" * 110  # 10**330: more than a float holds

CASES = [
    # -- weeks ------------------------------------------------------------------------------
    (FIRST, "The talks collapsed last week.", "last week", OUT),
    (FIRST, "Officials met this week.", "this week", ("0001-W01", "0001-01-01", "0001-01-07")),
    (FIRST, "Officials will meet next week.", "next week", ("0001-W02", "0001-01-08", "0001-01-14")),
    (FIRST, "The ministers met earlier this week.", "earlier this week", ("0001-W01", "0001-01-01", "0001-01-01")),
    (LAST, "The talks collapsed last week.", "last week", ("9999-W51", "9999-12-20", "9999-12-26")),
    (LAST, "Officials met this week.", "this week", OUT),  # Monday 9999-12-27 to Sunday 10000-01-02
    (LAST, "Officials will meet next week.", "next week", OUT),
    # Monday to publication: all of it inside the calendar, though the week is not
    (LAST, "The ministers met earlier this week.", "earlier this week", ("9999-W52", "9999-12-27", "9999-12-31")),
    (LAST, "The ministers will meet later this week.", "later this week", OUT),
    ("9999-12-26", "Officials met this week.", "this week", ("9999-W51", "9999-12-20", "9999-12-26")),
    (FIRST, "The festival will be held this weekend.", "this weekend", ("0001-W01-WE", "0001-01-06", "0001-01-07")),
    (LAST, "The festival will be held this weekend.", "this weekend", OUT),
    # -- days -------------------------------------------------------------------------------
    (FIRST, "Rebels attacked the base yesterday.", "yesterday", OUT),
    (FIRST, "Rebels will attack tomorrow.", "tomorrow", ("0001-01-02", "0001-01-02", "0001-01-02")),
    (LAST, "Rebels attacked the base yesterday.", "yesterday", ("9999-12-30", "9999-12-30", "9999-12-30")),
    (LAST, "Rebels will attack tomorrow.", "tomorrow", OUT),
    (LAST, "Rebels will attack tonight.", "tonight", ("9999-12-31TNI", "9999-12-31", "9999-12-31")),
    (FIRST, "The reactor was shut three days ago.", "three days ago", OUT),
    (LAST, "The reactor was shut three days ago.", "three days ago", ("9999-12-28", "9999-12-28", "9999-12-28")),
    (MIDDLE, "The empire fell 1,000,000 days ago.", "1,000,000 days ago", OUT),
    # -- weekdays ---------------------------------------------------------------------------
    (FIRST, "The minister resigned on Tuesday.", "Tuesday", OUT),
    (FIRST, "The minister resigned last Tuesday.", "last Tuesday", OUT),
    (FIRST, "The minister will visit next Tuesday.", "next Tuesday", ("0001-01-02", "0001-01-02", "0001-01-02")),
    (FIRST, "The delegation will arrive on Saturday.", "Saturday", ("0001-01-06", "0001-01-06", "0001-01-06")),
    ("0001-01-07", "The minister resigned last Tuesday.", "last Tuesday", ("0001-01-02", "0001-01-02", "0001-01-02")),
    (LAST, "The minister resigned on Tuesday.", "Tuesday", ("9999-12-28", "9999-12-28", "9999-12-28")),
    (LAST, "The minister resigned last Tuesday.", "last Tuesday", ("9999-12-28", "9999-12-28", "9999-12-28")),
    (LAST, "The minister will visit next Tuesday.", "next Tuesday", OUT),
    (LAST, "The delegation will arrive on Saturday.", "Saturday", OUT),
    # -- months -----------------------------------------------------------------------------
    (FIRST, "Prices rose last month.", "last month", OUT),
    (FIRST, "Officials will meet next month.", "next month", ("0001-02", "0001-02-01", "0001-02-28")),
    ("0001-06-01", "Prices rose last month.", "last month", ("0001-05", "0001-05-01", "0001-05-31")),
    (LAST, "Prices rose last month.", "last month", ("9999-11", "9999-11-01", "9999-11-30")),
    (LAST, "Officials will meet next month.", "next month", OUT),
    ("9999-06-01", "Officials will meet next month.", "next month", ("9999-07", "9999-07-01", "9999-07-31")),
    (FIRST, "The budget passed in December.", "December", OUT),  # December 0000
    (LAST, "The summit will be held in January.", "January", OUT),  # January 10000
    (FIRST, "The vote came on March 3.", "March 3", OUT),
    (LAST, "The vote will come on March 3.", "March 3", OUT),
    (LAST, "The vote came on March 3.", "March 3", ("9999-03-03", "9999-03-03", "9999-03-03")),
    # -- quarters, halves and seasons -------------------------------------------------------
    (FIRST, "Growth slowed last quarter.", "last quarter", OUT),
    (FIRST, "Growth slowed this quarter.", "this quarter", ("0001-Q1", "0001-01-01", "0001-03-31")),
    (LAST, "Growth slowed last quarter.", "last quarter", ("9999-Q3", "9999-07-01", "9999-09-30")),
    (LAST, "Growth will slow next quarter.", "next quarter", OUT),
    ("9999-06-01", "Growth will slow next quarter.", "next quarter", ("9999-Q3", "9999-07-01", "9999-09-30")),
    (FIRST, "Output fell in the first quarter of last year.", "the first quarter of last year", OUT),
    (
        LAST,
        "Output fell in the first quarter of last year.",
        "the first quarter of last year",
        ("9998-Q1", "9998-01-01", "9998-03-31"),
    ),
    (
        FIRST,
        "Output will rise in the first half of next year.",
        "the first half of next year",
        ("0002-H1", "0002-01-01", "0002-06-30"),
    ),
    (LAST, "Output will rise in the first half of next year.", "the first half of next year", OUT),
    (FIRST, "Protests erupted last spring.", "last spring", OUT),
    (FIRST, "Protests will erupt next spring.", "next spring", ("0001-SP", "0001-03-01", "0001-05-31")),
    ("0001-06-01", "Protests erupted last spring.", "last spring", ("0001-SP", "0001-03-01", "0001-05-31")),
    (LAST, "Protests will erupt next spring.", "next spring", OUT),
    (FIRST, "Snow fell this winter.", "this winter", OUT),  # December 0000 to February 0001
    ("0001-03-15", "Snow fell this winter.", "this winter", ("0001-WI", "0001-12-01", "0002-02-28")),
    (LAST, "Snow fell this winter.", "this winter", OUT),  # December 9999 to February 10000
    # -- years ------------------------------------------------------------------------------
    (FIRST, "The treaty was signed last year.", "last year", OUT),
    (FIRST, "Elections are due next year.", "next year", ("0002", "0002-01-01", "0002-12-31")),
    ("0001-06-01", "Elections are due next year.", "next year", ("0002", "0002-01-01", "0002-12-31")),
    ("0001-06-01", "The treaty was signed last year.", "last year", OUT),
    (LAST, "The treaty was signed last year.", "last year", ("9998", "9998-01-01", "9998-12-31")),
    (LAST, "Elections are due next year.", "next year", OUT),
    ("9998-06-01", "Elections are due next year.", "next year", ("9999", "9999-01-01", "9999-12-31")),
    (FIRST, "The reactor was shut three years ago.", "three years ago", OUT),
    ("0003-06-01", "The reactor was shut three years ago.", "three years ago", OUT),
    ("0004-06-01", "The reactor was shut three years ago.", "three years ago", ("0001", "0001-01-01", "0001-12-31")),
    (LAST, "The reactor was shut three years ago.", "three years ago", ("9996", "9996-01-01", "9996-12-31")),
    (MIDDLE, "The reactor was shut 10,000 years ago.", "10,000 years ago", OUT),
    (MIDDLE, f"The empire fell {HUGE} years ago.", f"{HUGE} years ago", OUT),  # past a float's range
    (FIRST, "The plant closed more than a year ago.", "more than a year ago", OUT),
    (FIRST, "The plant opened less than a year ago.", "less than a year ago", OUT),
    (LAST, "The plant closed more than a year ago.", "more than a year ago", (None, None, "9998-12-31")),
    (LAST, "The plant opened less than a year ago.", "less than a year ago", (None, "9998-12-31", "9999-12-31")),
    # -- decades and centuries --------------------------------------------------------------
    (FIRST, "Reforms are planned for next decade.", "next decade", ("001", "0010-01-01", "0019-12-31")),
    (FIRST, "Reforms were promised this decade.", "this decade", OUT),  # 0000 to 0009
    (FIRST, "The ministers will meet later this decade.", "later this decade", ("000", "0001-01-01", "0009-12-31")),
    ("0001-06-01", "The ministers met earlier this decade.", "earlier this decade", OUT),
    (LAST, "Reforms are planned for next decade.", "next decade", OUT),
    (LAST, "Reforms were promised this decade.", "this decade", ("999", "9990-01-01", "9999-12-31")),
    (LAST, "The ministers will meet later this decade.", "later this decade", ("999", "9999-12-31", "9999-12-31")),
    (FIRST, "The city grew this century.", "this century", OUT),  # 0000 to 0099
    (FIRST, "The city will grow next century.", "next century", ("01", "0100-01-01", "0199-12-31")),
    (LAST, "The city grew this century.", "this century", ("99", "9900-01-01", "9999-12-31")),
    ("9950-06-01", "The city will grow next century.", "next century", OUT),
    # absolute expressions do not move with publication
    (FIRST, "Trade boomed in the 2020s.", "the 2020s", ("202", "2020-01-01", "2029-12-31")),
    (LAST, "Trade boomed in the 2020s.", "the 2020s", ("202", "2020-01-01", "2029-12-31")),
    (FIRST, "Trade collapsed in the late 1990s.", "the late 1990s", ("199", "1997-01-01", "1999-12-31")),
    (LAST, "Trade collapsed in the 20th century.", "the 20th century", ("19", "1900-01-01", "1999-12-31")),
    # -- anchored on another date ---------------------------------------------------------------
    (
        FIRST,
        "The talks began, and two days later they collapsed.",
        "two days later",
        ("0001-01-03", "0001-01-03", "0001-01-03"),
    ),
    (FIRST, "The talks collapsed two days earlier.", "two days earlier", OUT),
    (FIRST, "The talks collapsed the day before.", "the day before", OUT),
    (FIRST, "Prices rose the previous year.", "the previous year", OUT),
    (LAST, "The talks began, and two days later they collapsed.", "two days later", OUT),
    (LAST, "The talks collapsed the day before.", "the day before", ("9999-12-30", "9999-12-30", "9999-12-30")),
    (LAST, "The rebels withdrew, and the next year they returned.", "the next year", OUT),
    (LAST, "Prices rose the previous year.", "the previous year", ("9998", "9998-01-01", "9998-12-31")),
    # -- durations tied to publication: the value stays, the interval goes ------------------------
    (FIRST, "The army has expanded over the past three years.", "the past three years", ("P3Y", None, None)),
    (
        "0004-01-01",
        "The army has expanded over the past three years.",
        "the past three years",
        ("P3Y", "0001-01-01", "0004-01-01"),
    ),
    (
        LAST,
        "The army has expanded over the past three years.",
        "the past three years",
        ("P3Y", "9996-12-31", "9999-12-31"),
    ),
    (FIRST, "Inflation has risen in recent years.", "recent years", ("PXY", None, None)),
    (FIRST, "The plan covers the next five years.", "the next five years", ("P5Y", "0001-01-01", "0006-01-01")),
    ("9999-06-01", "The plan covers the next five years.", "the next five years", ("P5Y", None, None)),
    ("9994-12-31", "The plan covers the next five years.", "the next five years", ("P5Y", "9994-12-31", "9999-12-31")),
    (FIRST, "Talks will resume in the coming weeks.", "the coming weeks", ("PXW", "0001-01-01", "0001-01-22")),
    (LAST, "Talks will resume in the coming weeks.", "the coming weeks", ("PXW", None, None)),
    (LAST, "Reforms will take the next decade.", "the next decade", ("P10Y", None, None)),
]

FIELDS = ("type", "value", "start", "end", "granularity", "modifier")


@lru_cache(maxsize=None)
def _read(sentence: str, published: str | None) -> dict[str, dict]:
    """Every timex of the sentence read with ``published``, by its span text."""
    document = dossier.extract(sentence, published=published)
    return {
        timex.span.text: {
            name: (value.isoformat() if isinstance(value, dt.date) else value)
            for name in FIELDS
            for value in [getattr(timex, name)]
        }
        for timex in document.timexes
    }


def _timex(sentence: str, published: str | None, expression: str) -> dict:
    found = _read(sentence, published)
    assert expression in found, f"no timex {expression!r} read on {published}; found {sorted(found)}"
    return found[expression]


@pytest.mark.parametrize(
    "published, sentence, expression, expected",
    [pytest.param(*case, id=f"{case[0]}-{case[2]}") for case in CASES],
)
def test_a_relative_expression_at_the_calendar_edge(published, sentence, expression, expected):
    timex = _timex(sentence, published, expression)
    ordinary = _timex(sentence, MIDDLE, expression)
    # whatever the date, the expression keeps what its words say
    assert (timex["type"], timex["granularity"]) == (ordinary["type"], ordinary["granularity"])
    if expected == OUT:
        # out of the calendar: as in a text without a publication date
        assert timex == _timex(sentence, None, expression)
        assert timex["start"] is None and timex["end"] is None
        if timex["type"] in ("date", "time"):
            assert timex["value"] is None
    else:
        assert (timex["value"], timex["start"], timex["end"]) == expected


def test_the_zero_time_of_go_is_a_publication_date_like_any_other():
    document = dossier.extract("The talks collapsed last week.", published="0001-01-01T00:00:00Z")
    assert document.published == dt.date(1, 1, 1)
    [timex] = document.timexes
    assert (timex.span.text, timex.type, timex.granularity) == ("last week", "date", "week")
    assert (timex.value, timex.start, timex.end) == (None, None, None)


def test_an_article_dated_at_the_edge_does_not_fail_its_batch():
    records = [
        Record(text="The talks collapsed last week.", published=dt.date(1, 1, 1), id="first"),
        Record(text="Elections are due next year.", published=dt.date(9999, 12, 31), id="last"),
        Record(text="The ministers met on Tuesday.", published=dt.date(2024, 4, 24), id="middle"),
    ]
    errors: list = []
    documents = list(extract_records(records, on_error=errors.append))
    assert errors == []
    assert [document.id for document in documents] == ["first", "last", "middle"]
    assert documents[2].timexes[0].value == "2024-04-23"


# -- the calendar's helpers: None where the result would leave 0001-01-01..9999-12-31 ----------

MIN, MAX = dt.date.min, dt.date.max


def test_days_past_either_end_are_none():
    assert cal.add_days(MIN, -1) is None
    assert cal.add_days(MAX, 1) is None
    assert cal.add_days(MAX, -1) == dt.date(9999, 12, 30)
    assert cal.add_days(MIN, 10**30) is None  # too far for a timedelta: no OverflowError


def test_a_year_outside_the_calendar_makes_no_date():
    assert cal.make_date(0, 12, 31) is None
    assert cal.make_date(10000, 1, 1) is None
    assert cal.make_date(1, 1, 1) == MIN
    with pytest.raises(ValueError):  # a day that no month has stays the caller's error
        cal.make_date(2020, 2, 30)


@pytest.mark.parametrize(
    "date, amount, unit",
    [
        (MIN, -1, "day"),
        (MAX, 1, "day"),
        (MIN, -1, "week"),
        (MAX, 1, "fortnight"),
        (MIN, -1, "month"),
        (MAX, 1, "month"),
        (MIN, -1, "quarter"),
        (MAX, 1, "year"),
        (dt.date(5, 6, 1), -1, "decade"),
        (dt.date(9950, 1, 1), 1, "century"),
        (dt.date(2024, 4, 24), -(10**20), "year"),
        (dt.date(2024, 4, 24), 10**20, "day"),
    ],
)
def test_a_shift_out_of_the_calendar_is_none(date, amount, unit):
    assert cal.shift(date, amount, unit) is None


def test_a_shift_to_the_edge_itself_is_a_date():
    assert cal.shift(dt.date(2, 3, 31), -1, "year") == dt.date(1, 3, 31)
    assert cal.shift(dt.date(9999, 11, 30), 1, "month") == dt.date(9999, 12, 30)
    assert cal.shift(dt.date(9999, 12, 24), 1, "week") == MAX


def test_a_unit_partly_outside_the_calendar_is_none():
    assert cal.week(MAX) is None  # Monday 9999-12-27 to Sunday 10000-01-02
    assert cal.week(MIN) == (MIN, dt.date(1, 1, 7))
    assert cal.unit_interval(dt.date(5, 6, 1), "decade") is None  # 0000 to 0009
    assert cal.unit_interval(dt.date(50, 6, 1), "century") is None
    assert cal.unit_interval(MAX, "decade") == (dt.date(9990, 1, 1), MAX)
    assert cal.season(9999, "WI") is None  # December 9999 into February 10000
    assert cal.season(0, "SU") is None
    assert cal.fiscal_year(1) is None  # from 1 October 0000
    assert cal.year(10000) is None
    assert cal.month(0, 12) is None


def test_values_have_four_digit_years():
    assert cal.value_of(dt.date(2, 1, 1), "year") == "0002"
    assert cal.value_of(dt.date(2, 3, 1), "month") == "0002-03"
    assert cal.value_of(dt.date(2, 4, 1), "quarter") == "0002-Q2"
    assert cal.value_of(MIN, "week") == "0001-W01"
    assert cal.value_of(dt.date(12, 1, 1), "decade") == "001"
    assert cal.value_of(dt.date(120, 1, 1), "century") == "01"
    assert cal.value_of(dt.date(2024, 4, 24), "week") == "2024-W17"


def test_a_numeral_too_large_to_count_by_is_no_count():
    from dossier.extract.time.lexicon import number_of

    assert number_of("1,000,000") == 1_000_000
    assert number_of(HUGE) is None
    assert number_of("1" + "0" * 400) is None


def test_a_duration_past_the_edge_has_no_end():
    assert cal.Duration(3.0, "year").back_from(dt.date(2, 6, 1)) is None
    assert cal.Duration(1.5, "year").forward_from(dt.date(9999, 1, 1)) is None
    assert cal.Duration(3.0, "year").back_from(dt.date(4, 6, 1)) == dt.date(1, 6, 1)
