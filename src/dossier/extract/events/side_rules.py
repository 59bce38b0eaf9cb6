"""Targets read from the rest of the sentence when an event's own clause names none.

Each rule is a small function ``rule(event, by_anchor, args)`` that may set the event's
target; ``TARGET_RULES`` lists them in the order they are tried.
"""

from __future__ import annotations

from spacy.tokens import Token

from .arguments import SUBJECT_DEPS, Arguments
from .coded import Coded
from .coding import governed_events, is_denial
from .lexicon import word_set
from .modality import CONDITION_MARKS
from .sides import PLACE_KINDS

# Types whose target is whoever did what their object names: "denounced the killing of a
# soldier by Congolese troops" denounces the troops, "rejected Seoul's proposal" Seoul.
RESPONDING = {"ACCUSE", "REJECT", "SUPPORT"}


def responding_target(event: Coded, by_anchor: dict[int, Coded], args: Arguments) -> None:
    if event.type not in RESPONDING:
        return
    for child in event.anchor.children:
        governed = by_anchor.get(child.i)
        if child.dep_ == "dobj" and governed is not None and not governed.trigger.verbal:
            others = [a for a in governed.source if a not in event.source]
            if others:
                event.target = others
            return


def _is_infinitive(clause: Token) -> bool:
    """ "an invitation to attend": a clause with "to" for auxiliary."""
    return any(a.dep_ == "aux" and a.lower_ == "to" for a in clause.children)


def _purpose_clauses(anchor: Token) -> list[Token]:
    """The verbs of an anchor's purpose clauses: "began a hunger strike to protest ...",
    "blocked a road to show their anger", "in order to press their demands"."""
    return [
        child for child in anchor.children if child.dep_ == "advcl" and child.i > anchor.i and _is_infinitive(child)
    ]


# Prepositions whose event noun says why or after what something was done: "in protest
# against", "in defiance of", "after talks with", "following negotiations with".
MOTIVE_PREPS = {"in"}


SEQUEL_PREPS = {"after", "following"}


SEQUEL_TYPES = {"CONSULT", "AGREE"}


DURING_PREPS = {"during", "at"}


def _motive_heads(event: Coded, by_anchor: dict[int, Coded]) -> list[Token]:
    """The tokens whose children may name a motive: the anchor, the trigger's noun, and
    for an event noun that is an object of no event the verb it is the object of
    ("staged a hunger strike in protest against ...")."""
    anchor = event.anchor
    heads = [anchor, *([event.trigger.noun] if event.trigger.noun is not None else [])]
    if not event.trigger.verbal and anchor.dep_ == "dobj" and anchor.head.i not in by_anchor:
        heads.append(anchor.head)
    return heads


def object_clause_motives(event: Coded, head: Token, by_anchor: dict[int, Coded]) -> list[Coded]:
    """ "shortened the curfew imposed in Sudan": the event of the object's own clause, or
    ("rejected an invitation to attend a meeting of ...") the event the object's
    infinitive (no event of its own) takes."""
    found: list[Coded] = []
    for child in head.children:
        if child.dep_ == "dobj" and child.i not in by_anchor:
            found.extend(by_anchor[g.i] for g in child.children if g.dep_ in {"acl", "relcl"} and g.i in by_anchor)
            for clause in child.children:
                if clause.dep_ == "acl" and clause.i not in by_anchor and _is_infinitive(clause):
                    found.extend(by_anchor[o.i] for o in clause.children if o.dep_ == "dobj" and o.i in by_anchor)
    return found


def participle_demand(event: Coded, head: Token, by_anchor: dict[int, Coded]) -> list[Coded]:
    """ "a demonstration calling for the removal of ...": what an event noun's own
    participle says it demands."""
    if event.trigger.verbal or head is not event.anchor:
        return []
    return [
        by_anchor[c.i]
        for c in head.children
        if c.dep_ == "acl" and c.i in by_anchor and by_anchor[c.i].type == "REQUEST"
    ]


