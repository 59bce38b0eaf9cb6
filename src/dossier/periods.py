"""Periods as a user writes them on the command line and in a query: a year, a month or a day."""

from __future__ import annotations

import calendar
import datetime as dt

PERIOD_FORMS = "YYYY, YYYY-MM or YYYY-MM-DD"


def parse_period(value: str, *, end: bool) -> dt.date:
    """``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` as its first day, or with ``end`` its last.

    Raises ``ValueError`` for anything else. Every day of the calendar is one, its last
    month included (``9999-12`` ends on 9999-12-31).
    """
    text = value.strip()
    if len(text) == 4 and text.isdigit():
        year = int(text)
        return dt.date(year, 12, 31) if end else dt.date(year, 1, 1)
    if len(text) == 7 and text[4] == "-" and text[:4].isdigit() and text[5:].isdigit():
        year, month = int(text[:4]), int(text[5:])
        first = dt.date(year, month, 1)
        return first.replace(day=calendar.monthrange(year, month)[1]) if end else first
    return dt.date.fromisoformat(text)
