"""Small questions about the parse that more than one stage asks."""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

# Links that hang a phrase on the word it says something about ("on Tuesday" from "left",
# "the February 2022 invasion" from "invasion"); climbing them finds that word.
_CLIMBABLE = {
    "prep",
    "pobj",
    "pcomp",
    "npadvmod",
    "advmod",
    "compound",
    "nmod",
    "amod",
    "nummod",
    "appos",
    "poss",
    "det",
    "quantmod",
    "case",
    "tmod",
    "obl",
    "dep",
    "conj",
    "cc",
    "punct",
}


_last_text: list = [None, ""]


def text_of(doc: Doc) -> str:
    """``doc.text``, built once per document: spaCy joins every token on each call."""
    if _last_text[0] is not doc:
        _last_text[0], _last_text[1] = doc, doc.text
    return _last_text[1]


def char_span(doc: Doc, start: int, end: int) -> Span | None:
    """The tokens covering the characters ``start`` to ``end``, snapped outwards to token edges."""
    return doc.char_span(start, end, alignment_mode="expand")


def span_root(span: Span) -> Token:
    """The span's token whose head lies outside it (its first, when several do)."""
    inside = range(span.start, span.end)
    for token in span:
        if token.head.i not in inside or token.head.i == token.i:
            return token
    return span.root


def attachment(span: Span, limit: int = 8) -> Token | None:
    """The first word outside ``span`` that it hangs from, past any prepositions.

    "left Pyongyang for Tehran on Tuesday": ``left``; "the February 2022 invasion":
    ``invasion``; "meetings between officials in late-2017": ``officials`` (the parser's
    choice). None when the span heads its sentence.
    """
    inside = range(span.start, span.end)
    token = span_root(span)
    for _ in range(limit):
        head = token.head
        if head.i == token.i:
            return None
        if head.i not in inside and head.pos_ in {"VERB", "AUX", "NOUN", "PROPN"}:
            return head
        if token.dep_ not in _CLIMBABLE and head.i not in inside:
            return head
        token = head
    return None


def clause_verb(token: Token, limit: int = 8) -> Token | None:
    """The verb whose clause holds ``token``."""
    for _ in range(limit):
        if token.pos_ in {"VERB", "AUX"}:
            return token
        if token.head.i == token.i:
            return None
        token = token.head
    return None
