"""Calendar arithmetic on inclusive intervals of days, and TIMEX3 values for them.

Every timex denotes an interval ``(start, end)`` of whole days, both inclusive; its
``granularity`` names the unit of its TIMEX3 value. Nothing here knows about words.
"""

from __future__ import annotations

import calendar as _calendar
import datetime as dt
from dataclasses import dataclass

Interval = tuple[dt.date, dt.date]

SEASON_MONTHS = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}  # the month each season starts
FISCAL_YEAR_START_MONTH = 10  # U.S. federal: fiscal 2023 starts on 1 October 2022

# How early/mid/late narrow an interval, as fractions of the unit they apply to (docs/time.md).
_THIRDS = {
    "year": {"EARLY": (1, 3), "MID": (4, 9), "LATE": (10, 12)},  # months
    "month": {"EARLY": (1, 10), "MID": (11, 20), "LATE": (21, 31)},  # days
    "decade": {"EARLY": (0, 3), "MID": (4, 6), "LATE": (7, 9)},  # years
    "century": {"EARLY": (0, 32), "MID": (33, 65), "LATE": (66, 99)},  # years
}


# -- the calendar's range ------------------------------------------------------------------
# Python's dates, and so the contract's, run from 0001-01-01 to 9999-12-31. A relative
# expression read on a publication date near either end ("next year" on 9999-12-31, "last
# week" on Go's zero time 0001-01-01) can point past them. Every helper below returns None
# for a date, or an interval, that would not lie wholly inside that range, and the
# normalizer reads such an expression as it reads one without a publication date:
# value, start and end null (docs/time.md). Nothing here raises OverflowError.

FIRST_DAY, LAST_DAY = dt.date.min, dt.date.max


def in_calendar(year_number: int) -> bool:
    return dt.MINYEAR <= year_number <= dt.MAXYEAR


def make_date(year_number: int, month_number: int, day_number: int) -> dt.date | None:
    """That day, or None when its year is outside 1..9999.

    A month or day that no year has ("February 30") still raises ValueError: that is the
    text's fault, not the calendar's edge.
    """
    if not in_calendar(year_number):
        return None
    return dt.date(year_number, month_number, day_number)


def add_days(date: dt.date, days: int) -> dt.date | None:
    """``date`` moved by ``days`` (any int: no timedelta, so no OverflowError), or None."""
    ordinal = date.toordinal() + days
    if not FIRST_DAY.toordinal() <= ordinal <= LAST_DAY.toordinal():
        return None
    return dt.date.fromordinal(ordinal)


def interval(start: dt.date | None, end: dt.date | None) -> Interval | None:
    """``(start, end)`` where both ends are in the calendar, else None."""
    if start is None or end is None:
        return None
    return start, end


def year_value(year_number: int) -> str:
    """A year as TIMEX3 writes it, with four digits: year 2 is ``0002``."""
    return f"{year_number:04d}"


# -- intervals ---------------------------------------------------------------------------------


def month_end(year: int, month: int) -> dt.date | None:
    if not in_calendar(year):
        return None
    return dt.date(year, month, _calendar.monthrange(year, month)[1])


def day(date: dt.date) -> Interval:
    return date, date


def month(year: int, month_number: int) -> Interval | None:
    return interval(make_date(year, month_number, 1), month_end(year, month_number))


def year(year_number: int) -> Interval | None:
    return interval(make_date(year_number, 1, 1), make_date(year_number, 12, 31))


def quarter(year_number: int, number: int) -> Interval | None:
    first = 3 * (number - 1) + 1
    return interval(make_date(year_number, first, 1), month_end(year_number, first + 2))


def half(year_number: int, number: int) -> Interval | None:
    first = 6 * (number - 1) + 1
    return interval(make_date(year_number, first, 1), month_end(year_number, first + 5))


def season(year_number: int, code: str) -> Interval | None:
    """Meteorological seasons; winter 2019 runs from December 2019 into February 2020."""
    start = make_date(year_number, SEASON_MONTHS[code], 1)
    after = shift(start, 3, "month") if start is not None else None
    return interval(start, add_days(after, -1) if after is not None else None)


