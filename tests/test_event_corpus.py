"""The event corpus: wire-style sentences with the events a trained event-data coder expects.

``tests/data/event_sentences.yaml`` holds the cases (its header explains the checks and
the coding conventions). Each case is one test, named by its id:
``pytest tests/test_event_corpus.py -k neg-`` runs the negation cases, ``-k well_formed``
only checks the corpus itself. A failing case reports every check that failed and every
event and actor the extractor found, so the fix can start from it.

How a case is checked:

- ``root``: the events whose sentence span holds the text's first character are the first
  sentence's events; exactly one of them must be marked ``root`` and it must satisfy the
  spec (type, CAMEO root, source and target countries, negation, trigger word).
- ``events``: each entry must be satisfied by some event anywhere in the text; the root
  and all entries must be satisfied by different events.
- Countries: an actor counts as its ``country``, or as ``"IGO"`` when its kind is igo;
  source and target are compared as sets.
"""

from __future__ import annotations

import datetime as dt
import re
import typing
from collections import Counter
from pathlib import Path

import pytest
import yaml

import dossier
from dossier.contract import Actor, Document, Event, EventType

CORPUS = Path(__file__).parent / "data" / "event_sentences.yaml"
DEFAULT_PUBLISHED = "2024-05-01"

PATTERNS = (
    "basic_verb",
    "nominal",
    "passive",
    "compound_actor",
    "symmetric",
    "role_actor",
    "capital_metonym",
    "prepositional_target",
    "clause",
    "quoted",
    "negation",
    "intent",
    "multi_event",
)
MIN_CASES = 130
MIN_CASES_PER_PATTERN = 6
# Every PLOVER type must be the root of at least this many cases.
MIN_ROOTS_PER_TYPE = 5

EVENT_TYPES = frozenset(typing.get_args(EventType))
# The CAMEO two-digit roots each PLOVER type may carry (CAMEO 08, YIELD, is split between
# CONCEDE and RETREAT; REQUEST gathers APPEAL and DEMAND; ACCUSE gathers INVESTIGATE and
# DISAPPROVE; ASSAULT gathers ASSAULT, FIGHT and mass violence). CAMEO2PLOVER's cross-root
# rows put sanctions and embargoes (163) under COERCE. A corpus spec pairing a type with
# another root is a typo.
TYPE_CAMEO_ROOTS = {
    "AGREE": {"03"},
    "CONSULT": {"04"},
    "SUPPORT": {"05"},
    "COOPERATE": {"06"},
    "AID": {"07"},
    "CONCEDE": {"08"},
    "RETREAT": {"08"},
    "REQUEST": {"02", "10"},
    "ACCUSE": {"09", "11"},
    "REJECT": {"12"},
    "THREATEN": {"13"},
    "PROTEST": {"14"},
    "MOBILIZE": {"15"},
    "SANCTION": {"16"},
    "COERCE": {"16", "17"},
    "ASSAULT": {"18", "19", "20"},
}

# ``known_gap``: a case Dossier does not get right yet, with why; it runs as a strict
# xfail, so fixing it turns the run red until the key is removed.
CASE_KEYS = {"id", "pattern", "text", "published", "expect", "known_gap"}
EXPECT_KEYS = {"root", "events"}
SPEC_ORDER = ("type", "cameo_root", "source", "target", "negated", "trigger")
SPEC_KEYS = set(SPEC_ORDER)
ACTOR_CODE = re.compile(r"^(?:[A-Z]{3}|IGO)$")
CAMEO_ROOT = re.compile(r"^(?:0[1-9]|1[0-9]|20)$")
IGO = "IGO"


def load_cases() -> list[dict]:
    with CORPUS.open(encoding="utf-8") as handle:
        cases = yaml.safe_load(handle)
    assert isinstance(cases, list), f"{CORPUS} must hold a list of cases"
    return cases


CASES = load_cases()


def published_of(case: dict) -> str:
    value = case.get("published", DEFAULT_PUBLISHED)
    return value.isoformat() if isinstance(value, dt.date) else str(value)


def extracted(text: str, published: str) -> Document:
    # One ``dossier.extract`` per case: it reuses the loaded pipeline (``load_language``
    # is cached), and an extractor crash then fails only the case that caused it.
    return dossier.extract(text, published=published)


# --- countries and descriptions --------------------------------------------------------------


