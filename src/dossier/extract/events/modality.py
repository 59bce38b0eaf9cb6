"""How a clause holds its act: negation, statements of intent, conditions."""

from __future__ import annotations

from spacy.tokens import Token

from .lexicon import intent_words, word_set

# Modals that put an act to someone, and the CAMEO code of that request: "must" demands
# (10), "should" appeals (02).
OBLIGATION = {"must": "100", "should": "020", "ought": "020"}
# Verbs that do the same with an infinitive: "both sides need to do difficult things".
NEEDING_VERBS = {"need": "020", "have": "020"}
NEGATIONS = {"not", "n't", "no"}
# "may halt mediation if ...", "could cut aid unless ...": a conditional statement of intent.
CONDITIONAL_MODALS = {"may", "might", "could"}
CONDITION_MARKERS = {"if", "unless"}
# How an act hangs from a word that says it is not done: "declined to threaten",
# "avoided condemning", "reluctance to endorse", "stopped short of recognizing".
NEGATED_COMPLEMENT_DEPS = {"xcomp", "pcomp", "acl", "ccomp", "dobj", "pobj", "prep"}


def _negating_adverb(token: Token) -> bool:
    """ "never", "seldom"; "no longer" as the parse gives it ("longer" with "no")."""
    words = word_set("negating_adverb")
    if token.dep_ not in {"advmod", "neg"}:
        return False
    if token.lower_ in words:
        return True
    return any(f"{c.lower_} {token.lower_}" in words for c in token.children if c.i < token.i)


def is_negated(anchor: Token) -> bool:
    """The clause says its act does not happen: "did not attack", "never will accept",
    "no longer supports"."""
    for child in anchor.children:
        if child.dep_ == "neg" or (child.dep_ in {"advmod", "det"} and child.lower_ in NEGATIONS):
            return True
        if _negating_adverb(child):
            return True
    return False


def _governor_words(token: Token) -> set[str]:
    """A governor's lemma, and with its particle or preposition ("stop short of")."""
    words = {token.lemma_.lower(), token.lower_}
    for child in token.children:
        if child.dep_ in {"prt", "advmod", "acomp"}:
            for prep in child.children:
                words.add(f"{token.lemma_.lower()} {child.lower_} {prep.lower_}")
            words.add(f"{token.lemma_.lower()} {child.lower_}")
    return words


def negated_by_governor(anchor: Token) -> bool:
    """The act is the complement of a word that says it is not done ("declined to
    threaten Moscow", "avoids condemning Russia", "signaling its reluctance to endorse the
    proposal"), and that word is not itself negated ("did not hesitate to strike")."""
    governors = word_set("negating_governor")
    token, steps = anchor, 0
    while token.head.i != token.i and token.dep_ in NEGATED_COMPLEMENT_DEPS and steps < 3:
        head = token.head
        if _governor_words(head) & governors:
            return not is_negated(head)
        if head.pos_ == "ADP" or token.dep_ == "prep":
            token, steps = head, steps + 1
            continue
        if head.pos_ not in {"VERB", "AUX", "NOUN", "ADJ"}:
            return False
        token, steps = head, steps + 1
    return False


def speech_act_status(type_: str, cameo: str, status: str) -> str:
    """An accusation, appeal, threat, rejection, pledge or praise reported from a source
    is an act done by saying it: the article asserts it was said."""
    acts = word_set("speech_act")
    if status == "reported" and (type_ in acts or cameo in acts):
        return "asserted"
    return status


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
    return any(
        c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in marks for m in c.children) for c in verb.children
    )


CONDITION_MARKS = {"if", "unless"}
