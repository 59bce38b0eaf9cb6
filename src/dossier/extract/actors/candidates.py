"""Named mentions: spaCy's entities, cleaned up, plus names the lexicons know.

spaCy's small English model is good at finding names and bad at their edges in news
copy. This module fixes what wire text shows again and again:

- a hyphenated pair of states is two mentions ("U.S.-North Korea tension");
- an institution named after a person is one organization ("the Daniel K. Inouye
  Asia-Pacific Center for Security Studies"), not a person and a center;
- a legal suffix ("LLC"), a lone compass word ("North") or a named event ("the Hanoi
  Summit", "the Iranian revolution") is not an actor;
- a name the lexicons know (states, capitals, seats of power, organizations, IGOs) is a
  mention even when the model missed it ("DPRK", "the Kremlin").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span

from ...lexicons import table
from ...nlp.syntax import text_of  # noqa: F401  (the stage's modules read it from here)
from ...resolve import lookup_demonym, lookup_igo, lookup_state
from ...resolve.gazetteer import is_ethnonym, known_names, lookup_ethnic_compound, lookup_seat
from ...resolve.organizations import lookup_organization, organization_names

# spaCy entity labels Dossier reads as actors.
ACTOR_LABELS = {"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP"}
_DETERMINERS = {"the", "a", "an"}
_TRAILING = {"'s", "’s", "'", "’", ",", ".", ":", ";", "-", "—", "–"}
_LEGAL_SUFFIXES = {
    "llc",
    "inc",
    "inc.",
    "ltd",
    "ltd.",
    "co",
    "co.",
    "corp",
    "corp.",
    "plc",
    "gmbh",
    "s.a.",
    "ag",
    "l.l.c.",
}
_COMPASS = {"north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest", "central"}
_HYPHEN = re.compile(r"\s*[-–]\s*")
# "an anti-Syria journalist", "pro-Iranian militias": the name says whom someone is for
# or against, not whose they are.
_STANCE_PREFIXES = {"anti", "pro"}
_STANCE_TEXT = re.compile(r"^(?:anti|pro)\s*[-–]\s*", re.IGNORECASE)
# Wire credit lines name the agency's staff, not actors: "(Reporting by ...; Editing by ...)".
_CREDIT_LINE = re.compile(
    r"\((?:[^()]*?\b(?:Reporting|Writing|Editing|Additional reporting|Compiled|Translated) by\b[^()]*)\)",
    re.IGNORECASE,
)


@dataclass
class Candidate:
    """A named mention: characters ``start:end`` of the text, and what it was found as."""

    start: int
    end: int
    label: str  # a spaCy label, or LEXICON for a lexicon match
    span: Span  # the tokens covering it, for the syntax around it

    @property
    def text(self) -> str:
        return text_of(self.span.doc)[self.start : self.end]


@lru_cache(maxsize=1)
def _non_actor_heads() -> frozenset[str]:
    return frozenset(row[0].lower() for row in table("non_actors.tsv"))


def trim(span: Span) -> Span | None:
    """The span without a leading article or a trailing possessive or punctuation."""
    start, end = span.start, span.end
    while start < end and span.doc[start].lower_ in _DETERMINERS:
        start += 1
    while end > start and (span.doc[end - 1].text in _TRAILING or span.doc[end - 1].lower_ in {"and", "or"}):
        end -= 1
    # "the Patriotic Youth Front (PYF": the model ran a name into the short form that
    # defines it; the name ends before the parenthesis
    opening = next((i for i in range(start + 1, end) if span.doc[i].text == "("), None)
    if opening is not None and not any(span.doc[i].text == ")" for i in range(opening, end)):
        end = opening
    return span.doc[start:end] if end > start else None


def stance_prefixed(span: Span) -> bool:
    """Whether a state's name is the object of "anti-" or "pro-" ("anti-Iran protesters");
    not a name of its own ("the anti-Balaka militias")."""
    rest = _STANCE_TEXT.sub("", span.text)
    if not (_resolves(rest) or lookup_igo(rest)):
        return False
    if rest != span.text:
        return True
    doc = span.doc
    return (
        span.start >= 2
        and doc[span.start - 1].text in {"-", "–"}
        and not doc[span.start - 1].whitespace_
        and doc[span.start - 2].lower_ in _STANCE_PREFIXES
        and not doc[span.start - 2].whitespace_
    ) or (span.start >= 1 and doc[span.start - 1].lower_ in {"anti-", "pro-"})


def _is_noise(span: Span, label: str) -> bool:
    words = span.text.lower().split()
    if not any(ch.isalpha() for ch in span.text):
        return True
    if all(word.strip(",.") in _LEGAL_SUFFIXES for word in words):
        return True
    if len(words) == 1 and words[0] in _COMPASS:
        return True
    # A named event ("the Hanoi Summit") is not an actor; a known name never is noise.
    if label in {"ORG", "LOC", "FAC", "GPE", "NORP"} and words[-1] in _non_actor_heads():
        return lookup_organization(span.text) is None and lookup_igo(span.text) is None
    return False


def _resolves(text: str) -> bool:
    return bool(lookup_state(text) or lookup_demonym(text) or lookup_seat(text))


def _split_hyphenated(doc: Doc, span: Span, label: str) -> list[Candidate]:
    """ "U.S.-North Korea" -> "U.S." and "North Korea", when every part is a state."""
    text = span.text
    if label not in {"GPE", "NORP", "ORG", "LOC"} or not _HYPHEN.search(text):
        return []
    parts, offset = [], span.start_char
    for piece in _HYPHEN.split(text):
        position = text.index(piece, offset - span.start_char) + span.start_char
        parts.append((position, position + len(piece), piece))
        offset = position + len(piece)
    if len(parts) < 2 or not all(piece and _resolves(piece) for _, _, piece in parts):
        return []
    found = []
    for start, end, _ in parts:
        tokens = doc.char_span(start, end, alignment_mode="expand")
        found.append(Candidate(start, end, "GPE" if label != "NORP" else "NORP", tokens))
    return found


def _without_leading_title(span: Span, label: str) -> tuple[Span, str]:
    """ "State Gregory Baines" of "Secretary of State Gregory Baines", "Lt. Col. Avi
    Mizrahi": the model often takes a title's last words into the name."""
    from ...resolve.roles import is_title

    if label not in {"PERSON", "ORG"} or len(span) < 3:
        return span, label
    doc = span.doc
    for k in range(min(3, len(span) - 2), 0, -1):
        before = [t.lower_ for t in doc[max(span.sent.start, span.start - 3) : span.start]]
        inside = [t.lower_ for t in span[:k]]
        words = before + inside
        if any(is_title(" ".join(words[i:])) for i in range(len(before) + 1)) or all(is_title(w) for w in inside):
            rest = span[k:]
            if all(t.is_title or t.text == "-" for t in rest) and len(rest) >= 2:
                return rest, "PERSON"
    return span, label


