"""Time: every temporal expression, normalized to a calendar interval (docs/time.md).

1. ``grammar.find_readings`` finds the expressions and reads what their words say;
2. ``tense.tense_of`` tells "met on Tuesday" from "will meet on Tuesday";
3. ``normalize.normalize`` anchors each on publication, on the last date the text gave,
   or on the date of the event it counts from ("two days after the summit").
"""

from __future__ import annotations

import re

from spacy.tokens import Doc

from ...nlp import published_of
from ...nlp.syntax import attachment, char_span, span_root, text_of
from ..registry import register_stage
from .grammar import Reading, find_readings
from .normalize import Context, Resolved, normalize
from .tense import PAST, tense_of, yearless_tense

__all__ = ["find_timexes"]


@register_stage("timexes")
def find_timexes(doc: Doc, results: dict) -> list[dict]:
    published = published_of(doc)
    dates = [(ent.start_char, ent.end_char) for ent in doc.ents if ent.label_ in ("DATE", "TIME")]
    names = [(ent.start_char, ent.end_char) for ent in doc.ents if ent.label_ in NAMES]
    text = text_of(doc)
    in_name = _inside(names)
    readings = [
        _without_article(reading, doc, text)
        for reading in find_readings(text, _inside(dates))
        if not in_name(reading.start, reading.end) and not _a_title(reading, text)
    ]
    resolved: list[Resolved] = []
    reference: Resolved | None = None
    weekdays: dict[int, object] = {}
    for index, reading in enumerate(readings):
        span = char_span(doc, reading.start, reading.end)
        context = Context(
            published=published,
            reference=reference,
            tense=(yearless_tense if reading.kind == "yearless" else tense_of)(span) if span is not None else PAST,
            known_weekdays=weekdays,
            phrase_anchor=_phrase_anchor(doc, text, readings, resolved, index, published),
            nominal=_qualifies_a_noun(span),
        )
        found = normalize(reading, context)
        resolved.append(found)
        if reading.kind == "weekday" and found.start and not reading.fields.get("relation"):
            weekdays.setdefault(reading.fields["weekday"] - 1, found.start)
        if found.anchors and reading.kind != "duration" and not _a_comparison(found, reference):
            reference = found
    return [_as_dict(index, reading, found, text) for index, (reading, found) in enumerate(zip(readings, resolved))]


# Entities whose words are a name, whatever dates they hold: "USA TODAY", "the Summer
# Olympics", "the March 1st Movement".
NAMES = {"ORG", "PERSON", "WORK_OF_ART", "FAC", "EVENT", "PRODUCT", "LAW"}
# Where a sentence, or a quote that opens it, begins: "Today, ...", "“Today we act,” ...".
_SENTENCE_END = re.compile(r"(?:^|[.!?:;\n][\"”’)]?\s*)(?:[\"“‘(]\s*)?$")


def _a_title(reading: Reading, text: str) -> bool:
    """ "told Russia Today", "on ABC's This Week": a day or week named from today, set in
    capitals inside a sentence, is a programme's or paper's name, not a date."""
    if reading.kind != "relative":
        return False
    words = text[reading.start : reading.end].split()
    if not all(word[:1].isupper() for word in words):
        return False
    return not _SENTENCE_END.search(text[max(0, reading.start - 6) : reading.start])


def _qualifies_a_noun(span) -> bool:
    if span is None:
        return False
    root = span_root(span)
    return root.dep_ in {"poss", "compound", "nmod"} and root.head.pos_ in {"NOUN", "PROPN"}


def _a_comparison(found: Resolved, reference: Resolved | None) -> bool:
    """ "profit rose in the third quarter from a year earlier": an earlier quarter named
    against the quarter a story is about is a comparison; the story stays on its quarter."""
    return (
        reference is not None
        and found.granularity == "quarter" == reference.granularity
        and found.start is not None
        and reference.start is not None
        and found.start < reference.start
    )


def _inside(ranges: list[tuple[int, int]]):
    def is_date(start: int, end: int) -> bool:
        return any(first <= start and end <= last for first, last in ranges)

    return is_date


def _without_article(reading: Reading, doc: Doc, text: str) -> Reading:
    """ "the late-1970s Iranian revolution": the "the" belongs to the revolution."""
    match = re.match(r"the\s+", text[reading.start : reading.end], re.IGNORECASE)
    if not match:
        return reading
    span = char_span(doc, reading.start, reading.end)
    if span is None or len(span) < 2:
        return reading
    last = span[-1]
    if (
        last.head.i > last.i
        and last.head.pos_ in {"NOUN", "PROPN"}
        and last.dep_ in {"compound", "nmod", "amod", "nummod"}
    ):
        return Reading(reading.kind, reading.start + match.end(), reading.end, reading.fields)
    return reading


def _phrase_anchor(
    doc: Doc, text: str, readings: list[Reading], resolved: list[Resolved], index: int, published
) -> Resolved | None:
    """The date of what "a day before <X>" counts from: X itself, or the event X names."""
    reading = readings[index]
    if not reading.fields.get("on_phrase"):
        return None
    if index + 1 < len(readings) and re.fullmatch(r"\s*(?:the\s+)?", text[reading.end : readings[index + 1].start]):
        following = readings[index + 1]  # "a day before June 25": anchor on it, resolved alone
        return normalize(following, Context(published=published))
    named = _named_after(doc, reading)
    if named is None:
        return None
    # "two days after the summit": the summit the text dated before
    for earlier, found in zip(reversed(readings[:index]), reversed(resolved)):
        span = char_span(doc, earlier.start, earlier.end)
        head = attachment(span) if span is not None else None
        if head is not None and head.lemma_.lower() == named.lemma_.lower() and found.anchors:
            return found
    return None


def _named_after(doc: Doc, reading: Reading):
    span = char_span(doc, reading.start, reading.end)
    if span is None:
        return None
    relation = span[-1]  # "before", "after"
    objects = [child for child in relation.children if child.dep_ == "pobj"]
    if not objects and relation.i + 1 < len(doc):
        following = doc[relation.i + 1 :]
        objects = [token for token in following[:6] if token.pos_ in {"NOUN", "PROPN"}][:1]
    return objects[0] if objects else None


def _as_dict(index: int, reading: Reading, found: Resolved, text: str) -> dict:
    return {
        "id": f"t{index + 1}",
        "span": {"start": reading.start, "end": reading.end, "text": text[reading.start : reading.end]},
        "type": found.type,
        "value": found.value,
        "start": found.start.isoformat() if found.start else None,
        "end": found.end.isoformat() if found.end else None,
        "granularity": found.granularity,
        "modifier": found.modifier,
    }
