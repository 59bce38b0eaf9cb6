"""The actor corpus: wire-style sentences with the actors an analyst expects.

``tests/data/actor_sentences.yaml`` holds the cases (its header explains the checks).
Each case is one test, named by its id: ``pytest tests/test_actor_corpus.py -k cm-`` runs
the capital metonyms. A failing case reports every check that failed, the actor that
held the mention, and every actor the extractor found, so the fix can start from it.

How a check finds its actor: the check's ``mention`` is located in the text (its
``occurrence``-th occurrence, counting from 1); the actors holding it are those with a
mention span overlapping it; of those, the one whose span is closest in length to the
mention text is used, and on a tie any of the tied actors may satisfy the check.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from pathlib import Path

import pytest
import yaml

import dossier
from dossier.contract import Actor, Document

CORPUS = Path(__file__).parent / "data" / "actor_sentences.yaml"
DEFAULT_PUBLISHED = "2024-05-01"

PATTERNS = (
    "state_name",
    "capital_metonym",
    "capital_place",
    "demonym_modifier",
    "possessive_state_org",
    "person_title",
    "person_apposition",
    "possessive_role",
    "short_form",
    "person_ambiguity",
    "organization",
    "igo",
    "qualifier",
    "collective",
    "noise",
    "known_leader",
)
MIN_CASES = 80
MIN_CASES_PER_PATTERN = 4

KINDS = {"state", "person", "organization", "igo", "group", "location", "other"}
# ``known_gap``: a case Dossier does not get right yet, with why; it runs as a strict
# xfail, so fixing it turns the run red until the key is removed.
CASE_KEYS = {"id", "pattern", "text", "published", "expect", "known_gap"}
EQUAL_KEYS = ("kind", "country", "sector", "code", "name")
ACTOR_KEYS = (
    *EQUAL_KEYS,
    "title",
    "role_organization",
    "role_country",
    "qualifier",
    "same_as",
    "not_same_as",
    "not_kind",
)
CHECK_KEYS = {
    "mention",
    "occurrence",
    *ACTOR_KEYS,
    "same_as_occurrence",
    "not_same_as_occurrence",
    "refers_to",
    "absent",
}
ISO3 = re.compile(r"^[A-Z]{3}$")


def load_cases() -> list[dict]:
    with CORPUS.open(encoding="utf-8") as handle:
        cases = yaml.safe_load(handle)
    assert isinstance(cases, list), f"{CORPUS} must hold a list of cases"
    return cases


CASES = load_cases()


# --- locating mentions ------------------------------------------------------------------


def locate(text: str, mention: str, occurrence: int = 1) -> tuple[int, int] | None:
    """Character range of the ``occurrence``-th occurrence of ``mention`` in ``text``."""
    start = -1
    for _ in range(occurrence):
        start = text.find(mention, start + 1)
        if start < 0:
            return None
    return start, start + len(mention)


def referenced_mentions(check: dict) -> list[tuple[str, str, int]]:
    """(key, mention, occurrence) for every mention a check names."""
    found = [("mention", check.get("mention"), check.get("occurrence", 1))]
    for key in ("same_as", "not_same_as"):
        if key in check:
            found.append((key, check[key], check.get(f"{key}_occurrence", 1)))
    return found


def overlapping(document: Document, start: int, end: int) -> list[Actor]:
    return [actor for actor in document.actors if any(span.start < end and span.end > start for span in actor.mentions)]


def holders(document: Document, start: int, end: int) -> list[Actor]:
    """The actors holding the range: overlapping it with the span closest in length."""
    length = end - start
    best: list[Actor] = []
    best_distance = None
    for actor in document.actors:
        distances = [
            abs((span.end - span.start) - length) for span in actor.mentions if span.start < end and span.end > start
        ]
        if not distances:
            continue
        distance = min(distances)
        if best_distance is None or distance < best_distance:
            best, best_distance = [actor], distance
        elif distance == best_distance:
            best.append(actor)
    return best


# --- describing actors for messages -------------------------------------------------------


def describe(actor: Actor, indent: str = "      ") -> str:
    """The actor as an engineer needs to see it: what it is, its roles, mentions, qualifiers."""
    roles = ", ".join(
        f"{role.title!r} @ {role.organization!r} "
        f"({role.country}, {getattr(role, 'sector', None)}, {getattr(role, 'source', None)})"
        for role in actor.roles
    )
    mentions = ", ".join(f"{span.text!r}@{span.start}-{span.end}" for span in actor.mentions)
    qualifiers = ", ".join(repr(span.text) for span in getattr(actor, "qualifiers", []))
    more = indent + "    "
    return (
        f"{indent}{actor.id} {actor.name!r} kind={actor.kind} country={actor.country} "
        f"sector={actor.sector} code={actor.code}\n"
        f"{more}roles=[{roles}]\n"
        f"{more}mentions=[{mentions}]\n"
        f"{more}qualifiers=[{qualifiers}]"
    )


def show_mention(mention: str, occurrence: int) -> str:
    return repr(mention) if occurrence == 1 else f"{mention!r} (occurrence {occurrence})"


# --- checks ---------------------------------------------------------------------------------


def actor_failures(actor: Actor, check: dict, text: str, document: Document) -> list[str]:
    """What ``actor`` gets wrong of ``check``'s actor keys (empty when it satisfies all)."""
    failures: list[str] = []
    for key in EQUAL_KEYS:
        if key in check and getattr(actor, key) != check[key]:
            failures.append(f"{key}: expected {check[key]!r}, got {getattr(actor, key)!r}")
    if "not_kind" in check:
        banned = check["not_kind"]
        banned = [banned] if isinstance(banned, str) else banned
        if actor.kind in banned:
            failures.append(f"kind must not be {actor.kind!r} (not_kind {banned})")
    if "title" in check:
        wanted = check["title"].casefold()
        titles = [role.title for role in actor.roles]
        if not any(title and wanted in title.casefold() for title in titles):
            failures.append(f"no role title containing {check['title']!r}; titles: {titles}")
    if "role_organization" in check:
        wanted = check["role_organization"].casefold()
        organizations = [role.organization for role in actor.roles]
        if not any(org and wanted in org.casefold() for org in organizations):
            failures.append(
                f"no role organization containing {check['role_organization']!r}; organizations: {organizations}"
            )
    if "role_country" in check:
        countries = [role.country for role in actor.roles]
        if check["role_country"] not in countries:
            failures.append(f"no role with country {check['role_country']!r}; role countries: {countries}")
    if "qualifier" in check:
        wanted = check["qualifier"].casefold()
        qualifiers = [span.text for span in getattr(actor, "qualifiers", [])]
        if not any(wanted in qualifier.casefold() for qualifier in qualifiers):
            failures.append(f"no qualifier containing {check['qualifier']!r}; qualifiers: {qualifiers}")
    for key, same in (("same_as", True), ("not_same_as", False)):
        if key not in check:
            continue
        other, occurrence = check[key], check.get(f"{key}_occurrence", 1)
        label = show_mention(other, occurrence)
        where = locate(text, other, occurrence)
        if where is None:
            failures.append(f"{key}: corpus error, {label} is not in the text")
            continue
        others = holders(document, *where)
        if not others:
            failures.append(f"{key}: no actor holds {label}")
        elif same and actor.id not in {o.id for o in others}:
            names = [f"{o.id} {o.name!r}" for o in others]
            failures.append(f"same_as: {label} is held by {names}, a different actor")
        elif not same and actor.id in {o.id for o in others}:
            failures.append(f"not_same_as: {label} is held by this same actor")
    return failures


