"""Finding temporal expressions in text: regular-expression rules over the words of dates.

Each rule matches one shape of expression ("June 25, 2020", "late-2017", "last week",
"two days later") and reads what its words say into a ``Reading``: a kind and the fields
the normalizer needs. A rule may turn a match down (a lowercase "may" is not the month).
Where rules overlap, the longest match wins. Nothing here anchors a date: that needs the
publication date and the text around, which ``normalize`` gets.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache

from .lexicon import alternation, number_of, unit_of, words


@dataclass
class Reading:
    """What a matched expression says, before it is anchored."""

    kind: str  # the normalizer's name for how to anchor it: "absolute", "relative", ...
    start: int  # character offsets of the expression's span
    end: int
    fields: dict = field(default_factory=dict)


@dataclass(frozen=True)
class Rule:
    name: str
    pattern: re.Pattern
    read: Callable[[re.Match, str], dict | None]  # fields, or None to turn the match down
    kind: str


# Words that, before a bare number, make it a year; a number after anything else is a count.
def _year_cues() -> set[str]:
    return set(words("year_cue"))


def _alt(*names: str) -> str:
    return f"(?:{alternation(*names)})"


@lru_cache(maxsize=1)
def _pieces() -> dict[str, str]:
    unit_words = sorted(words("unit"), key=len, reverse=True)
    units = "|".join(f"{re.escape(w)}s?" if w != "century" else "centur(?:y|ies)" for w in unit_words)
    number_words = alternation("number")
    tens = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
    ones = "one|two|three|four|five|six|seven|eight|nine"
    return {
        "MONTH": rf"(?:{alternation('month')}|(?:{alternation('month_abbreviation')})\.?)",
        "WEEKDAY": _alt("weekday"),
        "SEASON": _alt("season"),
        "PART": _alt("part_of_day"),
        "DAY": r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?",
        "YEAR": r"(?:1[5-9]\d\d|20\d\d)",
        "NUM": rf"(?:\d{{1,3}}(?:,\d{{3}})*(?:\.\d+)?|(?:{tens})-(?:{ones})|{number_words}|{alternation('vague_number')})",
        "UNIT": rf"(?:{units})",
        "ORD": _alt("ordinal"),
        "MOD": r"(?:early|mid|late)",
        "APPROX": _alt("approximation"),
        "SETWORD": _alt("set"),
        "REFERENCE": _alt("reference"),
        # Years as broadcast copy writes them: "nineteen ninety-six", "two thousand one".
        "SPOKEN_YEAR": rf"(?:nineteen[-\s](?:(?:{tens})(?:[-\s](?:{ones}))?|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|oh[-\s](?:{ones}))|two\s+thousand(?:\s+(?:and\s+)?(?:{ones}|ten|eleven|twelve))?)",
    }


def _compile(pattern: str) -> re.Pattern:
    text = pattern
    for name, piece in _pieces().items():
        text = text.replace("{" + name + "}", piece)
    # Words, not parts of words: "Mayor" is no month, "2019" in "12019" no year.
    return re.compile(rf"(?<![\w'’-])(?:{text})(?![\w]|['’](?!s\b))", re.IGNORECASE)


# A modifier before the expression: "late-2017", "mid 2021", "the end of 2019".
_MODIFIED = (
    r"(?:(?P<mod>early|mid|late)(?:\s*-\s*|\s+)|the\s+(?P<part>beginning|start|middle|end|close)\s+of\s+(?:the\s+)?)?"
)


def _modifier(m: re.Match) -> str | None:
    if m.groupdict().get("mod"):
        return words("modifier")[m.group("mod").lower()]
    if m.groupdict().get("part"):
        return words("modifier")[m.group("part").lower()]
    return None


def _capitalized(word: str) -> bool:
    return word[:1].isupper()


def _month_number(word: str | None) -> int | None:
    """The month a word names, or None for a lowercase "may" or "march" (a verb, a noun)."""
    if not word or not _capitalized(word):
        return None
    key = word.lower().rstrip(".")
    found = words("month").get(key) or words("month_abbreviation").get(key)
    return int(found) if found else None


def _day_number(text: str) -> int:
    return int(re.match(r"\d+", text).group())


def _weekday(word: str | None) -> int | None:
    if not word or not _capitalized(word):
        return None
    return int(words("weekday")[word.lower()])


def _previous_word(text: str, position: int) -> str:
    match = re.search(r"([\w']+)[\s,]*$", text[max(0, position - 40) : position])
    return match.group(1).lower() if match else ""


def _next_text(text: str, position: int) -> str:
    return text[position : position + 30]


# -- readers: one per rule, from a match to the fields the normalizer needs ------------------


def _read_date(m: re.Match, text: str) -> dict | None:
    month = _month_number(m.group("month"))
    if month is None:
        return None
    day = _day_number(m.group("day"))
    if m.groupdict().get("weekday") and _weekday(m.group("weekday")) is None:
        return None
    fields = {"unit": "day", "month": month, "day": day}
    if m.groupdict().get("year"):
        fields["year"] = int(m.group("year"))
    return fields if day <= 31 else None


def _read_iso(m: re.Match, text: str) -> dict | None:
    month, day = int(m.group("month")), int(m.group("day"))
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    return {"unit": "day", "year": int(m.group("year")), "month": month, "day": day}


def _read_month_year(m: re.Match, text: str) -> dict | None:
    month = _month_number(m.group("month"))
    if month is None:
        return None
    return {"unit": "month", "year": int(m.group("year")), "month": month, "modifier": _modifier(m)}


def _read_month_of_relative_year(m: re.Match, text: str) -> dict | None:
    """ "January of this year", "March last year"."""
    month = _month_number(m.group("month"))
    if month is None:
        return None
    return _with_year({"unit": "month", "month": month, "modifier": _modifier(m)}, m.groupdict())


def _read_month(m: re.Match, text: str) -> dict | None:
    """A month without a year: "in April", "earlier in April", "late March", "last April"."""
    month = _month_number(m.group("month"))
    if month is None:
        return None
    relation = (m.group("relation") or "").lower().split()
    modifier = _modifier(m)
    follows = text[m.end() : m.end() + 12]
    if re.match(r"\.?\s*\d", follows):  # "May 5" belongs to the date rule
        return None
    if not relation and not modifier and _previous_word(text, m.start()) not in _year_cues():
        return None
    fields = {"unit": "month", "month": month, "modifier": modifier}
    if relation and relation[0] in ("last", "next", "this"):
        fields["step"] = {"last": -1, "this": 0, "next": 1}[relation[0]]
    elif relation:
        fields["bound"] = relation[0]  # "earlier in April": up to publication
    return fields


def _read_year(m: re.Match, text: str) -> dict | None:
    year = int(m.group("year"))
    modifier = _modifier(m)
    after = text[m.end() : m.end() + 3]
    if after[:1] == "s" or re.match(r"\s*(?:-|–)\s*\d", after) and not modifier:
        return None
    if re.match(r"\s*%", after) or text[max(0, m.start() - 1) : m.start()] in ("$", "#", "€", "£"):
        return None
    previous = _previous_word(text, m.start())
    if re.search(r"\b[A-Z][a-z]+\s+$", text[max(0, m.start() - 20) : m.start()]) and previous not in _year_cues():
        return None  # "Vision 2030", "Equal Measures 2030": part of a name
    possessive = after.startswith(("'s", "’s"))
    if modifier or possessive:
        return {"unit": "year", "year": year, "modifier": modifier}
    # "in 2019 elections" is a year, "by 2000 soldiers" a count: a noun after the number
    # leaves it to the parser's date entities.
    noun = re.match(
        r"\s+(?!(?:and|or|to|as|after|before|but|when|while|was|were|is|are|had|has|have|with|in|on|at|by|for|of|that|which|amid|during|under|until|through)\b)([a-z]+)",
        text[m.end() : m.end() + 30],
    )
    if noun and previous not in _year_cues() and noun.group(1).endswith("s"):
        return None  # "deployed 1990 soldiers"
    if previous not in _year_cues() or noun:
        return {"unit": "year", "year": year, "needs_entity": True}
    return {"unit": "year", "year": year, "modifier": modifier}


def _read_spoken_year(m: re.Match, text: str) -> dict | None:
    """ "nineteen ninety-six", "January nineteen ninety-seven", "the winter of nineteen
    ninety-four", "the year two thousand"."""
    words_of = re.split(r"[-\s]+", m.group("spoken").lower())
    if words_of[:2] == ["two", "thousand"]:
        rest = [w for w in words_of[2:] if w != "and"]
        year = 2000 + (int(number_of(rest[0]) or 0) if rest else 0)
    else:
        rest = [w for w in words_of[1:] if w != "oh"]
        year = 1900 + int(sum(number_of(w) or 0 for w in rest))
    groups = m.groupdict()
    if groups.get("month"):
        return {"unit": "month", "year": year, "month": _month_number(groups["month"])}
    if groups.get("season"):
        return {"unit": "season", "year": year, "season": words("season")[groups["season"].lower()]}
    return {"unit": "year", "year": year}


