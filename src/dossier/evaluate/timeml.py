"""Timexes against TimeML gold (TimeBank, AQUAINT), scored as TempEval-3 Task A.

A TimeML file (``.tml``) is XML: ``<DCT>`` holds the document creation time as a
``TIMEX3``, ``<TEXT>`` the story, with every temporal expression tagged inline as
``<TIMEX3 tid= type=DATE|TIME|DURATION|SET value=...>`` among other tags (``EVENT``,
``SIGNAL``) that only mark words. The text Dossier reads is ``TEXT`` with every tag
stripped; the gold spans are the characters each ``TIMEX3`` covers in it, and the DCT's
date is the story's ``published`` date. A directory is read as every ``.tml`` under it,
by name.

The figures, over all documents (TempEval-3 Task A, as its scorer counts them):

- span, relaxed: a Dossier timex matches a gold one when their spans overlap, one to one,
  the larger overlap first; strict: when the spans are equal;
- value: the relaxed matches whose TIMEX3 values are equal, over Dossier's timexes
  (precision) and the gold ones (recall), with their F1, the headline figure;
- type: the relaxed matches whose types are equal, as F1 the same way and as accuracy
  over the matches.

Errors: every gold timex Dossier missed, every timex of Dossier's no gold one overlaps,
and every match whose value or type differs, each with its sentence.

A file that is not XML, has no ``TEXT`` or a ``DCT`` without a date, raises
``InputError`` naming the file.
"""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ..contract import Document, Timex
from ..errors import InputError
from .gold import CountedScore, ratio

__all__ = [
    "GoldTimex",
    "TimeMLDocument",
    "TimeMLScores",
    "evaluate_timeml",
    "is_timeml",
    "read_timeml",
    "read_timeml_dir",
    "score_timeml",
]

_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")


@dataclass(frozen=True)
class GoldTimex:
    start: int
    end: int
    text: str
    type: str  # DATE, TIME, DURATION or SET
    value: str
    tid: str = ""


@dataclass(frozen=True)
class TimeMLDocument:
    name: str
    path: str
    text: str
    published: dt.date
    timexes: tuple[GoldTimex, ...]


def is_timeml(path: str | Path) -> bool:
    """A ``.tml`` file, or a directory with one under it."""
    path = Path(path)
    if path.is_file():
        return path.suffix.lower() == ".tml"
    return path.is_dir() and next(path.rglob("*.tml"), None) is not None


def _published(root: ET.Element, where: str) -> dt.date:
    dct = root.find("DCT")
    timex = dct.find("TIMEX3") if dct is not None else None
    match = _DATE.match(timex.get("value", "")) if timex is not None else None
    if match is None:
        raise InputError(where, "no DCT with a TIMEX3 date value (YYYY-MM-DD...)")
    try:
        return dt.date(*(int(part) for part in match.groups()))
    except ValueError:
        raise InputError(where, f"DCT value {timex.get('value')!r} is not a date") from None


def _flatten(element: ET.Element, parts: list[str], found: list[GoldTimex], at: int) -> int:
    """Append the element's text to ``parts`` (tags stripped), recording each TIMEX3 in
    ``found``; returns the offset after it."""
    if element.text:
        parts.append(element.text)
        at += len(element.text)
    for child in element:
        start = at
        at = _flatten(child, parts, found, at)
        if child.tag == "TIMEX3":
            words = "".join(child.itertext())
            found.append(
                GoldTimex(start, at, words, child.get("type", ""), child.get("value", ""), child.get("tid", ""))
            )
        if child.tail:
            parts.append(child.tail)
            at += len(child.tail)
    return at


