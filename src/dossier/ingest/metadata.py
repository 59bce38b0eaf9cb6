"""What an article says about itself at its top: headline, dateline, outlet.

News copy pasted into a text file usually keeps a few header lines above the body
("- The Washington Times", "Thursday, June 25, 2020", a headline) or opens its first
paragraph with a wire dateline ("SEOUL, April 24, 2024 (Reuters) -"). These rules
read only that top; a date further down is news, not the dateline.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from ..contract import parse_published

# How far down a header can reach: past this, lines are body whatever they look like.
HEADER_MAX_LINES = 6
HEADLINE_MAX_WORDS = 25
HEADLINE_MAX_CHARS = 200
OUTLET_MAX_WORDS = 8

MONTHS = {
    "january": 1,
    "jan": 1,
    "february": 2,
    "feb": 2,
    "march": 3,
    "mar": 3,
    "april": 4,
    "apr": 4,
    "may": 5,
    "june": 6,
    "jun": 6,
    "july": 7,
    "jul": 7,
    "august": 8,
    "aug": 8,
    "september": 9,
    "sep": 9,
    "sept": 9,
    "october": 10,
    "oct": 10,
    "november": 11,
    "nov": 11,
    "december": 12,
    "dec": 12,
}
# Longest names first, so "Sept." is not read as "Sep" followed by a stray "t.".
_MONTH = "(?i:" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_WEEKDAY = (
    r"(?i:monday|tuesday|wednesday|thursday|friday|saturday|sunday"
    r"|mon|tues|tue|wed|thurs|thur|thu|fri|sat|sun)\.?"
)
_DAY = r"\d{1,2}(?:st|nd|rd|th)?"
_YEAR = r"(?:19|20)\d{2}"

# "Thursday, June 25, 2020", "Jun. 25, 2020", "June 25 2020"
_MDY = rf"(?:{_WEEKDAY},?\s+)?(?P<m1>{_MONTH})\s+(?P<d1>{_DAY}),?\s+(?P<y1>{_YEAR})"
# "Thursday 25 June 2020", "25th June, 2020"
_DMY = rf"(?:{_WEEKDAY},?\s+)?(?P<d2>{_DAY})\s+(?P<m2>{_MONTH}),?\s+(?P<y2>{_YEAR})"
# "2020-06-25", "2020-06-25T10:32:00Z"
_ISO = r"(?P<iso>\d{4}-\d{2}-\d{2})(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?"
_DATE = rf"(?:{_MDY}|{_DMY}|{_ISO})"

# Web copy often labels the date and follows it with a clock time; neither changes the day.
_DATE_PREFIX = r"(?:(?P<label>published|posted|updated|last\s+updated|first\s+published)(?:\s+on)?\s*:?\s+)?"
_TIME_SUFFIX = (
    r"(?:\s*(?:,|at|\||-|–|—|/)?\s*\d{1,2}(?::\d{2}){1,2}\s*(?:[ap]\.?\s?m\.?)?"
    r"(?:\s*\(?[A-Z]{2,5}(?:[+-]\d{1,2})?\)?)?)?"
)
DATE_LINE = re.compile(rf"{_DATE_PREFIX}{_DATE}{_TIME_SUFFIX}", re.IGNORECASE)
DATE_ONLY = re.compile(_DATE, re.IGNORECASE)

# Wire style: the place in capitals, an optional region, the date (the year may be left
# out), the agency in parentheses, then a dash: "KYIV, Ukraine, June 25, 2020 (AP) —".
_PLACE = r"[A-Z][A-Z'’.\-]*(?:\s+[A-Z][A-Z'’.\-]*){0,3}"
_REGION = r"(?:,\s*[A-Z][\w'’.\-]*(?:\s+[A-Z][\w'’.\-]*){0,2})?"
_WIRE_DATE = rf"(?:{_WEEKDAY},?\s+)?(?P<wm>{_MONTH})\s+(?P<wd>{_DAY})(?:,?\s+(?P<wy>{_YEAR}))?"
WIRE_DATELINE = re.compile(
    rf"^(?P<place>{_PLACE}){_REGION}"
    rf"(?:\s*,\s*(?P<date>{_WIRE_DATE}))?"
    r"\s*(?:\((?P<agency>[A-Z][^()]{0,40})\))?"
    r"\s*(?:-{1,2}|–|—)(?:\s|$)"
)

# "- The Washington Times", "— Reuters": a credit line, set off by a dash.
OUTLET_LINE = re.compile(r"^(?:-{1,2}|–|—)\s*(?P<name>\S.*?)\s*$")
# "By Jane Doe, Associated Press", "By JANE DOE and JOHN ROE | Reuters"
BYLINE = re.compile(r"^by\s+(?P<names>[^,|]+?)(?:\s*[,|]\s*(?P<credit>[^,|]+?))?\s*$", re.IGNORECASE)
# What follows a byline's comma is as often the writer's job as the outlet.
BYLINE_ROLES = re.compile(
    r"\b(?:writer|correspondent|reporter|editor|staff|contributor|columnist|"
    r"bureau|chief|analyst|producer|special|senior|intern)s?\b",
    re.IGNORECASE,
)
# Lower-case words a proper name may hold: "Voice of America", "Agence France-Presse".
NAME_CONNECTORS = {"of", "the", "and", "for", "de", "du", "des", "la", "le", "al", "el", "&", "on", "in"}

# A sentence ends with . ! ? or :, maybe closed by quotes or brackets.
SENTENCE_END = re.compile(r"[.!?:…][\"'”’»)\]]*$")
# "U.S." or "U.N." closes many headlines without ending a sentence.
INITIALISM_END = re.compile(r"(?:^|\s)(?:[A-Z]\.){2,}$")

ENGLISH_STOPWORDS = frozenset(
    """a about after against all also an and are as at be been before between but by
    can could did do does for from had has have he her his how i if in into is it its
    more most no not of on one or other our over said says she should so than that the
    their them there these they this to up was we were what when where which while who
    will with would you""".split()
)
ENGLISH_MIN_WORDS = 3
ENGLISH_MIN_RATIO = 0.2
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")


@dataclass(frozen=True)
class Header:
    """What the top of an article states about it; None where it says nothing."""

    title: str | None = None
    published: dt.date | None = None
    outlet: str | None = None


def read_header(text: str) -> Header:
    """Read the headline, dateline and outlet from the top of ``text``."""
    lines = _top_lines(text)
    title = published = updated = outlet = None
    for index, (line, blank_after) in enumerate(lines):
        match = DATE_LINE.fullmatch(line)
        date = _date_of(match) if match else None
        if date is not None:
            # "Updated June 26" says when the page changed; a plain date says when it ran.
            if match.group("label") and "updated" in match.group("label").lower():
                updated = updated or date
            else:
                published = published or date
            continue
        credit = outlet_line(line)
        if credit is not None:
            outlet = outlet or credit
            continue
        if is_byline(line):
            outlet = outlet or byline_outlet(line)
            continue
        following = lines[index + 1][0] if index + 1 < len(lines) else None
        # Only the very first line can be the headline, and only when it stands apart.
        if (
            index == 0
            and looks_like_headline(line)
            and (blank_after and following is not None or _is_header_line(following))
        ):
            title = line
            continue
        # The first body paragraph: only its opening words can still be a dateline.
        wire = wire_dateline(line)
        if wire is not None:
            published = published or wire[0]
            outlet = outlet or wire[1]
        break
    return Header(title=title, published=published or updated, outlet=outlet)


def _top_lines(text: str) -> list[tuple[str, bool]]:
    """The first non-empty lines, stripped, each with whether a blank line follows it."""
    found: list[tuple[str, bool]] = []
    raw = text.splitlines()
    for index, line in enumerate(raw):
        stripped = line.strip()
        if not stripped:
            continue
        if len(found) == HEADER_MAX_LINES:
            break
        blank_after = index + 1 < len(raw) and not raw[index + 1].strip()
        found.append((stripped, blank_after))
    return found


def _is_header_line(line: str | None) -> bool:
    if line is None:
        return False
    return date_line(line) is not None or outlet_line(line) is not None or is_byline(line)


def date_line(line: str) -> dt.date | None:
    """The date a line states when the whole line is a date ("Thursday, June 25, 2020")."""
    match = DATE_LINE.fullmatch(line.strip())
    return _date_of(match) if match else None


def parse_date(value: str) -> dt.date:
    """Read an ISO date or timestamp, or a written date ("June 25, 2020", "25 June 2020").

    Raises ``ValueError`` when ``value`` is neither.
    """
    try:
        return parse_published(value)
    except ValueError:
        pass
    match = DATE_LINE.fullmatch(value.strip())
    date = _date_of(match) if match else None
    if date is None:
        raise ValueError(f"not a date: {value!r}")
    return date


def _date_of(match: re.Match) -> dt.date | None:
    groups = match.groupdict()
    try:
        if groups.get("iso"):
            return dt.date.fromisoformat(groups["iso"])
        if groups.get("m1"):
            return _calendar_date(groups["y1"], groups["m1"], groups["d1"])
        return _calendar_date(groups["y2"], groups["m2"], groups["d2"])
    except ValueError:  # June 31 and the like: shaped as a date, but none
        return None


def _calendar_date(year: str, month: str, day: str) -> dt.date:
    return dt.date(int(year), MONTHS[month.lower().rstrip(".")], int(re.match(r"\d+", day).group()))


def outlet_line(line: str) -> str | None:
    """The outlet a dash-led credit line names ("- The Washington Times"), else None."""
    match = OUTLET_LINE.match(line.strip())
    if not match:
        return None
    name = match.group("name")
    return name if _looks_like_name(name) else None


def is_byline(line: str) -> bool:
    match = BYLINE.match(line.strip())
    return bool(match) and _looks_like_name(match.group("names").replace(" and ", " "))


def byline_outlet(line: str) -> str | None:
    """The outlet after a byline's comma ("By Jane Doe, Associated Press"), not a job title."""
    match = BYLINE.match(line.strip())
    credit = match.group("credit") if match else None
    if not credit or BYLINE_ROLES.search(credit) or not _looks_like_name(credit):
        return None
    return credit


