"""Actors: every state, person, organization, IGO, group and place, with all its mentions.

The stage runs small steps over one parsed ``Doc``:

1. ``candidates``: named mentions (spaCy's entities, cleaned up, plus lexicon names);
2. ``nominals``: a state's people and bodies named by a common noun ("the North Korean
   delegation", "South Korea's spy agency", "the Kim regime");
3. names resolve through the gazetteers: states and demonyms to ISO alpha-3, capitals
   and seats of power to their state when they act (``metonymy``) and to a place
   otherwise, IGOs to CAMEO codes, organizations to their country and sector;
4. ``people``: roles from titles, appositions and descriptions, and short forms joined
   to the right person; a user dictionary (then the built-in one of leaders) says who
   someone is only when the text does not;
5. ``collective``: "the two countries", "both" become mentions of the states meant;
6. ``descriptions``: qualifiers the text gives an organization ("state-run").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from spacy.tokens import Doc, Span

from ...nlp.components import published_of
from ...resolve import lookup_demonym, lookup_igo, lookup_place, lookup_state, state_name
from ...resolve.dictionary import ActorDictionary, ActorEntry, load_dictionary
from ...resolve.gazetteer import (
    is_ethnonym,
    lookup_admin_area,
    lookup_ethnic_compound,
    lookup_part_of_state,
    lookup_seat,
    lookup_town,
    normalize_name,
)
from ...resolve.organizations import describe_organization, sector_of_name
from ..registry import register_stage
from .candidates import Candidate, find_candidates, is_dateline, text_of, trim
from .collective import (
    find_collectives,
    find_ellipses,
    find_member_groups,
    find_organization_references,
    resolve_collective,
    resolve_organization_reference,
)
from .descriptions import describe
from .home import infer_home_countries
from .metonymy import stands_for_state
from .nominals import after_ethnic, find_nominals, nominal_name, place_country
from .people import (
    PersonMention,
    apposition_after,
    compatible,
    group_people,
    honorifics,
    name_words,
    roles_of,
    title_before,
)

__all__ = ["find_actors", "resolve_name", "trim"]

ENTITY_KINDS = {
    "PERSON": "person",
    "ORG": "organization",
    "GPE": "location",
    "LOC": "location",
    "FAC": "location",
    "NORP": "group",
    "LEXICON": "organization",
}
# Labels a user dictionary can resolve.
DICTIONARY_LABELS = {"PERSON", "ORG", "GPE", "NORP", "LEXICON"}


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
    roles: list[dict] = field(default_factory=list)
    qualifiers: list[tuple[int, int]] = field(default_factory=list)


def _code(country: str | None, sector: str | None) -> str | None:
    return (country + (sector or "")) if country else None


def _state(iso3: str) -> Resolution:
    return Resolution(("state", iso3), state_name(iso3), "state", iso3, iso3)


def resolve_name(text: str, label: str, span: Span | None = None) -> Resolution:
    """Resolve one named mention's text, given spaCy's label, to an actor."""
    if label in {"GPE", "LOC", "ORG", "NORP", "FAC", "LEXICON"}:
        iso3 = lookup_state(text)
        if iso3:
            return _state(iso3)
    if label in {"NORP", "LEXICON", "GPE"}:
        iso3 = lookup_demonym(text)
        if iso3:
            return _state(iso3)
    if label in {"NORP", "PERSON"}:
        iso3 = lookup_ethnic_compound(text)
        if iso3:
            # "Bosnian Serbs", "Iraqi Kurds": a people of the state they live in.
            name = " ".join(text.split())
            return Resolution(("group", normalize_name(name), iso3), name, "group", iso3, _code(iso3, "ETH"), "ETH")
    if label == "NORP" and not is_ethnonym(text):
        place = lookup_place(text)
        if place is not None:
            # "near the town of Samarra": the model's nationality is a place.
            return Resolution(("location", normalize_name(text)), " ".join(text.split()), "location", place.country)
    if label in {"ORG", "GPE", "NORP", "LEXICON", "FAC", "LOC"}:
        igo = lookup_igo(text)
        if igo:
            code, name = igo
            return Resolution(("igo", code), name, "igo", None, code)
    if label in {"GPE", "LOC", "FAC", "ORG", "LEXICON"}:
        seat = lookup_seat(text)
        if seat is not None and (label != "ORG" or seat.sector != "GOV" or text[:1].isupper()):
            if span is None or stands_for_state(span):
                if seat.sector in (None, "GOV"):
                    return _state(seat.country)
                name = " ".join(text.split())
                return Resolution(
                    ("organization", normalize_name(name)),
                    name,
                    "organization",
                    seat.country,
                    _code(seat.country, seat.sector),
                    seat.sector,
                )
            return Resolution(("location", normalize_name(seat.name)), seat.name, "location", seat.country)
    if label in {"FAC", "LOC", "GPE"} and sector_of_name(text)[0] in {"organization", "group"}:
        label = "ORG"  # "the John F. Kennedy School of Government" is not a place
    if label == "ORG" and sector_of_name(text)[0] is None and (town := lookup_town(text)) is not None:
        # The small model often labels a city ORG ("a visit to Quetta"): a name that is a
        # town and has no organization word in it is the town.
        name = " ".join(text.split())
        return Resolution(("location", normalize_name(name)), name, "location", town.country)
    if label in {"ORG", "LEXICON"}:
        organization = describe_organization(text)
        return Resolution(
            ("organization", normalize_name(organization.name)),
            organization.name,
            organization.kind,
            organization.country,
            organization.code,
            organization.sector,
        )
    kind = ENTITY_KINDS[label]
    country = None
    if kind == "location":
        place = lookup_town(text)
        country = place.country if place else (lookup_admin_area(text) or lookup_part_of_state(text))
    return Resolution((kind, normalize_name(text)), " ".join(text.split()), kind, country, None)


def _dateline_place(text: str) -> Resolution | None:
    seat = lookup_seat(text)
    place = lookup_place(text)
    country = seat.country if seat else (place.country if place else None)
    if country is None:
        return None
    name = text.title()
    return Resolution(("location", normalize_name(name)), name, "location", country)


def _entry_resolution(entry: ActorEntry) -> Resolution:
    if entry.kind == "state" and entry.country:
        key: tuple = ("state", entry.country)
    else:
        key = (entry.kind, normalize_name(entry.name))
    return Resolution(key, entry.name, entry.kind, entry.country, entry.code, entry.sector)


@lru_cache(maxsize=1)
def builtin_dictionary() -> ActorDictionary:
    """Leaders news names without saying who they are: ``data/leaders.yaml``."""
    path = resources.files("dossier.data").joinpath("leaders.yaml")
    if not path.is_file():
        return ActorDictionary()
    return load_dictionary((str(path),))


class _Dictionaries:
    """The user's dictionary first, then the built-in one, on the document's date."""

    def __init__(self, user: ActorDictionary | None, doc: Doc):
        self.user = user
        self.builtin = builtin_dictionary()
        self.on = published_of(doc)

    def lookup(self, name: str, builtin: bool = True) -> ActorEntry | None:
        if self.user:
            entry = self.user.lookup(name, self.on)
            if entry is not None:
                return entry
        return self.builtin.lookup(name, self.on) if builtin else None

    def lookup_former(self, name: str) -> ActorEntry | None:
        if self.on is None:
            return None
        for dictionary in (self.user, self.builtin):
            if dictionary:
                entry = dictionary.lookup_former(name, self.on)
                if entry is not None:
                    return entry
        return None

    def lookup_titled(self, surname: str, title: str) -> ActorEntry | None:
        for dictionary in (self.user, self.builtin):
            if dictionary:
                entry = dictionary.lookup_titled(surname, title, self.on)
                if entry is not None:
                    return entry
        return None

    def country_of_titled(self, surname: str, title: str) -> str | None:
        for dictionary in (self.user, self.builtin):
            if dictionary:
                country = dictionary.country_of_titled(surname, title, self.on)
                if country is not None:
                    return country
        return None


class _Actors:
    """Actors by key, in order of first mention."""

    def __init__(self):
        self.by_key: dict[tuple, _Actor] = {}

    def add(self, resolution: Resolution, start: int, end: int) -> _Actor:
        actor = self.by_key.setdefault(resolution.key, _Actor(resolution))
        if (start, end) not in actor.mentions:
            actor.mentions.append((start, end))
        return actor

    def records(self, doc: Doc) -> list[dict]:
        actors = sorted(self.by_key.values(), key=lambda a: min(a.mentions))
        out = []
        for number, actor in enumerate(actors, start=1):
            r = actor.resolution
            out.append(
                {
                    "id": f"a{number}",
                    "name": r.name,
                    "kind": r.kind,
                    "country": r.country,
                    "sector": r.sector,
                    "code": r.code,
                    "roles": actor.roles,
                    "mentions": [_span(doc, s, e) for s, e in sorted(actor.mentions)],
                    "qualifiers": [_span(doc, s, e) for s, e in actor.qualifiers],
                }
            )
        return out


def _span(doc: Doc, start: int, end: int) -> dict:
    return {"start": start, "end": end, "text": text_of(doc)[start:end]}


def _person_name(mention: Candidate) -> tuple[str, str | None]:
    """(name, honorific) of a person mention: "Mr. Rouhani" -> ("Rouhani", "Mr.")."""
    words = mention.text.split()
    if len(words) > 1 and words[0].lower() in honorifics():
        return " ".join(words[1:]), words[0]
    return " ".join(words), None


def _unknown_org_named_as_person(candidate: Candidate) -> bool:
    """ "Marian Holt, a senior fellow at ...": the model's ORG is a person by its role."""
    if (
        candidate.label != "ORG"
        or len(candidate.span) < 2
        or not all(t.is_title or t.text == "-" for t in candidate.span)
    ):
        return False
    organization = describe_organization(candidate.text)
    if organization.country or organization.sector or lookup_igo(candidate.text) or lookup_state(candidate.text):
        return False
    before, honorific = title_before(candidate.span)
    return bool(honorific or (before and before.sector is not None) or apposition_after(candidate.span))


