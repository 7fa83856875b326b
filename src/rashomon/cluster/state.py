"""The clusterer's in-memory state: articles with their features, stories with running sums."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from rashomon.cluster.features import TextFeatures
from rashomon.cluster.vectors import DocumentFrequencies, SpaceSums, Sparse, tfidf


@dataclass(frozen=True)
class ClusterItem:
    """One article as the clusterer sees it: a unit embedding, text features and a time."""

    id: int
    vector: np.ndarray
    features: TextFeatures
    time: float | None = None  # POSIX seconds; None when unknown (never ages out)


@dataclass
class Doc:
    """An article in the active window, with its weights frozen when it arrived."""

    id: int
    vector: np.ndarray
    terms: Sparse
    entities: Sparse
    space: str
    time: float | None
    raw_terms: tuple[str, ...]
    raw_entities: tuple[str, ...]
    story: int = 0


def make_doc(item: ClusterItem, term_df: DocumentFrequencies,
             entity_df: DocumentFrequencies) -> Doc:
    """Weigh an item's features with the current document frequencies."""
    f = item.features
    vec = np.asarray(item.vector, dtype=np.float32)
    norm = float(np.linalg.norm(vec))
    return Doc(item.id, vec / norm if norm else vec, tfidf(f.terms, term_df),
               tfidf(f.entities, entity_df), f.lexical_space, item.time,
               tuple(f.terms), tuple(f.entities))


@dataclass
class Story:
    """A story: its members and the sums that make average-link scores O(1) per story."""

    key: int
    dim: int
    members: dict[int, None] = field(default_factory=dict)  # ordered set of doc ids
    vec_sum: np.ndarray = field(init=False)
    vec_by_space: dict[str, np.ndarray] = field(default_factory=dict)
    terms: SpaceSums = field(default_factory=SpaceSums)
    entities: SpaceSums = field(default_factory=SpaceSums)
    time_sum: float = 0.0
    time_n: int = 0
    first: float | None = None
    last: float | None = None
    changed: bool = True  # touched since the last repair pass
    checked_size: int = 0  # size when the repair pass last tested it for a split

    def __post_init__(self) -> None:
        self.vec_sum = np.zeros(self.dim, dtype=np.float64)

    @property
    def size(self) -> int:
        return len(self.members)

    def count(self, space: str) -> int:
        """Members whose terms are in ``space`` (one language, or English translations)."""
        return self.terms.counts.get(space, 0)

    @property
    def centre(self) -> float | None:
        """Mean publication time of the dated members."""
        return self.time_sum / self.time_n if self.time_n else None

    def add(self, doc: Doc) -> None:
        """Take a doc in."""
        self.members[doc.id] = None
        self._account(doc, 1)
        if doc.time is not None:
            self.first = doc.time if self.first is None else min(self.first, doc.time)
            self.last = doc.time if self.last is None else max(self.last, doc.time)
        self.changed = True

    def discard(self, doc: Doc) -> None:
        """Let a doc go (it moved to another story); first/last stay as history."""
        if self.members.pop(doc.id, 0) is None:
            self._account(doc, -1)
            self.changed = True

    def _account(self, doc: Doc, sign: int) -> None:
        self.vec_sum += sign * doc.vector
        space_sum = self.vec_by_space.setdefault(doc.space, np.zeros(self.dim, np.float64))
        space_sum += sign * doc.vector
        self.terms.add(doc.space, doc.terms, sign)
        self.entities.add(doc.space, doc.entities, sign)
        if doc.space not in self.terms.counts:
            del self.vec_by_space[doc.space]
        if doc.time is not None:
            self.time_sum += sign * doc.time
            self.time_n += sign

    def absorb(self, other: Story) -> None:
        """Take every member of another story (a merge)."""
        self.members.update(other.members)
        self.vec_sum += other.vec_sum
        for space, vec in other.vec_by_space.items():
            self.vec_by_space.setdefault(space, np.zeros(self.dim, np.float64))
            self.vec_by_space[space] += vec
        self.terms.merge(other.terms)
        self.entities.merge(other.entities)
        self.time_sum += other.time_sum
        self.time_n += other.time_n
        for t in (other.first, other.last):
            if t is not None:
                self.first = t if self.first is None else min(self.first, t)
                self.last = t if self.last is None else max(self.last, t)
        self.changed = True

    def centroid(self) -> np.ndarray:
        """The unit mean direction of the members."""
        norm = float(np.linalg.norm(self.vec_sum))
        return (self.vec_sum / norm).astype(np.float32) if norm else self.vec_sum.astype(np.float32)
