"""The HTTP API: the store and the pipeline over FastAPI (``dossier serve``; docs/api.md).

>>> from dossier.api import create_app
>>> app = create_app("sqlite:///dossier.db")          # any ASGI server runs it
"""

from .app import create_app
from .auth import is_loopback

__all__ = ["create_app", "is_loopback"]
