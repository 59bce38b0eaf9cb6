"""Is a capital (or a seat of power) the state acting, or a place?

"Pyongyang and Tehran have helped fuel the war" and "Washington has charged the two"
name governments; "left Pyongyang for Tehran" and "a ceremony in Tehran" name places.
News copy marks the difference in the syntax around the name: a place is the object
of a locative preposition or of a verb of motion, an actor is everything else (subject,
object of urging or accusing, "talks with", "trade between", possessor).
"""

from __future__ import annotations

from spacy.tokens import Span, Token

# Prepositions after which a capital is where something happens.
PLACE_PREPOSITIONS = {
    "in",
    "at",
    "near",
    "inside",
    "outside",
    "across",
    "around",
    "throughout",
    "within",
    "into",
    "onto",
    "via",
    "beyond",
    "outside",
    "nearby",
    "around",
    "across",
}
# Prepositions that make a place only after a verb or noun of motion: "flew to Moscow".
MOTION_PREPOSITIONS = {"to", "from", "for", "toward", "towards"}
MOTION_WORDS = {
    "arrive",
    "arrival",
    "come",
    "depart",
    "departure",
    "drive",
    "fly",
    "flight",
    "go",
    "head",
    "journey",
    "land",
    "leave",
    "move",
    "relocate",
    "return",
    "ride",
    "sail",
    "travel",
    "trip",
    "visit",
    "tour",
    "reach",
    "enter",
    "evacuate",
    "flee",
    "stay",
    "base",
    "bring",
    "take",
    "transfer",
    "deliver",
    "ship",
    "route",
}


def _first_conjunct(token: Token) -> Token:
    while token.dep_ == "conj" and token.head.i != token.i:
        token = token.head
    return token


# Nouns of attack after which "on" a capital is the place hit: "drone attacks on Kyiv".
ATTACK_WORDS = {"attack", "strike", "raid", "shelling", "bombing", "bombardment", "assault", "barrage", "offensive"}


def _moves(token: Token) -> bool:
    """A verb or noun of motion, but not a phrasal one: "reach out to Pyongyang" is not."""
    if token.lemma_.lower() not in MOTION_WORDS:
        return False
    return not any(child.dep_ == "prt" for child in token.children)


def stands_for_state(span: Span) -> bool:
    """Whether a capital or seat of power named by ``span`` is the government acting."""
    token = _first_conjunct(span.root)
    dep, head = token.dep_, token.head
    if dep == "pobj":
        preposition = head.lower_
        if preposition in PLACE_PREPOSITIONS:
            return False
        governor = _first_conjunct(head.head) if head.dep_ == "conj" else head.head
        if preposition in MOTION_PREPOSITIONS and _moves(governor):
            return False
        if preposition == "on" and governor.lemma_.lower() in ATTACK_WORDS:
            return False
        return True
    if dep == "dobj" and _moves(head):
        return False
    # "Washington-based", "a Moscow-born": a place describing something else.
    if dep == "npadvmod" and head.lemma_.lower() in {"base", "bear", "headquarter"}:
        return False
    return True
