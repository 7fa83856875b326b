"""Story clustering evaluation: ECB+ and the project corpus, Rashomon against two baselines.

Rashomon's figures come from the same online clusterer the pipeline runs, fed the documents in
date order then id order, with its default configuration. The baselines are TF-IDF with
average-linkage agglomerative clustering (a fixed threshold, and the best threshold picked on
the gold labels, labelled as such) and the same embeddings with agglomerative clustering and
HDBSCAN. Metrics: pairwise and B³ precision/recall/F1, ARI, NMI, documents per second.
"""

from __future__ import annotations

import json
import math
import time
import warnings
from collections import Counter
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np

from rashomon.cluster.config import ClusterConfig
from rashomon.cluster.features import article_features, embedding_text
from rashomon.cluster.online import ClusterEvents, OnlineClusterer
from rashomon.cluster.state import ClusterItem
from rashomon.embed.base import Embedder, get_embedder

Progress = Callable[[str, int, int], None]  # (task, done, total)
DEFAULT_CORPUS = Path(__file__).resolve().parents[3] / "tests" / "corpus" / "gold.json"
ECBPLUS_FILE = Path("eval") / "clustering" / "ecbplus.jsonl"
# Fixed thresholds chosen before looking at any gold labels: the usual "clearly related"
# cosine for TF-IDF and the halfway point of the rescaled embedding similarity.
TFIDF_FIXED_DISTANCE = 0.75
EMBED_FIXED_DISTANCE = 0.5
EMBED_BATCH = 64


@dataclass(frozen=True)
class EvalDoc:
    """One document with its gold label."""

    id: str
    title: str
    text: str
    label: str
    date: datetime | None = None
    language: str = "en"


# -- metrics ----------------------------------------------------------------------------------


def _contingency(gold: Sequence[Hashable], pred: Sequence[Hashable]) -> Counter[tuple[Any, Any]]:
    if len(gold) != len(pred):
        raise ValueError(f"{len(gold)} gold labels but {len(pred)} predicted labels")
    return Counter(zip(gold, pred, strict=True))


