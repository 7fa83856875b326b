"""kill -9 at random moments during `rashomon process`: a rerun completes, nothing is lost,
duplicated or half-written. Runs on SQLite and on PostgreSQL."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import func, select

from rashomon.demo import corpus_outlets
from rashomon.fetch.jsonl import read_jsonl
from rashomon.models import STAGES
from rashomon.pipeline.ingest import import_documents
from rashomon.pipeline.sources import register_outlets
from rashomon.store.schema import articles, embeddings, sentences

pytestmark = pytest.mark.slow

CORPUS = Path(__file__).resolve().parents[1] / "corpus"
N_ARTICLES = 60
KILLS = 4


def _subset(tmp_path: Path) -> Path:
    lines = (CORPUS / "corpus.jsonl").read_text(encoding="utf-8").splitlines()[:N_ARTICLES]
    path = tmp_path / "subset.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _process(url: str) -> subprocess.Popen[bytes]:
    env = {**os.environ, "RASHOMON_DATABASE_URL": url, "RASHOMON_BATCH_SIZE": "8",
           "RASHOMON_WORKERS": "1"}
    return subprocess.Popen([sys.executable, "-m", "rashomon", "process"], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def test_kill_9_during_processing_loses_nothing(store, tmp_path):
    register_outlets(store, corpus_outlets(CORPUS))
    summary = import_documents(store, read_jsonl(_subset(tmp_path)))
    assert summary.added == N_ARTICLES
    url = store.engine.url.render_as_string(hide_password=False)
    rng = random.Random(7)
    for _ in range(KILLS):
        proc = _process(url)
        time.sleep(rng.uniform(2.0, 9.0))
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
    final = _process(url)
    _, err = final.communicate(timeout=600)
    assert final.returncode == 0, err.decode()[-2000:]
    last = _last_stage_reached(store)
    with store.connect() as conn:
        rows = conn.execute(select(articles.c.id, articles.c.stage, articles.c.text,
                                   articles.c.embed_hash, articles.c.removed)).all()
        assert len(rows) == N_ARTICLES  # nothing lost, nothing duplicated
        assert {r.stage for r in rows} == {last}
        for r in rows:
            assert r.text and json.loads(r.removed or "[]") is not None
            idx = [i for (i,) in conn.execute(select(sentences.c.idx)
                                              .where(sentences.c.article_id == r.id)
                                              .order_by(sentences.c.idx))]
            assert idx == list(range(len(idx))) and idx, f"sentences of {r.id} half-written"
        hashes = {r.embed_hash for r in rows}
        stored = conn.execute(select(func.count()).select_from(embeddings)
                              .where(embeddings.c.text_hash.in_(hashes))).scalar_one()
        assert None not in hashes and stored == len(hashes)


def _last_stage_reached(store) -> str:  # noqa: ANN001
    with store.connect() as conn:
        present = {s for (s,) in conn.execute(select(articles.c.stage).distinct())}
    return max(present, key=STAGES.index)
