"""Collective references: "the two countries", "the two", "both", "the three nations",
"the two leaders", "the two Koreas", and elliptical ones: "the North", "the South".

News names states and then refers to them together. The states meant are a recent
coordination of states before the reference ("Iran and North Korea ... the two
countries") or the article's most-named ones; "the two leaders" are the people named
last. The reference becomes a mention of each. ``data/collectives.tsv`` lists plurals
("Koreas") and ellipses ("the North" in a story about Korea).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from spacy.tokens import Doc, Token

from ...lexicons import table
from ...nlp.syntax import text_of

# Nouns that make "the two ..." or "both ..." a reference to states.
GROUP_NOUNS = {
    "countries",
    "nations",
    "states",
    "governments",
    "sides",
    "allies",
    "adversaries",
    "neighbors",
    "neighbours",
    "rivals",
    "powers",
    "foes",
    "partners",
    "capitals",
    "regimes",
}
# Nouns that make "the two ..." a reference to people: "the two leaders".
PERSON_NOUNS = {"leaders", "presidents", "ministers", "men", "women", "heads", "officials", "envoys", "diplomats"}
NUMBERS = {"two": 2, "three": 3, "four": 4, "five": 5}
# How far back (in sentences) the states a reference means may be named.
WINDOW_SENTENCES = 3


@dataclass
class Collective:
    start: int  # characters
    end: int
    size: int  # how many actors it means
    people: bool = False  # "the two leaders": persons, not states
    states: list[str] = field(default_factory=list)  # fixed by the name itself ("Koreas")


@lru_cache(maxsize=1)
def _names() -> dict[str, tuple[str, list[str], list[str]]]:
    names = {}
    for row in table("collectives.tsv"):
        row = list(row) + ["", ""]
        names[row[0]] = (row[1], row[2].split("|"), [c for c in row[3].split("|") if c])
    return names


def find_ellipses(doc: Doc, named_states: set[str]) -> list[tuple[int, int, str]]:
    """ "the North", "the South's military", "North and South Korea": (start, end, iso3)."""
    found = []
    names = _names()
    for token in doc:
        use = names.get(token.text) if token.text in names else None
        if use is None or use[0] != "ellipsis" or not named_states.intersection(use[2]):
            continue
        following = doc[token.i + 1] if token.i + 1 < len(doc) else None
        preceding = doc[token.i - 1] if token.i > 0 else None
        if following is not None and following.lower_ == "and" and token.i + 3 < len(doc):
            # "North and South Korea": the first word stands for its own state.
            if doc[token.i + 2].text in names and doc[token.i + 3].is_title:
                found.append((token.idx, token.idx + len(token), use[1][0]))
            continue
        if preceding is None or preceding.lower_ != "the":
            continue
        if (
            following is not None
            and following.is_alpha
            and (following.is_title or following.pos_ in {"NOUN", "PROPN", "ADJ"})
        ):
            continue  # "the North Korean delegation", "the South China Sea"
        found.append((token.idx, token.idx + len(token), use[1][0]))
    return found


def _noun_after(doc: Doc, index: int, limit: int) -> int | None:
    """Index of the group noun after "two"/"both", skipping adjectives ("two American
    adversaries") and compounds the parse hangs on the noun ("the three military-led
    nations")."""
    number = doc[index - 1]
    head = number.head
    if (
        number.dep_ in {"nummod", "det", "predet", "preconj"}
        and index <= head.i < limit
        and head.lower_ in GROUP_NOUNS | PERSON_NOUNS
    ):
        return head.i
    while index < limit and (
        doc[index].pos_ in {"ADJ", "PROPN"} and doc[index].lower_ not in GROUP_NOUNS | PERSON_NOUNS
    ):
        index += 1
    if index < limit and doc[index].lower_ in GROUP_NOUNS | PERSON_NOUNS:
        return index
    return None


def find_collectives(doc: Doc) -> list[Collective]:
    found = []
    names = _names()
    for token in doc:
        if token.lower_ not in NUMBERS and token.lower_ != "both":
            continue
        limit = token.sent.end
        size = NUMBERS.get(token.lower_)
        if size and token.i > 0 and doc[token.i - 1].lower_ == "the":
            start = doc[token.i - 1]
            noun = _noun_after(doc, token.i + 1, limit)
            end_token = doc[noun] if noun is not None else token
            following = doc[token.i + 1] if token.i + 1 < limit else None
            if (
                noun is None
                and following is not None
                and following.text in names
                and names[following.text][0] == "plural"
            ):
                found.append(
                    Collective(start.idx, following.idx + len(following), size, states=names[following.text][1])
                )
            elif noun is not None:
                found.append(
                    Collective(start.idx, end_token.idx + len(end_token), size, doc[noun].lower_ in PERSON_NOUNS)
                )
            elif size == 2 and (
                following is None or not following.is_alpha or following.pos_ in {"VERB", "AUX", "ADP", "CCONJ", "ADV"}
            ):
                found.append(Collective(start.idx, token.idx + len(token), 2))
        elif token.lower_ == "both":
            noun = _noun_after(doc, token.i + 1, limit)
            if noun is not None:
                found.append(Collective(token.idx, doc[noun].idx + len(doc[noun]), 2, doc[noun].lower_ in PERSON_NOUNS))
            elif _stands_alone(token):
                found.append(Collective(token.idx, token.idx + len(token), 2))
    return found


@lru_cache(maxsize=1)
def organization_nouns() -> dict[str, bool]:
    """Nouns that refer back to an intergovernmental organization ("the bloc", "the
    regional body", "the council"): noun -> whether the organization's name must contain
    it ("the council" is the Security Council, "the bloc" any organization)."""
    return {
        row[0].lower(): row[1] == "igo-named"
        for row in table("collectives.tsv")
        if len(row) > 1 and row[1] in {"igo", "igo-named"}
    }


def find_organization_references(doc: Doc) -> list[tuple[int, int, Token]]:
    """ "the bloc", "the regional body", "the council": (start, end, noun) of definite noun
    phrases that name no organization themselves but refer back to one."""
    nouns = organization_nouns()
    found = []
    for token in doc:
        if token.lower_ not in nouns or token.pos_ != "NOUN":
            continue
        determiners = [c for c in token.children if c.dep_ == "det" and c.lower_ in {"the", "this", "that"}]
        if not determiners or any(c.dep_ in {"compound", "poss"} for c in token.children):
            continue
        found.append((determiners[0].idx, token.idx + len(token), token))
    return found


def resolve_organization_reference(noun: Token, organizations: list[tuple[int, str, str]]) -> str | None:
    """The organization a reference means: the one named last before it, within a few
    sentences, whose name contains the noun when the noun asks for it.
    ``organizations``: (start, key, name) of organization mentions, in text order."""
    named = organization_nouns()[noun.lower_]
    sentences = list(noun.doc.sents)
    position = next(i for i, s in enumerate(sentences) if s.start <= noun.i < s.end)
    window_start = sentences[max(0, position - WINDOW_SENTENCES + 1)].start_char
    for start, key, name in reversed(organizations):
        if window_start <= start < noun.idx and (not named or noun.lower_ in name.lower()):
            return key
    return None


def find_member_groups(doc: Doc) -> list[tuple[int, int, list[str]]]:
    """ "the Quad", "AES": (start, end, member states) of groups of states named in
    ``collectives.tsv`` with use ``members``."""
    groups = {name: states for name, (use, states, _) in _names().items() if use == "members"}
    text = text_of(doc)
    found = []
    for name, states in groups.items():
        for match in re.finditer(rf"(?<![\w-]){re.escape(name)}(?![\w-])", text):
            found.append((match.start(), match.end(), states))
    return sorted(found)


def _stands_alone(token: Token) -> bool:
    """ "both" as a pronoun ("Washington charged both"), not "both North Korea and Iran"."""
    following = token.nbor(1) if token.i + 1 < len(token.doc) else None
    if following is not None and (following.is_alpha and following.pos_ in {"PROPN", "NOUN", "ADJ", "DET", "NUM"}):
        return False
    return (
        token.dep_ in {"nsubj", "nsubjpass", "dobj", "pobj", "appos", "conj"} or following is None or following.is_punct
    )


def resolve_collective(
    collective: Collective, state_mentions: list[tuple[int, int, str, object]], doc: Doc
) -> list[str]:
    """The states a collective means, from the state mentions (start, end, iso3, root token).

    Candidates are the coordinations of states ("Iran and North Korea") in the last few
    sentences, and the article's two most-named states. The pair chosen is the one most
    present around the reference (named in its sentence) and in the article as a whole:
    a story about North Korea and Iran that mentions "trade between Pyongyang and
    Moscow" still means North Korea and Iran by "the two countries".
    """
    if collective.states:
        return list(collective.states)
    sentence = doc.char_span(collective.start, collective.end, alignment_mode="expand").sent
    sentences = list(doc.sents)
    position = next(i for i, s in enumerate(sentences) if s.start == sentence.start)
    window_start = sentences[max(0, position - WINDOW_SENTENCES + 1)].start_char
    frequency: dict[str, int] = {}
    for mention in state_mentions:
        frequency[mention[2]] = frequency.get(mention[2], 0) + 1
    in_sentence = {m[2] for m in state_mentions if sentence.start_char <= m[0] < sentence.end_char}
    before = [m for m in state_mentions if window_start <= m[0] < collective.start]
    candidates: list[tuple[tuple[str, ...], int]] = []
    for index, mention in enumerate(before):
        group = {mention[2]} | {o[2] for o in before if o[3] in mention[3].conjuncts}
        if len(group) == collective.size:
            candidates.append((tuple(sorted(group)), index))
    salient = sorted(frequency, key=lambda iso3: -frequency[iso3])[: collective.size]
    # Three or more states are seldom the story's most-named ones by chance: "Burkina
    # Faso, Mali and Niger withdrew ... the three nations" means the list, not Nigeria.
    if candidates and collective.size >= 3:
        salient = []
    if len(salient) == collective.size and any(m[0] < collective.start for m in state_mentions):
        candidates.append((tuple(sorted(salient)), -1))
    if not candidates:
        latest: list[str] = []
        for mention in reversed(before):
            if mention[2] not in latest:
                latest.append(mention[2])
        return latest[: collective.size] if len(latest) >= collective.size else []

    def score(candidate: tuple[tuple[str, ...], int]) -> tuple[int, int]:
        group, recency = candidate
        present = sum(3 for iso3 in group if iso3 in in_sentence) + sum(frequency[iso3] for iso3 in group)
        return present, recency

    return list(max(candidates, key=score)[0])
