"""In-memory LRU of embeddings keyed by (sha1 of text, model id), and a caching Embedder wrapper."""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from collections.abc import Sequence

import numpy as np

from rashomon.embed.base import Embedder, Kind, check_kind, empty

Key = tuple[str, str]


def cache_key(text: str, model_id: str, kind: Kind = "passage") -> Key:
    """(sha1 hex of the UTF-8 text, model id); query vectors get ":query" on the model id."""
    digest = hashlib.sha1(text.encode("utf-8"), usedforsecurity=False).hexdigest()
    return digest, model_id if kind == "passage" else f"{model_id}:{kind}"


class EmbeddingCache:
    """A thread-safe least-recently-used map from cache keys to read-only vectors."""

    def __init__(self, max_items: int = 100_000) -> None:
        if max_items < 1:
            raise ValueError(f"max_items must be at least 1, got {max_items}")
        self.max_items = max_items
        self.hits = 0
        self.misses = 0
        self._items: OrderedDict[Key, np.ndarray] = OrderedDict()
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return len(self._items)

    def __contains__(self, key: object) -> bool:
        return key in self._items

    def get(self, key: Key) -> np.ndarray | None:
        """The stored vector, marked most recently used; None on a miss."""
        with self._lock:
            vector = self._items.get(key)
            if vector is None:
                self.misses += 1
                return None
            self._items.move_to_end(key)
            self.hits += 1
            return vector

    def put(self, key: Key, vector: np.ndarray) -> None:
        """Store a copy of ``vector``, evicting the least recently used entry when full."""
        stored = np.array(vector, dtype=np.float32, copy=True)
        stored.setflags(write=False)
        with self._lock:
            self._items[key] = stored
            self._items.move_to_end(key)
            while len(self._items) > self.max_items:
                self._items.popitem(last=False)

    def clear(self) -> None:
        """Drop every entry and reset the counters."""
        with self._lock:
            self._items.clear()
            self.hits = self.misses = 0


class CachedEmbedder:
    """An Embedder that asks ``inner`` only for texts it has not embedded before."""

    def __init__(self, inner: Embedder, cache: EmbeddingCache | None = None) -> None:
        self.inner = inner
        self.cache = cache if cache is not None else EmbeddingCache()
        self.model_id = inner.model_id

    @property
    def dim(self) -> int:
        """Vector size of the wrapped embedder."""
        return self.inner.dim

    def embed(self, texts: Sequence[str], kind: Kind = "passage") -> np.ndarray:
        """Cached rows for known texts; one inner call for the distinct new ones."""
        check_kind(kind)
        if len(texts) == 0:
            return empty(self.dim)
        keys = [cache_key(t, self.model_id, kind) for t in texts]
        found = {k: v for k in dict.fromkeys(keys) if (v := self.cache.get(k)) is not None}
        todo = {k: t for k, t in zip(keys, texts, strict=True) if k not in found}
        if todo:
            rows = self.inner.embed(list(todo.values()), kind)
            for key, row in zip(todo, rows, strict=True):
                self.cache.put(key, row)
                found[key] = row
        return np.stack([found[k] for k in keys]).astype(np.float32, copy=False)
