"""Full-text search over article titles and text (SQLite FTS5 / PostgreSQL tsvector)."""

from __future__ import annotations

import re
from typing import Any

from sqlalchemy import Connection, text

_WORD = re.compile(r"\w+", re.UNICODE)


def _terms(query: str) -> list[str]:
    # Only word characters reach the engine, so user input cannot inject query syntax.
    return _WORD.findall(query)[:20]


def search_articles(conn: Connection, query: str, limit: int = 20,
                    offset: int = 0) -> list[dict[str, Any]]:
    """Articles matching every word of the query, best first."""
    terms = _terms(query)
    if not terms:
        return []
    if conn.dialect.name == "sqlite":
        match = " ".join('"' + t + '"' for t in terms)
        sql = text(
            "SELECT a.id, a.title, a.url, a.source_id, a.published, a.language, a.story_id "
            "FROM article_fts f JOIN articles a ON a.id = f.rowid "
            "WHERE article_fts MATCH :q ORDER BY bm25(article_fts) LIMIT :n OFFSET :o")
        params: dict[str, Any] = {"q": match, "n": limit, "o": offset}
    else:
        sql = text(
            "SELECT id, title, url, source_id, published, language, story_id FROM articles "
            "WHERE search @@ to_tsquery('simple', :q) "
            "ORDER BY ts_rank(search, to_tsquery('simple', :q)) DESC, id LIMIT :n OFFSET :o")
        params = {"q": " & ".join(t.lower() for t in terms), "n": limit, "o": offset}
    return [dict(r) for r in conn.execute(sql, params).mappings()]
