"""Actor resolution against gold: does Dossier find the countries the coders coded?

For each gold record the gold countries are the normalized country codes of its
``source`` and ``target`` actors; Dossier's countries are the ``country`` of every actor
it extracts from the sentence (states, people, organizations, locations alike). Country
recall is matched / gold over all records (micro-averaged). A gold ``IGO`` is matched
when Dossier finds any actor of kind ``igo`` in the sentence; it is scored on its own.
Non-state codes (NGO, IMG, ISM, ...) name no country: they are counted and reported,
never scored. Countries Dossier finds that the record does not list are reported as
"extra": informational only, since gold codes just the event's source and target.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Literal

import pycountry

from ..contract import Document
from .gold import GoldActor, GoldRecord, extract_gold, ratio, read_gold

__all__ = [
    "ActorMiss",
    "ActorScores",
    "GoldCode",
    "evaluate_actors",
    "normalize_code",
    "read_gold",
    "score_actors",
]

IGO = "IGO"

# CAMEO country codes that differ from ISO 3166 alpha-3. JAP, ITL and VTN occur in
# PLOVER_GSR_CAMEO.json (checked against pycountry: every other country code in that
# file is ISO); ROM, ZAR and TMP are CAMEO's other legacy spellings, kept for older files.
CAMEO_TO_ISO = {
    "JAP": "JPN",  # Japan
    "ITL": "ITA",  # Italy
    "VTN": "VNM",  # Viet Nam
    "ROM": "ROU",  # Romania
    "ZAR": "COD",  # Democratic Republic of the Congo (Zaire)
    "TMP": "TLS",  # Timor-Leste (East Timor)
}

CodeKind = Literal["country", "igo", "non_state", "uncoded"]


@dataclass(frozen=True)
class GoldCode:
    """A gold code read: a country (ISO alpha-3 in ``country``), an IGO, or neither."""

    code: str
    kind: CodeKind
    country: str | None = None

    @property
    def key(self) -> str | None:
        """What is matched against Dossier's findings: the country, or "IGO"."""
        return self.country if self.kind == "country" else IGO if self.kind == "igo" else None


@lru_cache(maxsize=512)
def _iso_alpha3(code: str) -> str | None:
    if code in CAMEO_TO_ISO:
        return CAMEO_TO_ISO[code]
    return code if pycountry.countries.get(alpha_3=code) is not None else None


def normalize_code(code: str | None) -> GoldCode:
    """Read a CAMEO/PLOVER actor code.

    Only the first three letters matter ("USAGOV" is the United States, "IGOUNO" an
    IGO). ISO 3166 alpha-3 codes and the CAMEO spellings in ``CAMEO_TO_ISO`` are
    countries; "IGO" is an intergovernmental organization; anything else (NGO, IMG,
    ISM, ...) is non-state; an empty code is "uncoded".
    """
    raw = (code or "").strip().upper()
    if not raw:
        return GoldCode("", "uncoded")
    head = raw[:3]
    if head == IGO:
        return GoldCode(raw, "igo")
    country = _iso_alpha3(head) if len(head) == 3 and head.isalpha() else None
    if country:
        return GoldCode(raw, "country", country)
    return GoldCode(raw, "non_state")


@dataclass(frozen=True)
class ActorMiss:
    """A gold actor whose country (or IGO) Dossier did not find in the sentence."""

    record_id: str
    role: str
    actor_text: str
    code: str
    expected: str  # the ISO alpha-3 country, or "IGO"
    found: tuple[str, ...]  # the countries Dossier found (and "IGO" when it found one)

    def to_dict(self) -> dict:
        return {
            "record": self.record_id,
            "role": self.role,
            "actor_text": self.actor_text,
            "code": self.code,
            "expected": self.expected,
            "found": list(self.found),
        }


