"""Events: who did what to whom, coded in PLOVER with CAMEO codes.

The stage runs over one parsed ``Doc`` and the actors already found:

1. ``triggers``: verbs and nouns the lexicon lists ("sent a delegation", "arms sales",
   "held talks"), the most specific row winning;
2. ``arguments``: source and target actors from the parse (subject or "by" phrase,
   object or the preposition the lexicon names, possessives and demonyms of nouns,
   "between A and B" for both sides), through conjuncts, roles and pronouns;
3. coding as CAMEO does: an event said with "will" or "ready to" is a statement of
   intent (AGREE when cooperative, THREATEN when hostile, REJECT when negated); "X said
   Y must ..." is X's demand of Y (REQUEST); an event governing another takes the code of
   the pair ("agreed to provide aid" 033, "threatened sanctions" 131);
4. one ``root`` per sentence: the event highest in its parse, verbs before nouns.

Negation is recorded (``negated``); how the text holds the event (``status``) and the
attribution whose content holds it come from the attribution stage's ``claim_status``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from ...resolve.cameo import goldstein, quad_class
from ...nlp.syntax import text_of
from ..attribution import claim_status
from ..registry import register_stage
from .arguments import SUBJECT_DEPS, ActorIndex, Arguments
from .dating import date_events
from .lexicon import EventPattern, complement_codes, intent_words
from .modes import instrument_mode, threat_mode
from .triggers import Trigger, find_triggers

__all__ = ["find_events"]

COOPERATIVE = {"CONSULT", "SUPPORT", "COOPERATE", "AID", "CONCEDE", "RETREAT"}
HOSTILE = {"PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"}
OBLIGATION = {"must", "should"}
NEGATIONS = {"not", "n't", "never", "no"}
# Verbs of saying: the clause they govern may be a demand ("X said Y must ...").
SAYING = {"say", "declare", "insist", "reiterate", "state", "stress", "add", "tell", "conclude", "announce", "write", "argue"}
# Accusation verbs that only report someone's claim when they take a clause and no
# accused ("X charged that ...", "a rights group alleged ..."): the claim is the event.
REPORTING_ACCUSE = {"charge", "allege", "claim", "accuse", "blame", "warn"}
# "converged on Lagos for a rally", "resorted to stones during demonstrations": whoever
# does the verb takes part in the event the noun names. A passive subject does not.
TAKING_PART_PREPS = {"for", "during", "in", "into"}
# Participles that read as the subject's own stance or act, not as done to it: "is
# opposed to", "were engaged in fighting", "is committed to opening up".
STATIVE_PASSIVES = {"oppose", "engage", "commit", "determine", "prepare", "dedicate", "involve", "poise"}
# "accused X of", "charged X with", "blamed X for": the accused did what the noun names.
CHARGE_PREPS = {"of", "with", "for"}
# Events whose unnamed doer is coded by the place it acted in: attacks and protests.
LOCATED_SOURCE_TYPES = {"ASSAULT", "PROTEST"}
PLACE_KINDS = {"location", "state"}
# "may halt mediation if ...", "could cut aid unless ...": a conditional statement of intent.
CONDITIONAL_MODALS = {"may", "might", "could"}
CONDITION_MARKERS = {"if", "unless"}


@dataclass
class Coded:
    """An event being coded: its trigger, its sides and what the coding rules made of it."""

    trigger: Trigger
    type: str
    mode: str | None
    cameo: str
    contexts: list[str]
    source: list[str]
    target: list[str]
    negated: bool = False
    governed: list["Coded"] = field(default_factory=list)
    intent: bool = False  # "will provide aid" coded as a statement of intent
    located: bool = False  # the target is only where the event happens

    @property
    def anchor(self) -> Token:
        return self.trigger.anchor


def _negated(anchor: Token) -> bool:
    for child in anchor.children:
        if child.dep_ == "neg" or (child.dep_ in {"advmod", "det"} and child.lower_ in NEGATIONS):
            return True
    return False


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
            target = args.dative(verb)
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
    nouns += [o for p in verb.children if p.dep_ == "prep" and p.lower_ == "for" for o in p.children if o.dep_ == "pobj"]
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
                continue  # "the Ukraine war", "the Gaza conflict": where, not who
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
        source = _inherited_sides(noun, args, verbs) or [a for a in _origin(noun, args) if a not in target]
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


def _code(trigger: Trigger, args: Arguments, verbs: set[int]) -> Coded:
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
        located = bool(place) and set(target) <= set(place) and all(args.index.kind.get(a) in PLACE_KINDS for a in target)
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
    negated = _negated(trigger.anchor) or (trigger.noun is not None and _negated(trigger.noun))
    if not trigger.verbal and trigger.anchor.dep_ in {"attr", "nsubj", "dobj"}:
        # "there have not been any allegations", "has no evidence of talks"
        head = trigger.anchor.head
        negated = negated or (head.lemma_ in {"be", "have"} and _negated(head))
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


# --- coding rules -----------------------------------------------------------------------


def _intent(verb: Token) -> bool:
    words = intent_words()
    if any(c.dep_ == "aux" and words.get(c.lower_) == "modal" for c in verb.children):
        return True
    if any(c.dep_ == "aux" and c.lower_ in CONDITIONAL_MODALS for c in verb.children) and _conditional(
        verb, CONDITION_MARKERS
    ):
        return True  # "may halt its mediation if the fighting goes on"
    head = verb.head
    if verb.dep_ == "advcl" and not any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
        return False
    # "vowed to fight", and "have sworn to fight until ..." parsed as a purpose clause
    return verb.dep_ in {"xcomp", "advcl"} and words.get(head.lemma_.lower()) == "predicate"


def _conditional(verb: Token, marks: frozenset[str] | set[str] = frozenset({"unless"})) -> bool:
    """ "will withdraw its force unless ...": a promise on a condition is a threat."""
    return any(c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in marks for m in c.children) for c in verb.children)


def _apply_intent(event: Coded) -> None:
    """Code "will provide aid" as intent to provide aid, the way CAMEO codes statements."""
    if not event.trigger.verbal or not _intent(event.anchor):
        return
    codes = complement_codes()
    act = (event.type, event.mode, event.cameo)
    conditional = _conditional(event.anchor) or (
        any(c.dep_ == "aux" and c.lower_ in CONDITIONAL_MODALS for c in event.anchor.children)
        and _conditional(event.anchor, CONDITION_MARKERS)
    )
    if conditional and event.type in COOPERATIVE | HOSTILE:
        event.type = "THREATEN"
    elif event.negated and event.type in COOPERATIVE | {"AGREE"}:
        event.type, event.negated = "REJECT", False
    elif event.type in COOPERATIVE:
        event.type = "AGREE"
    elif event.type in HOSTILE:
        event.type = "THREATEN"
    else:
        return
    event.cameo = codes.get((event.type, event.trigger.pattern.type), _root_code(event.type))
    # "will resume attacks": a threat of violence; "will impose a curfew": of a curfew
    event.mode = threat_mode(*act) if event.type == "THREATEN" else None
    event.intent = True


def _root_code(type_: str) -> str:
    return {"AGREE": "030", "THREATEN": "130", "REJECT": "120", "REQUEST": "100"}.get(type_, "010")


def _governed(event: Coded, by_anchor: dict[int, Coded]) -> list[Coded]:
    """Events an event governs: its complement clause, its object noun, its "to"/"for" noun."""
    anchor = event.anchor
    found = []
    for child in anchor.children:
        if child.dep_ in {"xcomp", "ccomp", "dobj"} and child.i in by_anchor:
            found.append(by_anchor[child.i])
        elif child.dep_ == "prep" and child.lower_ in {"to", "for", "of", "on", "with"}:
            found.extend(by_anchor[obj.i] for obj in child.children if obj.i in by_anchor)
    return [f for f in found if f is not event]


def _complement_code(event: Coded, by_anchor: dict[int, Coded]) -> None:
    codes = complement_codes()
    for governed in _governed(event, by_anchor):
        if event.type == "THREATEN" and event.mode is None:
            # "threatened to institute a curfew": a threat of a curfew
            event.mode = threat_mode(governed.type, governed.mode, governed.cameo)
        code = codes.get((event.type, governed.type))
        if code:
            event.cameo = code
            return


# Types whose target is whoever did what their object names: "denounced the killing of a
# soldier by Congolese troops" denounces the troops, "rejected Seoul's proposal" Seoul.
RESPONDING = {"ACCUSE", "REJECT", "SUPPORT"}


def _responding_target(event: Coded, by_anchor: dict[int, Coded]) -> None:
    if event.type not in RESPONDING:
        return
    for child in event.anchor.children:
        governed = by_anchor.get(child.i)
        if child.dep_ == "dobj" and governed is not None and not governed.trigger.verbal:
            others = [a for a in governed.source if a not in event.source]
            if others:
                event.target = others
            return


def _purpose_clauses(anchor: Token) -> list[Token]:
    """The verbs of an anchor's purpose clauses: "began a hunger strike to protest ...",
    "blocked a road to show their anger", "in order to press their demands"."""
    found = []
    for child in anchor.children:
        if child.dep_ == "advcl" and child.i > anchor.i:
            if any(c.dep_ == "aux" and c.lower_ == "to" for c in child.children):
                found.append(child)
    return found


# Prepositions whose event noun says why or after what something was done: "in protest
# against", "in defiance of", "after talks with", "following negotiations with".
MOTIVE_PREPS = {"in"}
SEQUEL_PREPS = {"after", "following"}
SEQUEL_TYPES = {"CONSULT", "AGREE"}
DURING_PREPS = {"during", "at"}


def _motives(event: Coded, by_anchor: dict[int, Coded]) -> list[Coded]:
    """Events that say what an event answers or serves, nearest first: its purpose clause
    (through verbs that are no event: "to help defend Saudi Arabia"), the event noun of an
    "in protest of" phrase, the talks it follows ("called off the strike after talks with
    the government"), and the event of its object's own clause ("shortened the curfew
    imposed in Sudan", "lifted the sanctions imposed on Iran")."""
    anchor = event.anchor
    found: list[Coded] = []
    heads = [anchor, *([event.trigger.noun] if event.trigger.noun is not None else [])]
    if not event.trigger.verbal and anchor.dep_ == "dobj" and anchor.head.i not in by_anchor:
        heads.append(anchor.head)  # "staged a hunger strike in protest against ..."
    for head in heads:
        for child in head.children:
            if child.dep_ == "dobj" and child.i not in by_anchor:
                found.extend(by_anchor[g.i] for g in child.children if g.dep_ in {"acl", "relcl"} and g.i in by_anchor)
                # "rejected an invitation to attend a meeting of ...": the event the
                # object's infinitive (no event of its own) takes
                for clause in child.children:
                    if clause.dep_ == "acl" and clause.i not in by_anchor and any(a.dep_ == "aux" and a.lower_ == "to" for a in clause.children):
                        found.extend(by_anchor[o.i] for o in clause.children if o.dep_ == "dobj" and o.i in by_anchor)
        if not event.trigger.verbal and head is anchor:
            # "a demonstration calling for the removal of ...": what the event's own
            # participle says it demands
            found.extend(by_anchor[c.i] for c in head.children if c.dep_ == "acl" and c.i in by_anchor and by_anchor[c.i].type == "REQUEST")
        if event.type == "PROTEST":
            # "rioted ... joining thousands in demanding independence from ...", "marched in
            # support of ... by calling for ...": the demand a protest joins in
            clauses = [head, *(c for c in head.children if c.dep_ == "advcl" and c.tag_ == "VBG")]
            for clause in clauses:
                for prep in clause.children:
                    if prep.dep_ == "prep" and prep.lower_ in {"in", "by"}:
                        found.extend(
                            by_anchor[o.i] for o in prep.children if o.dep_ == "pcomp" and o.i in by_anchor and by_anchor[o.i].type == "REQUEST"
                        )
        for clause in head.children:
            # "refused to respond to a demand from Washington": a verb that is no event
            # passes on the event it takes
            if clause.dep_ == "xcomp" and clause.i not in by_anchor:
                for child in clause.children:
                    if child.dep_ == "dobj" and child.i in by_anchor:
                        found.append(by_anchor[child.i])
                    elif child.dep_ == "prep" and child.lower_ in {"to", "on", "with", "in"}:
                        found.extend(by_anchor[o.i] for o in child.children if o.i in by_anchor)
        for clause in _purpose_clauses(head):
            stack, steps = [clause], 0
            while stack and steps < 4:
                verb = stack.pop(0)
                steps += 1
                if verb.i in by_anchor:
                    found.append(by_anchor[verb.i])
                    continue
                stack.extend(c for c in verb.children if c.dep_ in {"xcomp", "ccomp", "dobj"})
        for child in head.children:
            if child.dep_ != "prep":
                continue
            for obj in child.children:
                governed = by_anchor.get(obj.i)
                if governed is None:
                    continue
                if child.lower_ in MOTIVE_PREPS and not governed.trigger.verbal and governed.type in {"ACCUSE", "REJECT", "PROTEST"}:
                    found.append(governed)
                elif child.lower_ in DURING_PREPS | SEQUEL_PREPS and event.type == "PROTEST" and governed.type == "PROTEST":
                    # "threw stones during a demonstration against ...", "rioted following
                    # a demonstration calling for ..."
                    found.append(governed)
                elif child.lower_ in SEQUEL_PREPS and governed.type in SEQUEL_TYPES:
                    found.append(governed)
    return [f for f in found if f is not event]


def _other_party(event: Coded, governed: Coded) -> list[str]:
    if not governed.trigger.verbal:
        others = [a for a in governed.source if a not in event.source]
        if others:
            return others
    return [a for a in governed.target if a not in event.source]


def _complement_target(event: Coded, by_anchor: dict[int, Coded], args: Arguments) -> None:
    """An event with no target of its own aims at its complement's other party: "rejected
    a fresh offer from Kabul" rejects Kabul, "agreed to provide aid to Romania" agrees
    with Romania, "refused to meet the king" refuses the king. Then at what it answers or
    serves (``_motives``): "began a hunger strike to protest Sweden's decision" protests
    against Sweden. Only then is where it happened its target."""
    if event.target and not event.located:
        return
    for governed in _governed(event, by_anchor):
        others = _other_party(event, governed)
        if others:
            event.target, event.located = others, False
            return
    # "forces of the mission were deployed to protect civilians and their goods": who is
    # deployed is not what the deployment aims at
    own = set(event.source) | {
        a for c in event.anchor.children if c.dep_ in SUBJECT_DEPS for t in c.subtree for a in args.index.at(t)
    }
    for governed in _motives(event, by_anchor):
        others = [a for a in governed.target if a not in own]
        if not governed.trigger.verbal and not others:
            others = [a for a in governed.source if a not in own]
        if others:
            event.target, event.located = others, False
            return


CONDITION_MARKS = {"if", "unless"}


def _condition_target(event: Coded, args: Arguments) -> None:
    """ "threatened to stop the talks if Washington goes ahead", "will boycott the vote
    unless the president resigns": a threat or promise is aimed at whoever the condition
    is put to, the subject of its "if" or "unless" clause."""
    if (event.target and not event.located) or not (event.type in {"THREATEN", "REJECT"} or event.intent):
        return
    verbs, steps = [event.anchor], 0
    while verbs and steps < 4:
        verb = verbs.pop(0)
        steps += 1
        for clause in verb.children:
            if clause.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in CONDITION_MARKS for m in clause.children):
                subjects = [c for c in clause.children if c.dep_ in SUBJECT_DEPS]
                if subjects:
                    others = [a for a in args.of_phrase(subjects[0]) if a not in event.source]
                    if others:
                        event.target, event.located = others, False
                        return
        verbs.extend(c for c in verb.children if c.dep_ in {"xcomp", "ccomp"})


