"""Any sentence-transformers model by name or local path (optional extra: rashomon[st])."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from rashomon.embed.base import (
    DEFAULT_MAX_CHARS,
    EmbedderError,
    Kind,
    check_kind,
    empty,
    normalize,
    register,
    truncate,
)

INSTALL_HINT = "pip install 'rashomon[st]'"


def _import_sentence_transformer() -> Any:
    try:
        from sentence_transformers import SentenceTransformer
    except ImportError as exc:
        raise EmbedderError(
            "the sentence-transformers embedder needs the optional package "
            f"sentence-transformers, which is not installed ({exc}). Install it with: "
            f"{INSTALL_HINT}"
        ) from exc
    return SentenceTransformer


@register("sentence-transformers")
class SentenceTransformersEmbedder:
    """Wraps SentenceTransformer.encode; uses the model's own query/passage prompts if it has them."""

    def __init__(
        self,
        model: str = "",
        device: str = "cpu",
        batch_size: int = 32,
        max_chars: int = DEFAULT_MAX_CHARS,
        query_prefix: str | None = None,
        passage_prefix: str | None = None,
        local_files_only: bool = False,
    ) -> None:
        if not model:
            raise EmbedderError(
                "sentence-transformers: set embedder_model to a model name or a local path, "
                "e.g. sentence-transformers/paraphrase-multilingual-mpnet-base-v2"
            )
        cls = _import_sentence_transformer()
        try:
            self._model = cls(model, device=device, local_files_only=local_files_only)
        except (OSError, ValueError) as exc:
            raise EmbedderError(
                f"sentence-transformers: cannot load model {model!r}: {exc}"
            ) from exc
        self.model_id = f"st:{model}"
        self.batch_size = max(1, int(batch_size))
        self.max_chars = int(max_chars)
        self.prefixes = self._prefixes(query_prefix, passage_prefix)
        # sentence-transformers 5 renamed the method; accept both spellings.
        get_dim = getattr(self._model, "get_sentence_embedding_dimension", None)
        self.dim = int(get_dim() if get_dim else self._model.get_embedding_dimension())

    def _prefixes(self, query: str | None, passage: str | None) -> dict[str, str]:
        # e5/bge-style models ship prompts named like our kinds; explicit options win.
        prompts: dict[str, str] = dict(getattr(self._model, "prompts", None) or {})
        return {
            "query": query if query is not None else prompts.get("query", ""),
            "passage": passage
            if passage is not None
            else prompts.get("passage", prompts.get("document", "")),
        }

    def embed(self, texts: Sequence[str], kind: Kind = "passage") -> np.ndarray:
        """Embed texts with the model, batch_size at a time."""
        check_kind(kind)
        if len(texts) == 0:
            return empty(self.dim)
        prefix = self.prefixes[kind]
        prepared = [prefix + truncate(t, self.max_chars) for t in texts]
        rows = self._model.encode(
            prepared,
            batch_size=self.batch_size,
            convert_to_numpy=True,
            normalize_embeddings=True,
            show_progress_bar=False,
        )
        return normalize(np.asarray(rows).reshape(len(prepared), self.dim))
