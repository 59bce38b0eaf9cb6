"""Time: temporal expressions normalized to calendar intervals.

Not built yet: the stage returns no timexes, so documents carry an empty list rather than
anything invented. Its issue replaces this function.
"""

from __future__ import annotations

from spacy.tokens import Doc

from .registry import register_stage


@register_stage("timexes")
def find_timexes(doc: Doc, results: dict) -> list[dict]:
    return []
