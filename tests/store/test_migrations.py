"""Migrations build exactly the schema in schema.py, on both databases."""

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect

from rashomon.store.migrate import current_revision, head_revision, pending
from rashomon.store.schema import TABLES_IN_COPY_ORDER, metadata

# Full-text search lives outside the Core schema (FTS5 table / generated tsvector column).
_FTS_OBJECTS = {"article_fts", "article_fts_data", "article_fts_idx", "article_fts_docsize",
                "article_fts_config", "article_fts_content", "search", "ix_articles_search"}


def _include(obj, name, type_, reflected, compare_to):  # noqa: ANN001
    return name not in _FTS_OBJECTS and name != "alembic_version"


def test_migrations_match_schema(store):
    with store.connect() as conn:
        ctx = MigrationContext.configure(conn, opts={"include_object": _include,
                                                     "compare_type": True})
        diff = compare_metadata(ctx, metadata)
    assert diff == []


def test_at_head_and_idempotent(store):
    assert current_revision(store.engine) == head_revision()
    assert pending(store.engine) == []
    store.upgrade()  # a second run changes nothing and does not fail
    assert current_revision(store.engine) == head_revision()
    names = set(inspect(store.engine).get_table_names())
    assert {t.name for t in TABLES_IN_COPY_ORDER} <= names


def test_sqlite_runs_in_wal_mode(tmp_path):
    from rashomon.store import Store

    s = Store(f"sqlite:///{tmp_path / 'x' / 'wal.db'}")
    s.upgrade()
    with s.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
