"""Event coding against ConfliBERT's CAMEO sentences: the pentaclass, and who did it to whom.

The gold file (``cameo_sentences.jsonl`` of the ConfliBERT project; GPL-3.0, so it stays
outside the repository) is JSON lines, or a JSON array, of records with ``id``, ``text``,
``pentaclass`` (0-4, the CAMEO root of the sentence's main event, grouped) and, where the
project's token file could be aligned, ``spans``: ``{"role", "start", "end", "text"}``
with Python string offsets into ``text``. A role is ``source``, ``target`` or ``R``
(reciprocal: an actor of a symmetric event, "Trump and Putin agreed", with no direction).
The format is recognised by its records (``is_pentaclass_record``: an object with a
``pentaclass``), not by the file's name.

The classes (``PENTACLASSES``, by CAMEO root): 0 statements and appeals (01-02), 1 verbal
cooperation (03-05), 2 material cooperation (06-08), 3 verbal conflict (09-13), 4 material
conflict (14-20).

Dossier's prediction for a sentence is the pentaclass of its document's root event
(``root == True``; the first event when none is marked root), read from the first two
digits of the event's ``cameo``. A document with no event but an attribution ("X said
...") is class 0; one with neither is ``NONE``. An event whose ``cameo`` has no CAMEO
root 01-20 (the contract's events always have one) is ``NONE`` too.

The figures:

- per-class precision, recall and F1; a ``NONE`` prediction is a miss against the gold
  class's recall and no class's false positive;
- macro-F1: the mean F1 over the classes the gold file holds (support > 0; all five in
  ConfliBERT's file);
- accuracy: sentences whose class is right, over all sentences (micro);
- a confusion matrix of gold class by predicted class (``NONE`` included);
- source and target overlap F1, over the aligned sentences (those with ``spans``) that
  have at least one ``source`` or ``target`` span. Per role, the gold spans are the
  sentence's spans of that role; the predicted actors are the distinct actors the root
  event names in that role (none when there is no event). Counting is per actor, not per
  mention: an actor is *matched* when any of its mentions (``Actor.mentions``; the
  document is the one sentence, so every mention lies in it) overlaps a gold span of the
  role, so an actor named twice is one prediction, not two. A gold span is *found* when
  some mention of some predicted actor of the role overlaps it. Spans overlap when they
  share at least one character (``a.start < b.end and b.start < a.end``). Summed over the
  sentences: precision = matched actors / predicted actors, recall = found gold spans /
  gold spans, F1 their harmonic mean. A predicted actor in a sentence whose spans give the
  role none is unmatched (the coders marked the other role, not this one);
- reciprocal overlap F1: the same, over the aligned sentences with ``R`` spans, between
  the ``R`` spans and the actors the root event names as source or target;
- errors: the sentences whose class is wrong, and those where a scored role is not
  perfect (a gold span not found, or a predicted actor not matched), with the text, the
  gold class and spans, and Dossier's event type, CAMEO code and actors (by the words of
  their mentions).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ..contract import Actor, Document, Event
from ..errors import InputError
from .events import predicted_event
from .gold import (
    NONE,
    CountedScore,
    LabelCounts,
    extract_gold,
    is_document_record,
    rates,
    ratio,
    read_items,
    record_id_and_text,
)

__all__ = [
    "NONE",
    "PENTACLASSES",
    "ROLES",
    "ClassScore",
    "GoldSpan",
    "OverlapScore",
    "PentaclassError",
    "PentaclassRecord",
    "PentaclassScores",
    "cameo_pentaclass",
    "evaluate_pentaclass",
    "is_pentaclass_gold",
    "is_pentaclass_record",
    "overlaps",
    "predicted_pentaclass",
    "read_pentaclass_gold",
    "role_overlap",
    "score_pentaclass",
]


# Class -> (name, first CAMEO root, last CAMEO root).
PENTACLASSES: dict[int, tuple[str, int, int]] = {
    0: ("statements and appeals", 1, 2),
    1: ("verbal cooperation", 3, 5),
    2: ("material cooperation", 6, 8),
    3: ("verbal conflict", 9, 13),
    4: ("material conflict", 14, 20),
}
RECIPROCAL = "R"  # ConfliBERT's role for both actors of a symmetric event
ROLES = ("source", "target", "reciprocal")  # the overlap figures
SPAN_ROLES = {"source": "source", "target": "target", RECIPROCAL: "reciprocal"}  # gold role -> figure


# --- the gold --------------------------------------------------------------------------


@dataclass(frozen=True)
class GoldSpan:
    """One actor span of a gold sentence: ``role`` is source, target or R (reciprocal)."""

    role: str
    start: int
    end: int
    text: str

    def to_dict(self) -> dict:
        return {"role": self.role, "start": self.start, "end": self.end, "text": self.text}


@dataclass(frozen=True)
class PentaclassRecord:
    """One gold sentence: its class, and its actor spans (None where not aligned)."""

    id: str
    text: str
    pentaclass: int
    spans: tuple[GoldSpan, ...] | None = None

    @property
    def aligned(self) -> bool:
        return self.spans is not None

    def spans_of(self, figure: str) -> tuple[GoldSpan, ...]:
        """The gold spans one overlap figure (``source``, ``target``, ``reciprocal``) scores."""
        return tuple(span for span in self.spans or () if SPAN_ROLES[span.role] == figure)


def is_pentaclass_record(item: object) -> bool:
    """Whether a gold value is a ConfliBERT record: a JSON object with a ``pentaclass``."""
    return isinstance(item, dict) and "pentaclass" in item


def is_pentaclass_gold(path: str | Path) -> bool:
    """Whether a gold file holds ConfliBERT records: its first record (DOCUMENT records aside) has a pentaclass.

    Raises ``InputError`` as ``read_items`` does for a file that cannot be read as JSON.
    """
    for _, _, item in read_items(path):
        if not is_document_record(item):
            return is_pentaclass_record(item)
    return False


def _int(value: object) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _spans(value: object, text: str, origin: str, where: str) -> tuple[GoldSpan, ...] | None:
    if value is None:
        return None
    if not isinstance(value, list):
        raise InputError(origin, f"{where} has 'spans' that are not a list")
    spans = []
    for index, item in enumerate(value):
        if not isinstance(item, dict):
            raise InputError(origin, f"{where}: span {index} is not a JSON object")
        role = item.get("role")
        if role not in SPAN_ROLES:
            raise InputError(origin, f"{where}: span {index} has role {role!r}, not one of {', '.join(SPAN_ROLES)}")
        start, end = _int(item.get("start")), _int(item.get("end"))
        if start is None or end is None or not 0 <= start < end <= len(text):
            raise InputError(origin, f"{where}: span {index} has no 'start' and 'end' inside the text")
        words = item.get("text")
        if words is not None and words != text[start:end]:
            raise InputError(
                origin, f"{where}: span {index} reads {text[start:end]!r} at {start}-{end}, not its text {words!r}"
            )
        spans.append(GoldSpan(role, start, end, text[start:end]))
    return tuple(spans)


def _pentaclass_record(item: object, origin: str, where: str) -> PentaclassRecord:
    if not isinstance(item, dict):
        raise InputError(origin, f"{where} is not a JSON object")
    record_id, text, where = record_id_and_text(item, origin, where)
    pentaclass = _int(item.get("pentaclass"))
    if pentaclass not in PENTACLASSES:
        raise InputError(origin, f"{where} has pentaclass {item.get('pentaclass')!r}, not one of 0, 1, 2, 3, 4")
    return PentaclassRecord(record_id, text, pentaclass, _spans(item.get("spans"), text, origin, where))


def read_pentaclass_gold(path: str | Path) -> list[PentaclassRecord]:
    """The records of a ConfliBERT gold file (JSON lines or a JSON array), in file order.

    Raises ``InputError`` naming the file (``file:line`` for a bad JSON line, and the
    record) when it cannot be read, holds no records, or a record lacks its ``id`` or
    ``text``, has a pentaclass that is not 0-4, or a span with another role, offsets
    outside the text, or a ``text`` its offsets do not read.
    """
    records = [_pentaclass_record(item, origin, where) for origin, where, item in read_items(path)]
    if not records:
        raise InputError(str(path), "holds no gold records")
    return records


# --- the prediction --------------------------------------------------------------------


def cameo_pentaclass(cameo: str | None) -> int | None:
    """The class of a CAMEO code by its root (first two digits), or None for no root 01-20."""
    root = (cameo or "").strip()[:2]
    if len(root) != 2 or not root.isdigit():
        return None
    number = int(root)
    for pentaclass, (_, first, last) in PENTACLASSES.items():
        if first <= number <= last:
            return pentaclass
    return None


def predicted_pentaclass(document: Document) -> int | str:
    """Dossier's class for a sentence: its root event's, 0 for an attribution alone, else NONE."""
    event = predicted_event(document)
    if event is not None:
        found = cameo_pentaclass(event.cameo)
        return NONE if found is None else found
    return 0 if document.attributions else NONE


def overlaps(start: int, end: int, other_start: int, other_end: int) -> bool:
    """Whether two half-open spans share at least one character."""
    return start < other_end and other_start < end


def _role_actors(document: Document, event: Event | None, figure: str) -> list[Actor]:
    """The distinct actors the event names in a role (source and target for reciprocal)."""
    if event is None:
        return []
    ids = [*event.source, *event.target] if figure == "reciprocal" else getattr(event, figure)
    by_id = {actor.id: actor for actor in document.actors}
    return [by_id[actor_id] for actor_id in dict.fromkeys(ids) if actor_id in by_id]


def role_overlap(gold: Sequence[GoldSpan], actors: Sequence[Actor]) -> tuple[int, int, int, int]:
    """One sentence's role: (gold spans, found gold spans, predicted actors, matched actors).

    An actor is matched when any of its mentions overlaps any gold span; a gold span is
    found when any mention of any actor overlaps it.
    """
    mentions = [(actor, mention) for actor in actors for mention in actor.mentions]
    found = sum(any(overlaps(m.start, m.end, span.start, span.end) for _, m in mentions) for span in gold)
    matched = sum(
        any(overlaps(m.start, m.end, span.start, span.end) for m in actor.mentions for span in gold) for actor in actors
    )
    return len(gold), found, len(actors), matched


# --- the figures -----------------------------------------------------------------------


@dataclass(frozen=True)
class ClassScore(CountedScore):
    """Precision, recall and F1 of one pentaclass (None where nothing was there to count)."""

    pentaclass: int
    support: int  # gold sentences of this class
    predicted: int  # sentences Dossier put in this class
    correct: int

    @property
    def name(self) -> str:
        return PENTACLASSES[self.pentaclass][0]

    def to_dict(self) -> dict:
        return {"name": self.name, **super().to_dict()}


@dataclass(frozen=True)
class OverlapScore:
    """Overlap precision, recall and F1 of one role, summed over the sentences scored."""

    sentences: int = 0  # aligned sentences scored for this role
    gold: int = 0  # gold spans
    found: int = 0  # gold spans some predicted actor's mention overlaps
    predicted: int = 0  # predicted actors
    matched: int = 0  # predicted actors with a mention overlapping a gold span

    @property
    def precision(self) -> float | None:
        return ratio(self.matched, self.predicted)

    @property
    def recall(self) -> float | None:
        return ratio(self.found, self.gold)

    @property
    def f1(self) -> float | None:
        """The harmonic mean of precision and recall; 0 when one is 0 or missing, None when both are."""
        if self.precision is None and self.recall is None:
            return None
        precision, recall = self.precision or 0.0, self.recall or 0.0
        return 2 * precision * recall / (precision + recall) if precision + recall else 0.0

    def to_dict(self) -> dict:
        return {
            **rates(self),
            "sentences": self.sentences,
            "gold": self.gold,
            "found": self.found,
            "predicted": self.predicted,
            "matched": self.matched,
        }


def _actor_words(actor: Actor) -> str:
    """An actor as the text says it: its distinct mention texts, else its name."""
    words = list(dict.fromkeys(mention.text for mention in actor.mentions))
    return " | ".join(words) if words else f"({actor.name})"


@dataclass(frozen=True)
class PentaclassError:
    """A sentence Dossier coded wrongly: its class, or the actors of a role."""

    record_id: str
    text: str
    gold_class: int
    predicted_class: int | str  # 0-4 or "NONE"
    predicted_type: str  # the root event's type, or "NONE"
    predicted_cameo: str | None
    by_attribution: bool  # class 0 from an attribution, no event
    gold_spans: tuple[GoldSpan, ...]
    predicted_source: tuple[str, ...]  # the actors, by their words
    predicted_target: tuple[str, ...]
    wrong: tuple[str, ...]  # of "class", "source", "target", "reciprocal"

    def to_dict(self) -> dict:
        return {
            "record": self.record_id,
            "text": self.text,
            "gold_class": self.gold_class,
            "predicted_class": self.predicted_class,
            "predicted_type": self.predicted_type,
            "predicted_cameo": self.predicted_cameo,
            "by_attribution": self.by_attribution,
            "gold_spans": [span.to_dict() for span in self.gold_spans],
            "predicted_source": list(self.predicted_source),
            "predicted_target": list(self.predicted_target),
            "wrong": list(self.wrong),
        }


def _label(pentaclass: int | str) -> str:
    return str(pentaclass)


def _class_order(classes) -> list[int | str]:
    return sorted(classes, key=lambda name: (name == NONE, name if name != NONE else 0))


@dataclass
class PentaclassScores(LabelCounts):
    """The figures of one ConfliBERT evaluation; rates are None when nothing was there to count."""

    _order = staticmethod(_class_order)
    _score = ClassScore

    records: int = 0
    correct: int = 0  # sentences whose class Dossier got right
    aligned: int = 0  # sentences with spans
    by_attribution: int = 0  # sentences put in class 0 by an attribution alone
    gold: Counter = field(default_factory=Counter)  # gold class -> sentences
    predicted: Counter = field(default_factory=Counter)  # predicted class (or NONE) -> sentences
    confusion: Counter = field(default_factory=Counter)  # (gold class, predicted class) -> sentences
    source: OverlapScore = field(default_factory=OverlapScore)
    target: OverlapScore = field(default_factory=OverlapScore)
    reciprocal: OverlapScore = field(default_factory=OverlapScore)
    errors: list[PentaclassError] = field(default_factory=list)

    def class_scores(self) -> dict[int, ClassScore]:
        """Every class the gold holds or Dossier predicted, 0 to 4."""
        return self.label_scores()

    def gold_classes(self) -> list[int]:
        """The classes the gold holds: the confusion matrix's rows."""
        return self.gold_labels()

    def predicted_classes(self) -> list[int | str]:
        """What Dossier predicted, 0 to 4, NONE last: the matrix's columns."""
        return self.predicted_labels()

    def to_dict(self, *, errors: bool = True) -> dict:
        figures = {
            "format": "pentaclass",
            "records": self.records,
            "macro_f1": self.macro_f1,
            "accuracy": self.accuracy,
            "correct": self.correct,
            "unpredicted": self.unpredicted,
            "by_attribution": self.by_attribution,
            "aligned": self.aligned,
            "source": self.source.to_dict(),
            "target": self.target.to_dict(),
            "reciprocal": self.reciprocal.to_dict(),
            "classes": {_label(c): score.to_dict() for c, score in self.class_scores().items()},
            "confusion": {
                _label(gold): {_label(found): count for found, count in row.items()}
                for gold, row in self.confusion_matrix().items()
            },
        }
        if errors:
            figures["errors"] = [error.to_dict() for error in self.errors]
        return figures