def _read_decade(m: re.Match, text: str) -> dict | None:
    modifier = _modifier(m)
    groups = m.groupdict()
    if groups.get("century_digits"):
        first = int(groups["century_digits"] + groups["decade_digit"] + "0")
    elif groups.get("short_decade"):
        tens = int(groups["short_decade"])
        first = (2000 if tens <= 2 else 1900) + 10 * tens
    else:
        names = ["twenties", "thirties", "forties", "fifties", "sixties", "seventies", "eighties", "nineties"]
        first = 1900 + 10 * (names.index(groups["decade_word"].lower()) + 2)
    if first % 100 == 0 and first < 2000:  # "the 1900s" is a century; "the 2000s" a decade
        return {"unit": "century", "year": first, "modifier": modifier}
    return {"unit": "decade", "year": first, "modifier": modifier}


def _century_start(groups: dict) -> int | None:
    if groups.get("century_number"):
        return (int(groups["century_number"]) - 1) * 100
    if groups.get("century_ordinal"):
        ordinal = groups["century_ordinal"].lower()
        found = words("ordinal").get(ordinal)
        return (int(found) - 1) * 100 if found and int(found) > 0 else None
    if groups.get("century_hundreds"):
        return int(groups["century_hundreds"]) * 100
    return None


def _read_century(m: re.Match, text: str) -> dict | None:
    start = _century_start(m.groupdict())
    if start is None:
        return None
    return {"unit": "century", "year": start, "modifier": _modifier(m)}


def _read_decade_of_century(m: re.Match, text: str) -> dict | None:
    start = _century_start(m.groupdict())
    ordinal = int(words("ordinal")[m.group("ordinal").lower()])
    if start is None or not (1 <= ordinal <= 10 or ordinal == -1):
        return None
    return {"unit": "decade", "year": start + 10 * ((ordinal - 1) if ordinal > 0 else 9)}


def _read_season(m: re.Match, text: str) -> dict | None:
    code = words("season")[m.group("season").lower()]
    fields = {"unit": "season", "season": code, "modifier": _modifier(m)}
    if m.groupdict().get("year"):
        fields["year"] = int(m.group("year"))
    elif m.groupdict().get("relation"):
        fields["step"] = {"last": -1, "this": 0, "next": 1}[m.group("relation").lower()]
    return fields


