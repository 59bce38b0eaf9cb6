"""Dossier's exceptions: small, named, each with a message a user can act on.

The CLI turns them into one line naming the file and the reason; the batch goes on.
"""

from __future__ import annotations


class DossierError(Exception):
    """Base class of every error Dossier raises on purpose."""


class InputError(DossierError):
    """An input (file, JSON line, stdin) that cannot be read as an article.

    ``origin`` names where it came from: a path, ``path:line`` or ``<stdin>``.
    """

    def __init__(self, origin: str, reason: str):
        super().__init__(f"{origin}: {reason}")
        self.origin = origin
        self.reason = reason


class ExtractionError(DossierError):
    """A record that could be read but not extracted: a stage failed on its text."""

    def __init__(self, origin: str, reason: str):
        super().__init__(f"{origin}: {reason}")
        self.origin = origin
        self.reason = reason


class ModelNotFound(DossierError):
    """No spaCy English model is installed."""


class DocumentNotFound(DossierError):
    """No stored document has this id."""

    def __init__(self, doc_id: str):
        super().__init__(f"no document with id {doc_id!r} in the store")
        self.doc_id = doc_id


class StoreError(DossierError):
    """The store cannot be opened or written (bad URL, unreachable server, failed migration)."""


class ConfigError(DossierError):
    """A configuration file or setting is invalid."""


class ExportError(DossierError):
    """An export cannot be written: an unknown format or event type, or a missing optional package."""


class PlotError(DossierError):
    """A plot cannot be drawn: matplotlib is missing, or the file type is not PNG or SVG."""