def _short_form_of_person(candidate: Candidate, people: list[PersonMention]) -> bool:
    """ "Prime Minister Yoshihide Suga ... Suga will visit": the model may label a surname
    an organization or a place on its own; a short form of a person named earlier in the
    story is that person, unless it is the name of a state or an organization Dossier
    knows."""
    if candidate.label == "PERSON" or len(candidate.span) > 2 or not all(t.is_title for t in candidate.span):
        return False
    if lookup_state(candidate.text) or lookup_igo(candidate.text) or lookup_place(candidate.text):
        return False
    return any(compatible(candidate.text, person.name) for person in people if person.start < candidate.start)


def _role_record(role, source: str = "text") -> dict:
    return {
        "title": role.title,
        "organization": role.organization,
        "country": role.country,
        "sector": role.sector,
        "source": source,
    }


@register_stage("actors")
def find_actors(doc: Doc, results: dict, dictionary: ActorDictionary | None = None) -> list[dict]:
    dictionaries = _Dictionaries(dictionary, doc)
    actors = _Actors()
    candidates = find_candidates(doc, (dictionary, dictionaries.builtin))
    collectives = find_collectives(doc)
    in_collective = {id(c) for c in candidates for k in collectives if c.start >= k.start and c.end <= k.end}
    nominals = find_nominals(doc, [c for c in candidates if id(c) not in in_collective])
    consumed = {id(c) for n in nominals for c in n.consumed}

    people: list[PersonMention] = []
    state_mentions: list[tuple[int, int, str, object]] = []
    organizations: list[tuple[_Actor, Candidate]] = []
    named: tuple[_Actor, Candidate] | None = None  # the last organization, group or state
    groups = find_member_groups(doc)
    for candidate in candidates:
        if id(candidate) in consumed or id(candidate) in in_collective:
            continue
        if any(start <= candidate.start and candidate.end <= end for start, end, _ in groups):
            continue  # "the Quad": its members, below
        if named is not None and _defined_acronym(doc, named[1], candidate):
            # "the Movement for Democratic Change (MDC)": the writer defines the short form
            # it will use; whatever else the letters could stand for, they stand for this.
            named[0].mentions.append((candidate.start, candidate.end))
            continue
        if (
            candidate.label == "PERSON"
            or _unknown_org_named_as_person(candidate)
            or _short_form_of_person(candidate, people)
        ):
            name, honorific = _person_name(candidate)
            people.append(PersonMention(candidate.start, candidate.end, candidate.span, name, honorific))
            continue
        resolution = None
        if candidate.label in DICTIONARY_LABELS and dictionary:
            entry = dictionaries.lookup(candidate.text, builtin=False)
            if entry is not None and not (candidate.label in {"GPE", "NORP"} and lookup_state(candidate.text)):
                resolution = _entry_resolution(entry)
        if resolution is None and is_dateline(candidate):
            resolution = _dateline_place(candidate.text)
        if resolution is None:
            resolution = resolve_name(candidate.text, candidate.label, candidate.span)
        if resolution.kind == "state" and _names_a_people(candidate, resolution):
            resolution = _ethnic_group(candidate, resolution)
        actor = actors.add(resolution, candidate.start, candidate.end)
        if resolution.kind == "state":
            state_mentions.append((candidate.start, candidate.end, resolution.country, candidate.span.root))
        if resolution.kind in {"organization", "igo", "group"}:
            organizations.append((actor, candidate))
        if resolution.kind in {"organization", "igo", "group", "state"}:
            named = (actor, candidate)

    people.extend(_missed_short_forms(doc, people, candidates))
    people.sort(key=lambda m: m.start)
    person_actors = _add_people(doc, people, actors, dictionaries, nominals)
    _drop_portfolios(people, organizations, actors)
    _add_nominals(doc, nominals, actors, person_actors)
    _describe_organizations(organizations)

    covered = {i for a in actors.by_key.values() for s, e in a.mentions for i in range(s, e)}
    for start, end, iso3 in find_ellipses(doc, {m[2] for m in state_mentions}):
        if start not in covered:
            actors.add(_state(iso3), start, end)
            state_mentions.append((start, end, iso3, doc.char_span(start, end, alignment_mode="expand").root))
    infer_home_countries(doc, list(actors.by_key.values()), _code)
    state_mentions.sort(key=lambda m: m[:3])
    for collective in collectives:
        start, end = collective.start, collective.end
        if text_of(doc)[start:end].lower().startswith("the "):
            start += 4
        if collective.people:
            for actor in _people_before(collective, person_actors):
                actor.mentions.append((start, end))
            continue
        for iso3 in resolve_collective(collective, state_mentions, doc):
            actors.add(_state(iso3), start, end)
    for start, end, states in groups:
        for iso3 in states:
            actors.add(_state(iso3), start, end)
    _add_organization_references(doc, actors)
    return actors.records(doc)


