"""The sides an event's own parse gives it: subject and object, the "by" phrase of a
passive, a noun's possessor and modifiers, "between A and B", and where it happened."""

from __future__ import annotations

from spacy.tokens import Token

from .arguments import Arguments
from .coded import Coded
from .modality import is_negated, negated_by_governor
from .modes import instrument_mode
from .triggers import Trigger

# "converged on Lagos for a rally", "resorted to stones during demonstrations": whoever
# does the verb takes part in the event the noun names. A passive subject does not.
TAKING_PART_PREPS = {"for", "during", "in", "into", "after", "following", "before", "at", "on"}


# Participles that read as the subject's own stance or act, not as done to it: "is
# opposed to", "were engaged in fighting", "is committed to opening up".
STATIVE_PASSIVES = {"oppose", "engage", "commit", "determine", "prepare", "dedicate", "involve", "poise"}


# "accused X of", "charged X with", "blamed X for": the accused did what the noun names.
CHARGE_PREPS = {"of", "with", "for"}


# Events whose unnamed doer is coded by the place it acted in: attacks and protests.
LOCATED_SOURCE_TYPES = {"ASSAULT", "PROTEST"}


PLACE_KINDS = {"location", "state"}
# Transfers whose "from" phrase names the sender before the clause around them does.
ORIGIN_FIRST_TYPES = {"AID"}


def _verbal_sides(trigger: Trigger, args: Arguments) -> tuple[list[str], list[str]]:
    verb = trigger.anchor
    passive = any(c.dep_ in {"nsubjpass", "auxpass"} for c in verb.children)
    if passive and verb.lemma_.lower() in STATIVE_PASSIVES and not args.passive_agent(verb):
        # "Israel is opposed to French mediation": Israel opposes it.
        subjects = [c for c in verb.children if c.dep_ == "nsubjpass"]
        source = args.of_phrase(subjects[0]) if subjects else []
        passive = False
    else:
        source = args.passive_agent(verb) if passive else args.subject(verb)
    target: list[str] = []
    noun = trigger.noun or trigger.object
    for slot in trigger.pattern.targets:
        if slot == "dobj":
            if trigger.noun is None and not (trigger.object is not None and trigger.pattern.objects):
                target = args.object(verb)
            elif trigger.object is not None:
                target = args.of_phrase(trigger.object)
                target = [a for a in target if not args.index.is_actor(trigger.object) or a]
        elif slot == "dative":
            target = args.dative(verb) or _misparsed_dative(trigger, args)
        else:
            heads = [verb, *([noun] if noun is not None else []), *(c for c in verb.children if c.dep_ == "dobj")]
            target = next((found for head in heads if (found := args.prepositional(head, slot))), [])
        if target:
            break
    if trigger.noun is not None and not source:
        source = _noun_source(trigger.noun, trigger, args) or _origin(trigger.noun, args)
    if not target and trigger.pattern.type == "REQUEST":
        target = args.complement_subject(verb) or _demanded_party(verb, args)
    return source, target


def _misparsed_dative(trigger: Trigger, args: Arguments) -> list[str]:
    """ "denied selling Russia drones": the parser often reads the first object of a
    double-object verb as a compound of the second; a state's own name there is whom the
    thing goes to (its demonym, "Russian drones", would say where it is from)."""
    thing = trigger.object
    if thing is None or args.index.is_actor(thing):
        return []
    return [
        a
        for c in thing.children
        if c.dep_ == "compound" and c.pos_ == "PROPN" and c.i < thing.i
        for a in args.index.at(c)
        if args.index.kind.get(a) == "state"
    ]


# Nouns of a demand whose "of" phrase names whom it is put to: "called for the removal of
# President X", "demanding the resignation of the prime minister".
REMOVAL_NOUNS = {"removal", "resignation", "ouster", "overthrow", "dismissal", "departure", "downfall", "impeachment"}