def season_of(date: dt.date) -> tuple[int, str]:
    """The season a day falls in, with the year that names it (0 for January 0001)."""
    if date.month in (1, 2):
        return date.year - 1, "WI"
    code = {3: "SP", 6: "SU", 9: "FA", 12: "WI"}[date.month - (date.month % 3)]
    return date.year, code


def fiscal_year(year_number: int) -> Interval | None:
    start = make_date(year_number - 1, FISCAL_YEAR_START_MONTH, 1)
    after = shift(start, 1, "year") if start is not None else None
    return interval(start, add_days(after, -1) if after is not None else None)


def decade(first_year: int) -> Interval | None:
    return interval(make_date(first_year, 1, 1), make_date(first_year + 9, 12, 31))


def century(first_year: int) -> Interval | None:
    return interval(make_date(first_year, 1, 1), make_date(first_year + 99, 12, 31))


def week(date: dt.date) -> Interval | None:
    """The ISO week (Monday to Sunday) that holds ``date``; None for 9999-12-27 on, whose
    Sunday is in year 10000."""
    return interval(unit_start(date, "week"), unit_end(date, "week"))


def narrow(span: Interval | None, unit: str, modifier: str | None) -> Interval | None:
    """The early, middle or late part of ``span``, a whole ``unit``."""
    parts = _THIRDS.get(unit, {})
    if span is None or modifier not in parts:
        return span
    first, last = parts[modifier]
    start, end = span
    if unit == "year":
        return interval(make_date(start.year, first, 1), month_end(start.year, last))
    if unit == "month":
        return start.replace(day=first), min(start.replace(day=min(last, end.day)), end)
    return interval(make_date(start.year + first, 1, 1), make_date(start.year + last, 12, 31))


def shift(date: dt.date, amount: int, unit: str) -> dt.date | None:
    """``date`` moved by ``amount`` units, keeping the day of month where the month allows;
    None past either end of the calendar."""
    if unit == "day":
        return add_days(date, amount)
    if unit == "week":
        return add_days(date, 7 * amount)
    if unit == "fortnight":
        return add_days(date, 14 * amount)
    months = amount * {"month": 1, "quarter": 3, "year": 12, "decade": 120, "century": 1200}[unit]
    index = date.year * 12 + date.month - 1 + months
    target_year, target_month = divmod(index, 12)
    target_month += 1
    last = month_end(target_year, target_month)
    if last is None:
        return None
    return last.replace(day=min(date.day, last.day))


