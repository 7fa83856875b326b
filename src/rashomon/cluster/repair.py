"""The repair pass: merge stories that grew towards each other, split stories that hold two."""

from __future__ import annotations

import heapq
from collections.abc import Callable, Mapping, Sequence

import numpy as np

from rashomon.cluster.scoring import Scorer
from rashomon.cluster.state import Doc, Story

MAX_SPLIT_MEMBERS = 300  # larger stories are not split (the pairwise matrix grows as n²)
MIN_SIDE = 3  # a split must leave at least this many articles on each side

Candidates = Callable[[Story], list[int]]


def story_gap(a: Story, b: Story) -> float:
    """Seconds of silence between two stories' coverage (0 when their spans overlap)."""
    if a.first is None or a.last is None or b.first is None or b.last is None:
        return 0.0
    return max(b.first - a.last, a.first - b.last, 0.0)


def mergeable(score: float, a: Story, b: Story, scorer: Scorer) -> bool:
    """Whether two stories should become one (the same test the split pass undoes)."""
    return (score >= scorer.cfg.merge_threshold
            and not scorer.new_burst(score, story_gap(a, b), a, b))


def merge_pairs(stories: Mapping[int, Story], candidates: Candidates,
                scorer: Scorer) -> list[tuple[float, int, int]]:
    """Scored pairs (changed story, candidate) at or above the merge threshold, best first."""
    found: dict[tuple[int, int], float] = {}
    for key in sorted(k for k, s in stories.items() if s.changed):
        story = stories[key]
        for other in candidates(story):
            pair = (min(key, other), max(key, other))
            if other == key or pair in found or other not in stories:
                continue
            score = scorer.story_pair(story, stories[other])
            if mergeable(score, story, stories[other], scorer):
                found[pair] = score
    return sorted(((s, a, b) for (a, b), s in found.items()), key=lambda x: (-x[0], x[1], x[2]))


def plan_merges(stories: Mapping[int, Story], candidates: Candidates, scorer: Scorer,
                older: Callable[[int, int], int],
                apply: Callable[[int, int], None]) -> list[tuple[int, int]]:
    """Greedily merge the best pair first, rescoring as stories grow; returns (old, survivor)."""
    heap = [(-s, a, b) for s, a, b in merge_pairs(stories, candidates, scorer)]
    heapq.heapify(heap)
    done: list[tuple[int, int]] = []
    while heap:
        neg, a, b = heapq.heappop(heap)
        if a not in stories or b not in stories:
            continue
        score = scorer.story_pair(stories[a], stories[b])
        if not mergeable(score, stories[a], stories[b], scorer):
            continue
        if score < -neg - 1e-12:  # the pair drifted apart since it was scored: queue again
            heapq.heappush(heap, (-score, a, b))
            continue
        survivor = older(a, b)
        gone = b if survivor == a else a
        apply(gone, survivor)
        done.append((gone, survivor))
        for other in candidates(stories[survivor]):
            if other != survivor and other in stories:
                s = scorer.story_pair(stories[survivor], stories[other])
                if mergeable(s, stories[survivor], stories[other], scorer):
                    heapq.heappush(heap, (-s, min(survivor, other), max(survivor, other)))
    return done


def _dense(vectors: Sequence[Mapping[str, float]]) -> np.ndarray:
    vocab: dict[str, int] = {}
    for vec in vectors:
        for term in vec:
            vocab.setdefault(term, len(vocab))
    out = np.zeros((len(vectors), max(1, len(vocab))), dtype=np.float64)
    for row, vec in enumerate(vectors):
        for term, w in vec.items():
            out[row, vocab[term]] = w
    return out