def _consequence_target(event: Coded, by_anchor: dict[int, Coded]) -> None:
    """ "A roadside bomb attack killed two soldiers": the event that is the subject of
    another ("killed") aims at that event's victims."""
    if event.target and not event.located:
        return
    if event.anchor.dep_ not in {"nsubj", "csubj"}:
        return
    consequence = by_anchor.get(event.anchor.head.i)
    if consequence is None or consequence is event or consequence.located:
        return
    others = [a for a in consequence.target if a not in event.source]
    if others:
        event.target, event.located = others, False


# Prepositions whose object an accusation or rejection is about: "denounced as a crime
# Serbia's suppression of ...", "an investigation into crimes committed by ...", "reneged
# on its commitment to the Zambian people".
ABOUT_PREPS = {"as", "into", "on", "of", "over", "about"}


def _object_party(event: Coded, args: Arguments) -> None:
    """An accusation, rejection or endorsement with no target of its own aims at whoever
    its object says acted: the possessor of the object ("condemned Russia's annexation"),
    the agent of the object's participle ("crimes committed by Croat forces"); a
    rejection also at whom its object was owed ("reneged on its pledge to the voters")."""
    if (event.target and not event.located) or event.type not in RESPONDING or not event.trigger.verbal:
        return
    heads = list({t.i: t for t in [event.anchor, *event.trigger.tokens]}.values())
    nouns = [c for h in heads for c in h.children if c.dep_ in {"dobj", "nsubjpass"} and c.i not in {t.i for t in heads}]
    nouns += [o for h in heads for p in h.children if p.dep_ == "prep" and p.lower_ in ABOUT_PREPS for o in p.children if o.dep_ == "pobj"]
    nouns += [a for n in nouns for a in n.children if a.dep_ == "appos"]
    own = set(event.source)
    for noun in nouns:
        found = [a for c in noun.children if c.dep_ == "poss" for a in args.of_phrase(c, nested=False)]
        found += [a for c in noun.children if c.dep_ == "acl" and c.tag_ == "VBN" for a in args.prepositional(c, "by", through_of=False)]
        others = [a for a in found if a not in own]
        if not others and event.type == "REJECT":
            others = [a for a in args.prepositional(noun, "to", through_of=False) if a not in own]
        if others:
            event.target, event.located = others, False
            return


