"""Query functions for fetches (raw responses) and the polling state of feeds."""

from __future__ import annotations

import json
import zlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, and_, case, func, insert, or_, select, update

from rashomon.store.schema import articles, feeds, fetches, sources

# Answers after which a page URL is not fetched again: it is stored, or it is gone.
_SETTLED_STATUS = (200, 404, 410)
_IN_CHUNK = 500  # stay well below SQLite's bound-parameter limit


def _aware(value: datetime | None) -> datetime | None:
    # SQLite hands back naive datetimes; everything stored here is UTC.
    if value is None or value.tzinfo is not None:
        return value
    return value.replace(tzinfo=UTC)


@dataclass(frozen=True)
class FetchRow:
    """One HTTP exchange to record (body is the raw decoded bytes, compressed on write)."""

    url: str
    started_at: datetime
    final_url: str | None = None
    source_id: str | None = None
    feed_id: int | None = None
    status: int | None = None
    headers: Mapping[str, str] | None = None
    body: bytes | None = None
    elapsed_ms: float | None = None
    error: str | None = None


# Built once: statement construction, not SQL, dominates the cost of a small insert.
_INSERT_FETCH = insert(fetches).returning(fetches.c.id)


def record_fetch(conn: Connection, row: FetchRow) -> int:
    """Store a fetch with its body zlib-compressed; returns its id."""
    headers = dict(row.headers or {})
    values: dict[str, Any] = {
        "url": row.url,
        "final_url": row.final_url,
        "source_id": row.source_id,
        "feed_id": row.feed_id,
        "status": row.status,
        "headers": json.dumps(headers, ensure_ascii=False) if headers else None,
        "body": zlib.compress(row.body, 6) if row.body is not None else None,
        "body_size": len(row.body) if row.body is not None else None,
        "etag": headers.get("etag"),
        "last_modified": headers.get("last-modified"),
        "started_at": row.started_at,
        "elapsed_ms": row.elapsed_ms,
        "error": row.error[:2000] if row.error else None,
    }
    return int(conn.execute(_INSERT_FETCH, values).scalar_one())


def fetch_body(conn: Connection, fetch_id: int) -> bytes | None:
    """The stored raw body of a fetch, decompressed."""
    blob = conn.execute(select(fetches.c.body).where(fetches.c.id == fetch_id)).scalar()
    return zlib.decompress(blob) if blob else None


@dataclass(frozen=True)
class FeedRow:
    """A feed with the state its next poll needs."""

    id: int
    source_id: str
    url: str
    kind: str
    etag: str | None
    last_modified: str | None
    interval_s: int
    next_poll_at: datetime | None
    error_count: int


def _enabled_feeds(source_id: str | None) -> Any:
    q = (
        select(feeds)
        .join(sources, sources.c.id == feeds.c.source_id)
        .where(sources.c.enabled.is_(True))
    )
    return q.where(feeds.c.source_id == source_id) if source_id else q


def due_feeds(conn: Connection, now: datetime, source_id: str | None = None) -> list[FeedRow]:
    """Feeds of enabled sources whose next poll time has come (never-polled ones first)."""
    q = _enabled_feeds(source_id).where(
        or_(feeds.c.next_poll_at.is_(None), feeds.c.next_poll_at <= now)
    )
    q = q.order_by(feeds.c.next_poll_at.is_not(None), feeds.c.next_poll_at, feeds.c.id)
    return [
        FeedRow(
            r.id,
            r.source_id,
            r.url,
            r.kind,
            r.etag,
            r.last_modified,
            r.interval_s,
            _aware(r.next_poll_at),
            r.error_count,
        )
        for r in conn.execute(q)
    ]


def next_due_at(conn: Connection, source_id: str | None = None) -> datetime | None:
    """The earliest next poll time among enabled feeds (None: nothing scheduled)."""
    sub = _enabled_feeds(source_id).subquery()
    return _aware(conn.execute(select(func.min(sub.c.next_poll_at))).scalar())


