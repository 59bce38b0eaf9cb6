"""Who is who across documents: the rules that give actors from different articles one id.

Within one article the actor stage has already joined "North Korea", "Pyongyang" and
"the North"; here actors from different articles meet. The rules, strictest first:

- a state is its country: every "North Korea" is ``PRK``;
- an intergovernmental body is its code ("U.N." and "United Nations" are ``IGOUNO``);
- a person is their full name, when the countries agree or one is unknown ("Kim Jong Un"
  and "Kim Jong-un" fold to the same name); a short name ("Kim") joins a full name only
  with the same country and a role that does not contradict ("the North Korean leader"),
  and only when exactly one person fits: Lami Kim, the professor, is not Kim Jong-un;
- an organization is its name or its initials ("International Atomic Energy Agency",
  "IAEA") in a compatible country;
- groups, places and others are their name in the same country.

These are pure functions over ``Identity`` records; ``store.graph`` feeds them the
candidates and records what they decide, with the reason they give.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

MIN_INITIALS = 3
STOP_WORDS = {"the", "of", "and", "for", "on", "in", "a", "an", "to", "at", "de", "la"}
# Role words too general to tell two people apart or to set them against each other.
GENERIC_ROLE_WORDS = {"official", "officials", "spokesman", "spokeswoman", "spokesperson", "member", "head"}


def name_key(name: str) -> str:
    """A name folded for matching: no accents, no case, no punctuation, no leading "the".

    >>> name_key("Kim Jong-un")
    'kim jong un'
    >>> name_key("the U.S. State Department")
    'us state department'
    """
    folded = unicodedata.normalize("NFKD", name)
    folded = "".join(c for c in folded if not unicodedata.combining(c)).casefold()
    folded = folded.replace("’", "'").replace("'s ", " ")
    folded = re.sub(r"(?<=\b\w)\.(?=\w\.)|(?<=\b\w\.\w)\.", "", folded)  # "u.s." -> "us"
    words = re.sub(r"[^\w]+", " ", folded).split()
    if words and words[0] == "the":
        words = words[1:]
    return " ".join(words)


def slug(text: str) -> str:
    """A readable id: "Kim Jong-un" -> "kim-jong-un"."""
    return "-".join(name_key(text).split()) or "actor"


def initials(key: str) -> str:
    """ "international atomic energy agency" -> "iaea"."""
    return "".join(word[0] for word in key.split() if word not in STOP_WORDS)


@dataclass(frozen=True)
class Identity:
    """What the rules know of an actor: from one document, or an identity in the graph."""

    kind: str
    name: str
    country: str | None = None
    code: str | None = None
    sector: str | None = None
    roles: tuple[str, ...] = ()
    key: str = field(default="")
    id: str | None = None  # the graph id, for an identity already in the graph

    def __post_init__(self):
        if not self.key:
            object.__setattr__(self, "key", name_key(self.name))

    @property
    def words(self) -> list[str]:
        return self.key.split()


@dataclass(frozen=True)
class Match:
    id: str
    reason: str


def proposed_id(identity: Identity) -> str:
    """The id a new identity gets (``store.graph`` adds "-2", "-3" when it is taken)."""
    if identity.kind == "state" and identity.country:
        return identity.country
    return slug(identity.name)


def _countries_agree(a: Identity, b: Identity) -> bool:
    return a.country is None or b.country is None or a.country == b.country


def _role_words(identity: Identity) -> set[str]:
    words = {w for role in identity.roles for w in name_key(role).split()}
    return words - STOP_WORDS - GENERIC_ROLE_WORDS


def _roles_agree(a: Identity, b: Identity) -> bool:
    """Roles contradict when both people have some and they share no word: a "professor"
    is not a "leader"; "President" and "the country's president" agree."""
    words_a, words_b = _role_words(a), _role_words(b)
    return not words_a or not words_b or bool(words_a & words_b)


def _with_country(identity: Identity) -> str:
    return f" ({identity.country})" if identity.country else ""


def match(actor: Identity, candidates: list[Identity]) -> Match | None:
    """The graph identity ``actor`` is, among ``candidates``, with the reason; or None."""
    if actor.kind == "state" and actor.country:
        for candidate in candidates:
            if candidate.kind == "state" and candidate.country == actor.country:
                return Match(candidate.id, f"same state {actor.country}")
        return None
    if actor.kind == "igo" and actor.code:
        for candidate in candidates:
            if candidate.kind == "igo" and candidate.code == actor.code:
                return Match(candidate.id, f"same intergovernmental body {actor.code}")
    if actor.kind == "person":
        return _match_person(actor, candidates)
    if actor.kind in {"organization", "igo"}:
        return _match_organization(actor, candidates)
    for candidate in candidates:
        if candidate.kind == actor.kind and candidate.key == actor.key and candidate.country == actor.country:
            return Match(candidate.id, f"same {actor.kind} name '{actor.name}'{_with_country(actor)}")
    return None


def _match_person(actor: Identity, candidates: list[Identity]) -> Match | None:
    people = [c for c in candidates if c.kind == "person"]
    if len(actor.words) > 1:
        for candidate in people:
            if candidate.key == actor.key and _countries_agree(actor, candidate) and _roles_agree(actor, candidate):
                return Match(candidate.id, f"same full name '{actor.name}'{_with_country(actor)}")
        return None
    if not actor.words or actor.country is None:
        return None
    surname = actor.words[0]
    fitting = [
        c
        for c in people
        if len(c.words) > 1
        and surname in (c.words[0], c.words[-1])
        and c.country == actor.country
        and _roles_agree(actor, c)
    ]
    if len(fitting) != 1:
        return None
    found = fitting[0]
    role = f", role {', '.join(actor.roles)}" if actor.roles else ""
    return Match(found.id, f"short name '{actor.name}' with country {actor.country}{role} fits only '{found.name}'")


def _match_organization(actor: Identity, candidates: list[Identity]) -> Match | None:
    organizations = [c for c in candidates if c.kind in {"organization", "igo"} and _countries_agree(actor, c)]
    for candidate in organizations:
        if candidate.key == actor.key:
            return Match(candidate.id, f"same organization name '{actor.name}'{_with_country(actor)}")
    for candidate in organizations:
        short, long_ = sorted((actor.key, candidate.key), key=len)
        # Two letters stand for too much: "AI" is Amnesty International and Air India.
        if " " not in short and len(short) >= MIN_INITIALS and short == initials(long_):
            return Match(candidate.id, f"'{short.upper()}' is the initials of '{long_}'")
    return None


def named_in_full(actor: Identity, known: Identity) -> bool:
    """The actor spells out the initials ``known`` goes by: the identity should take its
    name, so that no other name with the same initials joins it later."""
    return " " in actor.key and " " not in known.key and initials(actor.key) == known.key