def _denied_to(event: Coded, args: Arguments) -> None:
    """ "refused admittance to Ghanaians", "cut off fuel supplies to the rebels", "denied
    visas to the delegation": what is withheld is withheld from the "to" phrase."""
    if (event.target and not event.located) or event.type not in {"REJECT", "SANCTION"} or not event.trigger.verbal:
        return
    others = [a for a in args.prepositional(event.anchor, "to", through_of=False) if a not in event.source]
    if others:
        event.target, event.located = others, False


FORCE_TYPES = {"COERCE", "ASSAULT"}


def _purpose_object(event: Coded, args: Arguments) -> None:
    """ "opened fire to disperse demonstrators", "used tear gas to break up a rally of
    opposition supporters": force used to act on someone is used against them."""
    if (event.target and not event.located) or event.type not in FORCE_TYPES:
        return
    clauses = _purpose_clauses(event.anchor) + [
        c for c in event.anchor.children if c.dep_ == "xcomp" and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)
    ]
    for clause in clauses:
        others = [a for a in args.object(clause) if a not in event.source]
        if others:
            event.target, event.located = others, False
            return


def _agreed_object(event: Coded, by_anchor: dict[int, Coded], args: Arguments) -> None:
    """ "agreed to free the British sailors", "agreed to open its borders to UN
    peacekeepers": an agreement to act on someone is made with them, when the act is
    no event of its own."""
    if (event.target and not event.located) or event.type != "AGREE" or not event.trigger.verbal:
        return
    own = set(event.source)
    for clause in event.anchor.children:
        if clause.dep_ != "xcomp" or clause.i in by_anchor:
            continue
        found = [a for c in clause.children if c.dep_ == "dobj" and not any(p.dep_ == "poss" for p in c.children) for a in args.of_phrase(c)]
        found = found or args.prepositional(clause, "to", through_of=False)
        others = [a for a in found if a not in own]
        if others:
            event.target, event.located = others, False
            return


