"""An HNSW nearest-neighbour index over unit vectors that grows and forgets (hnswlib)."""

from __future__ import annotations

import hnswlib
import numpy as np

_SEED = 100  # fixed so the graph, and so the clustering, is the same for the same input order


class VectorIndex:
    """Inner-product k-NN over the articles of the active window; ids are caller integers."""

    def __init__(self, dim: int, capacity: int = 1024, m: int = 16, ef: int = 96):
        self.dim = dim
        self.m = m
        self.ef = ef
        self._vectors: dict[int, np.ndarray] = {}  # live items, for rebuilding
        self._dead: set[int] = set()  # deleted labels still occupying slots
        self._index = self._new_index(capacity)

    def _new_index(self, capacity: int) -> hnswlib.Index:
        index = hnswlib.Index(space="ip", dim=self.dim)
        index.init_index(max_elements=max(capacity, 16), ef_construction=200, M=self.m,
                         random_seed=_SEED)
        index.set_num_threads(1)  # multi-threaded inserts would make the graph vary
        return index

    def __len__(self) -> int:
        return len(self._vectors)

    def __contains__(self, item: object) -> bool:
        return item in self._vectors

    def add(self, item: int, vector: np.ndarray) -> None:
        """Insert one vector under ``item``."""
        if item in self._vectors:
            return
        row = np.asarray(vector, dtype=np.float32).reshape(1, -1)
        if item in self._dead:  # back in the window: revive the old slot with the new vector
            self._index.unmark_deleted(item)
            self._dead.discard(item)
        elif self._index.get_current_count() >= self._index.get_max_elements():
            self._index.resize_index(2 * self._index.get_max_elements())
        self._index.add_items(row, np.asarray([item]))
        self._vectors[item] = row[0]

    def remove(self, item: int) -> None:
        """Forget one vector (it left the active window)."""
        if self._vectors.pop(item, None) is None:
            return
        self._index.mark_deleted(item)
        self._dead.add(item)
        if len(self._dead) > max(1024, len(self._vectors)):
            self._rebuild()

    def _rebuild(self) -> None:
        # Deleted slots slow queries and hold memory; insert the live ones afresh, in id order.
        self._index = self._new_index(2 * len(self._vectors))
        self._dead.clear()
        for item in sorted(self._vectors):
            self._index.add_items(self._vectors[item].reshape(1, -1), np.asarray([item]))

    def query(self, vector: np.ndarray, k: int) -> list[tuple[int, float]]:
        """Up to k (id, cosine) pairs, most similar first."""
        k = min(k, len(self._vectors))
        if k <= 0:
            return []
        self._index.set_ef(max(self.ef, 2 * k))
        row = np.asarray(vector, dtype=np.float32).reshape(1, -1)
        while k > 0:
            try:
                labels, distances = self._index.knn_query(row, k=k)
                return [(int(i), 1.0 - float(d))
                        for i, d in zip(labels[0], distances[0], strict=True)]
            except RuntimeError:  # too many deleted neighbours for k results: ask for fewer
                k //= 2
        return []