def read_timeml(path: str | Path) -> TimeMLDocument:
    """One TimeML file: its stripped text, DCT date and gold timexes."""
    path = Path(path)
    where = str(path)
    try:
        root = ET.parse(path).getroot()
    except FileNotFoundError:
        raise InputError(where, "no such file") from None
    except ET.ParseError as exc:
        raise InputError(where, f"not well-formed TimeML XML: {exc}") from None
    body = root.find("TEXT")
    if body is None:
        raise InputError(where, "no <TEXT> element")
    published = _published(root, where)
    parts: list[str] = []
    found: list[GoldTimex] = []
    _flatten(body, parts, found, 0)
    return TimeMLDocument(path.stem, where, "".join(parts), published, tuple(found))


def read_timeml_dir(path: str | Path, limit: int | None = None) -> list[TimeMLDocument]:
    """Every ``.tml`` file under ``path`` (or the one file), by name; the first ``limit``."""
    path = Path(path)
    if not path.exists():
        raise InputError(str(path), "no such file or directory")
    files = [path] if path.is_file() else sorted(path.rglob("*.tml"), key=lambda p: p.name)
    if not files:
        raise InputError(str(path), "no .tml files")
    return [read_timeml(file) for file in files[:limit]]


@dataclass(frozen=True)
class MatchScore(CountedScore):
    """Matches (``correct``) over gold (``support``) and Dossier's (``predicted``) timexes."""

    support: int = 0
    predicted: int = 0
    correct: int = 0


@dataclass(frozen=True)
class TimeMLError:
    document: str
    kind: str  # missed, spurious, value, type
    sentence: str
    gold: dict | None
    found: dict | None

    def to_dict(self) -> dict:
        return {
            "document": self.document,
            "kind": self.kind,
            "sentence": self.sentence,
            "gold": self.gold,
            "found": self.found,
        }


@dataclass
class TimeMLScores:
    documents: int = 0
    gold: int = 0
    predicted: int = 0
    relaxed: int = 0
    strict: int = 0
    value: int = 0
    type: int = 0
    errors: list[TimeMLError] = field(default_factory=list)

    def _score(self, correct: int) -> MatchScore:
        return MatchScore(self.gold, self.predicted, correct)

    @property
    def relaxed_span(self) -> MatchScore:
        return self._score(self.relaxed)

    @property
    def strict_span(self) -> MatchScore:
        return self._score(self.strict)

    @property
    def value_score(self) -> MatchScore:
        return self._score(self.value)

    @property
    def type_score(self) -> MatchScore:
        return self._score(self.type)

    @property
    def type_accuracy(self) -> float | None:
        return ratio(self.type, self.relaxed)

    @property
    def value_accuracy(self) -> float | None:
        return ratio(self.value, self.relaxed)

    def to_dict(self, *, errors: bool = True) -> dict:
        figures = {
            "documents": self.documents,
            "gold": self.gold,
            "predicted": self.predicted,
            "relaxed": self.relaxed_span.to_dict(),
            "strict": self.strict_span.to_dict(),
            "value": self.value_score.to_dict(),
            "type": self.type_score.to_dict(),
            "type_accuracy": self.type_accuracy,
            "value_accuracy": self.value_accuracy,
        }
        if errors:
            figures["errors"] = [error.to_dict() for error in self.errors]
        return figures


def _overlap(gold: GoldTimex, timex: Timex) -> int:
    return max(0, min(gold.end, timex.span.end) - max(gold.start, timex.span.start))


def _pairs(gold: Sequence[GoldTimex], found: Sequence[Timex]) -> list[tuple[int, int]]:
    """One-to-one relaxed matches, the larger overlap first (then text order)."""
    candidates = sorted(
        ((_overlap(g, t), gi, ti) for gi, g in enumerate(gold) for ti, t in enumerate(found) if _overlap(g, t) > 0),
        key=lambda c: (-c[0], c[1], c[2]),
    )
    used_gold: set[int] = set()
    used_found: set[int] = set()
    pairs = []
    for _, gi, ti in candidates:
        if gi not in used_gold and ti not in used_found:
            used_gold.add(gi)
            used_found.add(ti)
            pairs.append((gi, ti))
    return sorted(pairs)


