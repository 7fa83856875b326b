"""Copy a whole installation from one database to another (e.g. SQLite → PostgreSQL)."""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import Engine, func, insert, select, text

from rashomon.store.migrate import current_revision, head_revision
from rashomon.store.schema import TABLES_IN_COPY_ORDER

CHUNK = 1000

Progress = Callable[[str, int, int], None]


class CopyError(RuntimeError):
    """The copy cannot start or would overwrite data; nothing was written."""


def copy_database(source: Engine, target: Engine, progress: Progress | None = None) -> dict[str, int]:
    """Copy every table, in one transaction on the target; returns rows copied per table."""
    head = head_revision()
    if current_revision(source) != head:
        raise CopyError("the source database is not at the newest schema: run "
                        "`rashomon db upgrade` on it first")
    if current_revision(target) != head:
        raise CopyError("the target database has no (or an older) schema: run "
                        "`rashomon --database-url TARGET db upgrade` first")
    counts: dict[str, int] = {}
    with source.connect() as src, target.begin() as dst:
        for table in TABLES_IN_COPY_ORDER:
            if dst.execute(select(func.count()).select_from(table)).scalar_one():
                raise CopyError(f"the target already holds rows in {table.name}; copy into an "
                                "empty database so nothing is mixed or lost")
        for table in TABLES_IN_COPY_ORDER:
            total = int(src.execute(select(func.count()).select_from(table)).scalar_one())
            done = 0
            rows = src.execute(select(table)).mappings()
            while chunk := rows.fetchmany(CHUNK):
                dst.execute(insert(table), [dict(r) for r in chunk])
                done += len(chunk)
                if progress:
                    progress(table.name, done, total)
            counts[table.name] = done
        if dst.dialect.name == "postgresql":
            _reset_sequences(dst)
    return counts


def _reset_sequences(conn) -> None:  # type: ignore[no-untyped-def]
    # Rows came with their ids; the serial counters must continue after the largest one.
    for table in TABLES_IN_COPY_ORDER:
        pk = list(table.primary_key.columns)
        if len(pk) != 1 or not pk[0].autoincrement or pk[0].type.python_type is not int:
            continue
        seq = conn.execute(text("SELECT pg_get_serial_sequence(:t, :c)"),
                           {"t": table.name, "c": pk[0].name}).scalar()
        if seq:
            conn.execute(text(f"SELECT setval('{seq}', COALESCE((SELECT MAX({pk[0].name}) "
                              f"FROM {table.name}), 0) + 1, false)"))
