"""Whole-article event coding against gold: every event a story reports, with its sides.

The gold (``../shared/gold/article-events/``, conventions in its README) is JSON lines,
one record per article: ``{"id", "published", "events": [...]}``, each event with its
``sentence`` (as it stands in the article text), ``trigger``, ``type``, ``cameo``,
``source`` and ``target`` (lists of codes, ``-`` for an unnamed side), ``status``,
``negated`` and ``date`` (``[start, end]`` or null). The article texts come from a
corpus file of records (JSON lines with ``id``, ``text``, ``published``, ``title``,
``url``); each gold article's text is extracted through one loaded pipeline with the gold
``published`` date (else the corpus one), so relative dates resolve.

Each gold ``sentence`` is located in the text (``str.find``, else the same words with
any run of whitespace between them); a Dossier event is *in* that sentence when its
``sentence`` span overlaps the located span. A gold article missing from the corpus, or a
gold sentence not found in its text, is skipped with a line naming the gold file and the
article (``ArticleScores.skipped``); the rest is scored.

Sides are compared as sets of keys:

- gold: ``-`` names nobody and is dropped; an IGO code is read by ``igo_key``; any other
  code by ``normalize_code`` (its first three letters, CAMEO spellings mapped to ISO
  3166 alpha-3; a code that is no country is kept as its first three letters);
- Dossier: each actor of the event's side gives the ``igo_key`` of its ``code`` when it
  is of kind ``igo`` or its code is an IGO code (a UN envoy), else its ``country``
  (ISO alpha-3, whatever its kind); an actor with neither gives nothing;
- ``igo_key`` compares organisations, not spellings: the leading ``IGO`` and one CAMEO
  regional infix (``WST``, ``EUR``, ``AFR``, ...) are dropped, so ``IGOWSTNAT`` is
  ``IGONAT``; ``IGO_ALIASES`` maps Dossier's spellings to the gold's (``IGOEUREEC`` is
  ``IGOEU``, ``IGOG7`` is ``IGOGOS``, ``IGOUNOICC`` is ``IGOICC``) and folds the UN's
  principal organs and missions (Security Council, General Assembly, peacekeepers) into
  ``IGOUNO``, as the gold codes them. Agencies keep their own code: ``IGOUNOIAE`` (the
  IAEA) is not ``IGOUNO``;
- a side is *right* when Dossier's and the gold's key sets share a key, or both are
  empty (an empty side matches only an empty side).

A *candidate* pair is a Dossier event and a gold event in the same sentence with the same
``type``. The pair is *fully right* when both sides are right and ``negated`` agrees. An
event is *two-sided* when each of its sides has at least one key. The figures (rates are
None when there was nothing to count; F1 is the harmonic mean of P and R):

- dyadic precision (the headline, with recall): two-sided Dossier events fully right
  against some gold event, over all two-sided Dossier events; dyadic recall: two-sided
  gold events some Dossier event gets fully right, over all two-sided gold events;
- sentence+type precision: Dossier events with a candidate, over all Dossier events;
  recall: gold events with a candidate, over all gold events;
- full precision and recall: the same with *fully right* in place of *candidate*,
  one-sided and unnamed events included;
- sides right whatever the type: two-sided gold events with a Dossier event in the same
  sentence whose sides are both right (type and negation not asked), over two-sided gold
  events: whether the dyad is found even where the type is not;
- on matched pairs (each gold event with a candidate, paired with its best one: fully
  right first, then the most sides right, the most shared keys, negation agreeing, the
  first in the text): status agreement (exact), negation agreement, and, over pairs
  whose gold ``date`` is not null, the date: ``exact`` (Dossier's event timex has the same
  start and end), ``overlap`` (the intervals share a day) and ``undated`` (Dossier gave
  the event no date);
- per gold and Dossier type: gold and Dossier counts, sentence+type P/R/F1, dyadic P/R;
- errors: Dossier events fully right against no gold event (``spurious``: no candidate;
  ``wrong``: a candidate, with what is wrong against the best one: ``source``,
  ``target``, ``negated``), and gold events no Dossier event gets fully right
  (``missed``, with the best candidate and what is wrong, when there is one).

Precision counts every event Dossier codes in the gold articles, whatever its status.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import get_args

from ..contract import ClaimStatus, Document, Event
from ..errors import DossierError, InputError
from .actors import normalize_code
from .events import EVENT_TYPES
from .gold import json_lines, rates, ratio, read_text

__all__ = [
    "IGO_ALIASES",
    "IGO_REGIONS",
    "ArticleError",
    "ArticleScores",
    "EventView",
    "GoldArticle",
    "GoldEvent",
    "Skipped",
    "TypeCounts",
    "evaluate_articles",
    "extract_articles",
    "gold_keys",
    "igo_key",
    "locate_sentence",
    "read_articles",
    "read_corpus",
    "score_articles",
    "system_keys",
]

UNNAMED = "-"
STATUSES: tuple[str, ...] = get_args(ClaimStatus)

# CAMEO regional infixes that may follow "IGO" before the organisation's own letters
# (IGOWSTNAT NATO, IGOEUREEC the EU, IGOAFRAFU the African Union, IGOSEAASN ASEAN ...).
IGO_REGIONS = frozenset({
    "AFR", "ARB", "ASA", "BLK", "CAF", "CAM", "CAS", "CAU", "CEU", "CFR", "CRB", "EAF", "EEU", "EIN", "EUR",
    "LAM", "MDT", "MEA", "NAF", "NAM", "NMR", "PGS", "SAF", "SAM", "SAS", "SCN", "SEA", "WAF", "WST",
})  # fmt: skip

# After the regional infix is dropped: Dossier's spelling (src/dossier/data/igos.tsv) ->
# the gold's (the article-events README). The UN's principal organs and missions are the
# UN to the gold ("UN organs, envoys, panels and rapporteurs = IGOUNO").
IGO_ALIASES = {
    "EEC": "EU",  # IGOEUREEC, the European Union
    "EC": "EU",
    "G7": "GOS",  # the Group of Seven
    "ECOWAS": "WAS",  # the Economic Community of West African States
    "AU": "AFU",  # the African Union
    "UNOICC": "ICC",  # the International Criminal Court is no UN body
    "UNOSEC": "UNO",  # the Security Council
    "UNOGA": "UNO",  # the General Assembly
    "UNOPKO": "UNO",  # peacekeeping missions
}


def igo_key(code: str) -> str:
    """The organisation an IGO code names, as compared: ``IGOWSTNAT`` -> ``IGONAT``."""
    body = code.strip().upper().removeprefix("IGO")
    if len(body) >= 5 and body[:3] in IGO_REGIONS:  # at least two letters of its own remain
        body = body[3:]
    return "IGO" + IGO_ALIASES.get(body, body)


def gold_keys(codes: Iterable[str]) -> frozenset[str]:
    """The keys of a gold side: ``-`` dropped, IGOs by ``igo_key``, countries by ISO code."""
    keys = set()
    for code in codes:
        code = code.strip().upper()
        if not code or code == UNNAMED:
            continue
        if code.startswith("IGO"):
            keys.add(igo_key(code))
            continue
        read = normalize_code(code)
        keys.add(read.country if read.country else code[:3])
    return frozenset(keys)


def system_keys(document: Document, actor_ids: Iterable[str]) -> frozenset[str]:
    """The keys of one side of a Dossier event: IGO actors by code, the others by country."""
    by_id = {actor.id: actor for actor in document.actors}
    keys = set()
    for actor_id in actor_ids:
        actor = by_id.get(actor_id)
        if actor is None:
            continue
        code = (actor.code or "").strip().upper()
        if code.startswith("IGO"):
            keys.add(igo_key(code))
        elif actor.kind == "igo":
            keys.add(igo_key(code) if code else "IGO")
        elif actor.country:
            keys.add(actor.country.strip().upper())
    return frozenset(keys)


def _sides_right(found: frozenset[str], gold: frozenset[str]) -> bool:
    return bool(found & gold) if found and gold else not found and not gold


def locate_sentence(sentence: str, text: str) -> tuple[int, int] | None:
    """Where ``sentence`` stands in ``text``: exactly, else with any whitespace between its words."""
    start = text.find(sentence)
    if start >= 0 and sentence:
        return start, start + len(sentence)
    words = sentence.split()
    if not words:
        return None
    match = re.search(r"\s+".join(re.escape(word) for word in words), text)
    return (match.start(), match.end()) if match else None


# --- the gold file ---------------------------------------------------------------------


@dataclass(frozen=True)
class _Coded:
    """What gold and errors say of an event: its words, its coding and its sides."""

    sentence: str
    trigger: str
    type: str
    cameo: str | None
    source: tuple[str, ...]
    target: tuple[str, ...]
    status: str
    negated: bool


@dataclass(frozen=True)
class GoldEvent(_Coded):
    """One event a coder coded in an article."""

    date: tuple[dt.date, dt.date] | None


@dataclass(frozen=True)
class GoldArticle:
    """One gold article: its id in the corpus, its publication date and its events."""

    id: str
    published: dt.date | None
    events: tuple[GoldEvent, ...]


def _codes(value: object, where: str, role: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(code, str) for code in value):
        raise InputError(where, f"'{role}' must be a list of codes")
    return tuple(code.strip() for code in value if code.strip())


def _date(value: object, where: str) -> tuple[dt.date, dt.date] | None:
    if value is None:
        return None
    if not (isinstance(value, list) and len(value) == 2 and all(isinstance(day, str) for day in value)):
        raise InputError(where, "'date' must be null or [start, end] (YYYY-MM-DD)")
    try:
        start, end = (dt.date.fromisoformat(day) for day in value)
    except ValueError:
        raise InputError(where, f"'date' {value!r} is not two dates (YYYY-MM-DD)") from None
    return start, end


def _gold_event(item: object, where: str) -> GoldEvent:
    if not isinstance(item, dict):
        raise InputError(where, "is not a JSON object")
    sentence = item.get("sentence")
    if not isinstance(sentence, str) or not sentence.strip():
        raise InputError(where, "has no 'sentence'")
    event_type = item.get("type")
    if event_type not in EVENT_TYPES:
        raise InputError(where, f"type {event_type!r} is not a PLOVER event type (one of {', '.join(EVENT_TYPES)})")
    status = item.get("status", "asserted")
    if status not in STATUSES:
        raise InputError(where, f"status {status!r} is not one of {', '.join(STATUSES)}")
    negated = item.get("negated", False)
    if not isinstance(negated, bool):
        raise InputError(where, "'negated' must be true or false")
    trigger, cameo = item.get("trigger"), item.get("cameo")
    return GoldEvent(
        sentence=sentence,
        trigger=trigger if isinstance(trigger, str) else "",
        type=event_type,
        cameo=str(cameo) if isinstance(cameo, (str, int)) and not isinstance(cameo, bool) and str(cameo) else None,
        source=_codes(item.get("source"), where, "source"),
        target=_codes(item.get("target"), where, "target"),
        status=status,
        negated=negated,
        date=_date(item.get("date"), where),
    )


def read_articles(path: str | Path) -> list[GoldArticle]:
    """The gold articles of a JSON lines file, in file order.

    Raises ``InputError`` naming ``file:line`` (and the article and event) when the file
    cannot be read, a line is not JSON, an article lacks its ``id`` or ``events``, repeats
    an id, or an event is malformed.
    """
    origin = str(path)
    raw = read_text(Path(path))
    articles: list[GoldArticle] = []
    seen: set[str] = set()
    for where, item in json_lines(raw.split("\n"), origin):
        if not isinstance(item, dict):
            raise InputError(where, "is not a JSON object")
        article_id = item.get("id")
        if not isinstance(article_id, (str, int)) or isinstance(article_id, bool) or not str(article_id).strip():
            raise InputError(where, "has no 'id'")
        article_id = str(article_id).strip()
        if article_id in seen:
            raise InputError(where, f"article {article_id!r} comes twice")
        seen.add(article_id)
        events = item.get("events")
        if not isinstance(events, list):
            raise InputError(where, f"article {article_id!r} has no 'events' list")
        published = item.get("published")
        try:
            published = dt.date.fromisoformat(published[:10]) if isinstance(published, str) and published else None
        except ValueError:
            raise InputError(where, f"article {article_id!r}: 'published' {published!r} is not a date") from None
        articles.append(
            GoldArticle(
                id=article_id,
                published=published,
                events=tuple(
                    _gold_event(event, f"{where}: article {article_id!r} event {index}")
                    for index, event in enumerate(events, start=1)
                ),
            )
        )
    if not articles:
        raise InputError(origin, "holds no gold articles")
    return articles


# --- the figures -----------------------------------------------------------------------


@dataclass(frozen=True)
class Skipped:
    """A gold article or event left out of the figures, and why (one line for stderr)."""

    origin: str
    article: str
    reason: str
    sentence: str | None = None

    def __str__(self) -> str:
        return f"{self.origin}: article {self.article!r}: {self.reason}"

    def to_dict(self) -> dict:
        return {"article": self.article, "reason": self.reason, "sentence": self.sentence}


@dataclass(frozen=True)
class EventView(_Coded):
    """An event as the errors show it, gold or Dossier: sides as the keys compared."""

    date: tuple[str | None, str | None] | None = None
    rules: tuple[str, ...] = ()  # Dossier's: the coding rules that changed the event

    def to_dict(self) -> dict:
        return {
            "sentence": self.sentence,
            "trigger": self.trigger,
            "type": self.type,
            "cameo": self.cameo,
            "source": list(self.source),
            "target": list(self.target),
            "status": self.status,
            "negated": self.negated,
            "date": list(self.date) if self.date else None,
            "rules": list(self.rules),
        }


@dataclass(frozen=True)
class ArticleError:
    """A Dossier event fully right against no gold event, or a gold event none gets right.

    ``kind``: ``spurious`` (a Dossier event with no gold event of its type in its
    sentence), ``wrong`` (one with such a candidate, but not fully right), ``missed`` (a
    gold event). ``counterpart`` is the best candidate on the other side, if any, and
    ``wrong`` what differs from it: of ``source``, ``target``, ``negated``.
    """

    kind: str
    article: str
    event: EventView
    counterpart: EventView | None = None
    wrong: tuple[str, ...] = ()

    def to_dict(self) -> dict:
        return {
            "kind": self.kind,
            "article": self.article,
            "event": self.event.to_dict(),
            "counterpart": self.counterpart.to_dict() if self.counterpart else None,
            "wrong": list(self.wrong),
        }


def _f1(precision: float | None, recall: float | None) -> float | None:
    if precision is None or recall is None:
        return None
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


@dataclass(frozen=True)
class Rate:
    """Precision and recall whose numerators differ (each side counts its own events)."""

    system_right: int = 0
    system: int = 0
    gold_right: int = 0
    gold: int = 0

    @property
    def precision(self) -> float | None:
        return ratio(self.system_right, self.system)

    @property
    def recall(self) -> float | None:
        return ratio(self.gold_right, self.gold)

    @property
    def f1(self) -> float | None:
        return _f1(self.precision, self.recall)

    def to_dict(self) -> dict:
        return {
            **rates(self),
            "system_right": self.system_right,
            "system": self.system,
            "gold_right": self.gold_right,
            "gold": self.gold,
        }


@dataclass(frozen=True)
class TypeCounts:
    """The figures of one event type."""

    type: str
    gold: int
    system: int
    sentence_type: Rate
    dyadic: Rate

    def to_dict(self) -> dict:
        return {
            "gold": self.gold,
            "system": self.system,
            "sentence_type": self.sentence_type.to_dict(),
            "dyadic": self.dyadic.to_dict(),
        }


_COUNTS = (
    "gold", "system", "gold_candidate", "system_candidate", "gold_full", "system_full",
    "gold_dyadic", "gold_dyadic_right", "system_dyadic", "system_dyadic_right",
)  # fmt: skip


@dataclass
class ArticleScores:
    """The figures of one whole-article evaluation; see the module docstring."""

    articles: int = 0  # gold articles scored
    counts: Counter = field(default_factory=Counter)  # (figure in _COUNTS, type) -> events
    sides_gold: int = 0  # two-sided gold events
    sides_right: int = 0  # ... with a Dossier event in the sentence whose sides are both right
    pairs: int = 0  # gold events with a candidate, each paired with its best one
    status_matched: int = 0
    negation_matched: int = 0
    status_confusion: Counter = field(default_factory=Counter)  # (gold status, Dossier status) -> pairs
    dated_pairs: int = 0  # pairs whose gold date is not null
    date_exact: int = 0
    date_overlap: int = 0
    date_undated: int = 0  # ... to which Dossier gave no date
    skipped: list[Skipped] = field(default_factory=list)
    errors: list[ArticleError] = field(default_factory=list)
    # matched pairs whose gold date Dossier missed or got wrong: (gold view, Dossier view)
    date_errors: list[ArticleError] = field(default_factory=list)

    def _total(self, figure: str) -> int:
        return sum(count for (name, _), count in self.counts.items() if name == figure)

    def _rate(self, system_right: str, system: str, gold_right: str, gold: str, type: str | None = None) -> Rate:
        if type is None:
            return Rate(*(self._total(name) for name in (system_right, system, gold_right, gold)))
        return Rate(*(self.counts[(name, type)] for name in (system_right, system, gold_right, gold)))

    @property
    def gold_events(self) -> int:
        return self._total("gold")

    @property
    def system_events(self) -> int:
        return self._total("system")

    @property
    def dyadic(self) -> Rate:
        return self._rate("system_dyadic_right", "system_dyadic", "gold_dyadic_right", "gold_dyadic")

    @property
    def sentence_type(self) -> Rate:
        return self._rate("system_candidate", "system", "gold_candidate", "gold")

    @property
    def full(self) -> Rate:
        return self._rate("system_full", "system", "gold_full", "gold")

    @property
    def sides_recall(self) -> float | None:
        return ratio(self.sides_right, self.sides_gold)

    @property
    def status_agreement(self) -> float | None:
        return ratio(self.status_matched, self.pairs)

    @property
    def negation_agreement(self) -> float | None:
        return ratio(self.negation_matched, self.pairs)

    @property
    def date_exact_rate(self) -> float | None:
        return ratio(self.date_exact, self.dated_pairs)

    @property
    def date_overlap_rate(self) -> float | None:
        return ratio(self.date_overlap, self.dated_pairs)

    def type_scores(self) -> dict[str, TypeCounts]:
        """Every type the gold or Dossier holds, in contract order."""
        present = {type for (name, type), count in self.counts.items() if count and name in ("gold", "system")}
        return {
            type: TypeCounts(
                type=type,
                gold=self.counts[("gold", type)],
                system=self.counts[("system", type)],
                sentence_type=self._rate("system_candidate", "system", "gold_candidate", "gold", type),
                dyadic=self._rate("system_dyadic_right", "system_dyadic", "gold_dyadic_right", "gold_dyadic", type),
            )
            for type in EVENT_TYPES
            if type in present
        }

    def to_dict(self, *, errors: bool = True) -> dict:
        figures = {
            "articles": self.articles,
            "gold_events": self.gold_events,
            "system_events": self.system_events,
            "dyadic": self.dyadic.to_dict(),
            "sentence_type": self.sentence_type.to_dict(),
            "full": self.full.to_dict(),
            "sides_any_type": {"recall": self.sides_recall, "gold": self.sides_gold, "right": self.sides_right},
            "pairs": self.pairs,
            "status": {
                "agreement": self.status_agreement,
                "matched": self.status_matched,
                "confusion": {
                    gold: {found: n for (g, found), n in sorted(self.status_confusion.items()) if g == gold}
                    for gold in STATUSES
                    if any(g == gold for g, _ in self.status_confusion)
                },
            },
            "negation": {"agreement": self.negation_agreement, "matched": self.negation_matched},
            "date": {
                "pairs": self.dated_pairs,
                "exact": self.date_exact_rate,
                "overlap": self.date_overlap_rate,
                "exact_matched": self.date_exact,
                "overlap_matched": self.date_overlap,
                "undated": self.date_undated,
            },
            "types": {name: score.to_dict() for name, score in self.type_scores().items()},
            "skipped": [skip.to_dict() for skip in self.skipped],
        }
        if errors:
            figures["errors"] = [error.to_dict() for error in self.errors]
            figures["date_errors"] = [error.to_dict() for error in self.date_errors]
        return figures


def _interval(document: Document, event: Event) -> tuple[dt.date | None, dt.date | None] | None:
    if event.time is None:
        return None
    for timex in document.timexes:
        if timex.id == event.time:
            return None if timex.start is None and timex.end is None else (timex.start, timex.end)
    return None


def _overlaps(found: tuple[dt.date | None, dt.date | None], gold: tuple[dt.date, dt.date]) -> bool:
    start, end = found
    return (start is None or start <= gold[1]) and (end is None or gold[0] <= end)


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


class _Sides:
    """A gold or Dossier event with the keys of its sides (``source``, ``target``)."""

    event: GoldEvent | Event
    source: frozenset[str]
    target: frozenset[str]

    @property
    def two_sided(self) -> bool:
        return bool(self.source and self.target)

    def _view(self, sentence: str, trigger: str, date, rules: tuple[str, ...] = ()) -> EventView:
        event = self.event
        return EventView(
            sentence=sentence,
            trigger=trigger,
            type=event.type,
            cameo=event.cameo,
            source=tuple(sorted(self.source)) or (UNNAMED,),
            target=tuple(sorted(self.target)) or (UNNAMED,),
            status=event.status,
            negated=event.negated,
            date=(_iso(date[0]), _iso(date[1])) if date else None,
            rules=rules,
        )


@dataclass
class _Gold(_Sides):
    event: GoldEvent
    span: tuple[int, int]
    source: frozenset[str]
    target: frozenset[str]

    def view(self) -> EventView:
        return self._view(self.event.sentence, self.event.trigger, self.event.date)


@dataclass
class _Found(_Sides):
    event: Event
    source: frozenset[str]
    target: frozenset[str]
    date: tuple[dt.date | None, dt.date | None] | None

    def in_sentence(self, gold: _Gold) -> bool:
        sentence = self.event.sentence
        return sentence.start < gold.span[1] and gold.span[0] < sentence.end

    def view(self) -> EventView:
        event = self.event
        return self._view(event.sentence.text, event.trigger.text, self.date, tuple(event.rules))


def _wrong(found: _Found, gold: _Gold) -> tuple[str, ...]:
    """What keeps a candidate pair from being fully right (empty: it is)."""
    wrong = []
    if not _sides_right(found.source, gold.source):
        wrong.append("source")
    if not _sides_right(found.target, gold.target):
        wrong.append("target")
    if found.event.negated != gold.event.negated:
        wrong.append("negated")
    return tuple(wrong)


def _closeness(found: _Found, gold: _Gold) -> tuple:
    """How good a candidate pair is, higher is better (the earlier event wins ties)."""
    wrong = _wrong(found, gold)
    shared = len(found.source & gold.source) + len(found.target & gold.target)
    sides = ("source" not in wrong) + ("target" not in wrong)
    return (not wrong, sides, shared, "negated" not in wrong)


def _best(candidates: list, closeness) -> object | None:
    best, best_key = None, None
    for candidate in candidates:  # the first of equals wins
        key = closeness(candidate)
        if best_key is None or key > best_key:
            best, best_key = candidate, key
    return best


def _score_article(scores: ArticleScores, article: GoldArticle, document: Document, origin: str) -> None:
    golds: list[_Gold] = []
    spans: dict[str, tuple[int, int] | None] = {}
    for event in article.events:
        if event.sentence not in spans:
            spans[event.sentence] = locate_sentence(event.sentence, document.text)
            if spans[event.sentence] is None:
                shown = event.sentence if len(event.sentence) <= 80 else event.sentence[:79] + "…"
                scores.skipped.append(
                    Skipped(origin, article.id, f"gold sentence not found in the text: “{shown}”", event.sentence)
                )
        span = spans[event.sentence]
        if span is not None:
            golds.append(_Gold(event, span, gold_keys(event.source), gold_keys(event.target)))
    founds = [
        _Found(
            event,
            system_keys(document, event.source),
            system_keys(document, event.target),
            _interval(document, event),
        )
        for event in document.events
    ]
    counts = scores.counts

    for found in founds:
        type = found.event.type
        counts[("system", type)] += 1
        candidates = [gold for gold in golds if gold.event.type == type and found.in_sentence(gold)]
        right = any(not _wrong(found, gold) for gold in candidates)
        counts[("system_candidate", type)] += bool(candidates)
        counts[("system_full", type)] += right
        if found.two_sided:
            counts[("system_dyadic", type)] += 1
            counts[("system_dyadic_right", type)] += right
        if right:
            continue
        best = _best(candidates, lambda gold, found=found: _closeness(found, gold))
        scores.errors.append(
            ArticleError(
                kind="wrong" if best else "spurious",
                article=article.id,
                event=found.view(),
                counterpart=best.view() if best else None,
                wrong=_wrong(found, best) if best else (),
            )
        )

    for gold in golds:
        type = gold.event.type
        counts[("gold", type)] += 1
        in_sentence = [found for found in founds if found.in_sentence(gold)]
        candidates = [found for found in in_sentence if found.event.type == type]
        best = _best(candidates, lambda found, gold=gold: _closeness(found, gold))
        right = best is not None and not _wrong(best, gold)
        counts[("gold_candidate", type)] += bool(candidates)
        counts[("gold_full", type)] += right
        if gold.two_sided:
            counts[("gold_dyadic", type)] += 1
            counts[("gold_dyadic_right", type)] += right
            scores.sides_gold += 1
            scores.sides_right += any(
                _sides_right(found.source, gold.source) and _sides_right(found.target, gold.target)
                for found in in_sentence
            )
        if best is not None:
            scores.pairs += 1
            scores.status_matched += best.event.status == gold.event.status
            scores.status_confusion[(gold.event.status, best.event.status)] += 1
            scores.negation_matched += best.event.negated == gold.event.negated
            if gold.event.date is not None:
                scores.dated_pairs += 1
                if best.date is None:
                    scores.date_undated += 1
                else:
                    scores.date_exact += best.date == gold.event.date
                    scores.date_overlap += _overlaps(best.date, gold.event.date)
                if best.date != gold.event.date:
                    scores.date_errors.append(
                        ArticleError(
                            kind="date", article=article.id, event=gold.view(), counterpart=best.view(), wrong=("date",)
                        )
                    )
        if not right:
            scores.errors.append(
                ArticleError(
                    kind="missed",
                    article=article.id,
                    event=gold.view(),
                    counterpart=best.view() if best else None,
                    wrong=_wrong(best, gold) if best else (),
                )
            )


def score_articles(
    articles: Sequence[GoldArticle],
    documents: Sequence[Document] | Mapping[str, Document],
    *,
    origin: str = "<gold>",
) -> ArticleScores:
    """Score Dossier's documents (matched to the gold articles by id) against the gold.

    A gold article with no document, or a gold sentence not in its document's text, is
    left out and listed in ``skipped``, naming ``origin`` and the article.
    """
    if not isinstance(documents, Mapping):
        documents = {document.id: document for document in documents}
    scores = ArticleScores()
    for article in articles:
        document = documents.get(article.id)
        if document is None:
            scores.skipped.append(Skipped(origin, article.id, "no document for this article"))
            continue
        scores.articles += 1
        _score_article(scores, article, document, origin)
    return scores


# --- reading the corpus and extracting --------------------------------------------------


def read_corpus(path: str | Path, ids: Iterable[str] | None = None) -> tuple[dict, list[InputError]]:
    """The corpus records by id (only ``ids`` when given), and the errors of its bad lines.

    Raises ``InputError`` when the file itself cannot be read.
    """
    from ..ingest import read_inputs

    wanted = set(ids) if ids is not None else None
    records, problems = {}, []
    for item in read_inputs([str(path)]):
        if isinstance(item, InputError):
            if item.origin == str(path):  # the file, not one of its lines
                raise item
            problems.append(item)
        elif item.id is not None and (wanted is None or item.id in wanted):
            records.setdefault(item.id, item)
    return records, problems


def extract_articles(
    records: Sequence,
    *,
    model: str | None = None,
    actors: Iterable[str | Path] = (),
    batch_size: int = 32,
) -> tuple[list[Document], list[DossierError]]:
    """Dossier's documents for corpus records, through one loaded pipeline, and the failures."""
    from ..pipeline import extract_records

    failures: list[DossierError] = []
    documents = list(
        extract_records(records, batch_size=batch_size, model=model, actors=actors, on_error=failures.append)
    )
    return documents, failures


