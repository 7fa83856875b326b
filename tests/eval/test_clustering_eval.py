"""Clustering evaluation: metrics on hand-made labelings, loaders, and the two datasets."""

from __future__ import annotations

import json
import math
from collections import Counter
from datetime import UTC, datetime

import numpy as np
import pytest

from rashomon.embed import get_embedder
from rashomon.eval.clustering import (
    EvalDoc,
    adjusted_rand,
    bcubed_scores,
    cluster_online,
    clustering_scores,
    embed_documents,
    evaluate_clustering,
    evaluate_documents,
    feed_order,
    load_corpus,
    load_ecbplus,
    normalized_mutual_info,
    pairwise_scores,
    parse_loose_date,
)

GOLD = ["a", "a", "a", "b", "b", "c"]


def close(x: float, y: float) -> bool:
    return math.isclose(x, y, abs_tol=1e-9)


def test_perfect_and_degenerate_labelings():
    perfect = clustering_scores(GOLD, [1, 1, 1, 2, 2, 3])
    assert perfect["bcubed"]["f1"] == perfect["pairwise"]["f1"] == 1.0
    assert close(perfect["ari"], 1.0) and close(perfect["nmi"], 1.0)
    lump = clustering_scores(GOLD, [0] * 6)
    # each document's cluster is all six: precision is its gold share, (3*3 + 2*2 + 1) / 36
    assert close(lump["bcubed"]["recall"], 1.0)
    assert close(lump["bcubed"]["precision"], 14 / 36)
    singles = clustering_scores(GOLD, list(range(6)))
    assert singles["bcubed"]["precision"] == 1.0 and singles["pairwise"]["recall"] == 0.0


def test_bcubed_and_pairwise_by_hand():
    pred = [1, 1, 2, 2, 2, 3]
    # B³ precision per doc: a,a in {a,a} -> 1,1; a,b,b in {a,b,b} -> 1/3, 2/3, 2/3; c -> 1
    p = (1 + 1 + 1 / 3 + 2 / 3 + 2 / 3 + 1) / 6
    # recall: a's: 2/3, 2/3, 1/3; b's: 1, 1; c: 1
    r = (2 / 3 + 2 / 3 + 1 / 3 + 1 + 1 + 1) / 6
    b3 = bcubed_scores(GOLD, pred)
    assert close(b3["precision"], p) and close(b3["recall"], r)
    pw = pairwise_scores(GOLD, pred)  # predicted pairs: (0,1), (2,3), (2,4), (3,4)
    assert close(pw["precision"], 2 / 4) and close(pw["recall"], 2 / 4)


def test_ari_and_nmi_match_scikit_learn():
    metrics = pytest.importorskip("sklearn.metrics")
    rng = np.random.default_rng(3)
    for _ in range(5):
        gold = list(rng.integers(0, 4, 40))
        pred = list(rng.integers(0, 5, 40))
        assert close(adjusted_rand(gold, pred), metrics.adjusted_rand_score(gold, pred))
        assert close(normalized_mutual_info(gold, pred),
                     metrics.normalized_mutual_info_score(gold, pred))


def test_mismatched_lengths_are_an_error():
    with pytest.raises(ValueError, match="2 gold labels but 1"):
        bcubed_scores(["a", "b"], [1])


def test_loose_dates_and_feed_order():
    assert parse_loose_date("Updated: July 7, 2012, 10: 04 PM ET") == datetime(
        2012, 7, 7, 22, 4, tzinfo=UTC)
    assert parse_loose_date("July 29, 2011|10: 57 pm").date().isoformat() == "2011-07-29"
    assert parse_loose_date("Posted 1 year, 160 days ago") is None
    assert parse_loose_date(None) is None
    docs = [EvalDoc("b", "", "", "x", datetime(2020, 1, 2, tzinfo=UTC)),
            EvalDoc("c", "", "", "x"), EvalDoc("a", "", "", "x", datetime(2020, 1, 2, tzinfo=UTC)),
            EvalDoc("d", "", "", "x", datetime(2019, 5, 1, tzinfo=UTC))]
    assert [docs[i].id for i in feed_order(docs)] == ["c", "d", "a", "b"]


