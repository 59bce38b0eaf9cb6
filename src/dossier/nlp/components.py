"""Dossier's stages as spaCy components: a ``Doc`` in, the same ``Doc`` out.

Results travel inside the ``Doc`` (``doc._.dossier``) so that ``nlp.pipe(n_process=N)``
runs the whole extraction in the worker processes, not only the parse.
"""

from __future__ import annotations

import datetime as dt

from spacy.language import Language
from spacy.tokens import Doc

from ..extract import get_stage

STAGE_FACTORY = "dossier_stage"

if not Doc.has_extension("dossier"):
    Doc.set_extension("dossier", default=None)
if not Doc.has_extension("published"):
    Doc.set_extension("published", default=None)


def results_of(doc: Doc) -> dict:
    """The contract fields the stages have filled so far."""
    if doc._.dossier is None:
        doc._.dossier = {}
    return doc._.dossier


def set_published(doc: Doc, published: dt.date | None) -> None:
    # Stored as text: user data must survive msgpack between processes.
    doc._.published = published.isoformat() if published else None


def published_of(doc: Doc) -> dt.date | None:
    return dt.date.fromisoformat(doc._.published) if doc._.published else None


class StageComponent:
    """Runs one registered stage and keeps its result under the contract field's name."""

    def __init__(self, name: str, field: str):
        self.name = name
        self.field = field
        self.stage = get_stage(field)

    def __call__(self, doc: Doc) -> Doc:
        results = results_of(doc)
        results[self.field] = self.stage(doc, results)
        return doc


@Language.factory(STAGE_FACTORY, default_config={"field": "actors"})
def make_stage(nlp: Language, name: str, field: str) -> StageComponent:
    return StageComponent(name, field)
