"""kill -9 of `rashomon up` during its migrations, its crawl and its processing, then a restart.

`up` runs against a fresh database, crawls three fictional outlets from a loopback corpus
server (tests/corpus/site; every bundled catalog outlet disabled), and is SIGKILLed:

1. twice inside its migrations (tests/crash/killer.py kills it at a chosen SQL statement);
2. once during the crawl (some articles stored, not all);
3. twice during processing (some articles past a stage, not all).

The last restart runs to the end of its first round. Then nothing is lost (every feed item
is an article), nothing is duplicated, every article reached the same final stage with whole
sentence rows, the database passes an integrity check, and `rashomon db status` and the API
say what the database holds. Runs on SQLite and on PostgreSQL.
"""

from __future__ import annotations

import json
import os
import queue
import signal
import socket
import subprocess
import sys
import threading
import time
import tomllib
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import create_engine, func, select, text

from rashomon.catalog import load_catalog
from rashomon.corpus_server import serve_corpus
from rashomon.fetch.feeds import parse_feed
from rashomon.models import STAGES
from rashomon.store import Store
from rashomon.store.migrate import head_revision
from rashomon.store.schema import articles, metadata, sentences
from tests.conftest import CORPUS, ROOT, _pg_admin_url

pytestmark = pytest.mark.slow

OUTLETS = ["meridian-post", "lakeshore-tribune", "thames-ledger"]
MIGRATION_KILLS = (5, 20)  # SQL statements: both inside the first migration's tables
WAIT = 240.0  # seconds any one phase may take on a loaded 2-core machine


