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


def month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, _calendar.monthrange(year, month)[1])


def day(date: dt.date) -> Interval:
    return date, date


def month(year: int, month_number: int) -> Interval:
    return dt.date(year, month_number, 1), month_end(year, month_number)


def year(year_number: int) -> Interval:
    return dt.date(year_number, 1, 1), dt.date(year_number, 12, 31)


def quarter(year_number: int, number: int) -> Interval:
    first = 3 * (number - 1) + 1
    return dt.date(year_number, first, 1), month_end(year_number, first + 2)


def half(year_number: int, number: int) -> Interval:
    first = 6 * (number - 1) + 1
    return dt.date(year_number, first, 1), month_end(year_number, first + 5)


def season(year_number: int, code: str) -> Interval:
    """Meteorological seasons; winter 2019 runs from December 2019 into February 2020."""
    first = SEASON_MONTHS[code]
    start = dt.date(year_number, first, 1)
    return start, shift(start, 3, "month") - dt.timedelta(days=1)


def season_of(date: dt.date) -> tuple[int, str]:
    """The season a day falls in, with the year that names it."""
    if date.month in (1, 2):
        return date.year - 1, "WI"
    code = {3: "SP", 6: "SU", 9: "FA", 12: "WI"}[date.month - (date.month % 3)]
    return date.year, code


def fiscal_year(year_number: int) -> Interval:
    start = dt.date(year_number - 1, FISCAL_YEAR_START_MONTH, 1)
    return start, shift(start, 1, "year") - dt.timedelta(days=1)


def decade(first_year: int) -> Interval:
    return dt.date(first_year, 1, 1), dt.date(first_year + 9, 12, 31)


def century(first_year: int) -> Interval:
    return dt.date(first_year, 1, 1), dt.date(first_year + 99, 12, 31)


def week(date: dt.date) -> Interval:
    """The ISO week (Monday to Sunday) that holds ``date``."""
    monday = date - dt.timedelta(days=date.weekday())
    return monday, monday + dt.timedelta(days=6)


def narrow(interval: Interval, unit: str, modifier: str | None) -> Interval:
    """The early, middle or late part of ``interval``, a whole ``unit``."""
    parts = _THIRDS.get(unit, {})
    if modifier not in parts:
        return interval
    first, last = parts[modifier]
    start, end = interval
    if unit == "year":
        return dt.date(start.year, first, 1), month_end(start.year, last)
    if unit == "month":
        return start.replace(day=first), min(start.replace(day=min(last, end.day)), end)
    return dt.date(start.year + first, 1, 1), dt.date(start.year + last, 12, 31)


def shift(date: dt.date, amount: int, unit: str) -> dt.date:
    """``date`` moved by ``amount`` units, keeping the day of month where the month allows."""
    if unit == "day":
        return date + dt.timedelta(days=amount)
    if unit == "week":
        return date + dt.timedelta(weeks=amount)
    if unit == "fortnight":
        return date + dt.timedelta(weeks=2 * amount)
    months = amount * {"month": 1, "quarter": 3, "year": 12, "decade": 120, "century": 1200}[unit]
    index = date.year * 12 + date.month - 1 + months
    target_year, target_month = divmod(index, 12)
    target_month += 1
    return dt.date(target_year, target_month, min(date.day, _calendar.monthrange(target_year, target_month)[1]))


def unit_interval(date: dt.date, unit: str) -> Interval:
    """The whole ``unit`` (week, month, quarter, year, decade, century) that holds ``date``."""
    if unit == "day":
        return day(date)
    if unit == "week":
        return week(date)
    if unit == "month":
        return month(date.year, date.month)
    if unit == "quarter":
        return quarter(date.year, (date.month - 1) // 3 + 1)
    if unit == "year":
        return year(date.year)
    if unit == "decade":
        return decade(date.year - date.year % 10)
    if unit == "century":
        return century(date.year - date.year % 100)
    raise ValueError(f"no calendar unit {unit!r}")


def value_of(start: dt.date, unit: str) -> str:
    """The TIMEX3 value of the ``unit`` that starts at ``start``."""
    if unit == "day":
        return start.isoformat()
    if unit == "week":
        iso_year, iso_week, _ = start.isocalendar()
        return f"{iso_year}-W{iso_week:02d}"
    if unit == "month":
        return f"{start.year}-{start.month:02d}"
    if unit == "quarter":
        return f"{start.year}-Q{(start.month - 1) // 3 + 1}"
    if unit == "year":
        return str(start.year)
    if unit == "decade":
        return str(start.year)[:3]
    if unit == "century":
        return str(start.year)[:2]
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

    def back_from(self, date: dt.date, count: int | None = None) -> dt.date:
        """The day ``count`` (default: this amount) units before ``date``."""
        return self._move(date, -1, count)

    def forward_from(self, date: dt.date, count: int | None = None) -> dt.date:
        return self._move(date, 1, count)

    def _move(self, date: dt.date, sign: int, count: int | None) -> dt.date:
        amount = count if count is not None else self.amount
        if amount is None or self.unit in ("hour", "minute"):
            return date
        if amount != int(amount):
            return shift(date, sign * round(amount * 12), "month") if self.unit == "year" else shift(date, sign * round(amount * 30), "day")
        return shift(date, sign * int(amount), self.unit)


def _number(amount: float | None) -> str:
    return str(int(amount)) if amount is not None and amount == int(amount) else str(amount)


def granularity_of(unit: str) -> str | None:
    """The contract's granularity for a unit (hours and minutes live within a day)."""
    return {"hour": "day", "minute": "day", "fortnight": "week"}.get(unit, unit)