def check_failures(check: dict, text: str, document: Document) -> list[str]:
    """Every way ``document`` fails ``check``, each line ready for the report."""
    occurrence = check.get("occurrence", 1)
    where = locate(text, check["mention"], occurrence)
    if where is None:
        return [f"corpus error: {show_mention(check['mention'], occurrence)} is not in the text"]
    start, end = where
    label = show_mention(check["mention"], occurrence) + f" at {start}-{end}"
    failures: list[str] = []

    if check.get("absent"):
        found = overlapping(document, start, end)
        if found:
            failures.append(f"{label} must not be an actor, but it overlaps:")
            failures.extend(describe(actor) for actor in found)

    if "refers_to" in check:
        found = overlapping(document, start, end)
        countries = {actor.country for actor in found}
        expected = set(check["refers_to"])
        if countries != expected:
            failures.append(
                f"{label} refers_to: expected countries {sorted(expected)}, "
                f"got {sorted(countries, key=str)} from the actors overlapping it:"
            )
            failures.extend(describe(actor) for actor in found)
            if not found:
                failures.append("      (no actor overlaps it)")

    if any(key in check for key in ACTOR_KEYS):
        candidates = holders(document, start, end)
        if not candidates:
            failures.append(f"{label}: no actor holds this mention")
        else:
            results = [(actor, actor_failures(actor, check, text, document)) for actor in candidates]
            if all(problems for _, problems in results):
                for actor, problems in results:
                    failures.append(f"{label} is held by")
                    failures.append(describe(actor))
                    failures.extend(f"    - {problem}" for problem in problems)
    return failures


def extracted(text: str, published: str) -> Document:
    # One ``dossier.extract`` per case: it reuses the loaded pipeline (``load_language``
    # is cached), and an extractor crash then fails only the case that caused it.
    return dossier.extract(text, published=published)