def _read_quarter(m: re.Match, text: str) -> dict | None:
    groups = m.groupdict()
    number = groups.get("quarter_digit") or groups.get("quarter_digit_after")
    if number:
        quarter = int(number)
    else:
        quarter = int(words("ordinal")[groups["ordinal"].lower()])
        quarter = 4 if quarter == -1 else quarter
    if not 1 <= quarter <= 4:
        return None
    return _with_year({"unit": "quarter", "quarter": quarter}, groups)


def _read_reference(m: re.Match, text: str) -> dict | None:
    """ "now", "currently", "recently", "the past", "soon": the present, past or future as
    a whole (TIMEX3 PRESENT_REF, PAST_REF, FUTURE_REF)."""
    word = re.sub(r"\s+", " ", m.group("reference").lower())
    if word == "current" and not re.match(r"\s+[a-z]", text[m.end() :]):
        return None  # "current" dates the noun it qualifies: "current talks", not "the current"
    if word == "current" and re.match(r"\s+accounts?\b", text[m.end() :]):
        return None  # "the current account": a balance, not a time
    if word == "recent" and re.match(
        r"\s+(?:past|history|memory|weeks?|months?|years?|days?|decades?)\b", text[m.end() :]
    ):
        return None  # "recent history" is no date; "recent weeks" is a longer rule's
    if word == "soon" and re.search(r"\bas\s+$", text[: m.start()], re.IGNORECASE):
        return None  # "as soon as": a conjunction
    return {"reference": words("reference")[word]}


def _read_quarter_of_story(m: re.Match, text: str) -> dict | None:
    """ "the third quarter", "third-quarter profit", "the latest quarter", "the year-ago
    quarter": a quarter without its year is one of the story's year, or the one just
    reported."""
    groups = m.groupdict()
    fields: dict = {"unit": "quarter"}
    if groups.get("ordinal"):
        quarter = int(words("ordinal")[groups["ordinal"].lower()])
        fields["quarter"] = 4 if quarter == -1 else quarter
        if not 1 <= fields["quarter"] <= 4:
            return None
    elif not m.group(0).lower().startswith(("the", "year")):
        return None  # "a quarter of the vote", "quarter-point": no quarter of the year
    if groups.get("year_ago") or groups.get("year_ago_period"):
        fields["years_back"] = 1
    return fields


def _read_half(m: re.Match, text: str) -> dict | None:
    which = m.group("ordinal").lower()
    half = 1 if which == "first" else 2
    return _with_year({"unit": "half", "half": half}, m.groupdict())


def _with_year(fields: dict, groups: dict) -> dict:
    if groups.get("year"):
        fields["year"] = int(groups["year"])
    else:  # "of this year", "of last year", "of the year"
        fields["year_step"] = {"last": -1, "this": 0, "next": 1, "the": 0}[
            (groups.get("year_relation") or "the").lower()
        ]
    return fields


def _read_fiscal(m: re.Match, text: str) -> dict | None:
    digits = m.group("fiscal_year")
    year = int(digits) if len(digits) == 4 else 2000 + int(digits)
    return {"unit": "fiscal", "year": year}


def _read_relative_unit(m: re.Match, text: str) -> dict | None:
    """ "last week", "this month", "next year", "the end of this year", "earlier this week"."""
    relation = m.group("relation").lower().split()
    unit = m.group("unit").lower()
    fields = {"unit": unit, "modifier": _modifier(m)}
    if relation[0] in ("earlier", "later"):
        fields.update(step=0, bound=relation[0])
    elif relation[-1] == "the":  # "the end of the year": this one
        if fields["modifier"] is None:
            return None
        fields["step"] = 0
    else:
        fields["step"] = {"last": -1, "this": 0, "current": 0, "next": 1}[relation[-1]]
    return fields


def _read_year_end(m: re.Match, text: str) -> dict | None:
    """ "year-end", "by year's end": the last day of the year, the nearest such."""
    return {"unit": "day", "month": 12, "day": 31}


def _read_the_weekend(m: re.Match, text: str) -> dict | None:
    """ "over the weekend": the last weekend, or the next where the clause looks ahead."""
    return {"unit": "weekend", "step": "by_tense"}


def _read_ago(m: re.Match, text: str) -> dict | None:
    count = number_of(m.group("count")) if m.group("count") else None
    if m.group("count") and m.group("count").lower().replace(" ", "") in {"afew", "few", "several", "acoupleof"}:
        count = None
    unit = unit_of(m.group("unit"))
    approximation = words("approximation").get(re.sub(r"\s+", " ", (m.group("approx") or "").lower()))
    return {"unit": unit, "count": count, "approximation": approximation}


def _read_deictic(m: re.Match, text: str) -> dict | None:
    phrase = re.sub(r"\s+", " ", m.group(0).lower())
    step = 0
    if phrase.startswith(("yesterday", "last night")):
        step = -1
    elif phrase.startswith("tomorrow"):
        step = 1
    elif phrase == "the day before yesterday":
        step = -2
    elif phrase == "the day after tomorrow":
        step = 2
    part = None
    if phrase in ("tonight", "last night", "overnight"):
        part = "NI"
    else:
        for word, code in words("part_of_day").items():
            if phrase.endswith(word):
                part = code
    return {"unit": "day", "step": step, "part": part}


def _read_weekday(m: re.Match, text: str) -> dict | None:
    weekday = _weekday(m.group("weekday"))
    if weekday is None:
        return None
    if m.group("plural"):
        return None  # "on Fridays" is a set: its own rule
    if re.search(r"\bthe\s+$", text[max(0, m.start() - 5) : m.start()], re.IGNORECASE) and re.match(
        r"\s+[A-Z]", text[m.end() : m.end() + 3]
    ):
        return None  # "the Sunday Times": a name
    relation = re.sub(r"\s+", " ", (m.group("relation") or "").lower())
    if relation in ("coming", "this coming"):
        relation = "coming"  # "this coming Sunday": the next one, or today's
    part = words("part_of_day").get((m.group("part_of_day") or "").lower())
    # "earlier Tuesday", "late Monday" are that day; only last/next/this move it
    relation = relation if relation in ("last", "next", "this", "coming") else None
    return {"weekday": weekday, "relation": relation, "part": part}


