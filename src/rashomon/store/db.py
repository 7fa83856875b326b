"""Engine creation and the Store handle: one query API over SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError


class StoreError(RuntimeError):
    """The database cannot be used as configured; the message says what to do."""


def normalise_url(url: str) -> str:
    """Map postgresql:// to the psycopg 3 driver and make SQLite parent directories."""
    try:
        parsed = make_url(url)
    except ArgumentError:
        raise StoreError(f"database_url {url!r} is not a database URL "
                         "(expected sqlite:///PATH or postgresql://USER@HOST/DB)") from None
    if parsed.drivername in {"postgresql", "postgres"}:
        parsed = parsed.set(drivername="postgresql+psycopg")
    elif parsed.drivername == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            Path(parsed.database).expanduser().parent.mkdir(parents=True, exist_ok=True)
    elif not parsed.drivername.startswith("postgresql+"):
        raise StoreError(f"database_url {url!r}: unsupported backend {parsed.drivername!r}; "
                         "use sqlite or postgresql")
    return parsed.render_as_string(hide_password=False)


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    # WAL lets readers (the web) run while the single writer (the pipeline) commits.
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA busy_timeout=30000")
    cur.close()


def make_engine(url: str) -> Engine:
    """An engine with the right pragmas and pool for the backend."""
    url = normalise_url(url)
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"timeout": 30})
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    if "psycopg" in url:
        try:
            import psycopg  # noqa: F401
        except ImportError:
            raise StoreError("PostgreSQL needs psycopg: pip install 'rashomon[postgres]'") from None
    return create_engine(url, pool_pre_ping=True)


class Store:
    """A database plus its migrations; query functions take a Connection from it."""

    def __init__(self, url: str):
        self.url = normalise_url(url)
        self.engine = make_engine(self.url)

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    @contextmanager
    def begin(self) -> Iterator[Connection]:
        """A connection inside one transaction: all or nothing."""
        with self.engine.begin() as conn:
            yield conn

    @contextmanager
    def connect(self) -> Iterator[Connection]:
        """A connection for reads."""
        with self.engine.connect() as conn:
            yield conn

    def upgrade(self) -> None:
        """Apply every pending migration."""
        from rashomon.store.migrate import upgrade

        upgrade(self.engine)

    def dispose(self) -> None:
        self.engine.dispose()