def joined_demand(event: Coded, head: Token, by_anchor: dict[int, Coded]) -> list[Coded]:
    """ "rioted ... joining thousands in demanding independence from ...", "marched in
    support of ... by calling for ...": the demand a protest joins in."""
    if event.type != "PROTEST":
        return []
    found: list[Coded] = []
    clauses = [head, *(c for c in head.children if c.dep_ == "advcl" and c.tag_ == "VBG")]
    for clause in clauses:
        for prep in clause.children:
            if prep.dep_ == "prep" and prep.lower_ in {"in", "by"}:
                found.extend(
                    by_anchor[o.i]
                    for o in prep.children
                    if o.dep_ == "pcomp" and o.i in by_anchor and by_anchor[o.i].type == "REQUEST"
                )
    return found


def passed_on(event: Coded, head: Token, by_anchor: dict[int, Coded]) -> list[Coded]:
    """ "refused to respond to a demand from Washington": a verb that is no event passes
    on the event it takes."""
    found: list[Coded] = []
    for clause in head.children:
        if clause.dep_ == "xcomp" and clause.i not in by_anchor:
            for child in clause.children:
                if child.dep_ == "dobj" and child.i in by_anchor:
                    found.append(by_anchor[child.i])
                elif child.dep_ == "prep" and child.lower_ in {"to", "on", "with", "in"}:
                    found.extend(by_anchor[o.i] for o in child.children if o.i in by_anchor)
    return found


def purpose_motives(event: Coded, head: Token, by_anchor: dict[int, Coded]) -> list[Coded]:
    """ "began a hunger strike to protest ...", "deployed to help defend Saudi Arabia": the
    events of the purpose clauses, through verbs that are no event."""
    found: list[Coded] = []
    for clause in _purpose_clauses(head):
        stack, steps = [clause], 0
        while stack and steps < 4:
            verb = stack.pop(0)
            steps += 1
            if verb.i in by_anchor:
                found.append(by_anchor[verb.i])
                continue
            stack.extend(c for c in verb.children if c.dep_ in {"xcomp", "ccomp", "dobj"})
    return found


def in_protest_of(event: Coded, preposition: Token, governed: Coded) -> bool:
    """ "in protest against", "in defiance of": an event noun of accusing, rejecting or
    protesting says why."""
    return (
        preposition.lower_ in MOTIVE_PREPS
        and not governed.trigger.verbal
        and governed.type in {"ACCUSE", "REJECT", "PROTEST"}
    )


def during_protest(event: Coded, preposition: Token, governed: Coded) -> bool:
    """ "threw stones during a demonstration against ...", "rioted following a
    demonstration calling for ...": a protest within or after a protest."""
    return preposition.lower_ in DURING_PREPS | SEQUEL_PREPS and event.type == "PROTEST" and governed.type == "PROTEST"


def after_talks(event: Coded, preposition: Token, governed: Coded) -> bool:
    """ "called off the strike after talks with the government": the talks or agreement
    it follows."""
    return preposition.lower_ in SEQUEL_PREPS and governed.type in SEQUEL_TYPES


# What a prepositional phrase's event must be to be a motive; any one will do.
PREPOSITIONAL_MOTIVES = (in_protest_of, during_protest, after_talks)


def prepositional_motives(event: Coded, head: Token, by_anchor: dict[int, Coded]) -> list[Coded]:
    """ "staged a hunger strike in protest against ...", "rioted during a
    demonstration", "called off the strike after talks with ...": the events of the
    phrases ``PREPOSITIONAL_MOTIVES`` accept."""
    found: list[Coded] = []
    for child in head.children:
        if child.dep_ != "prep":
            continue
        for obj in child.children:
            governed = by_anchor.get(obj.i)
            if governed is not None and any(accepts(event, child, governed) for accepts in PREPOSITIONAL_MOTIVES):
                found.append(governed)
    return found


