"""CAMEO event codes: what each means, its Goldstein score and its GDELT quad class.

The table is ``data/cameo.tsv`` (``code``, ``goldstein``, ``name``), extended by a
``cameo.tsv`` in the folder ``DOSSIER_LEXICON_DIR`` names: its rows are read after the
built-in ones and win for the same code. Codes are strings that keep their leading zero
("042" make a visit); a two-digit root (01-20) is a code too.

- ``goldstein("042")`` -> 1.9; a four-digit code not in the table takes its three-digit
  parent's score, then its root's;
- ``quad_class("190")`` -> 4 (material conflict), from the root alone;
- ``cameo_name("042")`` -> "make a visit"; ``is_cameo_code("042")`` -> True.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

from ..errors import ConfigError
from ..lexicons import LEXICON_DIR_ENV, _rows

TABLE = "cameo.tsv"

_CODE = re.compile(r"\d{2,4}")

#: GDELT's quad classes: roots 01-05 are in 1, 06-08 in 2, 09-13 in 3, 14-20 in 4.
QUAD_CLASSES = {
    1: "verbal cooperation",
    2: "material cooperation",
    3: "verbal conflict",
    4: "material conflict",
}


@dataclass(frozen=True)
class CameoCode:
    """One row of the table: the code ("042"), its Goldstein score (-10..+10), its name."""

    code: str
    goldstein: float
    name: str


def _root(code: str) -> int | None:
    """The code's two-digit root as a number (1-20), None when it is not a CAMEO code."""
    if not _CODE.fullmatch(code):
        return None
    root = int(code[:2])
    return root if 1 <= root <= 20 else None


def _normal(code: str | None) -> str | None:
    """The code without surrounding blanks, or None when it cannot be a CAMEO code."""
    if not isinstance(code, str):
        return None
    code = code.strip()
    return code if _root(code) is not None else None


def _numbered_rows(text: str) -> Iterator[tuple[int, list[str]]]:
    """(line number, cells) of each row, with the lexicons' comment and tab rules."""
    for number, line in enumerate(text.splitlines(), start=1):
        for cells in _rows(line):
            yield number, cells


def _sources() -> list[tuple[str, str]]:
    """(origin, text) of the built-in table, then of the user's one if there is one.

    The same files ``lexicons.table`` reads; read here so that errors can name the line.
    """
    builtin = resources.files("dossier.data").joinpath(TABLE)
    sources = [(str(builtin), builtin.read_text(encoding="utf-8"))]
    user_dir = os.environ.get(LEXICON_DIR_ENV)
    if user_dir and (Path(user_dir) / TABLE).is_file():
        path = Path(user_dir) / TABLE
        try:
            sources.append((str(path), path.read_text(encoding="utf-8")))
        except (OSError, UnicodeDecodeError) as exc:
            raise ConfigError(f"{path}: cannot read the CAMEO table: {exc}") from exc
    return sources


def _parse_row(origin: str, cells: list[str], known: dict[str, CameoCode]) -> CameoCode:
    """One ``code, goldstein[, name]`` row; an empty name keeps an earlier row's name."""
    if not 2 <= len(cells) <= 3:
        raise ConfigError(f"{origin}: expected code, goldstein and name separated by tabs, got {len(cells)} field(s)")
    code, score = cells[0], cells[1]
    name = cells[2] if len(cells) > 2 else ""
    if _root(code) is None:
        raise ConfigError(f"{origin}: {code!r} is not a CAMEO code (2 to 4 digits, root 01 to 20)")
    try:
        value = float(score)
    except ValueError:
        raise ConfigError(f"{origin}: Goldstein score {score!r} of {code} is not a number") from None
    if not -10.0 <= value <= 10.0:
        raise ConfigError(f"{origin}: Goldstein score {score} of {code} is outside -10..10")
    if not name and code in known:
        name = known[code].name
    return CameoCode(code, value, name)


@lru_cache(maxsize=1)
def cameo_table() -> dict[str, CameoCode]:
    """Every listed code -> its row: the built-in table, then the user's ``cameo.tsv``.

    Raises ``ConfigError`` naming the file and line of a malformed row. Cached: call
    ``cameo_table.cache_clear()`` after changing ``DOSSIER_LEXICON_DIR``.
    """
    codes: dict[str, CameoCode] = {}
    for origin, text in _sources():
        for number, cells in _numbered_rows(text):
            if cells[0].lower() == "code":  # the header line
                continue
            row = _parse_row(f"{origin}:{number}", cells, codes)
            codes[row.code] = row
    return codes


def goldstein(code: str | None) -> float | None:
    """The Goldstein score of a CAMEO code, or of its nearest listed parent.

    "0874" -> 10.0; "0315" (not listed) -> 5.2, the score of "031". None for None, for
    text that is not a code, and for a code none of whose ancestors is listed.
    """
    code = _normal(code)
    if code is None:
        return None
    table = cameo_table()
    for size in range(len(code), 1, -1):
        row = table.get(code[:size])
        if row is not None:
            return row.goldstein
    return None


def quad_class(code: str | None) -> int | None:
    """GDELT's quad class of a code, from its root (see ``QUAD_CLASSES``).

    01-05 -> 1 verbal cooperation, 06-08 -> 2 material cooperation, 09-13 -> 3 verbal
    conflict, 14-20 -> 4 material conflict; None for None or an invalid code.
    """
    code = _normal(code)
    if code is None:
        return None
    root = int(code[:2])
    if root <= 5:
        return 1
    if root <= 8:
        return 2
    if root <= 13:
        return 3
    return 4


def cameo_name(code: str | None) -> str | None:
    """The name of a listed code ("042" -> "make a visit"); None when it is not listed.

    No fallback to the parent: the parent's name would misdescribe the event.
    """
    code = _normal(code)
    row = cameo_table().get(code) if code else None
    return row.name if row else None


def is_cameo_code(code: str | None) -> bool:
    """Whether the code is listed in the table (built-in or user)."""
    code = _normal(code)
    return code is not None and code in cameo_table()
