"""Sparse term vectors: running document frequencies, TF-IDF weighting, sums and dot products."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Mapping

Sparse = dict[str, float]


class DocumentFrequencies:
    """How many documents of the active window hold each term (for IDF)."""

    def __init__(self) -> None:
        self.n = 0
        self.df: Counter[str] = Counter()

    def add(self, terms: Iterable[str]) -> None:
        """Count one document holding ``terms``."""
        self.n += 1
        self.df.update(set(terms))

    def remove(self, terms: Iterable[str]) -> None:
        """Forget one document (it left the active window)."""
        self.n = max(0, self.n - 1)
        for term in set(terms):
            left = self.df[term] - 1
            if left > 0:
                self.df[term] = left
            else:
                del self.df[term]

    def idf(self, term: str) -> float:
        """Smoothed inverse document frequency, as scikit-learn computes it."""
        return math.log((1 + self.n) / (1 + self.df.get(term, 0))) + 1.0


def tfidf(counts: Mapping[str, int], df: DocumentFrequencies) -> Sparse:
    """Sublinear TF times IDF, L2-normalised."""
    weights = {t: (1.0 + math.log(c)) * df.idf(t) for t, c in counts.items() if c > 0}
    norm = math.sqrt(sum(w * w for w in weights.values()))
    return {t: w / norm for t, w in weights.items()} if norm else {}


def dot(a: Mapping[str, float], b: Mapping[str, float]) -> float:
    """Dot product of two sparse vectors (iterates over the shorter one)."""
    if len(a) > len(b):
        a, b = b, a
    return sum(w * b.get(t, 0.0) for t, w in a.items())


def add_into(total: dict[str, float], vec: Mapping[str, float], sign: float = 1.0) -> None:
    """total += sign * vec, dropping terms that cancel out."""
    for t, w in vec.items():
        v = total.get(t, 0.0) + sign * w
        if abs(v) > 1e-9:
            total[t] = v
        else:
            total.pop(t, None)


class SpaceSums:
    """Per-space sums of unit sparse vectors and their counts (a story's members by language)."""

    def __init__(self) -> None:
        self.sums: dict[str, Sparse] = {}
        self.counts: Counter[str] = Counter()

    def add(self, space: str, vec: Mapping[str, float], sign: int = 1) -> None:
        """Add (or with sign=-1 remove) one member's vector."""
        add_into(self.sums.setdefault(space, {}), vec, float(sign))
        self.counts[space] += sign
        if self.counts[space] <= 0:
            del self.counts[space]
            self.sums.pop(space, None)

    def merge(self, other: SpaceSums) -> None:
        """Absorb another story's sums."""
        for space, vec in other.sums.items():
            add_into(self.sums.setdefault(space, {}), vec)
            self.counts[space] += other.counts[space]

    def mean_dot(self, space: str, vec: Mapping[str, float]) -> float | None:
        """Mean cosine of ``vec`` with the members in ``space``; None when there are none."""
        n = self.counts.get(space, 0)
        return dot(vec, self.sums[space]) / n if n else None

    def mean_pair(self, other: SpaceSums) -> tuple[float, int] | None:
        """Mean cosine between members of two stories over shared spaces, with the pair count."""
        total, pairs = 0.0, 0
        for space, n in self.counts.items():
            m = other.counts.get(space, 0)
            if m:
                total += dot(self.sums[space], other.sums[space])
                pairs += n * m
        return (total / pairs, pairs) if pairs else None
