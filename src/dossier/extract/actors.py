"""Actors: every named state, person, organization, group and place, with all its mentions.

This first version reads spaCy's named entities and resolves what the gazetteers know:
states (and their demonyms) to ISO alpha-3, IGOs to CAMEO codes, cities to their
country. Mentions of the same actor in a document share one actor.

User actor dictionaries (``dossier.resolve.dictionary``) come first for people,
organizations, places and groups: a name (or alias) an entry knows, on the document's
published date, takes the entry's kind, country, sector, code and name. Roles stay
empty: they are what the text states. After a dictionary person's full name, a mention
of the last name alone ("Rouhani") is the same actor; before it, it is not.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Span

from ..nlp.components import published_of
from ..resolve import lookup_demonym, lookup_igo, lookup_place, lookup_state, state_name
from ..resolve.gazetteer import normalize_name
from ..resolve.dictionary import ActorDictionary, ActorEntry
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
# Labels a user dictionary can resolve.
DICTIONARY_LABELS = {"PERSON", "ORG", "GPE", "NORP"}
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
    sector: str | None = None


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


def resolve_entry(entry: ActorEntry) -> Resolution:
    """The actor a user dictionary entry names."""
    if entry.kind == "state" and entry.country:
        key: tuple = ("state", entry.country)
    else:
        key = (entry.kind, normalize_name(entry.name))
    return Resolution(key, entry.name, entry.kind, entry.country, entry.code, entry.sector)


class _DictionaryReader:
    """Dictionary lookups for one document, remembering which full names it has seen."""

    def __init__(self, dictionary: ActorDictionary, doc: Doc):
        self.dictionary = dictionary
        self.on = published_of(doc)
        self.short_forms: dict[str, Resolution] = {}

    def resolve(self, text: str, label: str) -> Resolution | None:
        entry = self.dictionary.lookup(text, self.on)
        if entry is not None:
            resolution = resolve_entry(entry)
            if entry.kind == "person":
                tokens = normalize_name(entry.name).split()
                if len(tokens) > 1:
                    self.short_forms.setdefault(tokens[-1], resolution)
            return resolution
        if label in {"GPE", "NORP"} and lookup_state(text):
            return None
        return self.short_forms.get(normalize_name(text))


@register_stage("actors")
def find_actors(doc: Doc, results: dict, dictionary: ActorDictionary | None = None) -> list[dict]:
    actors: dict[tuple, _Actor] = {}
    reader = _DictionaryReader(dictionary, doc) if dictionary else None
    for ent in doc.ents:
        if ent.label_ not in ENTITY_KINDS:
            continue
        span = trim_entity(ent)
        if span is None or not any(ch.isalpha() for ch in span.text):
            continue
        resolution = None
        if reader is not None and ent.label_ in DICTIONARY_LABELS:
            resolution = reader.resolve(span.text, ent.label_)
        if resolution is None:
            resolution = resolve_name(span.text, ent.label_)
        actor = actors.setdefault(resolution.key, _Actor(resolution))
        actor.mentions.append((span.start_char, span.end_char))
    return [
        {
            "id": f"a{number}",
            "name": actor.resolution.name,
            "kind": actor.resolution.kind,
            "country": actor.resolution.country,
            "sector": actor.resolution.sector,
            "code": actor.resolution.code,
            "roles": [],
            "mentions": [
                {"start": start, "end": end, "text": doc.text[start:end]}
                for start, end in actor.mentions
            ],
        }
        for number, actor in enumerate(actors.values(), start=1)
    ]
