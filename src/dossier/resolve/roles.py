"""Titles, actor nouns and qualifiers: the words that say who someone is.

- ``data/titles.tsv``: titles before or about a person ("Foreign Minister", "research
  professor") and the CAMEO sector each implies;
- ``data/sectors.tsv``: head nouns of nominal actors and organization names
  ("delegation", "spy agency", "news agency") with the kind and sector they imply;
- ``data/qualifiers.tsv``: words that describe an organization's standing ("official",
  "state-run"), plus suffixes that make any hyphenated word one ("-backed").
"""

from __future__ import annotations

from functools import lru_cache

from ..lexicons import table


def _lemma_forms(noun: str) -> list[str]:
    """The noun and its plausible singulars, so "officials" finds "official"."""
    forms = [noun]
    if noun.endswith("ies"):
        forms.append(noun[:-3] + "y")
    if noun.endswith("es"):
        forms.append(noun[:-2])
    if noun.endswith("s"):
        forms.append(noun[:-1])
    if noun.endswith("men"):
        forms.append(noun[:-3] + "man")
    return forms


@lru_cache(maxsize=1)
def _titles() -> dict[str, str | None]:
    titles: dict[str, str | None] = {}
    for row in table("titles.tsv"):
        sector = row[1] if len(row) > 1 and row[1] else None
        for title in row[0].split("|"):
            if title.strip():
                titles[" ".join(title.lower().split())] = sector
    return titles


@lru_cache(maxsize=1)
def _nouns() -> dict[str, tuple[str, str | None]]:
    nouns: dict[str, tuple[str, str | None]] = {}
    for row in table("sectors.tsv"):
        kind = row[1] if len(row) > 1 and row[1] else "group"
        sector = row[2] if len(row) > 2 and row[2] else None
        for noun in row[0].split("|"):
            if noun.strip():
                nouns[" ".join(noun.lower().split())] = (kind, sector)
    return nouns


@lru_cache(maxsize=1)
def _qualifiers() -> tuple[frozenset[str], tuple[str, ...]]:
    words, suffixes = set(), []
    for row in table("qualifiers.tsv"):
        word = row[0].strip().lower()
        if word.startswith("-"):
            suffixes.append(word)
        elif word:
            words.add(word)
    return frozenset(words), tuple(suffixes)


def title_sector(title: str) -> tuple[bool, str | None]:
    """(is a title, its sector) for a lower-cased title word or phrase ("minister")."""
    key = " ".join(title.lower().split())
    titles = _titles()
    for form in _lemma_forms(key):
        if form in titles:
            return True, titles[form]
    return False, None


def is_title(word: str) -> bool:
    return title_sector(word)[0]


def longest_title_sector(words: list[str]) -> str | None:
    """The sector of the longest title phrase ending the words: "defense minister" -> MIL."""
    lowered = [w.lower() for w in words]
    for size in range(min(4, len(lowered)), 0, -1):
        found, sector = title_sector(" ".join(lowered[-size:]))
        if found and sector:
            return sector
    # A sector word anywhere in the title still counts: "intelligence chief".
    for size in (2, 1):
        for start in range(len(lowered) - size + 1):
            found, sector = title_sector(" ".join(lowered[start : start + size]))
            if found and sector:
                return sector
    return None


def noun_role(noun: str) -> tuple[str, str | None] | None:
    """(kind, sector) of an actor noun ("delegation" -> group, GOV), else None."""
    key = " ".join(noun.lower().split())
    nouns = _nouns()
    for form in _lemma_forms(key):
        if form in nouns:
            return nouns[form]
    return None


def is_qualifier(word: str) -> bool:
    """Whether a modifier describes an organization's standing ("state-run", "official")."""
    words, suffixes = _qualifiers()
    key = word.lower()
    return key in words or ("-" in key and key.endswith(suffixes))


def warm() -> None:
    _titles(), _nouns(), _qualifiers()
