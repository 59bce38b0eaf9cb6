"""Event coding against gold: does Dossier code the event the coders coded, and between whom?

Each gold record codes one event. Dossier's prediction for the record is the root event
of its document (``root == True``; the first event when none is marked root), or
``NONE`` when it found no event at all.

Gold files coded with PLOVER 0.5b1 use four names the document contract does not:
``PLOVER_05_NAMES`` reads them as contract types (DEMAND is REQUEST, DISAPPROVE and
INVESTIGATE are ACCUSE with that mode, FIGHT is ASSAULT). A name that is not one of the
16 contract types after mapping is an error naming the record.

The figures:

- per-type precision, recall and F1 of the event type; a ``NONE`` prediction is a miss
  against the gold type's recall and no type's false positive;
- macro-F1: the mean F1 over the types the gold file holds (support > 0);
- accuracy: records whose type is right, over all records (micro);
- mode accuracy: over the records whose gold has a mode and whose type Dossier got
  right, the share whose mode matches (compared lower-case, ``_`` and spaces as ``-``);
- source and target country accuracy: over the records whose gold role codes at least
  one country or IGO (codes read by ``normalize_code``; non-state codes are ignored),
  Dossier's side is the ``country`` of each actor the root event names in that role,
  plus ``IGO`` for actors of kind ``igo``. ``exact`` counts records where that set
  equals the gold set, ``overlap`` records where they share at least one key. The
  headline country accuracy is ``overlap``. A record with no predicted event is wrong
  on both;
- a confusion matrix of gold type by predicted type (``NONE`` included);
- errors: the records whose type is wrong, or whose source or target countries are
  wrong (by overlap), with what the gold and Dossier said.

``evaluate_event_gold`` reads either this PLOVER gold or ConfliBERT's pentaclass
sentences (``evaluate.pentaclass``), told apart by their records.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import get_args

from ..contract import Document, Event, EventType
from ..errors import InputError
from .actors import IGO, normalize_code
from .gold import (
    NONE,
    CountedScore,
    GoldRecord,
    LabelCounts,
    extract_gold,
    ratio,
    read_gold,
)

__all__ = [
    "EVENT_TYPES",
    "NONE",
    "PLOVER_05_NAMES",
    "EventError",
    "EventScores",
    "TypeScore",
    "evaluate_event_gold",
    "evaluate_events",
    "gold_event",
    "normalize_mode",
    "predicted_event",
    "score_events",
]

EVENT_TYPES: tuple[str, ...] = get_args(EventType)  # the 16 contract types, in contract order

# PLOVER 0.5b1 event names (those of PLOVER_GSR_CAMEO.json) -> (contract type, mode or None).
PLOVER_05_NAMES: dict[str, tuple[str, str | None]] = {
    "DEMAND": ("REQUEST", None),
    "DISAPPROVE": ("ACCUSE", "disapprove"),
    "INVESTIGATE": ("ACCUSE", "investigate"),
    "FIGHT": ("ASSAULT", None),
}


def normalize_mode(mode: str | None) -> str | None:
    """A mode as compared: lower-case, ``_`` and spaces as ``-``; None when empty."""
    if not mode or not mode.strip():
        return None
    return "-".join(mode.strip().lower().replace("_", " ").replace("-", " ").split())


def gold_event(record: GoldRecord, origin: str = "<gold>") -> tuple[str, str | None]:
    """The contract type and mode of a gold record's event, PLOVER 0.5b1 names mapped.

    The record's own ``mode`` wins when it has one; otherwise the mode the mapping
    implies (``disapprove``, ``investigate``) or None. Raises ``InputError`` naming
    ``origin`` and the record when the event is not a contract type after mapping.
    """
    name = record.event.strip().upper()
    event_type, implied_mode = PLOVER_05_NAMES.get(name, (name, None))
    if event_type not in EVENT_TYPES:
        raise InputError(
            origin,
            f"record {record.id!r} codes event {record.event!r}, which is not a PLOVER event type "
            f"(one of {', '.join(EVENT_TYPES)}, or the 0.5b1 names {', '.join(PLOVER_05_NAMES)})",
        )
    mode = record.mode if record.mode and record.mode.strip() else implied_mode
    return event_type, mode


def predicted_event(document: Document) -> Event | None:
    """The event Dossier codes for a one-event sentence: the root event, else the first."""
    for event in document.events:
        if event.root:
            return event
    return document.events[0] if document.events else None


def _gold_keys(record: GoldRecord, role: str) -> frozenset[str]:
    keys = set()
    for actor in getattr(record, role):
        key = normalize_code(actor.code).key  # a country, "IGO", or None for the rest
        if key is not None:
            keys.add(key)
    return frozenset(keys)


def _predicted_keys(document: Document, event: Event | None, role: str) -> frozenset[str]:
    if event is None:
        return frozenset()
    by_id = {actor.id: actor for actor in document.actors}
    keys = set()
    for actor_id in getattr(event, role):
        actor = by_id.get(actor_id)
        if actor is None:
            continue
        if actor.country:
            keys.add(actor.country.upper())
        if actor.kind == "igo" or (actor.code or "").startswith("IGO"):  # the UN's secretary-general too
            keys.add(IGO)
    return frozenset(keys)


@dataclass(frozen=True)
class TypeScore(CountedScore):
    """Precision, recall and F1 of one event type (None where nothing was there to count)."""

    type: str
    support: int  # gold records of this type
    predicted: int  # records Dossier coded as this type
    correct: int  # records of this type Dossier coded as this type


@dataclass(frozen=True)
class CountryScore:
    """Country accuracy of one role: records whose gold codes a country or IGO in it."""

    gold: int = 0
    exact: int = 0
    overlap: int = 0

    @property
    def exact_accuracy(self) -> float | None:
        return ratio(self.exact, self.gold)

    @property
    def overlap_accuracy(self) -> float | None:
        return ratio(self.overlap, self.gold)

    @property
    def accuracy(self) -> float | None:
        """The headline figure: overlap."""
        return self.overlap_accuracy

    def to_dict(self) -> dict:
        return {
            "accuracy": self.accuracy,
            "exact": self.exact_accuracy,
            "overlap": self.overlap_accuracy,
            "gold": self.gold,
            "exact_matched": self.exact,
            "overlap_matched": self.overlap,
        }


@dataclass(frozen=True)
class EventError:
    """A record Dossier coded wrongly: its type, or its source or target countries."""

    record_id: str
    text: str
    gold_type: str
    predicted_type: str  # a contract type or "NONE"
    gold_mode: str | None
    predicted_mode: str | None
    gold_source: tuple[str, ...]
    predicted_source: tuple[str, ...]
    gold_target: tuple[str, ...]
    predicted_target: tuple[str, ...]
    wrong: tuple[str, ...]  # of "type", "source", "target"

    def to_dict(self) -> dict:
        return {
            "record": self.record_id,
            "text": self.text,
            "gold_type": self.gold_type,
            "predicted_type": self.predicted_type,
            "gold_mode": self.gold_mode,
            "predicted_mode": self.predicted_mode,
            "gold_source": list(self.gold_source),
            "predicted_source": list(self.predicted_source),
            "gold_target": list(self.gold_target),
            "predicted_target": list(self.predicted_target),
            "wrong": list(self.wrong),
        }


def _type_order(types) -> list[str]:
    order = {name: index for index, name in enumerate((*EVENT_TYPES, NONE))}
    return sorted(types, key=lambda name: (order.get(name, len(order)), name))


@dataclass
class EventScores(LabelCounts):
    """The figures of one event evaluation; rates are None when nothing was there to count.

    Country accuracy (``source``, ``target``) reports ``exact`` and ``overlap``; the
    headline ``accuracy`` of each is ``overlap``: Dossier names at least one of the
    countries (or the IGO) the coders gave that role.
    """

    _order = staticmethod(_type_order)
    _score = TypeScore

    records: int = 0
    correct: int = 0  # records whose type Dossier got right
    gold: Counter = field(default_factory=Counter)  # gold type -> records
    predicted: Counter = field(default_factory=Counter)  # predicted type (or NONE) -> records
    confusion: Counter = field(default_factory=Counter)  # (gold type, predicted type) -> records
    mode_gold: int = 0  # records with a gold mode and the right type
    mode_matched: int = 0
    source: CountryScore = field(default_factory=CountryScore)
    target: CountryScore = field(default_factory=CountryScore)
    errors: list[EventError] = field(default_factory=list)

    @property
    def mode_accuracy(self) -> float | None:
        return ratio(self.mode_matched, self.mode_gold)

    def type_scores(self) -> dict[str, TypeScore]:
        """Every type the gold holds or Dossier predicted (NONE aside), in contract order."""
        return self.label_scores()

    def gold_types(self) -> list[str]:
        """The types the gold holds, in contract order: the confusion matrix's rows."""
        return self.gold_labels()

    def predicted_types(self) -> list[str]:
        """What Dossier predicted, in contract order, NONE last: the matrix's columns."""
        return self.predicted_labels()

    def to_dict(self, *, errors: bool = True) -> dict:
        figures = {
            "records": self.records,
            "macro_f1": self.macro_f1,
            "accuracy": self.accuracy,
            "correct": self.correct,
            "unpredicted": self.unpredicted,
            "mode": {"accuracy": self.mode_accuracy, "gold": self.mode_gold, "matched": self.mode_matched},
            "source_country": self.source.to_dict(),
            "target_country": self.target.to_dict(),
            "types": {name: score.to_dict() for name, score in self.type_scores().items()},
            "confusion": self.confusion_matrix(),
        }
        if errors:
            figures["errors"] = [error.to_dict() for error in self.errors]
        return figures