def _add_organization_references(doc: Doc, actors: _Actors) -> None:
    """ "ECOWAS ... the regional body": a definite back-reference becomes a mention of the
    organization it refers to."""
    organizations = sorted(
        (start, key, actor.resolution.name)
        for key, actor in actors.by_key.items()
        if actor.resolution.kind == "igo"
        for start, _ in actor.mentions
    )
    covered = {i for a in actors.by_key.values() for s, e in a.mentions for i in range(s, e)}
    for start, end, noun in find_organization_references(doc):
        if noun.idx in covered:
            continue
        key = resolve_organization_reference(noun, organizations)
        if key is not None:
            actors.by_key[key].mentions.append(
                (start + 4 if text_of(doc)[start : start + 4].lower() == "the " else start, end)
            )


_ACRONYM = re.compile(r"[A-Z][A-Za-z0-9./&-]{1,11}")
_OPENING = re.compile(r"\s*\(\s*")


def _defined_acronym(doc: Doc, name: Candidate, candidate: Candidate) -> bool:
    """Whether ``candidate`` is a short form in parentheses right after ``name``:
    "Islamic Salvation Front (FIS)", "the Forces for Defence of Democracy (FDD)"."""
    text = text_of(doc)
    short = candidate.text
    if not _ACRONYM.fullmatch(short) or sum(c.isupper() for c in short) < 2 or " " in short:
        return False
    if not _OPENING.fullmatch(text[name.end : candidate.start]):
        return False
    return text[candidate.end : candidate.end + 3].lstrip().startswith(")")