# Nouns whose "from" phrase names the power a demand is put to: "independence from
# Indonesian rule", "freedom from British rule", "secession from Serbia".
SEPARATION_NOUNS = {"independence", "freedom", "secession", "separation", "liberation"}


def _demanded_party(verb: Token, args: Arguments) -> list[str]:
    """A demand that names no addressee is put to whoever must go or be left: "protesters
    called for the resignation of President X" (X's state), "demanded a referendum on
    independence from Indonesian rule" (Indonesia)."""
    nouns = [c for c in verb.children if c.dep_ == "dobj"]
    nouns += [
        o for p in verb.children if p.dep_ == "prep" and p.lower_ == "for" for o in p.children if o.dep_ == "pobj"
    ]
    for noun in nouns:
        for token in noun.subtree:
            lemma = token.lemma_.lower()
            if lemma in REMOVAL_NOUNS:
                found = args.prepositional(token, "of", through_of=False)
            elif lemma in SEPARATION_NOUNS:
                found = args.prepositional(token, "from", through_of=False)
            else:
                continue
            if found:
                return found
    return []


def _noun_source(noun: Token, trigger: Trigger, args: Arguments) -> list[str]:
    pattern_words = {t.i for t in trigger.tokens}
    found: list[str] = []
    for child in noun.children:
        if child.i in pattern_words:
            continue
        if child.dep_ == "poss":
            found.extend(args.of_phrase(child, nested=False))
        elif child.dep_ in {"compound", "amod", "nmod"} and child.i < noun.i:
            if trigger.pattern.symmetric and child.dep_ == "compound" and child.pos_ == "PROPN":
                # "the Ukraine war", "the Gaza conflict": where, not who; but "the
                # Russia-Ukraine war", "U.S.-China talks" name both parties
                pair = {
                    a for t in child.subtree for a in args.index.at(t) if args.index.kind.get(a) in {"state", "igo"}
                }
                if len(pair) < 2:
                    continue
            found.extend(a for t in child.subtree if not args.opposed(t) for a in args.index.at(t))
    if not found:
        found = args.prepositional(noun, "by")
    return list(dict.fromkeys(found))


def _origin(noun: Token, args: Arguments) -> list[str]:
    """ "arms sales from Pyongyang": where the thing comes from is who sends it."""
    return args.prepositional(noun, "from")


def _nominal_sides(trigger: Trigger, args: Arguments, verbs: set[int]) -> tuple[list[str], list[str]]:
    noun = trigger.anchor
    source = _noun_source(noun, trigger, args)
    target: list[str] = []
    for slot in trigger.pattern.targets:
        target = args.prepositional(noun, slot)
        if target:
            break
    if not target and trigger.pattern.symmetric:
        target = [a for c in noun.children if c.dep_ == "compound" and c.pos_ == "PROPN" for a in args.index.at(c)]
    between = args.prepositional(noun, "between")
    if between:
        source, target = (source or between), between
    custody = _put_under(noun)
    if custody is not None and not target:
        # "A US national has been put under investigation in Italy", "was placed under
        # house arrest": whoever is put under it is its target; the state where, its doer
        target = [a for c in custody.children if c.dep_ == "nsubjpass" for a in args.of_phrase(c)]
        if not source:
            source = [a for a in args.location(custody, noun) if args.index.kind.get(a) == "state" and a not in target]
    if not target and noun.dep_ == "dobj" and noun.head.pos_ in {"VERB", "AUX"}:
        # "would prohibit all aid to Albanian rebels": the parser hangs the noun's
        # phrase on the verb that takes the noun
        for slot in trigger.pattern.targets:
            if slot not in {"dobj", "dative"}:
                target = args.prepositional(noun.head, slot, through_of=False)
                if target:
                    break
    if not source:
        # "The United States speeded up the withdrawal of forces from Panama": the clause's
        # subject withdraws; only then is "from" the origin ("arms sales from Pyongyang").
        origin = [a for a in _origin(noun, args) if a not in target]
        if trigger.pattern.type in ORIGIN_FIRST_TYPES and origin:
            # "showing the flow of weapons from North Korea to Russia": who sends is where
            # the thing comes from, not who shows it
            source = origin
        else:
            source = _inherited_sides(noun, args, verbs) or origin
    if not target and trigger.pattern.type == "CONSULT" and not args.index.is_actor(noun):
        # "a meeting of Palestinian factions", "a summit of Arab leaders": who meets; with
        # whom the one who attends it meets
        members = args.prepositional(noun, "of", through_of=False)
        if not source:
            source, target = members, members
        else:
            target = [a for a in members if a not in source]
    return source, target