@dataclass
class ActorScores:
    """The figures of one actor evaluation; rates are None when nothing was there to count."""

    records: int = 0
    gold_countries: int = 0
    matched_countries: int = 0
    source_gold: int = 0
    source_matched: int = 0
    target_gold: int = 0
    target_matched: int = 0
    igo_gold: int = 0
    igo_matched: int = 0
    found_countries: int = 0
    extra_countries: int = 0
    records_complete: int = 0  # records whose every gold country and IGO was found
    records_without_gold: int = 0  # records with no country and no IGO to find
    non_state: Counter = field(default_factory=Counter)  # gold non-state code -> actors
    uncoded: int = 0  # gold actors with no code at all
    misses: list[ActorMiss] = field(default_factory=list)

    @property
    def country_recall(self) -> float | None:
        return ratio(self.matched_countries, self.gold_countries)

    @property
    def source_recall(self) -> float | None:
        return ratio(self.source_matched, self.source_gold)

    @property
    def target_recall(self) -> float | None:
        return ratio(self.target_matched, self.target_gold)

    @property
    def igo_recall(self) -> float | None:
        return ratio(self.igo_matched, self.igo_gold)

    @property
    def extra_rate(self) -> float | None:
        """Share of the countries Dossier found that the gold record does not list."""
        return ratio(self.extra_countries, self.found_countries)

    def to_dict(self, *, misses: bool = True) -> dict:
        figures = {
            "records": self.records,
            "country_recall": self.country_recall,
            "gold_countries": self.gold_countries,
            "matched_countries": self.matched_countries,
            "source": {"recall": self.source_recall, "gold": self.source_gold, "matched": self.source_matched},
            "target": {"recall": self.target_recall, "gold": self.target_gold, "matched": self.target_matched},
            "igo": {"recall": self.igo_recall, "gold": self.igo_gold, "matched": self.igo_matched},
            "extra_countries": {
                "rate": self.extra_rate,
                "extra": self.extra_countries,
                "found": self.found_countries,
            },
            "records_complete": self.records_complete,
            "records_without_gold": self.records_without_gold,
            "non_state": dict(sorted(self.non_state.items())),
            "uncoded": self.uncoded,
        }
        if misses:
            figures["misses"] = [miss.to_dict() for miss in self.misses]
        return figures


def document_countries(document: Document) -> set[str]:
    """The countries of every actor Dossier found in a document."""
    return {actor.country.upper() for actor in document.actors if actor.country}


def score_actors(gold_records: Sequence[GoldRecord], documents: Sequence[Document]) -> ActorScores:
    """Score Dossier's documents against the gold records they were read from (same order)."""
    if len(gold_records) != len(documents):
        raise ValueError(f"{len(gold_records)} gold records but {len(documents)} documents")
    scores = ActorScores()
    for record, document in zip(gold_records, documents):
        scores.records += 1
        found = document_countries(document)
        has_igo = any(actor.kind == "igo" for actor in document.actors)
        found_keys = found | ({IGO} if has_igo else set())

        by_role: dict[str, set[str]] = {"source": set(), "target": set()}
        wanted: set[str] = set()
        seen_misses: set[tuple[str, str, str]] = set()
        missed_actors: list[tuple[GoldActor, str]] = []
        for actor in record.actors:
            code = normalize_code(actor.code)
            if code.kind == "uncoded":
                scores.uncoded += 1
                continue
            if code.kind == "non_state":
                scores.non_state[code.code[:3]] += 1
                continue
            key = code.key
            wanted.add(key)
            if code.kind == "country":
                by_role.setdefault(actor.role, set()).add(key)
            if key not in found_keys and (actor.role, actor.text, key) not in seen_misses:
                seen_misses.add((actor.role, actor.text, key))
                missed_actors.append((actor, key))

        countries = {key for key in wanted if key != IGO}
        scores.gold_countries += len(countries)
        scores.matched_countries += len(countries & found)
        scores.source_gold += len(by_role["source"])
        scores.source_matched += len(by_role["source"] & found)
        scores.target_gold += len(by_role["target"])
        scores.target_matched += len(by_role["target"] & found)
        if IGO in wanted:
            scores.igo_gold += 1
            scores.igo_matched += has_igo
        scores.found_countries += len(found)
        scores.extra_countries += len(found - countries)
        if not wanted:
            scores.records_without_gold += 1
        elif wanted <= found_keys:
            scores.records_complete += 1
        shown = tuple(sorted(found_keys))
        scores.misses.extend(
            ActorMiss(record.id, actor.role, actor.text, actor.code, key, shown) for actor, key in missed_actors
        )
    return scores


def evaluate_actors(
    path: str | Path,
    limit: int | None = None,
    model: str | None = None,
    *,
    actors: Sequence[str | Path] = (),
    batch_size: int = 32,
) -> ActorScores:
    """Read the gold file, extract its first ``limit`` sentences (all by default), score them.

    Raises ``InputError`` for an unreadable or invalid gold file.
    """
    records = read_gold(path)
    if limit is not None:
        records = records[:limit]
    documents = list(extract_gold(records, origin=str(path), model=model, actors=actors, batch_size=batch_size))
    return score_actors(records, documents)
