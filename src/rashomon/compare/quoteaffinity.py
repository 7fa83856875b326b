"""How strongly two quotes render one statement: meaning, paraphrase context, containment."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from rashomon.compare.quotes import Quote
from rashomon.compare.story import Embed, StoryArticle, embed_texts
from rashomon.compare.text import content_words, overlap, robust_scores, tokens

FULL_WORDS = 6  # tokens (CJK: character pairs) a quote needs to stand for a whole statement
CONTAINED = 0.7  # share of a fragment's content words found in a longer quote of its language


def context(quote: Quote, article: StoryArticle | None, others: Sequence[Quote] = ()) -> str:
    """The sentences holding a quote, the article's other quotes in them masked."""
    # "she called it 'a debt'" paraphrases a partial quote; a second quote in the same
    # sentence is another statement and must not lend its words
    if article is None or not article.sentences:
        return quote.text
    inside = [s for s in article.sentences if s.start < quote.end and s.end > quote.start]
    if not inside:
        return quote.text
    start, end = min(s.start for s in inside), max(s.end for s in inside)
    text = article.text
    for other in sorted(others, key=lambda q: -q.start):
        if other is not quote and start <= other.start and other.end <= end:
            text = text[: other.start] + "…" + text[other.end :]
            end -= other.end - other.start - 1
    return text[start:end]


def _stems(text: str) -> set[str]:
    # a crude stem (first five letters) lets "legitimate target" lie within "legitimate targets"
    return {w[:5] for w in content_words(text)}


def contained(a: Quote, b: Quote) -> bool:
    """Whether one quote's words lie within the other's (same language: a partial quote)."""
    if a.language != b.language:
        return False
    wa, wb = _stems(a.text), _stems(b.text)
    return bool(wa and wb) and overlap(wa, wb) >= CONTAINED


def affinities(quotes: Sequence[Quote], embed: Embed, articles: dict[str, StoryArticle],
               sentence_vectors: np.ndarray | None = None) -> np.ndarray:
    """Pairwise scores: the best of quote-to-quote and context-to-quote, in background units.

    The background is every sentence of the other articles; ``sentence_vectors`` (one row per
    sentence of ``articles`` in order, as analyse_story has them) saves embedding them again.
    """
    n = len(quotes)
    contexts = [context(q, articles.get(q.article), [o for o in quotes if o.article == q.article])
                for q in quotes]
    sentences = [(a.id, s.text) for a in articles.values() for s in a.sentences]
    known = sentence_vectors is not None and len(sentence_vectors) == len(sentences)
    extra = [] if known else [t for _, t in sentences]
    texts = list(dict.fromkeys([q.text for q in quotes] + contexts + extra))
    row = {t: i for i, t in enumerate(texts)}
    vectors = embed_texts(embed, texts)
    qv = vectors[[row[q.text] for q in quotes]]
    cv = vectors[[row[c] for c in contexts]]
    if known and sentence_vectors is not None:
        sv = sentence_vectors
    else:
        sv = vectors[[row[t] for _, t in sentences]] if sentences else np.zeros((0, qv.shape[1]))
    owner = np.array([a for a, _ in sentences])
    own = np.array([q.article for q in quotes])
    foreign = owner[None, :] != own[:, None] if sentences else np.zeros((n, 0), bool)
    q_bg = np.where(foreign, qv @ sv.T, np.nan)
    c_bg = np.where(foreign, cv @ sv.T, np.nan)
    zq = robust_scores(qv @ qv.T, q_bg)
    zc = robust_scores(cv @ qv.T, c_bg)  # row i: quote i's context against every quote
    direct = (zq + zq.T) / 2
    # a sentence around a fragment paraphrases a whole statement, not another fragment: two
    # sentences that both mention "the coalition" do not make "defeat" and "reassurance" one
    size = np.array([len(tokens(q.text)) for q in quotes])
    zc = np.where(size[None, :] < FULL_WORDS, -np.inf, zc)
    paraphrase = np.maximum(zc, zc.T)  # a paraphrase with a partial quote vs the full quote
    return np.maximum(direct, paraphrase).astype(np.float32)
