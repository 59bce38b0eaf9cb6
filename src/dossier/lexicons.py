"""Data tables the stages read: titles, metonyms, demonyms, IGOs, cues, event patterns.

Built-in tables live in ``dossier/data/`` as tab-separated files with ``#`` comments.
Users extend them without touching the package: a file of the same name in a folder
named by ``DOSSIER_LEXICON_DIR`` is read after the built-in one, so its rows add to it
(and, for keyed tables, win over it).
"""

from __future__ import annotations

import os
from functools import lru_cache
from importlib import resources
from pathlib import Path

LEXICON_DIR_ENV = "DOSSIER_LEXICON_DIR"


def _rows(text: str) -> list[list[str]]:
    rows = []
    for line in text.splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        rows.append([cell.strip() for cell in line.split("\t")])
    return rows


@lru_cache(maxsize=None)
def table(name: str) -> tuple[tuple[str, ...], ...]:
    """Rows of the table ``name`` (e.g. ``"demonyms.tsv"``): built-in, then the user's."""
    rows = _rows(resources.files("dossier.data").joinpath(name).read_text(encoding="utf-8"))
    user_dir = os.environ.get(LEXICON_DIR_ENV)
    if user_dir and (Path(user_dir) / name).is_file():
        rows.extend(_rows((Path(user_dir) / name).read_text(encoding="utf-8")))
    return tuple(tuple(row) for row in rows)
