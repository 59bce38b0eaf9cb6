"""Which way a date without its year or week points: "met on Tuesday" is the last Tuesday,
"will meet on Tuesday" the next, and "said it would leave in early February" the nearer."""

from __future__ import annotations

from spacy.tokens import Span

from ...nlp.syntax import attachment, clause_verb, span_root
from .lexicon import words

PAST, FUTURE, NEAREST = "past", "future", "nearest"

_FUTURE_AUXILIARIES = {"will", "'ll", "shall", "wo"}
_SCHEDULED = {"expected", "scheduled", "slated", "due"}
_UPCOMING = {"upcoming", "next", "forthcoming", "expected", "scheduled", "planned", "proposed", "coming"}


def tense_of(span: Span) -> str:
    """``FUTURE``, ``PAST``, or ``NEAREST`` where the clause reports a past future ("would")."""
    verb = clause_verb(span_root(span))
    cues = words("future_cue")
    seen = 0
    while verb is not None and seen < 4:
        auxiliaries = [child for child in verb.children if child.dep_ in {"aux", "auxpass"}]
        if not auxiliaries and verb.dep_ == "conj" and verb.head.pos_ in {"VERB", "AUX"}:
            # "will leave on Monday and return on August 6": the second verb shares the "will"
            auxiliaries = [child for child in verb.head.children if child.dep_ in {"aux", "auxpass"}]
        perfect = any(child.lower_ == "have" for child in auxiliaries)
        if any(child.lower_ in _FUTURE_AUXILIARIES for child in auxiliaries) and not perfect:
            return FUTURE
        if any(child.lower_ == "would" for child in auxiliaries) and not perfect:
            return NEAREST  # future from a past saying: either side of publication
        # "is scheduled for Tuesday"; through a complement, "plans to visit on Tuesday"
        if verb.lower_ in (cues if seen else _SCHEDULED):
            return FUTURE
        # "leaders are meeting on Thursday", "the summit opens on Friday": in news copy
        # the present dates what is scheduled, the past what happened
        if verb.tag_ == "VBG" and any(child.tag_ in {"VBZ", "VBP"} for child in auxiliaries):
            return FUTURE
        if seen == 0 and verb.tag_ in {"VBZ", "VBP"} and not auxiliaries:
            return FUTURE
        if verb.dep_ not in {"xcomp", "ccomp"} or verb.head.i == verb.i:
            break
        verb = verb.head  # "is expected to visit", "plans to travel"
        seen += 1
    return FUTURE if _upcoming(span) else PAST


def _upcoming(span: Span) -> bool:
    """ "the expected arrival of March 26", "next Tuesday's vote": the noun looks ahead."""
    head = attachment(span)
    return head is not None and any(
        child.lower_ in _UPCOMING for child in head.children if child.dep_ in {"amod", "advmod"}
    )


# Prepositions that bound a span of time rather than place a past act in it: "extended
# the offer to Nov. 20", "to be completed by Dec. 15".
_BOUNDS = {"to", "until", "till", "through", "by", "before"}


def yearless_tense(span: Span) -> str:
    """Which way a month or day without its year points. Reporters leave the year out of
    dates near publication, so a deadline ("extended to Nov. 20", "by Dec. 15") or a date
    that qualifies a noun rather than a verb ("payable Dec. 7", "of record Nov. 22",
    "effective Feb. 1") is the nearest one; otherwise the clause's tense decides."""
    root = span_root(span)
    head = root.head
    if head.i != root.i and head.dep_ == "prep" or root.dep_ == "pobj":
        preposition = head if head.dep_ == "prep" else None
        if preposition is not None and preposition.lower_ in _BOUNDS:
            return NEAREST
    if head.i != root.i and root.dep_ in {"npadvmod", "nmod", "appos", "pobj"} and head.pos_ in {"ADJ", "NOUN"}:
        return NEAREST
    anchor = attachment(span)
    if anchor is not None and anchor.pos_ in {"NOUN", "PROPN", "ADJ"}:
        return NEAREST
    return tense_of(span)
