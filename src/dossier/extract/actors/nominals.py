"""Nominal actors: a state's people and bodies named by a common noun.

"the North Korean delegation", "Iranian defense officials", "South Korea's spy agency",
"the U.S. government", "the Kim regime", "state-run trading companies": the head noun
(``sectors.tsv``) says what kind of actor it is and its sector; a demonym, a state as
compound or possessor, or a person's name ("the Kim regime") says whose it is; a
modifier such as "defense" or "intelligence" (``sector_modifiers.tsv``) can change the
sector. Coordinated demonyms are two actors: "Iranian and North Korean officials".

A nominal needs an owner or a qualifier to be an actor: "officials said" alone names
no one an analyst can follow. Peoples are not states: "ethnic Albanian guerrillas
operating in Macedonia" are Macedonia's, "Turkish Kurd refugees" Turkey's; "the
Saudi-led coalition" is Saudi Arabia's; protesters, students or workers "in" or
"throughout" a place are that place's when nothing else says whose they are; and
"anti-Iran protesters" are not Iran's.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from ...resolve import lookup_demonym, lookup_place, lookup_state
from ...resolve.gazetteer import is_ethnonym, lookup_ethnic_compound, lookup_seat
from ...resolve.roles import is_qualifier, noun_role
from .candidates import Candidate, stance_prefixed, text_of
from .people import _sector_modifiers

_OWNER_DEPS = {"amod", "compound", "nmod", "npadvmod", "poss"}
# People named by where they are ("students throughout Indonesia") are that place's
# when nothing else says whose they are; not refugees or "foreign workers".
_LOCAL_SECTORS = {"CVL", "EDU", "LAB"}
_LOCAL_PREPS = frozenset({"in", "throughout", "across"})
_NOT_LOCAL = {"foreign", "migrant", "expatriate", "overseas", "visiting", "international"}


@dataclass
class Nominal:
    start: int  # characters
    end: int
    head: Token
    head_phrase: str  # "spy agency"
    kind: str
    sector: str | None
    country: str | None = None
    owner: Candidate | None = None  # a person whose regime or administration this is
    qualifiers: list[tuple[int, int]] = field(default_factory=list)
    consumed: list[Candidate] = field(default_factory=list)  # modifiers that are not actors themselves
    name: str | None = None  # when the span alone does not read as one ("Iranian" of "Iranian and ...")


def _head_phrase(token: Token) -> tuple[str, int, tuple[str, str | None]] | None:
    """(noun phrase, index where it starts, (kind, sector)) for an actor noun, else None."""
    compounds = [c for c in token.lefts if c.dep_ == "compound" and c.i == token.i - 1]
    if compounds:
        before = compounds[0]
        role = noun_role(f"{before.lower_} {token.lower_}") or noun_role(f"{before.lower_} {token.lemma_.lower()}")
        if role is not None:
            return f"{before.lower_} {token.lemma_.lower()}", before.i, role
    role = noun_role(token.lower_) or noun_role(token.lemma_.lower())
    if role is None:
        return None
    return token.lemma_.lower(), token.i, role


def _describes_a_name(doc: Doc, token: Token, at_token: dict) -> bool:
    """Whether the noun heads an apposition to a name: "Hamas, a ... group"."""
    if token.dep_ == "appos" and token.head.i in at_token:
        return True
    first = token.left_edge.i
    if doc[first].lower_ not in {"a", "an", "another", "the"} or first < 2:
        return False
    return doc[first - 1].text in {",", "—", "–", "("} and (first - 2) in at_token


def _state_of(candidate: Candidate) -> str | None:
    text = candidate.text
    return lookup_state(text) or lookup_demonym(text) or lookup_ethnic_compound(text)


def _unlabelled_demonym(token: Token) -> Candidate | None:
    """ "Ghanaian authorities": a demonym the model did not tag still says whose they are."""
    if token.dep_ not in {"amod", "compound"} or not token.is_title or lookup_demonym(token.text) is None:
        return None
    span = token.doc[token.i : token.i + 1]
    if stance_prefixed(span):
        return None  # "anti-American protesters" are not Americans
    return Candidate(token.idx, token.idx + len(token), "NORP", span)


def after_ethnic(span: Span) -> bool:
    """ "ethnic Albanians", "ethnic Albanian guerrillas": a people, not a state's."""
    return span.start > 0 and span.doc[span.start - 1].lower_ == "ethnic"


