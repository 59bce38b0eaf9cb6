"""When two reports are one event: same type, same sides, overlapping time.

Three outlets reporting the delegation's April trip are one event with three sources,
not three events: GDELT once counted one abduction as 366 kidnappings. Sides are
compared as the graph knows them (country, else actor code, else graph id), so
"Pyongyang sent a delegation" and "a North Korean delegation arrived" meet.

Time is the report's: the date the text gives the event, else the week before
publication (a report of "the talks" is about talks held lately). Two reports join
only when both place the event within ``MAX_SPAN_DAYS``: "talks in the 1980s" and
"talks in March 1985" may be different talks, so they stay apart. Reports the text
does not date and whose article has no date join only inside their own article.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

#: How far back an undated report reaches from its publication date.
REPORT_WINDOW_DAYS = 7
#: The widest placing (a year) under which two reports may still be one event.
MAX_SPAN_DAYS = 366


@dataclass(frozen=True)
class Placing:
    """When one report places its event; ``dated``: by the text, not by publication."""

    start: dt.date | None
    end: dt.date | None
    dated: bool

    @property
    def days(self) -> int | None:
        if self.start is None or self.end is None:
            return None
        return (self.end - self.start).days + 1

    @property
    def precise_enough(self) -> bool:
        return self.days is not None and self.days <= MAX_SPAN_DAYS


def placing(start: dt.date | None, end: dt.date | None, published: dt.date | None) -> Placing:
    """The report's placing from the event's timex interval and the publication date."""
    if start is not None and end is not None:
        return Placing(start, end, True)
    if published is not None:
        # The calendar's first week has no week before it: the window starts on day one.
        first = max(published.toordinal() - (REPORT_WINDOW_DAYS - 1), dt.date.min.toordinal())
        return Placing(dt.date.fromordinal(first), published, False)
    return Placing(None, None, False)


def overlaps(a: Placing, b: Placing) -> bool:
    """Both placings are precise enough and share a day."""
    if not (a.precise_enough and b.precise_enough):
        return False
    return a.start <= b.end and b.start <= a.end  # type: ignore[operator]


def narrowest(placings: list[Placing]) -> Placing:
    """The placing an event takes from its reports: the text's dates before publication
    windows, the narrowest first ("24 April" over "April" over "2024")."""
    known = [p for p in placings if p.start is not None]
    if not known:
        return Placing(None, None, False)
    return min(known, key=lambda p: (not p.dated, p.days, p.start))


@dataclass(frozen=True)
class Report:
    """One report of an event, as the rules compare it with another."""

    document_id: str
    placing: Placing
    trigger: str
    sentence: str


def thin(source: str, target: str) -> bool:
    """Sides too thin to tell two happenings apart: one side missing, or one country
    acting at home."""
    return not source or not target or (source == target and "," not in source)


def same_event(new: Report, old: Report, *, thin_sides: bool) -> bool:
    """Whether ``new`` reports what ``old`` reports (type and sides already equal).

    With thin sides, "the U.S. imposed tariffs" on Monday and on Wednesday are two
    events: such reports are one only when they use the same words for it and either
    both texts date it or they tell it in the same sentence (one story in two versions).
    """
    if thin_sides:
        if new.trigger.casefold() != old.trigger.casefold():
            return False
        same_sentence = new.sentence.casefold() == old.sentence.casefold()
        if not (same_sentence or (new.placing.dated and old.placing.dated)):
            return False
    if new.placing.start is None or old.placing.start is None:
        # Undated in an undated article: the same event only within the article.
        return new.placing.start is None and old.placing.start is None and new.document_id == old.document_id
    return overlaps(new.placing, old.placing)


def side_key(keys: list[str]) -> str:
    """A side as one string: sorted, comma-joined, no repeats."""
    return ",".join(sorted(set(keys)))


def side_keys(key: str) -> list[str]:
    """The keys of a side written by ``side_key``: "IRN,PRK" -> ["IRN", "PRK"]."""
    return [k for k in key.split(",") if k]


def dyads(source: list[str], target: list[str]) -> list[tuple[str, str, str]]:
    """The pairs of sides an event joins, each in alphabetical order, with how:

    - "between": one acts on the other. "Iran and North Korea sent arms to Russia" joins
      IRN-RUS and PRK-RUS; "talks between Iran and North Korea" (each side on both) joins
      IRN-PRK once;
    - "together": both on one side. The same arms join IRN-PRK together, and "Washington
      accused Iran and North Korea" puts IRN-PRK together on the receiving end.
    """
    between = {tuple(sorted((a, b))) for a in source for b in target if a != b}
    together = {tuple(sorted((a, b))) for side in (source, target) for a in side for b in side if a < b} - between
    found = [(a, b, "between") for a, b in between] + [(a, b, "together") for a, b in together]
    return sorted(found)  # type: ignore[arg-type]
