"""Which timex dates an event: the one that hangs from the event's words in the parse.

"left Pyongyang for Tehran on Tuesday" (the timex hangs from "left"), "the February 2022
invasion" (from "invasion"), "a series of meetings between officials in late-2017" (from
"officials", inside the phrase of "meetings"). A timex dates the first event it meets
climbing the parse, so "sent arms before the February 2022 invasion" dates the invasion,
not the sending; the climb stops at the first verb, so "said in an interview this week
that ..." dates the saying, not what was said.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc

from ...ingest.metadata import in_dateline
from ...nlp.syntax import char_span, span_root, text_of

# A duration dates an event only when it is a stretch up to or from publication.
_ANCHORED_DURATION = re.compile(r"(?:the\s+)?(?:past|last|next|coming|recent)\b", re.IGNORECASE)


def _dates_events(timex: dict, text: str) -> bool:
    if in_dateline(text, timex["span"]["start"]):
        return False
    if timex["type"] in ("date", "time"):
        return True
    return timex["type"] == "duration" and bool(_ANCHORED_DURATION.match(timex["span"]["text"]))


def _climb(doc: Doc, timex: dict) -> list[int]:
    """The tokens a timex hangs from, nearest first, up to and including the first verb."""
    span = char_span(doc, timex["span"]["start"], timex["span"]["end"])
    if span is None:
        return []
    inside = range(span.start, span.end)
    token, chain = span_root(span), []
    for _ in range(10):
        head = token.head
        if head.i == token.i:
            break
        token = head
        if head.i in inside:
            continue
        chain.append(head.i)
        if head.pos_ in {"VERB", "AUX"}:
            # "cooperation that ran from the 1980s": a relative clause dates its noun too
            if head.dep_ in {"relcl", "acl"} and head.head.pos_ in {"NOUN", "PROPN"}:
                chain.append(head.head.i)
            break
    return chain


def date_events(doc: Doc, timexes: list[dict], anchors: list[list[int]]) -> list[str | None]:
    """The timex id dating each event (given by its anchor tokens), or None."""
    text = text_of(doc)
    owner = {index: number for number, indices in enumerate(anchors) for index in indices}
    best: list[tuple[int, int, str] | None] = [None] * len(anchors)
    for timex in timexes:
        if not _dates_events(timex, text):
            continue
        for steps, index in enumerate(_climb(doc, timex)):
            if index in owner:
                number = owner[index]
                candidate = (steps, abs(doc[index].idx - timex["span"]["start"]), timex["id"])
                if best[number] is None or candidate < best[number]:
                    best[number] = candidate
                break
    return [found[2] if found else None for found in best]
