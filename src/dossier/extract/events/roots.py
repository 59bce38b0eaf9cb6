"""One root event per sentence: the event highest on the sentence's main line."""

from __future__ import annotations

from spacy.tokens import Token

from .arguments import SUBJECT_DEPS
from .coded import Coded

# Edges that keep a clause on its sentence's main line: the said, agreed-to or threatened
# clause is the news; a subordinate, relative or prepositional clause is background.
SPINE_DEPS = {"ccomp", "xcomp", "acomp", "conj", "ROOT"}


def _depth(token: Token) -> int:
    """How far below its sentence's main line a token is: each edge off the line counts."""
    depth = steps = 0
    while token.head.i != token.i and steps < 50:
        depth += token.dep_ not in SPINE_DEPS
        token = token.head
        steps += 1
    return depth


def choose_root(events: list[Coded]) -> Coded | None:
    """The event highest on the sentence's main line; but an event whose subject is
    itself an event ("The shelling of Kharkiv killed six") yields to that subject."""
    if not events:
        return None
    anchors = {e.anchor.i for e in events}

    def consequence(event: Coded) -> bool:
        verb = event.anchor
        if verb.dep_ == "conj" and not any(c.dep_ in SUBJECT_DEPS for c in verb.children):
            verb = verb.head  # "A bombing killed one soldier and wounded two others"
        return any(c.dep_ in {"nsubj", "csubj"} and c.i in anchors for c in verb.children)

    return min(events, key=lambda e: (_depth(e.anchor) + 2 * consequence(e), not e.trigger.verbal, e.anchor.i))