def _read_anaphoric(m: re.Match, text: str) -> dict | None:
    """Offsets from another date: "two days later", "the next day", "that year", "at the time"."""
    groups = {k: (v.lower() if isinstance(v, str) else v) for k, v in m.groupdict().items()}
    if re.match(r"\s+than\b", text[m.end() : m.end() + 6]):
        return None  # "a month later than expected" compares, it does not date
    if re.sub(r"\s+", " ", groups.get("count") or "") in ("the coming", "coming", "recent"):
        return None  # "in the coming decades after ..." is a stretch ahead, for the duration rule
    if groups.get("same_time"):
        return {"unit": None, "offset": 0}
    unit_word = groups.get("unit") or groups.get("bare_plural") or ""
    part = words("part_of_day").get(unit_word)
    unit = "day" if part else unit_of(unit_word)
    direction = groups.get("direction") or groups.get("relation") or "that"
    sign = {
        "later": 1,
        "after": 1,
        "afterwards": 1,
        "afterward": 1,
        "next": 1,
        "following": 1,
        "earlier": -1,
        "before": -1,
        "prior": -1,
        "previous": -1,
        "preceding": -1,
    }.get(direction, 0)
    count = 1.0 if sign else 0.0
    if groups.get("count"):
        count = number_of(groups["count"])
    elif groups.get("bare_plural"):
        count = None  # "days later": some days
    offset = None if count is None else sign * int(count)
    anchored_on_phrase = direction in ("before", "after", "prior") and bool(
        re.match(r"\s*(?:to\s+)?(?:the|a|an|his|her|its|their|this|that|[A-Z0-9])", text[m.end() : m.end() + 6])
    )
    # "a week later" is a day; "that week", "the following week" a week.
    as_day = bool(groups.get("count")) and unit in ("week", "fortnight")
    return {
        "unit": unit,
        "offset": offset,
        "part": part,
        "on_phrase": anchored_on_phrase,
        "as_day": as_day,
        "approximation": words("approximation").get(re.sub(r"\s+", " ", groups.get("approx") or "")),
    }


def _read_duration(m: re.Match, text: str) -> dict | None:
    groups = m.groupdict()
    unit = unit_of(groups["unit"])
    count_text = re.sub(r"\s+", " ", (groups.get("count") or "").lower())
    vague = count_text in words("vague_number") or count_text in ("many", "recent")
    count = None if vague else number_of(count_text) if count_text else None
    if count_text and not vague and count is None:
        return None
    if unit == "quarter":
        return None  # "three quarters of voters" is a share
    if re.match(r"\s+old\b", text[m.end() : m.end() + 5]):
        return None  # "52 years old": an age, not a stretch of time
    if groups.get("half") and count is not None:
        count += 0.5
    if groups.get("half_a"):
        count = 0.5
    lead = re.sub(r"\s+", " ", (groups.get("lead") or "").lower())
    if count is None and not count_text and not lead and not groups.get("bare"):
        return None
    before = text[max(0, m.start() - 12) : m.start()].lower()
    if count == 1 and count_text in ("a", "an") and re.search(r"(\d|once|twice|times|illion|percent|%)\s*$", before):
        return None  # "$5 billion a year" is a rate, "twice a year" a set
    approximation = words("approximation").get(re.sub(r"\s+", " ", (groups.get("approx") or "").lower()))
    start = m.start()
    if (groups.get("approx") or "").lower() == "over" and not (
        re.search(r"\b(?:after|for|in|of|than|with|since|within|spanning|lasting)\s+$", before)
        or re.match(r"\s+of\b", text[m.end() : m.end() + 4])
    ):
        approximation, start = None, m.start("count")  # "GDP yearly over four years": a preposition
    if vague and approximation is None:
        approximation = "APPROX"
    direction = None
    if lead in ("the past", "past", "the last", "last", "over the past", "the previous", "recent"):
        direction = "back"
    elif lead in ("the next", "next", "the coming", "coming"):
        direction = "forward"
    elif count_text in ("recent",):
        direction = "back"
    elif count_text in ("the coming", "coming"):
        direction = "forward"
    elif re.search(r"\bin\s+$", before) and not groups.get("bare"):
        direction = "back_if_past"  # "the first visit in five years"
    elif re.search(r"\bwithin\s+$", before):
        direction = "forward_if_future"
    return {"unit": unit, "count": count, "approximation": approximation, "direction": direction, "span_start": start}


def _read_set(m: re.Match, text: str) -> dict | None:
    groups = m.groupdict()
    if groups.get("set_word"):
        if re.match(r"\s+[A-Z]", text[m.end() : m.end() + 12]):
            return None  # "the weekly Der Spiegel": a name, not a recurrence
        return {"value": words("set")[groups["set_word"].lower()], "unit": None}
    if groups.get("weekday"):
        weekday = _weekday(groups["weekday"])
        return None if weekday is None else {"value": f"XXXX-WXX-{weekday}", "unit": "day"}
    if groups.get("season"):
        return {"value": f"XXXX-{words('season')[groups['season'].lower()]}", "unit": "quarter"}
    unit = unit_of(groups["unit"])
    every = number_of(groups["count"]) if groups.get("count") else 1
    if every is None:
        return None  # "every 1,000,...,000 years": too large a number to count by
    if groups.get("times"):  # "twice a year": the period is the unit over the count
        times = {"once": 1, "twice": 2, "thrice": 3}.get(groups["times"].lower()) or number_of(
            groups["times_count"] or ""
        )
        if not times:
            return None
        return {"period": (1.0 / times, unit), "unit": unit}
    if groups.get("other"):
        every = 2
    return {"period": (every, unit), "unit": unit}


