"""Reported speech and its parts, read from the parse: cue, source and content.

"X said (that) Y", "Y, X said", "“Y,” said X", "X told reporters Y", "according to X, Y",
"X accused Z of Y", "X urged Z to Y", "X called it a “Y”", "X referred to Y", and their
participial continuations ("…, adding Y"), which share the speaker of the verb they hang on.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from .lexicon import Cue, can_speak, cues, speaker_nouns
from .quotes import CLOSING_MARKS, OPENERS

SUBJECTS = {"nsubj", "nsubjpass", "csubj"}
# Words that make a cue no speech act: "declined to comment", "did not say", "asked whether".
REFUSALS = {"decline", "refuse", "fail"}
QUESTION_WORDS = {"whether", "if", "when", "why", "how", "what", "who", "where"}
ASKING = {"ask", "question", "wonder", "inquire", "doubt"}
CONTINUATIONS = {"advcl", "conj", "xcomp", "dep"}
# Cues whose passive subject is the one spoken to, not what is said: "was told to leave".
ADDRESSED = {"tell", "warn", "caution", "remind", "assure", "inform", "promise"}
# Cues whose object is no proposition in another sense ("added 100 warheads", "showed signs
# of torture", "found the bodies", "knows these seas") unless a document is their subject ("the poll showed a lead").
NO_THING_SAID = {"add", "show", "find", "know"}


@dataclass
class Found:
    """One attribution found in a sentence, in character offsets."""

    cue: tuple[int, int]
    cue_token: Token
    status: str
    source: tuple[int, int] | None
    source_head: Token | None
    content: list[tuple[int, int]] = field(default_factory=list)
    direct: bool = False
    frame: str = "clause"


def match_cue(token: Token) -> Cue | None:
    """The cue row a token starts, if it is a speech verb (or "according to") in use; a
    noun takes only the rows of frame ``noun`` ("his claim that ..."), a verb the others."""
    rows = cues().get(token.lemma_.lower()) or cues().get(token.lower_)
    if not rows:
        return None
    doc = token.doc
    nominal = token.pos_ == "NOUN"
    for cue in rows:
        if (cue.frame == "noun") != nominal and cue.words[0] != "according":
            continue
        following = [t.lower_ for t in doc[token.i + 1 : token.i + len(cue.words)]]
        if list(cue.words[1:]) == following:
            return cue
    return None


def _trimmed(tokens: list[Token]) -> tuple[int, int] | None:
    """Characters of a token run without edge punctuation, a leading "that" or a dateline."""
    while tokens and tokens[-1].is_space:
        tokens = tokens[:-1]
    dash = next((k for k, t in enumerate(tokens[:8]) if t.text in {"—", "–", "--"}), None)
    if dash is not None and dash > 0 and all(t.is_upper or t.is_punct or t.is_space for t in tokens[:dash]):
        tokens = tokens[dash + 1 :]  # a dateline, "SEOUL —", is not part of what is said
    while tokens and (
        tokens[0].is_space
        or tokens[0].is_punct
        and tokens[0].text not in {"“", '"', "‘", "«", "'"}
        or tokens[0].lower_ == "that"
        and tokens[0].dep_ == "mark"
    ):
        tokens = tokens[1:]
    while tokens and (tokens[-1].is_space or tokens[-1].is_punct and tokens[-1].text not in {"”", '"', "’", "»", "'"}):
        tokens = tokens[:-1]
    if not tokens:
        return None
    return tokens[0].idx, tokens[-1].idx + len(tokens[-1])


def _subtree(token: Token, without: Token | None = None) -> list[Token]:
    excluded = set(t.i for t in without.subtree) if without is not None else set()
    return [t for t in token.subtree if t.i not in excluded]


def _source_tokens(subject: Token) -> list[Token]:
    """The subject's phrase, its appositions and relative clauses, not a participle after it."""
    tokens = []
    for t in subject.subtree:
        if t.i > subject.i and t.dep_ in {"acl", "advcl"} and t.tag_ == "VBG" and t.head.i == subject.i:
            break
        tokens.append(t)
    return tokens


FIRST_PERSON = {"i", "we"}


def _quoted(token: Token) -> bool:
    """Whether a token stands inside quotation marks in its sentence."""
    opened = False
    for t in token.sent:
        if t.i >= token.i:
            return opened
        if t.text in OPENERS and not opened:
            opened = True
        elif t.text in CLOSING_MARKS and opened:
            opened = False
    return opened


