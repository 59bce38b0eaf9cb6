"""Gold-standard records in the PLOVER format, and Dossier's reading of their sentences.

The PLOVER gold standard (``PLOVER_GSR_CAMEO.json``, Open Event Data Alliance) is a JSON
array of coded sentences. Its first record (``event: "DOCUMENT"``) documents the file
and is skipped; every other record holds ``id``, ``text``, ``event`` and the actors it
codes as ``source`` and ``target``, each a list of ``{"actorText", "code"}``. A role that
is not a list (``""``, ``null``, a stray word) codes no actor. The same records may also
come as JSON lines, one per line (a ``.jsonl`` file, or any file that is not one JSON
value but a line of objects).

Shared by every evaluation (``evaluate.actors``, ``evaluate.events``,
``evaluate.pentaclass``): read the file once, run all sentences through one loaded
pipeline, then score. ``read_items`` reads the JSON values of any such file (an array or
lines); ``read_gold`` makes PLOVER records of them, ``evaluate.pentaclass`` ConfliBERT's.

The scoring pieces the evaluations share live here too: ``ratio``, ``CountedScore``
(precision, recall and F1 of one label from its counts) and ``LabelCounts`` (accuracy,
per-label scores, macro-F1 and the confusion matrix of one label a record).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from ..contract import Document
from ..errors import InputError

ROLES = ("source", "target")


def read_text(path: Path) -> str:
    """A gold file's text, line ends untouched (offsets count ``\\r`` too)."""
    try:
        return path.read_bytes().decode("utf-8")
    except FileNotFoundError:
        raise InputError(str(path), "no such file") from None
    except IsADirectoryError:
        raise InputError(str(path), "is a directory, not a file") from None
    except UnicodeDecodeError:
        raise InputError(str(path), "not UTF-8 text") from None
    except OSError as exc:
        raise InputError(str(path), f"cannot read: {exc.strerror or exc}") from None


def ratio(part: int, whole: int) -> float | None:
    """``part / whole``, or None when there was nothing to count (never a made-up 0)."""
    return part / whole if whole else None


def rates(score) -> dict:
    """A score's ``precision``, ``recall`` and ``f1``, the first keys of its ``to_dict``."""
    return {"precision": score.precision, "recall": score.recall, "f1": score.f1}


class CountedScore:
    """Precision, recall and F1 of one label from counts (None where nothing was there to count).

    For a frozen dataclass with the fields ``support`` (gold items of the label),
    ``predicted`` (items Dossier gave it) and ``correct`` (items of the label Dossier gave
    it). ``counts`` names other fields: ``(correct, support, predicted)``.
    """

    @property
    def counts(self) -> tuple[int, int, int]:
        return self.correct, self.support, self.predicted

    @property
    def precision(self) -> float | None:
        correct, _, predicted = self.counts
        return ratio(correct, predicted)

    @property
    def recall(self) -> float | None:
        correct, support, _ = self.counts
        return ratio(correct, support)

    @property
    def f1(self) -> float | None:
        # 2PR/(P+R) written with counts: 0 when either side is 0, None when both are empty.
        correct, support, predicted = self.counts
        return ratio(2 * correct, support + predicted)

    def to_dict(self) -> dict:
        return {**rates(self), "support": self.support, "predicted": self.predicted, "correct": self.correct}


NONE = "NONE"  # the prediction for a record Dossier coded nothing for