PUTTING_VERBS = {"put", "place", "keep", "hold"}


def _put_under(noun: Token) -> Token | None:
    """The passive verb of "was put under investigation", "were placed under arrest"."""
    head = noun.head
    if noun.dep_ != "pobj" or head.lower_ != "under":
        return None
    verb = head.head
    if verb.lemma_.lower() in PUTTING_VERBS and any(c.dep_ in {"nsubjpass", "auxpass"} for c in verb.children):
        return verb
    return None


def _inherited_sides(noun: Token, args: Arguments, verbs: set[int]) -> list[str]:
    """Who does what a bare event noun names, read from the clause around it.

    "accused Iran and North Korea of military cooperation": the accused cooperate.
    "The United States speeded up the withdrawal", "launched ten days of war games": the
    subject of a verb that is no event of its own does what its object names. The object
    of an event verb is not the subject's deed ("condemned the attack").
    """
    token = noun
    while token.dep_ == "pobj" and token.head.lower_ == "of" and token.head.head.pos_ in {"NOUN", "NUM", "PROPN"}:
        token = token.head.head
    head = token.head
    if token.dep_ == "pobj" and head.dep_ == "prep" and head.lower_ in CHARGE_PREPS and head.head.i in verbs:
        verb = head.head
        return args.object(verb) or args.subject(verb)
    if token.dep_ == "dobj" and head.pos_ in {"VERB", "AUX"} and head.i not in verbs:
        return args.subject(head)
    if token.dep_ == "pobj" and head.lower_ in TAKING_PART_PREPS and head.head.pos_ in {"VERB", "AUX"}:
        verb = head.head
        if verb.i not in verbs and not any(c.dep_ in {"nsubjpass", "auxpass"} for c in verb.children):
            return args.subject(verb)
    return []


def _location(trigger: Trigger, args: Arguments) -> list[str]:
    heads = [trigger.anchor, *([trigger.noun] if trigger.noun is not None else [])]
    objects = [c for c in trigger.anchor.children if c.dep_ in {"dobj", "nsubjpass"}]
    # "shortened the curfew imposed in Sudan": the place can hang on the object's clause
    heads += objects + [c for o in objects for c in o.children if c.dep_ in {"acl", "relcl"}]
    clauses = [c for c in trigger.anchor.children if c.dep_ == "xcomp"]
    # "agreed to postpone the demonstration in Baku": where the agreed act happens
    heads += clauses + [o for c in clauses for o in c.children if o.dep_ == "dobj"]
    if not trigger.verbal and trigger.anchor.head.pos_ in {"VERB", "AUX"}:
        heads.append(trigger.anchor.head)  # "instituted a curfew in Algiers"
    # "killed 23 people when they blew themselves up in Tel Aviv": the clause that says when
    heads += [c for c in trigger.anchor.children if c.dep_ == "advcl" and _temporal(c)]
    return args.location(*heads)


TEMPORAL_MARKS = {"when", "as", "while", "after"}


def _temporal(clause: Token) -> bool:
    return any(c.dep_ in {"mark", "advmod"} and c.lower_ in TEMPORAL_MARKS and c.i < clause.i for c in clause.children)


def _home_state(source: list[str], args: Arguments) -> list[str]:
    """A protest, strike or resignation that names no one is aimed at the actor's own
    state, as CAMEO codes domestic events ("Egyptian students demonstrated in Cairo",
    "the minister resigned"): the state of the source's country, when the text names it."""
    countries = {args.index.country.get(a) for a in source} - {None}
    if len(countries) != 1:
        return []
    (country,) = countries
    return [a for a, kind in args.index.kind.items() if kind == "state" and args.index.country.get(a) == country][:1]


