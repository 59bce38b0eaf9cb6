"""Which timex dates an event: the one that hangs from the event's words in the parse.

"left Pyongyang for Tehran on Tuesday" (the timex hangs from "left"), "the February 2022
invasion" (from "invasion"), "a series of meetings between officials in late-2017" (from
"officials", inside the phrase of "meetings"). A timex dates the first event it meets
climbing the parse, so "sent arms before the February 2022 invasion" dates the invasion,
not the sending; the climb stops at the first verb, so "said in an interview this week
that ..." dates the saying, not what was said.

An event its own words leave undated takes, in this order (``STORY_DATING``):

1. ``date_of_saying``: a verbal act (an appeal, an accusation, a show of support: quad
   classes 1 and 3) the date of the saying that reports it ("On Friday, Joly said the G7
   supports ..."): saying so is the act;
2. ``date_of_same_act``: the date the story gives the same act elsewhere, the nearest
   mention of the same type between the same sides ("attacked a passenger train Tuesday"
   dates "the attack" further down);
3. ``date_in_sentence``: the one date its sentence gives, wherever it hangs;
4. ``date_of_occasion``: a verbal act, the date of the last verbal act dated before it,
   the occasion where the story's statements are made.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from ...ingest.metadata import in_dateline
from ...nlp.syntax import char_span, span_root, text_of

# A duration dates an event only when it is a stretch up to or from publication.
_ANCHORED_DURATION = re.compile(r"(?:the\s+)?(?:past|last|next|coming|recent)\b", re.IGNORECASE)


def _dates_events(timex: dict, text: str) -> bool:
    if in_dateline(text, timex["span"]["start"]):
        return False
    if timex["type"] in ("date", "time"):
        return not (timex["value"] or "").endswith("_REF")  # "recently", "now": no date of an act
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


def date_of_saying(event: dict, events: list[dict], context: "StoryContext") -> str | None:
    if event.get("quad_class") not in (1, 3) or event.get("attribution") is None:
        return None
    return context.cue_dates.get(event["attribution"])


def _compatible(one: list[str], other: list[str]) -> bool:
    """Sides that may be the same: they share an actor, or one of them is not named."""
    return not one or not other or bool(set(one) & set(other))


def _nearest(event: dict, candidates: list[dict]) -> str | None:
    if not candidates:
        return None
    position = event["trigger"]["start"]
    return min(candidates, key=lambda other: abs(other["trigger"]["start"] - position))["time"]


def date_of_same_act(event: dict, events: list[dict], context: "StoryContext") -> str | None:
    """An earlier mention of the same type, sides that may be the same, and a shared actor
    or the same word ("attacked a train Tuesday" … "died in the attack"); for an act with
    no side named ("the militants stormed it"), the nearest earlier act of its type. Only an earlier
    one: a story dates its act, then refers back to it; a later date with the same sides
    is as often another occasion told as background ("last sent a delegation in 2019")."""
    lemma = context.lemmas[id(event)]
    same = [
        other
        for other in events
        if other["trigger"]["start"] < event["trigger"]["start"]
        and other["time"] is not None
        and other["type"] == event["type"]
        and _compatible(event["source"], other["source"])
        and _compatible(event["target"], other["target"])
        and (
            set(event["source"]) & set(other["source"])
            or set(event["target"]) & set(other["target"])
            or context.lemmas.get(id(other)) == lemma
            or not event["source"]
            and not event["target"]
        )
    ]
    return _nearest(event, same)


def date_in_sentence(event: dict, events: list[dict], context: "StoryContext") -> str | None:
    """The one date its sentence gives, though it hangs elsewhere in the parse ("dismissed
    the accusations at Friday's meeting", "In December, Mogadishu announced it was cutting
    ties"); a sentence with two dates leaves the event undated."""
    start, end = event["sentence"]["start"], event["sentence"]["end"]
    dates = [timex for timex in context.dating if start <= timex["span"]["start"] < end]
    if len(dates) != 1:
        return None
    date = dates[0]["id"]
    anchor = context.anchors[id(event)]
    said_then = event.get("attribution") is not None and context.cue_dates.get(event["attribution"]) == date
    if said_then and _perfect(anchor):
        return None  # "said on Monday that rebels had attacked the base": the attack came before
    for other in events:
        if other["time"] == date and other is not event and _ordered(context.anchors.get(id(other))):
            return None  # "shipped drones before the February 2022 invasion": the invasion's date
    return date


def _perfect(anchor) -> bool:
    """ "had attacked", "have agreed": the act lies before the time of the clause around it."""
    verb = anchor if anchor.pos_ in {"VERB", "AUX"} else anchor.head
    return any(c.dep_ == "aux" and c.lemma_ == "have" for c in verb.children)


def _ordered(anchor) -> bool:
    """An event that is the object of "before", "after", "since" or "until": it orders the
    others in time rather than sharing their date."""
    return (
        anchor is not None
        and anchor.dep_ == "pobj"
        and anchor.head.lower_ in {"before", "after", "since", "until", "following", "ahead"}
    )


def date_of_occasion(event: dict, events: list[dict], context: "StoryContext") -> str | None:
    """A verbal act (quad classes 1 and 3) the story gives no date: the day of the last one
    it dates to a day before it, the occasion where the story's statements are made ("At
    Friday's meeting, ... urged ..., Nebenzia dismissed ..."); a week or a month is no
    occasion."""
    if event.get("quad_class") not in (1, 3) or event["type"] in _LOOKING_AHEAD or event["status"] == "predicted":
        return None  # "Russia will send aid": a pledge's act lies ahead of the day it was made
    position = event["trigger"]["start"]
    days = {timex["id"] for timex in context.dating if timex["granularity"] == "day"}
    earlier = [
        other
        for other in events
        if other["time"] in days and other.get("quad_class") in (1, 3) and other["trigger"]["start"] < position
    ]
    return max(earlier, key=lambda other: other["trigger"]["start"])["time"] if earlier else None


# Verbal acts whose act lies ahead: the day a pledge or offer was made is not its date.
_LOOKING_AHEAD = {"AGREE"}
# Dates fine enough to date an act from elsewhere in its sentence: "nearly two decades
# later" is a stretch of history, not the day of the attack it follows.
_DAYS_TO_YEARS = {"day", "week", "month", "quarter", "year"}


@dataclass
class StoryContext:
    cue_dates: dict[str, str]  # attribution id -> the timex dating its saying
    lemmas: dict[int, str]  # id(event) -> the lemma of its anchor
    anchors: dict[int, Token]  # id(event) -> its anchor token
    dating: list[dict]  # the timexes that may date events (no datelines, no plain durations)


STORY_DATING = (date_of_saying, date_of_same_act, date_in_sentence, date_of_occasion)


def date_from_story(
    doc: Doc, events: list[dict], anchors: list[int], timexes: list[dict], cue_dates: dict[str, str]
) -> None:
    """Give each event its own words left undated a date from the story, by the first rule
    of ``STORY_DATING`` that finds one, named in the event's ``rules``. Dates given this
    way are not passed on again: each comes from an event dated by its own words."""
    text = text_of(doc)
    own = [event["time"] for event in events]
    dated = [dict(event, time=time) for event, time in zip(events, own)]
    tokens = {id(copy): doc[anchor] for copy, anchor in zip(dated, anchors)}
    tokens.update({id(event): doc[anchor] for event, anchor in zip(events, anchors)})
    lemmas = {key: token.lemma_.lower() for key, token in tokens.items()}
    dating = [
        t
        for t in timexes
        if _dates_events(t, text) and t["type"] != "duration" and t["granularity"] in _DAYS_TO_YEARS and t["start"]
    ]  # a date with no interval ("a day before the anniversary") lends nothing
    context = StoryContext(cue_dates, lemmas, tokens, dating)
    for event, time in zip(events, own):
        if time is not None:
            continue
        for rule in STORY_DATING:
            found = rule(event, dated, context)
            if found is not None:
                event["time"] = found
                event["rules"].append(rule.__name__)
                break
