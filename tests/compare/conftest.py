"""Fixtures for the comparison tests: a story-article factory and two embedders."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from datetime import UTC, datetime, timedelta
from typing import Any

import numpy as np
import pytest

from rashomon.compare.story import StoryArticle, with_sentences
from rashomon.compare.text import content_words

MakeArticle = Callable[..., StoryArticle]


def hash_embed(texts: Sequence[str]) -> np.ndarray:
    """Bag of content words hashed into 512 dimensions: same-language similarity, no model."""
    out = np.zeros((len(texts), 512), dtype=np.float32)
    for row, text in enumerate(texts):
        for word in content_words(text):
            out[row, int(hashlib.md5(word.encode()).hexdigest(), 16) % 512] += 1.0
    norms = np.linalg.norm(out, axis=1, keepdims=True)
    return np.divide(out, norms, out=np.zeros_like(out), where=norms > 0)


@pytest.fixture
def embed_words() -> Callable[[Sequence[str]], np.ndarray]:
    """A deterministic same-language embedder (bag of hashed words)."""
    return hash_embed


@pytest.fixture(scope="session")
def embed_multilingual() -> Callable[[Sequence[str]], np.ndarray]:
    """The bundled multilingual USE embedder (fast, no network)."""
    from rashomon.embed.use import UseEmbedder

    model = UseEmbedder()
    return lambda texts: model.embed(list(texts))


@pytest.fixture
def make_article() -> MakeArticle:
    """Build a StoryArticle from paragraphs; sentences come from the extraction splitter."""
    base = datetime(2026, 10, 18, 6, 0, tzinfo=UTC)

    def make(aid: str, outlet: str, country: str, language: str, *paragraphs: str,
             hours: float = 0.0, **extra: Any) -> StoryArticle:
        return with_sentences(StoryArticle(
            aid, outlet, country, language, "\n\n".join(paragraphs),
            published=base + timedelta(hours=hours), **extra))

    return make