def country_of_place(name: str) -> str | None:
    seat, place = lookup_seat(name), lookup_place(name)
    return lookup_state(name) or (seat.country if seat else None) or (place.country if place else None)


def place_country(token: Token, preps: frozenset[str] = frozenset({"in", "of", "from"})) -> str | None:
    """The country of the place a group is said to be in or from: "Albanians in southern
    Serbia", "guerrillas operating in Macedonia" (through a participle), else None."""
    heads = [token] + [c for c in token.children if c.dep_ == "acl" and c.tag_ in {"VBG", "VBN"}]
    for head in heads:
        for prep in head.children:
            if prep.dep_ != "prep" or prep.lower_ not in preps:
                continue
            for place in prep.children:
                if place.dep_ != "pobj":
                    continue
                words = " ".join(t.text for t in place.subtree if t.dep_ not in {"det", "amod"} or t.is_title)
                country = country_of_place(words) or country_of_place(place.text)
                if country:
                    return country
    return None


def _led_by_state(child: Token, at_token: dict) -> Candidate | None:
    """ "Vietnamese-led forces", "the Saudi-led coalition": the state leading them."""
    if child.lower_ != "led" or child.dep_ != "amod" or child.i < 2 or child.doc[child.i - 1].text not in {"-", "–"}:
        return None
    before = child.doc[child.i - 2]
    candidate = at_token.get(before.i) or (
        Candidate(before.idx, before.idx + len(before), "NORP", before.doc[before.i : before.i + 1])
        if before.is_title and lookup_demonym(before.text)
        else None
    )
    return candidate if candidate is not None and _state_of(candidate) else None


