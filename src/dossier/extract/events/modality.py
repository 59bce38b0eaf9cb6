"""How a clause holds its act: negation, statements of intent, conditions."""

from __future__ import annotations

from spacy.tokens import Token

from .lexicon import intent_words


OBLIGATION = {"must", "should"}


NEGATIONS = {"not", "n't", "never", "no"}


# "may halt mediation if ...", "could cut aid unless ...": a conditional statement of intent.
CONDITIONAL_MODALS = {"may", "might", "could"}


CONDITION_MARKERS = {"if", "unless"}


def is_negated(anchor: Token) -> bool:
    for child in anchor.children:
        if child.dep_ == "neg" or (child.dep_ in {"advmod", "det"} and child.lower_ in NEGATIONS):
            return True
    return False


def states_intent(verb: Token) -> bool:
    words = intent_words()
    if any(c.dep_ == "aux" and words.get(c.lower_) == "modal" for c in verb.children):
        return True
    if any(c.dep_ == "aux" and c.lower_ in CONDITIONAL_MODALS for c in verb.children) and has_condition(
        verb, CONDITION_MARKERS
    ):
        return True  # "may halt its mediation if the fighting goes on"
    head = verb.head
    if verb.dep_ == "advcl" and not any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
        return False
    # "vowed to fight", and "have sworn to fight until ..." parsed as a purpose clause
    return verb.dep_ in {"xcomp", "advcl"} and words.get(head.lemma_.lower()) == "predicate"


def has_condition(verb: Token, marks: frozenset[str] | set[str] = frozenset({"unless"})) -> bool:
    """ "will withdraw its force unless ...": a promise on a condition is a threat."""
    return any(c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in marks for m in c.children) for c in verb.children)


CONDITION_MARKS = {"if", "unless"}

