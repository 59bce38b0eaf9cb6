"""Which actor a speaker's phrase names: "Ban Kil Joo, a research professor", "he",
"the agency", "the foundation's report", "A Fars News Agency report".

A name the actors stage found is read from its mentions; a pronoun is the last speaker
of its kind, else the nearest actor of its kind before it; a short form ("the agency",
"the ministry") is the nearest actor before it whose name has that word, else the nearest
of that kind; a document ("the report", "a statement from the ministry") speaks for
its author.
"""

from __future__ import annotations

from bisect import bisect_left

from spacy.tokens import Token

from .lexicon import can_speak, speaker_nouns

OWNER_DEPS = {"compound", "poss", "amod", "nmod", "appos"}
PERSON_PRONOUNS = {"he", "she", "him", "her", "i"}
OTHER_PRONOUNS = {"it", "they", "we"}


def documents() -> frozenset[str]:
    """Nouns of texts that speak for their author ("the report said")."""
    return speaker_nouns()["document"]


class Speakers:
    """Resolves speaker phrases of one document to actor ids."""

    def __init__(self, actors: list[dict]):
        self.kind = {a["id"]: a["kind"] for a in actors}
        self.name = {a["id"]: a["name"].lower() for a in actors}
        self.titles = {a["id"]: " ".join((r.get("title") or "").lower() for r in a.get("roles", ())) for a in actors}
        mentions = sorted((m["start"], m["end"], a["id"]) for a in actors for m in a.get("mentions", ()))
        self.mentions = mentions
        self.starts = [m[0] for m in mentions]
        self.spoken: list[tuple[int, str]] = []  # (position, actor id) of speakers so far
        self.last_document: str | None = None  # who wrote the last report or statement quoted
        self.documents: dict[str, str] = {}  # "report" -> who last spoke in one

    def wrote(self, noun: str, actor: str | None) -> None:
        """ "The foundation said in a report ...": the foundation is the report's author."""
        if actor is not None:
            self.documents[noun] = self.last_document = actor

    def heard(self, position: int, actor: str | None) -> None:
        if actor is not None:
            self.spoken.append((position, actor))

    def resolve(self, span: tuple[int, int] | None, head: Token | None) -> str | None:
        if span is None:
            return None
        start, end = span
        inside = [(s, e, a) for s, e, a in self._overlapping(start, end)]
        if head is not None:
            word = head.lower_
            if head.pos_ == "PRON" or word in PERSON_PRONOUNS | OTHER_PRONOUNS:
                return self._pronoun(word, start)
            # "the EU's foreign policy chief, Anna Lindqvist", "Houthi military spokesman
            # Abdulmalik al-Hadi": the person named speaks, not the body they speak for.
            phrase = self._named_first(head, self._phrase(head, inside))
            people = [a for s, e, a in phrase if self.kind.get(a) == "person"]
            if people:
                return people[0]
            inside = phrase + [m for m in inside if m not in phrase]
            at_head = [a for s, e, a in inside if s <= head.idx < e]
            if at_head:
                return at_head[0]
            if head.lemma_.lower() in documents():
                author = self._author(head, inside)
                if author is None:
                    # "the January 2016 report" again: who last spoke in a report
                    author = self.documents.get(head.lemma_.lower())
                if author is not None:
                    self.documents[head.lemma_.lower()] = self.last_document = author
                return author
            elif not inside and head.pos_ == "NOUN":
                if head.tag_ == "NNS" and head.lemma_.lower() in speaker_nouns()["person"]:
                    return None  # "officials said": people the text does not name, not the last speaker
                return self._short_form(head.lemma_.lower(), start)
            # "Iranian officials", "Seoul's spy agency": an actor modifying the head speaks;
            # "Signs of cooperation between Iran and ..." do not make Iran the speaker.
            near = {t.i for child in head.children if child.dep_ in OWNER_DEPS for t in child.subtree}
            inside = [(s, e, a) for s, e, a in inside if any(head.doc[i].idx in range(s, e) for i in near)]
        return inside[0][2] if inside else None

    @staticmethod
    def _named_first(head: Token, found: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
        """ "A retired air force general, Koichi Mori", "the state news agency RIA Novosti":
        the name before the description."""
        doc = head.doc

        def named(mention: tuple[int, int, str]) -> bool:
            span = doc.char_span(mention[0], mention[1], alignment_mode="expand")
            return span is not None and span[-1].pos_ == "PROPN"

        return sorted(found, key=lambda m: not named(m))

    def _phrase(self, head: Token, inside: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
        """Actors of the head, its modifiers and appositions: not of its prepositional phrases."""
        near = {head.i} | {
            t.i for child in head.children if child.dep_ in OWNER_DEPS | {"appos"} for t in child.subtree
        }
        near = {i for i in near if not any(a.dep_ == "prep" for a in head.doc[i].ancestors if a.i in near)}
        return [(s, e, a) for s, e, a in inside if any(s <= head.doc[i].idx < e for i in near)]

    def _overlapping(self, start: int, end: int) -> list[tuple[int, int, str]]:
        first = max(0, bisect_left(self.starts, start) - 8)
        return [m for m in self.mentions[first:] if m[0] < end and m[1] > start]

    def _author(self, head: Token, inside: list[tuple[int, int, str]]) -> str | None:
        # "the foundation's report", "A statement from the ministry", "the agency's dispatch"
        for child in head.children:
            if child.dep_ in {"poss", "compound"} or child.dep_ == "prep" and child.lower_ in {"from", "by", "of"}:
                owner = child if child.dep_ != "prep" else next((c for c in child.children if c.dep_ == "pobj"), None)
                if owner is None:
                    continue
                named = [a for s, e, a in inside if s <= owner.idx < e]
                if named:
                    return named[0]
                if owner.pos_ == "NOUN":
                    return self._short_form(owner.lemma_.lower(), head.idx)
        return inside[0][2] if inside else None

    def _before(self, position: int) -> list[tuple[int, int, str]]:
        return self.mentions[: bisect_left(self.starts, position)]

    def speaks(self, head: Token | None, speaker: str | None) -> bool:
        """Whether a phrase can be a speaker at all: "Signs of cooperation suggest" cannot."""
        if head is None or speaker is not None:
            return True
        lemma = head.lemma_.lower()
        return head.pos_ in {"PRON", "PROPN"} or head.ent_type_ != "" or can_speak(lemma)

    def _pronoun(self, word: str, position: int) -> str | None:
        if word == "it" and self.last_document is not None:
            # "the report said ...; it asserted": the document goes on speaking
            if self.spoken and self.spoken[-1][1] == self.last_document:
                return self.last_document
        person = word in PERSON_PRONOUNS
        for _, actor in reversed([s for s in self.spoken if s[0] < position]):
            if (self.kind.get(actor) == "person") == person or word in {"they", "we"}:
                return actor
        for _, _, actor in reversed(self._before(position)):
            if (self.kind.get(actor) == "person") == person:
                return actor
        return None

    def _short_form(self, noun: str, position: int) -> str | None:
        before = list(reversed(self._before(position)))
        for _, _, actor in before:
            if noun in self.name[actor].split() or noun in self.titles[actor].split():
                return actor
        nouns = speaker_nouns()
        if noun not in nouns["person"] | nouns["organization"]:
            return None  # "the timing suggested", "critics said": no one named before
        wanted_person = noun in nouns["person"]
        for _, actor in reversed([s for s in self.spoken if s[0] < position]):
            if (self.kind.get(actor) == "person") == wanted_person:
                return actor
        return None