class LabelCounts:
    """The figures of an evaluation that gives each record one label, gold and predicted.

    For a dataclass with the fields ``records``, ``correct`` (records whose label is
    right), and the Counters ``gold`` (gold label -> records), ``predicted`` (predicted
    label, or ``NONE`` -> records) and ``confusion`` ((gold, predicted) -> records). A
    subclass gives ``_order`` (labels in table order, ``NONE`` last) and ``_score`` (a
    ``CountedScore`` made of label, support, predicted, correct).
    """

    _score: type[CountedScore]

    @staticmethod
    def _order(labels: Iterable) -> list:
        raise NotImplementedError

    def count(self, gold: object, found: object) -> bool:
        """Count one record, its gold and predicted label; whether the prediction is right."""
        self.records += 1
        self.gold[gold] += 1
        self.predicted[found] += 1
        self.confusion[(gold, found)] += 1
        right = found == gold
        if right:
            self.correct += 1
        return right

    @property
    def accuracy(self) -> float | None:
        return ratio(self.correct, self.records)

    @property
    def unpredicted(self) -> int:
        """Records Dossier coded nothing for (``NONE``)."""
        return self.predicted[NONE]

    def label_scores(self) -> dict:
        """Every label the gold holds or Dossier predicted (NONE aside), in table order."""
        labels = self._order({*self.gold, *self.predicted} - {NONE})
        return {
            label: self._score(label, self.gold[label], self.predicted[label], self.confusion[(label, label)])
            for label in labels
        }

    @property
    def macro_f1(self) -> float | None:
        """Mean F1 over the labels present in the gold (support > 0)."""
        scores = [score.f1 for score in self.label_scores().values() if score.support]
        return sum(scores) / len(scores) if scores else None

    def gold_labels(self) -> list:
        """The labels the gold holds, in table order: the confusion matrix's rows."""
        return self._order(label for label, count in self.gold.items() if count)

    def predicted_labels(self) -> list:
        """What Dossier predicted, in table order, NONE last: the matrix's columns."""
        return self._order(label for label, count in self.predicted.items() if count)

    def confusion_matrix(self) -> dict:
        """Gold label -> predicted label (or NONE) -> records; only non-zero cells."""
        return {
            gold: {
                found: self.confusion[(gold, found)]
                for found in self.predicted_labels()
                if self.confusion[(gold, found)]
            }
            for gold in self.gold_labels()
        }


@dataclass(frozen=True)
class GoldActor:
    """One coded actor of a gold record: the words the coder marked and the code given."""

    role: str  # "source" or "target"
    text: str
    code: str


@dataclass(frozen=True)
class GoldRecord:
    """One gold sentence with its coded event and actors."""

    id: str
    text: str
    event: str
    source: tuple[GoldActor, ...] = ()
    target: tuple[GoldActor, ...] = ()
    mode: str | None = None
    context: str | None = None
    date: str | None = None
    extra: dict = field(default_factory=dict, compare=False, repr=False)

    @property
    def actors(self) -> tuple[GoldActor, ...]:
        return self.source + self.target


def _actors(value: object, role: str) -> tuple[GoldActor, ...]:
    if not isinstance(value, list):
        return ()
    found = []
    for item in value:
        if not isinstance(item, dict):
            continue
        code = item.get("code")
        text = item.get("actorText")
        found.append(
            GoldActor(
                role=role,
                text=text.strip() if isinstance(text, str) else "",
                code=code.strip() if isinstance(code, str) else "",
            )
        )
    return tuple(found)


def _optional_str(value: object) -> str | None:
    return value if isinstance(value, str) and value else None


def record_id_and_text(item: dict, origin: str, where: str) -> tuple[str, str, str]:
    """A gold record's ``id`` (stripped) and ``text``, and ``record 'ID'`` to name it by in errors.

    Raises ``InputError`` naming ``origin`` and ``where`` when the id or the text is missing.
    """
    record_id = item.get("id")
    if isinstance(record_id, (str, int)) and not isinstance(record_id, bool) and str(record_id).strip():
        record_id = str(record_id).strip()
        where = f"record {record_id!r}"
    else:
        raise InputError(origin, f"{where} has no 'id'")
    text = item.get("text")
    if not isinstance(text, str) or not text.strip():
        raise InputError(origin, f"{where} has no 'text'")
    return record_id, text, where


_KNOWN = frozenset({"id", "text", "event", "source", "target", "mode", "context", "date"})


def _record(item: object, origin: str, where: str) -> GoldRecord | None:
    """One gold record from its JSON value, or None for a DOCUMENT record."""
    if not isinstance(item, dict):
        raise InputError(origin, f"{where} is not a JSON object")
    event = item.get("event")
    if event == "DOCUMENT":
        return None
    record_id, text, where = record_id_and_text(item, origin, where)
    if not isinstance(event, str) or not event.strip():
        raise InputError(origin, f"{where} has no 'event'")
    return GoldRecord(
        id=record_id,
        text=text,
        event=event.strip(),
        source=_actors(item.get("source"), "source"),
        target=_actors(item.get("target"), "target"),
        mode=_optional_str(item.get("mode")),
        context=_optional_str(item.get("context")),
        date=_optional_str(item.get("date")),
        extra={k: v for k, v in item.items() if k not in _KNOWN},
    )