def actor_code(actor: Actor | None) -> str | None:
    """What a source/target actor counts as: "IGO" for an IGO, else its country."""
    if actor is None:
        return None
    return IGO if actor.kind == "igo" else actor.country


def countries(ids: list[str], actors: dict[str, Actor]) -> set[str | None]:
    return {actor_code(actors.get(actor_id)) for actor_id in ids}


def show_codes(codes: typing.Iterable[str | None]) -> str:
    return "[" + ", ".join(sorted(str(code) for code in codes)) + "]"


def describe_actors(ids: list[str], actors: dict[str, Actor]) -> str:
    parts = []
    for actor_id in ids:
        actor = actors.get(actor_id)
        if actor is None:
            parts.append(f"{actor_id} (no such actor)")
        else:
            parts.append(f"{actor_id} {actor.name!r} ({actor.kind}, {actor_code(actor)})")
    return "[" + ", ".join(parts) + "]"


def describe_event(event: Event, actors: dict[str, Actor], indent: str = "    ") -> str:
    flags = " ROOT" if event.root else ""
    flags += " NEGATED" if event.negated else ""
    trigger = event.trigger
    sentence = event.sentence
    more = indent + "    "
    return (
        f"{indent}{event.id}{flags} {event.type} cameo={event.cameo} "
        f"trigger={trigger.text!r}@{trigger.start}-{trigger.end} "
        f"status={event.status} mode={event.mode} sentence@{sentence.start}-{sentence.end}\n"
        f"{more}source={describe_actors(event.source, actors)}\n"
        f"{more}target={describe_actors(event.target, actors)}"
    )


def describe_actor(actor: Actor, indent: str = "    ") -> str:
    mentions = ", ".join(f"{span.text!r}@{span.start}-{span.end}" for span in actor.mentions)
    return (
        f"{indent}{actor.id} {actor.name!r} kind={actor.kind} country={actor.country} "
        f"code={actor.code} mentions=[{mentions}]"
    )


def show_spec(spec: dict) -> str:
    return "{" + ", ".join(f"{key}: {spec[key]!r}" for key in SPEC_ORDER if key in spec) + "}"


# --- checks ---------------------------------------------------------------------------------


def spec_failures(event: Event, spec: dict, actors: dict[str, Actor]) -> list[str]:
    """Every way ``event`` fails ``spec`` (empty when it satisfies it)."""
    failures: list[str] = []
    if event.type != spec["type"]:
        failures.append(f"type: expected {spec['type']}, got {event.type}")
    if "cameo_root" in spec and not str(event.cameo).startswith(spec["cameo_root"]):
        failures.append(f"cameo: expected root {spec['cameo_root']}, got {event.cameo!r}")
    for role in ("source", "target"):
        if role not in spec:
            continue
        expected = set(spec[role])
        got = countries(getattr(event, role), actors)
        if got != expected:
            failures.append(
                f"{role}: expected {show_codes(expected)}, got {show_codes(got)} "
                f"from {describe_actors(getattr(event, role), actors)}"
            )
    if "negated" in spec and event.negated != spec["negated"]:
        failures.append(f"negated: expected {spec['negated']}, got {event.negated}")
    if "trigger" in spec and spec["trigger"].casefold() not in event.trigger.text.casefold():
        failures.append(f"trigger: expected a span containing {spec['trigger']!r}, got {event.trigger.text!r}")
    return failures


def first_sentence_events(document: Document) -> list[Event]:
    """The events of the text's first sentence: their sentence span holds its first character."""
    text = document.text
    first = len(text) - len(text.lstrip())
    return [event for event in document.events if event.sentence.start <= first < event.sentence.end]


def root_failures(spec: dict, document: Document, actors: dict[str, Actor]) -> tuple[list[str], Event | None]:
    """What is wrong with the first sentence's root event, and the event when it is right."""
    roots = [event for event in first_sentence_events(document) if event.root]
    if not roots:
        return ["no event of the first sentence is marked root"], None
    if len(roots) > 1:
        lines = [f"{len(roots)} events of the first sentence are marked root (one at most):"]
        for event in roots:
            lines.append(describe_event(event, actors, "      "))
            problems = spec_failures(event, spec, actors) or ["(this one satisfies the spec)"]
            lines.extend(f"      - {problem}" for problem in problems)
        return lines, None
    root = roots[0]
    problems = spec_failures(root, spec, actors)
    if problems:
        return [f"root event {root.id} ({root.type}, trigger {root.trigger.text!r}):"] + [
            f"  - {problem}" for problem in problems
        ], None
    return [], root