def evaluate_articles(
    gold_path: str | Path,
    corpus_path: str | Path,
    limit: int | None = None,
    model: str | None = None,
    *,
    actors: Sequence[str | Path] = (),
    batch_size: int = 32,
) -> ArticleScores:
    """Read the gold and the corpus, extract the first ``limit`` gold articles (all by default), score them.

    Raises ``InputError`` for an unreadable or malformed gold file or an unreadable corpus
    file. A gold article the corpus lacks (or that cannot be extracted) is skipped, listed
    in ``skipped`` with the gold file and its id.
    """
    import dataclasses

    origin = str(gold_path)
    articles = read_articles(gold_path)
    if limit is not None:
        articles = articles[:limit]
    records, _ = read_corpus(corpus_path, (article.id for article in articles))
    skipped: list[Skipped] = []
    inputs = []
    for article in articles:
        record = records.get(article.id)
        if record is None:
            skipped.append(Skipped(origin, article.id, f"not in the corpus {corpus_path}"))
            continue
        inputs.append(
            dataclasses.replace(
                record, published=article.published or record.published, origin=f"{corpus_path}#{article.id}"
            )
        )
    documents, failures = extract_articles(inputs, model=model, actors=actors, batch_size=batch_size)
    found = {document.id: document for document in documents}
    for failure in failures:
        article_id = getattr(failure, "origin", "").rpartition("#")[2]
        skipped.append(Skipped(origin, article_id, f"not extracted: {getattr(failure, 'reason', failure)}"))
    scored = [article for article in articles if article.id in found]
    scores = score_articles(scored, found, origin=origin)
    scores.skipped[:0] = skipped
    return scores
