"""Attribution: quotes and reported speech, with their speakers.

Not built yet: the stage returns no attributions, so documents carry an empty list rather than
anything invented. Its issue replaces this function.
"""

from __future__ import annotations

from spacy.tokens import Doc

from .registry import register_stage


@register_stage("attributions")
def find_attributions(doc: Doc, results: dict) -> list[dict]:
    return []