def _names_a_people(candidate: Candidate, state: Resolution) -> bool:
    """ "ethnic Albanians", "the Albanians of southern Serbia": a people living in
    another state, not the state their name is the demonym of."""
    span = candidate.span
    if after_ethnic(span):
        return True
    root = span.root
    if root.tag_ not in {"NNPS", "NNS"} or lookup_demonym(candidate.text) is None:
        return False
    country = place_country(root, frozenset({"of"}))
    return country is not None and country != state.country


def _ethnic_group(candidate: Candidate, people: Resolution) -> Resolution:
    """ "ethnic Albanians in southern Serbia" are a people of Serbia, not Albania's state;
    with no place named, their country is left for the sentence to say."""
    words = " ".join(candidate.text.split())
    name = f"ethnic {words}" if after_ethnic(candidate.span) else words
    country = place_country(candidate.span.root)
    key = ("group", normalize_name(name), country)
    return Resolution(key, name, "group", country, _code(country, "ETH"), "ETH")


def _people_before(collective, person_actors: dict[int, _Actor]) -> list[_Actor]:
    """ "the two leaders": the people named last before the reference."""
    chosen: list[_Actor] = []
    for start in sorted((s for s in person_actors if s < collective.start), reverse=True):
        actor = person_actors[start]
        if all(actor is not other for other in chosen):
            chosen.append(actor)
        if len(chosen) == collective.size:
            return chosen
    return []


