"""A story's articles as the analysis sees them, the embed callable, and the cost caps."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime

import numpy as np

from rashomon.extract.sentences import split_sentences

# texts -> one float32 unit row per text; the caller picks and caches the model.
Embed = Callable[[Sequence[str]], np.ndarray]

# Analysis is recomputed whenever a story changes, so its cost is capped: at most this many
# articles (originals first, then the earliest copies) and sentences per article (news is
# front-loaded: the lead and the first paragraphs carry the claims, quotes and figures).
MAX_ARTICLES = 40
MAX_SENTENCES = 60


@dataclass(frozen=True)
class StorySentence:
    """A sentence with offsets into its article's text and an optional English translation."""

    index: int
    start: int
    end: int
    text: str
    paragraph: int = 0
    text_en: str | None = None


@dataclass(frozen=True)
class StoryArticle:
    """One article of a story: clean text, sentences and what the analysis needs to credit it."""

    id: str
    outlet: str
    country: str
    language: str
    text: str
    sentences: tuple[StorySentence, ...] = ()
    title: str = ""
    title_en: str | None = None
    published: datetime | None = None
    is_copy: bool = False
    origin: str | None = None  # id of the original article when this is a copy

    @property
    def support_key(self) -> str:
        """The article whose outlet a statement here credits: a copy credits its original."""
        return self.origin if self.is_copy and self.origin else self.id


@dataclass(frozen=True)
class Caps:
    """How much of a story the analysis read."""

    max_articles: int = MAX_ARTICLES
    max_sentences: int = MAX_SENTENCES
    articles_total: int = 0
    articles_used: int = 0
    sentences_dropped: int = 0
    dropped_articles: list[str] = field(default_factory=list)


def with_sentences(article: StoryArticle) -> StoryArticle:
    """The article with sentences split from its text when the caller supplied none."""
    if article.sentences:
        return article
    split = split_sentences(article.text)
    sentences = tuple(StorySentence(s.index, s.start, s.end, s.text, s.paragraph) for s in split)
    return replace(article, sentences=sentences)


def _order_key(article: StoryArticle) -> tuple[int, float, str]:
    when = article.published.timestamp() if article.published else float("inf")
    return (1 if article.is_copy else 0, when, article.id)


def select(
    articles: Sequence[StoryArticle],
    max_articles: int = MAX_ARTICLES,
    max_sentences: int = MAX_SENTENCES,
) -> tuple[list[StoryArticle], Caps]:
    """The articles the analysis reads (originals first, earliest first) and what was left out."""
    ordered = sorted(articles, key=_order_key)
    kept = ordered[:max_articles]
    chosen: list[StoryArticle] = []
    dropped_sentences = 0
    for article in kept:
        full = with_sentences(article)
        dropped_sentences += max(0, len(full.sentences) - max_sentences)
        chosen.append(replace(full, sentences=full.sentences[:max_sentences]))
    caps = Caps(
        max_articles,
        max_sentences,
        len(articles),
        len(chosen),
        dropped_sentences,
        [a.id for a in ordered[max_articles:]],
    )
    return chosen, caps


def flat_sentences(articles: Sequence[StoryArticle]) -> list[tuple[StoryArticle, StorySentence]]:
    """Every (article, sentence) pair of a story in article order."""
    return [(a, s) for a in articles for s in a.sentences]


def embed_texts(embed: Embed, texts: Sequence[str]) -> np.ndarray:
    """Unit rows for texts (a (0, 1) array for none) so callers need no special case."""
    if not texts:
        return np.zeros((0, 1), dtype=np.float32)
    rows = np.asarray(embed(list(texts)), dtype=np.float32)
    norms = np.linalg.norm(rows, axis=1, keepdims=True)
    return np.divide(rows, norms, out=np.zeros_like(rows), where=norms > 0)
