"""Property-based: no text and no publication date make ``dossier.extract`` fail, and no
bytes or JSON make the record readers raise.

The texts mix news-like fragments, full of time expressions and relation verbs, with
arbitrary strings; the publication date is any day Python holds, 0001-01-01 to
9999-12-31, the edges drawn often (docs/time.md: an expression that would fall outside
the calendar keeps its span, type and granularity, with null value, start and end).

A bounded, derandomized run keeps CI fast and repeatable. For a longer hunt, set
``DOSSIER_FUZZ_EXAMPLES``, e.g. ``DOSSIER_FUZZ_EXAMPLES=2000 pytest tests/test_fuzz.py``.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import dossier
from dossier.contract import Document
from dossier.errors import InputError
from dossier.ingest.readers import decode_text, record_from_mapping, records_from_json, records_from_jsonl
from dossier.ingest.records import Record

EXAMPLES = int(os.environ.get("DOSSIER_FUZZ_EXAMPLES", "60"))
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)

FRAGMENTS = [
    "The talks collapsed last week.",
    "Officials will meet next week in Geneva.",
    "The ministers met earlier this week, diplomats said.",
    "Rebels attacked the base yesterday, killing four soldiers.",
    "Russia will host the summit tomorrow.",
    "The minister resigned on Tuesday.",
    "Iran accused Israel of the attack last Tuesday.",
    "The delegation will arrive on Saturday.",
    "The court will rule next Friday.",
    "Tuesday's vote was postponed.",
    "Prices rose last month.",
    "China and India agreed to resume talks next month.",
    "The treaty was signed last year.",
    "Elections are due next year.",
    "Turkey condemned the strikes two years ago.",
    "The reactor was shut three days ago.",
    "The plant closed more than a year ago.",
    "The army has expanded over the past three years.",
    "The plan covers the next five years.",
    "Growth slowed last quarter.",
    "Output fell in the first quarter of last year.",
    "Output will rise in the first half of next year.",
    "Reforms are planned for next decade.",
    "The city grew this century.",
    "Trade boomed in the 2020s.",
    "Trade collapsed in the late 1990s.",
    "The alliance was founded in the 20th century.",
    "The country changed in the first decade of the 2000s.",
    "Protests erupted last spring.",
    "Snow fell this winter.",
    "The festival will be held this weekend.",
    "The talks began, and two days later they collapsed.",
    "The talks collapsed the day before.",
    "The rebels withdrew, and the next year they returned.",
    "Two days after the summit, Moscow recalled its ambassador.",
    "A day before the 70th anniversary of the war, Seoul warned Pyongyang.",
    "At the time, Washington denied it.",
    "The budget passed in December.",
    "The summit will be held in January.",
    "The vote came on March 3.",
    "Parliament ratified the treaty on 25 June 2020.",
    "Talks have been stalled since the February 2019 Hanoi Summit.",
    "Sanctions were imposed in fiscal 2023.",
    "The sanctions notice, dated 2020-06-25, lists 14 companies.",
    "The meeting ended at 5 p.m. local time.",
    "Talks will resume in the coming weeks.",
    "Inflation has risen in recent years.",
    "The envoys meet every year.",
    "The company has grown for decades.",
    "The empire fell 10,000 years ago.",
    "The dynasty ruled for " + "9" + ",999" * 110 + " years, until " + "1" + ",000" * 110 + " days ago.",
    "Kyiv said Moscow had shelled the port of Odesa overnight.",
    "The United Nations urged both sides to cease fire, a spokesman said.",
    '"We have chosen dialogue," Kovac said on Monday.',
    "GENEVA, March 10 (Dossier Wire) - ",
    "\n\n",
]
# Pieces of time expressions on their own, to make odd combinations with each other.
PIECES = [
    "last",
    "next",
    "this",
    "that",
    "the",
    "past",
    "coming",
    "earlier",
    "later",
    "ago",
    "week",
    "weekend",
    "month",
    "year",
    "quarter",
    "decade",
    "century",
    "day",
    "days",
    "years",
    "Tuesday",
    "Sunday",
    "March",
    "December",
    "spring",
    "winter",
    "two",
    "three",
    "a",
    "about",
    "more than",
    "less than",
    "before",
    "after",
    "since",
    "in",
    "on",
    "the 1980s",
    "1999",
    "2024",
    "Q3 2024",
    "mid-",
    "late",
    "early",
    "the end of",
    ",",
    ".",
    "'s",
]
PLAIN_TEXT = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=30)
TEXTS = (
    st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.sampled_from(PIECES), PLAIN_TEXT), min_size=1, max_size=8)
    .map(" ".join)
    .filter(lambda text: text.strip())
)
EDGES = [dt.date.min, dt.date(1, 1, 7), dt.date(1, 6, 1), dt.date(9998, 12, 31), dt.date(9999, 12, 26), dt.date.max]
PUBLISHED = st.one_of(st.sampled_from(EDGES), st.dates(min_value=dt.date.min, max_value=dt.date.max))

# TIMEX3 values Dossier writes (docs/time.md), years with four digits.
_DAY = r"\d{4}-\d{2}-\d{2}"
_TIMEX_VALUE = re.compile(
    r"|".join(
        [
            _DAY + r"(?:T(?:\d{2}:\d{2}|MO|AF|EV|NI))?",
            r"\d{4}-W\d{2}(?:-WE)?",
            r"\d{4}(?:-\d{2}|-Q[1-4]|-H[12]|-(?:SP|SU|FA|WI))?",
            r"FY\d{4}",
            r"\d{2,3}",  # a century, a decade
            r"P(?:\d+(?:\.\d+)?|X)[YMWD]|PT(?:\d+(?:\.\d+)?|X)[HM]",  # a duration, a set's period
            r"XXXX-WXX-[1-7]|XXXX-(?:SP|SU|FA|WI)",  # a set
        ]
    )
)


def _check_document(document: Document, text: str) -> None:
    assert isinstance(document, Document)
    for span in document.spans():
        assert 0 <= span.start <= span.end <= len(text), span
        assert text[span.start : span.end] == span.text, span
    dumped = json.loads(document.to_json())
    timex_ids = {timex["id"] for timex in dumped["timexes"]}
    for timex in dumped["timexes"]:
        value = timex["value"]
        assert value is None or _TIMEX_VALUE.fullmatch(value), timex
        if value is not None and re.match(_DAY, value):
            dt.date.fromisoformat(value[:10])
        for name in ("start", "end"):
            if timex[name] is not None:
                assert re.fullmatch(_DAY, timex[name]), timex
                dt.date.fromisoformat(timex[name])
        if timex["start"] is not None and timex["end"] is not None:
            assert timex["start"] <= timex["end"], timex
    for event in dumped["events"]:
        assert event["time"] is None or event["time"] in timex_ids, event


@FUZZ
@given(text=TEXTS, published=PUBLISHED)
def test_extract_reads_any_news_text_on_any_date(text, published):
    _check_document(dossier.extract(text, published=published), text)


@FUZZ
@given(text=st.text(max_size=60), published=st.one_of(st.none(), PUBLISHED))
def test_extract_reads_any_string_or_refuses_it(text, published):
    """Any string at all: a Document, or an ``InputError`` that says why it is refused (an
    empty text, a lone surrogate, a NUL); never another exception."""
    try:
        document = dossier.extract(text, published=published)
    except InputError:
        return
    _check_document(document, text)


# -- the record readers ----------------------------------------------------------------------

JSON_SCALARS = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), st.text(max_size=20))
JSON_VALUES = st.recursive(
    JSON_SCALARS,
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=8), inner, max_size=4)),
    max_leaves=12,
)
RECORD_KEYS = st.sampled_from(["text", "id", "title", "published", "outlet", "url", "language"])
RECORD_VALUES = st.one_of(
    JSON_VALUES,
    st.sampled_from(["2024-04-24", "0001-01-01T00:00:00Z", "9999-12-31", "March 3, 2024", "", " "]),
    st.text(),  # lone surrogates among them
)
MAPPINGS = st.dictionaries(RECORD_KEYS, RECORD_VALUES, max_size=7)
DEPTHS = st.integers(min_value=1, max_value=100_000)


@st.composite
def _nested(draw) -> str:
    """JSON nested ``depth`` deep, as an array or inside a record's field."""
    depth = draw(DEPTHS)
    inner = "[" * depth + "]" * depth
    return draw(st.sampled_from([inner, '{"text": "x", "published": ' + inner + "}", '{"text": ' + inner + "}"]))