def assign(candidates: list[list[Event]]) -> list[Event] | None:
    """One distinct event per entry, or None when no such choice exists."""
    chosen: list[Event] = []
    used: set[str] = set()

    def search(index: int) -> bool:
        if index == len(candidates):
            return True
        for event in candidates[index]:
            if event.id in used:
                continue
            used.add(event.id)
            chosen.append(event)
            if search(index + 1):
                return True
            used.discard(event.id)
            chosen.pop()
        return False

    return list(chosen) if search(0) else None


def events_failures(
    specs: list[dict], document: Document, actors: dict[str, Actor], root: Event | None
) -> dict[int, list[str]]:
    """Failures keyed by entry number (from 1): entries no event satisfies, or that share one."""
    pool = [event for event in document.events if root is None or event.id != root.id]
    candidates = [[event for event in pool if not spec_failures(event, spec, actors)] for spec in specs]
    failures: dict[int, list[str]] = {}
    for number, (spec, found) in enumerate(zip(specs, candidates), 1):
        if found:
            continue
        same_type = [event for event in pool if event.type == spec["type"]]
        if not same_type:
            taken = "" if root is None else f" besides the root {root.id}, which is taken"
            failures[number] = [f"no event of type {spec['type']}{taken}"]
            continue
        lines = ["no event satisfies it; the events of that type:"]
        for event in same_type:
            lines.append(f"  {event.id} (trigger {event.trigger.text!r}):")
            lines.extend(f"    - {problem}" for problem in spec_failures(event, spec, actors))
        failures[number] = lines
    if not failures and assign(candidates) is None:
        for number, found in enumerate(candidates, 1):
            failures[number] = [
                "each entry has a matching event, but not a different one each; this one "
                f"matches only {[event.id for event in found]}"
                + ("" if root is None else f" (the root, {root.id}, is taken)")
            ]
    return failures


@pytest.mark.parametrize(
    "case",
    [
        pytest.param(case, marks=pytest.mark.xfail(reason=case["known_gap"], strict=True))
        if case.get("known_gap")
        else case
        for case in CASES
    ],
    ids=[case["id"] for case in CASES],
)
def test_event_case(case):
    text = case["text"]
    expect = case["expect"]
    document = extracted(text, published_of(case))
    actors = {actor.id: actor for actor in document.actors}
    report: list[str] = []
    failed = 0
    checks = 0
    root = None
    if "root" in expect:
        checks += 1
        problems, root = root_failures(expect["root"], document, actors)
        if problems:
            failed += 1
            report.append(f"  root {show_spec(expect['root'])}:")
            report.extend(f"    {line}" for line in problems)
    specs = expect.get("events", [])
    checks += len(specs)
    for number, problems in events_failures(specs, document, actors, root).items():
        failed += 1
        report.append(f"  events[{number}] {show_spec(specs[number - 1])}:")
        report.extend(f"    {line}" for line in problems)
    if report:
        events = "\n".join(describe_event(e, actors) for e in document.events) or "    (none)"
        found = "\n".join(describe_actor(a) for a in document.actors) or "    (none)"
        pytest.fail(
            f"[{case['pattern']}] {case['id']}: {failed} of {checks} checks failed\n"
            f"  text: {text!r}\n"
            f"  published: {published_of(case)}\n"
            + "\n".join(report)
            + f"\n  all events found:\n{events}"
            + f"\n  all actors found:\n{found}",
            pytrace=False,
        )


# --- the corpus itself ---------------------------------------------------------------------