def published_of(case: dict) -> str:
    value = case.get("published", DEFAULT_PUBLISHED)
    return value.isoformat() if isinstance(value, dt.date) else str(value)


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
def test_actor_case(case):
    text = case["text"]
    document = extracted(text, published_of(case))
    report: list[str] = []
    failed = 0
    for number, check in enumerate(case["expect"], 1):
        failures = check_failures(check, text, document)
        if failures:
            failed += 1
            report.append(f"  check {number}: {check}")
            report.extend(f"    {line}" for line in failures)
    if report:
        actors = "\n".join(describe(actor, "    ") for actor in document.actors) or "    (none)"
        pytest.fail(
            f"[{case['pattern']}] {case['id']}: {failed} of {len(case['expect'])} checks failed\n"
            f"  text: {text!r}\n"
            f"  published: {published_of(case)}\n" + "\n".join(report) + f"\n  all actors found:\n{actors}",
            pytrace=False,
        )


# --- the corpus itself ---------------------------------------------------------------------


def test_corpus_has_enough_cases():
    assert len(CASES) >= MIN_CASES, f"{len(CASES)} cases; the issue asks for at least {MIN_CASES}"


def test_every_pattern_is_covered():
    counts = Counter(case.get("pattern") for case in CASES)
    unknown = sorted(set(counts) - set(PATTERNS), key=str)
    assert not unknown, f"unknown patterns {unknown}; known: {PATTERNS}"
    thin = {pattern: counts[pattern] for pattern in PATTERNS if counts[pattern] < MIN_CASES_PER_PATTERN}
    assert not thin, f"patterns with fewer than {MIN_CASES_PER_PATTERN} cases: {thin}"


def test_case_ids_are_unique():
    counts = Counter(case.get("id") for case in CASES)
    duplicated = sorted(case_id for case_id, count in counts.items() if count > 1)
    assert not duplicated, f"duplicate case ids: {duplicated}"


def shape_problems(case: dict) -> list[str]:
    problems: list[str] = []
    unknown = set(case) - CASE_KEYS
    if unknown:
        problems.append(f"unknown case keys {sorted(unknown)}")
    for key in ("id", "pattern", "text"):
        if not isinstance(case.get(key), str) or not case.get(key):
            problems.append(f"{key} must be a non-empty string")
    try:
        dt.date.fromisoformat(published_of(case))
    except ValueError:
        problems.append(f"published {case.get('published')!r} is not an ISO date")
    expect = case.get("expect")
    if not isinstance(expect, list) or not expect:
        return problems + ["expect must be a non-empty list of checks"]
    for number, check in enumerate(expect, 1):
        if not isinstance(check, dict):
            problems.append(f"check {number} is not a mapping")
            continue
        where = f"check {number} ({check.get('mention')!r})"
        unknown = set(check) - CHECK_KEYS
        if unknown:
            problems.append(f"{where}: unknown keys {sorted(unknown)}")
        if not isinstance(check.get("mention"), str) or not check.get("mention"):
            problems.append(f"{where}: mention must be a non-empty string")
        if not set(check) & (set(ACTOR_KEYS) | {"refers_to", "absent"}):
            problems.append(f"{where}: checks nothing")
        for key in ("occurrence", "same_as_occurrence", "not_same_as_occurrence"):
            if key in check and (not isinstance(check[key], int) or check[key] < 1):
                problems.append(f"{where}: {key} must be a positive integer")
        if "absent" in check and check["absent"] is not True:
            problems.append(f"{where}: absent must be true")
        if "absent" in check and set(check) & (set(ACTOR_KEYS) | {"refers_to"}):
            problems.append(f"{where}: absent cannot be combined with other checks")
        if "kind" in check and check["kind"] not in KINDS:
            problems.append(f"{where}: kind {check['kind']!r} is not one of {sorted(KINDS)}")
        if "not_kind" in check:
            banned = check["not_kind"]
            banned = [banned] if isinstance(banned, str) else banned
            if not isinstance(banned, list) or not set(banned) <= KINDS:
                problems.append(f"{where}: not_kind {check['not_kind']!r} must name kinds")
        for key in ("country", "role_country"):
            value = check.get(key)
            if value is not None and not ISO3.match(str(value)):
                problems.append(f"{where}: {key} {value!r} is not an ISO3 code")
        if "refers_to" in check:
            value = check["refers_to"]
            if (
                not isinstance(value, list)
                or not value
                or not all(isinstance(code, str) and ISO3.match(code) for code in value)
            ):
                problems.append(f"{where}: refers_to must be a list of ISO3 codes")
    return problems


def test_cases_are_well_formed():
    problems = [f"{case.get('id', '?')}: {problem}" for case in CASES for problem in shape_problems(case)]
    assert not problems, "malformed cases:\n" + "\n".join(problems)


def test_every_mention_occurs_in_its_text():
    missing = []
    for case in CASES:
        for check in case.get("expect", []):
            if not isinstance(check, dict):
                continue
            for key, mention, occurrence in referenced_mentions(check):
                found = isinstance(mention, str) and locate(case["text"], mention, occurrence)
                if not found:
                    missing.append(
                        f"{case['id']}: {key} {show_mention(mention, occurrence)} is not in {case['text']!r}"
                    )
    assert not missing, "mentions not found in their text:\n" + "\n".join(missing)
