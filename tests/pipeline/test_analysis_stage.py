"""AnalysisStage over the store: a story is analysed once per run however its articles fall
into batches, and every article reaches the analysed stage (SQLite and PostgreSQL)."""

from __future__ import annotations

import zlib
from collections import Counter
from collections.abc import Sequence

import numpy as np
from sqlalchemy import select

from rashomon.pipeline import analysis_stage
from rashomon.pipeline.analysis_stage import AnalysisStage
from rashomon.pipeline.runner import run_stage
from rashomon.pipeline.stories import ClusterStage
from rashomon.store.schema import analyses, articles
from tests.pipeline.test_stories_stage import MODEL, _seed


class WordHashEmbedder:
    """Bag of hashed words: deterministic and fast; enough for the stage's bookkeeping."""

    model_id = "test:words"
    dim = 64

    def embed(self, texts: Sequence[str], kind: str = "passage") -> np.ndarray:
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for row, text in enumerate(texts):
            for word in text.lower().split():
                out[row, zlib.crc32(word.encode()) % self.dim] += 1.0
            out[row] /= max(float(np.linalg.norm(out[row])), 1e-9)
        return out


def test_each_story_analysed_once_across_batches(store, monkeypatch):
    _seed(store)
    run_stage(store, ClusterStage(MODEL), batch_size=8)
    calls: Counter[frozenset[str]] = Counter()
    real = analysis_stage.analyse_story

    def counting(story_articles, *args, **kwargs):
        calls[frozenset(a.id for a in story_articles)] += 1
        return real(story_articles, *args, **kwargs)

    monkeypatch.setattr(analysis_stage, "analyse_story", counting)
    # Batches of 3 articles in id order: every story's 5 articles span two or more batches.
    report = run_stage(store, AnalysisStage(WordHashEmbedder()), batch_size=3)
    with store.connect() as conn:
        stage_of = {int(a): s for a, s in conn.execute(select(articles.c.id, articles.c.stage))}
        story_of = {int(a): s for a, s in conn.execute(select(articles.c.id, articles.c.story_id))}
        analysed = {int(s) for (s,) in conn.execute(select(analyses.c.story_id))}
    assert report.failed == 0 and report.done == len(stage_of)
    assert set(stage_of.values()) == {"analysed"}
    assert analysed == set(story_of.values())
    assert len(calls) == len(analysed)  # one analysis per story ...
    assert set(calls.values()) == {1}  # ... made once