def unit_start(date: dt.date, unit: str) -> dt.date | None:
    """The first day of the ``unit`` that holds ``date``, or None before 0001-01-01."""
    if unit == "day":
        return date
    if unit == "week":
        return add_days(date, -date.weekday())
    if unit == "month":
        return date.replace(day=1)
    if unit == "quarter":
        return dt.date(date.year, 3 * ((date.month - 1) // 3) + 1, 1)
    if unit == "year":
        return dt.date(date.year, 1, 1)
    if unit == "decade":
        return make_date(date.year - date.year % 10, 1, 1)
    if unit == "century":
        return make_date(date.year - date.year % 100, 1, 1)
    raise ValueError(f"no calendar unit {unit!r}")


def unit_end(date: dt.date, unit: str) -> dt.date | None:
    """The last day of the ``unit`` that holds ``date``, or None after 9999-12-31."""
    if unit == "day":
        return date
    if unit == "week":
        return add_days(date, 6 - date.weekday())
    if unit == "month":
        return month_end(date.year, date.month)
    if unit == "quarter":
        return month_end(date.year, 3 * ((date.month - 1) // 3) + 3)
    if unit == "year":
        return dt.date(date.year, 12, 31)
    if unit == "decade":
        return make_date(date.year - date.year % 10 + 9, 12, 31)
    if unit == "century":
        return make_date(date.year - date.year % 100 + 99, 12, 31)
    raise ValueError(f"no calendar unit {unit!r}")


def unit_interval(date: dt.date, unit: str) -> Interval | None:
    """The whole ``unit`` (week, month, quarter, year, decade, century) that holds ``date``,
    or None where part of it lies outside the calendar (the decade 0000-0009)."""
    return interval(unit_start(date, unit), unit_end(date, unit))


def value_of(date: dt.date, unit: str) -> str:
    """The TIMEX3 value of the ``unit`` that holds ``date`` (any day of it), years with four
    digits: ``0002``, ``0001-W01``, ``000`` (the decade of 0001)."""
    if unit == "day":
        return date.isoformat()
    if unit == "week":
        iso_year, iso_week, _ = date.isocalendar()
        return f"{year_value(iso_year)}-W{iso_week:02d}"
    if unit == "month":
        return f"{year_value(date.year)}-{date.month:02d}"
    if unit == "quarter":
        return f"{year_value(date.year)}-Q{(date.month - 1) // 3 + 1}"
    if unit == "year":
        return year_value(date.year)
    if unit == "decade":
        return year_value(date.year)[:3]
    if unit == "century":
        return year_value(date.year)[:2]
    raise ValueError(f"no calendar unit {unit!r}")


# Units finer than or equal to another, for "two days after" a month (which cannot be placed).
UNIT_ORDER = ("hour", "minute", "day", "week", "fortnight", "month", "quarter", "year", "decade", "century")


def finer_or_equal(unit: str, than: str) -> bool:
    return UNIT_ORDER.index(unit) <= UNIT_ORDER.index(than)


@dataclass(frozen=True)
class Duration:
    """A length of time: ``amount`` of ``unit``, or a vague number of them (amount None)."""

    amount: float | None
    unit: str

    @property
    def value(self) -> str:
        """ISO 8601 (TIMEX3 for vague amounts: ``PXY``)."""
        if self.unit in ("hour", "minute"):
            letter = {"hour": "H", "minute": "M"}[self.unit]
            return f"PT{_number(self.amount)}{letter}"
        scale, letter = {
            "day": (1, "D"),
            "week": (1, "W"),
            "fortnight": (2, "W"),
            "month": (1, "M"),
            "quarter": (3, "M"),
            "year": (1, "Y"),
            "decade": (10, "Y"),
            "century": (100, "Y"),
        }[self.unit]
        if self.amount is None:
            return f"PX{letter}"
        amount = self.amount * scale
        if amount != int(amount):  # "a year and a half" is P18M, "twice a week" P3.5D: a finer unit
            finer = {"Y": (12, "M"), "M": (30, "D"), "W": (7, "D"), "D": (24, "H")}[letter]
            amount, letter = round(amount * finer[0], 1), finer[1]
            if letter == "H":
                return f"PT{_number(amount)}H"
        return f"P{_number(amount)}{letter}"

    def back_from(self, date: dt.date, count: float | None = None) -> dt.date | None:
        """The day ``count`` (default: this amount) units before ``date``; None before 0001-01-01."""
        return self._move(date, -1, count)

    def forward_from(self, date: dt.date, count: float | None = None) -> dt.date | None:
        """The day ``count`` (default: this amount) units after ``date``; None after 9999-12-31."""
        return self._move(date, 1, count)

    def _move(self, date: dt.date, sign: int, count: float | None) -> dt.date | None:
        amount = count if count is not None else self.amount
        if amount is None or self.unit in ("hour", "minute"):
            return date
        if amount != int(amount):
            return (
                shift(date, sign * round(amount * 12), "month")
                if self.unit == "year"
                else shift(date, sign * round(amount * 30), "day")
            )
        return shift(date, sign * int(amount), self.unit)


def _number(amount: float | None) -> str:
    return str(int(amount)) if amount is not None and amount == int(amount) else str(amount)


def granularity_of(unit: str) -> str | None:
    """The contract's granularity for a unit (hours and minutes live within a day)."""
    return {"hour": "day", "minute": "day", "fortnight": "week"}.get(unit, unit)