def _subject_of(verb: Token) -> Token | None:
    """The subject; of two ("arms experts Lami Kim said"), the one next to the verb."""
    subjects = [c for c in verb.children if c.dep_ in SUBJECTS]
    return max(subjects, key=lambda c: c.i if c.i < verb.i else -c.i) if subjects else None


def _subjects_of(verb: Token) -> list[Token]:
    return [c for c in verb.children if c.dep_ in SUBJECTS]


def _negated(verb: Token) -> bool:
    return any(c.dep_ == "neg" for c in verb.children) or verb.head.lemma_.lower() in REFUSALS and verb.dep_ == "xcomp"


def _a_question(clause: Token) -> bool:
    first = clause.left_edge
    return first.lower_ in QUESTION_WORDS and first.dep_ in {"mark", "advmod"} and first.i < clause.i


def _asks(cue: Cue, clause: Token) -> bool:
    """A question put by a cue of asking ("asked whether ...") is no claim; one a cue
    reports ("explained why the polls were off", "told them how he saved it") is."""
    return cue.lemma in ASKING and _a_question(clause)


def find_speech(sentence: Span) -> list[Found]:
    """Every attribution of one sentence that the parse shows, in text order."""
    found: list[Found] = []
    by_verb: dict[int, Found] = {}
    for token in sentence:
        cue = match_cue(token)
        if cue is None:
            continue
        if cue.words[0] == "according":
            item = _according(token, cue)
        elif cue.frame == "noun":
            item = _nominal(token, cue)
        elif (
            token.pos_ not in {"VERB", "AUX"}
            or token.dep_ in {"amod", "compound"}
            or (token.dep_ == "acl" and token.tag_ == "VBN")  # "the force, known as UNIFIL"
            or _negated(token)
        ):
            continue
        else:
            item = _verbal(token, cue, by_verb)
        if item is not None:
            found.append(item)
            by_verb[token.i] = item
    return found


def _nominal(noun: Token, cue: Cue) -> Found | None:
    """ "Trump's claim that he opposed the war", "the view among aides that ...": a noun of
    saying or thinking with a "that" clause; its possessor, or its "by"/"from" phrase,
    holds it, else no one named."""
    if noun.dep_ == "dobj" and match_cue(noun.head) is not None:
        return None  # "expressed the hope that ...": the verb's attribution already says it
    clauses = [
        c
        for c in noun.children
        if c.dep_ in {"acl", "ccomp"} and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children)
    ]
    if not clauses:
        return None
    content = _trimmed(list(clauses[0].subtree))
    if content is None:
        return None
    holders = [c for c in noun.children if c.dep_ == "poss"]
    holders += [
        o
        for p in noun.children
        if p.dep_ == "prep" and p.lower_ in {"by", "from"}
        for o in p.children
        if o.dep_ == "pobj"
    ]
    source_head = holders[0] if holders else None
    source = None
    if source_head is not None:  # "Trump's": the name without its possessive ending
        source = _trimmed([t for t in source_head.subtree if not (t.dep_ == "case" and t.head.i == source_head.i)])
    return Found((noun.idx, noun.idx + len(noun)), noun, cue.status, source, source_head, [content], frame=cue.frame)


def _according(token: Token, cue: Cue) -> Found | None:
    doc = token.doc
    to = doc[token.i + 1] if token.i + 1 < len(doc) else None
    if to is None:
        return None
    objects = [c for c in to.children if c.dep_ == "pobj"] or [c for c in token.children if c.dep_ == "pobj"]
    if not objects:
        return None
    source_tokens = _source_tokens(objects[0])
    # The clause "according to" qualifies: its head's clause, minus the phrase itself.
    clause = token.head
    while clause.dep_ not in {"ROOT", "ccomp"} and clause.head.i != clause.i:
        clause = clause.head  # through "and" too: "A won 37 percent and B 13, according to ..."
    content_tokens = [t for t in clause.subtree if not (token.i <= t.i <= source_tokens[-1].i)]
    content = _trimmed(content_tokens)
    source = _trimmed(source_tokens)
    if content is None or source is None:
        return None
    return Found((token.idx, to.idx + len(to)), token, cue.status, source, objects[0], [content], frame="according")


