"""Figure alignment: the same quantity across articles; a conflict only when its values differ."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from rashomon.compare.claims import MATCH, SentenceScores
from rashomon.compare.figures import Figure, FigureGroup, FigureValue, family
from rashomon.compare.numbers import same_value
from rashomon.compare.story import StoryArticle

# Two figures of one kind and one value are one quantity unless their sentences clearly differ
# (score below SAME_VALUE_MIN); figures of different values are one quantity, hence a conflict,
# only when their sentences state the same claim: the closest pair reaches claims.MATCH and
# the median pair DIFFERENT_VALUE_MEDIAN (cross-language pairs score lower, so not the mean).
# That asymmetry keeps false conflicts rare: "26 countries pledged" and "35 countries met"
# stay apart.
SAME_VALUE_MIN = 0.0
DIFFERENT_VALUE_MIN = MATCH
DIFFERENT_VALUE_MEDIAN = 1.0


def _agree(a: Figure, b: Figure) -> bool:
    return same_value(a.value, a.precision, b.value, b.precision)


def compatible(a: Figure, b: Figure) -> bool:
    """Whether two figures may measure one quantity: same kind, role, day and episode."""
    if (a.dimension, family(a.counts)) != (b.dimension, family(b.counts)) or a.earlier != b.earlier:
        return False
    if a.role and b.role and a.role != b.role:
        return False
    return not (a.days and b.days and not set(a.days) & set(b.days))


def _score(a: Figure, b: Figure, scored: SentenceScores) -> float:
    return scored.get((a.article, a.sentence), (b.article, b.sentence))


def _can_merge(left: list[Figure], right: list[Figure], scored: SentenceScores) -> bool:
    different: list[float] = []
    equal: list[float] = []
    for a in left:
        for b in right:
            if not compatible(a, b):
                return False
            if a.article == b.article:
                if not _agree(a, b):
                    return False  # an article gives one value per quantity
                continue
            if not _agree(a, b) and a.role != b.role:
                return False  # "91 drones" and "92 drones destroyed": too little to call a conflict
            (equal if _agree(a, b) else different).append(_score(a, b, scored))
    if different and (max(different) < DIFFERENT_VALUE_MIN
                      or float(np.median(different)) < DIFFERENT_VALUE_MEDIAN):
        return False
    return not equal or sum(equal) / len(equal) >= SAME_VALUE_MIN


def _clusters(figures: Sequence[Figure], scored: SentenceScores) -> list[list[Figure]]:
    pairs = []
    for i, a in enumerate(figures):
        for j in range(i + 1, len(figures)):
            b = figures[j]
            if a.article != b.article and compatible(a, b):
                agree = _agree(a, b)
                if not agree and a.role != b.role:
                    continue
                score = _score(a, b, scored)
                if score >= (SAME_VALUE_MIN if agree else DIFFERENT_VALUE_MIN):
                    pairs.append((not agree, -score, i, j))
    group = list(range(len(figures)))
    members: dict[int, list[int]] = {i: [i] for i in range(len(figures))}
    for _, _, i, j in sorted(pairs):
        gi, gj = group[i], group[j]
        if gi == gj:
            continue
        left = [figures[k] for k in members[gi]]
        right = [figures[k] for k in members[gj]]
        if not _can_merge(left, right, scored):
            continue
        for k in members[gj]:
            group[k] = gi
        members[gi] += members.pop(gj)
    return [[figures[k] for k in sorted(m)] for m in members.values()]


def _values(figures: list[Figure], articles: dict[str, StoryArticle]) -> list[FigureValue]:
    present = {f.article for f in figures}
    values: list[tuple[Figure, set[str], set[str]]] = []
    for f in figures:
        article = articles.get(f.article)
        adds = not (article and article.is_copy and article.origin in present)
        slot = next((v for v in values if _agree(v[0], f)), None)
        if slot is None:
            slot = (f, set(), set())
            values.append(slot)
        if adds:
            slot[1].add(f.outlet)
            if f.country:
                slot[2].add(f.country)
    out = [FigureValue(f.value, f.text, sorted(o), sorted(c)) for f, o, c in values]
    return sorted(out, key=lambda v: (-len(v.outlets), v.value))


def align_figures(figures: Sequence[Figure], scored: SentenceScores,
                  articles: Sequence[StoryArticle]) -> list[FigureGroup]:
    """Figures grouped by the quantity they measure, most reported first; conflicts flagged."""
    by_id = {a.id: a for a in articles}
    groups = []
    for cluster in _clusters(figures, scored):
        first = cluster[0]
        role = next((f.role for f in cluster if f.role), "")
        values = _values(cluster, by_id)
        groups.append(FigureGroup(0, first.dimension, first.counts, role, cluster, values,
                                  conflict=len(values) > 1))
    groups.sort(key=lambda g: (-len({f.outlet for f in g.figures}), g.figures[0].article,
                               g.figures[0].start))
    for number, group in enumerate(groups):
        group.id = number
    return groups