def test_loaders_name_the_missing_file(tmp_path):
    with pytest.raises(FileNotFoundError, match="ECB"):
        load_ecbplus(tmp_path / "none.jsonl")
    with pytest.raises(FileNotFoundError, match="build.py"):
        load_corpus(tmp_path / "gold.json")
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "1"}\n', encoding="utf-8")
    with pytest.raises(ValueError, match="bad.jsonl:1"):
        load_ecbplus(bad)


class _Lookup:
    """An embedder over fixed directions: one per label, plus noise."""

    model_id = "lookup"
    dim = 16

    def embed(self, texts, kind="passage"):
        rows = []
        for t in texts:
            rng = np.random.default_rng(sum(map(ord, t.split()[0])))
            noise = np.random.default_rng(sum(map(ord, t))).normal(size=self.dim) * 0.1
            v = rng.normal(size=self.dim) + noise
            rows.append(v / np.linalg.norm(v))
        return np.asarray(rows, dtype=np.float32)


def test_evaluate_documents_reports_rashomon_and_baselines():
    pytest.importorskip("sklearn")
    words = {"quake": "Karvash earthquake kills 17", "summit": "Nairobi summit fund 4.2 billion",
             "strike": "Ravenmouth dockers strike"}
    docs = [EvalDoc(f"{label}-{i}", f"{label} {words[label]} {i}", f"{words[label]} report {i}",
                    label, datetime(2026, 10, 1, i, tzinfo=UTC))
            for label in words for i in range(4)]
    progress: list[str] = []
    report = evaluate_documents(docs, dataset="tiny", embedder=_Lookup(),
                                progress=lambda task, done, total: progress.append(task))
    assert report["documents"] == 12 and report["events"] == 3
    assert report["rashomon"]["bcubed"]["f1"] == 1.0 and report["rashomon"]["docs_per_s"] > 0
    tfidf = report["tfidf_agglomerative"]
    assert tfidf["best_on_gold"]["bcubed"]["f1"] >= tfidf["fixed"]["bcubed"]["f1"]
    assert {"agglomerative", "hdbscan"} <= set(report["embedding"])
    assert {"embedding", "clustering", "baselines"} <= set(progress)


CORPUS_FLOOR = 0.98  # measured 1.00 (docs/evaluation.md): every event one story
ECBPLUS_FLOOR = 0.86  # measured 0.88; see docs/evaluation.md for why 0.95 is out of reach


@pytest.mark.slow
def test_corpus_events_are_stories_across_languages():
    docs = load_corpus()
    vectors = embed_documents(docs, get_embedder("default"))
    pred = cluster_online(docs, vectors)
    gold = [d.label for d in docs]
    assert bcubed_scores(gold, pred)["f1"] >= CORPUS_FLOOR
    events_of: dict[int, set[str]] = {}
    for g, p in zip(gold, pred, strict=True):
        events_of.setdefault(p, set()).add(g)
    assert all(len(e) == 1 for e in events_of.values()), events_of  # no story mixes events
    for event in set(gold):  # each event, in every language, is one story
        sizes = Counter(p for g, p in zip(gold, pred, strict=True) if g == event)
        assert len(sizes) == 1, (event, sizes)


@pytest.mark.shared
@pytest.mark.slow
def test_ecbplus_floor(shared):
    path = shared / "eval" / "clustering" / "ecbplus.jsonl"
    if not path.is_file():
        pytest.skip(f"{path} is absent")
    report = evaluate_clustering(shared, baselines=False)
    assert report["documents"] == len(path.read_text(encoding="utf-8").splitlines())
    assert report["rashomon"]["bcubed"]["f1"] >= ECBPLUS_FLOOR, json.dumps(report["rashomon"])