def _verbal(verb: Token, cue: Cue, by_verb: dict[int, Found]) -> Found | None:
    subject = _subject_of(verb)
    if subject is not None and subject.lower_ in FIRST_PERSON and _quoted(verb):
        return None  # “We urge Iran to ...”: the speaker's own act, inside their quote
    if cue.frame == "raising":
        return _raised(verb, cue, subject) if subject is not None and subject.lower_ != "it" else None
    passive = any(c.dep_ == "auxpass" for c in verb.children)
    agent = _agent(verb) if passive else None
    if agent is not None and subject is not None and subject.lower_ != "it" and cue.frame == "clause":
        return _by_agent(verb, cue, subject, agent)  # "The meeting was first reported by Politico"
    if (
        passive
        and cue.frame == "clause"
        and subject is not None
        and subject.lower_ != "it"
        and cue.lemma not in ADDRESSED
    ):
        return _raised(verb, cue, subject)  # "Clinton is expected to win": no one named holds it
    if passive and not (subject is not None and subject.lower_ == "it"):
        return None  # "was told to leave"; but "It was reported that ..." has no speaker
    source_head = None if passive else subject
    inherited: Found | None = None
    if source_head is None and not passive and verb.dep_ in CONTINUATIONS:
        # "..., adding ...", "accused ... and warned ...": the speaker of the verb it hangs on
        inherited = by_verb.get(verb.head.i)
        if inherited is None:
            source_head = _subject_of(verb.head)
    fragments = _parenthetical(verb, cue)
    content = fragments[0] if fragments else _content(verb, cue)
    if content is None and cue.frame in {"object", "refer"}:
        return None  # a clause or naming cue may still have a quote next to it
    if source_head is None and inherited is None and not passive:
        return None  # "satellite photos showing ...": no one speaks
    if inherited is not None:
        source, source_head = inherited.source, inherited.source_head
    else:
        source = None
        if source_head is not None:
            tokens = [t for subject in _subjects_of(source_head.head) for t in _source_tokens(subject)]
            source = _trimmed(sorted(tokens, key=lambda t: t.i))
    cue_end = verb.idx + len(verb)
    return Found(
        (verb.idx, cue_end),
        verb,
        cue.status,
        source,
        source_head,
        fragments or ([content] if content else []),
        frame=cue.frame,
    )


def _agent(verb: Token) -> Token | None:
    """The object of a passive verb's "by" phrase: "was first reported by Politico"."""
    for by in verb.children:
        if by.dep_ == "agent":
            return next((o for o in by.children if o.dep_ == "pobj"), None)
    return None


def _by_agent(verb: Token, cue: Cue, subject: Token, agent: Token) -> Found | None:
    """ "The meeting was first reported by Politico", "the figure was confirmed by
    officials": the passive subject is what was said, the "by" phrase who said it."""
    content = _trimmed(list(subject.subtree))
    source = _trimmed(_source_tokens(agent))
    if content is None or source is None:
        return None
    auxiliaries = [c for c in verb.children if c.dep_ == "auxpass" and c.i < verb.i]
    start = auxiliaries[0].idx if auxiliaries else verb.idx
    return Found((start, verb.idx + len(verb)), verb, cue.status, source, agent, [content], frame=cue.frame)


def _raised(verb: Token, cue: Cue, subject: Token) -> Found | None:
    """ "Clinton is expected to win", "the drones are believed to be Iranian": a passive
    cue with a "to" complement, or a raising verb ("the strategy appears to ..."),
    attributes its subject's clause to no one named; the content is the subject and what
    the cue says of it."""
    if cue.frame == "raising":
        # "appears to be premised on", "seems unlikely to", "seems like a moment"; not
        # "appeared at a rally"
        if not any(c.dep_ in {"xcomp", "acomp", "attr", "oprd"} or c.lower_ in {"like", "as"} for c in verb.children):
            return None
        spans = [_trimmed(list(subject.subtree)), _after(verb)]
    else:
        complements = [c for c in verb.children if c.dep_ == "xcomp" and c.i > verb.i]
        if not complements or not any(c.dep_ == "aux" and c.lower_ == "to" for c in complements[0].children):
            return None
        spans = [_trimmed(list(subject.subtree)), _trimmed(list(complements[0].subtree))]
    content = [span for span in spans if span is not None]
    if len(content) < 2:
        return None
    auxiliaries = [c for c in verb.children if c.dep_ == "auxpass" and c.i < verb.i]
    start = auxiliaries[0].idx if auxiliaries else verb.idx
    return Found((start, verb.idx + len(verb)), verb, cue.status, None, None, content, frame=cue.frame)