# Tried in turn on each of ``_motive_heads``; the order is the order of the motives found.
MOTIVE_FINDERS = (
    object_clause_motives,
    participle_demand,
    joined_demand,
    passed_on,
    purpose_motives,
    prepositional_motives,
)


def _motives(event: Coded, by_anchor: dict[int, Coded]) -> list[Coded]:
    """Events that say what an event answers or serves, nearest first: its purpose clause
    (through verbs that are no event: "to help defend Saudi Arabia"), the event noun of an
    "in protest of" phrase, the talks it follows ("called off the strike after talks with
    the government"), and the event of its object's own clause ("shortened the curfew
    imposed in Sudan", "lifted the sanctions imposed on Iran"). ``MOTIVE_FINDERS`` find
    each kind."""
    found = [
        motive
        for head in _motive_heads(event, by_anchor)
        for find in MOTIVE_FINDERS
        for motive in find(event, head, by_anchor)
    ]
    return [f for f in found if f is not event]


def _other_party(event: Coded, governed: Coded) -> list[str]:
    # "raised concerns that Moscow is arming Pyongyang": an accusation is aimed at the
    # doer of the act it is about
    if not governed.trigger.verbal or event.type == "ACCUSE":
        others = [a for a in governed.source if a not in event.source]
        if others:
            return others
    return [a for a in governed.target if a not in event.source]


def complement_target(event: Coded, by_anchor: dict[int, Coded], args: Arguments) -> None:
    """An event with no target of its own aims at its complement's other party: "rejected
    a fresh offer from Kabul" rejects Kabul, "agreed to provide aid to Romania" agrees
    with Romania, "refused to meet the king" refuses the king. Then at what it answers or
    serves (``_motives``): "began a hunger strike to protest Sweden's decision" protests
    against Sweden. Only then is where it happened its target."""
    if (event.target and not event.located) or is_denial(event):
        return
    for governed in governed_events(event, by_anchor):
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
        doers = [a for a in governed.source if a not in own]
        others = [a for a in governed.target if a not in own]
        if (not governed.trigger.verbal and not others) or (event.type == "ACCUSE" and doers):
            others = doers
        if others:
            event.target, event.located = others, False
            return


def condition_target(event: Coded, by_anchor: dict[int, Coded], args: Arguments) -> None:
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
            if clause.dep_ == "advcl" and any(
                m.dep_ == "mark" and m.lower_ in CONDITION_MARKS for m in clause.children
            ):
                subjects = [c for c in clause.children if c.dep_ in SUBJECT_DEPS]
                if subjects:
                    others = [a for a in args.of_phrase(subjects[0]) if a not in event.source]
                    if others:
                        event.target, event.located = others, False
                        return
        verbs.extend(c for c in verb.children if c.dep_ in {"xcomp", "ccomp"})


def consequence_target(event: Coded, by_anchor: dict[int, Coded], args: Arguments) -> None:
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


def object_party(event: Coded, by_anchor: dict[int, Coded], args: Arguments) -> None:
    """An accusation, rejection or endorsement with no target of its own aims at whoever
    its object says acted: the possessor of the object ("condemned Russia's annexation"),
    the agent of the object's participle ("crimes committed by Croat forces"); a
    rejection also at whom its object was owed ("reneged on its pledge to the voters")."""
    if (event.target and not event.located) or event.type not in RESPONDING or not event.trigger.verbal:
        return
    heads = list({t.i: t for t in [event.anchor, *event.trigger.tokens]}.values())
    nouns = [
        c for h in heads for c in h.children if c.dep_ in {"dobj", "nsubjpass"} and c.i not in {t.i for t in heads}
    ]
    nouns += [
        o
        for h in heads
        for p in h.children
        if p.dep_ == "prep" and p.lower_ in ABOUT_PREPS
        for o in p.children
        if o.dep_ == "pobj"
    ]
    nouns += [a for n in nouns for a in n.children if a.dep_ == "appos"]
    own = set(event.source)
    for noun in nouns:
        found = [a for c in noun.children if c.dep_ == "poss" for a in args.of_phrase(c, nested=False)]
        found += [
            a
            for c in noun.children
            if c.dep_ == "acl" and c.tag_ == "VBN"
            for a in args.prepositional(c, "by", through_of=False)
        ]
        others = [a for a in found if a not in own]
        if not others and event.type == "REJECT":
            others = [a for a in args.prepositional(noun, "to", through_of=False) if a not in own]
        if others:
            event.target, event.located = others, False
            return