def _merge_named_after(entities: list[Span]) -> list[tuple[Span, str]]:
    """Join a person or organization directly followed by an organization into one."""
    merged: list[tuple[Span, str]] = []
    for ent in entities:
        if merged:
            last, last_label = merged[-1]
            if (
                ent.label_ == "ORG"
                and last_label in {"PERSON", "ORG"}
                and last.end == ent.start
                and not any(t.is_punct for t in (last[-1], ent[0]))
            ):
                merged[-1] = (ent.doc[last.start : ent.end], "ORG")
                continue
        merged.append((ent, ent.label_))
    return merged


@lru_cache(maxsize=4)
def _matchers(vocab_id: int, vocab) -> tuple[PhraseMatcher, PhraseMatcher]:
    """(case-folded matcher for names, exact-case matcher for acronyms)."""
    folded = PhraseMatcher(vocab, attr="LOWER")
    exact = PhraseMatcher(vocab, attr="ORTH")
    names: set[str] = set(known_names())
    acronyms = {n for n in organization_names() if n.replace(".", "").isupper()}
    names.update(n for n in organization_names() if n not in acronyms)
    make = vocab_tokenizer(vocab)
    folded.add("NAME", [make(name) for name in sorted(names) if len(name) > 2])
    exact.add("ACRONYM", [make(name) for name in sorted(acronyms)])
    return folded, exact


