"""Finding the words that report an event: verbs, nouns, and nouns carried by light verbs.

A verb matches the lexicon by its lemma, its particle or preposition ("call on"), and its
object ("impose sanctions"); the most specific matching row wins, and a row of type "-"
says that use is no event ("delivered a speech"). A noun matches by its lemma, a modifier
("arms sales") and its "of" object ("the flow of weapons"). A noun that is the object of
a light verb ("held talks", "launched an attack") makes one event with that verb.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Token

from .arguments import ActorIndex
from .lexicon import (
    ANY_ACTOR,
    COMPLEMENT,
    NOT_AN_EVENT,
    EventPattern,
    evaluations,
    idioms_by_first_word,
    light_verbs,
    noun_patterns,
    verb_patterns,
    word_set,
)

OBJECT_DEPS = {"dobj", "nsubjpass", "attr"}
# Nouns that only frame the event named before them: "a mediation effort", "a peace
# mission", "the aid program" are mediation, peace, aid.
FRAME_NOUNS = {
    "effort",
    "mission",
    "process",
    "initiative",
    "bid",
    "attempt",
    "campaign",
    "program",
    "programme",
    "plan",
    "drive",
}
PARTICLE_DEPS = {"prt", "prep", "agent", "dative", "advmod"}  # advmod: "worked together"
TIME_ENTITIES = {"DATE", "TIME"}
# Verbs by which an authority does what their object names: "ordered an inquiry".
DEED_VERBS = {"order"}


def _particles(verb: Token) -> set[str]:
    """The verb's particles and prepositions; a preposition of time ("agreed on Saturday")
    is none."""
    found = set()
    for child in verb.children:
        if child.dep_ not in PARTICLE_DEPS:
            continue
        objects = [c for c in child.children if c.dep_ == "pobj"]
        if child.dep_ == "prep" and objects and all(o.ent_type_ in TIME_ENTITIES for o in objects):
            continue
        found.add(child.lower_)
    return found


@dataclass
class Trigger:
    """Where an event is reported: its anchor in the parse, its words and its lexicon row."""

    anchor: Token  # the token that places the event in the tree (verb, light verb or noun)
    tokens: list[Token]
    pattern: EventPattern
    verbal: bool
    noun: Token | None = None  # the event noun, for nominal and light-verb events
    object: Token | None = None  # the object the pattern matched
    consumed: list[Token] = field(default_factory=list)  # event nouns this trigger swallows

    @property
    def light(self) -> bool:
        return self.verbal and self.noun is not None


def _keys(token: Token) -> set[str]:
    """The lemma forms an object or modifier can match: "hunger strike", "strike", "strikes"."""
    keys = {token.lemma_.lower(), token.lower_}
    modifiers = [c for c in token.children if c.dep_ in {"compound", "amod"} and c.i == token.i - 1]
    if token.lemma_.lower() in FRAME_NOUNS:
        keys.update(c.lemma_.lower() for c in token.children if c.dep_ == "compound")
    for modifier in modifiers:
        keys.add(f"{modifier.lemma_.lower()} {token.lemma_.lower()}")
        keys.add(f"{modifier.lower_} {token.lemma_.lower()}")
    return keys


def _objects(verb: Token, particle: str | None) -> list[Token]:
    if particle:
        for child in verb.children:
            if child.dep_ in {"prep", "agent"} and child.lower_ == particle:
                return [c for c in child.children if c.dep_ in {"pobj", "pcomp"}]
    found = [c for c in verb.children if c.dep_ in OBJECT_DEPS]
    if not found:
        found = [c for c in verb.children if c.dep_ == "dative"]
    if not found:  # "helped Ukraine rebuild": the object clause's subject
        found = [s for c in verb.children if c.dep_ in {"ccomp", "xcomp"} for s in c.children if s.dep_ == "nsubj"]
    if not found and verb.dep_ in {"acl", "relcl"} and verb.tag_ == "VBN":
        found = [verb.head]  # "satellite photos released by research groups"
    # "sent to Russia drones", "set fire to": an object after a prepositional phrase
    return found


def _score(pattern: EventPattern, verb: Token, particles: set[str], index: ActorIndex) -> tuple[int, Token | None]:
    """How well a verb row fits: -1 when it does not; higher for more words matched."""
    if pattern.particle and pattern.particle not in particles:
        return -1, None
    score = 1 if pattern.particle else 0
    if not pattern.objects:
        return score, None
    objects = _objects(verb, pattern.particle)
    for obj in objects:
        for candidate in [obj, *(c for c in obj.children if c.dep_ == "conj")]:
            if _keys(candidate) & pattern.objects:
                return score + 3, candidate
    if ANY_ACTOR in pattern.objects:
        for obj in objects:
            if index.is_actor(obj):
                return score + 2, obj
    if COMPLEMENT in pattern.objects:
        if objects or any(c.dep_ in {"xcomp", "ccomp"} for c in verb.children):
            return score + 2, None
    return -1, None


def _hyphenated(verb: Token) -> str | None:
    """ "test-fired" is tokenized test - fired: its lemma is "test-fire"."""
    doc = verb.doc
    if verb.i >= 2 and doc[verb.i - 1].text == "-" and not doc[verb.i - 1].whitespace_:
        return f"{doc[verb.i - 2].lower_}-{verb.lemma_.lower()}"
    return None


def _lemmas(verb: Token) -> list[str]:
    """The verb's lemma, then forms read off its inflection for when the lemmatizer slips
    ("staged" lemmatized "stag", "staging" "stag")."""
    lemmas = [verb.lemma_.lower()]
    word = verb.lower_
    if verb.tag_ in {"VBD", "VBN"} and word.endswith("ed"):
        lemmas += [word[:-1], word[:-2]]
    elif verb.tag_ == "VBG" and word.endswith("ing"):
        lemmas += [word[:-3] + "e", word[:-3]]
    elif verb.tag_ == "VBZ" and word.endswith("s"):
        lemmas += [word[:-1]]
    return lemmas


# Where the judgement of a naming frame hangs: "called it baseless" (oprd, xcomp, ccomp),
# "described it as constructive" (the pobj of "as").
PREDICATE_DEPS = {"oprd", "xcomp", "ccomp", "acomp", "attr"}
APPEAL_PARTICLES = {"on", "upon", "for", "off", "up", "in", "out", "back"}
NAMING_PATTERNS = {
    "praise": EventPattern("call", None, frozenset(), "SUPPORT", None, "051", (), ("dobj",), False),
    "criticism": EventPattern("call", None, frozenset(), "ACCUSE", "disapprove", "111", (), ("dobj",), False),
    "rebuttal": EventPattern("call", None, frozenset(), "REJECT", None, "120", (), ("dobj",), False),
}


def _judgement(verb: Token) -> tuple[Token | None, Token | None]:
    """(what is named, the judgement): "called [the assertions] [baseless]". The parser
    often reads both as object predicates; the judgement is the last."""
    if any(c.dep_ in {"prep", "prt"} and c.lower_ in APPEAL_PARTICLES for c in verb.children):
        return None, None  # "called on Liberians to stand by him": an appeal, not a judgement
    predicates = [
        c
        for c in verb.children
        if c.dep_ in PREDICATE_DEPS and not any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)
    ]
    predicates += [
        o for c in verb.children if c.dep_ == "prep" and c.lower_ == "as" for o in c.children if o.dep_ == "pobj"
    ]
    if not predicates:
        return None, None
    judgement = max(predicates, key=lambda t: t.i)
    named = next((c for c in verb.children if c.dep_ in {"dobj", "nsubjpass"}), None)
    if named is None:
        named = next((p for p in predicates if p.i < judgement.i), None)
    return named, judgement


def naming_frame(verb: Token) -> tuple[bool, Trigger | None]:
    """ "called Burma a good news story" is praise, "called the assertions baseless" a
    rebuttal, "called the move deeply disappointing" criticism: the frame decides the
    verb's sense, not its phone-call row. (True, None): the frame holds but judges
    nothing this table knows, so it is no event; (False, None): no naming frame."""
    if verb.lemma_.lower() not in word_set("naming"):
        return False, None
    thing, judgement = _judgement(verb)
    if judgement is None:
        return False, None
    words = evaluations()
    polarities = {words[t.lemma_.lower()] for t in judgement.subtree if t.lemma_.lower() in words}
    if len(polarities) != 1:
        return True, None
    (polarity,) = polarities
    if any(t.dep_ == "neg" for t in judgement.subtree):
        polarity = "positive" if polarity == "negative" else "negative"
    if polarity == "positive":
        kind = "praise"
    elif thing is not None and thing.lemma_.lower() in word_set("claim_noun"):
        kind = "rebuttal"
    else:
        kind = "criticism"
    return True, Trigger(anchor=verb, tokens=[verb], pattern=NAMING_PATTERNS[kind], verbal=True, object=thing)


def match_verb(verb: Token, index: ActorIndex) -> Trigger | None:
    framed, trigger = naming_frame(verb)
    if framed:
        return trigger
    hyphenated = _hyphenated(verb)
    patterns = hyphenated and verb_patterns().get(hyphenated)
    for lemma in _lemmas(verb):
        patterns = patterns or verb_patterns().get(lemma)
    if not patterns:
        return None
    particles = _particles(verb)
    best, best_score, best_object = None, -1, None
    for pattern in patterns:
        score, obj = _score(pattern, verb, particles, index)
        if score > best_score:
            best, best_score, best_object = pattern, score, obj
    if best is None or best.type == NOT_AN_EVENT:
        return None
    tokens = [verb]
    if best.particle:
        tokens += [c for c in verb.children if c.dep_ in PARTICLE_DEPS and c.lower_ == best.particle][:1]
    consumed = []
    if best_object is not None and best.objects - {ANY_ACTOR, COMPLEMENT}:
        tokens.append(best_object)
        consumed.append(best_object)
    return Trigger(anchor=verb, tokens=tokens, pattern=best, verbal=True, object=best_object, consumed=consumed)


def _modifier_matches(noun: Token, modifier: str) -> Token | None:
    for child in noun.children:
        if child.dep_ in {"compound", "amod", "nmod"} and modifier in {child.lower_, child.lemma_.lower()}:
            return child
    return None


def _noun_object(noun: Token, objects: frozenset[str]) -> Token | None:
    for child in noun.children:
        if child.dep_ == "compound" and _keys(child) & objects:
            return child
        if child.dep_ == "prep" and child.lower_ == "of":
            for obj in child.children:
                if obj.dep_ == "pobj" and _keys(obj) & objects:
                    return obj
    return None


def match_noun(noun: Token) -> Trigger | None:
    patterns = noun_patterns().get(noun.lemma_.lower()) or noun_patterns().get(noun.lower_)
    if not patterns:
        return None
    for pattern in patterns:
        tokens = [noun]
        if pattern.particle:
            modifier = _modifier_matches(noun, pattern.particle)
            if modifier is None:
                continue
            tokens.insert(0, modifier)
        elif noun.dep_ == "compound" and noun.head.lemma_.lower() not in FRAME_NOUNS:
            continue  # "talks" in "talks venue" is a modifier, not an event; "arms transfers" is
        if pattern.objects:
            obj = _noun_object(noun, pattern.objects)
            if obj is None:
                continue
            tokens.append(obj)
        if pattern.type == NOT_AN_EVENT:
            return None
        return Trigger(anchor=noun, tokens=tokens, pattern=pattern, verbal=False, noun=noun)
    return None


def carried_by_light_verb(trigger: Trigger) -> Trigger:
    """A noun event that is the object of a light verb becomes one event with that verb."""
    noun = trigger.anchor
    if noun.dep_ == "compound" and noun.head.lemma_.lower() in FRAME_NOUNS:
        noun = noun.head
    lights = light_verbs()
    steps = 0
    while noun.dep_ == "conj" and noun.head.pos_ in {"NOUN", "PROPN"} and steps < 5:
        noun = noun.head  # "launched artillery, mortar and rocket fire": the first conjunct is the object
        steps += 1
    if noun.dep_ == "dobj":
        verb = noun.head
        particles = [c.lower_ for c in verb.children if c.dep_ == "prt"] or [None]
    elif noun.dep_ == "pobj" and noun.head.dep_ == "prep":
        verb, particles = noun.head.head, [noun.head.lower_]  # "engaged in fighting"
    else:
        return trigger
    if verb.pos_ not in {"VERB", "AUX"} or not any((verb.lemma_.lower(), p) in lights for p in particles):
        return trigger
    return Trigger(
        anchor=verb,
        tokens=[verb, *trigger.tokens],
        pattern=trigger.pattern,
        verbal=True,
        noun=trigger.anchor,
        consumed=[trigger.anchor],
    )


def _idiom_tokens(sentence) -> set[int]:
    """Indices of the tokens inside an idiom of ``event_idioms.tsv`` ("in charge of")."""
    by_first = idioms_by_first_word()
    tokens = list(sentence)
    words = [(t.lower_, t.lemma_.lower()) for t in tokens]
    found: set[int] = set()
    for start, (lower, lemma) in enumerate(words):
        for phrase in by_first.get(lower, ()) + (by_first.get(lemma, ()) if lemma != lower else ()):
            window = words[start : start + len(phrase)]
            if len(window) == len(phrase) and all(w == "*" or w in pair for w, pair in zip(phrase, window)):
                found.update(tokens[start + k].i for k in range(len(phrase)))
    return found


def find_triggers(sentence, index: ActorIndex) -> list[Trigger]:
    """Every event trigger in a sentence, one per anchor, verbs before the nouns they swallow."""
    verbal: list[Trigger] = []
    nominal: list[Trigger] = []
    for token in sentence:
        if token.dep_ == "amod":
            continue  # "hacked documents", "a planned visit": a participle describing a noun
        if token.pos_ == "VERB" or (token.pos_ == "ADJ" and token.tag_ == "VBN"):
            trigger = match_verb(token, index)
            if trigger is not None:
                verbal.append(trigger)
        elif token.pos_ in {"NOUN", "PROPN"} and token.ent_type_ not in TIME_ENTITIES:
            trigger = match_noun(token)  # "last March" is no march
            if trigger is not None:
                nominal.append(trigger)
    # "ordered an investigation", "ordered the expulsion of two diplomats", "ordered
    # patrols": whoever orders an act does it; the order is no request of its own
    nominal_anchors = {trigger.anchor.i for trigger in nominal}
    verbal = [
        trigger
        for trigger in verbal
        if not (
            trigger.anchor.lemma_.lower() in DEED_VERBS
            and not trigger.pattern.objects
            and any(c.dep_ == "dobj" and c.i in nominal_anchors for c in trigger.anchor.children)
        )
    ]
    consumed = {t.i for trigger in verbal for t in trigger.consumed}
    anchored = {trigger.anchor.i for trigger in verbal}
    for trigger in nominal:
        if trigger.anchor.i in consumed:
            continue
        carried = carried_by_light_verb(trigger)
        if carried.anchor.i in anchored:
            continue  # the verb is an event of its own ("rejected the proposal"): keep both apart
        if carried is not trigger:
            anchored.add(carried.anchor.i)
            verbal.append(carried)
        else:
            verbal.append(trigger)
    idiomatic = _idiom_tokens(sentence)
    verbal = [t for t in verbal if not any(token.i in idiomatic for token in t.tokens)]
    verbal.sort(key=lambda t: t.anchor.i)
    return verbal