def _add_people(doc, people, actors: _Actors, dictionaries: _Dictionaries, nominals) -> dict[int, _Actor]:
    """Person actors, one per group of mentions; returns them by each mention's start."""
    for mention in people:
        mention.roles, honorific = roles_of(mention.span)
        mention.honorific = mention.honorific or honorific
    by_start: dict[int, _Actor] = {}
    for group in group_people(people):
        full = max(group, key=lambda m: (len(name_words(m.name)), -m.start))
        roles = [role for m in group for role in m.roles]
        country = next((r.country for r in roles if r.country), None)
        sector = next((r.sector for r in roles if r.sector), None)
        owner = _owner_of(doc, group, nominals)
        if owner is not None:
            country = country or owner.country
            sector = sector or owner.sector
            for role in roles:
                role.country = role.country or owner.country
        entry = None
        if len(name_words(full.name)) > 1:
            entry = dictionaries.lookup(full.name)
        else:
            for role in roles:
                title_word = role.title.split()[-1] if role.title else None
                if title_word:
                    entry = dictionaries.lookup_titled(full.name, title_word)
                    if entry is not None:
                        break
            if entry is None and not roles:
                # "Putin said": the one titled person of that surname on the article's date.
                entry = dictionaries.lookup_titled(full.name, "")
            if entry is None and country is None:
                # "President Bush" with no date: which Bush is unsure, his country is not.
                title_word = next((r.title.split()[-1] for r in roles if r.title), "")
                country = dictionaries.country_of_titled(full.name, title_word)
                for role in roles:
                    role.country = role.country or country
        name = full.name
        records = [_role_record(r) for r in roles]
        former = None
        if entry is None and len(name_words(full.name)) > 1:
            former = dictionaries.lookup_former(full.name)
        if former is not None and former.kind == "person" and former.country:
            # Kim Jong Il in a 2024 story: still North Korean, no longer in office (CAMEO ELI).
            country = country or former.country
            sector = sector or "ELI"
            if not records and former.title:
                records.append(
                    {
                        "title": f"former {former.title}",
                        "organization": None,
                        "country": former.country,
                        "sector": former.sector,
                        "source": "dictionary",
                    }
                )
        if entry is not None and entry.kind == "person":
            name = entry.name if len(name_words(full.name)) == 1 else full.name
            for record in records:
                if record["country"] is None and entry.country and (country in (None, entry.country)):
                    record["country"] = entry.country
            country = country or entry.country
            sector = sector or entry.sector
            if not records and entry.title:
                records.append(
                    {
                        "title": entry.title,
                        "organization": None,
                        "country": entry.country,
                        "sector": entry.sector,
                        "source": "dictionary",
                    }
                )
        code = _code(country, sector)
        if entry is not None and entry.code and entry.country == country and (entry.sector or None) == sector:
            code = entry.code
        if entry is not None and entry.kind == "person" and not entry.country and entry.code and country is None:
            code = entry.code  # a person of an IGO: the U.N. secretary-general is IGOUNO
        if code is None and country is None:
            # "U.N. envoy Diego Cordovez" speaks for the U.N.
            code = next((igo[0] for r in roles if r.organization and (igo := lookup_igo(r.organization))), None)
        key = ("person", " ".join(name_words(name)), full.start)
        resolution = Resolution(key, name, "person", country, code, sector)
        actor = None
        for mention in group:
            actor = actors.add(resolution, mention.start, mention.end)
            by_start[mention.start] = actor
        unique = []
        for record in records:
            if record not in unique:
                unique.append(record)
        actor.roles = unique
    return by_start


def _missed_short_forms(doc: Doc, people: list[PersonMention], candidates: list[Candidate]) -> list[PersonMention]:
    """ "Webb said ...": a surname of someone named in full that the model did not tag."""
    surnames = set()
    for mention in people:
        words = mention.name.split()
        if len(words) > 1:
            surnames.update({words[0], words[-1]})
    if not surnames:
        return []
    covered = {i for c in candidates for i in range(c.span.start, c.span.end)}
    found = []
    for token in doc:
        if token.text not in surnames or token.i in covered or not token.is_title or len(token) < 3:
            continue
        neighbours = [doc[i] for i in (token.i - 1, token.i + 1) if 0 <= i < len(doc)]
        if any(
            n.is_title and n.is_alpha and n.i != token.sent.start and n.lower_ not in honorifics() for n in neighbours
        ):
            continue  # part of another name
        span = doc[token.i : token.i + 1]
        found.append(PersonMention(token.idx, token.idx + len(token), span, token.text))
    return found