def vocab_tokenizer(vocab):
    """A tokenizer on the pipeline's vocab, so phrase patterns tokenize as the text does."""
    from spacy.lang.en import English

    return English(vocab=vocab).tokenizer


def _lexicon_matches(doc: Doc) -> list[Span]:
    folded, exact = _matchers(id(doc.vocab), doc.vocab)
    spans = []
    for matcher in (folded, exact):
        for _, start, end in matcher(doc):
            span = doc[start:end]
            # News capitalizes names: "the state department" in lower case is not one.
            if span[0].is_title or span[0].is_upper or not span[0].is_alpha:
                spans.append(span)
    # Longest first, then leftmost, keeping no overlaps.
    spans.sort(key=lambda s: (-(s.end - s.start), s.start))
    kept: list[Span] = []
    taken: set[int] = set()
    for span in spans:
        if not taken.intersection(range(span.start, span.end)):
            kept.append(span)
            taken.update(range(span.start, span.end))
    return kept


_KIND_LABELS = {
    "person": "PERSON",
    "organization": "ORG",
    "state": "GPE",
    "location": "GPE",
    "igo": "ORG",
    "group": "NORP",
}


@lru_cache(maxsize=8)
def _dictionary_matcher(vocab_id: int, vocab, dictionary) -> PhraseMatcher:
    matcher = PhraseMatcher(vocab, attr="LOWER")
    make = vocab_tokenizer(vocab)
    for entry in dictionary.entries:
        label = _KIND_LABELS.get(entry.kind, "ORG")
        matcher.add(label, [make(name) for name in (entry.name, *entry.aliases)])
    return matcher


def find_candidates(doc: Doc, dictionaries=()) -> list[Candidate]:
    """Named mentions in text order, none overlapping another.

    Names in the actor ``dictionaries`` are found even where the model missed them.
    """
    entities = [ent for ent in doc.ents if ent.label_ in ACTOR_LABELS]
    found: list[Candidate] = []
    noise: set[int] = set()
    credits = [m.span() for m in _CREDIT_LINE.finditer(text_of(doc))]
    for ent, label in _merge_named_after(entities):
        span = trim(ent)
        if span is None:
            continue
        if any(start <= span.start_char < end for start, end in credits):
            noise.update(range(ent.start, ent.end))
            continue
        span, label = _without_leading_title(span, label)
        if stance_prefixed(span):
            noise.update(range(ent.start, ent.end))
            continue
        if (
            label in {"PERSON", "ORG"}
            and not lookup_organization(span.text)
            and (
                lookup_demonym(span.text)
                or lookup_ethnic_compound(span.text)
                or is_ethnonym(span.text)
                and span.text != "Christian"
            )
        ):
            label = "NORP"  # "Ugandan opposition candidates", "Bosnian Serbs": a people, not a person
        pieces = _split_hyphenated(doc, span, label)
        if pieces:
            found.extend(pieces)
        elif not _is_noise(span, label):
            found.append(Candidate(span.start_char, span.end_char, label, span))
        else:
            noise.update(range(ent.start, ent.end))
    matches = [(span, "LEXICON") for span in _lexicon_matches(doc)]
    for dictionary in reversed([d for d in dictionaries if d]):
        matcher = _dictionary_matcher(id(doc.vocab), doc.vocab, dictionary)
        matches = [
            (doc[start:end], doc.vocab.strings[label])
            for label, start, end in matcher(doc)
            if doc[start].is_title or doc[start].is_upper
        ] + matches
    # Lexicon names the model missed, or cut short ("External Economic Relations"); not
    # inside a name that is noise ("Hanoi" in "the Hanoi Summit").
    covered = {i for c in found for i in range(c.span.start, c.span.end)} | noise
    for match, label in matches:
        match = trim(match) or match
        if noise.intersection(range(match.start, match.end)) or stance_prefixed(match):
            continue
        overlapping = [c for c in found if c.span.start < match.end and c.span.end > match.start]
        inside = [c for c in overlapping if c.span.start >= match.start and c.span.end <= match.end]
        if not overlapping and not covered.intersection(range(match.start, match.end)):
            found.append(Candidate(match.start_char, match.end_char, label, match))
        elif (
            overlapping
            and len(inside) == len(overlapping)
            and (
                sum(c.span.end - c.span.start for c in inside) < match.end - match.start
                # A listed organization the model took for a person or a place ("the
                # Houthis", "Kayhan"), or a name the actor dictionaries know.
                or len(inside) == 1
                and inside[0].span.start == match.start
                and inside[0].span.end == match.end
                and inside[0].label != label
                and (
                    label != "LEXICON"
                    or lookup_organization(match.text) is not None
                    and not _resolves(match.text)
                    # "Kyiv", "Sri Lanka" taken for a person: a one-word capital or a state's
                    # name, with no title before.
                    or inside[0].label == "PERSON"
                    and _resolves(match.text)
                    and (len(match) == 1 or lookup_state(match.text) is not None)
                    and (match.start == 0 or not doc[match.start - 1].is_title)
                )
            )
        ):
            for c in inside:
                found.remove(c)
            found.append(Candidate(match.start_char, match.end_char, label, match))
        covered.update(range(match.start, match.end))
    found.sort(key=lambda c: c.start)
    return _join_peoples(doc, found)


