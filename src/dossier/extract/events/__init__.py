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

The modules follow those steps: ``triggers`` and ``arguments`` read the parse,
``sides`` gives each trigger the sides its own clause names, ``modality`` says how the
clause holds it, ``coding`` recodes events by what governs them, ``side_rules`` fills
targets from the rest of the sentence, ``roots`` picks the sentence's main event. Each
rule that changes an event adds its name to the event's ``rules`` (``dossier eval
articles --errors`` shows them).

Negation is recorded (``negated``); how the text holds the event (``status``) and the
attribution whose content holds it come from the attribution stage's ``claim_status``.
"""

from __future__ import annotations

from spacy.tokens import Doc

from ...nlp.syntax import char_span, text_of
from ...resolve.cameo import goldstein, quad_class
from ..attribution import claim_status
from ..registry import register_stage
from .arguments import ActorIndex, Arguments
from .background import STORY_WINDOW, background_reason, story_reference
from .coded import Coded, apply_rule
from .coding import apply_intent, complement_code, is_reporting, reported_demands
from .dating import date_events, date_from_story
from .modality import speech_act_status
from .roots import choose_root
from .side_rules import TARGET_RULES, complement_target, responding_target
from .sides import code_trigger
from .triggers import find_triggers

__all__ = ["find_events"]


def _span(text: str, start: int, end: int) -> dict:
    return {"start": start, "end": end, "text": text[start:end]}


def code_sentence(sentence, args: Arguments) -> list[Coded]:
    """Every event of one sentence, coded, in text order."""
    triggers = find_triggers(sentence, args.index)
    verbs = {t.anchor.i for t in triggers if t.verbal}
    events = [code_trigger(trigger, args, verbs) for trigger in triggers]
    events = [e for e in events if not is_reporting(e, args)]
    by_anchor = {e.anchor.i: e for e in events}
    for event in events:
        if event.trigger.noun is not None and event.trigger.noun.i != event.anchor.i:
            by_anchor.setdefault(event.trigger.noun.i, event)
    for event in events:
        apply_rule(apply_intent, event)
    for event in events:
        apply_rule(complement_code, event, by_anchor)
        apply_rule(responding_target, event, by_anchor, args)
    # governed events first, so a chain passes its party up: "refused to commit to any
    # assistance to the war" refuses whoever the assistance was for
    for event in sorted(events, key=lambda e: -sum(1 for _ in e.anchor.ancestors)):
        apply_rule(complement_target, event, by_anchor, args)
    for event in events:
        for rule in TARGET_RULES:
            apply_rule(rule, event, by_anchor, args)
    events.extend(reported_demands(sentence, events, args))
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
    attributions = results.get("attributions", [])
    args = Arguments(doc, ActorIndex(doc, results.get("actors", [])), attributions)
    found: list[dict] = []
    anchors: list[list[int]] = []
    earlier: list[tuple[int, Coded]] = []  # (sentence number, event) of the events kept so far
    for number, sentence in enumerate(doc.sents):
        events = code_sentence(sentence, args)
        recent = [e for n, e in earlier if number - n <= STORY_WINDOW]
        for event in events:
            apply_rule(story_reference, event, recent)
        events = [e for e in events if background_reason(e, events) is None]
        earlier.extend((number, e) for e in events)
        root = choose_root(events)
        anchored = {e.anchor.i for e in events}
        for event in events:
            tokens = event.trigger.tokens
            start = min(t.idx for t in tokens)
            end = max(t.idx + len(t) for t in tokens)
            status, attribution = claim_status(event.anchor, attributions, intent=event.intent)
            held = speech_act_status(event.type, event.cameo, event.status or status)
            if held != status:
                event.rules.append("speech_act_status")
            status = held
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
                    "rules": list(event.rules),
                }
            )
            anchors.append(_anchor_indices(event, anchored))
    timexes = results.get("timexes", [])
    for event, time in zip(found, date_events(doc, timexes, anchors)):
        event["time"] = time
    date_from_story(doc, found, [a[0] for a in anchors], timexes, _cue_dates(doc, timexes, attributions))
    return found


def _cue_dates(doc: Doc, timexes: list[dict], attributions: list[dict]) -> dict[str, str]:
    """The timex that dates each attribution's saying ("said on Friday"), by its id."""
    cues = [char_span(doc, a["cue"]["start"], a["cue"]["end"]) for a in attributions]
    anchors = [[token.i for token in cue] if cue is not None else [] for cue in cues]
    return {
        attribution["id"]: time
        for attribution, time in zip(attributions, date_events(doc, timexes, anchors))
        if time is not None
    }