GIVING_TYPES = {"AGREE", "CONCEDE", "RETREAT", "AID", "SUPPORT", "COOPERATE"}


def _transfer_target(event: Coded, args: Arguments) -> None:
    """ "allowed the delivery of grain to Afghanistan", "approved the sale of jets to
    Taiwan": what is let through or handed over goes to the object's "to" phrase."""
    if (event.target and not event.located) or event.type not in GIVING_TYPES or not event.trigger.verbal:
        return
    own = set(event.source)
    for obj in (c for c in event.anchor.children if c.dep_ == "dobj"):
        others = [a for a in args.prepositional(obj, "to") if a not in own]
        if others:
            event.target, event.located = others, False
            return


# Sectors of a state's own politics whose act with no one named is aimed at their state.
HOME_SECTORS = {"GOV", "COP", "JUD", "LEG", "OPP", "PTY", "CVL", "LAB", "ELI"}


def _home_target(event: Coded, args: Arguments) -> None:
    """A government, police, court or party acting with no target the text names acts
    on its own country, as CAMEO codes domestic events, when its clause names that
    country's state, capital or a place in it ("Liberian riot police used tear gas to
    disperse demonstrators in Monrovia", "the Serbian parliament approved a law ... in
    Serbian cities"): the place is the target."""
    if event.target or event.trigger.pattern.symmetric or not event.source:
        return
    if any(args.index.sector.get(a) not in HOME_SECTORS for a in event.source):
        return
    countries = {args.index.country.get(a) for a in event.source}
    if len(countries) != 1 or None in countries:
        return
    (country,) = countries
    clause = event.anchor
    while clause.head.i != clause.i and clause.dep_ in {"xcomp", "ccomp", "conj", "advcl"} and clause.head.lemma_.lower() not in SAYING | {"report"}:
        clause = clause.head
    source_tokens = {i for i, ids in args.index.by_token.items() if set(ids) & set(event.source)}
    for token in clause.subtree:
        if token.i < event.anchor.i or token.i in source_tokens or _in_subject(token, clause):
            continue  # "asserting that China rejects ...": a state that acts is no patient
        for actor in args.index.at(token):
            if args.index.kind.get(actor) in PLACE_KINDS and args.index.country.get(actor) == country:
                event.target, event.located = [actor], True
                return