def _people_pair(first: Span, second: Span) -> Span | None:
    """ "Iraqi Kurds", "Bosnian Croats": a demonym or state, then a people heading the phrase."""
    if first.end != second.start or not is_ethnonym(second.text):
        return None
    if second.root.dep_ in {"amod", "compound"} and second.root.head.i >= second.end:
        return None  # "U.S. Arab allies": the people word only modifies a noun
    span = first.doc[first.start : second.end]
    return span if lookup_ethnic_compound(span.text) else None


def _join_peoples(doc: Doc, found: list[Candidate]) -> list[Candidate]:
    """One mention for a state's people of another ethnicity, whether the model tagged
    the two words apart ("Iraqi" "Kurds") or not at all ("Bosnian Croats")."""
    joined: list[Candidate] = []
    for candidate in found:
        last = joined[-1] if joined else None
        if last is not None and last.label in {"NORP", "GPE"} and candidate.label in {"NORP", "PERSON"}:
            pair = _people_pair(last.span, candidate.span)
            if pair is not None:
                joined[-1] = Candidate(pair.start_char, pair.end_char, "NORP", pair)
                continue
        joined.append(candidate)
    covered = {i for c in joined for i in range(c.span.start, c.span.end)}
    added = False
    for token in doc[:-1]:
        if not token.is_title or token.i in covered or token.i + 1 in covered or not doc[token.i + 1].is_title:
            continue
        if lookup_demonym(token.text) is None:
            continue
        pair = _people_pair(doc[token.i : token.i + 1], doc[token.i + 1 : token.i + 2])
        if pair is not None:
            joined.append(Candidate(pair.start_char, pair.end_char, "NORP", pair))
            added = True
    if added:
        joined.sort(key=lambda c: c.start)
    return joined


def is_dateline(candidate: Candidate) -> bool:
    """ "VILNIUS, March 4 (Reuters) -", "SEOUL —": the place a story was filed from."""
    span = candidate.span
    text = candidate.text
    if not text.replace(" ", "").replace(".", "").isupper() or len(text) < 3:
        return False
    whole = text_of(span.doc)
    line_start = whole.rfind("\n", 0, candidate.start) + 1
    before = whole[line_start : candidate.start]
    after = whole[candidate.end : candidate.end + 2]
    return not before.strip(" ,") or before.strip().isupper() and after[:1] in {",", " "}
