"""Who did it and to whom: the actors in an event's syntactic arguments.

Arguments are read from the dependency parse: the subject (or a passive's "by" phrase)
is the source; the object or a preposition the lexicon names is the target. A noun
phrase's actors are, in order of preference, those it names itself ("North Korea", "the
delegation"), those in its modifiers ("Iranian officials", "Turkey's efforts"), then
those in its "of" / "such as" phrases ("leaders of the opposition", "nations such as
Iran"). Conjuncts add up ("Moscow and Pyongyang"). Pronouns take the actor of the
nearest subject before them ("While the administration reached out to Pyongyang, it
maintained sanctions": "it" is the administration).
"""

from __future__ import annotations

from collections import defaultdict

from spacy.tokens import Doc, Token

PRONOUNS = {"it", "its", "they", "their", "them", "he", "his", "him", "she", "her", "we", "our", "us", "itself"}
PERSON_PRONOUNS = {"he", "his", "him", "she", "her"}
FIRST_PERSON = {"we", "our", "us", "i", "my", "me", "ourselves"}
RELATIVE_TAGS = {"WDT", "WP", "WP$"}
MODIFIER_DEPS = {"compound", "amod", "poss", "nmod", "npadvmod"}
NESTED_PREPS = {"of", "as", "like", "including", "among", "for"}
# Where an event happens: its target when the text names no other, as CAMEO coders do
# ("demonstrated in Serbia", "lifted the curfew in Darfur").
LOCATIVE_PREPS = {"in", "at", "near", "into", "inside", "throughout", "across", "around", "outside", "along"}
SUBJECT_DEPS = {"nsubj", "nsubjpass"}
# Nouns that name a share of what their "of" phrase names: "part of", "most of".
PARTITIVES = {
    "part",
    "parts",
    "some",
    "most",
    "many",
    "all",
    "half",
    "rest",
    "remainder",
    "bulk",
    "portion",
    "share",
    "majority",
    "dozens",
    "hundreds",
    "thousands",
    "one",
    "two",
    "three",
    "third",
    "quarter",
}
# "workers affiliated with the union", "a group based in Trinidad", "militants loyal to
# the warlord": who a group belongs to, said after it.
BELONGING_WORDS = {
    "base",
    "based",
    "affiliate",
    "affiliated",
    "loyal",
    "link",
    "linked",
    "belong",
    "allied",
    "ally",
    "attach",
    "attached",
    "tie",
    "tied",
}
BELONGING_PREPS = {"in", "with", "to"}
# "refugees fleeing the war in Liberia", "civilians escaping Mosul": where they come from.
FLEEING_WORDS = {"flee", "escape"}
# Verbs of saying that end a sentence ("..., officials said"): the parser may take the
# news clause's subject for theirs.
REPORTING_VERBS = {"say", "tell", "report", "add", "state"}


class ActorIndex:
    """Which actors each token of a document belongs to, read from their mention spans."""

    def __init__(self, doc: Doc, actors: list[dict]):
        self.by_token: dict[int, list[str]] = defaultdict(list)
        self.kind: dict[str, str] = {}
        self.country: dict[str, str | None] = {}
        self.sector: dict[str, str | None] = {}
        starts = {token.idx: token.i for token in doc}
        ends = {token.idx + len(token): token.i for token in doc}
        for actor in actors:
            self.kind[actor["id"]] = actor["kind"]
            self.country[actor["id"]] = actor.get("country")
            self.sector[actor["id"]] = actor.get("sector")
            for mention in actor.get("mentions", ()):
                first, last = starts.get(mention["start"]), ends.get(mention["end"])
                if first is None or last is None:
                    span = doc.char_span(mention["start"], mention["end"], alignment_mode="expand")
                    if span is None:
                        continue
                    first, last = span.start, span.end - 1
                for i in range(first, last + 1):
                    if actor["id"] not in self.by_token[i]:
                        self.by_token[i].append(actor["id"])

    def at(self, token: Token) -> list[str]:
        return self.by_token.get(token.i, [])

    def is_actor(self, token: Token) -> bool:
        return token.i in self.by_token


def _unique(ids) -> list[str]:
    return list(dict.fromkeys(ids))


def _is_pronoun(token: Token) -> bool:
    """ "it", "their", "we" used as pronouns (not "US" the country)."""
    return token.lower_ in PRONOUNS | FIRST_PERSON and token.pos_ == "PRON"


# What a resolver of ``Arguments.SINGLE_RESOLVERS`` returns to end the search with nobody:
# a pronoun nothing stands for is nobody, not whoever else its phrase names.
STOP = None