@pytest.fixture(params=["sqlite", "postgresql"])
def empty_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """The URL of an empty database: no tables, no revision."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'up.db'}"
        return
    admin_url = _pg_admin_url()
    if not admin_url:
        if os.environ.get("RASHOMON_REQUIRE_PG"):
            pytest.fail("RASHOMON_REQUIRE_PG is set but RASHOMON_TEST_PG_URL is not")
        pytest.skip("no test PostgreSQL (run scripts/test, which starts one)")
    admin = create_engine(admin_url.replace("postgresql://", "postgresql+psycopg://"),
                          isolation_level="AUTOCOMMIT")
    name = "kill_up_" + uuid.uuid4().hex[:10]
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield admin_url.rsplit("/", 1)[0] + "/" + name
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _sources_file(path: Path, base: str) -> None:
    """The three corpus outlets, feeds on the loopback server; the whole catalog disabled."""
    corpus = {o["id"]: o for o in tomllib.loads(
        (CORPUS / "outlets.toml").read_text(encoding="utf-8"))["outlet"]}
    lines = [f'[[disable]]\nid = "{o.id}"\n' for o in load_catalog()]
    for oid in OUTLETS:
        o = corpus[oid]
        lines.append(f'[[outlet]]\nid = "{oid}"\nname = "{o["name"]}"\n'
                     f'homepage = "https://{o["domain"]}/"\ncountry = "{o["country"]}"\n'
                     f'languages = ["{o["language"]}"]\ntype = "{o["type"]}"\n'
                     f'feeds = ["{base}/{oid}/feed.xml"]\n')
    path.write_text("\n".join(lines), encoding="utf-8")


def _feed_urls(base: str) -> set[str]:
    urls: set[str] = set()
    for oid in OUTLETS:  # as served: the server writes its own address into the links
        feed = f"{base}/{oid}/feed.xml"
        urls |= {e.url for e in parse_feed(httpx.get(feed, timeout=30).content, feed).entries}
    return urls


class Up:
    """One `rashomon up` process with its output lines in a queue."""

    def __init__(self, env: dict[str, str], kill_at: int | None = None):
        env = {**env, "RASHOMON_TEST_KILL_AT_STATEMENT": str(kill_at or "")}
        self.proc = subprocess.Popen([sys.executable, "-m", "tests.crash.killer", "up"],
                                     cwd=ROOT, env=env, stdout=subprocess.PIPE,
                                     stderr=subprocess.STDOUT, text=True)
        self.lines: queue.Queue[str] = queue.Queue()
        self.seen: list[str] = []
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        assert self.proc.stdout is not None
        for line in self.proc.stdout:
            self.lines.put(line.rstrip())

    def wait_line(self, needle: str) -> str:
        deadline = time.monotonic() + WAIT
        while time.monotonic() < deadline:
            try:
                line = self.lines.get(timeout=0.2)
            except queue.Empty:
                assert self.proc.poll() is None, f"up exited {self.proc.returncode}: {self.seen}"
                continue
            self.seen.append(line)
            if needle in line:
                return line
        raise AssertionError(f"no {needle!r} within {WAIT} s: {self.seen[-20:]}")

    def kill(self) -> None:
        assert self.proc.poll() is None, f"up exited early: {self.seen[-20:]}"
        self.proc.send_signal(signal.SIGKILL)
        assert self.proc.wait(timeout=30) == -signal.SIGKILL

    def stop(self) -> None:
        self.proc.send_signal(signal.SIGINT)
        try:
            self.proc.wait(timeout=150)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            raise


def _phase(name: str, since: list[float]) -> None:
    now = time.monotonic()
    print(f"  {name}: {now - since[0]:.1f} s")  # noqa: T201
    since[0] = now


def _wait_for(what: str, check: Callable[[], bool], proc: Up | None = None) -> None:
    deadline = time.monotonic() + WAIT
    while time.monotonic() < deadline:
        if check():
            return
        if proc is not None and proc.proc.poll() is not None:
            raise AssertionError(f"up exited {proc.proc.returncode} before {what}")
        time.sleep(0.05)
    raise AssertionError(f"not {what} within {WAIT} s")


def _stages(store: Store) -> list[str]:
    with store.connect() as conn:
        return [s for (s,) in conn.execute(select(articles.c.stage))]


def _db_status(env: dict[str, str]) -> dict[str, Any]:
    done = subprocess.run([sys.executable, "-m", "rashomon", "db", "status", "--json"],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=120,
                          check=True)
    status: dict[str, Any] = json.loads(done.stdout)
    return status


def _integrity(store: Store) -> None:
    with store.connect() as conn:
        if store.dialect == "sqlite":
            assert conn.exec_driver_sql("PRAGMA integrity_check").scalar_one() == "ok"
            assert conn.exec_driver_sql("PRAGMA foreign_key_check").all() == []
        else:
            assert conn.exec_driver_sql(
                "SELECT count(*) FROM pg_index WHERE NOT indisvalid OR NOT indisready"
            ).scalar_one() == 0
            # reading every row of every table through its heap checks what a torn write breaks
            for (table,) in conn.exec_driver_sql(
                    "SELECT tablename FROM pg_tables WHERE schemaname = 'public'").all():
                conn.exec_driver_sql(f'SELECT * FROM "{table}"').all()


def test_kill_9_during_up_loses_and_duplicates_nothing(empty_url: str, tmp_path: Path) -> None:
    started = time.monotonic()
    clock = [started]
    with serve_corpus(CORPUS / "site") as base:
        _sources_file(tmp_path / "sources.toml", base)
        port = _free_port()
        env = {**os.environ, "RASHOMON_DATABASE_URL": empty_url,
               "RASHOMON_DATA_DIR": str(tmp_path / "data"),
               "RASHOMON_SOURCES_FILE": str(tmp_path / "sources.toml"),
               "RASHOMON_ALLOW_HOSTS": "127.0.0.1", "RASHOMON_PER_HOST_DELAY": "0.3",
               "RASHOMON_BATCH_SIZE": "4", "RASHOMON_WORKERS": "1",
               "RASHOMON_PORT": str(port), "RASHOMON_LOG_LEVEL": "WARNING",
               "COLUMNS": "400"}
        expected = _feed_urls(base)
        assert len(expected) >= 12

        # 1. Killed inside its migrations: the schema is whole at some revision, or absent.
        store = Store(empty_url)
        for k in MIGRATION_KILLS:
            up = Up(env, kill_at=k)
            assert up.proc.wait(timeout=WAIT) == -signal.SIGKILL, up.seen
            status = _db_status(env)
            assert status["revision"] in {None, "0001", "0002"}, status
            tables = set(status["tables"])
            assert status["revision"] is not None or not tables, status  # no half schema
        _phase("migration kills", clock)

        # 2. Killed during the crawl: some articles stored, not all.
        up = Up(env)
        up.wait_line("serving http://")
        _wait_for("crawling", lambda: 2 <= len(_stages(store)) < len(expected), up)
        up.kill()
        crawled = len(_stages(store))
        assert 2 <= crawled < len(expected)
        _phase("crawl kill", clock)

        # 3. Killed during processing, twice: some articles past a stage, not all.
        for floor in ("extracted", "embedded"):
            up = Up(env)
            up.wait_line("polled ")
            level = STAGES.index(floor)

            def partway(level: int = level) -> bool:
                stages = [STAGES.index(s) for s in _stages(store)]
                return any(s >= level for s in stages) and min(stages) < len(STAGES) - 1

            _wait_for(f"processing past {floor}", partway, up)
            up.kill()
            _phase(f"processing kill past {floor}", clock)

        # 4. Restarted: the first round finishes what was left.
        up = Up(env)
        up.wait_line("serving http://")
        up.wait_line("processed: ")
        _phase("restart to the end of a round", clock)
        print("\n".join(up.seen))  # noqa: T201
        api = httpx.get(f"http://127.0.0.1:{port}/api/sources", timeout=30).json()
        up.stop()
        _phase("stop", clock)
    print(f"kill test on {store.dialect}: {time.monotonic() - started:.1f} s")  # noqa: T201

    with store.connect() as conn:
        rows = conn.execute(select(articles.c.id, articles.c.url, articles.c.stage,
                                   articles.c.text)).all()
        urls = [r.url for r in rows]
        assert len(urls) == len(set(urls)), "an article was stored twice"
        assert set(urls) == expected, f"lost: {sorted(expected - set(urls))}"
        final = {r.stage for r in rows}
        assert len(final) == 1 and STAGES.index(final.pop()) >= STAGES.index("embedded"), final
        for r in rows:
            idx = [i for (i,) in conn.execute(select(sentences.c.idx).where(
                sentences.c.article_id == r.id).order_by(sentences.c.idx))]
            assert r.text and idx == list(range(len(idx))) and idx, f"{r.url}: half-written"
        counts = {t: conn.execute(select(func.count()).select_from(metadata.tables[t]))
                  .scalar_one() for t in ("articles", "sources", "feeds", "sentences")}
    _integrity(store)

    status = _db_status(env)
    assert status["revision"] == head_revision() and status["pending"] == [], status
    for table, n in counts.items():
        assert status["tables"][table] == n, (table, status["tables"][table], n)
    ours = {s["id"]: s for s in api if s["id"] in OUTLETS}
    assert set(ours) == set(OUTLETS), api
    store.dispose()
