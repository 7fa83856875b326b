"""Query functions for articles and their processing state."""

from __future__ import annotations

import hashlib
import json
import zlib
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, func, select, update

from rashomon.models import STAGES, RemovedLine
from rashomon.store.schema import articles
from rashomon.store.upsert import insert_ignore


def utcnow() -> datetime:
    """Now, timezone-aware."""
    return datetime.now(UTC)


def as_utc(value: datetime | None) -> datetime | None:
    """An aware time in UTC (naive times are taken as UTC): SQLite keeps no offset."""
    if value is None:
        return None
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def content_hash(text: str) -> str:
    """Hash of whitespace-normalised content, for exact-duplicate detection."""
    return hashlib.sha1(" ".join(text.split()).encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class NewArticle:
    """An article as discovered by the crawler or an importer, before extraction."""

    url: str
    source_id: str
    html: str | None = None
    text: str | None = None
    title: str | None = None
    published: datetime | None = None
    language: str | None = None
    fetch_id: int | None = None


def add_article(conn: Connection, new: NewArticle) -> int | None:
    """Insert an article unless its URL or its exact content is known; returns the new id."""
    body = new.html if new.html is not None else (new.text or "")
    digest = content_hash(body) if body else None
    if digest and conn.execute(
        select(articles.c.id).where(articles.c.content_hash == digest).limit(1)
    ).first():
        return None
    now = utcnow()
    values: dict[str, Any] = {
        "url": new.url, "source_id": new.source_id, "fetch_id": new.fetch_id,
        "raw_html": zlib.compress(new.html.encode("utf-8")) if new.html is not None else None,
        "text": new.text if new.html is None else None,
        "content_hash": digest, "title": new.title, "published": as_utc(new.published),
        "language": new.language, "discovered_at": now, "updated_at": now,
        "stage": "fetched", "is_copy": False, "attempts": 0,
    }
    new_id = insert_ignore(conn, articles, values, ["url"])
    return int(new_id) if new_id is not None else None


def raw_html(conn: Connection, article_id: int) -> str | None:
    """The stored raw page of an article, decompressed."""
    blob = conn.execute(select(articles.c.raw_html).where(articles.c.id == article_id)).scalar()
    return zlib.decompress(blob).decode("utf-8") if blob else None


def pending(conn: Connection, done_stage: str, limit: int = 100,
            max_attempts: int | None = None, by_time: bool = False) -> list[int]:
    """Ids of articles whose last completed stage is done_stage (the next stage's input)."""
    if done_stage not in STAGES:
        raise ValueError(f"unknown stage {done_stage!r}; stages are {', '.join(STAGES)}")
    q = select(articles.c.id).where(articles.c.stage == done_stage)
    if max_attempts is not None:
        q = q.where(articles.c.attempts < max_attempts)
    # Online clustering wants articles in publication order; other stages take arrival order.
    order = ((articles.c.published.is_(None), articles.c.published, articles.c.id) if by_time
             else (articles.c.id,))
    q = q.order_by(*order).limit(limit)
    return [int(r[0]) for r in conn.execute(q)]


def mark_stage(conn: Connection, article_id: int, stage: str, **values: Any) -> None:
    """Record that an article completed a stage, together with that stage's results."""
    if stage not in STAGES:
        raise ValueError(f"unknown stage {stage!r}")
    for key in ("published", "updated"):
        if isinstance(values.get(key), datetime):
            values[key] = as_utc(values[key])
    if "removed" in values and isinstance(values["removed"], list):
        values["removed"] = json.dumps(
            [{"text": r.text, "reason": r.reason} if isinstance(r, RemovedLine) else r
             for r in values["removed"]], ensure_ascii=False)
    conn.execute(update(articles).where(articles.c.id == article_id).values(
        stage=stage, stage_error=None, attempts=0, updated_at=utcnow(), **values))


def mark_error(conn: Connection, article_id: int, error: str) -> None:
    """Record a failed attempt; the article stays at its stage and is retried later."""
    conn.execute(update(articles).where(articles.c.id == article_id).values(
        stage_error=error[:2000], attempts=articles.c.attempts + 1, updated_at=utcnow()))


def rewind(conn: Connection, to_stage: str, since: datetime | None = None) -> int:
    """Send articles past to_stage back to it, so later stages run again (reprocess)."""
    later = STAGES[STAGES.index(to_stage) + 1:]
    q = update(articles).where(articles.c.stage.in_(later))
    if since is not None:
        q = q.where(articles.c.published >= since)
    return int(conn.execute(q.values(stage=to_stage, attempts=0, updated_at=utcnow())).rowcount or 0)


def get_article(conn: Connection, article_id: int) -> dict[str, Any] | None:
    """One article as a plain dict (without the raw page)."""
    cols = [c for c in articles.c if c.name != "raw_html"]
    row = conn.execute(select(*cols).where(articles.c.id == article_id)).mappings().first()
    if row is None:
        return None
    out = dict(row)
    out["removed"] = json.loads(out["removed"]) if out.get("removed") else []
    out["meta"] = json.loads(out["meta"]) if out.get("meta") else {}
    return out


def count_by_stage(conn: Connection) -> dict[str, int]:
    """How many articles sit at each stage."""
    q = select(articles.c.stage, func.count()).group_by(articles.c.stage)
    counts = {stage: 0 for stage in STAGES}
    counts.update({str(s): int(n) for s, n in conn.execute(q)})
    return counts
