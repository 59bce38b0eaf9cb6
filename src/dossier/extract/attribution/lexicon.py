"""The attribution tables: speech cues and the hedges that say how an event is held."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from ...errors import ConfigError
from ...lexicons import table

FRAMES = {"clause", "object", "naming", "refer", "raising", "noun"}
STATUSES = {"asserted", "reported", "alleged", "denied", "speculated", "predicted", "unconfirmed"}
HEDGE_PLACES = {"modal", "governor", "predicate", "absent", "modifier", "condition"}


@dataclass(frozen=True)
class Cue:
    lemma: str  # "say", or the first word of a phrase ("according")
    words: tuple[str, ...]  # ("according", "to"), ("call", "on"), ("say",)
    frame: str
    status: str


@lru_cache(maxsize=1)
def cues() -> dict[str, list[Cue]]:
    """Cues by their first word's lemma, longest phrase first."""
    found: dict[str, list[Cue]] = {}
    for row in table("attribution_cues.tsv"):
        if len(row) < 3:
            raise ConfigError(f"attribution_cues.tsv: row {row!r} needs cue, frame and status")
        words = tuple(row[0].lower().split())
        frame, status = row[1], row[2]
        if frame not in FRAMES:
            raise ConfigError(f"attribution_cues.tsv: {row[0]!r} has frame {frame!r}; one of {sorted(FRAMES)}")
        if status not in STATUSES:
            raise ConfigError(f"attribution_cues.tsv: {row[0]!r} has status {status!r}; one of {sorted(STATUSES)}")
        found.setdefault(words[0], []).append(Cue(words[0], words, frame, status))
    for rows in found.values():
        rows.sort(key=lambda cue: -len(cue.words))
    return found


@dataclass(frozen=True)
class Hedge:
    word: str
    status: str
    place: str


@lru_cache(maxsize=1)
def hedges() -> dict[str, dict[str, Hedge]]:
    """Hedges by place, then by lemma."""
    found: dict[str, dict[str, Hedge]] = {place: {} for place in HEDGE_PLACES}
    for row in table("claim_hedges.tsv"):
        if len(row) < 3:
            raise ConfigError(f"claim_hedges.tsv: row {row!r} needs cue, status and where")
        word, status, place = row[0].lower(), row[1], row[2]
        if status not in STATUSES - {"reported", "asserted"}:
            raise ConfigError(
                f"claim_hedges.tsv: {word!r} has status {status!r}; one of {sorted(STATUSES - {'reported', 'asserted'})}"
            )
        if place not in HEDGE_PLACES:
            raise ConfigError(f"claim_hedges.tsv: {word!r} has where {place!r}; one of {sorted(HEDGE_PLACES)}")
        found[place][word] = Hedge(word, status, place)
    return found


SPEAKER_NOUN_KINDS = ("document", "organization", "person", "speaker", "mute")
# Endings of English agent nouns: "prosecutor", "supporter", "strategist", "historian",
# "participant", "resident".
AGENT_ENDINGS = ("er", "or", "ist", "ian", "ant", "ent")
# Endings of nouns of acts and things that the agent endings would take in: "deployment",
# "statement", "agreement".
ACT_ENDINGS = ("ment",)


@lru_cache(maxsize=1)
def speaker_nouns() -> dict[str, frozenset[str]]:
    """The nouns of ``speaker_nouns.tsv`` by kind (document, organization, person, speaker, mute)."""
    found: dict[str, set[str]] = {kind: set() for kind in SPEAKER_NOUN_KINDS}
    for row in table("speaker_nouns.tsv"):
        if len(row) < 2 or row[0] not in found:
            raise ConfigError(
                f"speaker_nouns.tsv: row {row!r} needs a kind ({', '.join(SPEAKER_NOUN_KINDS)}) and a noun"
            )
        found[row[0]].add(row[1].lower())
    return {kind: frozenset(words) for kind, words in found.items()}


def can_speak(lemma: str) -> bool:
    """Whether a common noun can head a speaker's phrase: a listed speaker, document,
    organization or person, or an agent noun ("prosecutors", "supporters") not listed mute."""
    nouns = speaker_nouns()
    if lemma in nouns["mute"]:
        return False
    if any(lemma in nouns[kind] for kind in ("document", "organization", "person", "speaker")):
        return True
    return len(lemma) > 4 and lemma.endswith(AGENT_ENDINGS) and not lemma.endswith(ACT_ENDINGS)
