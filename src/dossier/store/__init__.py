"""The store: contract documents in SQLite (default) or PostgreSQL, searchable.

    >>> from dossier.store import Store
    >>> with Store("sqlite:///dossier.db") as store:
    ...     store.save(doc, pipeline="dossier-0.1.0")      # "stored" | "unchanged" | "updated"
    ...     store.get(doc.id) == doc
    ...     store.search('"arms sales" Iran')             # [SearchHit(...)], best first

Tables are in ``schema``, Alembic migrations in ``migrations/`` (run by ``Store()``).
"""

from .codec import text_sha256
from .core import ActorSummary, SaveResult, Status, Store, alembic_config
from .search import HIGHLIGHT_END, HIGHLIGHT_START, SearchHit

__all__ = [
    "HIGHLIGHT_END",
    "HIGHLIGHT_START",
    "ActorSummary",
    "SaveResult",
    "SearchHit",
    "Status",
    "Store",
    "alembic_config",
    "text_sha256",
]
