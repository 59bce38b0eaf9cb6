"""Query parameters the routes share: pages, date windows, event types.

A bad value is a 422 naming the parameter, the same shape FastAPI gives its own
validation errors, never a 500.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from fastapi import HTTPException, Query

from ..errors import ExportError
from ..periods import PERIOD_FORMS, parse_period
from ..store.export import EVENT_TYPES, check_types
from .models import MAX_LIMIT, MAX_OFFSET

PERIOD_PATTERN = r"^\s*\d{4}(-\d{2}(-\d{2})?)?\s*$"

Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description=f"Rows per page, 1 to {MAX_LIMIT}.")]
Offset = Annotated[int, Query(ge=0, le=MAX_OFFSET, description="Rows to skip.")]
Since = Annotated[
    str | None,
    Query(
        pattern=PERIOD_PATTERN,
        description="From the first day of this year, month or day: YYYY, YYYY-MM or YYYY-MM-DD.",
    ),
]
Until = Annotated[
    str | None,
    Query(
        pattern=PERIOD_PATTERN,
        description="Up to the last day of this year, month or day: YYYY, YYYY-MM or YYYY-MM-DD.",
    ),
]
Types = Annotated[str | None, Query(description=f"PLOVER event types, comma-separated ({', '.join(EVENT_TYPES)}).")]


def invalid(param: str, message: str) -> HTTPException:
    """A 422 in the shape of FastAPI's own validation errors."""
    return HTTPException(status_code=422, detail=[{"loc": ["query", param], "msg": message, "type": "value_error"}])


def period(value: str | None, param: str, *, end: bool) -> dt.date | None:
    """YYYY, YYYY-MM or YYYY-MM-DD as its first day (``end``: its last day)."""
    if value is None:
        return None
    try:
        return parse_period(value, end=end)
    except ValueError:
        raise invalid(param, f"{value!r} is not a date ({PERIOD_FORMS})") from None


def window(since: str | None, until: str | None) -> tuple[dt.date | None, dt.date | None]:
    start, stop = period(since, "since", end=False), period(until, "until", end=True)
    if start is not None and stop is not None and start > stop:
        raise invalid("until", f"until ({until}) is before since ({since})")
    return start, stop


def event_types(value: str | None, param: str = "types") -> list[str] | None:
    if value is None:
        return None
    try:
        return check_types(value.split(","))
    except ExportError as exc:
        raise invalid(param, str(exc)) from None
