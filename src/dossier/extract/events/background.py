"""What is background, not an event: the checks an event must pass to be reported.

A coder codes acts between actors. A bare noun with no participant ("the war",
"sanctions", "cooperation") is background; so is the act a request, threat or promise
names, which that request, threat or promise already codes ("urged Russia to accept a
ceasefire" is one event, a request, not a request and an agreement).

Each check is a small function ``check(event, events) -> bool`` that says the event is
background; ``BACKGROUND_CHECKS`` lists them in order, and the first that holds names
why the event was set aside.
"""

from __future__ import annotations

from spacy.tokens import Token

from .coded import Coded
from .lexicon import word_set

# Events whose complement is the act they are about: that act is not coded again.
ENVELOPING_TYPES = {"REQUEST", "THREATEN"}
COMPLEMENT_DEPS = {"xcomp", "ccomp"}


# A verb's participants, named or not: "the governor threatened", "police arrested the
# organizers", "both armies violated the ceasefire".
PARTICIPANT_DEPS = {"nsubj", "nsubjpass", "agent", "dobj", "dative"}
NOUN_MODIFIER_DEPS = {"poss", "compound", "nmod", "amod", "npadvmod"}
PARTICIPANT_PREPS = {"between", "by", "with", "of", "to", "against", "on", "for", "from"}


def _clause_participants(verb: Token, deps: set[str]) -> bool:
    token, steps = verb, 0
    while steps < 3:
        if any(c.dep_ in deps for c in token.children):
            return True
        if token.dep_ not in {"xcomp", "conj", "advcl"} or token.head.i == token.i:
            return False
        token, steps = token.head, steps + 1
    return False


def no_participant(event: Coded, events: list[Coded]) -> bool:
    """A bare event noun ("the war", "sanctions", "cooperation") that names no side and
    takes none from the story; a verb counts its subject and object even when they are
    no actor Dossier knows ("the rebels vowed to resume attacks")."""
    if event.source or event.target:
        return False
    if event.trigger.verbal:
        # "staged a raid": the light verb's object is the event, not a participant
        return not _clause_participants(
            event.anchor, PARTICIPANT_DEPS - {"dobj"} if event.trigger.light else PARTICIPANT_DEPS
        )
    noun = event.trigger.noun if event.trigger.noun is not None else event.anchor
    return not (_anchored_in_time(noun) or _names_participants(noun))


def _anchored_in_time(noun: Token) -> bool:
    """ "Tuesday's attack", "the March 2023 talks": a date anchors the act, as a name would."""
    return any(c.dep_ in NOUN_MODIFIER_DEPS and c.ent_type_ in {"DATE", "TIME"} for c in noun.children)


def _names_participants(noun: Token) -> bool:
    """ "a summit between the two leaders", "attacks by the rebels", "their exit": the noun's
    phrase names who takes part, though no actor Dossier knows."""
    nouns = word_set("participant_noun")
    for child in noun.children:
        if child.dep_ == "poss":
            return True
        if child.dep_ == "prep" and child.lower_ in PARTICIPANT_PREPS:
            for obj in child.children:
                if obj.dep_ == "pobj" and (obj.pos_ in {"PRON", "PROPN"} or obj.lemma_.lower() in nouns):
                    return True
    return False


def _complement_heads(anchor: Token) -> list[Token]:
    """The verbs of the clause an event's anchor takes ("urged Russia to accept",
    "threatened to impose"), and the objects of those verbs ("to accept a ceasefire")."""
    heads = [c for c in anchor.children if c.dep_ in COMPLEMENT_DEPS]
    heads += [c for h in heads if h.dep_ in COMPLEMENT_DEPS for c in h.children if c.dep_ == "conj"]
    return heads + [o for h in heads for o in h.children if o.dep_ == "dobj"]


def enveloped_act(event: Coded, events: list[Coded]) -> bool:
    """The act a request or a threat is about: "urged Russia to accept ...", "threatened to
    impose sanctions"."""
    if event.enveloped:
        return True
    for other in events:
        if other is event or other.type not in ENVELOPING_TYPES or not other.trigger.verbal:
            continue
        if any(head.i == event.anchor.i for head in _complement_heads(other.anchor)):
            return True
    return False


BACKGROUND_CHECKS = (no_participant, enveloped_act)

# How many sentences back a back-reference ("the strike", "such collaboration") may reach.
STORY_WINDOW = 3
REFERRING_DETERMINERS = {"the", "such", "this", "that", "these", "those"}


def story_reference(event: Coded, recent: list[Coded]) -> None:
    """ "North Korea and Iran deepened their military cooperation ... no evidence of such
    collaboration": an event noun that refers back takes the sides of the last event of
    its type the story named them for."""
    if event.source or event.target or event.trigger.verbal:
        return
    noun = event.trigger.noun if event.trigger.noun is not None else event.anchor
    if not any(c.dep_ in {"det", "amod"} and c.lower_ in REFERRING_DETERMINERS for c in noun.children):
        return
    for other in reversed(recent):
        if other.type == event.type and (other.source or other.target):
            event.source, event.target = list(other.source), list(other.target)
            return


def background_reason(event: Coded, events: list[Coded]) -> str | None:
    """The name of the first check that sets the event aside, or None to keep it."""
    return next((check.__name__ for check in BACKGROUND_CHECKS if check(event, events)), None)