def _sentence(text: str, start: int, end: int) -> str:
    left = max(text.rfind(".", 0, start), text.rfind("\n", 0, start)) + 1
    stops = [i for i in (text.find(".", end), text.find("\n", end)) if i >= 0]
    right = min(stops) + 1 if stops else len(text)
    return " ".join(text[left:right].split())


def _gold_dict(timex: GoldTimex) -> dict:
    return {"text": timex.text, "type": timex.type, "value": timex.value, "start": timex.start, "end": timex.end}


def _found_dict(timex: Timex) -> dict:
    return {
        "text": timex.span.text,
        "type": timex.type.upper(),
        "value": timex.value,
        "start": timex.span.start,
        "end": timex.span.end,
    }


def score_timeml(documents: Sequence[TimeMLDocument], found: Sequence[Document]) -> TimeMLScores:
    """Score Dossier's documents against the TimeML ones they were read from (same order)."""
    if len(documents) != len(found):
        raise ValueError(f"{len(documents)} TimeML documents but {len(found)} Dossier documents")
    scores = TimeMLScores()
    for gold_document, document in zip(documents, found):
        if document.text != gold_document.text:
            raise ValueError(f"document {document.id!r} does not hold the text of {gold_document.path}")
        gold, timexes = gold_document.timexes, document.timexes
        scores.documents += 1
        scores.gold += len(gold)
        scores.predicted += len(timexes)
        pairs = _pairs(gold, timexes)
        text = gold_document.text
        for gi, ti in pairs:
            g, t = gold[gi], timexes[ti]
            scores.relaxed += 1
            scores.strict += (g.start, g.end) == (t.span.start, t.span.end)
            value_right = t.value == g.value
            type_right = t.type.upper() == g.type
            scores.value += value_right
            scores.type += type_right
            for kind, right in (("value", value_right), ("type", type_right)):
                if not right:
                    scores.errors.append(
                        TimeMLError(
                            gold_document.name, kind, _sentence(text, g.start, g.end), _gold_dict(g), _found_dict(t)
                        )
                    )
        matched_gold = {gi for gi, _ in pairs}
        matched_found = {ti for _, ti in pairs}
        for gi, g in enumerate(gold):
            if gi not in matched_gold:
                scores.errors.append(
                    TimeMLError(gold_document.name, "missed", _sentence(text, g.start, g.end), _gold_dict(g), None)
                )
        for ti, t in enumerate(timexes):
            if ti not in matched_found:
                scores.errors.append(
                    TimeMLError(
                        gold_document.name,
                        "spurious",
                        _sentence(text, t.span.start, t.span.end),
                        None,
                        _found_dict(t),
                    )
                )
    return scores


def extract_timeml(
    documents: Sequence[TimeMLDocument],
    *,
    model: str | None = None,
    actors: Sequence[str | Path] = (),
    batch_size: int = 32,
) -> Iterator[Document]:
    """Dossier's document for each TimeML text, read with its DCT date as ``published``."""
    from ..ingest.records import Record
    from ..pipeline import extract_records

    records = (
        Record(text=document.text, id=document.name, published=document.published, origin=document.path)
        for document in documents
    )
    return extract_records(records, batch_size=batch_size, model=model, actors=actors)


def evaluate_timeml(
    path: str | Path,
    limit: int | None = None,
    model: str | None = None,
    *,
    actors: Sequence[str | Path] = (),
    batch_size: int | None = None,
) -> TimeMLScores:
    """Read the TimeML file or directory, extract its first ``limit`` documents, score them.

    Every file is read and checked before any is extracted; a bad one raises ``InputError``.
    """
    documents = read_timeml_dir(path, limit)
    found = list(extract_timeml(documents, model=model, actors=actors, batch_size=batch_size or 32))
    return score_timeml(documents, found)
