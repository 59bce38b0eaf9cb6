"""Dossier's stages as spaCy components: a ``Doc`` in, the same ``Doc`` out.

Results travel inside the ``Doc`` (``doc._.dossier``) so that ``nlp.pipe(n_process=N)``
runs the whole extraction in the worker processes, not only the parse.
"""

from __future__ import annotations

import datetime as dt
import logging
import os

from spacy.language import Language
from spacy.tokens import Doc

from ..extract import get_stage
from .workers import exit_with_parent

LOGGER = logging.getLogger(__name__)

STAGE_FACTORY = "dossier_stage"
#: Where a stage that failed on a document leaves its reason, among the results: they are
#: what travels back from a worker process with the ``Doc``.
FAILURE_KEY = "__failure__"

if not Doc.has_extension("dossier"):
    Doc.set_extension("dossier", default=None)
if not Doc.has_extension("published"):
    Doc.set_extension("published", default=None)


def results_of(doc: Doc) -> dict:
    """The contract fields the stages have filled so far."""
    if doc._.dossier is None:
        doc._.dossier = {}
    return doc._.dossier


def failure_of(doc: Doc) -> str | None:
    """Why a stage could not read this document, or None when every stage did."""
    return results_of(doc).get(FAILURE_KEY)


def set_published(doc: Doc, published: dt.date | None) -> None:
    # Stored as text: user data must survive msgpack between processes.
    doc._.published = published.isoformat() if published else None


def published_of(doc: Doc) -> dt.date | None:
    return dt.date.fromisoformat(doc._.published) if doc._.published else None


class StageComponent:
    """Runs one registered stage and keeps its result under the contract field's name.

    ``actors`` (the actors stage only) names user actor dictionary files: they are part
    of the component's config, so every worker process of ``nlp.pipe`` reads them too.
    """

    def __init__(self, name: str, field: str, actors: tuple[str, ...] = ()):
        self.name = name
        self.field = field
        self.stage = get_stage(field)
        self.options: dict = {}
        # The process that built the pipeline; a worker forked from it must not outlive it.
        self.parent_pid = os.getpid()
        if actors:
            if field != "actors":
                raise ValueError(f"actor dictionaries are for the actors stage, not {field!r}")
            from ..resolve.dictionary import load_dictionary

            self.options["dictionary"] = load_dictionary(tuple(actors))

    def __call__(self, doc: Doc) -> Doc:
        """Fill this stage's field. A stage that fails fails its document alone: the
        reason stays in the results, the later stages pass the document by, and the
        batch (in a worker process, the worker) goes on."""
        exit_with_parent(self.parent_pid)
        results = results_of(doc)
        if FAILURE_KEY in results:
            return doc
        try:
            results[self.field] = self.stage(doc, results, **self.options)
        except Exception as exc:
            LOGGER.debug("the %s stage failed", self.field, exc_info=True)
            results[FAILURE_KEY] = f"the {self.field} stage failed: {type(exc).__name__}: {exc}"
        return doc


@Language.factory(STAGE_FACTORY, default_config={"field": "actors", "actors": []})
def make_stage(nlp: Language, name: str, field: str, actors: list[str]) -> StageComponent:
    return StageComponent(name, field, tuple(actors))


PARAGRAPHS = "dossier_paragraphs"


@Language.component(PARAGRAPHS)
def paragraphs_end_sentences(doc: Doc) -> Doc:
    """A blank line ends a sentence: a headline, an outlet line or a date line is not the
    start of the article's first sentence. The parser keeps boundaries set before it."""
    for token in doc[:-1]:
        if token.is_space and token.text.count("\n") >= 2:
            doc[token.i + 1].is_sent_start = True
    return doc