def _read_clock(m: re.Match, text: str) -> dict | None:
    groups = m.groupdict()
    if groups.get("noon"):
        hour, minute = (12, 0) if groups["noon"].lower() == "noon" else (0, 0)
    else:
        hour, minute = int(groups["hour"]), int(groups["minute"] or 0)
        if not 1 <= hour <= 12:
            return None
        meridiem = groups["meridiem"].lower().replace(".", "")
        hour = hour % 12 + (12 if meridiem == "pm" else 0)
    return {"clock": f"{hour:02d}:{minute:02d}"}


def _read_clock_on_weekday(m: re.Match, text: str) -> dict | None:
    """ "10 p.m. Wednesday", "noon Thursday": that time on that day."""
    clock = _read_clock(m, text)
    weekday = _weekday(m.group("weekday"))
    if clock is None or weekday is None:
        return None
    return {"weekday": weekday, "relation": None, "part": clock["clock"]}


def _read_anaphoric_unit_first(m: re.Match, text: str) -> dict | None:
    """ "the day before", "the next day": the unit may come first or last."""
    groups = m.groupdict()
    unit = groups.get("unit") or groups.get("unit_first")
    direction = groups.get("direction") or groups.get("relation")
    if _spans_ahead(text, m.start()) and (groups.get("relation") or "").lower() == "next":
        return None  # "over the next year": a stretch from publication, for the duration rule
    fields = _read_anaphoric_parts(unit, direction)
    fields["on_phrase"] = (
        bool(groups.get("direction"))
        and direction.lower() in ("before", "after")
        and bool(re.match(r"\s*(?:the|a|an|his|her|its|their|[A-Z0-9])", text[m.end() : m.end() + 6]))
    )
    return fields


def _read_anaphoric_parts(unit_word: str, direction: str) -> dict:
    unit_word, direction = unit_word.lower(), direction.lower()
    part = words("part_of_day").get(unit_word)
    unit = "day" if part else unit_of(unit_word)
    sign = {
        "next": 1,
        "following": 1,
        "after": 1,
        "later": 1,
        "previous": -1,
        "preceding": -1,
        "prior": -1,
        "before": -1,
        "earlier": -1,
    }.get(direction, 0)
    return {"unit": unit, "offset": sign, "part": part, "on_phrase": False, "approximation": None}


def _spans_ahead(text: str, position: int) -> bool:
    """ "over the next year", "within the next month": a stretch of time, not a date."""
    return bool(
        re.search(
            r"\b(?:over|in|within|during|for|throughout)\s+$", text[max(0, position - 12) : position], re.IGNORECASE
        )
    )


def _read_duration_one(m: re.Match, text: str) -> dict | None:
    """ "the past year", "the last decade": one unit back from publication; "the next decade" ahead."""
    lead = m.group("lead").lower()
    unit = unit_of(m.group("unit"))
    if lead == "next" and unit not in ("decade", "century") and not _spans_ahead(text, m.start()):
        return None  # "the next year" in a story of the past is the following year
    return {
        "unit": unit,
        "count": 1.0,
        "approximation": None,
        "direction": "forward" if lead in ("coming", "next") else "back",
    }


def _read_duration_vague(m: re.Match, text: str) -> dict | None:
    lead = re.sub(r"\s+", " ", m.group("lead").lower())
    unit = unit_of(m.group("unit"))
    direction = "forward" if lead.endswith(("next", "coming")) else "back"
    return {"unit": unit, "count": None, "approximation": "APPROX", "direction": direction}


def _read_duration_bare(m: re.Match, text: str) -> dict | None:
    unit = unit_of(m.group("unit") or m.group("unit_years"))
    return {"unit": unit, "count": None, "approximation": None, "direction": None}


def _read_set_any(m: re.Match, text: str) -> dict | None:
    groups = m.groupdict()
    if groups.get("unit_times"):
        times_text = groups["times"].lower()
        times = {"once": 1, "twice": 2, "thrice": 3}.get(times_text) or number_of(groups.get("times_count") or "")
        if not times:
            return None
        return {"period": (1.0 / times, unit_of(groups["unit_times"])), "unit": unit_of(groups["unit_times"])}
    return _read_set(m, text)


# -- the rules -------------------------------------------------------------------------------

