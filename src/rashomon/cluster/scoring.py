"""How alike an article and a story (or two stories) are: embedding, terms, entities, time.

Members in the article's own language (or all members, when articles carry English
translations) are compared on all three kinds of evidence. Members in other languages can only
be compared by embedding; that similarity is put on the same scale before the two parts are
averaged, weighted by how many members each part holds (average linkage).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

import numpy as np

from rashomon.cluster.config import DAY, ClusterConfig
from rashomon.cluster.state import Doc, Story
from rashomon.cluster.vectors import dot

MIN_PAIR_COUNT = 8  # articles per language before a language pair gets its own background

class Background:
    """Mean cosine of two articles, same language and across languages, from running sums.

    Embedding models differ in where "unrelated" sits (about 0.77 for e5, 0.2 for USE), and
    put articles of different languages further apart than articles of one language;
    rescaling by these means lets one threshold serve any embedder and language pair.
    """

    def __init__(self, dim: int):
        self.dim = dim
        self.sum = np.zeros(dim, dtype=np.float64)
        self.by_space: dict[str, np.ndarray] = {}
        self.counts: Counter[str] = Counter()

    def add(self, vector: np.ndarray, space: str) -> None:
        """Count one unit vector of an article in ``space``."""
        self.sum += vector
        self.by_space.setdefault(space, np.zeros(self.dim, dtype=np.float64))
        self.by_space[space] += vector
        self.counts[space] += 1

    def snapshot(self) -> Backgrounds:
        """The current estimates, fixed for one round of scoring."""
        n = sum(self.counts.values())
        own = sum(float(v @ v) for v in self.by_space.values())
        own_pairs = sum(c * c for c in self.counts.values()) - n
        cross_pairs = n * n - own_pairs - n
        same = (own - n) / own_pairs if own_pairs > 0 else 0.0
        cross = (float(self.sum @ self.sum) - own) / cross_pairs if cross_pairs > 0 else same
        return Backgrounds(_clip(same, 0.0, 0.95), _clip(cross, 0.0, 0.95), self)

    def pair(self, a: str, b: str) -> float | None:
        """Mean cosine between articles of two languages, once both have a few."""
        na, nb = self.counts.get(a, 0), self.counts.get(b, 0)
        if min(na, nb) < MIN_PAIR_COUNT:
            return None
        return float(self.by_space[a] @ self.by_space[b]) / (na * nb)


@dataclass
class Backgrounds:
    """Background cosines for one round of scoring (language pairs are computed on demand)."""

    same: float
    cross: float
    source: Background | None = None
    _pairs: dict[tuple[str, str], float] = field(default_factory=dict)

    def between(self, a: str, b: str) -> float:
        """Background of two languages; the overall cross-language one until both have data."""
        key = (a, b) if a <= b else (b, a)
        if key not in self._pairs:
            value = self.source.pair(*key) if self.source else None
            self._pairs[key] = self.cross if value is None else _clip(value, 0.0, 0.95)
        return self._pairs[key]


def _clip(x: float, lo: float, hi: float) -> float:
    return min(hi, max(lo, x))


class Scorer:
    """Scores with the background fixed for one call (one article or one repair pass)."""

    def __init__(self, cfg: ClusterConfig, background: Backgrounds):
        self.cfg = cfg
        self.backgrounds = background
        self.same, self.cross = background.same, background.cross
        # Cross-language embedding similarity, rescaled, is compared with the embedding-only
        # threshold; shifting it by this offset puts it on the scale of the combined score.
        self.offset = cfg.threshold - cfg.embedding_threshold

    def combined(self, cosine: float, terms: float | None, entities: float | None) -> float:
        """Weighted evidence of one language: embedding, terms, entities."""
        cfg = self.cfg
        total = cfg.weight_embedding * _clip((cosine - self.same) / (1 - self.same), 0, 1)
        weight = cfg.weight_embedding
        if terms is not None:
            total += cfg.weight_terms * terms
            weight += cfg.weight_terms
        if entities is not None:
            total += cfg.weight_entities * entities
            weight += cfg.weight_entities
        return total / weight

    def crosslingual(self, cosine: float, a: str | None = None, b: str | None = None) -> float:
        """Embedding similarity across languages (a, b) on the combined score's scale."""
        bg = self.backgrounds.between(a, b) if a and b else self.cross
        rescaled = (cosine - bg) / (1 - bg) / self.cfg.crosslingual_ceiling
        return _clip(rescaled, 0, 1) + self.offset

    def time_penalty(self, t: float | None, centre: float | None) -> float:
        """Score lost for being far in time from a story's centre (0 when either is undated)."""
        if t is None or centre is None:
            return 0.0
        days = abs(t - centre) / DAY - self.cfg.time_grace_hours / 24.0
        return self.cfg.time_decay_per_day * days if days > 0 else 0.0

    def doc_story(self, doc: Doc, story: Story) -> float:
        """Average-link score of an article against a story's members."""
        n_same = story.count(doc.space)
        n_other = story.size - n_same
        total = 0.0
        if n_same:
            own = story.vec_by_space[doc.space]
            cosine = float(doc.vector @ own) / n_same
            total += n_same * self.combined(cosine, story.terms.mean_dot(doc.space, doc.terms),
                                            story.entities.mean_dot(doc.space, doc.entities))
        if n_other:
            for space, vec in story.vec_by_space.items():
                if space != doc.space:
                    n = story.count(space)
                    total += n * self.crosslingual(float(doc.vector @ vec) / n, doc.space, space)
        return total / story.size - self.time_penalty(doc.time, story.centre)

    def story_pair(self, a: Story, b: Story) -> float:
        """Average-link score between the members of two stories."""
        total = 0.0
        for sa, va in a.vec_by_space.items():
            n = a.count(sa)
            for sb, vb in b.vec_by_space.items():
                m = b.count(sb)
                cosine = float(va @ vb) / (n * m)
                if sa == sb:
                    terms = dot(a.terms.sums[sa], b.terms.sums[sa]) / (n * m)
                    entities = dot(a.entities.sums[sa], b.entities.sums[sa]) / (n * m)
                    total += n * m * self.combined(cosine, terms, entities)
                else:
                    total += n * m * self.crosslingual(cosine, sa, sb)
        return total / (a.size * b.size) - self.time_penalty(a.centre, b.centre)

    def cohesion(self, story: Story) -> float | None:
        """Average-link score of a story with itself (distinct member pairs), None if single."""
        n = story.size
        if n < 2:
            return None
        total = 0.0
        for sa, va in story.vec_by_space.items():
            na = story.count(sa)
            for sb, vb in story.vec_by_space.items():
                nb = story.count(sb)
                if sa == sb:
                    pairs = na * (na - 1)
                    if pairs:
                        terms = story.terms.sums[sa]
                        entities = story.entities.sums[sa]
                        total += pairs * self.combined(
                            (float(va @ va) - na) / pairs, (dot(terms, terms) - na) / pairs,
                            (dot(entities, entities) - na) / pairs)
                else:
                    total += na * nb * self.crosslingual(float(va @ vb) / (na * nb), sa, sb)
        return total / (n * (n - 1))

    def new_burst(self, score: float, gap: float, *stories: Story) -> bool:
        """True when a score across a quiet spell falls short of the stories' own cohesion.

        Coverage that resumes after ``split_gap_hours`` of silence is a new development (a
        new story in the same thread) unless it is about as alike to the story as the
        story's members are to each other.
        """
        if gap < self.cfg.split_gap_hours * 3600:
            return False
        levels = [c for c in (self.cohesion(s) for s in stories) if c is not None]
        return bool(levels) and score < self.cfg.split_ratio_apart * max(levels)

    def doc_pair(self, a: Doc, b: Doc) -> float:
        """Score of two articles (the same formula with one member on each side)."""
        cosine = float(a.vector @ b.vector)
        if a.space == b.space:
            score = self.combined(cosine, dot(a.terms, b.terms), dot(a.entities, b.entities))
        else:
            score = self.crosslingual(cosine, a.space, b.space)
        return score - self.time_penalty(a.time, b.time)
