"""Stored story analyses and the inputs an analysis reads."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import Connection, select, update

from rashomon.store.articles import utcnow
from rashomon.store.schema import (
    analyses,
    articles,
    sentences,
    sources,
    stories,
    syndication_groups,
)
from rashomon.store.upsert import upsert


def stories_of(conn: Connection, article_ids: Sequence[int]) -> list[int]:
    """Distinct story ids of these articles (articles without a story are skipped)."""
    q = (select(articles.c.story_id).where(articles.c.id.in_(list(article_ids)),
                                          articles.c.story_id.is_not(None))
         .distinct().order_by(articles.c.story_id))
    return [int(r[0]) for r in conn.execute(q)]


def waiting_members(conn: Connection, story_ids: Sequence[int], stage: str,
                    max_attempts: int, limit: int) -> list[int]:
    """Ids of these stories' articles that wait at ``stage`` (at most ``limit``, oldest first)."""
    if not story_ids:
        return []
    q = (select(articles.c.id)
         .where(articles.c.story_id.in_(list(story_ids)), articles.c.stage == stage,
                articles.c.attempts < max_attempts)
         .order_by(articles.c.id).limit(limit))
    return [int(r[0]) for r in conn.execute(q)]


def story_inputs(conn: Connection, story_id: int) -> list[dict[str, Any]]:
    """Every article of a story with what the analysis needs, sentences included."""
    original = syndication_groups.c.original_article_id
    q = (select(articles.c.id, articles.c.source_id, sources.c.country, articles.c.language,
                articles.c.text, articles.c.title, articles.c.title_en, articles.c.published,
                articles.c.is_copy, original.label("original_id"))
         .join(sources, sources.c.id == articles.c.source_id)
         .outerjoin(syndication_groups,
                    syndication_groups.c.id == articles.c.syndication_group_id)
         .where(articles.c.story_id == story_id).order_by(articles.c.id))
    rows = [dict(r) for r in conn.execute(q).mappings()]
    ids = [r["id"] for r in rows]
    by_article: dict[int, list[dict[str, Any]]] = {i: [] for i in ids}
    if ids:
        sq = (select(sentences).where(sentences.c.article_id.in_(ids))
              .order_by(sentences.c.article_id, sentences.c.idx))
        for s in conn.execute(sq).mappings():
            by_article[int(s["article_id"])].append(dict(s))
    for r in rows:
        r["sentences"] = by_article[r["id"]]
    return rows


def save_analysis(conn: Connection, story_id: int, version: int, data: str) -> None:
    """Store a story's analysis and clear its dirty flag."""
    upsert(conn, analyses, {"story_id": story_id, "version": version, "data": data,
                            "computed_at": utcnow()}, ["story_id"])
    conn.execute(update(stories).where(stories.c.id == story_id).values(dirty=False))


def get_analysis(conn: Connection, story_id: int) -> str | None:
    """A story's analysis JSON, if computed."""
    return conn.execute(select(analyses.c.data).where(analyses.c.story_id == story_id)).scalar()
