"""Actors: every named state, person, organization, group and place, with all its mentions.

This first version reads spaCy's named entities and resolves what the gazetteers know:
states (and their demonyms) to ISO alpha-3, IGOs to CAMEO codes, cities to their
country. Mentions of the same actor in a document share one actor.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Span

from ..resolve import lookup_demonym, lookup_igo, lookup_place, lookup_state, state_name
from ..resolve.gazetteer import normalize_name
from .registry import register_stage

# spaCy entity labels Dossier reads as actors, and the kind each starts as.
ENTITY_KINDS = {
    "PERSON": "person",
    "ORG": "organization",
    "GPE": "location",
    "LOC": "location",
    "FAC": "location",
    "NORP": "group",
}
_DETERMINERS = {"the", "a", "an"}
_TRAILING = {"'s", "’s", "'", "’", ",", ".", ":", ";", "-", "—", "–"}


@dataclass
class Resolution:
    """What a name denotes: the key that groups mentions, and the actor's fields."""

    key: tuple
    name: str
    kind: str
    country: str | None = None
    code: str | None = None


@dataclass
class _Actor:
    resolution: Resolution
    mentions: list[tuple[int, int]] = field(default_factory=list)


def trim_entity(ent: Span) -> Span | None:
    """The entity without a leading article or a trailing possessive or punctuation."""
    start, end = ent.start, ent.end
    while start < end and ent.doc[start].lower_ in _DETERMINERS:
        start += 1
    while end > start and ent.doc[end - 1].text in _TRAILING:
        end -= 1
    return ent.doc[start:end] if end > start else None


def resolve_name(text: str, label: str) -> Resolution:
    """Resolve one entity's text, given spaCy's label, to an actor."""
    if label in {"GPE", "LOC", "ORG", "NORP"}:
        iso3 = lookup_state(text)
        if iso3:
            return Resolution(("state", iso3), state_name(iso3), "state", iso3, iso3)
    if label == "NORP":
        iso3 = lookup_demonym(text)
        if iso3:
            return Resolution(("state", iso3), state_name(iso3), "state", iso3, iso3)
    if label in {"ORG", "GPE", "NORP"}:
        igo = lookup_igo(text)
        if igo:
            code, name = igo
            return Resolution(("igo", code), name, "igo", None, code)
    kind = ENTITY_KINDS[label]
    country = None
    if kind == "location":
        place = lookup_place(text)
        country = place.country if place else None
    return Resolution((kind, normalize_name(text)), " ".join(text.split()), kind, country, None)


@register_stage("actors")
def find_actors(doc: Doc, results: dict) -> list[dict]:
    actors: dict[tuple, _Actor] = {}
    for ent in doc.ents:
        if ent.label_ not in ENTITY_KINDS:
            continue
        span = trim_entity(ent)
        if span is None or not any(ch.isalpha() for ch in span.text):
            continue
        resolution = resolve_name(span.text, ent.label_)
        actor = actors.setdefault(resolution.key, _Actor(resolution))
        actor.mentions.append((span.start_char, span.end_char))
    return [
        {
            "id": f"a{number}",
            "name": actor.resolution.name,
            "kind": actor.resolution.kind,
            "country": actor.resolution.country,
            "sector": None,
            "code": actor.resolution.code,
            "roles": [],
            "mentions": [
                {"start": start, "end": end, "text": doc.text[start:end]}
                for start, end in actor.mentions
            ],
        }
        for number, actor in enumerate(actors.values(), start=1)
    ]