_RULES_SOURCE: list[tuple[str, str, Callable, str]] = [
    (
        "date",
        r"(?:(?P<weekday>{WEEKDAY}),?\s+)?(?P<month>{MONTH})\s+(?P<day>{DAY}),?\s+(?P<year>{YEAR})",
        _read_date,
        "absolute",
    ),
    (
        "date_day_first",
        r"(?:(?P<weekday>{WEEKDAY}),?\s+)?(?:the\s+)?(?P<day>{DAY})\s+(?:of\s+)?(?P<month>{MONTH}),?\s+(?P<year>{YEAR})",
        _read_date,
        "absolute",
    ),
    ("iso_date", r"(?P<year>{YEAR})-(?P<month>\d\d)-(?P<day>\d\d)", _read_iso, "absolute"),
    (
        "day_of_month",
        r"(?:(?P<weekday>{WEEKDAY}),?\s+)?(?P<month>{MONTH})\s+(?P<day>{DAY})(?!\s*,?\s*\d)(?!:)",
        _read_date,
        "yearless",
    ),
    (
        "day_first_of_month",
        r"(?:(?P<weekday>{WEEKDAY}),?\s+)?(?P<day>{DAY})\s+(?:of\s+)?(?P<month>{MONTH})(?!\s*,?\s*\d)",
        _read_date,
        "yearless",
    ),
    ("month_year", _MODIFIED + r"(?P<month>{MONTH}),?\s+(?:of\s+)?(?P<year>{YEAR})", _read_month_year, "absolute"),
    (
        "month_of_relative_year",
        _MODIFIED + r"(?P<month>{MONTH})\s+(?:of\s+)?(?P<year_relation>this|last|next)\s+year",
        _read_month_of_relative_year,
        "absolute",
    ),
    (
        "month",
        _MODIFIED + r"(?:(?P<relation>last|next|this|(?:earlier|later)\s+(?:in|this)))?\s*(?P<month>{MONTH})",
        _read_month,
        "yearless",
    ),
    ("year", _MODIFIED + r"(?P<year>{YEAR})", _read_year, "absolute"),
    (
        "spoken_year",
        r"(?:(?:the\s+)?(?P<season>{SEASON})\s+of\s+|(?P<month>{MONTH})\s+(?:of\s+)?|the\s+year\s+)?(?P<spoken>{SPOKEN_YEAR})",
        _read_spoken_year,
        "absolute",
    ),
    (
        "decade",
        r"(?:the\s+)?"
        + _MODIFIED
        + r"(?:(?P<century_digits>1[0-9]|20)(?P<decade_digit>\d)0['’]?s|['’](?P<short_decade>\d)0s|(?P<decade_word>twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties))",
        _read_decade,
        "absolute",
    ),
    (
        "century",
        r"(?:the\s+)?"
        + _MODIFIED
        + r"(?:(?P<century_number>\d{1,2})(?:st|nd|rd|th)|(?P<century_ordinal>{ORD}))[-\s]+century",
        _read_century,
        "absolute",
    ),
    (
        "decade_of_century",
        r"the\s+(?P<ordinal>{ORD})\s+decade\s+of\s+the\s+(?:(?P<century_hundreds>1[0-9]|20)00s|(?P<century_number>\d{1,2})(?:st|nd|rd|th)\s+century|(?P<century_ordinal>{ORD})\s+century)",
        _read_decade_of_century,
        "absolute",
    ),
    (
        "season_year",
        _MODIFIED + r"(?:the\s+)?(?P<season>{SEASON})\s+(?:of\s+)?(?P<year>{YEAR})",
        _read_season,
        "absolute",
    ),
    ("season_relative", _MODIFIED + r"(?P<relation>last|this|next)\s+(?P<season>{SEASON})", _read_season, "relative"),
    (
        "quarter",
        r"(?:Q(?P<quarter_digit>[1-4])|(?P<quarter_digit_after>[1-4])Q)\s+(?P<year>{YEAR})",
        _read_quarter,
        "absolute",
    ),
    (
        "quarter_words",
        r"(?:the\s+)?(?P<ordinal>first|second|third|fourth|final|last)\s+quarter\s+of\s+(?:(?P<year>{YEAR})|(?P<year_relation>this|last|next|the)\s+year)",
        _read_quarter,
        "absolute",
    ),
    (
        "quarter_of_year",
        r"(?:(?P<year_relation>this|last|next)\s+year['’]s|the\s+(?P<year>{YEAR}))\s+(?:fiscal\s+)?(?P<ordinal>first|second|third|fourth)[-\s]+quarter",
        _read_quarter,
        "absolute",
    ),
    (
        "quarter_of_story",
        r"(?:the\s+)?(?:(?P<year_ago>year[-\s](?:ago|earlier))\s+|(?:latest|fiscal|same|current)\s+)?(?:(?P<ordinal>first|second|third|fourth|final)[-\s]+)?(?:fiscal\s+)?quarter(?![-\s]+(?:of|century))",
        _read_quarter_of_story,
        "quarter",
    ),
    (
        "period_of_story",
        r"the\s+(?:(?P<year_ago_period>year[-\s](?:ago|earlier))|latest)\s+period|(?P<year_ago>year[-](?:ago|earlier))(?=\s+[a-z])",
        _read_quarter_of_story,
        "quarter",
    ),
    ("reference", r"(?P<reference>{REFERENCE})", _read_reference, "reference"),
    (
        "half",
        r"(?:the\s+)?(?P<ordinal>first|second|latter)\s+half\s+of\s+(?:(?P<year>{YEAR})|(?P<year_relation>this|last|next|the)\s+year)",
        _read_half,
        "absolute",
    ),
    (
        "fiscal",
        r"(?:(?:the\s+)?fiscal(?:\s+year)?\s+|FY\s?['’]?)(?P<fiscal_year>20\d\d|19\d\d|\d\d)",
        _read_fiscal,
        "absolute",
    ),
    (
        "relative_unit",
        _MODIFIED
        + r"(?P<relation>last|this|next|current|(?:earlier|later)\s+this|(?<=of\s)the)\s+(?P<unit>week|weekend|month|year|quarter|decade|century)",
        _read_relative_unit,
        "relative",
    ),
    (
        "year_end",
        r"(?:the\s+)?year(?:['’]s\s+|[-\s])end",
        _read_year_end,
        "yearless",
    ),
    (
        "the_weekend",
        r"(?:(?<=\bover\s)|(?<=\bduring\s)|(?<=\bon\s)|(?<=\bat\s))the\s+weekend",
        _read_the_weekend,
        "relative",
    ),
    ("ago", r"(?:(?P<approx>{APPROX})\s+)?(?:(?P<count>{NUM})\s+)?(?P<unit>{UNIT})\s+ago", _read_ago, "ago"),
    (
        "deictic",
        r"today|tonight|yesterday(?:\s+(?:morning|afternoon|evening))?|tomorrow(?:\s+(?:morning|afternoon|evening|night))?|this\s+(?:morning|afternoon|evening)|last\s+night|the\s+day\s+(?:before\s+yesterday|after\s+tomorrow)",
        _read_deictic,
        "relative",
    ),
    (
        "weekday",
        r"(?:(?P<relation>last|next|this\s+coming|coming|this|early|late|earlier|later)\s+)?(?P<weekday>{WEEKDAY})(?P<plural>s)?(?:\s+(?P<part_of_day>{PART}))?",
        _read_weekday,
        "weekday",
    ),
    (
        "offset",
        r"(?:(?P<approx>{APPROX})\s+)?(?:(?P<count>{NUM})\s+(?P<unit>{UNIT})|(?P<bare_plural>hours|days|weeks|months|years|decades))\s+(?P<direction>later|earlier|before|after|afterwards?|prior)",
        _read_anaphoric,
        "anaphoric",
    ),
    (
        "offset_day",
        r"the\s+(?:(?P<relation>next|following|previous|preceding|same|prior)\s+(?P<unit>day|week|month|year|morning|afternoon|evening|night)|(?P<unit_first>day|week|month|year)\s+(?P<direction>before|after|earlier|later))",
        _read_anaphoric_unit_first,
        "anaphoric",
    ),
    (
        "that_unit",
        r"(?:(?:later|earlier)\s+)?that\s+(?P<unit>day|week|month|year|morning|afternoon|evening|night)",
        _read_anaphoric,
        "anaphoric",
    ),
    (
        "at_the_time",
        r"(?<=\bat\s)(?P<same_time>the\s+time)(?!\s+(?:of|when|that|it|he|she|they|we))",
        _read_anaphoric,
        "anaphoric",
    ),
    (
        "duration_past_unit",
        r"the\s+(?P<lead>past|last|previous|coming|next)\s+(?P<unit>week|month|year|decade|century)",
        _read_duration_one,
        "duration",
    ),
    (
        "duration",
        r"(?:(?P<lead>(?:the\s+)?(?:past|next|coming|previous|first)|the\s+last)\s+)?(?:(?P<approx>{APPROX})\s+)?(?:(?P<half_a>half\s+an?)|(?P<count>{NUM}|many))\s+(?P<unit>{UNIT})(?P<half>\s+and\s+a\s+half)?",
        _read_duration,
        "duration",
    ),
    (
        "duration_adjective",
        r"(?P<count>\d{1,3}|(?:twenty|thirty|forty|fifty)-(?:one|two|three|four|five|six|seven|eight|nine)|"
        + r"{NUM})-(?P<unit>year|month|week|day|hour|decade|minute)(?:-long)?(?!-old)",
        _read_duration,
        "duration",
    ),
    (
        "duration_vague",
        r"(?:(?P<lead>(?:the\s+)?(?:past|last|next|coming)|recent)\s+)(?P<unit>years|months|weeks|days|decades)",
        _read_duration_vague,
        "duration",
    ),
    (
        "duration_bare",
        r"(?<=\bfor\s)(?P<bare>(?P<unit>years|decades|months|weeks|centuries))(?!\s+(?:of|to|and|ago))|(?<=\bover\s)the\s+(?P<unit_years>years|decades)",
        _read_duration_bare,
        "duration",
    ),
    (
        "set",
        r"(?:every|each)\s+(?:(?P<other>other)\s+|(?P<count>{NUM})\s+)?(?P<unit>{UNIT})|(?P<set_word>{SETWORD})|every\s+(?P<weekday>{WEEKDAY})|every\s+(?P<season>{SEASON})|(?P<times>once|twice|thrice|(?P<times_count>{NUM})\s+times)\s+(?:a|an|per|each|every)\s+(?P<unit_times>day|week|month|year|decade)",
        _read_set_any,
        "set",
    ),
    ("weekday_set", r"(?<=\bon\s)(?P<weekday>{WEEKDAY})s", _read_set, "set"),
    (
        "clock_on_weekday",
        r"(?:(?P<hour>\d{1,2})(?:[:.](?P<minute>[0-5]\d))?\s*(?P<meridiem>a\.m\.|p\.m\.|am\b|pm\b)|(?P<noon>noon|midnight))\s+(?:on\s+)?(?P<weekday>{WEEKDAY})",
        _read_clock_on_weekday,
        "weekday",
    ),
    (
        "clock",
        r"(?:(?P<hour>\d{1,2})(?:[:.](?P<minute>[0-5]\d))?\s*(?P<meridiem>a\.m\.|p\.m\.|am\b|pm\b)|(?P<noon>noon|midnight))(?:\s+(?:local\s+time|GMT|UTC|EST|EDT|ET|BST|CET))?",
        _read_clock,
        "clock",
    ),
]


