"""The bundled default embedder, chosen by measurement (docs/embeddings.md)."""

from __future__ import annotations

from typing import Any

from rashomon.embed.base import Embedder, get_embedder, register

# e5 + USE concatenated: the lowest Tatoeba error of the bundled options on all 14
# languages; USE alone is faster but fails outside its 16 languages.
DEFAULT_BACKEND = "combined"


@register("default")
def make_default(**options: Any) -> Embedder:
    """Build the bundled backend that the measurements picked."""
    return get_embedder(DEFAULT_BACKEND, **options)
