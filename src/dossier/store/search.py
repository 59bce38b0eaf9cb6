"""Full-text search: FTS5 on SQLite, ``tsvector`` on PostgreSQL, one query language.

Users type what they would type into a search box: words (all must match, stemmed),
``"a phrase"``, ``or`` between alternatives and ``-word`` to exclude, as PostgreSQL's
``websearch_to_tsquery`` reads them. No input is a syntax error: on SQLite every word
becomes a quoted FTS5 string, so ``U.S.-North``, ``Iran's``, ``NEAR(``, ``title:x`` or
a stray quote are just text. Snippets mark matches with ``HIGHLIGHT_START`` and
``HIGHLIGHT_END``.
"""

from __future__ import annotations

import datetime as dt
import re

from pydantic import BaseModel
from sqlalchemy import Connection, Date, Float, String, Text, text

from .schema import SEARCH_CONFIG

HIGHLIGHT_START = "\x02"
HIGHLIGHT_END = "\x03"
ELLIPSIS = "…"

#: SQLite ranks title matches this many times above text matches (bm25 column weights).
TITLE_WEIGHT = 4.0
SNIPPET_TOKENS = 32  # FTS5 allows at most 64


class SearchHit(BaseModel):
    """One matching document, best first; ``snippet`` marks the matched words."""

    id: str
    title: str | None = None
    published: dt.date | None = None
    outlet: str | None = None
    snippet: str
    score: float


_TOKEN = re.compile(r'"([^"]*)"?|(\S+)')
_HAS_WORD = re.compile(r"[^\W_]")  # a letter or digit: something the tokenizer keeps


def _quoted(term: str) -> str:
    return '"' + term.replace('"', '""') + '"'


def fts5_query(query: str) -> str | None:
    """The FTS5 MATCH expression of a search-box query, or None when nothing is searchable.

    Groups separated by ``or`` are OR-ed; in a group, terms are AND-ed and ``-term``s
    excluded with NOT (a group of exclusions only is dropped: FTS5 cannot express it).
    """
    groups: list[tuple[list[str], list[str]]] = [([], [])]
    for match in _TOKEN.finditer(query):
        phrase, word = match.groups()
        negated = False
        if phrase is None:
            if word.lower() == "or":
                if groups[-1][0] or groups[-1][1]:
                    groups.append(([], []))
                continue
            if word.startswith("-") and len(word) > 1:
                negated, word = True, word[1:]
            term = word
        else:
            term = phrase
        if not _HAS_WORD.search(term):
            continue
        groups[-1][1 if negated else 0].append(_quoted(term))
    parts = []
    for positive, negative in groups:
        if not positive:
            continue
        expression = " ".join(positive)
        if negative:
            expression = f"({expression})" + "".join(f" NOT {term}" for term in negative)
        parts.append(f"({expression})")
    return " OR ".join(parts) if parts else None


_SQLITE_SEARCH = text(
    f"""
    SELECT d.id AS id, d.title AS title, d.published AS published, d.outlet AS outlet,
           snippet(documents_fts, 1, :hl_start, :hl_end, :ellipsis, {SNIPPET_TOKENS}) AS snippet,
           -bm25(documents_fts, {TITLE_WEIGHT}, 1.0) AS score
    FROM documents_fts JOIN documents AS d ON d.pk = documents_fts.rowid
    WHERE documents_fts MATCH :match
    ORDER BY bm25(documents_fts, {TITLE_WEIGHT}, 1.0), d.published DESC, d.id
    LIMIT :limit OFFSET :offset
    """
).columns(id=String, title=Text, published=Date, outlet=String, snippet=Text, score=Float)

_PG_HEADLINE_OPTIONS = (
    f'StartSel="{HIGHLIGHT_START}", StopSel="{HIGHLIGHT_END}", MaxWords=35, MinWords=15, '
    f'MaxFragments=2, FragmentDelimiter=" {ELLIPSIS} "'
)

# ts_rank normalization 1: divide by 1 + log(length), so long articles do not win by size.
_PG_SEARCH = text(
    f"""
    WITH q AS (SELECT websearch_to_tsquery('{SEARCH_CONFIG}', :query) AS query),
    hits AS (
        SELECT d.id, d.title, d.published, d.outlet, d.text,
               ts_rank(d.search_vector, q.query, 1) AS score
        FROM documents AS d, q
        WHERE d.search_vector @@ q.query
        ORDER BY score DESC, d.published DESC NULLS LAST, d.id
        LIMIT :limit OFFSET :offset
    )
    SELECT hits.id, hits.title, hits.published, hits.outlet,
           ts_headline('{SEARCH_CONFIG}', hits.text, q.query, :options) AS snippet,
           hits.score
    FROM hits, q
    ORDER BY hits.score DESC, hits.published DESC NULLS LAST, hits.id
    """
).columns(id=String, title=Text, published=Date, outlet=String, snippet=Text, score=Float)


def search(conn: Connection, query: str, *, limit: int, offset: int) -> list[SearchHit]:
    """Documents matching ``query``, best first (see the module's docstring)."""
    if limit < 0 or offset < 0:
        raise ValueError("limit and offset must not be negative")
    query = query.replace("\x00", " ")  # PostgreSQL refuses NUL in text
    if limit == 0 or not query.strip():
        return []
    if conn.dialect.name == "sqlite":
        match = fts5_query(query)
        if match is None:
            return []
        rows = conn.execute(
            _SQLITE_SEARCH,
            {
                "match": match,
                "hl_start": HIGHLIGHT_START,
                "hl_end": HIGHLIGHT_END,
                "ellipsis": ELLIPSIS,
                "limit": limit,
                "offset": offset,
            },
        )
    else:
        rows = conn.execute(
            _PG_SEARCH,
            {"query": query, "options": _PG_HEADLINE_OPTIONS, "limit": limit, "offset": offset},
        )
    return [SearchHit(**row) for row in rows.mappings()]
