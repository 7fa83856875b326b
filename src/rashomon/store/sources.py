"""Query functions for sources (outlets) and their feeds."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, func, select

from rashomon.store.schema import feeds, sources
from rashomon.store.upsert import upsert


@dataclass(frozen=True)
class SourceRow:
    """A source as the store holds it."""

    id: str
    name: str
    homepage: str
    country: str
    languages: tuple[str, ...]
    type: str
    wire: bool
    enabled: bool
    origin: str = "catalog"


def upsert_sources(conn: Connection, rows: Iterable[SourceRow]) -> int:
    """Insert or update sources by id; returns how many were written."""
    n = 0
    for row in rows:
        values = {
            "id": row.id, "name": row.name, "homepage": row.homepage, "country": row.country,
            "languages": ",".join(row.languages), "type": row.type, "wire": row.wire,
            "enabled": row.enabled, "origin": row.origin,
        }
        upsert(conn, sources, values, ["id"])
        n += 1
    return n


def upsert_feeds(conn: Connection, source_id: str, urls: Sequence[str], kind: str) -> int:
    """Register feed URLs of a source; known URLs keep their polling state."""
    n = 0
    for url in urls:
        upsert(conn, feeds, {"source_id": source_id, "url": url, "kind": kind}, ["url"],
               update=["source_id", "kind"])
        n += 1
    return n


def _row(r: Any) -> SourceRow:
    langs = tuple(x for x in (r.languages or "").split(",") if x)
    return SourceRow(r.id, r.name, r.homepage, r.country, langs, r.type, bool(r.wire),
                     bool(r.enabled), r.origin)


def list_sources(
    conn: Connection, country: str | None = None, language: str | None = None,
    include_disabled: bool = False,
) -> list[SourceRow]:
    """Sources, optionally filtered by country and language, ordered by id."""
    q = select(sources).order_by(sources.c.id)
    if country:
        q = q.where(sources.c.country == country.upper())
    if not include_disabled:
        q = q.where(sources.c.enabled.is_(True))
    rows = [_row(r) for r in conn.execute(q)]
    if language:
        rows = [r for r in rows if language.lower() in r.languages]
    return rows


def get_source(conn: Connection, source_id: str) -> SourceRow | None:
    """One source by id."""
    r = conn.execute(select(sources).where(sources.c.id == source_id)).first()
    return _row(r) if r else None


def count_feeds(conn: Connection) -> int:
    """How many feeds are registered."""
    return int(conn.execute(select(func.count()).select_from(feeds)).scalar_one())