def find_nominals(doc: Doc, candidates: list[Candidate]) -> list[Nominal]:
    at_token: dict[int, Candidate] = {}
    for candidate in candidates:
        for index in range(candidate.span.start, candidate.span.end):
            at_token[index] = candidate
    modifiers = _sector_modifiers()
    found: list[Nominal] = []
    for token in doc:
        if token.pos_ not in {"NOUN", "PROPN"} or token.i in at_token:
            continue
        if token.pos_ == "PROPN" and token.is_title and token.i > token.sent.start:
            continue  # a name, not a common noun
        phrase = _head_phrase(token)
        if phrase is None:
            continue
        head_phrase, phrase_start, (kind, sector) = phrase
        if _describes_a_name(doc, token, at_token):
            continue  # "Hamas, a U.S.-designated terrorist group": a description of Hamas
        plural_person = kind == "person" and token.morph.get("Number") == ["Plur"]
        if plural_person:
            kind = "group"  # "officials", "ambassadors"
        left = phrase_start
        owners: list[tuple[Candidate, str | None]] = []
        owner_person: Candidate | None = None
        qualifiers: list[tuple[int, int]] = []
        consumed: list[Candidate] = []
        ethnic = False
        for child in token.lefts:
            if child.i >= phrase_start:
                continue
            led = _led_by_state(child, at_token)
            if led is not None:
                owners.append((led, _state_of(led)))
                consumed.append(led)
                left = min(left, led.span.start)
                continue
            candidate = at_token.get(child.i) or _unlabelled_demonym(child)
            if (
                candidate is not None
                and child.dep_ in _OWNER_DEPS
                and candidate.label != "PERSON"
                and (after_ethnic(candidate.span) or (is_ethnonym(candidate.text) and not _state_of(candidate)))
            ):
                # "ethnic Albanian guerrillas", "Kurd refugees": a people, not a state's;
                # "Turkish Kurd refugees" are Turkey's.
                ethnic = True
                consumed.append(candidate)
                left = min(left, candidate.span.start - (1 if after_ethnic(candidate.span) else 0))
                before = doc[candidate.span.start - 1] if candidate.span.start > 0 else None
                if before is not None and not after_ethnic(candidate.span):
                    home = at_token.get(before.i) or _unlabelled_demonym(before)
                    if home is not None and home.label != "PERSON" and _state_of(home):
                        owners.append((home, _state_of(home)))
                        consumed.append(home)
                        left = min(left, home.span.start)
                continue
            if candidate is not None and child.dep_ in _OWNER_DEPS:
                if candidate.label == "PERSON":
                    # Only "the Kim regime", "the Trump administration": a name right before.
                    if kind != "organization" or candidate.span.end != phrase_start:
                        continue
                    owner_person = candidate
                    left = min(left, candidate.span.start)
                    consumed.append(candidate)
                    continue
                state = _state_of(candidate)
                if state:
                    owners.append((candidate, state))
                    if child.dep_ != "poss":
                        consumed.append(candidate)
                    left = min(left, candidate.span.start)
                    for conj in child.conjuncts:
                        other = at_token.get(conj.i)
                        if other is not None and _state_of(other) and not after_ethnic(other.span):
                            owners.append((other, _state_of(other)))
                            consumed.append(other)
                            left = min(left, other.span.start)
                continue
            words = doc[child.left_edge.i : child.i + 1]
            if child.dep_ in {"amod", "compound", "npadvmod"} and is_qualifier(words.text.replace(" ", "")):
                qualifiers.append((words.start_char, words.end_char))
            elif child.lower_ in modifiers and child.dep_ in {"amod", "compound"}:
                sector = modifiers[child.lower_]
                left = min(left, child.i)
        if len(owners) > 1:
            # "Croatian Serb refugees": a state's people of another ethnicity are the state's.
            owners = [
                (candidate, state)
                for k, (candidate, state) in enumerate(owners)
                if k == 0 or not is_ethnonym(candidate.text) or owners[k - 1][0].span.end != candidate.span.start
            ]
        if ethnic and not owners:
            owners = [(None, place_country(token))]
        if (
            not owners
            and owner_person is None
            and plural_person
            and sector in _LOCAL_SECTORS
            and not any(c.lower_ in _NOT_LOCAL for c in token.lefts)
        ):
            # "students throughout Indonesia", "protesters in Cairo": people of the place.
            local = place_country(token, _LOCAL_PREPS)
            if local:
                owners = [(None, local)]
                left = min(left, token.left_edge.i if doc[token.left_edge.i].pos_ != "DET" else left)
        if not owners and owner_person is None and not qualifiers:
            continue
        if qualifiers and not owners and owner_person is None:
            left = min([left] + [doc.char_span(s, e, alignment_mode="expand").start for s, e in qualifiers])
        end_char = token.idx + len(token)
        if len(owners) > 1:
            # "Iranian and North Korean officials": the last owner holds the head noun.
            for candidate, state in owners[:-1]:
                found.append(
                    Nominal(
                        candidate.start,
                        candidate.end,
                        token,
                        head_phrase,
                        kind,
                        sector,
                        state,
                        None,
                        list(qualifiers),
                        [candidate],
                        f"{candidate.text} {token.text}",
                    )
                )
            last, state = owners[-1]
            found.append(
                Nominal(last.start, end_char, token, head_phrase, kind, sector, state, None, list(qualifiers), [last])
            )
            continue
        state = owners[0][1] if owners else None
        found.append(
            Nominal(
                doc[left].idx, end_char, token, head_phrase, kind, sector, state, owner_person, qualifiers, consumed
            )
        )
    return found


def nominal_name(doc: Doc, nominal: Nominal) -> str:
    return nominal.name or " ".join(text_of(doc)[nominal.start : nominal.end].split())


def span_of(doc: Doc, nominal: Nominal) -> Span:
    return doc.char_span(nominal.start, nominal.end, alignment_mode="expand")