def _parenthetical(verb: Token, cue: Cue) -> list[tuple[int, int]]:
    """ "Russia's gains, they said, could be solidified", "At times, people close to him
    said, the name could make him fume": a cue set off by a comma inside the clause it
    reports; the clause around it, on both sides, is what was said."""
    if cue.frame != "clause" or verb.dep_ not in {"parataxis", "ccomp"} or verb.i > verb.head.i:
        return []
    if verb.tag_ == "VBG":
        return []  # "Trump's grasp is worrying, Cuban said": a predicate, not a cue
    subject = _subject_of(verb)
    if subject is None or any(c.dep_ in {"ccomp", "parataxis", "dobj", "xcomp"} for c in verb.children):
        return []
    doc = verb.doc
    if verb.i + 1 >= len(doc) or doc[verb.i + 1].text not in {",", "—", "–"}:
        return []  # not set off after the cue
    own = {verb.i} | {t.i for t in subject.subtree} | {c.i for c in verb.children if c.dep_ == "punct"}
    runs: list[list[Token]] = [[]]
    for token in verb.head.subtree:
        if token.i in own:
            if runs[-1]:
                runs.append([])
        else:
            runs[-1].append(token)
    spans = [_trimmed(run) for run in runs if run]
    return [span for span in spans if span is not None]


def _content(verb: Token, cue: Cue) -> tuple[int, int] | None:
    if cue.frame == "clause":
        clauses = [
            c
            for c in verb.children
            if c.dep_ in {"ccomp", "parataxis"} and not _asks(cue, c) and not _another_speaker(c)
        ]
        if clauses:
            # The parse may split one reported clause into several ("said X used ..., as
            # the war drags on"): take every clause on the side where the most words are.
            after = [c for c in clauses if c.i > verb.i]
            before = [c for c in clauses if c.i < verb.i]
            side = max((after, before), key=lambda cs: sum(len(list(c.subtree)) for c in cs))
            subject = _subject_of(verb)
            if after and before and subject is not None and before[-1].i < subject.i < verb.i:
                # "A has charged B, …, the ambassador said Moscow is offering support":
                # a subject before the cue and a clause after it are "X said Y"; the
                # clause before is another sentence the parse ran into this one
                side = after
            first = min(c.left_edge.i for c in side)
            last = max(c.right_edge.i for c in side)
            return _trimmed(list(verb.doc[first : last + 1]))
        if (
            verb.dep_ in {"parataxis", "ccomp"}
            and verb.i > verb.head.i
            and _subject_of(verb) is not None
            and match_cue(verb.head) is None  # "he said he wants to see ...": the cue is the content
        ):
            # "Iran sent drones, officials said": the parse may hang the cue on the claim
            return _trimmed([t for t in _subtree(verb.head, without=verb) if t.i < verb.i])
        gerunds = [
            c for c in verb.children if c.dep_ in {"xcomp", "dobj", "pcomp"} and c.tag_ == "VBG" and c.i > verb.i
        ]
        if gerunds:
            return _trimmed(list(gerunds[0].subtree))  # "denied arming the group"
        objects = [c for c in verb.children if c.dep_ in {"dobj", "dative"}]
        complements = [c for c in verb.children if c.dep_ == "xcomp" and c.i > verb.i]
        if objects and complements:
            return _after(verb)  # "warned Tehran to stop", "told them to leave"
        if (
            complements
            and any(c.dep_ == "aux" and c.lower_ == "to" for c in complements[0].children)
            and not _asks(cue, complements[0])
        ):
            return _trimmed(list(complements[0].subtree))  # "vowed to retaliate", "wants to run"
        said = [c for c in verb.children if c.dep_ == "dobj" and c.i > verb.i and _a_thing_said(c)]
        subject = _subject_of(verb)
        written = subject is not None and subject.lemma_.lower() in speaker_nouns()["document"]
        if said and cue.lemma not in ADDRESSED and (cue.lemma not in NO_THING_SAID or written):
            # "denied the allegations", "confirmed the deal"; "the poll showed a slim lead"
            return _trimmed(list(said[0].subtree))
        return None
    if cue.frame == "object":
        if any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
            return None  # "took measures to defend its sovereignty": a purpose, not a stance taken
        if not any(c.dep_ in {"dobj", "prep", "xcomp", "ccomp", "advcl"} for c in verb.children):
            return None
        following = verb.doc[verb.i + 1] if verb.i + 1 < len(verb.doc) else None
        if following is not None and following.lower_ in QUESTION_WORDS:
            return None  # "Asked whether ...": a question, not a claim
        return _complements(verb, skip=len(cue.words) - 1)
    if cue.frame == "refer":
        if not any(c.dep_ == "prep" and c.lower_ == "to" for c in verb.children):
            return None
        return _after(verb, skip=1)
    return None  # naming: only with a quote, which the quote pass handles