# Words a rule cannot match without. Most sentences name no date: a cheap search for
# these lets a rule skip them, which keeps the stage within its share of extract time.
_CUES = {
    "month": rf"\b(?:{alternation('month', 'month_abbreviation')})",
    "weekday": rf"\b(?:{alternation('weekday')})",
    "season": rf"\b(?:{alternation('season')})",
    "year": r"\d\d\d\d|['’]\d0s",
    "digit": r"\d+",
    "unit": r"day|week|fortnight|month|quarter|year|decade|centur|hour|minute",
    "ago": r"\bago\b",
    "offset": r"\b(?:later|earlier|before|after|afterwards?|prior|next|following|previous|preceding|same)\b",
    "relative": r"\b(?:last|this|next|current|past|previous|coming|recent|earlier|later|beginning|start|middle|end|close)\b",
    "century": r"centur|00s",
    "decade": r"0['’]?s\b|ties\b",
    "deictic": r"today|tonight|yesterday|tomorrow|morning|afternoon|evening|night",
    "set": rf"\b(?:every|each|once|twice|thrice|times|{alternation('set')})\b",
    "clock": r"\d\s*(?:a\.m|p\.m|am\b|pm\b)|noon|midnight",
    "fiscal": r"fiscal|\bFY",
    "quarter": r"quarter|half|\bQ[1-4]|[1-4]Q\b",
    "that": r"\bthat\s",
    "the time": r"\bat\s+the\s+time\b",
    "hyphen": r"\w-\w",
    "reference": rf"\b(?:{alternation('reference')})\b",
    "period": r"\bperiod\b|year-(?:ago|earlier)",
    "weekend": r"\bthe\s+weekend\b",
    "year end": r"year(?:['’]s\s+|[-\s])end",
    "spoken year": r"\bnineteen[-\s]|\btwo\s+thousand\b",
}
_RULE_CUES = {
    "date": ("month", "year"),
    "date_day_first": ("month", "year"),
    "iso_date": ("year",),
    "day_of_month": ("month", "digit"),
    "day_first_of_month": ("month", "digit"),
    "month_year": ("month", "year"),
    "month_of_relative_year": ("month", "relative"),
    "month": ("month",),
    "year": ("year",),
    "spoken_year": ("spoken year",),
    "decade": ("decade",),
    "century": ("century",),
    "decade_of_century": ("century",),
    "season_year": ("season", "year"),
    "season_relative": ("season", "relative"),
    "quarter": ("quarter", "year"),
    "quarter_words": ("quarter",),
    "quarter_of_story": ("quarter",),
    "quarter_of_year": ("quarter",),
    "period_of_story": ("period",),
    "reference": ("reference",),
    "half": ("quarter",),
    "fiscal": ("fiscal",),
    "relative_unit": ("relative", "unit"),
    "the_weekend": ("weekend",),
    "year_end": ("year end",),
    "ago": ("ago",),
    "deictic": ("deictic",),
    "weekday": ("weekday",),
    "offset": ("offset", "unit"),
    "offset_day": ("offset", "unit"),
    "that_unit": ("that",),
    "at_the_time": ("the time",),
    "duration_past_unit": ("relative", "unit"),
    "duration": ("unit",),
    "duration_adjective": ("unit", "hyphen"),
    "duration_vague": ("relative", "unit"),
    "duration_bare": ("unit",),
    "set": ("set",),
    "weekday_set": ("weekday",),
    "clock": ("clock",),
    "clock_on_weekday": ("clock", "weekday"),
}
# Where one sentence ends and the next begins, roughly: a date never spans the gap.
_SENTENCE_GAP = re.compile(r"(?<=[.!?])(?<![ap]\.m\.)[\"”’)]?\s+(?=[\"“‘(]?[A-Z])|\n\s*")  # "10 p.m. Wednesday" goes on


