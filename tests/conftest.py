"""Shared fixtures: a migrated store on SQLite and on the test PostgreSQL, shared-data paths."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from rashomon.store import Store

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "tests" / "corpus"


def shared_dir() -> Path | None:
    """../shared next to the checkout (or RASHOMON_SHARED), when present."""
    env = os.environ.get("RASHOMON_SHARED")
    path = Path(env) if env else ROOT.parent / "shared"
    return path if path.is_dir() else None


@pytest.fixture
def shared() -> Path:
    """The shared evaluation data; skips when it is absent (as on a user's machine)."""
    path = shared_dir()
    if path is None:
        pytest.skip("../shared is absent (set RASHOMON_SHARED to its path to run this test)")
    return path


_TEMPLATE = "rashomon_template"


def _pg_admin_url() -> str | None:
    return os.environ.get("RASHOMON_TEST_PG_URL")


@pytest.fixture(scope="session")
def pg_template() -> str:
    """A migrated template database; each test clones it (fast, isolated)."""
    url = _pg_admin_url()
    if not url:
        if os.environ.get("RASHOMON_REQUIRE_PG"):
            pytest.fail("RASHOMON_REQUIRE_PG is set but RASHOMON_TEST_PG_URL is not")
        pytest.skip("no test PostgreSQL (run scripts/test, which starts one)")
    admin = create_engine(url.replace("postgresql://", "postgresql+psycopg://"),
                          isolation_level="AUTOCOMMIT")
    worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
    name = f"{_TEMPLATE}_{worker}"
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    store = Store(url.rsplit("/", 1)[0] + "/" + name)
    store.upgrade()
    store.dispose()
    admin.dispose()
    return name


def _pg_store(template: str) -> Iterator[Store]:
    url = _pg_admin_url()
    assert url
    admin = create_engine(url.replace("postgresql://", "postgresql+psycopg://"),
                          isolation_level="AUTOCOMMIT")
    name = "t_" + uuid.uuid4().hex[:12]
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}" TEMPLATE "{template}"'))
    store = Store(url.rsplit("/", 1)[0] + "/" + name)
    try:
        yield store
    finally:
        store.dispose()
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    """A migrated, empty store: every test using it runs on SQLite and on PostgreSQL."""
    if request.param == "sqlite":
        s = Store(f"sqlite:///{tmp_path / 'test.db'}")
        s.upgrade()
        yield s
        s.dispose()
    else:
        yield from _pg_store(request.getfixturevalue("pg_template"))


pytest_plugins = ["tests.jsonserver"]
