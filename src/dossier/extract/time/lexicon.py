"""The words of dates, read from ``data/time_words.tsv``."""

from __future__ import annotations

import re
from functools import lru_cache

from ...errors import ConfigError
from ...lexicons import table

CLASSES = {
    "reference",
    "month",
    "month_abbreviation",
    "weekday",
    "season",
    "part_of_day",
    "number",
    "vague_number",
    "ordinal",
    "unit",
    "modifier",
    "approximation",
    "set",
    "year_cue",
    "future_cue",
}


@lru_cache(maxsize=1)
def time_words() -> dict[str, dict[str, str]]:
    """Words by class: ``{"month": {"january": "1", ...}, ...}``, lowercase."""
    found: dict[str, dict[str, str]] = {name: {} for name in CLASSES}
    for row in table("time_words.tsv"):
        if len(row) < 2 or row[1] not in CLASSES:
            raise ConfigError(f"time_words.tsv: row {row!r} needs a word and one of the classes {sorted(CLASSES)}")
        found[row[1]][row[0].lower()] = row[2] if len(row) > 2 else ""
    return found


def words(name: str) -> dict[str, str]:
    return time_words()[name]


def alternation(*names: str) -> str:
    """A regex alternation of every word of the classes ``names``, longest first.

    Spaces match any run of whitespace, so "a few" also reads "a  few" across a line break.
    """
    options = sorted({word for name in names for word in words(name)}, key=len, reverse=True)
    return "|".join(re.escape(option).replace(r"\ ", r"\s+") for option in options)


# Past 2**53 a float no longer holds every whole number, and no count of time in a text is
# that large: "1,000,000,...,000 years" (or more digits than a float holds at all) is no count.
_LARGEST_COUNT = 2.0**53


def number_of(word: str) -> float | None:
    """The number a word or numeral stands for: "three" 3, "1,000" 1000, "a" 1; None for
    words that are no number, and for numerals too large to count anything."""
    word = re.sub(r"\s+", " ", word.lower().strip())
    if word in words("number"):
        return float(words("number")[word])
    cleaned = word.replace(",", "")
    if re.fullmatch(r"\d+(?:\.\d+)?", cleaned):
        number = float(cleaned)
        return number if number <= _LARGEST_COUNT else None
    if "-" in word:  # "twenty-five"
        tens, _, ones = word.partition("-")
        if tens in words("number") and ones in words("number"):
            return float(words("number")[tens]) + float(words("number")[ones])
    return None


def unit_of(word: str) -> str:
    """The unit a word names: "years" year, "centuries" century."""
    word = word.lower()
    if word in words("unit"):
        return words("unit")[word]
    for ending, replacement in (("ies", "y"), ("s", "")):
        if word.endswith(ending) and word[: -len(ending)] + replacement in words("unit"):
            return words("unit")[word[: -len(ending)] + replacement]
    raise KeyError(word)