def denied_to(event: Coded, by_anchor: dict[int, Coded], args: Arguments) -> None:
    """ "refused admittance to Ghanaians", "cut off fuel supplies to the rebels", "denied
    visas to the delegation": what is withheld is withheld from the "to" phrase."""
    if (event.target and not event.located) or event.type not in {"REJECT", "SANCTION"} or not event.trigger.verbal:
        return
    others = [a for a in args.prepositional(event.anchor, "to", through_of=False) if a not in event.source]
    if others:
        event.target, event.located = others, False


FORCE_TYPES = {"COERCE", "ASSAULT"}


def purpose_object(event: Coded, by_anchor: dict[int, Coded], args: Arguments) -> None:
    """ "opened fire to disperse demonstrators", "used tear gas to break up a rally of
    opposition supporters": force used to act on someone is used against them."""
    if (event.target and not event.located) or event.type not in FORCE_TYPES:
        return
    clauses = _purpose_clauses(event.anchor) + [
        c
        for c in event.anchor.children
        if c.dep_ == "xcomp" and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)
    ]
    for clause in clauses:
        others = [a for a in args.object(clause) if a not in event.source]
        if others:
            event.target, event.located = others, False
            return


def agreed_object(event: Coded, by_anchor: dict[int, Coded], args: Arguments) -> None:
    """ "agreed to free the British sailors", "agreed to open its borders to UN
    peacekeepers": an agreement to act on someone is made with them, when the act is
    no event of its own."""
    if (event.target and not event.located) or event.type != "AGREE" or not event.trigger.verbal:
        return
    own = set(event.source)
    for clause in event.anchor.children:
        if clause.dep_ != "xcomp" or clause.i in by_anchor:
            continue
        found = [
            a
            for c in clause.children
            if c.dep_ == "dobj" and not any(p.dep_ == "poss" for p in c.children)
            for a in args.of_phrase(c)
        ]
        found = found or args.prepositional(clause, "to", through_of=False)
        others = [a for a in found if a not in own]
        if others:
            event.target, event.located = others, False
            return


GIVING_TYPES = {"AGREE", "CONCEDE", "RETREAT", "AID", "SUPPORT", "COOPERATE"}


def transfer_target(event: Coded, by_anchor: dict[int, Coded], args: Arguments) -> None:
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


def home_target(event: Coded, by_anchor: dict[int, Coded], args: Arguments) -> None:
    """A government, police, court or party acting with no target the text names acts
    on its own country, as CAMEO codes domestic events, when its clause names that
    country's state, capital or a place in it ("Liberian riot police used tear gas to
    disperse demonstrators in Monrovia", "the Serbian parliament approved a law ... in
    Serbian cities"): the place is the target."""
    if event.target or event.trigger.pattern.symmetric or not event.source:
        return
    if any(args.index.sector.get(a) not in word_set("home_sector") for a in event.source):
        return
    countries = {args.index.country.get(a) for a in event.source}
    if len(countries) != 1 or None in countries:
        return
    (country,) = countries
    clause = event.anchor
    while (
        clause.head.i != clause.i
        and clause.dep_ in {"xcomp", "ccomp", "conj", "advcl"}
        and clause.head.lemma_.lower() not in word_set("saying") | {"report"}
    ):
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