def _drop_portfolios(people, organizations, actors: _Actors) -> None:
    """An unknown "organization" inside a title is its portfolio: "External Economic
    Relations" in "External Economic Relations Minister Yun Jong Ho"."""
    titles = [(r.title_start, r.title_end) for p in people for r in p.roles if r.title_end]
    for actor, candidate in organizations:
        r = actor.resolution
        if r.kind != "organization" or r.country or r.sector:
            continue
        if any(start <= candidate.start and candidate.end <= end for start, end in titles):
            if (candidate.start, candidate.end) in actor.mentions:
                actor.mentions.remove((candidate.start, candidate.end))
            if not actor.mentions:
                actors.by_key.pop(r.key, None)


def _owner_of(doc: Doc, group: list[PersonMention], nominals):
    """The nominal a person leads or whose regime is theirs: "the North Korean delegation
    led by Minister ...", "the North Korean regime of Kim Jong-un"."""
    by_head = {nominal.head.i: nominal for nominal in nominals if nominal.country}
    for mention in group:
        # Read the words, not the parse: the parser often hangs "led by X" elsewhere.
        first = min([mention.start] + [r.start for r in mention.roles if r.end <= mention.start])
        index = doc.char_span(first, mention.end, alignment_mode="expand").start
        if index >= 2 and doc[index - 1].lower_ in {"by", "of"}:
            governor = doc[index - 2]
            if doc[index - 1].lower_ == "by" and governor.lemma_.lower() in {"lead", "head", "chair"}:
                if index >= 3:
                    governor = doc[index - 3]
            nominal = by_head.get(governor.i)
            if nominal is not None:
                return nominal
    return None


def _add_nominals(doc: Doc, nominals, actors: _Actors, person_actors: dict[int, _Actor]) -> None:
    people = [a for a in {id(a): a for a in person_actors.values()}.values()]
    for nominal in nominals:
        country, sector = nominal.country, nominal.sector
        if nominal.owner is not None:
            owner = person_actors.get(nominal.owner.start) or _person_before(
                text_of(doc)[nominal.owner.start : nominal.owner.end], nominal.start, person_actors
            )
            if owner is None or owner.resolution.country is None:
                continue
            country = owner.resolution.country
            # The person's mention is part of the nominal ("the Kim regime").
            owner.mentions = [m for m in owner.mentions if m != (nominal.owner.start, nominal.owner.end)]
            if not owner.mentions:
                owner.mentions = [(nominal.owner.start, nominal.owner.end)]
        if nominal.kind == "person" and country:
            # "the North Korean leader": the one person of that country whose role says so.
            matches = [
                p
                for p in people
                if p.resolution.country == country
                and any(nominal.head_phrase.split()[-1] in (r.get("title") or "").lower() for r in p.roles)
            ]
            if len(matches) == 1:
                matches[0].mentions.append((nominal.start, nominal.end))
                continue
        key = ("nominal", country, sector, nominal.head_phrase)
        name = nominal_name(doc, nominal)
        resolution = Resolution(
            key,
            name,
            nominal.kind if nominal.kind in {"group", "organization", "person"} else "group",
            country,
            _code(country, sector),
            sector,
        )
        actor = actors.add(resolution, nominal.start, nominal.end)
        for qualifier in nominal.qualifiers:
            if qualifier not in actor.qualifiers:
                actor.qualifiers.append(qualifier)


def _person_before(surname: str, position: int, person_actors: dict[int, _Actor]) -> _Actor | None:
    """The person named last before ``position`` whom ``surname`` can name ("the Kim regime")."""
    before = sorted((start, actor) for start, actor in person_actors.items() if start < position)
    for _, actor in reversed(before):
        if compatible(surname, actor.resolution.name) or name_words(surname) == name_words(actor.resolution.name):
            return actor
    return None


def _describe_organizations(organizations: list[tuple[_Actor, Candidate]]) -> None:
    for actor, candidate in organizations:
        description = describe(candidate.span)
        for qualifier in description.qualifiers:
            if qualifier not in actor.qualifiers:
                actor.qualifiers.append(qualifier)
        resolution = actor.resolution
        if resolution.kind in {"organization", "group"}:
            if resolution.country is None and description.country:
                resolution.country = description.country
            if resolution.sector is None and description.sector:
                resolution.sector = description.sector
            if resolution.code is None and resolution.country:
                resolution.code = _code(resolution.country, resolution.sector)
