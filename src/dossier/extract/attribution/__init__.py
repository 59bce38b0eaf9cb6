"""Attribution: quotes and reported speech, with their speakers.

The stage reads each sentence's speech verbs from the parse (``speech``), joins them to
the quotations next to them (``quotes``): "“…,” said Kim, “…”" is one attribution with
two fragments, and a quote with no cue of its own continues the last speaker's. Speakers
are resolved to actors (``speakers``). An attribution whose cue lies inside another's
content is nested in it: "A Fars report said Mr. Rouhani referred to …".

How each event is held (``status``) is read by the events stage from these attributions
and from the hedges around the event ("could have helped", "no conclusive evidence").
"""

from __future__ import annotations

import re

from spacy.tokens import Doc

from ...nlp.syntax import text_of
from ..registry import register_stage
from .quotes import CLOSERS, Quote, find_quotes
from .speakers import Speakers, documents
from .speech import Found, find_speech, quoted_act
from .status import claim_status

__all__ = ["find_attributions", "claim_status"]

# What may stand between a quote and its cue block: “…,” said; said: “…”; said, “…”
_JOINER = re.compile(r"^[ \t,;:—–-]*$")
_MIN_CONTINUATION_WORDS = 3
FIRST_AND_SECOND_PERSON = {"i", "we", "you"}


def _adjacent_quotes(found: Found, quotes: list[Quote], text: str) -> list[Quote]:
    """The quotes of the cue's sentence that close right before its cue block ("“…,” said
    Kim") or open right after it ("Kim said: “…”")."""
    spans = [found.cue] + ([found.source] if found.source else [])
    block_start, block_end = min(s for s, _ in spans), max(e for _, e in spans)
    sentence = found.cue_token.sent
    adjacent = []
    for quote in quotes:
        closing = quote.end
        between = text[closing:block_start].lstrip(CLOSERS)  # past the closing mark, one or two
        if closing <= block_start and sentence.start_char <= closing and _JOINER.match(between):
            adjacent.append(quote)
        elif (
            quote.marks[0] >= block_end
            and quote.marks[0] < sentence.end_char
            and _JOINER.match(text[block_end : quote.marks[0]])
        ):
            adjacent.append(quote)
    return adjacent


def _speaker_on_self(found: Found, quotes: list[Quote]) -> bool:
    """ "“… I think she will release them,” said Devine": within a quote, the speaker's "I
    think", "we want", "you know" are the quote's own words, not another attribution."""
    head = found.source_head
    return head is not None and head.lower_ in FIRST_AND_SECOND_PERSON and any(q.covers(found.cue[0]) for q in quotes)


def _introduced_by_colon(doc: Doc, quote: Quote, items: list[Found]) -> bool:
    """ "Trump continued:" then a quote, often in a paragraph of its own: the sentence the
    colon ends introduces it. Its cue takes the quote as (more) content; a sentence with
    no cue lends its main verb and subject ("he called them on it: “…”")."""
    text = doc.text
    before = text[: quote.marks[0]].rstrip()
    if not before.endswith(":"):
        return False
    colon = doc.char_span(len(before) - 1, len(before), alignment_mode="expand")
    if colon is None:
        return False
    sentence = colon[0].sent
    cues = [f for f in items if sentence.start <= f.cue_token.i < sentence.end]
    if cues:
        last = max(cues, key=lambda f: f.cue[0])
        last.content = [*last.content, *quote.fragments]
        last.direct = True
        return True
    verb = sentence.root
    subjects = [c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}]
    if verb.pos_ != "VERB" or not subjects:
        return False
    subject = subjects[0]
    start = subject.left_edge.idx
    end = subject.right_edge.idx + len(subject.right_edge)
    items.append(
        Found(
            (verb.idx, verb.idx + len(verb)),
            verb,
            "reported",
            (start, end),
            subject,
            list(quote.fragments),
            True,
            "quoted",
        )
    )
    return True


def _to_the_closing_mark(content: list[tuple[int, int]], quotes: list[Quote]) -> list[tuple[int, int]]:
    """ "Trump said that “ethanol people” “do a fantastic job. And it’s so important.”": a
    reported clause that ends inside a quote goes on to the quote's end, past the sentence
    the parse ended it with."""
    start, end = content[-1]
    for quote in quotes:
        for fragment_start, fragment_end in quote.fragments:
            if fragment_start < end <= fragment_end and fragment_end > end:
                return [*content[:-1], (start, fragment_end)]
    return content


