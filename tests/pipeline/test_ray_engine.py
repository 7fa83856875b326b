"""The ray engine turns the corpus subset into exactly what the local engine produces: the same
articles, stages, sentences, embeddings and (where the stages exist) stories and analyses.
Runs on SQLite and on PostgreSQL, with a local Ray instance of 2 CPUs."""

from __future__ import annotations

import importlib.util
import json
import socket
import sys
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select
from typer.testing import CliRunner

from rashomon.cli import app
from rashomon.demo import corpus_outlets
from rashomon.fetch.jsonl import read_jsonl
from rashomon.pipeline.engine import EngineError, build_stages, get_engine, process
from rashomon.pipeline.ingest import import_documents
from rashomon.pipeline.ray_engine import check_reachable
from rashomon.pipeline.sources import register_outlets
from rashomon.settings import load_settings
from rashomon.store import Store
from rashomon.store.schema import analyses, articles, embeddings, sentences, stories
from tests.conftest import _pg_store

CORPUS = Path(__file__).resolve().parents[1] / "corpus"
N_ARTICLES = 40
BATCH = 8  # several batches per stage, so batches really are in flight together

HAS_RAY = importlib.util.find_spec("ray") is not None
needs_ray = pytest.mark.skipif(not HAS_RAY, reason="Ray is not installed "
                               "(pip install 'rashomon[ray]' to run the ray engine tests)")

# Columns that differ between two runs by nature (clock, surrogate keys compared separately).
VOLATILE = {"discovered_at", "updated_at", "fetch_id", "syndication_group_id", "story_id"}


@pytest.fixture(scope="module")
def local_ray() -> Iterator[None]:
    import ray

    ray.init(address="local", num_cpus=2, include_dashboard=False, log_to_driver=False)
    yield
    ray.shutdown()


@pytest.fixture
def twin(store: Store, request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    """A second empty store on the same database kind as `store`."""
    if store.engine.dialect.name == "sqlite":
        other = Store(f"sqlite:///{tmp_path / 'twin.db'}")
        other.upgrade()
        yield other
        other.dispose()
    else:
        yield from _pg_store(request.getfixturevalue("pg_template"))


def _subset(tmp_path: Path) -> Path:
    """The corpus's first articles, with a copy of the first in the second batch: its title and
    lead are embedded while the first batch is still in flight on the ray engine."""
    lines = (CORPUS / "corpus.jsonl").read_text(encoding="utf-8").splitlines()[:N_ARTICLES - 1]
    copy = json.loads(lines[0])
    copy["url"] += "?copy=1"
    copy["html"] += "\n<!-- a copy: same title and lead, different page -->\n"
    lines.insert(BATCH, json.dumps(copy, ensure_ascii=False))
    path = tmp_path / "subset.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _fill(store: Store, tmp_path: Path) -> None:
    path = _subset(tmp_path)
    register_outlets(store, corpus_outlets(CORPUS))
    assert import_documents(store, read_jsonl(path)).added == N_ARTICLES


def _snapshot(store: Store) -> dict[str, Any]:
    """Everything processing wrote, keyed so that two stores compare equal when equal."""
    with store.connect() as conn:
        rows = conn.execute(select(articles).order_by(articles.c.id)).mappings().all()
        url = {r["id"]: r["url"] for r in rows}
        sents: dict[str, list[tuple[Any, ...]]] = defaultdict(list)
        for s in conn.execute(select(sentences).order_by(sentences.c.article_id, sentences.c.idx)):
            sents[url[s.article_id]].append(tuple(s)[1:])
        vectors = {(h, m): bytes(v) for h, m, v in conn.execute(
            select(embeddings.c.text_hash, embeddings.c.model_id, embeddings.c.vector))}
        members: dict[int, set[str]] = defaultdict(set)
        groups: dict[int, set[str]] = defaultdict(set)
        for r in rows:
            if r["story_id"] is not None:
                members[r["story_id"]].add(r["url"])
            if r["syndication_group_id"] is not None:
                groups[r["syndication_group_id"]].add(r["url"])
        story_rows = {s.id: s for s in conn.execute(select(stories))}
        data = dict(conn.execute(select(analyses.c.story_id, analyses.c.data)).all())
    told = {frozenset(m): (story_rows[sid].headline, story_rows[sid].first_seen,
                           story_rows[sid].n_articles, story_rows[sid].n_outlets,
                           story_rows[sid].centroid, data.get(sid))
            for sid, m in members.items()}
    return {
        "ids": url,
        "articles": {r["url"]: {k: v for k, v in r.items() if k not in VOLATILE} for r in rows},
        "sentences": dict(sents),
        "embeddings": vectors,
        "syndication": {frozenset(g) for g in groups.values()},
        "stories": told,
    }


def _run(store: Store, engine: str) -> dict[str, Any]:
    settings = load_settings(None, {"engine": engine, "batch_size": BATCH, "workers": 2},
                             environ={})
    report = process(store, settings)
    assert all(s.failed == 0 for s in report.stages), report.line()
    assert {s.name for s in report.stages} == {s.name for s in build_stages(settings)}
    return _snapshot(store)


@pytest.mark.slow
@needs_ray
def test_ray_engine_with_nothing_pending_starts_no_ray(tmp_path: Path) -> None:
    import ray

    if ray.is_initialized():  # another test of this worker process started one
        pytest.skip("a Ray instance is already running in this process")
    store = Store(f"sqlite:///{tmp_path / 'empty.db'}")
    store.upgrade()
    report = process(store, load_settings(None, {"engine": "ray"}, environ={}))
    assert sum(s.done for s in report.stages) == 0 and not ray.is_initialized()


@pytest.mark.slow
@needs_ray
def test_ray_engine_matches_local_engine(store: Store, twin: Store, tmp_path: Path,
                                         local_ray: None) -> None:
    _fill(store, tmp_path)
    _fill(twin, tmp_path)
    local = _run(store, "local")
    remote = _run(twin, "ray")
    assert local["embeddings"], "the local run embedded nothing"
    hashes = [a["embed_hash"] for a in local["articles"].values()]
    assert len(set(hashes)) == len(hashes) - 1  # the copy shares its original's vector
    for key in ("ids", "articles", "sentences", "embeddings", "syndication", "stories"):
        assert remote[key] == local[key], f"{key} differ between the ray and local engines"


def test_unknown_engine_is_a_clear_error() -> None:
    with pytest.raises(EngineError, match="unknown engine 'spark'; use one of local, ray"):
        get_engine("spark")


def test_ray_engine_without_ray_says_how_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "ray", None)  # import ray now raises ImportError
    with pytest.raises(EngineError, match=r"pip install 'rashomon\[ray\]'"):
        get_engine("ray")


def test_unreachable_ray_address_fails_fast() -> None:
    with socket.socket() as sock:  # a port nothing listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    with pytest.raises(EngineError, match=f"cannot reach the Ray cluster at 127.0.0.1:{port}"):
        check_reachable(f"127.0.0.1:{port}", timeout=5)


def test_cli_engine_option_fails_before_any_work(tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RASHOMON_DATA_DIR", str(tmp_path))
    result = CliRunner().invoke(app, ["process", "--engine", "spark"])
    assert result.exit_code == 2 and "unknown engine 'spark'" in result.output
    monkeypatch.setitem(sys.modules, "ray", None)
    result = CliRunner().invoke(app, ["reprocess", "--stage", "embedded", "--engine", "ray"])
    assert result.exit_code == 2 and "rashomon[ray]" in result.output