def spec_problems(spec: object, where: str, text: str) -> list[str]:
    if not isinstance(spec, dict):
        return [f"{where} is not a mapping"]
    problems: list[str] = []
    unknown = set(spec) - SPEC_KEYS
    if unknown:
        problems.append(f"{where}: unknown keys {sorted(unknown)}")
    kind = spec.get("type")
    if kind not in EVENT_TYPES:
        problems.append(f"{where}: type {kind!r} is not one of {sorted(EVENT_TYPES)}")
    if "cameo_root" in spec:
        value = spec["cameo_root"]
        if not isinstance(value, str) or not CAMEO_ROOT.match(value):
            problems.append(f"{where}: cameo_root {value!r} must be a quoted string 01-20")
        elif kind in TYPE_CAMEO_ROOTS and value not in TYPE_CAMEO_ROOTS[kind]:
            problems.append(
                f"{where}: cameo_root {value} does not belong to {kind} (allowed: {sorted(TYPE_CAMEO_ROOTS[kind])})"
            )
    for role in ("source", "target"):
        if role not in spec:
            continue
        codes = spec[role]
        if not isinstance(codes, list) or not all(isinstance(code, str) and ACTOR_CODE.match(code) for code in codes):
            problems.append(f"{where}: {role} must be a list of ISO3 codes or IGO, got {codes!r}")
        elif len(set(codes)) != len(codes):
            problems.append(f"{where}: {role} repeats a code: {codes}")
    if "negated" in spec and not isinstance(spec["negated"], bool):
        problems.append(f"{where}: negated must be true or false")
    if "trigger" in spec:
        trigger = spec["trigger"]
        if not isinstance(trigger, str) or not trigger.strip():
            problems.append(f"{where}: trigger must be a non-empty string")
        elif trigger.casefold() not in text.casefold():
            problems.append(f"{where}: trigger {trigger!r} is not in the text")
    return problems


def shape_problems(case: dict) -> list[str]:
    if not isinstance(case, dict):
        return ["case is not a mapping"]
    problems: list[str] = []
    unknown = set(case) - CASE_KEYS
    if unknown:
        problems.append(f"unknown case keys {sorted(unknown)}")
    for key in ("id", "pattern", "text"):
        if not isinstance(case.get(key), str) or not case.get(key):
            problems.append(f"{key} must be a non-empty string")
    if case.get("pattern") not in PATTERNS:
        problems.append(f"pattern {case.get('pattern')!r} is not one of {PATTERNS}")
    if "known_gap" in case and (not isinstance(case["known_gap"], str) or not case["known_gap"]):
        problems.append("known_gap must be a non-empty reason")
    try:
        dt.date.fromisoformat(published_of(case))
    except ValueError:
        problems.append(f"published {case.get('published')!r} is not an ISO date")
    text = case.get("text") if isinstance(case.get("text"), str) else ""
    expect = case.get("expect")
    if not isinstance(expect, dict) or not set(expect) & EXPECT_KEYS:
        return problems + ["expect must be a mapping with root and/or events"]
    unknown = set(expect) - EXPECT_KEYS
    if unknown:
        problems.append(f"unknown expect keys {sorted(unknown)}")
    if "root" in expect:
        problems.extend(spec_problems(expect["root"], "root", text))
    if "events" in expect:
        specs = expect["events"]
        if not isinstance(specs, list) or not specs:
            problems.append("events must be a non-empty list")
        else:
            for number, spec in enumerate(specs, 1):
                problems.extend(spec_problems(spec, f"events[{number}]", text))
    return problems


def test_corpus_is_well_formed():
    problems = [
        f"{case.get('id', '?') if isinstance(case, dict) else '?'}: {problem}"
        for case in CASES
        for problem in shape_problems(case)
    ]
    ids = Counter(case.get("id") for case in CASES if isinstance(case, dict))
    problems.extend(f"{case_id}: id used {n} times" for case_id, n in ids.items() if n > 1)
    assert not problems, "malformed cases:\n" + "\n".join(problems)


def test_corpus_coverage_is_well_formed():
    assert len(CASES) >= MIN_CASES, f"{len(CASES)} cases; the corpus needs at least {MIN_CASES}"
    patterns = Counter(case.get("pattern") for case in CASES)
    thin = {p: patterns[p] for p in PATTERNS if patterns[p] < MIN_CASES_PER_PATTERN}
    assert not thin, f"patterns with fewer than {MIN_CASES_PER_PATTERN} cases: {thin}"
    roots = Counter(
        case["expect"]["root"].get("type")
        for case in CASES
        if isinstance(case.get("expect"), dict) and isinstance(case["expect"].get("root"), dict)
    )
    rare = {kind: roots[kind] for kind in sorted(EVENT_TYPES) if roots[kind] < MIN_ROOTS_PER_TYPE}
    assert not rare, f"types that are the root of fewer than {MIN_ROOTS_PER_TYPE} cases: {rare}"