def json_lines(lines: Iterable[str], origin: str) -> Iterator[tuple[str, object]]:
    """The JSON value of each line that is not blank, as ``(file:line, value)``.

    Raises ``InputError`` naming ``file:line`` for a line that is not JSON.
    """
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        where = f"{origin}:{number}"
        try:
            item = json.loads(line)
        except json.JSONDecodeError as exc:
            raise InputError(where, f"not valid JSON: {exc.msg} at column {exc.colno}") from None
        yield where, item


def read_items(path: str | Path) -> Iterator[tuple[str, str, object]]:
    """The JSON values of a gold file, in file order, as ``(origin, where, value)``.

    The file is a JSON array of records, or JSON lines: one record per line, blank lines
    skipped. A ``.jsonl`` file is always read as lines; any other file is read as one
    JSON value, and as lines when it is a sequence of objects rather than one value.
    ``origin`` and ``where`` name the value in an error (``file:line`` and ``record`` for
    a line, the file and ``record N`` for an array item). Lines are read lazily, so a
    reader that checks each value as it comes reports the first bad line first.

    Raises ``InputError`` naming the file when it cannot be read, is not JSON, or is not
    an array; a bad JSON line as ``file:line``.
    """
    origin = str(path)
    try:
        raw = Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputError(origin, "no such file") from None
    except IsADirectoryError:
        raise InputError(origin, "is a directory, not a gold file") from None
    except UnicodeDecodeError:
        raise InputError(origin, "not UTF-8 text") from None
    except OSError as exc:
        raise InputError(origin, f"cannot read: {exc.strerror or exc}") from None
    lines = Path(path).suffix.lower() == ".jsonl"
    if not lines:
        try:
            data = json.loads(raw)
        except json.JSONDecodeError as exc:
            # One object after another is JSON lines; anything else is broken JSON.
            lines = exc.msg == "Extra data" and raw.lstrip().startswith("{")
            if not lines:
                raise InputError(origin, f"not valid JSON: {exc.msg} at line {exc.lineno} column {exc.colno}") from None
    if lines:
        for where, item in json_lines(raw.splitlines(), origin):
            yield where, "record", item
        return
    if not isinstance(data, list):
        raise InputError(origin, f"expected a JSON array of gold records, found a JSON {type(data).__name__}")
    for index, item in enumerate(data):
        yield origin, f"record {index}", item


def is_document_record(item: object) -> bool:
    """Whether a gold value is a PLOVER ``DOCUMENT`` record (it documents the file)."""
    return isinstance(item, dict) and item.get("event") == "DOCUMENT"


def read_gold(path: str | Path) -> list[GoldRecord]:
    """The gold records of a PLOVER-format file, in file order, without DOCUMENT records.

    The file is read by ``read_items``: a JSON array of records, or JSON lines.

    Raises ``InputError`` naming the file (``file:line`` for a bad JSON line, and the
    record) when it cannot be read, is not JSON, is not an array of objects, or a record
    lacks its ``id``, ``text`` or ``event``.
    """
    records = [
        record for origin, where, item in read_items(path) if (record := _record(item, origin, where)) is not None
    ]
    if not records:
        raise InputError(str(path), "holds no gold records")
    return records


def extract_gold(
    records: Iterable[GoldRecord],
    *,
    origin: str = "<gold>",
    model: str | None = None,
    actors: Iterable[str | Path] = (),
    batch_size: int = 32,
) -> Iterator[Document]:
    """Dossier's document for each gold sentence, in order, through one loaded pipeline."""
    from ..ingest import record_from_text
    from ..pipeline import extract_records

    inputs = (record_from_text(r.text, id=r.id, origin=f"{origin}#{r.id}") for r in records)
    return extract_records(inputs, batch_size=batch_size, model=model, actors=actors)