# Words that say what someone or something can be used for: "hackers capable of launching
# cyber warfare against the United States", "missiles designed for use against ships".
CAPABILITY_WORDS = {"capable", "able", "ready", "designed", "intended", "meant", "trained", "equipped", "prepared"}


def _capability_target(event: Coded, args: Arguments) -> None:
    """ "has trained hackers capable of launching cyber warfare against the United
    States": what an event builds, trains or deploys is aimed at whom it is capable of
    being used against."""
    if event.target and not event.located:
        return
    own = set(event.source)
    for obj in (c for c in event.anchor.children if c.dep_ in {"dobj", "nsubjpass"}):
        for modifier in obj.children:
            if modifier.dep_ not in {"amod", "acl", "relcl"} or not {modifier.lower_, modifier.lemma_.lower()} & CAPABILITY_WORDS:
                continue
            for token in modifier.subtree:
                if token.dep_ == "prep" and token.lower_ == "against":
                    others = [a for o in token.children if o.dep_ == "pobj" for a in args.of_phrase(o) if a not in own]
                    if others:
                        event.target, event.located = others, False
                        return


def _shared_target(event: Coded, by_anchor: dict[int, Coded]) -> None:
    """ "established diplomatic ties with and opened an embassy in Tehran": a preposition
    left without its object shares the object of the conjoined verb's phrase."""
    if event.target and not event.located:
        return
    anchor = event.anchor
    heads = [anchor, *(c for c in anchor.children if c.dep_ == "dobj")]
    if not any(p.dep_ == "prep" and not any(True for _ in p.children) for h in heads for p in h.children):
        return
    for conj in anchor.children:
        other = by_anchor.get(conj.i)
        if conj.dep_ == "conj" and other is not None and other.type == event.type and other.target and not other.located:
            others = [a for a in other.target if a not in event.source]
            if others:
                event.target, event.located = others, False
                return


