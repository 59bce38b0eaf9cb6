"""Timex normalization against a table: does Dossier read each expression as docs/time.md says?

The table (``tests/data/timexes.tsv`` is the one the project keeps) is UTF-8, tab-separated,
with the header ``published sentence expression type value start end granularity
modifier``. Each row gives a sentence, the publication date it is read with, the exact
words that must come out as one timex, and every field that timex must carry:

- an empty cell is null (no publication date, no value, no interval, no modifier);
- ``published``, ``start`` and ``end`` are ISO dates (``2024-04-24``);
- ``type`` is ``date``, ``time``, ``duration`` or ``set``, or ``NONE`` for a trap: words
  that must not be read as a timex ("2,019 troops"), which fill no other field;
- ``granularity`` and ``modifier`` are the contract's (``day`` … ``century``; ``EARLY`` …
  ``AFTER``);
- a line starting with ``#`` names the section the rows below it belong to; the section
  is its text up to the first " — " (what follows explains the rule); blank lines are
  skipped.

The cells are split on tabs, not read as CSV: sentences hold quotes ("the '80s"). A wrong
header, a row with the wrong number of cells, a bad date, an unknown type, granularity or
modifier, an interval that ends before it starts, and an expression that is not in its
sentence raise ``InputError`` naming ``file:line``.

Every sentence goes through one loaded pipeline with its row's publication date (never
one read from the text). The figures, per row:

- span found: a timex whose span text is the expression (the first such one is the
  row's answer);
- each field right: ``type``, ``value``, ``start``, ``end``, ``granularity``, ``modifier``
  equal to the row's (a missed span has every field wrong);
- exact: all six right, the headline ``accuracy`` (with traps: a trap passes when no
  timex overlaps its expression), over all rows;
- interval: ``start`` and ``end`` both right;
- per section: the share of its rows that pass.

Errors: every row that does not pass, with what was expected and what Dossier gave: the
answer when the span was found, else the timexes overlapping the expression.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal, get_args

from ..contract import Document, Granularity, Modifier, Timex, TimexType
from ..errors import InputError
from .gold import ratio, read_text

__all__ = [
    "COLUMNS",
    "FIELDS",
    "TRAP",
    "Rate",
    "TimexCase",
    "TimexError",
    "TimexScores",
    "evaluate_timexes",
    "extract_cases",
    "read_table",
    "score_timexes",
]

COLUMNS = ("published", "sentence", "expression", "type", "value", "start", "end", "granularity", "modifier")
FIELDS = ("type", "value", "start", "end", "granularity", "modifier")  # what a timex must carry
TRAP = "NONE"  # the type of a row whose expression must not be read as a timex
TYPES: tuple[str, ...] = get_args(TimexType)
GRANULARITIES: tuple[str, ...] = get_args(Granularity)
MODIFIERS: tuple[str, ...] = get_args(Modifier)


@dataclass(frozen=True)
class TimexCase:
    """One row of the table: a sentence, its publication date, an expression and its fields."""

    line: int
    section: str  # the heading above it, up to its first " — "; "" before any heading
    published: dt.date | None
    sentence: str
    expression: str
    type: str  # a timex type, or TRAP
    value: str | None = None
    start: dt.date | None = None
    end: dt.date | None = None
    granularity: str | None = None
    modifier: str | None = None
    origin: str = "<table>"  # path:line, for messages

    @property
    def trap(self) -> bool:
        """Whether no timex may overlap the expression."""
        return self.type == TRAP

    @property
    def expected(self) -> dict:
        """The fields the timex must carry (a trap's are all None)."""
        return {name: getattr(self, name) for name in FIELDS} if not self.trap else dict.fromkeys(FIELDS)

    def occurrences(self) -> list[tuple[int, int]]:
        """Every (start, end) of the expression in the sentence."""
        found, at = [], self.sentence.find(self.expression)
        while at >= 0:
            found.append((at, at + len(self.expression)))
            at = self.sentence.find(self.expression, at + 1)
        return found


# --------------------------------------------------------------------------- reading


def _date(text: str, column: str, where: str) -> dt.date | None:
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise InputError(where, f"{column} {text!r} is not an ISO date (YYYY-MM-DD)") from None


def _choice(text: str, column: str, allowed: Sequence[str], where: str) -> str | None:
    if not text:
        return None
    if text not in allowed:
        raise InputError(where, f"{column} {text!r} is not one of {', '.join(allowed)}")
    return text


def _case(cells: list[str], number: int, section: str, where: str) -> TimexCase:
    if len(cells) != len(COLUMNS):
        raise InputError(where, f"{len(cells)} tab-separated cells; expected {len(COLUMNS)} ({' '.join(COLUMNS)})")
    row = dict(zip(COLUMNS, cells))
    sentence, expression = row["sentence"], row["expression"]
    if not sentence.strip():
        raise InputError(where, "the sentence is empty")
    if not expression.strip():
        raise InputError(where, "the expression is empty")
    if expression not in sentence:
        raise InputError(where, f"expression {expression!r} is not in its sentence")
    kind = row["type"]
    if kind not in (*TYPES, TRAP):
        raise InputError(where, f"type {kind!r} is not one of {', '.join(TYPES)} or {TRAP}")
    if kind == TRAP:
        filled = [name for name in FIELDS[1:] if row[name]]
        if filled:
            raise InputError(where, f"a {TRAP} row expects no timex, so it fills no {', '.join(filled)}")
    case = TimexCase(
        line=number,
        section=section,
        published=_date(row["published"], "published", where),
        sentence=sentence,
        expression=expression,
        type=kind,
        value=row["value"] or None,
        start=_date(row["start"], "start", where),
        end=_date(row["end"], "end", where),
        granularity=_choice(row["granularity"], "granularity", GRANULARITIES, where),
        modifier=_choice(row["modifier"], "modifier", MODIFIERS, where),
        origin=where,
    )
    if case.start and case.end and case.start > case.end:
        raise InputError(where, f"start {case.start} is after end {case.end}")
    return case


def read_table(path: str | Path) -> list[TimexCase]:
    """Every row of a timex table, in order. Raises ``InputError`` naming ``path:line``."""
    path = Path(path)
    text = read_text(path)
    lines = text.removeprefix("\ufeff").splitlines()
    if not lines or lines[0].split("\t") != list(COLUMNS):
        got = repr(lines[0][:80]) if lines else "an empty file"
        raise InputError(f"{path}:1", f"the header is {got}; expected the tab-separated columns {' '.join(COLUMNS)}")
    cases, section = [], ""
    for number, line in enumerate(lines[1:], start=2):
        if not line.strip():
            continue
        if line.startswith("#"):
            section = line.lstrip("#").split(" — ")[0].strip()
            continue
        cases.append(_case(line.split("\t"), number, section, f"{path}:{number}"))
    return cases


# --------------------------------------------------------------------------- scores


@dataclass(frozen=True)
class Rate:
    """Right answers out of those counted; ``accuracy`` None when nothing was counted."""

    gold: int = 0
    correct: int = 0

    @property
    def accuracy(self) -> float | None:
        return ratio(self.correct, self.gold)

    def add(self, right: bool) -> Rate:
        return Rate(self.gold + 1, self.correct + bool(right))

    def to_dict(self) -> dict:
        return {"accuracy": self.accuracy, "correct": self.correct, "gold": self.gold}


def _timex_dict(timex: Timex) -> dict:
    return {
        "span": timex.span.text,
        **{name: getattr(timex, name) for name in FIELDS},
    }


def _jsonable(fields: dict) -> dict:
    return {name: value.isoformat() if isinstance(value, dt.date) else value for name, value in fields.items()}


ErrorKind = Literal["wrong", "missed", "trap"]


@dataclass(frozen=True)
class TimexError:
    """A row Dossier did not get fully right.

    ``wrong``: a timex with the expression's span whose ``fields`` differ; ``missed``: no
    timex has the expression's span; ``trap``: a timex overlaps a trap's expression.
    ``got`` holds the answer (``wrong``) or the timexes overlapping the expression.
    """

    line: int
    section: str
    published: dt.date | None
    sentence: str
    expression: str
    kind: ErrorKind
    fields: tuple[str, ...]  # the fields that differ (every field for a miss, none for a trap)
    expected: dict | None  # None for a trap: no timex
    got: tuple[dict, ...]

    def to_dict(self) -> dict:
        return {
            "line": self.line,
            "section": self.section,
            "published": self.published.isoformat() if self.published else None,
            "sentence": self.sentence,
            "expression": self.expression,
            "kind": self.kind,
            "fields": list(self.fields),
            "expected": _jsonable(self.expected) if self.expected is not None else None,
            "got": [_jsonable(timex) for timex in self.got],
        }


@dataclass
class TimexScores:
    """The figures of one timex evaluation; rates are None when nothing was there to count."""

    cases: int = 0  # rows, traps included
    passed: int = 0  # rows fully right (traps: no timex overlaps)
    span: Rate = field(default_factory=Rate)  # over rows expecting a timex
    fields: dict[str, Rate] = field(default_factory=lambda: {name: Rate() for name in FIELDS})
    exact: Rate = field(default_factory=Rate)
    interval: Rate = field(default_factory=Rate)
    traps: Rate = field(default_factory=Rate)
    sections: dict[str, Rate] = field(default_factory=dict)  # in table order
    errors: list[TimexError] = field(default_factory=list)

    @property
    def accuracy(self) -> float | None:
        """The headline figure: rows fully right (all six fields; traps untouched), over all rows."""
        return ratio(self.passed, self.cases)

    def to_dict(self, *, errors: bool = True) -> dict:
        figures = {
            "cases": self.cases,
            "accuracy": self.accuracy,
            "passed": self.passed,
            "span": self.span.to_dict(),
            "exact": self.exact.to_dict(),
            "interval": self.interval.to_dict(),
            "fields": {name: rate.to_dict() for name, rate in self.fields.items()},
            "traps": self.traps.to_dict(),
            "sections": {name: rate.to_dict() for name, rate in self.sections.items()},
        }
        if errors:
            figures["errors"] = [error.to_dict() for error in self.errors]
        return figures


def _overlapping(case: TimexCase, document: Document) -> list[Timex]:
    stretches = case.occurrences()
    return [
        timex
        for timex in document.timexes
        if any(timex.span.start < end and start < timex.span.end for start, end in stretches)
    ]


def score_timexes(cases: Sequence[TimexCase], documents: Sequence[Document]) -> TimexScores:
    """Score Dossier's documents against the rows they were read from (same order).

    Raises ``ValueError`` when rows and documents do not pair up.
    """
    if len(cases) != len(documents):
        raise ValueError(f"{len(cases)} table rows but {len(documents)} documents")
    scores = TimexScores()
    for case, document in zip(cases, documents):
        if document.text != case.sentence:
            raise ValueError(f"document {document.id!r} does not hold the sentence of line {case.line}")
        scores.cases += 1
        error = None
        if case.trap:
            overlapping = _overlapping(case, document)
            right = not overlapping
            scores.traps = scores.traps.add(right)
            if not right:
                error = ("trap", (), None, overlapping)
        else:
            found = [timex for timex in document.timexes if timex.span.text == case.expression]
            answer = found[0] if found else None
            expected = case.expected
            wrong = tuple(name for name in FIELDS if answer is None or getattr(answer, name) != expected[name])
            right = not wrong
            scores.span = scores.span.add(answer is not None)
            for name in FIELDS:
                scores.fields[name] = scores.fields[name].add(name not in wrong)
            scores.exact = scores.exact.add(right)
            scores.interval = scores.interval.add("start" not in wrong and "end" not in wrong)
            if answer is None:
                error = ("missed", wrong, expected, _overlapping(case, document))
            elif wrong:
                error = ("wrong", wrong, expected, [answer])
        scores.passed += right
        scores.sections[case.section] = scores.sections.get(case.section, Rate()).add(right)
        if error is not None:
            kind, wrong_fields, expected, got = error
            scores.errors.append(
                TimexError(
                    line=case.line,
                    section=case.section,
                    published=case.published,
                    sentence=case.sentence,
                    expression=case.expression,
                    kind=kind,
                    fields=wrong_fields,
                    expected=expected,
                    got=tuple(_timex_dict(timex) for timex in got),
                )
            )
    return scores


# --------------------------------------------------------------------------- evaluate


def extract_cases(
    cases: Sequence[TimexCase],
    *,
    model: str | None = None,
    actors: Sequence[str | Path] = (),
    batch_size: int | None = None,
) -> Iterator[Document]:
    """Dossier's document for each row's sentence, in order, through one loaded pipeline.

    Each is read with its row's publication date, never one the text's header suggests.
    ``batch_size`` None: the whole table as one batch.
    """
    from ..ingest import record_from_text
    from ..pipeline import extract_records

    records = (
        dataclasses.replace(
            record_from_text(case.sentence, id=f"line-{case.line}", origin=case.origin), published=case.published
        )
        for case in cases
    )
    return extract_records(records, batch_size=batch_size or max(1, len(cases)), model=model, actors=actors)


def evaluate_timexes(
    path: str | Path,
    limit: int | None = None,
    model: str | None = None,
    *,
    actors: Sequence[str | Path] = (),
    batch_size: int | None = None,
) -> TimexScores:
    """Read the table, extract its first ``limit`` rows (all by default), score them.

    The whole table is read and checked before any sentence is extracted. Raises
    ``InputError`` for an unreadable or malformed table.
    """
    cases = read_table(path)
    if limit is not None:
        cases = cases[:limit]
    documents = list(extract_cases(cases, model=model, actors=actors, batch_size=batch_size))
    return score_timexes(cases, documents)
