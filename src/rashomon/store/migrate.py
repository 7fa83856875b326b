"""Alembic migrations run programmatically: upgrade, current revision, head."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from importlib.resources import files
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, event


def _config(engine: Engine | None = None) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(files("rashomon.store") / "migrations"))
    if engine is not None:
        cfg.attributes["engine"] = engine
    return cfg


def head_revision() -> str | None:
    """The newest migration shipped with this version."""
    return ScriptDirectory.from_config(_config()).get_current_head()


def current_revision(engine: Engine) -> str | None:
    """The migration the database is at (None for an empty database)."""
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


@contextmanager
def _transactional_ddl(engine: Engine) -> Iterator[Engine]:
    """An engine whose transactions hold DDL too.

    Python's sqlite3 begins a transaction only before INSERT/UPDATE/DELETE, so CREATE TABLE
    and CREATE INDEX commit one by one: a migration killed half-way left some of its tables
    behind and no revision, and every later start failed on "table ... already exists". A
    SQLite file gets its own engine here with the driver's transaction handling off and an
    explicit BEGIN IMMEDIATE, so each migration is all or nothing, as on PostgreSQL.
    """
    database = engine.url.database
    if engine.dialect.name != "sqlite" or not database or database == ":memory:":
        yield engine  # PostgreSQL's DDL is transactional; a memory database dies with us
        return
    from rashomon.store.db import make_engine

    own = make_engine(engine.url.render_as_string(hide_password=False))

    @event.listens_for(own, "connect")
    def _driver_autocommit(dbapi_conn: Any, _record: Any) -> None:
        dbapi_conn.isolation_level = None  # after the pragmas make_engine sets

    @event.listens_for(own, "begin")
    def _begin(conn: Connection) -> None:
        conn.exec_driver_sql("BEGIN IMMEDIATE")  # the write lock up front: one migrator

    try:
        yield own
    finally:
        own.dispose()


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Apply migrations up to revision, each in its own transaction (DDL included)."""
    with _transactional_ddl(engine) as migrating:
        command.upgrade(_config(migrating), revision)


def pending(engine: Engine) -> list[str]:
    """Revisions not yet applied, oldest first."""
    script = ScriptDirectory.from_config(_config())
    current = current_revision(engine)
    revs = [r.revision for r in script.iterate_revisions("head", current)]
    return list(reversed(revs))
