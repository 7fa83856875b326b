"""Sentence embeddings: the Embedder protocol, its registry and the bundled backends."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from rashomon.embed.base import (
    ENTRY_POINT_GROUP,
    Embedder,
    EmbedderError,
    Kind,
    UnknownEmbedderError,
    available,
    get_embedder,
    register,
)
from rashomon.embed.cache import CachedEmbedder, EmbeddingCache, cache_key

__all__ = [
    "ENTRY_POINT_GROUP",
    "CachedEmbedder",
    "Embedder",
    "EmbedderError",
    "EmbeddingCache",
    "Kind",
    "UnknownEmbedderError",
    "available",
    "cache_key",
    "embedder_from_settings",
    "get_embedder",
    "register",
]

# Settings that become backend options when set (empty means "the backend's default").
_SETTING_OPTIONS = {"embedder_model": "model", "embedder_url": "url", "embedder_api_key": "api_key"}


def embedder_from_settings(settings: Mapping[str, Any]) -> Embedder:
    """Build the embedder the settings name, passing only the options that are set."""
    options = {opt: settings[name] for name, opt in _SETTING_OPTIONS.items() if settings.get(name)}
    return get_embedder(settings.get("embedder") or "default", **options)