def capability_target(event: Coded, by_anchor: dict[int, Coded], args: Arguments) -> None:
    """ "has trained hackers capable of launching cyber warfare against the United
    States": what an event builds, trains or deploys is aimed at whom it is capable of
    being used against."""
    if event.target and not event.located:
        return
    own = set(event.source)
    for obj in (c for c in event.anchor.children if c.dep_ in {"dobj", "nsubjpass"}):
        for modifier in obj.children:
            if (
                modifier.dep_ not in {"amod", "acl", "relcl"}
                or not {modifier.lower_, modifier.lemma_.lower()} & CAPABILITY_WORDS
            ):
                continue
            for token in modifier.subtree:
                if token.dep_ == "prep" and token.lower_ == "against":
                    others = [a for o in token.children if o.dep_ == "pobj" for a in args.of_phrase(o) if a not in own]
                    if others:
                        event.target, event.located = others, False
                        return


def shared_target(event: Coded, by_anchor: dict[int, Coded], args: Arguments) -> None:
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
        if (
            conj.dep_ == "conj"
            and other is not None
            and other.type == event.type
            and other.target
            and not other.located
        ):
            others = [a for a in other.target if a not in event.source]
            if others:
                event.target, event.located = others, False
                return


# Where an accusation's content hangs: "the allegation that the attack was planned from
# Afghan soil", "warned that Iran is arming the rebels".
CONTENT_DEPS = {"acl", "ccomp"}


def accused_in_content(event: Coded, by_anchor: dict[int, Coded], args: Arguments) -> None:
    """An accusation that names no one it is aimed at accuses whoever its content clause
    names first: "Pakistan's allegation that the hijacking was directed from Afghan soil"
    (Afghanistan), "raised concerns that Moscow is arming Pyongyang" (Russia)."""
    if event.type != "ACCUSE" or (event.target and not event.located):
        return
    own = set(event.source)
    for clause in (c for c in event.anchor.children if c.dep_ in CONTENT_DEPS):
        if not any(m.dep_ == "mark" and m.lower_ == "that" for m in clause.children) and clause.dep_ == "acl":
            continue
        for token in clause.subtree:
            others = [
                a for a in args.index.at(token) if a not in own and args.index.kind.get(a) in {"state", "igo", "person"}
            ]
            if others:
                event.target, event.located = others, False
                return


def no_self_target(event: Coded, by_anchor: dict[int, Coded], args: Arguments) -> None:
    """A state is not the target of its own visit, aid or tariffs ("during a visit to Quetta,
    Pakistan's prime minister", "tariffs on cars coming into the U.S."): for the kinds of
    act ``outward`` lists, a target in the source's own country was read from a place and
    is dropped (a party of the same country stays: "mediation between the rebels and the
    government"). Other acts may be domestic (a court charging officials, a threat to ban
    the opposition), as CAMEO codes them."""
    countries = {args.index.country.get(a) for a in event.source + event.target}
    if not event.source or not event.target or len(countries) != 1 or None in countries:
        return
    if any(args.index.kind.get(a) == "igo" for a in event.source):
        return  # an organization meets, as itself, its own members
    if any(args.index.kind.get(a) not in PLACE_KINDS for a in event.target):
        return  # "mediation between the rebels and the government": parties, not a place
    outward = word_set("outward")
    if event.type in outward or any(event.cameo.startswith(code) for code in outward if code.isdigit()):
        event.target, event.located = [], False


def _in_subject(token: Token, clause: Token) -> bool:
    while token.i != clause.i and token.head.i != token.i:
        if token.dep_ in SUBJECT_DEPS:
            return True
        token = token.head
    return False


# Tried in turn on every event once complements have passed their parties up; each rule
# leaves an event alone once it has a target of its own.
TARGET_RULES = (
    condition_target,
    consequence_target,
    object_party,
    denied_to,
    purpose_object,
    agreed_object,
    transfer_target,
    capability_target,
    shared_target,
    accused_in_content,
    home_target,
    no_self_target,
)
