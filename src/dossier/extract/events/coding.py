"""CAMEO coding across a sentence's events: statements of intent, an event governing
another ("agreed to provide aid" 033), "X said Y must ..." as X's demand of Y."""

from __future__ import annotations

from spacy.tokens import Token

from .arguments import Arguments
from .coded import COOPERATIVE, HOSTILE, Coded
from .lexicon import EventPattern, complement_codes, intent_words, word_set
from .modality import (
    CONDITION_MARKERS,
    CONDITIONAL_MODALS,
    NEEDING_VERBS,
    OBLIGATION,
    has_condition,
    states_intent,
)
from .modes import threat_mode
from .triggers import Trigger

# Acts that a "will" announces rather than pledges: their status says they are predicted.
FORECAST_TYPES = {"CONSULT"}


def _announced(verb: Token) -> bool:
    """ "will visit Albania in June": said with a future modal and no condition; "ready to
    host", "would meet him if ..." are offers."""
    modal = any(c.dep_ == "aux" and intent_words().get(c.lower_) == "modal" for c in verb.children)
    return modal and not has_condition(verb, CONDITION_MARKERS)


def apply_intent(event: Coded) -> None:
    """Code "will provide aid" as intent to provide aid, the way CAMEO codes statements."""
    if not event.trigger.verbal or not states_intent(event.anchor):
        return
    if event.type in FORECAST_TYPES and not event.negated and _announced(event.anchor):
        return  # "will meet", "will visit": a meeting announced, predicted, not a pledge
    codes = complement_codes()
    act = (event.type, event.mode, event.cameo)
    conditional = has_condition(event.anchor) or (
        any(c.dep_ == "aux" and c.lower_ in CONDITIONAL_MODALS for c in event.anchor.children)
        and has_condition(event.anchor, CONDITION_MARKERS)
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


def governed_events(event: Coded, by_anchor: dict[int, Coded]) -> list[Coded]:
    """Events an event governs: its complement clause, its object noun, its "to"/"for" noun."""
    anchor = event.anchor
    found = []
    for child in anchor.children:
        if child.dep_ in {"xcomp", "ccomp", "dobj"} and child.i in by_anchor:
            found.append(by_anchor[child.i])
        elif child.dep_ == "prep" and child.lower_ in {"to", "for", "of", "on", "with"}:
            found.extend(by_anchor[obj.i] for obj in child.children if obj.i in by_anchor)
    return [f for f in found if f is not event]


def is_denial(event: Coded) -> bool:
    """ "denied selling drones": a denial answers an accusation; what it denies is not its
    object ("refused to sell drones" is)."""
    return event.trigger.verbal and event.anchor.lemma_.lower() in word_set("denial")


def appeal_code(demand: str) -> str:
    """CAMEO's appeals (02) mirror its demands (10) digit for digit: "urged Russia to
    accept a ceasefire" appeals for de-escalation (0256) as "demanded" would demand it
    (1056)."""
    return "02" + demand[2:] if demand.startswith("10") else demand


def complement_code(event: Coded, by_anchor: dict[int, Coded]) -> None:
    if is_denial(event):
        return
    codes = complement_codes()
    for governed in governed_events(event, by_anchor):
        if event.type == "THREATEN" and event.mode is None:
            # "threatened to institute a curfew": a threat of a curfew
            event.mode = threat_mode(governed.type, governed.mode, governed.cameo)
        code = codes.get((event.type, governed.type))
        if code:
            event.cameo = appeal_code(code) if event.trigger.pattern.cameo.startswith("02") else code
            return


def _obligation(verb: Token) -> tuple[Token, str] | None:
    """The word that puts an act to someone, and the CAMEO code of that request: "must"
    demands (100); "should", "need to", "have to" appeal (020)."""
    for child in verb.children:
        if child.dep_ == "aux" and child.lower_ in OBLIGATION:
            return child, OBLIGATION[child.lower_]
    if verb.lemma_.lower() in NEEDING_VERBS and any(
        c.dep_ == "xcomp" and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children) for c in verb.children
    ):
        return verb, NEEDING_VERBS[verb.lemma_.lower()]
    return None


def reported_demands(sentence, events: list[Coded], args: Arguments) -> list[Coded]:
    """ "X said (that) Y must ...", "'Y needs to ...,' X said": X's demand of Y (CAMEO 10),
    or appeal (CAMEO 02), whatever Y must do; the act demanded is not coded again."""
    demands = []
    anchored = {e.anchor.i for e in events}
    by_anchor = {e.anchor.i: e for e in events}
    for verb in sentence:
        obligation = _obligation(verb)
        if obligation is None:
            continue
        word, cameo = obligation
        saying = (
            verb.head
            if verb.dep_ in {"ccomp", "parataxis"} and verb.head.lemma_.lower() in word_set("saying")
            else None
        )
        if saying is not None and saying.i not in anchored:
            speaker, anchor = args.subject(saying), saying
        else:
            # a quote's demand: only a speaker the attribution names makes it one
            speaker, anchor = args.speaker_of(verb), word
            if not speaker:
                continue
        addressee = [a for a in args.subject(verb) if a not in speaker]
        if not addressee or anchor.i in anchored:
            continue
        act = verb if word.i != verb.i else next((c for c in verb.children if c.dep_ == "xcomp"), verb)
        inner = by_anchor.get(act.i)
        pattern = EventPattern(anchor.lemma_, None, frozenset(), "REQUEST", None, cameo, (), ("dobj",), False)
        trigger = Trigger(anchor=anchor, tokens=[anchor], pattern=pattern, verbal=True)
        code = complement_codes().get(("REQUEST", inner.type)) if inner and cameo == "100" else None
        demand = Coded(trigger, "REQUEST", None, code or cameo, inner.contexts if inner else [], speaker, addressee)
        demand.rules.append("reported_demands")
        demands.append(demand)
        if inner is not None:
            inner.enveloped = True
        anchored.add(anchor.i)
    return demands


def is_reporting(event: Coded, args: Arguments) -> bool:
    """ "..., a rights group charged": an accusation verb with a clause and nobody accused
    reports a claim (attribution's business); the claim holds the event."""
    verb = event.anchor
    if not event.trigger.verbal or verb.lemma_.lower() not in word_set("reporting_accuse"):
        return False
    if event.target:
        return False
    return (
        any(c.dep_ in {"ccomp", "parataxis"} for c in verb.children)
        or verb.dep_ == "parataxis"
        or (verb.dep_ == "ROOT" and any(c.dep_ == "ccomp" for c in verb.children))
    )
