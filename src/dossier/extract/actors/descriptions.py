"""What the text says of an organization: qualifiers and appositions.

"the official Korean Central News Agency", "the Iranian government-run Fars News
Agency", "Hamas, a U.S.-designated terrorist group,", "the Washington Institute for
Near East Policy — a think tank often critical of Iran —": analysts weigh a source by
these words, so they are kept as spans on the actor. A demonym before the name, or a
"Washington-based" in the apposition, also says whose the organization is when the
lexicon does not.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from spacy.tokens import Span

from ...resolve import lookup_demonym, lookup_place, lookup_state
from ...resolve.gazetteer import lookup_seat
from ...resolve.roles import is_qualifier, noun_role

_APPOSITION_OPENERS = {"a", "an", "another", "one"}
_APPOSITION_END = {",", ".", ";", ":", "—", "–", "(", ")", '"', "“", "”", "?", "!"}
_DASHES = {"—", "–", "--"}
_PLACE_SUFFIX = re.compile(r"^(.+?)-(based|headquartered)$", re.IGNORECASE)


@dataclass
class Description:
    qualifiers: list[tuple[int, int]] = field(default_factory=list)
    country: str | None = None
    sector: str | None = None


def _words_before(span: Span) -> list[list]:
    """Modifier words between the noun phrase's determiner and the name, hyphens joined."""
    doc = span.doc
    index = span.start - 1
    tokens = []
    while index >= span.sent.start:
        token = doc[index]
        if (
            token.lower_ in {"the", "a", "an", "its", "their"}
            or token.pos_ in {"VERB", "AUX", "ADP", "PRON", "SCONJ", "CCONJ"}
            and token.text != "-"
            and token.dep_ != "amod"
        ):
            break
        if token.is_punct and token.text != "-":
            break
        tokens.insert(0, token)
        index -= 1
    words: list[list] = []
    for token in tokens:
        if words and (token.text == "-" or words[-1][-1].text == "-"):
            words[-1].append(token)
        else:
            words.append([token])
    return words


def _place_country(word: str) -> str | None:
    match = _PLACE_SUFFIX.match(word)
    if not match:
        return None
    name = match.group(1)
    seat = lookup_seat(name)
    if seat is not None:
        return seat.country
    place = lookup_place(name)
    return place.country if place else (lookup_state(name))


def _possessor_state(span: Span) -> str | None:
    """ "Ivory Coast's Supreme Court", "Iraq's interim government": the owner's country."""
    for child in span.root.children:
        if child.dep_ == "poss" and child.i < span.start:
            words = [t.text for t in child.subtree if t.dep_ != "case" and t.lower_ != "the"]
            name = " ".join(words)
            return lookup_state(name) or (lookup_seat(name).country if lookup_seat(name) else None)
    return None


def describe(span: Span) -> Description:
    """Qualifiers, country and sector the words around an organization's name give it."""
    doc = span.doc
    found = Description()
    for word in _words_before(span):
        text = "".join(t.text_with_ws for t in word).strip()
        compact = text.replace(" ", "")
        state = lookup_demonym(text) or lookup_state(text)
        if state and found.country is None:
            found.country = state
        elif is_qualifier(compact) or is_qualifier(text):
            found.qualifiers.append((word[0].idx, word[-1].idx + len(word[-1])))
    if found.country is None:
        found.country = _possessor_state(span)
    after = span.end
    if after < span.sent.end and doc[after].text in {",", *_DASHES}:
        tokens = []
        for index in range(after + 1, span.sent.end):
            token = doc[index]
            if token.text in _APPOSITION_END or token.text in _DASHES:
                break
            tokens.append(token)
        if tokens and tokens[0].lower_ in _APPOSITION_OPENERS and any(t.pos_ in {"NOUN", "PROPN"} for t in tokens):
            start = tokens[1] if len(tokens) > 1 else tokens[0]
            found.qualifiers.append((start.idx, tokens[-1].idx + len(tokens[-1])))
            for token in tokens:
                country = _place_country(token.text)
                if country is None and token.i + 2 < len(doc) and doc[token.i + 1].text == "-":
                    country = _place_country(f"{token.text}-{doc[token.i + 2].text}")
                if country and found.country is None:
                    found.country = country
            nouns = [t for t in tokens if t.pos_ == "NOUN"]
            for noun in nouns:
                phrase = f"{doc[noun.i - 1].lower_} {noun.lower_}" if noun.i > 0 else noun.lower_
                role = noun_role(phrase) or noun_role(noun.lower_)
                if role is not None and role[1]:
                    found.sector = role[1]
                    break
    return found
