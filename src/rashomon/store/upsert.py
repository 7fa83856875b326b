"""A portable INSERT ... ON CONFLICT for SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy import Connection, Table
from sqlalchemy.dialects import postgresql, sqlite


def upsert(
    conn: Connection, table: Table, values: Mapping[str, Any], keys: Sequence[str],
    update: Sequence[str] | None = None,
) -> None:
    """Insert a row, or update the given columns (default: all non-key) on key conflict."""
    mod = postgresql if conn.dialect.name == "postgresql" else sqlite
    stmt = mod.insert(table).values(**values)
    cols = [c for c in (update if update is not None else values) if c not in keys]
    if cols:
        stmt = stmt.on_conflict_do_update(
            index_elements=list(keys), set_={c: stmt.excluded[c] for c in cols}
        )
    else:
        stmt = stmt.on_conflict_do_nothing(index_elements=list(keys))
    conn.execute(stmt)


def insert_ignore(conn: Connection, table: Table, values: Mapping[str, Any],
                  keys: Sequence[str]) -> Any | None:
    """Insert a row unless its key exists; returns the new row's primary key, else None."""
    mod = postgresql if conn.dialect.name == "postgresql" else sqlite
    pk = list(table.primary_key.columns)[0]
    stmt = (mod.insert(table).values(**values)
            .on_conflict_do_nothing(index_elements=list(keys)).returning(pk))
    row = conn.execute(stmt).first()
    return row[0] if row else None