def score_pentaclass(records: Sequence[PentaclassRecord], documents: Sequence[Document]) -> PentaclassScores:
    """Score Dossier's documents against the gold sentences they were read from (same order).

    Raises ``ValueError`` when records and documents do not pair up.
    """
    if len(records) != len(documents):
        raise ValueError(f"{len(records)} gold records but {len(documents)} documents")
    scores = PentaclassScores()
    roles = {figure: Counter() for figure in ROLES}
    for record, document in zip(records, documents):
        event = predicted_event(document)
        found = predicted_pentaclass(document)
        right = scores.count(record.pentaclass, found)
        scores.by_attribution += event is None and found == 0
        wrong: list[str] = [] if right else ["class"]

        if record.aligned:
            scores.aligned += 1
            directed = bool(record.spans_of("source") or record.spans_of("target"))
            for figure, counts in roles.items():
                gold = record.spans_of(figure)
                if not (gold if figure == "reciprocal" else directed):
                    continue
                gold_n, gold_found, predicted_n, matched = role_overlap(gold, _role_actors(document, event, figure))
                counts.update(sentences=1, gold=gold_n, found=gold_found, predicted=predicted_n, matched=matched)
                if gold_found < gold_n or matched < predicted_n:
                    wrong.append(figure)

        if wrong:
            scores.errors.append(
                PentaclassError(
                    record_id=record.id,
                    text=record.text,
                    gold_class=record.pentaclass,
                    predicted_class=found,
                    predicted_type=event.type if event is not None else NONE,
                    predicted_cameo=event.cameo if event is not None else None,
                    by_attribution=event is None and found == 0,
                    gold_spans=record.spans or (),
                    predicted_source=tuple(_actor_words(a) for a in _role_actors(document, event, "source")),
                    predicted_target=tuple(_actor_words(a) for a in _role_actors(document, event, "target")),
                    wrong=tuple(wrong),
                )
            )
    for figure, counts in roles.items():
        setattr(scores, figure, OverlapScore(**{name: counts[name] for name in OverlapScore.__dataclass_fields__}))
    return scores


def evaluate_pentaclass(
    path: str | Path,
    limit: int | None = None,
    model: str | None = None,
    *,
    actors: Sequence[str | Path] = (),
    batch_size: int = 32,
) -> PentaclassScores:
    """Read a ConfliBERT gold file, extract its first ``limit`` sentences (all by default), score them.

    Raises ``InputError`` for an unreadable or invalid gold file (checked before any
    sentence is extracted).
    """
    origin = str(path)
    records = read_pentaclass_gold(path)
    if limit is not None:
        records = records[:limit]
    documents = list(extract_gold(records, origin=origin, model=model, actors=actors, batch_size=batch_size))
    return score_pentaclass(records, documents)
