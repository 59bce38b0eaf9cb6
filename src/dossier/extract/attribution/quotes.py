"""Quotations in a text: “curly”, "straight", ‘single’, 'single', « guillemets », and the
``typewriter'' and ''doubled'' marks some papers set for double quotes.

A quote is a list of fragments, each the characters between its marks (marks excluded).
A quote that runs over paragraphs is one quote: news style leaves the paragraph that
continues open and reopens the next one with a quote mark. Apostrophes ("Korea’s",
"officials' ") are told from single quotes by the letters around them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

OPENERS = {"“": "”", "«": "»", '"': '"', "‘": "’", "'": "'"}
CLOSING_MARKS = frozenset(OPENERS.values())
CLOSERS = "".join(sorted(CLOSING_MARKS))  # for str.strip
# Two-character marks, tried before the one-character ones: ``…'' and ''…''.
DOUBLED = {"``": "''", "''": "''"}
_PARAGRAPH = re.compile(r"\n[ \t]*\n")


@dataclass
class Quote:
    fragments: list[tuple[int, int]] = field(default_factory=list)  # inner characters
    marks: list[int] = field(default_factory=list)  # where each fragment's opening mark is

    @property
    def start(self) -> int:
        return self.fragments[0][0]

    @property
    def end(self) -> int:
        return self.fragments[-1][1]

    def covers(self, position: int) -> bool:
        return any(start <= position < end for start, end in self.fragments)


def _paragraphs(text: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for match in _PARAGRAPH.finditer(text):
        spans.append((start, match.start()))
        start = match.end()
    spans.append((start, len(text)))
    return spans


def _opens(text: str, i: int, mark: str) -> bool:
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    if mark in {"'", "‘"} or mark == '"':
        # An opening mark starts a word: "(", a space or a dash before it, a word after.
        return (before.isspace() or before in '([{—–-:“"') and not after.isspace()
    return True


def _opens_doubled(text: str, i: int) -> bool:
    """''Like this'': two apostrophes open a quote where one would, a word right after."""
    before = text[i - 1] if i > 0 else " "
    after = text[i + 2] if i + 2 < len(text) else " "
    return (before.isspace() or before in '([{—–-:“"') and not after.isspace() and after != "'"


def _closes(text: str, i: int, mark: str) -> bool:
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    if mark in {"'", "’"}:
        # "Korea’s", "don't": a letter on both sides is an apostrophe.
        return not before.isspace() and not after.isalnum()
    return True


def find_quotes(text: str) -> list[Quote]:
    """Top-level quotes of ``text`` in order; quotes inside quotes stay part of their outer one."""
    quotes: list[Quote] = []
    carried: Quote | None = None  # a quote the previous paragraph left open
    for p_start, p_end in _paragraphs(text):
        open_at: int | None = None
        closer = ""
        current: Quote | None = None
        i = p_start
        width = 1  # of the opening mark
        while i < p_end:
            char, pair = text[i], text[i : i + 2]
            step = 1
            if open_at is None:
                doubled = pair == "``" or pair == "''" and _opens_doubled(text, i)
                if doubled or char in OPENERS and _opens(text, i, char):
                    width = step = 2 if doubled else 1
                    open_at, closer = i, (DOUBLED[pair] if doubled else OPENERS[char])
                    if carried is not None and i == _first_visible(text, p_start):
                        current = carried  # the paragraph reopens the quote left open
                    else:
                        if carried is not None:
                            quotes.append(carried)
                        current = Quote()
                    carried = None
            elif text.startswith(closer, i) and i > open_at + width and _closes(text, i + len(closer) - 1, closer[-1]):
                current.fragments.append((open_at + width, i))
                current.marks.append(open_at)
                quotes.append(current)
                open_at, current = None, None
                step = len(closer)
            i += step
        if carried is not None:
            quotes.append(carried)
            carried = None
        if open_at is not None and closer in {"”", "»", '"', "''"}:
            end = p_end
            while end > open_at + width and text[end - 1].isspace():
                end -= 1
            if end > open_at + width:
                current.fragments.append((open_at + width, end))
                current.marks.append(open_at)
                carried = current
    if carried is not None:
        quotes.append(carried)
    quotes.sort(key=lambda q: q.start)
    return quotes


def _first_visible(text: str, start: int) -> int:
    while start < len(text) and text[start].isspace():
        start += 1
    return start