def _in_subject(token: Token, clause: Token) -> bool:
    while token.i != clause.i and token.head.i != token.i:
        if token.dep_ in SUBJECT_DEPS:
            return True
        token = token.head
    return False


def _reported_demands(sentence, events: list[Coded], args: Arguments) -> list[Coded]:
    """ "X said (that) Y must ..." is X's demand of Y (CAMEO 10), whatever Y must do."""
    demands = []
    anchored = {e.anchor.i for e in events}
    by_anchor = {e.anchor.i: e for e in events}
    for verb in sentence:
        if verb.dep_ != "ccomp" or verb.head.lemma_.lower() not in SAYING or verb.head.i in anchored:
            continue
        if not any(c.dep_ == "aux" and c.lower_ in OBLIGATION for c in verb.children):
            continue
        speaker = args.subject(verb.head)
        addressee = [a for a in args.subject(verb) if a not in speaker]
        if not addressee:
            continue
        inner = by_anchor.get(verb.i)
        pattern = EventPattern(verb.head.lemma_, None, frozenset(), "REQUEST", None, "100", (), ("dobj",), False)
        trigger = Trigger(anchor=verb.head, tokens=[verb.head], pattern=pattern, verbal=True)
        code = complement_codes().get(("REQUEST", inner.type)) if inner else None
        demands.append(
            Coded(trigger, "REQUEST", None, code or "100", inner.contexts if inner else [], speaker, addressee)
        )
        anchored.add(verb.head.i)
    return demands