class Arguments:
    """Finds the actors of noun phrases and clauses in one document. ``attributions``
    (the attribution stage's records) say who speaks in each quote and reported clause:
    "we" and "I" there are the speaker."""

    def __init__(self, doc: Doc, index: ActorIndex, attributions: list[dict] = ()):
        self.doc = doc
        self.index = index
        self.speakers: list[tuple[int, int, str]] = sorted(
            (span["start"], span["end"], a["speaker"])
            for a in attributions
            if a.get("speaker")
            for span in a.get("content", ())
        )

    def speaker_of(self, token: Token) -> list[str]:
        """The speaker of the innermost quote or reported clause holding ``token``."""
        holding = [(end - start, speaker) for start, end, speaker in self.speakers if start <= token.idx < end]
        return [min(holding)[1]] if holding else []

    # --- noun phrases --------------------------------------------------------------------
    def of_phrase(self, head: Token, *, nested: bool = True, pronouns: bool = True) -> list[str]:
        """The actors a noun phrase refers to, conjuncts included. ``pronouns=False`` while
        resolving a pronoun, so "their forces" never sends the search round in circles."""
        found: list[str] = []
        for token in [head, *self._conjuncts(head)]:
            found.extend(self._of_single(token, nested=nested, pronouns=pronouns))
        return _unique(found)

    def _pronoun(self, token: Token, resolve: bool) -> list[str]:
        if token.lower_ in FIRST_PERSON:
            # "'We support Mauritius,' the minister said": the speaker
            found = self.speaker_of(token)
            if found:
                return found
        return self.antecedent(token) if resolve else []

    def _conjuncts(self, head: Token) -> list[Token]:
        conjuncts = []
        stack = [c for c in head.children if c.dep_ == "conj"]
        while stack:
            token = stack.pop(0)
            conjuncts.append(token)
            stack.extend(c for c in token.children if c.dep_ == "conj")
        return conjuncts

    def _of_single(self, token: Token, *, nested: bool, pronouns: bool = True) -> list[str]:
        """The actors one noun phrase (no conjuncts) refers to: the first answer of
        ``SINGLE_RESOLVERS``, tried in turn; ``STOP`` ends the search with nobody."""
        for resolve in self.SINGLE_RESOLVERS:
            found = resolve(self, token, nested, pronouns)
            if found is STOP:
                return []
            if found:
                return found
        return []

    def _by_pronoun(self, token: Token, nested: bool, pronouns: bool) -> list[str] | None:
        """ "it", "their", "we": whoever the pronoun stands for, or nobody."""
        if _is_pronoun(token):
            return self._pronoun(token, pronouns) or STOP
        return []

    def _by_own_apposition(self, token: Token, nested: bool, pronouns: bool) -> list[str] | None:
        """ "Two Gulf states, Qatar and the United Arab Emirates, pledged": the apposition
        names the actors a phrase with no country of its own names."""
        own = self.index.at(token)
        if own and not any(self.index.country.get(a) for a in own):
            for child in token.children:
                if child.dep_ == "appos":
                    named = self.of_phrase(child, nested=False, pronouns=pronouns)
                    if named:
                        return named
        return []

    def _by_own_actors(self, token: Token, nested: bool, pronouns: bool) -> list[str] | None:
        """ "North Korea", "Iranian and North Korean officials": the actors the phrase names
        itself, and those its coordinated modifiers name."""
        own = self.index.at(token)
        if not own:
            return []
        coordinated = [
            a
            for child in token.children
            if child.dep_ in {"amod", "compound"} and any(c.dep_ == "conj" for c in child.children)
            for t in child.subtree
            for a in self.index.at(t)
        ]
        return _unique(own + coordinated)

    def _by_modifiers(self, token: Token, nested: bool, pronouns: bool) -> list[str] | None:
        """ "Iranian officials", "Turkey's efforts", "their forces": the actors of the
        modifiers before the head, but not whom an "anti-" modifier opposes."""
        modifiers = [
            actor
            for child in token.children
            if child.dep_ in MODIFIER_DEPS and child.i < token.i
            for t in child.subtree
            if t.dep_ not in {"prep", "pobj"} and not self.opposed(t)
            for actor in (self._pronoun(t, pronouns) if _is_pronoun(t) else self.index.at(t))
        ]
        return _unique(modifiers)

    def _by_partitive(self, token: Token, nested: bool, pronouns: bool) -> list[str] | None:
        """ "part of a military aid program for Bosnia", "some of the Iraqi soldiers": a
        share of something is whoever the whole is."""
        if token.lower_ not in PARTITIVES:
            return []
        for child in token.children:
            if child.dep_ == "prep" and child.lower_ == "of":
                found = [
                    a
                    for obj in child.children
                    if obj.dep_ == "pobj"
                    for a in self.of_phrase(obj, nested=nested, pronouns=pronouns)
                ]
                if found:
                    return found
        return []

    def _unless_nested(self, token: Token, nested: bool, pronouns: bool) -> list[str] | None:
        """ "leaders of the opposition" read with ``nested=False``: the phrase's own words
        said nobody, and what it hangs on is not asked."""
        return [] if nested else STOP

    def _appositive(self, token: Token, pronouns: bool) -> list[str]:
        """The actors of the first apposition that names any: "a member of the Syrian
        parliament, Mohammed Mamoun"."""
        for child in token.children:
            if child.dep_ == "appos":
                appositive = self._of_single(child, nested=False, pronouns=pronouns)
                if appositive:
                    return appositive
        return []

    def _by_appositive_country(self, token: Token, nested: bool, pronouns: bool) -> list[str] | None:
        """ "the alliance, NATO", "the neighbour, Syria": an apposition that names a
        country or an international body."""
        appositive = self._appositive(token, pronouns)
        if any(self.index.country.get(a) or self.index.kind.get(a) == "igo" for a in appositive):
            return appositive
        return []

    def _by_nested_preposition(self, token: Token, nested: bool, pronouns: bool) -> list[str] | None:
        """ "leaders of the opposition", "nations such as Iran": the actors of an "of",
        "as", "like", "including", "among" or "for" phrase."""
        for child in token.children:
            if child.dep_ == "prep" and child.lower_ in NESTED_PREPS:
                objects = [c for c in child.children if c.dep_ == "pobj"]
                found = [a for obj in objects for a in self.of_phrase(obj, nested=False)]
                if found:
                    # "A member of the Syrian parliament, Mohammed Mamoun": the name says
                    # who, the "of" phrase where from; the name alone would lose the country
                    return found
        return []

    def _by_appositive(self, token: Token, nested: bool, pronouns: bool) -> list[str] | None:
        """ "the spokesman, Ari Fleischer": any other apposition that names actors."""
        return self._appositive(token, pronouns)

    def _by_belonging(self, token: Token, nested: bool, pronouns: bool) -> list[str] | None:
        """ "workers affiliated with the union", "a group based in Trinidad", "militants
        loyal to the warlord": who a group belongs to, said after it."""
        if token.pos_ not in {"NOUN", "PROPN"}:
            return []
        for child in token.children:
            if (
                child.i > token.i
                and child.dep_ in {"acl", "amod"}
                and child.lower_ in BELONGING_WORDS | {child.lemma_.lower()} & BELONGING_WORDS
            ):
                found = [
                    a
                    for prep in child.children
                    if prep.dep_ == "prep" and prep.lower_ in BELONGING_PREPS
                    for obj in prep.children
                    if obj.dep_ == "pobj"
                    for a in self.of_phrase(obj, nested=False)
                ]
                if found:
                    return found
        return []

    def _by_fleeing(self, token: Token, nested: bool, pronouns: bool) -> list[str] | None:
        """ "refugees fleeing the civil war in Liberia": the war's country."""
        if token.pos_ not in {"NOUN", "PROPN"}:
            return []
        for child in token.children:
            if child.dep_ == "acl" and child.lemma_.lower() in FLEEING_WORDS:
                for obj in child.children:
                    if obj.dep_ == "dobj":
                        found = self.of_phrase(obj, nested=False) or self.location(obj)
                        if found:
                            return found
                # "refugees fleeing the war in Liberia" with "in Liberia" parsed on the
                # participle: still the war's country
                found = self.location(child)
                if found:
                    return found
        return []

    def _by_origin(self, token: Token, nested: bool, pronouns: bool) -> list[str] | None:
        """ "protesters in Belgrade", "refugees from Kosovo", "a statement by the ministry":
        the actors of an "in", "from" or "by" phrase."""
        if token.pos_ not in {"NOUN", "PROPN"}:
            return []
        for child in token.children:
            if child.dep_ == "prep" and child.lower_ in {"in", "from", "by"}:
                found = [a for obj in child.children if obj.dep_ == "pobj" for a in self.of_phrase(obj, nested=False)]
                if found:
                    return found
        return []

    # Tried in turn by ``_of_single``: the first that names actors answers; one that returns
    # ``STOP`` ends the search with nobody. The phrase's own words come first, then (only
    # when ``nested``) what hangs on it.
    SINGLE_RESOLVERS = (
        _by_pronoun,
        _by_own_apposition,
        _by_own_actors,
        _by_modifiers,
        _by_partitive,
        _unless_nested,
        _by_appositive_country,
        _by_nested_preposition,
        _by_appositive,
        _by_belonging,
        _by_fleeing,
        _by_origin,
    )

    def opposed(self, token: Token) -> bool:
        """ "an anti-Syria journalist", "anti-American protesters": the modifier names
        whom they oppose, not whom they belong to."""
        i = token.i
        doc = self.doc
        if i >= 1 and doc[i - 1].lower_.startswith("anti") and doc[i - 1].lower_ != "anti":
            return doc[i - 1].lower_.startswith("anti-")
        return i >= 2 and doc[i - 1].text == "-" and doc[i - 2].lower_ == "anti"

    def prepositional(self, head: Token, preposition: str, *, through_of: bool = True) -> list[str]:
        """Actors of ``head``'s prepositional phrase(s) headed by ``preposition``, also
        where the phrase hangs on an "of" object ("a suspension of air links with Serbia")."""
        found: list[str] = []
        for child in head.children:
            if child.dep_ in {"prep", "agent", "dative", "prt"} and child.lower_ == preposition:
                objects = [obj for obj in child.children if obj.dep_ in {"pobj", "pcomp"}]
                for obj in objects or self._stranded_object(child):
                    found.extend(self.of_phrase(obj))
        if not found and through_of and preposition != "of":
            # "the flow of weapons from North Korea to Russia": "to" hangs on a nested phrase
            for child in head.children:
                if child.dep_ == "prep" and child.lower_ in {"of", "from"}:
                    for obj in child.children:
                        if obj.dep_ == "pobj":
                            found.extend(self.prepositional(obj, preposition, through_of=False))
        if not found and through_of and head.pos_ == "NOUN" and preposition not in {"by", "of"}:
            # "sent a delegation led by its minister to Iran": the parser hangs "to Iran"
            # on the reduced relative; it still says where the delegation goes.
            for child in head.children:
                if child.dep_ == "acl" and child.tag_ == "VBN":
                    found.extend(self.prepositional(child, preposition, through_of=False))
        return _unique(found)

    def _stranded_object(self, preposition: Token) -> list[Token]:
        """A preposition the parser left without object because a reduced relative follows
        ("granted asylum to five officers holed up in the embassy": "officers" is parsed
        as the subject of "holed"): the noun phrase that starts right after it."""
        if preposition.dep_ != "prep":
            return []
        sentence_end = preposition.sent.end
        for i in range(preposition.i + 1, min(preposition.i + 8, sentence_end)):
            token = self.doc[i]
            if (
                token.pos_ in {"NOUN", "PROPN"}
                and token.dep_ in SUBJECT_DEPS
                and token.left_edge.i == preposition.i + 1
            ):
                return [token]
        return []

    def location(self, *heads: Token) -> list[str]:
        """Actors named as where something happens: "in Kabul", "near the border with Iraq",
        "outside of Basra", "in a car bomb explosion in Beirut"."""
        for head in heads:
            for child in head.children:
                if child.dep_ == "prep" and child.lower_ in LOCATIVE_PREPS:
                    objects = [obj for obj in child.children if obj.dep_ == "pobj"]
                    # "outside of the city": the place hangs on a second preposition
                    objects += [
                        o
                        for p in child.children
                        if p.dep_ == "prep" and p.lower_ == "of"
                        for o in p.children
                        if o.dep_ == "pobj"
                    ]
                    found = [a for obj in objects for a in self.of_phrase(obj)]
                    if not found:
                        found = [a for obj in objects for a in self.location(obj)] if head.pos_ != "NOUN" else []
                    if found:
                        return _unique(found)
        return []

    # --- pronouns ------------------------------------------------------------------------
    def antecedent(self, pronoun: Token) -> list[str]:
        """The actors a pronoun stands for: the nearest preceding subject with actors."""
        clause = pronoun.head
        if pronoun.dep_ == "poss" and pronoun.lower_ == "their":
            # "Duterte and Suga ... based on their phone call", "both countries withdrew
            # their ambassadors": a plural possessive names every party of its clause's
            # subject, not just the nearest name
            found = self._plural_subject(pronoun)
            if found:
                return found
        if pronoun.dep_ == "poss":
            # "helped Iran in its attack", "arms to Russia for its war": the nearest actor.
            for i in range(pronoun.i - 1, pronoun.sent.start - 1, -1):
                found = self._compatible(pronoun, self.index.at(self.doc[i]))
                if found:
                    return found
        # "Syria says it is willing...": the speaker of the clause the pronoun opens.
        if pronoun.dep_ in SUBJECT_DEPS and clause.dep_ in {"ccomp", "xcomp"}:
            speaker = [c for c in clause.head.children if c.dep_ in SUBJECT_DEPS and c.i != pronoun.i]
            if speaker and speaker[0].lower_ not in PRONOUNS:
                # "Militants loyal to Iraq's Al-Qaeda frontman said they ...": the speaker
                # with whom its own phrase says it belongs to
                found = self.of_phrase(speaker[0], nested=False, pronouns=False) or self.of_phrase(
                    speaker[0], pronouns=False
                )
                if found:
                    return self._compatible(pronoun, found)
        sentence = pronoun.sent
        start = sentence.start
        previous = self.doc[start - 1].sent.start if start > 0 else start
        for i in range(pronoun.i - 1, previous - 1, -1):
            token = self.doc[i]
            if token.dep_ in SUBJECT_DEPS and token.lower_ not in PRONOUNS:
                found = self._compatible(pronoun, self.of_phrase(token, nested=False, pronouns=False))
                if found:
                    return found
        for i in range(pronoun.i - 1, previous - 1, -1):
            found = self._compatible(pronoun, self.index.at(self.doc[i]))
            if found:
                return found
        return []

    def _plural_subject(self, pronoun: Token) -> list[str]:
        """The actors of the subject of the clause a possessive pronoun's phrase hangs in,
        when that subject names more than one and comes before the pronoun."""
        verb = pronoun.head
        subjects: list[Token] = []
        while not subjects and verb.head.i != verb.i:
            verb = verb.head
            subjects = [c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"} and c.i < pronoun.i]
        if not subjects or subjects[0].lower_ in PRONOUNS:
            return []
        found = self.of_phrase(subjects[0], nested=False, pronouns=False)
        return found if len(found) > 1 else []

    def _compatible(self, pronoun: Token, actors: list[str]) -> list[str]:
        person = pronoun.lower_ in PERSON_PRONOUNS
        return [
            a
            for a in actors
            if (self.index.kind.get(a) == "person") == person or pronoun.lower_ in {"they", "their", "them"}
        ]

    # --- clauses -------------------------------------------------------------------------
    def subject(self, verb: Token) -> list[str]:
        """The actors of a verb's subject, climbing to the clause that controls it."""
        for _ in range(4):
            subjects = [c for c in verb.children if c.dep_ in {"nsubj", "csubj"}]
            if subjects:
                # Two subjects are a misparse, usually of a dateline ("SEOUL, April 24 (AP) -
                # North Korea sent ..."): the one nearest the verb is the real one.
                subject = min(subjects, key=lambda c: abs(verb.i - c.i))
                if subject.tag_ in RELATIVE_TAGS and verb.dep_ == "relcl":
                    return self.of_phrase(verb.head)
                return self.of_phrase(subject)
            if verb.dep_ == "relcl":
                return self.of_phrase(verb.head)
            if self._misparsed_main_verb(verb):
                return self.of_phrase(verb.head)
            if verb.dep_ == "acl" and verb.tag_ in {"VBG", "VBD"}:  # VBD: "youths resorted to" misparsed
                found = self.of_phrase(verb.head)
                if found or verb.head.dep_ != "dobj":
                    return found
                verb = verb.head.head  # "issued a declaration demanding ...": who issued it demands
                continue
            if verb.dep_ == "acl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
                verb = verb.head  # "seizing the moment of tension to urge Pyongyang": who seizes urges
                while verb.pos_ not in {"VERB", "AUX"} and verb.head.i != verb.i:
                    verb = verb.head
                continue
            head = verb.head
            if verb.dep_ == "xcomp" and self.object(head):
                return self.object(head)  # "urged Pyongyang to stand up": Pyongyang stands up
            if verb.dep_ in {"pcomp", "pobj"} and head.dep_ == "prep":
                governor = head.head  # "accused Iran of sending arms": Iran sends them
                while governor.pos_ not in {"VERB", "AUX"} and governor.head.i != governor.i:
                    governor = governor.head  # "charged the two with violations in sending arms"
                return self.object(governor) or self.subject(governor)
            if verb.dep_ in {"xcomp", "conj", "advcl", "ccomp", "acomp"} and head.i != verb.i:
                verb = head
                continue
            return []
        return []

    def _misparsed_main_verb(self, verb: Token) -> bool:
        """ "Palestinian youths resorted to throwing stones, officials said": the parser
        makes "youths" the subject of "said" and "resorted" a reduced relative on it. A
        past participle right after the subject of a closing verb of saying that has its
        own subject is the news clause's verb, and the noun its subject."""
        head = verb.head
        if verb.dep_ != "acl" or verb.tag_ not in {"VBN", "VBD"} or head.dep_ not in {"nsubj", "dep"}:
            return False
        if any(c.dep_ in {"agent", "auxpass"} for c in verb.children):
            return False
        saying = head.head
        if saying.lemma_.lower() not in REPORTING_VERBS or saying.i < verb.i:
            return False
        if head.dep_ == "dep" and head.head.i != saying.i:
            return False
        return any(c.dep_ == "nsubj" and c.i != head.i and c.i > verb.i for c in saying.children)

    def passive_agent(self, verb: Token) -> list[str]:
        return self.prepositional(verb, "by") or self._detached_agent(verb)

    def _detached_agent(self, verb: Token) -> list[str]:
        """ "Aristide has been accused of misusing funds, much of it believed embezzled,
        by Haitian officials": a "by" phrase set off by a comma at the end of the sentence,
        after a parenthetical clause the parser hangs it on, is the passive's agent."""
        sentence = verb.sent
        for token in sentence:
            if token.i <= verb.i or token.lower_ != "by" or token.dep_ not in {"prep", "agent"}:
                continue
            if token.head.i == verb.i or token.i == 0 or self.doc[token.i - 1].text != ",":
                continue
            objects = [c for c in token.children if c.dep_ == "pobj"]
            if len(objects) != 1:
                continue
            after = objects[0].right_edge.i + 1
            if after < sentence.end and not self.doc[after].is_punct:
                continue
            if after < sentence.end and self.doc[after].text not in {".", "!", "?"}:
                continue
            return self.of_phrase(objects[0])
        return []

    def object(self, verb: Token) -> list[str]:
        """Actors of the direct object, or of the passive subject, or of the subject of an
        object clause ("helped Ukraine rebuild", "allowed Serbia to join")."""
        for child in verb.children:
            if child.dep_ in {"dobj", "nsubjpass", "attr", "oprd"}:
                found = self.of_phrase(child)
                if found:
                    return found
        for obj in self._counted_objects(verb):
            found = self.of_phrase(obj)
            if found:
                return found
        for child in verb.children:
            if child.dep_ in {"ccomp", "xcomp"} and child.i > verb.i:
                subjects = [c for c in child.children if c.dep_ == "nsubj" and c.i < child.i]
                if subjects and subjects[0].tag_ not in RELATIVE_TAGS:
                    found = self.of_phrase(subjects[0])
                    if found:
                        return found
        return []

    def _counted_objects(self, verb: Token) -> list[Token]:
        """ "kidnapped up to 16 Russian advisers", "killed up to 30 soldiers": the parser
        takes "up" for a particle and the count for the object of "to"."""
        found = []
        for child in verb.children:
            if child.dep_ in {"prt", "advmod"} and child.lower_ == "up":
                for prep in [*child.children, *(c for c in verb.children if c.i == child.i + 1)]:
                    if prep.dep_ == "prep" and prep.lower_ == "to" and prep.i == child.i + 1:
                        found.extend(
                            obj
                            for obj in prep.children
                            if obj.dep_ == "pobj" and any(c.dep_ == "nummod" for c in obj.children)
                        )
        return found

    def dative(self, verb: Token) -> list[str]:
        found = [a for c in verb.children if c.dep_ == "dative" for a in self.of_phrase(c)]
        return _unique(found) or self.prepositional(verb, "to")

    def complement_subject(self, verb: Token) -> list[str]:
        """Actors of the subject of a verb's complement clause ("demanded that Israel end ...")."""
        clauses = [c for c in verb.children if c.dep_ in {"ccomp", "xcomp"}]
        clauses += [g for c in verb.children if c.dep_ == "dobj" for g in c.children if g.dep_ in {"acl", "ccomp"}]
        for clause in clauses:
            subjects = [c for c in clause.children if c.dep_ in SUBJECT_DEPS]
            if subjects:
                found = self.of_phrase(subjects[0])
                if found:
                    return found
        return []
