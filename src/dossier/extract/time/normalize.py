"""From what an expression says to the calendar interval it denotes (docs/time.md).

``normalize(reading, context)`` anchors a ``Reading`` on the publication date, on the
last date the text gave (the reference time) or on the date of an event it names, and
returns the contract's fields. A relative expression with nothing to anchor it keeps
its type, granularity and modifier and leaves value, start and end null: Dossier never
anchors on the day it runs.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from . import calendar as cal
from .grammar import Reading
from .lexicon import words


@dataclass(frozen=True)
class Resolved:
    type: str
    value: str | None = None
    start: dt.date | None = None
    end: dt.date | None = None
    granularity: str | None = None
    modifier: str | None = None

    @property
    def anchors(self) -> bool:
        """Whether later expressions may count from it ("two days later")."""
        return self.type in ("date", "time") and self.start is not None and self.end is not None


@dataclass(frozen=True)
class Context:
    published: dt.date | None = None
    reference: Resolved | None = None  # the last date the text gave before this expression
    tense: str = "past"  # which way a yearless date points: "past", "future" or "nearest"
    known_weekdays: dict | None = None  # weekday -> the day an earlier mention resolved to
    phrase_anchor: Resolved | None = None  # the date of what "two days after <it>" names


def normalize(reading: Reading, context: Context) -> Resolved:
    handler = _HANDLERS[reading.kind]
    return handler(reading.fields, context)


# -- absolute --------------------------------------------------------------------------------

_UNIT_GRANULARITY = {"season": "quarter", "half": "quarter", "fiscal": "year", "weekend": "week"}


def _absolute(fields: dict, context: Context) -> Resolved:
    unit = fields["unit"]
    modifier = fields.get("modifier")
    granularity = _UNIT_GRANULARITY.get(unit, unit)
    year = fields.get("year")
    if year is None and "year_step" in fields:  # "the first half of this year"
        if context.published is None:
            return Resolved("date", granularity=granularity, modifier=modifier)
        year = context.published.year + fields["year_step"]
    try:
        start, end, value = _interval(unit, year, fields)
    except ValueError:  # "February 30, 2020"
        return Resolved("date", granularity=granularity, modifier=modifier)
    start, end = cal.narrow((start, end), unit, modifier)
    return Resolved("date", value, start, end, granularity, modifier)


def _interval(unit: str, year: int, fields: dict) -> tuple[dt.date, dt.date, str]:
    if unit == "day":
        date = dt.date(year, fields["month"], fields["day"])
        return date, date, date.isoformat()
    if unit == "month":
        start, end = cal.month(year, fields["month"])
        return start, end, cal.value_of(start, "month")
    if unit == "year":
        start, end = cal.year(year)
        return start, end, str(year)
    if unit == "decade":
        start, end = cal.decade(year)
        return start, end, cal.value_of(start, "decade")
    if unit == "century":
        start, end = cal.century(year)
        return start, end, cal.value_of(start, "century")
    if unit == "season":
        start, end = cal.season(year, fields["season"])
        return start, end, f"{year}-{fields['season']}"
    if unit == "quarter":
        start, end = cal.quarter(year, fields["quarter"])
        return start, end, f"{year}-Q{fields['quarter']}"
    if unit == "half":
        start, end = cal.half(year, fields["half"])
        return start, end, f"{year}-H{fields['half']}"
    if unit == "fiscal":
        start, end = cal.fiscal_year(year)
        return start, end, f"FY{year}"
    raise ValueError(unit)


# -- a month or a day without its year ----------------------------------------------------------


def _yearless(fields: dict, context: Context) -> Resolved:
    """"June 25", "in April", "earlier in April", "last April": the year comes from publication."""
    unit = fields["unit"]
    modifier = fields.get("modifier")
    published = context.published
    if published is None:
        return Resolved("date", granularity=unit, modifier=modifier)
    month, day = fields["month"], fields.get("day", 1)
    step = fields.get("step")
    if step is not None:  # "last April": before the publication month; "next April": after it
        if step < 0:
            year = published.year if month < published.month else published.year - 1
        elif step > 0:
            year = published.year if month > published.month else published.year + 1
        else:
            year = published.year
    else:
        year = published.year
        candidate, today = (month, day), (published.month, published.day)
        if unit == "month":
            candidate, today = (month,), (published.month,)
        if context.tense == "nearest":
            year = min((year - 1, year, year + 1), key=lambda y: abs((_on(y, month, day) - published).days))
        elif context.tense == "future" or fields.get("bound") == "later":
            year += candidate < today
        else:
            year -= candidate > today
    try:
        resolved = _absolute({**fields, "year": year}, context)
    except ValueError:
        return Resolved("date", granularity=unit, modifier=modifier)
    return _bounded(resolved, fields.get("bound"), published)


def _on(year: int, month: int, day: int) -> dt.date:
    return dt.date(year, month, min(day, cal.month_end(year, month).day))


def _bounded(resolved: Resolved, bound: str | None, published: dt.date) -> Resolved:
    """"earlier this month" ends at publication; "later this year" starts there."""
    if bound is None or resolved.start is None or not (resolved.start <= published <= resolved.end):
        return resolved
    if bound == "earlier":
        return replace(resolved, end=published)
    return replace(resolved, start=published)


# -- relative to publication -----------------------------------------------------------------


def _relative(fields: dict, context: Context) -> Resolved:
    if fields["rule"] == "deictic":
        return _deictic(fields, context)
    if fields["unit"] == "season":
        return _relative_season(fields, context)
    unit = fields["unit"]
    modifier = fields.get("modifier")
    granularity = _UNIT_GRANULARITY.get(unit, unit)
    published = context.published
    if published is None:
        return Resolved("date", granularity=granularity, modifier=modifier)
    if unit == "weekend":
        monday, _ = cal.week(cal.shift(published, fields["step"], "week"))
        saturday = monday + dt.timedelta(days=5)
        return Resolved("date", f"{cal.value_of(saturday, 'week')}-WE", saturday, saturday + dt.timedelta(days=1), "week")
    start, end = cal.unit_interval(cal.shift(published, fields["step"], unit), unit)
    value = cal.value_of(start, unit)
    start, end = cal.narrow((start, end), unit, modifier)
    return _bounded(Resolved("date", value, start, end, granularity, modifier), fields.get("bound"), published)


def _deictic(fields: dict, context: Context) -> Resolved:
    if context.published is None:
        return Resolved("time" if fields["part"] else "date", granularity="day")
    return _day(context.published + dt.timedelta(days=fields["step"]), fields.get("part"))


def _day(date: dt.date, part: str | None = None, clock: str | None = None) -> Resolved:
    if clock:
        return Resolved("time", f"{date.isoformat()}T{clock}", date, date, "day")
    if part:
        return Resolved("time", f"{date.isoformat()}T{part}", date, date, "day")
    return Resolved("date", date.isoformat(), date, date, "day")


def _relative_season(fields: dict, context: Context) -> Resolved:
    published, code = context.published, fields["season"]
    if published is None:
        return Resolved("date", granularity="quarter", modifier=fields.get("modifier"))
    step = fields["step"]
    years = range(published.year - 2, published.year + 3)
    seasons = [(year, cal.season(year, code)) for year in years]
    if step < 0:
        year, _ = [(y, i) for y, i in seasons if i[1] < published][-1]
    elif step > 0:
        year, _ = [(y, i) for y, i in seasons if i[0] > published][0]
    else:
        current_year, current = cal.season_of(published)
        year = current_year if current == code else published.year
    start, end = cal.season(year, code)
    return Resolved("date", f"{year}-{code}", start, end, "quarter", fields.get("modifier"))


def _weekday(fields: dict, context: Context) -> Resolved:
    """"on Tuesday": the nearest Tuesday on or before publication, or after it in the future."""
    part = fields.get("part")
    kind = "time" if part else "date"
    published = context.published
    if published is None:
        return Resolved(kind, granularity="day")
    wanted = fields["weekday"] - 1
    relation = fields.get("relation")
    behind = (published.weekday() - wanted) % 7
    ahead = (wanted - published.weekday()) % 7
    if relation == "last":
        date = published - dt.timedelta(days=behind or 7)
    elif relation == "next":
        date = published + dt.timedelta(days=ahead or 7)
    elif relation == "this":
        date = cal.week(published)[0] + dt.timedelta(days=wanted)
    elif context.tense != "future" and wanted in (context.known_weekdays or {}):
        date = context.known_weekdays[wanted]  # a story's "Tuesday" is one Tuesday
    elif context.tense == "future" or (context.tense == "nearest" and ahead < behind):
        date = published + dt.timedelta(days=ahead)
    else:
        date = published - dt.timedelta(days=behind)
    return _day(date, part)


def _ago(fields: dict, context: Context) -> Resolved:
    """"two years ago", "three days ago", "more than a year ago"."""
    unit, count = fields["unit"], fields.get("count")
    as_day = unit in ("day", "week", "fortnight")
    granularity = "day" if as_day else cal.granularity_of(unit)
    approximation = fields.get("approximation")
    if context.published is None or count is None or count != int(count) or unit in ("hour", "minute"):
        return Resolved("date", granularity=granularity, modifier=approximation if approximation == "APPROX" else None)
    moment = cal.shift(context.published, -int(count), unit)
    if approximation == "AFTER":  # "more than a year ago": before that moment
        return Resolved("date", None, None, moment, granularity, "BEFORE")
    if approximation == "BEFORE":  # "less than a year ago": since that moment
        return Resolved("date", None, moment, context.published, granularity, "AFTER")
    shown_unit = "day" if as_day else ("year" if unit in ("decade", "century") else unit)
    start, end = cal.unit_interval(moment, shown_unit)
    return Resolved("date", cal.value_of(start, shown_unit), start, end, granularity, approximation)


# -- anchored on another date ------------------------------------------------------------------


def _anaphoric(fields: dict, context: Context) -> Resolved:
    unit = fields["unit"]
    part = fields.get("part")
    kind = "time" if part else "date"
    granularity = "day" if fields.get("as_day") or part else (cal.granularity_of(unit) if unit else None)
    anchor = _anchor_of(fields, context)
    if unit is None:  # "at the time": the reference itself
        return anchor if anchor is not None else Resolved("date")
    unresolved = Resolved(kind, granularity=granularity, modifier=fields.get("approximation"))
    offset = fields.get("offset")
    if anchor is None or offset is None or anchor.start is None:
        return unresolved
    anchor_unit = anchor.granularity or "day"
    if not cal.finer_or_equal(anchor_unit, unit):  # "two days after" a month
        return unresolved
    moment = cal.shift(anchor.start, offset, unit)
    if fields.get("as_day") or unit == "day":
        return _day(moment, part)
    start, end = cal.unit_interval(moment, unit)
    return Resolved(kind, cal.value_of(start, unit), start, end, granularity, fields.get("approximation"))


def _anchor_of(fields: dict, context: Context) -> Resolved | None:
    if fields.get("on_phrase"):  # "two days after the summit": the summit's date, if known
        return context.phrase_anchor
    if context.reference is not None:
        return context.reference
    if context.published is not None:
        return _day(context.published)
    return None


# -- durations, sets, clock times ----------------------------------------------------------------


def _duration(fields: dict, context: Context) -> Resolved:
    unit, count = fields["unit"], fields.get("count")
    duration = cal.Duration(count, unit)
    resolved = Resolved("duration", duration.value, granularity=cal.granularity_of(unit), modifier=fields.get("approximation"))
    direction = fields.get("direction")
    if direction == "back_if_past":
        direction = None if context.tense == "future" else "back"
    elif direction == "forward_if_future":
        direction = "forward" if context.tense == "future" else None
    published = context.published
    if direction is None or published is None or unit in ("hour", "minute"):
        return resolved
    steps = count if count is not None else float(words("vague_number").get("few", 3))
    if direction == "back":
        return replace(resolved, start=duration.back_from(published, steps), end=published)
    return replace(resolved, start=published, end=duration.forward_from(published, steps))


def _set(fields: dict, context: Context) -> Resolved:
    granularity = cal.granularity_of(fields["unit"]) if fields.get("unit") else None
    if "value" in fields:
        value = fields["value"]
        if granularity is None:
            granularity = {"Y": "year", "M": "month", "W": "week", "D": "day"}.get(value[-1])
        return Resolved("set", value, granularity=granularity)
    every, unit = fields["period"]
    return Resolved("set", cal.Duration(every, unit).value, granularity=granularity)


def _clock(fields: dict, context: Context) -> Resolved:
    reference = context.reference
    if reference is not None and reference.granularity == "day" and reference.start == reference.end:
        return _day(reference.start, clock=fields["clock"])
    if context.published is None:
        return Resolved("time", granularity="day")
    return _day(context.published, clock=fields["clock"])


_HANDLERS = {
    "absolute": _absolute,
    "yearless": _yearless,
    "relative": _relative,
    "weekday": _weekday,
    "ago": _ago,
    "anaphoric": _anaphoric,
    "duration": _duration,
    "set": _set,
    "clock": _clock,
}