def _is_reporting(event: Coded, args: Arguments) -> bool:
    """ "..., a rights group charged": an accusation verb with a clause and nobody accused
    reports a claim (attribution's business); the claim holds the event."""
    verb = event.anchor
    if not event.trigger.verbal or verb.lemma_.lower() not in REPORTING_ACCUSE:
        return False
    if event.target:
        return False
    return any(c.dep_ in {"ccomp", "parataxis"} for c in verb.children) or verb.dep_ == "parataxis" or (
        verb.dep_ == "ROOT" and any(c.dep_ == "ccomp" for c in verb.children)
    )


# Edges that keep a clause on its sentence's main line: the said, agreed-to or threatened
# clause is the news; a subordinate, relative or prepositional clause is background.
SPINE_DEPS = {"ccomp", "xcomp", "acomp", "conj", "ROOT"}


def _depth(token: Token) -> int:
    """How far below its sentence's main line a token is: each edge off the line counts."""
    depth = steps = 0
    while token.head.i != token.i and steps < 50:
        depth += token.dep_ not in SPINE_DEPS
        token = token.head
        steps += 1
    return depth


def _choose_root(events: list[Coded]) -> Coded | None:
    """The event highest on the sentence's main line; but an event whose subject is
    itself an event ("The shelling of Kharkiv killed six") yields to that subject."""
    if not events:
        return None
    anchors = {e.anchor.i for e in events}

    def consequence(event: Coded) -> bool:
        verb = event.anchor
        if verb.dep_ == "conj" and not any(c.dep_ in SUBJECT_DEPS for c in verb.children):
            verb = verb.head  # "A bombing killed one soldier and wounded two others"
        return any(c.dep_ in {"nsubj", "csubj"} and c.i in anchors for c in verb.children)

    return min(events, key=lambda e: (_depth(e.anchor) + 2 * consequence(e), not e.trigger.verbal, e.anchor.i))


