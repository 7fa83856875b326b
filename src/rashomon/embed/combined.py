"""Weighted concatenation of several backends: one space whose cosine is a weighted sum."""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

import numpy as np

from rashomon.embed.base import (
    Embedder,
    EmbedderError,
    Kind,
    check_kind,
    empty,
    get_embedder,
    normalize,
    register,
)

# Measured on Tatoeba and STSb (docs/embeddings.md): e5 carries the ~100 languages, USE
# sharpens its 16. Weights 0.8-0.95 all beat e5 alone on the mean; 0.9 was lowest.
DEFAULT_PARTS: tuple[tuple[str, float], ...] = (("e5", 0.9), ("use", 0.1))


def _build(part: str | Embedder, options: dict[str, dict[str, Any]]) -> Embedder:
    """A part given by registry name (with its options) or as a ready embedder."""
    return get_embedder(part, **options.get(part, {})) if isinstance(part, str) else part


@register("combined")
class CombinedEmbedder:
    """Concatenates unit rows scaled by sqrt(weight), so cosine = sum of weight * part cosine.

    Every text goes through every part, whatever its language, so all vectors share one
    space and stay comparable; no language detection is involved.
    """

    def __init__(
        self,
        parts: Sequence[tuple[str | Embedder, float]] = DEFAULT_PARTS,
        part_options: dict[str, dict[str, Any]] | None = None,
    ) -> None:
        if not parts:
            raise EmbedderError("combined: give at least one (backend, weight) part")
        weights = [float(w) for _, w in parts]
        if any(w <= 0 for w in weights):
            raise EmbedderError(f"combined: weights must be positive, got {weights}")
        total = sum(weights)
        options = part_options or {}
        self.parts: list[tuple[Embedder, float]] = [
            (_build(part, options), w / total) for (part, _), w in zip(parts, weights, strict=True)
        ]
        self.model_id = "combined:" + "+".join(
            f"{embedder.model_id}*{weight:.3g}" for embedder, weight in self.parts
        )

    @property
    def dim(self) -> int:
        """Sum of the parts' sizes."""
        return sum(embedder.dim for embedder, _ in self.parts)

    def embed(self, texts: Sequence[str], kind: Kind = "passage") -> np.ndarray:
        """Embed with every part and join the scaled rows."""
        check_kind(kind)
        if len(texts) == 0:
            return empty(self.dim)
        rows = [math.sqrt(w) * embedder.embed(texts, kind) for embedder, w in self.parts]
        return normalize(np.hstack(rows))
