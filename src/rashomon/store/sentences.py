"""Sentences of an article, with character offsets into its clean text."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import Connection, delete, insert, select

from rashomon.models import Sentence
from rashomon.store.schema import sentences


def replace_sentences(conn: Connection, article_id: int, items: Sequence[Sentence]) -> None:
    """Replace an article's sentences (idempotent: a rerun writes the same rows)."""
    conn.execute(delete(sentences).where(sentences.c.article_id == article_id))
    if items:
        conn.execute(insert(sentences), [
            {"article_id": article_id, "idx": s.index, "start": s.start, "end": s.end,
             "paragraph": s.paragraph, "text": s.text} for s in items])


def article_sentences(conn: Connection, article_ids: Sequence[int]) -> dict[int, list[dict[str, Any]]]:
    """Sentences per article, in order."""
    out: dict[int, list[dict[str, Any]]] = {i: [] for i in article_ids}
    q = (select(sentences).where(sentences.c.article_id.in_(list(article_ids)))
         .order_by(sentences.c.article_id, sentences.c.idx))
    for row in conn.execute(q).mappings():
        out[int(row["article_id"])].append(dict(row))
    return out