def _a_thing_said(noun: Token) -> bool:
    """Whether a cue's object can be what is said ("the allegations", "his plan"), not
    someone spoken to or about ("reporters", "him", "Clinton")."""
    if noun.pos_ == "PRON" or noun.ent_type_ in {"PERSON", "NORP", "GPE", "ORG"}:
        return False
    return not can_speak(noun.lemma_.lower())


def _another_speaker(clause: Token) -> bool:
    """ "Many returning Ukrainians showed signs of abuse, Lysenko said": the parse hangs the
    closing "said" on the verb before it; a closing speech verb with a subject of its own
    and nothing after it is someone else's attribution, not this cue's content."""
    if clause.i < clause.head.i or match_cue(clause) is None or _subject_of(clause) is None:
        return False  # "Trump's grasp is worrying, Cuban said": the clause before is the content
    after = [t for t in clause.subtree if t.i > clause.i and not t.is_punct]
    return not after  # nothing follows the closing "Lysenko said": it reports the words before it


# What a cue of the object frame says: its object and the phrases that complete it
# ("accused Washington of arming the island", "urged Seoul to respond"), not the time,
# place or manner around it, nor a second verb ("…, saying …", "… and proposed …").
COMPLEMENTS = {"dobj", "dative", "prep", "xcomp", "ccomp", "oprd", "attr", "pcomp", "acomp", "advcl"}
LOOSE_PREPOSITIONS = {"in", "on", "at", "during", "after", "before", "since", "while", "amid", "despite"}


def _complements(verb: Token, skip: int = 0) -> tuple[int, int] | None:
    kept = [
        c
        for c in verb.children
        if c.i > verb.i + skip
        and c.dep_ in COMPLEMENTS
        and not (c.dep_ == "prep" and c.lower_ in LOOSE_PREPOSITIONS and c.i > verb.i + skip + 1)
        and not (c.dep_ == "advcl" and c.tag_ == "VBG")
    ]
    if not kept:
        return _after(verb, skip)
    last = max(c.right_edge.i for c in kept)
    return _trimmed(list(verb.doc[verb.i + skip + 1 : last + 1]))


def _after(verb: Token, skip: int = 0) -> tuple[int, int] | None:
    tokens = [t for t in verb.subtree if t.i > verb.i + skip]
    return _trimmed(tokens)


def quoted_act(doc: Doc, fragment: tuple[int, int]) -> Found | None:
    """ "a man yelled “Stay there!”", "“They stole the country,” the man shouted": a quote
    whose words hang on a verb outside it, with a subject of its own, is what that
    subject said, whatever the verb (shouted, chanted, shot back, tweeted, asks)."""
    start, end = fragment
    inside = doc.char_span(start, end, alignment_mode="expand")
    if inside is None or not _sounds_said(inside):
        return None
    heads = {t.head.i for t in inside if not (inside.start <= t.head.i < inside.end)}
    verbs = [doc[i] for i in sorted(heads) if doc[i].pos_ == "VERB" and doc[i].sent == inside[0].sent]
    if len(verbs) != 1:
        return None
    verb = verbs[0]
    subject = _subject_of(verb)
    if subject is None or inside.start <= subject.i < inside.end or _negated(verb):
        return None
    if any(c.dep_ == "auxpass" for c in verb.children):
        return None  # "was titled “Scam”": a name given, not words spoken
    particles = [c for c in verb.children if c.dep_ == "prt" and c.i == verb.i + 1]
    last = particles[0] if particles else verb
    source = _trimmed(_source_tokens(subject))
    if source is None:
        return None
    return Found((verb.idx, last.idx + len(last)), verb, "reported", source, subject, [fragment], True, "quoted")


def _sounds_said(words: Span) -> bool:
    """Words in quote marks that read as something said: a sentence's worth ("Stay there!",
    "They stole the country,") rather than a title or a scare-quoted term ("Scam")."""
    if words[-1].text in {".", "!", "?", ","} or words[-1].text in {"...", "…"}:
        return True
    return sum(1 for t in words if not t.is_punct) >= 4
