"""The event lexicon: which verbs and nouns report which events.

Read from ``data/event_verbs.tsv`` and ``data/event_nouns.tsv`` (their headers explain
the columns), ``light_verbs.tsv``, ``event_complements.tsv`` and ``event_intent.tsv``; a
file of the same name in ``DOSSIER_LEXICON_DIR`` extends each. A bad row raises
``ConfigError`` naming the table, the row and what is wrong with it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ...contract import EventType
from ...errors import ConfigError
from ...lexicons import table

EVENT_TYPES: frozenset[str] = frozenset(EventType.__args__)  # type: ignore[attr-defined]
ANY_ACTOR = "@actor"
# An object lemma that asks for a complement instead: "declined to comment" is a refusal,
# "exports declined" is not.
COMPLEMENT = "@complement"
# The type of rows that stop a use of an event verb from being one ("delivered a speech").
NOT_AN_EVENT = "-"
SYMMETRIC = "sym"
_CAMEO = re.compile(r"\d{2,4}")

DEFAULT_VERB_TARGETS = ("dobj", "dative", "to", "with", "against", "on", "into", "at", "toward", "upon", "over")
DEFAULT_NOUN_TARGETS = ("on", "against", "to", "toward", "into", "over", "with", "for", "of")


@dataclass(frozen=True)
class EventPattern:
    """One lexicon row: the words to match and the event they report."""

    head: str  # verb or noun lemma
    particle: str | None  # verb: particle or preposition; noun: modifier before it
    objects: frozenset[str]  # lemmas one of which the object must have; empty: any
    type: str  # a PLOVER type, or NOT_AN_EVENT
    mode: str | None
    cameo: str
    contexts: tuple[str, ...]
    targets: tuple[str, ...]  # where the target is, in order of preference
    symmetric: bool

    @property
    def specificity(self) -> int:
        """Patterns naming more words win: "impose +sanction" over "impose"."""
        generic = self.objects & {ANY_ACTOR, COMPLEMENT}
        return (2 if self.objects - generic else 1 if self.objects else 0) + bool(self.particle)


def _parse_pattern(name: str, text: str, row_number: int) -> tuple[str, str | None, frozenset[str]]:
    words, _, objects = text.partition("+")
    parts = words.lower().split()
    if not parts or len(parts) > 2:
        raise ConfigError(f"{name} row {row_number}: pattern {text!r} must be one or two words before '+'")
    found = frozenset(" ".join(o.lower().split()) for o in objects.split("|") if o.strip())
    if "+" in text and not found:
        raise ConfigError(f"{name} row {row_number}: pattern {text!r} has '+' but no object lemmas")
    if name == "event_nouns.tsv" and len(parts) == 2:
        return parts[1], parts[0], found  # "arms sale": the head noun is the last word
    return parts[0], parts[1] if len(parts) == 2 else None, found


def _patterns(name: str, default_targets: tuple[str, ...]) -> dict[tuple[str, str | None, frozenset], EventPattern]:
    patterns: dict[tuple[str, str | None, frozenset], EventPattern] = {}
    for number, row in enumerate(table(name), start=1):
        if row[0].lower() == "pattern":
            continue
        cells = list(row) + [""] * (6 - len(row))
        if len(row) < 4:
            raise ConfigError(f"{name} row {number} ({row[0]!r}): needs pattern, type, mode, cameo")
        pattern, type_, mode, cameo, contexts, targets = cells[:6]
        type_ = type_.upper()
        if type_ not in EVENT_TYPES and type_ != NOT_AN_EVENT:
            raise ConfigError(f"{name} row {number} ({pattern!r}): {type_!r} is not a PLOVER type")
        if not _CAMEO.fullmatch(cameo):
            raise ConfigError(f"{name} row {number} ({pattern!r}): CAMEO code {cameo!r} is not 2-4 digits")
        head, particle, objects = _parse_pattern(name, pattern, number)
        slots = tuple(s.strip().lower() for s in targets.split("|") if s.strip())
        symmetric = SYMMETRIC in slots
        slots = tuple(s for s in slots if s != SYMMETRIC) or default_targets
        patterns[(head, particle, objects)] = EventPattern(
            head=head,
            particle=particle,
            objects=objects,
            type=type_,
            mode=mode or None,
            cameo=cameo,
            contexts=tuple(c.strip() for c in contexts.split("|") if c.strip()),
            targets=slots,
            symmetric=symmetric,
        )
    return patterns


def _by_head(patterns: dict) -> dict[str, tuple[EventPattern, ...]]:
    grouped: dict[str, list[EventPattern]] = {}
    for pattern in patterns.values():
        grouped.setdefault(pattern.head, []).append(pattern)
    return {head: tuple(sorted(group, key=lambda p: -p.specificity)) for head, group in grouped.items()}


@lru_cache(maxsize=1)
def verb_patterns() -> dict[str, tuple[EventPattern, ...]]:
    """Verb lemma -> its patterns, most specific first."""
    return _by_head(_patterns("event_verbs.tsv", DEFAULT_VERB_TARGETS))


@lru_cache(maxsize=1)
def noun_patterns() -> dict[str, tuple[EventPattern, ...]]:
    """Noun lemma -> its patterns, most specific first."""
    return _by_head(_patterns("event_nouns.tsv", DEFAULT_NOUN_TARGETS))


@lru_cache(maxsize=1)
def light_verbs() -> frozenset[tuple[str, str | None]]:
    """(lemma, particle) of verbs whose object noun carries the event."""
    return frozenset(
        (row[0].lower(), row[1].lower() if len(row) > 1 and row[1] else None) for row in table("light_verbs.tsv")
    )


@lru_cache(maxsize=1)
def complement_codes() -> dict[tuple[str, str], str]:
    """(governing type, governed type) -> the CAMEO code of the governing event."""
    codes = {}
    for number, row in enumerate(table("event_complements.tsv"), start=1):
        if len(row) < 3 or not _CAMEO.fullmatch(row[2]):
            raise ConfigError(f"event_complements.tsv row {number}: needs governor, complement, CAMEO code")
        codes[(row[0].upper(), row[1].upper())] = row[2]
    return codes


def _word_kinds(name: str, kinds: tuple[str, str]) -> dict[str, str]:
    """A two-column table of word and kind, the kind one of ``kinds``."""
    words = {}
    for number, row in enumerate(table(name), start=1):
        if len(row) < 2 or row[1] not in kinds:
            raise ConfigError(f"{name} row {number}: needs a word and {' or '.join(repr(k) for k in kinds)}")
        words[row[0].lower()] = row[1]
    return words


@lru_cache(maxsize=1)
def intent_words() -> dict[str, str]:
    """Word -> "modal" or "predicate": the words that make an event a statement of intent."""
    return _word_kinds("event_intent.tsv", ("modal", "predicate"))


WORD_SETS = (
    "saying",
    "reporting_accuse",
    "home_sector",
    "speech_act",
    "negating_governor",
    "negating_adverb",
    "participant_noun",
    "denial",
    "naming",
    "claim_noun",
    "outward",
)


@lru_cache(maxsize=None)
def word_set(name: str) -> frozenset[str]:
    """The words of one set of ``event_words.tsv`` ("saying", "home_sector", ...)."""
    if name not in WORD_SETS:
        raise ConfigError(f"event_words.tsv has no set {name!r}; one of {', '.join(WORD_SETS)}")
    words = set()
    for number, row in enumerate(table("event_words.tsv"), start=1):
        if len(row) < 2 or row[0] not in WORD_SETS:
            raise ConfigError(f"event_words.tsv row {number}: needs a set ({', '.join(WORD_SETS)}) and a word")
        if row[0] == name:
            words.add(row[1] if name in {"home_sector", "speech_act", "outward"} else row[1].lower())
    return frozenset(words)


@lru_cache(maxsize=1)
def idioms() -> tuple[tuple[str, ...], ...]:
    """Idioms whose event word reports no event, as lemma sequences ("*": any one word)."""
    return tuple(tuple(row[0].lower().split()) for row in table("event_idioms.tsv") if row and row[0].strip())


@lru_cache(maxsize=1)
def idioms_by_first_word() -> dict[str, tuple[tuple[str, ...], ...]]:
    """The idioms by their first word, so a sentence is matched in one pass."""
    grouped: dict[str, list[tuple[str, ...]]] = {}
    for phrase in idioms():
        grouped.setdefault(phrase[0], []).append(phrase)
    return {word: tuple(phrases) for word, phrases in grouped.items()}


@lru_cache(maxsize=1)
def evaluations() -> dict[str, str]:
    """Word -> "positive" or "negative": the judgements of the naming frame."""
    return _word_kinds("evaluations.tsv", ("positive", "negative"))