def feed_polled(
    conn: Connection,
    feed_id: int,
    *,
    when: datetime,
    status: int | None,
    etag: str | None,
    last_modified: str | None,
    interval_s: int,
    next_poll_at: datetime,
    new_items: int,
) -> None:
    """Record a successful poll (200 or 304): validators, schedule, and a clean error state."""
    values: dict[str, Any] = {
        "last_polled_at": when,
        "last_status": status,
        "interval_s": interval_s,
        "next_poll_at": next_poll_at,
        "last_error": None,
        "error_count": 0,
        "items_seen": feeds.c.items_seen + new_items,
    }
    if status != 304:  # a 304 carries no new validators worth replacing the old ones with
        values.update(etag=etag, last_modified=last_modified)
    conn.execute(update(feeds).where(feeds.c.id == feed_id).values(**values))


def feed_failed(
    conn: Connection,
    feed_id: int,
    *,
    when: datetime,
    status: int | None,
    error: str,
    interval_s: int,
    next_poll_at: datetime,
) -> None:
    """Record a failed poll with its reason; error_count counts consecutive failures."""
    conn.execute(
        update(feeds)
        .where(feeds.c.id == feed_id)
        .values(
            last_polled_at=when,
            last_status=status,
            last_error=error[:2000],
            error_count=feeds.c.error_count + 1,
            interval_s=interval_s,
            next_poll_at=next_poll_at,
        )
    )


def _chunks(items: list[str]) -> Iterable[list[str]]:
    for i in range(0, len(items), _IN_CHUNK):
        yield items[i : i + _IN_CHUNK]


def known_urls(conn: Connection, urls: Iterable[str]) -> set[str]:
    """Those urls already stored as articles or fetched with a settled answer."""
    todo = list(dict.fromkeys(urls))
    found: set[str] = set()
    for chunk in _chunks(todo):
        found.update(
            conn.execute(select(articles.c.url).where(articles.c.url.in_(chunk))).scalars()
        )
        rest = [u for u in chunk if u not in found]
        if rest:
            # A body cut off by a timeout or a dropped connection is worth another try.
            settled = and_(
                fetches.c.url.in_(rest),
                fetches.c.status.in_(_SETTLED_STATUS),
                or_(
                    fetches.c.error.is_(None),
                    and_(~fetches.c.error.like("timeout%"), ~fetches.c.error.like("connect%")),
                ),
            )
            found.update(conn.execute(select(fetches.c.url).where(settled)).scalars())
    return found


@dataclass(frozen=True)
class FeedHealth:
    """A feed whose last poll failed, and why."""

    source_id: str
    source_name: str
    feed_url: str
    last_status: int | None
    last_error: str | None
    error_count: int
    last_polled_at: datetime | None
    next_poll_at: datetime | None


def failing_feeds(conn: Connection, source_id: str | None = None) -> list[FeedHealth]:
    """Feeds whose latest poll failed, most consecutive failures first."""
    q = (
        select(feeds, sources.c.name.label("source_name"))
        .join(sources, sources.c.id == feeds.c.source_id)
        .where(feeds.c.error_count > 0)
        .order_by(feeds.c.error_count.desc(), feeds.c.source_id, feeds.c.url)
    )
    if source_id:
        q = q.where(feeds.c.source_id == source_id)
    return [
        FeedHealth(
            r.source_id,
            r.source_name,
            r.url,
            r.last_status,
            r.last_error,
            r.error_count,
            _aware(r.last_polled_at),
            _aware(r.next_poll_at),
        )
        for r in conn.execute(q)
    ]


def feed_counts(conn: Connection) -> dict[str, int]:
    """How many feeds there are, how many have been polled and how many are failing."""
    row = conn.execute(
        select(
            func.count(),
            func.count(feeds.c.last_polled_at),
            func.coalesce(func.sum(case((feeds.c.error_count > 0, 1), else_=0)), 0),
        ).select_from(feeds)
    ).one()
    return {"feeds": int(row[0]), "polled": int(row[1]), "failing": int(row[2] or 0)}