def _span(text: str, start: int, end: int) -> dict:
    return {"start": start, "end": end, "text": text[start:end]}


def code_sentence(sentence, args: Arguments) -> list[Coded]:
    """Every event of one sentence, coded, in text order."""
    triggers = find_triggers(sentence, args.index)
    verbs = {t.anchor.i for t in triggers if t.verbal}
    events = [_code(trigger, args, verbs) for trigger in triggers]
    events = [e for e in events if not _is_reporting(e, args)]
    by_anchor = {e.anchor.i: e for e in events}
    for event in events:
        if event.trigger.noun is not None and event.trigger.noun.i != event.anchor.i:
            by_anchor.setdefault(event.trigger.noun.i, event)
    for event in events:
        _apply_intent(event)
    for event in events:
        _complement_code(event, by_anchor)
        _responding_target(event, by_anchor)
    # governed events first, so a chain passes its party up: "refused to commit to any
    # assistance to the war" refuses whoever the assistance was for
    for event in sorted(events, key=lambda e: -sum(1 for _ in e.anchor.ancestors)):
        _complement_target(event, by_anchor, args)
    for event in events:
        _condition_target(event, args)
        _consequence_target(event, by_anchor)
        _object_party(event, args)
        _denied_to(event, args)
        _purpose_object(event, args)
        _agreed_object(event, by_anchor, args)
        _transfer_target(event, args)
        _capability_target(event, args)
        _shared_target(event, by_anchor)
        _home_target(event, args)
    events.extend(_reported_demands(sentence, events, args))
    events.sort(key=lambda e: e.anchor.i)
    return events


def _anchor_indices(event: Coded, anchored: set[int]) -> list[int]:
    """The tokens a timex may hang from to date the event: its anchor and event noun,
    and the verb that only carries a nominal event ("held a series of meetings in late
    2017": the date hangs from "held")."""
    indices = [event.anchor.i]
    if event.trigger.noun is not None:
        indices.append(event.trigger.noun.i)
    if not event.trigger.verbal:
        token = event.anchor
        while token.dep_ == "pobj" and token.head.lower_ == "of" and token.head.head.pos_ in {"NOUN", "NUM"}:
            token = token.head.head  # "a series of meetings"
        if token.dep_ == "dobj" and token.head.pos_ == "VERB" and token.head.i not in anchored:
            indices.append(token.head.i)
    return indices


@register_stage("events")
def find_events(doc: Doc, results: dict) -> list[dict]:
    text = text_of(doc)
    args = Arguments(doc, ActorIndex(doc, results.get("actors", [])))
    attributions = results.get("attributions", [])
    found: list[dict] = []
    anchors: list[list[int]] = []
    for sentence in doc.sents:
        events = code_sentence(sentence, args)
        root = _choose_root(events)
        anchored = {e.anchor.i for e in events}
        for event in events:
            tokens = event.trigger.tokens
            start = min(t.idx for t in tokens)
            end = max(t.idx + len(t) for t in tokens)
            status, attribution = claim_status(event.anchor, attributions, intent=event.intent)
            found.append(
                {
                    "id": f"e{len(found) + 1}",
                    "type": event.type,
                    "mode": event.mode,
                    "contexts": event.contexts,
                    "cameo": event.cameo,
                    "source": event.source,
                    "target": event.target,
                    "trigger": _span(text, start, end),
                    "sentence": _span(text, sentence.start_char, sentence.end_char),
                    "root": event is root,
                    "negated": event.negated,
                    "status": status,
                    "attribution": attribution,
                    "time": None,
                    "goldstein": goldstein(event.cameo),
                    "quad_class": quad_class(event.cameo),
                }
            )
            anchors.append(_anchor_indices(event, anchored))
    for event, time in zip(found, date_events(doc, results.get("timexes", []), anchors)):
        event["time"] = time
    return found
