"""Persistent embedding cache: vectors keyed by (text hash, model id)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import numpy as np
from sqlalchemy import Connection, select

from rashomon.store.articles import utcnow
from rashomon.store.schema import embeddings
from rashomon.store.upsert import upsert


def save_vectors(conn: Connection, model_id: str,
                 items: Iterable[tuple[str, np.ndarray]]) -> int:
    """Store vectors by text hash for one model; returns how many."""
    n = 0
    for text_hash, vec in items:
        v = np.asarray(vec, dtype="<f4")
        upsert(conn, embeddings, {"text_hash": text_hash, "model_id": model_id,
                                  "dim": int(v.shape[0]), "vector": v.tobytes(),
                                  "created_at": utcnow()}, ["text_hash", "model_id"])
        n += 1
    return n


def load_vectors(conn: Connection, model_id: str,
                 hashes: Sequence[str]) -> dict[str, np.ndarray]:
    """Vectors stored for these text hashes under one model (missing ones are absent)."""
    out: dict[str, np.ndarray] = {}
    for i in range(0, len(hashes), 500):
        chunk = list(hashes[i:i + 500])
        q = select(embeddings.c.text_hash, embeddings.c.vector).where(
            embeddings.c.model_id == model_id, embeddings.c.text_hash.in_(chunk))
        for h, blob in conn.execute(q):
            out[h] = np.frombuffer(blob, dtype="<f4").copy()
    return out
