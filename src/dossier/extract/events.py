"""Events: PLOVER/CAMEO coding of who did what to whom.

Not built yet: the stage returns no events, so documents carry an empty list rather than
anything invented. Its issue replaces this function.
"""

from __future__ import annotations

from spacy.tokens import Doc

from .registry import register_stage


@register_stage("events")
def find_events(doc: Doc, results: dict) -> list[dict]:
    return []