def _between(trigger: Trigger, args: Arguments) -> bool:
    heads = [trigger.anchor, *([trigger.noun] if trigger.noun is not None else [])]
    return any(args.prepositional(head, "between") for head in heads)


def _symmetric(source: list[str], target: list[str]) -> tuple[list[str], list[str]]:
    sides = list(dict.fromkeys(source + target))
    return (sides, sides) if len(sides) > 1 else (source, target)


def code_trigger(trigger: Trigger, args: Arguments, verbs: set[int]) -> Coded:
    pattern = trigger.pattern
    if trigger.verbal:
        source, target = _verbal_sides(trigger, args)
    else:
        source, target = _nominal_sides(trigger, args, verbs)
    if pattern.symmetric and (len(source) > 1 or _between(trigger, args)):
        # "Russia and China clashed", "talks between Iran and North Korea": both sides act
        # on each other; "Guyana negotiated with Venezuela" keeps its sides.
        source, target = _symmetric(source, target)
    elif pattern.symmetric:
        target = [a for a in target if a not in source]
        if not target and len(source) == 1 and args.index.kind.get(source[0]) == "igo" and pattern.type == "CONSULT":
            # "G7 foreign ministers held a session", "a meeting of the Security Council":
            # an organization meeting as itself meets its own members
            target = list(source)
    else:
        target = [a for a in target if a not in source] or ([] if source else target)
    located = False
    if (
        trigger.verbal
        and target
        and trigger.object is not None
        and trigger.pattern.objects
        and "in" not in pattern.targets
        and not args.index.is_actor(trigger.object)
    ):
        # "blocked streets in Hong Kong": the place the object is in is where, not whom
        place = args.location(trigger.object)
        located = (
            bool(place) and set(target) <= set(place) and all(args.index.kind.get(a) in PLACE_KINDS for a in target)
        )
    if not target and not (pattern.symmetric and len(source) > 1):
        target = [a for a in _location(trigger, args) if a not in source]
        located = bool(target)
    if not target and (pattern.type == "PROTEST" or (pattern.type == "RETREAT" and "political" in pattern.contexts)):
        target = _home_state(source, args)
        located = bool(target)
    if not source and pattern.type in LOCATED_SOURCE_TYPES:
        # "a roadside bomb near Samarra killed a soldier", "rioted at a jail in Dili": an
        # attacker or crowd the text does not name is coded by where it acted, as CAMEO does
        source = [a for a in _location(trigger, args) if args.index.kind.get(a) in PLACE_KINDS]
        if not source:
            # "A minefield explosion near the town of Samarra killed two youths": where
            # the subject that did it was
            subjects = [c for c in trigger.anchor.children if c.dep_ == "nsubj" and not args.index.is_actor(c)]
            source = [a for a in args.location(*subjects) if args.index.kind.get(a) in PLACE_KINDS]
    mode = pattern.mode
    if mode is None and pattern.type == "ASSAULT":
        mode = instrument_mode(trigger.anchor, [trigger.noun] if trigger.noun is not None else [])
    negated = is_negated(trigger.anchor) or (trigger.noun is not None and is_negated(trigger.noun))
    negated = negated or negated_by_governor(trigger.anchor)
    if not trigger.verbal and trigger.anchor.dep_ in {"attr", "nsubj", "dobj"}:
        # "there have not been any allegations", "has no evidence of talks"
        head = trigger.anchor.head
        negated = negated or (head.lemma_ in {"be", "have"} and is_negated(head))
    return Coded(
        trigger=trigger,
        type=pattern.type,
        mode=mode,
        cameo=pattern.cameo,
        contexts=list(pattern.contexts),
        source=source,
        target=target,
        negated=negated,
        located=located,
    )
