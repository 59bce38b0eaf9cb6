"""A home country for actors the text names without one, read from their sentence.

"President Levy Mwanawasa has reneged on his commitment to the Zambian people",
"Lt. Gen. Prosper Avril resigned to allow Haiti's first democratic elections": a reader
knows the president is Zambian and the general Haitian, because the sentence is about
one country and nothing says they come from elsewhere. Event coders code them so.

The rule is narrow on purpose: only a person with a title, or an organization or group
of a known kind (a court, a party, rebels), with no country and no intergovernmental
code, and not a name the dictionaries or the organization table place elsewhere; only when every other actor with a country in its first
sentence has the same one; never a person who travels in that sentence ("arrived in
Kenya", "visited Seoul"), who is exactly the foreigner such sentences name.
"""

from __future__ import annotations

from spacy.tokens import Doc

from .candidates import text_of

TRAVEL_LEMMAS = {
    "visit",
    "arrive",
    "travel",
    "fly",
    "tour",
    "land",
    "go",
    "come",
    "return",
    "leave",
    "head",
    "depart",
    "welcome",
    "host",
    "receive",
}
INFERRED_KINDS = {"person", "organization", "group"}
# Sectors of a state's own politics: its government, forces, courts, parties, rebels,
# police, unions, protesters and its ethnic groups.
DOMESTIC_SECTORS = {
    "GOV",
    "MIL",
    "JUD",
    "LEG",
    "OPP",
    "REB",
    "PTY",
    "COP",
    "SPY",
    "ELI",
    "INS",
    "LAB",
    "CVL",
    "REF",
    "ETH",
}


def infer_home_countries(doc: Doc, actors: list, code) -> None:
    """Give ``actors`` (with ``resolution`` and ``mentions``) the one country of their first
    sentence; ``code(country, sector)`` makes the CAMEO code."""
    spans = {}
    for actor in actors:
        start, end = min(actor.mentions)
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is not None:
            spans[id(actor)] = span
    for actor in actors:
        resolution = actor.resolution
        span = spans.get(id(actor))
        if span is None or resolution.kind not in INFERRED_KINDS or resolution.country or resolution.code:
            continue
        sentence = span.sent
        sectors = {resolution.sector, *(r.get("sector") for r in actor.roles)}
        if not sectors & DOMESTIC_SECTORS or _named_abroad(resolution.name):
            # A bare name ("Lisa Bryant", "Trump") or a scholar, reporter or company says
            # nothing of where it belongs: foreign experts are quoted on every country.
            continue
        if resolution.kind == "person" and _travels(span):
            continue
        countries = {
            other.resolution.country
            for other in actors
            if other is not actor
            and other.resolution.country
            and any(
                sentence.start_char <= s < sentence.end_char and not _dateline(doc, s, e) for s, e in other.mentions
            )
        }
        if len(countries) == 1:
            resolution.country = countries.pop()
            resolution.code = code(resolution.country, resolution.sector)


def _travels(span) -> bool:
    head = span.root
    while head.dep_ in {"compound", "appos", "conj", "flat"} and head.head.i != head.i:
        head = head.head
    if head.dep_ not in {"nsubj", "nsubjpass"}:
        return False
    verb = head.head
    verbs = [verb, *(c for c in verb.children if c.dep_ in {"xcomp", "conj"})]
    return any(v.lemma_.lower() in TRAVEL_LEMMAS for v in verbs)


def _dateline(doc: Doc, start: int, end: int) -> bool:
    """ "SEOUL —" is where the story was filed, not whose people it names."""
    text = text_of(doc)[start:end]
    return text.isupper() and len(text) > 2


def _named_abroad(name: str) -> bool:
    """Whether a table already says who this is: a listed leader, or an organization
    listed with no country because it is international ("Islamic State")."""
    from ...resolve.organizations import lookup_organization
    from .. import actors

    if actors.builtin_dictionary().lookup(name) is not None:
        return True
    words = name.lower().split()
    if words and words[0] in INTERNATIONAL_WORDS:
        return True
    return lookup_organization(name) is not None


INTERNATIONAL_WORDS = {"international", "global", "world", "transnational", "u.n.", "un", "united"}
