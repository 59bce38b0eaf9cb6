"""Dossier: a sourced, time-aware knowledge graph of international relations from news.

>>> import dossier
>>> doc = dossier.extract("Iran urged North Korea on Tuesday to ...", published="2020-06-25")
>>> store = dossier.Store("sqlite:///dossier.db")
"""

__version__ = "0.1.0"

from .contract import Document  # noqa: E402
from .pipeline import extract, extract_records, ingest_records  # noqa: E402


def __getattr__(name: str):
    # The store pulls in SQLAlchemy and Alembic; only pay for them when asked.
    if name == "Store":
        from .store import Store

        return Store
    raise AttributeError(f"module 'dossier' has no attribute {name!r}")


__all__ = ["Document", "Store", "__version__", "extract", "extract_records", "ingest_records"]
