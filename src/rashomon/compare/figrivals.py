"""Rival values of one kind: disputes within an article, co-reported quantities, repeats."""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from rashomon.compare.figcontext import MASK, window
from rashomon.compare.figkinds import CONTRAST, DISCREPANCY, STANCES
from rashomon.compare.figures import Figure, family
from rashomon.compare.numbers import same_value
from rashomon.compare.story import StoryArticle

MAX_RATIO = 2.0  # rival reports of one quantity differ by less than this factor


def agree(a: Figure, b: Figure) -> bool:
    """Whether two figures give one value, allowing for rounding (4.2m ~ 4,213,000)."""
    return same_value(a.value, a.precision, b.value, b.precision)


def compatible(a: Figure, b: Figure) -> bool:
    """Whether two figures may measure one quantity: same kind, role, day and episode."""
    if (a.dimension, family(a.counts)) != (b.dimension, family(b.counts)) or a.earlier != b.earlier:
        return False
    if a.role and b.role and a.role != b.role:
        return False
    return not (a.days and b.days and not set(a.days) & set(b.days))


def close(a: Figure, b: Figure) -> bool:
    """Whether two values are near enough to be rival reports of one quantity."""
    low, high = sorted((abs(a.value), abs(b.value)))
    return low > 0 and high / low <= MAX_RATIO


def co_reported(figures: Sequence[Figure], a: Figure, b: Figure,
                 articles: dict[str, StoryArticle]) -> bool:
    """Whether an article gives both values as figures of this kind without setting them
    against each other: then they are two quantities ("at a depth of 35 km, 28 km from the
    coast"), not one in dispute ("the company puts the figure at 80,000")."""
    both: dict[str, tuple[list[Figure], list[Figure]]] = {}
    for f in figures:
        if compatible(f, a) and compatible(f, b):
            seen = both.setdefault(f.article, ([], []))
            (seen[0] if agree(f, a) else seen[1] if agree(f, b) else []).append(f)
    return any(x and y and not _disputed(x, y, articles.get(x[0].article))
               for x, y in both.values())


@lru_cache(maxsize=8)
def _markers(words: tuple[str, ...]) -> re.Pattern[str]:
    # whole-word starts, so the Turkish "ise" is not found in "otherwise"; Han and kana have no
    # word breaks to look for
    return re.compile("|".join(re.escape(w) if re.match(r"[\u3040-\u9fff]", w)
                               else rf"(?<!\w){re.escape(w)}" for w in words))


def _disputed(left: list[Figure], right: list[Figure], article: StoryArticle | None,
              words: tuple[str, ...] = CONTRAST) -> bool:
    if article is None:
        return False
    for a in left:
        for b in right:
            if abs(a.sentence - b.sentence) <= 1:
                low, high = sorted((a, b), key=lambda f: f.start)
                stretch = _sentences_text(article, low.sentence - 1, high.sentence).casefold()
                if _markers(words).search(stretch):
                    return True
    return False


def disputes(figures: Sequence[Figure], articles: dict[str, StoryArticle],
              key: dict[str, str]) -> list[tuple[int, int]]:
    """Pairs of one article's figures that it sets against each other as rival values of one
    quantity, kept when another independent article sets the same two values against each
    other too (a lone "while" or "lower" is too little)."""
    found: dict[tuple[float, float], list[tuple[int, int, str]]] = {}
    for i, a in enumerate(figures):
        for j in range(i + 1, len(figures)):
            b = figures[j]
            article = articles.get(a.article)
            if (article and a.article == b.article and compatible(a, b) and not agree(a, b)
                    and a.role == b.role and close(a, b) and _disputed([a], [b], article)
                    and _stance(a, article) == _stance(b, article)):
                pair = (round(min(a.value, b.value), 6), round(max(a.value, b.value), 6))
                found.setdefault(pair, []).append((i, j, key[a.article]))
    return [(i, j) for items in found.values() for i, j, _ in items
            if len({k for _, _, k in items}) > 1
            or _disputed([figures[i]], [figures[j]], articles.get(figures[i].article),
                         DISCREPANCY)]


def repeats(figures: Sequence[Figure]) -> list[tuple[int, int]]:
    """Pairs of one article's figures of one kind and value: a figure said again."""
    return [(i, j) for i, a in enumerate(figures) for j in range(i + 1, len(figures))
            if a.article == figures[j].article and compatible(a, figures[j])
            and agree(a, figures[j])]


def _stance(figure: Figure, article: StoryArticle) -> str:
    near = re.split(r"[,;:，；、]", window(figure, article))  # the figure's own clause
    clause = next((c for c in near if MASK in c), "").casefold()
    return next((s for s, words in STANCES.items() if any(w in clause for w in words)), "")


def _sentences_text(article: StoryArticle, first: int, last: int) -> str:
    return " ".join(s.text for s in article.sentences if first <= s.index <= last)
