"""Database status: migration revision and row counts."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Engine, func, inspect, select

from rashomon.store.migrate import current_revision, head_revision, pending
from rashomon.store.schema import TABLES_IN_COPY_ORDER


def db_status(engine: Engine) -> dict[str, Any]:
    """Where the database stands: backend, revision, pending migrations, row counts."""
    current = current_revision(engine)
    info: dict[str, Any] = {
        "backend": engine.dialect.name,
        "url": engine.url.render_as_string(hide_password=True),
        "revision": current,
        "head": head_revision(),
        "pending": pending(engine),
        "tables": {},
    }
    if current is None:
        return info
    present = set(inspect(engine).get_table_names())
    with engine.connect() as conn:
        for table in TABLES_IN_COPY_ORDER:
            if table.name in present:
                n = conn.execute(select(func.count()).select_from(table)).scalar_one()
                info["tables"][table.name] = int(n)
    return info