def _looks_like_name(value: str) -> bool:
    """Short, and every word capitalized but the connectors a name may hold."""
    words = value.split()
    if not words or len(words) > OUTLET_MAX_WORDS or SENTENCE_END.search(value):
        return False
    if not words[0][0].isupper() and not words[0][0].isdigit():
        return False
    return all(word[0].isupper() or word[0].isdigit() or word.lower() in NAME_CONNECTORS for word in words)


def looks_like_headline(line: str) -> bool:
    """Short, not starting lower-case, and not ending like a sentence."""
    words = line.split()
    if not words or len(words) > HEADLINE_MAX_WORDS or len(line) > HEADLINE_MAX_CHARS:
        return False
    # A headline opens on a word, a number or a quote; not on a list's dash or bullet.
    if not (line[0].isalnum() or line[0] in "\"'“‘«") or line[0].islower():
        return False
    if SENTENCE_END.search(line) and not INITIALISM_END.search(line):
        return False
    return WIRE_DATELINE.match(line) is None


def in_dateline(text: str, start: int) -> bool:
    """Whether the character at ``start`` lies in a wire dateline opening its paragraph
    ("SEOUL, April 24 (AP) -"): the date there is when the story was filed, not news."""
    line_start = text.rfind("\n", 0, start) + 1
    match = WIRE_DATELINE.match(text[line_start : line_start + 200])  # "^" needs the slice
    return match is not None and start < line_start + match.end()


def wire_dateline(paragraph: str) -> tuple[dt.date | None, str | None] | None:
    """(date, agency) from a wire dateline opening ``paragraph``, else None.

    A dateline without a year ("UNITED NATIONS, June 25 (AP) —") dates nothing by itself.
    """
    match = WIRE_DATELINE.match(paragraph)
    if not match or not (match.group("date") or match.group("agency")):
        return None
    date = None
    if match.group("wy"):
        try:
            date = _calendar_date(match.group("wy"), match.group("wm"), match.group("wd"))
        except ValueError:
            date = None
    agency = match.group("agency")
    if agency is not None:
        agency = agency.strip()
        if not _looks_like_name(agency):
            agency = None
    if date is None and agency is None:
        return None
    return date, agency


def looks_english(text: str, *, sample_words: int = 2000) -> bool:
    """True when enough of the words are common English function words.

    News prose in English runs at 40-50% stopwords; other languages share few of these.
    """
    words = _WORD.findall(text[: sample_words * 12].lower())[:sample_words]
    if len(words) < ENGLISH_MIN_WORDS:
        return False
    hits = sum(1 for word in words if word in ENGLISH_STOPWORDS)
    return hits / len(words) >= ENGLISH_MIN_RATIO