def _prf(p: float, r: float) -> dict[str, float]:
    return {"precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0}


def pairwise_scores(gold: Sequence[Hashable], pred: Sequence[Hashable]) -> dict[str, float]:
    """Precision/recall/F1 over document pairs placed together."""
    joint = _contingency(gold, pred)
    pairs = lambda counts: sum(c * (c - 1) // 2 for c in counts)  # noqa: E731
    tp = pairs(joint.values())
    predicted, actual = pairs(Counter(pred).values()), pairs(Counter(gold).values())
    return _prf(tp / predicted if predicted else 1.0, tp / actual if actual else 1.0)


def bcubed_scores(gold: Sequence[Hashable], pred: Sequence[Hashable]) -> dict[str, float]:
    """B³ precision/recall/F1 (Bagga and Baldwin), averaged over documents."""
    joint = _contingency(gold, pred)
    n = len(gold)
    if n == 0:
        return _prf(1.0, 1.0)
    g, p = Counter(gold), Counter(pred)
    precision = sum(c * c / p[pl] for (_, pl), c in joint.items()) / n
    recall = sum(c * c / g[gl] for (gl, _), c in joint.items()) / n
    return _prf(precision, recall)


def adjusted_rand(gold: Sequence[Hashable], pred: Sequence[Hashable]) -> float:
    """Adjusted Rand index (Hubert and Arabie)."""
    joint = _contingency(gold, pred)
    comb = lambda x: x * (x - 1) / 2  # noqa: E731
    n = len(gold)
    index = sum(comb(c) for c in joint.values())
    a = sum(comb(c) for c in Counter(gold).values())
    b = sum(comb(c) for c in Counter(pred).values())
    expected = a * b / comb(n) if n > 1 else 0.0
    maximum = (a + b) / 2
    return 1.0 if maximum == expected else (index - expected) / (maximum - expected)


def normalized_mutual_info(gold: Sequence[Hashable], pred: Sequence[Hashable]) -> float:
    """NMI with the arithmetic-mean normalisation (scikit-learn's default)."""
    joint = _contingency(gold, pred)
    n = len(gold)
    g, p = Counter(gold), Counter(pred)
    entropy = lambda counts: -sum(c / n * math.log(c / n) for c in counts)  # noqa: E731
    hg, hp = entropy(g.values()), entropy(p.values())
    if hg == 0 or hp == 0:
        return 1.0 if hg == hp else 0.0
    mi = sum(c / n * math.log(c * n / (g[gl] * p[pl])) for (gl, pl), c in joint.items())
    return mi / ((hg + hp) / 2)


def clustering_scores(gold: Sequence[Hashable], pred: Sequence[Hashable]) -> dict[str, Any]:
    """Every metric for one predicted labelling."""
    return {"pairwise": pairwise_scores(gold, pred), "bcubed": bcubed_scores(gold, pred),
            "ari": adjusted_rand(gold, pred), "nmi": normalized_mutual_info(gold, pred),
            "clusters": len(set(pred)), "gold_clusters": len(set(gold))}


# -- datasets ---------------------------------------------------------------------------------


def parse_loose_date(text: str | None) -> datetime | None:
    """A date from a free-form dateline ("Updated: July 7, 2012, 10: 04 PM ET"), or None."""
    if not text:
        return None
    from dateutil import parser as dateparser

    cleaned = text.replace(": ", ":").replace(" / ", "/").replace("|", " ")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            # A year-less default makes a dateline without a year come out as year 1 (rejected)
            # instead of silently taking the current year.
            parsed = dateparser.parse(cleaned, fuzzy=True, ignoretz=True,
                                      default=datetime(1, 1, 1))
    except (ValueError, OverflowError):
        return None
    return parsed.replace(tzinfo=UTC) if parsed.year >= 1990 else None


def load_ecbplus(path: Path | str) -> list[EvalDoc]:
    """ECB+ documents (``ecbplus.jsonl``); the gold label is ``event``."""
    p = Path(path)
    if not p.is_file():
        raise FileNotFoundError(f"{p}: ECB+ file not found (expected ../shared/{ECBPLUS_FILE})")
    docs = []
    for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
            docs.append(EvalDoc(str(row["id"]), row.get("title") or "", row.get("text") or "",
                                str(row["event"]), parse_loose_date(row.get("date"))))
        except (ValueError, KeyError) as exc:
            raise ValueError(f"{p}:{n}: bad record ({exc})") from None
    return docs


def load_corpus(path: Path | str = DEFAULT_CORPUS) -> list[EvalDoc]:
    """The project's fictional corpus (tests/corpus/gold.json); the gold label is the event."""
    p = Path(path)
    if not p.is_file():
        raise FileNotFoundError(f"{p}: no gold file; build it with python tests/corpus/build.py")
    articles = json.loads(p.read_text(encoding="utf-8"))["articles"]
    return [EvalDoc(aid, a["title"], "\n".join(a["paragraphs"]), a["event"],
                    datetime.fromisoformat(a["published"]), a["language"])
            for aid, a in sorted(articles.items())]


def feed_order(docs: Sequence[EvalDoc]) -> list[int]:
    """Indexes in date order then id order; undated documents come first."""
    return sorted(range(len(docs)), key=lambda i: (docs[i].date is not None,
                                                   docs[i].date or datetime.min.replace(tzinfo=UTC),
                                                   docs[i].id))


# -- Rashomon ---------------------------------------------------------------------------------


def embed_documents(docs: Sequence[EvalDoc], embedder: Embedder,
                    progress: Progress | None = None) -> np.ndarray:
    """Embeddings of title + lead, as the pipeline's embedding stage computes them."""
    texts = [embedding_text(d.title, d.text) for d in docs]
    parts = []
    for start in range(0, len(texts), EMBED_BATCH):
        parts.append(embedder.embed(texts[start:start + EMBED_BATCH], "passage"))
        if progress:
            progress("embedding", min(start + EMBED_BATCH, len(texts)), len(texts))
    return np.concatenate(parts) if parts else np.zeros((0, embedder.dim), np.float32)


def _apply(labels: dict[int, int], events: ClusterEvents) -> None:
    labels.update(events.assigned)
    labels.update(events.moved)
    for gone, survivor in events.merged:
        for doc, key in labels.items():
            if key == gone:
                labels[doc] = survivor


def _item(i: int, doc: EvalDoc, vector: np.ndarray, cfg: ClusterConfig) -> ClusterItem:
    features = article_features(doc.title, doc.text, doc.language, max_chars=cfg.lead_chars)
    return ClusterItem(i, vector, features, doc.date.timestamp() if doc.date else None)


def cluster_online(docs: Sequence[EvalDoc], vectors: np.ndarray,
                   config: ClusterConfig | None = None, progress: Progress | None = None,
                   batch_size: int = 64) -> list[int]:
    """Story key per document from the online clusterer, fed in feed_order in batches."""
    cfg = config or ClusterConfig()
    clusterer = OnlineClusterer(vectors.shape[1], cfg)
    labels: dict[int, int] = {}
    order = feed_order(docs)
    for start in range(0, len(order), batch_size):
        batch = [_item(i, docs[i], vectors[i], cfg) for i in order[start:start + batch_size]]
        _apply(labels, clusterer.add(batch))
        if progress:
            progress("clustering", start + len(batch), len(order))
    _apply(labels, clusterer.repair())
    return [labels[i] for i in range(len(docs))]


# -- baselines --------------------------------------------------------------------------------


def _agglomerative(distances: np.ndarray, threshold: float) -> list[int]:
    from sklearn.cluster import AgglomerativeClustering

    model = AgglomerativeClustering(n_clusters=None, metric="precomputed", linkage="average",
                                    distance_threshold=threshold)
    return [int(x) for x in model.fit_predict(distances)]


def _sweep(gold: Sequence[str], distances: np.ndarray, fixed: float) -> dict[str, Any]:
    best: tuple[float, float, list[int]] | None = None
    for threshold in np.arange(0.05, 1.0, 0.01):
        pred = _agglomerative(distances, float(threshold))
        f1 = bcubed_scores(gold, pred)["f1"]
        if best is None or f1 > best[0]:
            best = (f1, float(threshold), pred)
    assert best is not None
    return {
        "fixed": {"distance_threshold": fixed, **clustering_scores(gold, _agglomerative(distances, fixed))},
        "best_on_gold": {"distance_threshold": round(best[1], 2),
                         **clustering_scores(gold, best[2])},
    }


def tfidf_baseline(docs: Sequence[EvalDoc]) -> dict[str, Any]:
    """TF-IDF over title + text, average-linkage agglomerative (fixed and best-on-gold)."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    start = time.perf_counter()
    matrix = TfidfVectorizer(sublinear_tf=True).fit_transform([f"{d.title}\n{d.text}" for d in docs])
    distances = np.clip(1.0 - (matrix @ matrix.T).toarray(), 0.0, None)
    np.fill_diagonal(distances, 0.0)
    out = _sweep([d.label for d in docs], distances, TFIDF_FIXED_DISTANCE)
    out["seconds"] = time.perf_counter() - start
    return out


def embedding_baselines(docs: Sequence[EvalDoc], vectors: np.ndarray) -> dict[str, Any]:
    """The embeddings Rashomon uses, clustered by agglomerative (fixed, best) and HDBSCAN."""
    from sklearn.cluster import HDBSCAN

    gold = [d.label for d in docs]
    cosine = vectors @ vectors.T
    mean = vectors.mean(axis=0)
    background = float(mean @ mean)  # rescaled as the clusterer does, so one scale fits all
    distances = np.clip(1.0 - (cosine - background) / (1.0 - background), 0.0, None)
    np.fill_diagonal(distances, 0.0)
    out = {"agglomerative": _sweep(gold, distances, EMBED_FIXED_DISTANCE)}
    pred = HDBSCAN(min_cluster_size=2, metric="precomputed", copy=True).fit_predict(distances)
    # HDBSCAN's noise points (-1) are singletons, not one big cluster.
    labels = [int(p) if p >= 0 else -1 - i for i, p in enumerate(pred)]
    out["hdbscan"] = {"min_cluster_size": 2, **clustering_scores(gold, labels)}
    return out


# -- entry points -----------------------------------------------------------------------------


def evaluate_documents(docs: Sequence[EvalDoc], *, dataset: str,
                       embedder: Embedder | None = None, config: ClusterConfig | None = None,
                       baselines: bool = True, progress: Progress | None = None) -> dict[str, Any]:
    """Rashomon (and the baselines) on loaded documents."""
    embedder = embedder or get_embedder("default")
    embedder.embed(["warm-up"], "passage")  # model loading is not throughput
    start = time.perf_counter()
    vectors = embed_documents(docs, embedder, progress)
    embedded = time.perf_counter()
    pred = cluster_online(docs, vectors, config, progress)
    done = time.perf_counter()
    gold = [d.label for d in docs]
    n = len(docs)
    report: dict[str, Any] = {
        "dataset": dataset, "documents": n, "events": len(set(gold)),
        "embedder": embedder.model_id,
        "rashomon": {**clustering_scores(gold, pred),
                     "docs_per_s": n / (done - start) if done > start else None,
                     "cluster_docs_per_s": n / (done - embedded) if done > embedded else None,
                     "seconds": done - start},
    }
    if baselines:
        if progress:
            progress("baselines", 0, 2)
        report["tfidf_agglomerative"] = tfidf_baseline(docs)
        if progress:
            progress("baselines", 1, 2)
        report["embedding"] = embedding_baselines(docs, vectors)
        if progress:
            progress("baselines", 2, 2)
    return report


def evaluate_clustering(path: Path | str, *, embedder: Embedder | None = None,
                        config: ClusterConfig | None = None, limit: int | None = None,
                        baselines: bool = True, progress: Progress | None = None) -> dict[str, Any]:
    """ECB+ figures; ``path`` is the shared folder, its eval/clustering/ or the .jsonl file."""
    p = Path(path)
    if p.is_dir():
        p = p / ECBPLUS_FILE if (p / ECBPLUS_FILE).is_file() else p / "ecbplus.jsonl"
    docs = load_ecbplus(p)[:limit] if limit else load_ecbplus(p)
    return evaluate_documents(docs, dataset=f"ECB+ ({p.name})", embedder=embedder,
                              config=config, baselines=baselines, progress=progress)


def evaluate_corpus_clustering(path: Path | str = DEFAULT_CORPUS, *,
                               embedder: Embedder | None = None,
                               config: ClusterConfig | None = None, baselines: bool = True,
                               progress: Progress | None = None) -> dict[str, Any]:
    """The same figures on the project's fictional multilingual corpus."""
    docs = load_corpus(path)
    return evaluate_documents(docs, dataset="Rashomon corpus (tests/corpus)", embedder=embedder,
                              config=config, baselines=baselines, progress=progress)