def score_events(
    records: Sequence[GoldRecord], documents: Sequence[Document], *, origin: str = "<gold>"
) -> EventScores:
    """Score Dossier's documents against the gold records they were read from (same order).

    Raises ``InputError`` (naming ``origin`` and the record) for a gold event name that is
    no PLOVER type, and ``ValueError`` when records and documents do not pair up.
    """
    if len(records) != len(documents):
        raise ValueError(f"{len(records)} gold records but {len(documents)} documents")
    scores = EventScores()
    source, target = Counter(), Counter()
    for record, document in zip(records, documents):
        gold_type, gold_mode = gold_event(record, origin)
        event = predicted_event(document)
        predicted_type = event.type if event is not None else NONE
        predicted_mode = event.mode if event is not None else None

        wrong: list[str] = []
        if scores.count(gold_type, predicted_type):
            if normalize_mode(gold_mode) is not None:
                scores.mode_gold += 1
                scores.mode_matched += normalize_mode(gold_mode) == normalize_mode(predicted_mode)
        else:
            wrong.append("type")

        keys = {}
        for role, counts in (("source", source), ("target", target)):
            gold_keys = _gold_keys(record, role)
            found = _predicted_keys(document, event, role)
            keys[role] = (gold_keys, found)
            if not gold_keys:
                continue
            counts["gold"] += 1
            counts["exact"] += found == gold_keys
            counts["overlap"] += bool(found & gold_keys)
            if not found & gold_keys:
                wrong.append(role)

        if wrong:
            scores.errors.append(
                EventError(
                    record_id=record.id,
                    text=record.text,
                    gold_type=gold_type,
                    predicted_type=predicted_type,
                    gold_mode=gold_mode,
                    predicted_mode=predicted_mode,
                    gold_source=tuple(sorted(keys["source"][0])),
                    predicted_source=tuple(sorted(keys["source"][1])),
                    gold_target=tuple(sorted(keys["target"][0])),
                    predicted_target=tuple(sorted(keys["target"][1])),
                    wrong=tuple(wrong),
                )
            )
    scores.source = CountryScore(source["gold"], source["exact"], source["overlap"])
    scores.target = CountryScore(target["gold"], target["exact"], target["overlap"])
    return scores


