"""Named organizations news cites, and what an organization's name says about it.

``data/organizations.tsv`` lists agencies, state media, think tanks, universities,
armed groups and companies with their country and sector. For a name it does not
list, ``describe_organization`` reads the name itself: its head noun gives the sector
("... News Agency" is MED, "... University" is EDU) and a state, demonym or city in it
gives the country ("Seoul National University" is KOR).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..lexicons import table
from .gazetteer import lookup_demonym, lookup_place, lookup_seat, lookup_state, normalize_name
from .roles import noun_role

# Words after which an organization's name no longer names its kind: "Center for ...".
_NAME_PREPOSITIONS = {"for", "of", "on", "in", "at", "to"}
_WORD = re.compile(r"[\w'’.-]+")


@dataclass(frozen=True)
class Organization:
    name: str
    kind: str
    country: str | None
    sector: str | None
    code: str | None


@lru_cache(maxsize=1)
def _organizations() -> tuple[dict[str, Organization], dict[str, Organization]]:
    """(lower-cased name key -> entry, exact-case acronym -> entry)."""
    by_key: dict[str, Organization] = {}
    acronyms: dict[str, Organization] = {}
    for row in table("organizations.tsv"):
        row = list(row) + [""] * (6 - len(row))
        name, aliases, kind, country, sector, code = row[:6]
        country, sector = country or None, sector or None
        code = code or ((country + (sector or "")) if country else None)
        entry = Organization(name, kind or "organization", country, sector, code)
        for alias in [name, *filter(None, aliases.split("|"))]:
            alias = alias.strip()
            # Acronyms match in their own case only: "AP" is not "ap", "IS" is not "is".
            if alias.replace(".", "").isupper() and len(alias.replace(".", "")) <= 5:
                acronyms[alias] = entry
            else:
                by_key[normalize_name(alias)] = entry
    return by_key, acronyms


def organization_names() -> list[str]:
    """Every name and alias the table knows, for phrase matching."""
    by_key, acronyms = _organizations()
    return [*by_key, *acronyms]


def lookup_organization(name: str) -> Organization | None:
    """The listed organization ``name`` denotes, else None."""
    by_key, acronyms = _organizations()
    stripped = re.sub(r"^(the|The)\s+", "", name.strip())
    stripped = re.sub(r"[’']s$", "", stripped)
    return acronyms.get(stripped) or by_key.get(normalize_name(name))


def name_head(name: str) -> str:
    """The words of a name that say what it is: "Asia-Pacific Center" of "... Center for Security Studies"."""
    words = _WORD.findall(name)
    for index, word in enumerate(words):
        if index and word.lower() in _NAME_PREPOSITIONS:
            words = words[:index]
            break
    return " ".join(words)


def sector_of_name(name: str) -> tuple[str | None, str | None]:
    """(kind, sector) the head of an organization's name implies, else (None, None)."""
    words = name_head(name).lower().split()
    for size in (3, 2, 1):
        if len(words) >= size:
            role = noun_role(" ".join(words[-size:]))
            if role is not None:
                return role
    return None, None


def country_in_name(name: str) -> str | None:
    """The state a name names: "Seoul National University" -> KOR, "Korea University" -> KOR."""
    words = _WORD.findall(name)
    for size in (3, 2, 1):
        for start in range(len(words) - size + 1):
            phrase = " ".join(words[start : start + size])
            if not phrase[:1].isupper():
                continue
            iso3 = lookup_state(phrase) or lookup_demonym(phrase)
            if iso3 is None and size == 1 or iso3 is None and size == 2:
                place = lookup_place(phrase, variants=False)
                iso3 = place.country if place else None
            if iso3:
                return iso3
    # "Taliban Foreign Ministry", "Hamas-run Health Ministry": an office of a known
    # organization is in that organization's country
    for size in (3, 2, 1):
        for start in range(len(words) - size + 1):
            phrase = " ".join(words[start : start + size])
            if phrase[:1].isupper() and phrase != name:
                known = lookup_organization(phrase)
                if known is not None and known.country:
                    return known.country
    return None


def describe_organization(name: str) -> Organization:
    """What Dossier can tell of an organization from the table, else from its name."""
    known = lookup_organization(name)
    if known is not None:
        return known
    seat = lookup_seat(name)
    if seat is not None and seat.sector:
        # "the Pentagon's press secretary": a seat of power as the office people work for.
        clean = re.sub(r"^(the|The)\s+", "", " ".join(name.split()))
        return Organization(clean, "organization", seat.country, seat.sector, seat.country + seat.sector)
    kind, sector = sector_of_name(name)
    country = country_in_name(name)
    code = (country + (sector or "")) if country else None
    return Organization(
        " ".join(name.split()), kind if kind in ("organization", "group") else "organization", country, sector, code
    )