JSON_TEXTS = st.one_of(
    JSON_VALUES.map(json.dumps),
    st.lists(MAPPINGS, max_size=3).map(json.dumps),
    MAPPINGS.map(json.dumps),
    MAPPINGS.map(lambda mapping: json.dumps(mapping, ensure_ascii=False)),
    _nested(),
    st.text(),
)


def _only_records_or_errors(items) -> None:
    for item in items:
        assert isinstance(item, (Record, InputError)), item


@FUZZ
@given(text=JSON_TEXTS)
def test_records_from_json_yields_records_or_errors(text):
    _only_records_or_errors(records_from_json(text, "fuzz.json"))


@FUZZ
@given(lines=st.lists(JSON_TEXTS, max_size=4))
def test_records_from_jsonl_yields_records_or_errors(lines):
    _only_records_or_errors(records_from_jsonl("\n".join(lines), "fuzz.jsonl"))


@FUZZ
@given(data=st.one_of(MAPPINGS, JSON_VALUES))
def test_record_from_mapping_returns_a_record_or_raises_input_error(data):
    try:
        record = record_from_mapping(data, "fuzz")
    except InputError:
        return
    assert isinstance(record, Record)


@FUZZ
@given(
    data=st.one_of(
        st.binary(max_size=200),
        st.text(max_size=60).map(lambda text: text.encode("utf-8", "surrogatepass")),
        st.text(max_size=60).map(lambda text: text.encode("utf-16", "surrogatepass")),
    )
)
def test_decode_text_returns_text_or_says_why_not(data):
    """``decode_text`` refuses empty, binary and undecodable data with ``ValueError``, as
    documented; it never raises anything else."""
    try:
        text = decode_text(data)
    except ValueError:
        return
    assert isinstance(text, str) and text.strip()