@lru_cache(maxsize=1)
def rules() -> tuple[Rule, ...]:
    return tuple(Rule(name, _compile(source), read, kind) for name, source, read, kind in _RULES_SOURCE)


@lru_cache(maxsize=1)
def _cue_patterns() -> dict[str, re.Pattern]:
    # Searched in ASCII-lowercased text: case-sensitive patterns run several times faster.
    return {name: re.compile(pattern.lower()) for name, pattern in _CUES.items()}


_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


def _chunks(text: str) -> Iterator[tuple[int, int]]:
    start = 0
    for gap in _SENTENCE_GAP.finditer(text):
        if gap.start() > start:
            yield start, gap.start()
        start = gap.end()
    if start < len(text):
        yield start, len(text)


def _matches(text: str) -> Iterator[tuple[int, Rule, re.Match]]:
    """Every match of every rule, searching only sentences that hold the rule's cue words."""
    lowered = text.translate(_ASCII_LOWER)  # same length, same offsets
    places = {name: [m.start() for m in pattern.finditer(lowered)] for name, pattern in _cue_patterns().items()}
    places = {name: found for name, found in places.items() if found}
    for start, end in _chunks(text):
        present = {
            name
            for name, found in places.items()
            if bisect_left(found, start) < len(found) and found[bisect_left(found, start)] < end
        }
        for order, rule in enumerate(rules()):
            if all(cue in present for cue in _RULE_CUES[rule.name]):
                for match in rule.pattern.finditer(text, start, end):
                    yield order, rule, match


def find_readings(text: str, date_entities: Callable[[int, int], bool] | None = None) -> list[Reading]:
    """Every temporal expression in ``text``, the longest where rules overlap, in text order.

    ``date_entities(start, end)`` says whether the parser took those characters for a
    date; it settles bare numbers ("the 2015 nuclear deal" against "2015 soldiers").
    """
    found: list[tuple[int, int, int, Reading]] = []
    for order, rule, match in _matches(text):
        fields = rule.read(match, text)
        if fields is None:
            continue
        if fields.pop("needs_entity", False) and not (date_entities and date_entities(match.start(), match.end())):
            continue
        fields["rule"] = rule.name
        start = fields.pop("span_start", match.start())
        found.append((start, match.end(), order, Reading(rule.kind, start, match.end(), fields)))
    return _longest_first(found)


def _longest_first(found: list[tuple[int, int, int, Reading]]) -> list[Reading]:
    chosen: list[Reading] = []
    taken: list[tuple[int, int]] = []
    for start, end, _, reading in sorted(found, key=lambda item: (-(item[1] - item[0]), item[2], item[0])):
        if any(start < other_end and other_start < end for other_start, other_end in taken):
            continue
        chosen.append(reading)
        taken.append((start, end))
    return sorted(chosen, key=lambda reading: reading.start)


def iter_rule_names() -> Iterator[str]:
    return (rule.name for rule in rules())
