"""From what an expression says to the calendar interval it denotes (docs/time.md).

``normalize(reading, context)`` anchors a ``Reading`` on the publication date, on the
last date the text gave (the reference time) or on the date of an event it names, and
returns the contract's fields. A relative expression with nothing to anchor it keeps
its type, granularity and modifier and leaves value, start and end null: Dossier never
anchors on the day it runs. One whose interval would leave the calendar (0001-01-01 to
9999-12-31: "last week" read on 0001-01-01) reads the same way; the calendar's helpers
return None there, and each handler falls back on its unanchored reading.
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
    nominal: bool = False  # the expression qualifies a noun ("Tuesday's talks"), not a verb


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
        found = _interval(unit, year, fields)
    except ValueError:  # "February 30, 2020"
        found = None
    if found is None:  # or "the first half of next year" read in 9999
        return Resolved("date", granularity=granularity, modifier=modifier)
    interval, value = found
    narrowed = cal.narrow(interval, unit, modifier)
    if narrowed is None:
        return Resolved("date", granularity=granularity, modifier=modifier)
    start, end = narrowed
    return Resolved("date", value, start, end, granularity, modifier)


def _interval(unit: str, year: int, fields: dict) -> tuple[cal.Interval, str] | None:
    """The interval and value of an expression whose year is known; None outside the calendar."""
    if unit == "day":
        date = cal.make_date(year, fields["month"], fields["day"])
        return None if date is None else (cal.day(date), date.isoformat())
    shown = cal.year_value(year)
    if unit == "month":
        interval, value = cal.month(year, fields["month"]), f"{shown}-{fields['month']:02d}"
    elif unit == "year":
        interval, value = cal.year(year), shown
    elif unit == "decade":
        interval, value = cal.decade(year), shown[:3]
    elif unit == "century":
        interval, value = cal.century(year), shown[:2]
    elif unit == "season":
        interval, value = cal.season(year, fields["season"]), f"{shown}-{fields['season']}"
    elif unit == "quarter":
        interval, value = cal.quarter(year, fields["quarter"]), f"{shown}-Q{fields['quarter']}"
    elif unit == "half":
        interval, value = cal.half(year, fields["half"]), f"{shown}-H{fields['half']}"
    elif unit == "fiscal":
        interval, value = cal.fiscal_year(year), f"FY{shown}"
    else:
        raise ValueError(unit)
    return None if interval is None else (interval, value)


# -- a month or a day without its year ----------------------------------------------------------


def _yearless(fields: dict, context: Context) -> Resolved:
    """ "June 25", "in April", "earlier in April", "last April": the year comes from publication."""
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
            years = [y for y in (year - 1, year, year + 1) if cal.in_calendar(y)]
            year = min(years, key=lambda y: abs((_on(y, month, day) - published).days))
        elif context.tense == "future" or fields.get("bound") == "later":
            year += candidate < today
        else:
            year -= candidate > today
    resolved = _absolute({**fields, "year": year}, context)  # year 0 or 10000: unresolved
    return _bounded(resolved, fields.get("bound"), published)


def _on(year: int, month: int, day: int) -> dt.date:
    last = cal.month_end(year, month)
    return last.replace(day=min(day, last.day))


def _bounded(resolved: Resolved, bound: str | None, published: dt.date) -> Resolved:
    """ "earlier this month" ends at publication; "later this year" starts there."""
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
    unresolved = Resolved("date", granularity=granularity, modifier=modifier)
    published = context.published
    if published is None:
        return unresolved
    step = fields["step"]
    if step == "by_tense":  # "over the weekend": the one past, or ahead; on a weekend, this one
        step = 0 if published.weekday() >= 5 or context.tense == "future" else -1
    moment = cal.shift(published, step, "week" if unit == "weekend" else unit)
    if moment is None:
        return unresolved
    if unit == "weekend":
        monday = cal.unit_start(moment, "week")
        saturday = cal.add_days(monday, 5) if monday is not None else None
        sunday = cal.add_days(saturday, 1) if saturday is not None else None
        if sunday is None:
            return unresolved
        return Resolved("date", f"{cal.value_of(saturday, 'week')}-WE", saturday, sunday, "week")
    bound = fields.get("bound")
    start, end = cal.unit_start(moment, unit), cal.unit_end(moment, unit)
    # "earlier this week" on 9999-12-31 runs from Monday to publication, inside the
    # calendar though the week's Sunday is not: only the part it names must be there.
    if bound == "earlier" and end is None:
        end = published
    elif bound == "later" and start is None:
        start = published
    narrowed = cal.narrow(cal.interval(start, end), unit, modifier)
    if narrowed is None:
        return unresolved
    start, end = narrowed
    return _bounded(Resolved("date", cal.value_of(moment, unit), start, end, granularity, modifier), bound, published)


def _deictic(fields: dict, context: Context) -> Resolved:
    date = cal.add_days(context.published, fields["step"]) if context.published is not None else None
    if date is None:  # no publication date, or "tomorrow" on 9999-12-31
        return Resolved("time" if fields["part"] else "date", granularity="day")
    return _day(date, fields.get("part"))


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
    # Seasons wholly inside the calendar: one that is not lies at its edge, and so can be
    # neither the last before publication nor the next after it; those are then missing.
    seasons = [(year, cal.season(year, code)) for year in range(published.year - 2, published.year + 3)]
    seasons = [(year, interval) for year, interval in seasons if interval is not None]
    if step < 0:
        years = [year for year, (_, end) in seasons if end < published][-1:]
    elif step > 0:
        years = [year for year, (start, _) in seasons if start > published][:1]
    else:
        current_year, current = cal.season_of(published)
        years = [current_year if current == code else published.year]
    interval = cal.season(years[0], code) if years else None
    if interval is None:  # "last spring" on 0001-01-01, "this winter" in December 9999
        return Resolved("date", granularity="quarter", modifier=fields.get("modifier"))
    start, end = interval
    return Resolved("date", f"{cal.year_value(years[0])}-{code}", start, end, "quarter", fields.get("modifier"))


def _weekday(fields: dict, context: Context) -> Resolved:
    """ "on Tuesday": the nearest Tuesday on or before publication, or after it in the future."""
    part = fields.get("part")
    kind = "time" if part else "date"
    published = context.published
    if published is None:
        return Resolved(kind, granularity="day")
    wanted = fields["weekday"] - 1
    relation = fields.get("relation")
    behind = (published.weekday() - wanted) % 7
    ahead = (wanted - published.weekday()) % 7
    known = (context.known_weekdays or {}).get(wanted)
    if relation == "last":
        date = cal.add_days(published, -(behind or 7))
    elif relation == "next":
        date = cal.add_days(published, ahead or 7)
    elif relation == "this":
        date = cal.add_days(published, wanted - published.weekday())
    elif relation == "coming":
        date = cal.add_days(published, ahead)
    elif context.tense != "future" and known is not None and (known <= published or context.nominal):
        # a story's "Tuesday" is one Tuesday ("will join talks on Tuesday" … "Tuesday's
        # talks"); but "shares fell on Friday" is not the Friday ahead an offer expires on
        date = known
    elif context.tense == "future" or (context.tense == "nearest" and ahead < behind):
        date = cal.add_days(published, ahead)
    else:
        date = cal.add_days(published, -behind)
    if date is None:  # "last Tuesday" on 0001-01-01
        return Resolved(kind, granularity="day")
    return _day(date, part)


def _ago(fields: dict, context: Context) -> Resolved:
    """ "two years ago", "three days ago", "more than a year ago"."""
    unit, count = fields["unit"], fields.get("count")
    as_day = unit in ("day", "week", "fortnight")
    granularity = "day" if as_day else cal.granularity_of(unit)
    approximation = fields.get("approximation")
    unresolved = Resolved(
        "date", granularity=granularity, modifier=approximation if approximation == "APPROX" else None
    )
    if context.published is None or count is None or count != int(count) or unit in ("hour", "minute"):
        return unresolved
    reference = context.reference
    if unit == "year" and reference is not None and reference.granularity == "quarter" and reference.start:
        # "net income of $2 million, against $1 million a year ago": in a story about a
        # quarter, the same quarter a year back
        moment = cal.shift(reference.start, -int(count), unit)
        if moment is not None and approximation is None:
            return _same_quarter(moment, "date", None)
    moment = cal.shift(context.published, -int(count), unit)
    if moment is None:  # "three years ago" in 0002
        return unresolved
    if approximation == "AFTER":  # "more than a year ago": before that moment
        return Resolved("date", None, None, moment, granularity, "BEFORE")
    if approximation == "BEFORE":  # "less than a year ago": since that moment
        return Resolved("date", None, moment, context.published, granularity, "AFTER")
    shown_unit = "day" if as_day else ("year" if unit in ("decade", "century") else unit)
    interval = cal.unit_interval(moment, shown_unit)
    if interval is None:
        return unresolved
    start, end = interval
    return Resolved("date", cal.value_of(moment, shown_unit), start, end, granularity, approximation)


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
    if moment is None:  # "two days later" on 9999-12-31
        return unresolved
    if fields.get("as_day") or unit == "day":
        return _day(moment, part)
    if anchor_unit == "quarter" and unit == "year":
        return _same_quarter(moment, kind, fields.get("approximation"))  # "a year earlier" than a quarter
    interval = cal.unit_interval(moment, unit)
    if interval is None:
        return unresolved
    start, end = interval
    return Resolved(kind, cal.value_of(moment, unit), start, end, granularity, fields.get("approximation"))


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
    resolved = Resolved(
        "duration", duration.value, granularity=cal.granularity_of(unit), modifier=fields.get("approximation")
    )
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
        start, end = duration.back_from(published, steps), published
    else:
        start, end = published, duration.forward_from(published, steps)
    if start is None or end is None:  # "the past three years" in 0002: the value stays
        return resolved
    return replace(resolved, start=start, end=end)


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


def _reference(fields: dict, context: Context) -> Resolved:
    """ "now", "recently", "soon": the present, past or future, with no interval."""
    return Resolved("date", fields["reference"])


def _quarter(fields: dict, context: Context) -> Resolved:
    """ "the third quarter" is the story's year's, unless the story looks back on one not yet
    begun; "the quarter" the one the story is about, or else the last that ended before
    publication; "the year-ago quarter" that one a year before."""
    published = context.published
    unresolved = Resolved("date", granularity="quarter")
    if published is None:
        return unresolved
    current = (published.month - 1) // 3 + 1
    if "quarter" in fields:
        year, quarter = published.year, fields["quarter"]
        if context.tense != "future" and quarter > current:
            year -= 1
    else:
        reference = context.reference
        shown = _quarter_value(reference.value) if reference is not None and reference.value else None
        if shown is not None:
            year, quarter = shown
        else:
            year, quarter = (published.year, current - 1) if current > 1 else (published.year - 1, 4)
    year -= fields.get("years_back", 0)
    interval = cal.quarter(year, quarter)
    if interval is None:
        return unresolved
    start, end = interval
    return Resolved("date", f"{cal.year_value(year)}-Q{quarter}", start, end, "quarter")


def _same_quarter(moment: dt.date, kind: str, modifier: str | None) -> Resolved:
    quarter = (moment.month - 1) // 3 + 1
    interval = cal.quarter(moment.year, quarter)
    if interval is None:
        return Resolved(kind, granularity="quarter", modifier=modifier)
    start, end = interval
    return Resolved(kind, f"{cal.year_value(moment.year)}-Q{quarter}", start, end, "quarter", modifier)


def _quarter_value(value: str) -> tuple[int, int] | None:
    if len(value) == 7 and value[4:6] == "-Q" and value[:4].isdigit() and value[6] in "1234":
        return int(value[:4]), int(value[6])
    return None


_HANDLERS = {
    "reference": _reference,
    "quarter": _quarter,
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