def evaluate_events(
    path: str | Path,
    limit: int | None = None,
    model: str | None = None,
    *,
    actors: Sequence[str | Path] = (),
    batch_size: int = 32,
) -> EventScores:
    """Read the gold file, extract its first ``limit`` sentences (all by default), score them.

    Raises ``InputError`` for an unreadable or invalid gold file, or a record whose event
    is no PLOVER type (checked before any sentence is extracted).
    """
    origin = str(path)
    records = read_gold(path)
    if limit is not None:
        records = records[:limit]
    for record in records:
        gold_event(record, origin)
    documents = list(extract_gold(records, origin=origin, model=model, actors=actors, batch_size=batch_size))
    return score_events(records, documents, origin=origin)


def evaluate_event_gold(
    path: str | Path,
    limit: int | None = None,
    model: str | None = None,
    *,
    actors: Sequence[str | Path] = (),
    batch_size: int = 32,
):
    """``evaluate_events`` for PLOVER gold, ``evaluate_pentaclass`` for ConfliBERT's sentences.

    The format is told by the file's first record (a DOCUMENT record aside): one with a
    ``pentaclass`` is ConfliBERT's. Returns ``EventScores`` or ``PentaclassScores``.
    """
    # Imported here: pentaclass imports this module.
    from .pentaclass import evaluate_pentaclass, is_pentaclass_gold

    evaluate = evaluate_pentaclass if is_pentaclass_gold(path) else evaluate_events
    return evaluate(path, limit, model, actors=actors, batch_size=batch_size)
