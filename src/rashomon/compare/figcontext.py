"""The words around a figure, compared across articles and languages by meaning."""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np

from rashomon.compare.figures import Figure
from rashomon.compare.story import Embed, StoryArticle, embed_texts
from rashomon.compare.text import robust_scores

REACH = 48  # characters either side: the figure's clause, not the whole sentence
REACH_CJK = 16  # Han and kana pack a clause into fewer characters
_CJK = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")
MASK = "#"  # the number itself is left out: two values of one quantity should look alike


def window(figure: Figure, article: StoryArticle) -> str:
    """The figure's surroundings within its sentence, the number masked."""
    sentence = next((s for s in article.sentences if s.start <= figure.start < s.end), None)
    low, high = (sentence.start, sentence.end) if sentence else (0, len(article.text))
    text = article.text
    reach = REACH_CJK if _CJK.search(text[figure.start : figure.end + 4]) else REACH
    start, end = max(low, figure.start - reach), min(high, figure.end + reach)
    while start > low and not text[start - 1].isspace() and reach == REACH:
        start += 1  # whole words only
    while end < high and not text[end].isspace() and reach == REACH:
        end -= 1
    return f"{text[start : figure.start]}{MASK}{text[figure.end : end]}".strip()


def local_scores(figures: Sequence[Figure], articles: dict[str, StoryArticle], embed: Embed,
                 peers: np.ndarray) -> np.ndarray:
    """Pair scores of the figures' surroundings, in deviations from each one's background:
    its ``peers`` (figures of its kind elsewhere), so that what counts is how a clause differs
    from others about the same kind of thing, not that both speak of countries."""
    texts = [window(f, articles[f.article]) if f.article in articles else f.text
             for f in figures]
    unique = list(dict.fromkeys(texts))
    vectors = embed_texts(embed, unique)
    rows = vectors[[unique.index(t) for t in texts]]
    sims = rows @ rows.T
    background = np.where(peers, sims, np.nan)
    z = robust_scores(sims, background)
    return ((z + z.T) / 2).astype(np.float32)