def pair_scores(docs: Sequence[Doc], scorer: Scorer) -> np.ndarray:
    """All pairwise article scores of a story, vectorised (Scorer.doc_pair for every pair)."""
    cfg = scorer.cfg
    vectors = np.stack([d.vector for d in docs]).astype(np.float64)
    cosine = vectors @ vectors.T
    spaces = np.array([d.space for d in docs])
    same = spaces[:, None] == spaces[None, :]
    emb = np.clip((cosine - scorer.same) / (1 - scorer.same), 0.0, 1.0)
    terms = _dense([d.terms for d in docs])
    entities = _dense([d.entities for d in docs])
    combined = (cfg.weight_embedding * emb + cfg.weight_terms * (terms @ terms.T)
                + cfg.weight_entities * (entities @ entities.T))
    combined /= cfg.weight_embedding + cfg.weight_terms + cfg.weight_entities
    bg = np.array([[scorer.backgrounds.between(a, b) for b in spaces] for a in spaces])
    cross = np.clip((cosine - bg) / (1 - bg) / cfg.crosslingual_ceiling, 0.0, 1.0) + scorer.offset
    scores = np.where(same, combined, cross)
    times = np.array([np.nan if d.time is None else d.time for d in docs])
    days = np.abs(times[:, None] - times[None, :]) / 86_400.0 - cfg.time_grace_hours / 24.0
    penalty = cfg.time_decay_per_day * np.clip(np.nan_to_num(days, nan=0.0), 0.0, None)
    scores = scores - penalty
    np.fill_diagonal(scores, 0.0)
    return scores


def bisect(scores: np.ndarray) -> np.ndarray | None:
    """Spectral bipartition (Fiedler vector of the normalised Laplacian): True/False sides."""
    w = np.clip(scores, 0.0, None)
    degree = w.sum(axis=1)
    if np.any(degree <= 0):
        return None
    inv = 1.0 / np.sqrt(degree)
    laplacian = np.eye(len(w)) - inv[:, None] * w * inv[None, :]
    _, vecs = np.linalg.eigh(laplacian)
    fiedler = vecs[:, 1] * inv
    # eigh's sign is arbitrary: orient so the first article is always on the False side.
    side = fiedler > 0
    return ~side if side[0] else side


def find_split(docs: Sequence[Doc], scorer: Scorer) -> tuple[list[int], list[int]] | None:
    """Two groups of doc ids when the story holds two events, else None.

    The halves come from a spectral bisection; they are kept apart only when articles of one
    language are much less alike across the halves than within them. Comparing within one
    language keeps a multilingual story from being cut along its language lines.
    """
    n = len(docs)
    if n < max(scorer.cfg.min_split, 2 * MIN_SIDE) or n > MAX_SPLIT_MEMBERS:
        return None
    scores = pair_scores(docs, scorer)
    side = bisect(scores)
    if side is None or min(int(side.sum()), int((~side).sum())) < MIN_SIDE:
        return None
    spaces = np.array([d.space for d in docs])
    same = spaces[:, None] == spaces[None, :]
    np.fill_diagonal(same, False)
    across = side[:, None] != side[None, :]
    between = scores[same & across]
    within_a = scores[same & ~across & ~side[:, None]]
    within_b = scores[same & ~across & side[:, None]]
    if min(len(between), len(within_a), len(within_b)) < 2 * MIN_SIDE:
        return None
    within = min(float(within_a.mean()), float(within_b.mean()))
    a, b = np.flatnonzero(~side), np.flatnonzero(side)
    ratio = float(between.mean()) / within if within > 0 else 1.0
    limit = scorer.cfg.split_ratio
    if _apart_in_time([docs[int(i)] for i in a], [docs[int(i)] for i in b],
                      scorer.cfg.split_gap_hours * 3600):
        # Two bursts of coverage with a quiet spell between them: a new development of the
        # topic (a thread), not more coverage of one event, unless the content says otherwise.
        limit = scorer.cfg.split_ratio_apart
    if ratio >= limit:
        return None
    return [docs[int(i)].id for i in a], [docs[int(i)].id for i in b]


def _apart_in_time(a: Sequence[Doc], b: Sequence[Doc], gap: float) -> bool:
    """True when every dated article of one side precedes the other's by at least ``gap``."""
    ta = [d.time for d in a if d.time is not None]
    tb = [d.time for d in b if d.time is not None]
    if len(ta) < len(a) or len(tb) < len(b) or not ta or not tb:
        return False
    return min(tb) - max(ta) >= gap or min(ta) - max(tb) >= gap