def _with_what_is_named(found: Found, fragments: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """ "called the statement “offensive and outlandish”": what is named and the name given
    it are said together; the content runs from the object to the end of the first quote."""
    objects = [c for c in found.cue_token.children if c.dep_ == "dobj" and c.idx < fragments[0][0]]
    if not objects:
        return fragments
    return [(objects[0].left_edge.idx, fragments[0][1]), *fragments[1:]]


def _inside(found: Found, quotes: list[Quote]) -> list[Quote]:
    """Quotes within a naming cue's clause: "called the drills a “rehearsal for invasion”"."""
    verb = found.cue_token
    start, end = verb.idx, verb.right_edge.idx + len(verb.right_edge)
    return [q for q in quotes if start < q.start and q.end <= end + 1]


def _goes_straight_on(text: str, end: int, mark: int) -> bool:
    """Whether only closing marks, sentence punctuation and spaces, no line break, lie between."""
    between = text[end:mark]
    return "\n" not in between and not between.strip(" \t”»\"’'.!?,;:")


def _is_sentence_opening(quote: Quote, text: str, sentence_starts: set[int]) -> bool:
    mark = quote.marks[0]
    if mark in sentence_starts:
        return True
    before = text[:mark].rstrip()
    return not before or before[-1] in '.!?”"\n'


@register_stage("attributions")
def find_attributions(doc: Doc, results: dict) -> list[dict]:
    text = text_of(doc)
    quotes = find_quotes(text)
    items: list[Found] = []
    used: set[int] = set()
    for sentence in doc.sents:
        for found in find_speech(sentence):
            if _speaker_on_self(found, quotes):
                continue
            if found.frame == "naming":
                near = _inside(found, quotes)
            else:
                near = _adjacent_quotes(found, quotes, text)
            if near:
                found.content = [f for q in near for f in q.fragments]
                if found.frame == "naming":
                    found.content = _with_what_is_named(found, found.content)
                found.direct = True
                used.update(id(q) for q in near)
            elif found.content:
                found.content = _to_the_closing_mark(found.content, quotes)
            if found.content:
                items.append(found)
    for quote in quotes:
        if id(quote) not in used and _introduced_by_colon(doc, quote, items):
            used.add(id(quote))
    cue_tokens = {f.cue_token.i for f in items}
    for quote in quotes:
        if id(quote) in used or any(s <= quote.start and quote.end <= e for f in items for s, e in f.content):
            continue  # claimed, or a partial quote within what a cue reports
        act = quoted_act(doc, quote.fragments[0])
        if act is not None and act.cue_token.i not in cue_tokens:
            act.content = list(quote.fragments)
            items.append(act)
            used.add(id(quote))
    # A quote no cue claims, opening its sentence: the last speaker goes on talking.
    sentence_starts = {s.start_char for s in doc.sents}
    continuing: list[Found] = []
    for quote in quotes:
        if id(quote) in used or not _is_sentence_opening(quote, text, sentence_starts):
            continue
        if sum(len(text[s:e].split()) for s, e in quote.fragments) < _MIN_CONTINUATION_WORDS:
            continue
        earlier = [f for f in items + continuing if f.cue[0] < quote.marks[0]]
        if not earlier:
            continue
        last = max(earlier, key=lambda f: f.cue[0])
        mark = quote.marks[0]
        if last.direct and _goes_straight_on(text, max(last.content[-1][1], last.cue_token.sent.end_char), mark):
            # "“…,” said Baron. “…”": the quote goes straight on, in the same paragraph,
            # from the speaker's last one, and is more of the same attribution
            last.content.extend(quote.fragments)
            continue
        token = doc.char_span(mark, mark + 1, alignment_mode="expand")
        continuing.append(
            Found(
                (mark, mark + 1),
                token[0] if token else last.cue_token,
                last.status,
                last.source,
                last.source_head,
                list(quote.fragments),
                direct=True,
                frame="quote",
            )
        )
        continuing[-1].speaker_of = last  # type: ignore[attr-defined]
    items.extend(continuing)
    items.sort(key=lambda f: f.cue[0])
    return _records(items, text, results.get("actors", []))


def _records(items: list[Found], text: str, actors: list[dict]) -> list[dict]:
    speakers = Speakers(actors)
    speaker_of: dict[int, str | None] = {}
    kept = []
    for item in items:
        previous = getattr(item, "speaker_of", None)
        if previous is not None:
            speaker = speaker_of.get(id(previous))
        else:
            speaker = speakers.resolve(item.source, item.source_head)
            if item.frame != "according" and not speakers.speaks(item.source_head, speaker):
                continue  # "according to the results": whatever the phrase names is a source
        kept.append(item)
        speaker_of[id(item)] = speaker
        speakers.heard(item.cue[0], speaker)
        for prep in item.cue_token.children:
            if prep.dep_ == "prep" and prep.lower_ == "in":
                for document in prep.children:
                    if document.dep_ == "pobj" and document.lemma_.lower() in documents():
                        speakers.wrote(document.lemma_.lower(), speaker)
    items = kept
    ids = {id(item): f"q{n}" for n, item in enumerate(items, start=1)}
    records = []
    for item in items:
        parent = _parent(item, items)
        records.append(
            {
                "id": ids[id(item)],
                "speaker": speaker_of[id(item)],
                "source": _span(text, *item.source) if item.source else None,
                "cue": _span(text, *item.cue),
                "content": [_span(text, s, e) for s, e in item.content],
                "direct": item.direct,
                "parent": ids[id(parent)] if parent is not None else None,
            }
        )
    return records


def _parent(item: Found, items: list[Found]) -> Found | None:
    """The innermost other attribution whose content holds this one's cue."""
    holders = [
        other
        for other in items
        if other is not item
        and any(s <= item.cue[0] < e for s, e in other.content)
        and not any(s <= other.cue[0] < e for s, e in item.content)
    ]
    return min(holders, key=lambda o: sum(e - s for s, e in o.content)) if holders else None


def _span(text: str, start: int, end: int) -> dict:
    return {"start": start, "end": end, "text": text[start:end]}
