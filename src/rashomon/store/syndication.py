"""Syndication groups: copies of one article across outlets, and their original."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, insert, select, update

from rashomon.dedupe.groups import Member, choose_original
from rashomon.store.articles import utcnow
from rashomon.store.schema import articles, sources, syndication_groups

_DONE = ("syndicated", "clustered", "analysed")


def syndication_inputs(conn: Connection, ids: Sequence[int]) -> list[dict[str, Any]]:
    """Clean text and what deciding the original needs, for these articles."""
    q = (select(articles.c.id, articles.c.text, articles.c.source_id, articles.c.published,
                articles.c.declared_origin, sources.c.wire)
         .join(sources, sources.c.id == articles.c.source_id)
         .where(articles.c.id.in_(list(ids))).order_by(articles.c.id))
    return [dict(r) for r in conn.execute(q).mappings()]


def recent_texts(conn: Connection, since: datetime,
                 until: datetime | None = None) -> list[tuple[int, str, datetime | None]]:
    """Articles past syndication published in [since, until)."""
    q = (select(articles.c.id, articles.c.text, articles.c.published)
         .where(articles.c.stage.in_(_DONE), articles.c.published >= since))
    if until is not None:
        q = q.where(articles.c.published < until)
    q = q.order_by(articles.c.id)
    return [(int(r.id), r.text or "", r.published) for r in conn.execute(q)]


def _members(conn: Connection, group_id: int) -> list[Member]:
    q = (select(articles.c.id, articles.c.source_id, articles.c.published,
                articles.c.declared_origin, sources.c.wire)
         .join(sources, sources.c.id == articles.c.source_id)
         .where(articles.c.syndication_group_id == group_id))
    return [Member(r.id, r.source_id, r.published, bool(r.wire), r.declared_origin)
            for r in conn.execute(q)]


def join_group(conn: Connection, article_id: int, copy_of: int) -> int:
    """Put article_id in copy_of's group (made if needed) and re-decide the original."""
    group_id = conn.execute(select(articles.c.syndication_group_id)
                            .where(articles.c.id == copy_of)).scalar()
    if group_id is None:
        group_id = conn.execute(insert(syndication_groups).values(
            original_article_id=copy_of, reason="earliest", created_at=utcnow())
            .returning(syndication_groups.c.id)).scalar_one()
        conn.execute(update(articles).where(articles.c.id == copy_of)
                     .values(syndication_group_id=group_id))
    conn.execute(update(articles).where(articles.c.id == article_id)
                 .values(syndication_group_id=group_id))
    original, reason = choose_original(_members(conn, group_id))
    conn.execute(update(syndication_groups).where(syndication_groups.c.id == group_id)
                 .values(original_article_id=original.id, reason=reason))
    conn.execute(update(articles).where(articles.c.syndication_group_id == group_id)
                 .values(is_copy=articles.c.id != original.id))
    return int(group_id)
