"""Figure alignment: the same quantity across articles; a conflict only when its values differ."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from rashomon.compare.claims import SentenceScores
from rashomon.compare.figcontext import local_scores
from rashomon.compare.figrivals import agree, close, co_reported, compatible, disputes, repeats
from rashomon.compare.figures import Figure, FigureGroup, FigureValue
from rashomon.compare.story import Embed, StoryArticle

# Evidence that two figures of one kind measure one quantity: how alike their sentences are
# (claims.SentenceScores) and, when an embedder is given, how alike the words right around the
# numbers are (figcontext.local_scores: "prize of 40,000" vs "bonus of 50,000" in one sentence).
# Figures of two articles align only as mutual best matches of their kind, so an article that
# gives a prize and a bonus cannot pair both with one figure of another. The same value aligns
# on weak evidence (SAME_VALUE_MIN); different values, which make a conflict, need strong
# evidence (DIFFERENT_VALUE_MIN), values close to each other (figrivals.close) and no article
# that gives both as two quantities (figrivals.co_reported): 26 countries pledged and 35 met
# stay apart, and so do a 15-second margin and a 2-hour time. An article that sets two values
# against each other ("the company puts the figure at 80,000") links them first (DISPUTED).
SAME_VALUE_MIN = 0.0
DIFFERENT_VALUE_MIN = 2.2
DIFFERENT_VALUE_MEDIAN = 1.5
DISPUTED = 10.0
JOIN = 1.0  # average evidence a merged group keeps (no chaining of loose matches)
LOCAL_WEIGHT = 1.0
LOCAL_MIN = 1.0  # rival values must also be said in like words: "pledged" is not "met"
SENTENCE_ALONE = 2.5  # ... unless their whole sentences state one claim


def _evidence(figures: Sequence[Figure], scored: SentenceScores, local: np.ndarray | None
              ) -> np.ndarray:
    n = len(figures)
    out = np.zeros((n, n), dtype=np.float32)
    for i, a in enumerate(figures):
        for j in range(i + 1, n):
            b = figures[j]
            value = scored.get((a.article, a.sentence), (b.article, b.sentence))
            if local is not None:
                value += LOCAL_WEIGHT * float(local[i, j])
            out[i, j] = out[j, i] = value
    return out


def _links(figures: Sequence[Figure], evidence: np.ndarray, rivals: set[tuple[int, int]],
           articles: dict[str, StoryArticle], local: np.ndarray | None
           ) -> list[tuple[float, int, int]]:
    """Pairs of figures that are each other's best match of their kind in the other article."""
    best: dict[tuple[int, str], tuple[float, int]] = {}
    for i, a in enumerate(figures):
        for j, b in enumerate(figures):
            if a.article == b.article or not compatible(a, b):
                continue
            if not agree(a, b) and (a.role != b.role or not close(a, b)):
                continue  # "91 drones" vs "92 drones destroyed": too little for a conflict
            slot = (i, b.article)
            if slot not in best or evidence[i, j] > best[slot][0]:
                best[slot] = (float(evidence[i, j]), j)
    links = [(DISPUTED, i, j) for i, j in sorted(rivals)]
    for (i, _), (score, j) in best.items():
        mutual = best.get((j, figures[i].article))
        if i < j and mutual and mutual[1] == i:
            a, b = figures[i], figures[j]
            if agree(a, b):
                if score >= SAME_VALUE_MIN:
                    links.append((score, i, j))
                continue
            near = (local is None or local[i, j] >= LOCAL_MIN
                    or score - LOCAL_WEIGHT * local[i, j] >= SENTENCE_ALONE)
            if score >= DIFFERENT_VALUE_MIN and near and not co_reported(figures, a, b,
                                                                           articles):
                links.append((score, i, j))
    return sorted(links, reverse=True)


def _can_merge(left: list[int], right: list[int], figures: Sequence[Figure],
               evidence: np.ndarray, rivals: set[tuple[int, int]]) -> bool:
    scores, different = [], []
    for x in left:
        for y in right:
            a, b = figures[x], figures[y]
            if not compatible(a, b) or (not agree(a, b) and not close(a, b)):
                return False
            if a.article == b.article:
                if not agree(a, b) and (min(x, y), max(x, y)) not in rivals:
                    return False  # an article gives one value per quantity, unless disputed
                continue
            if agree(a, b) or not _same_values(left, right, figures):
                scores.append(float(evidence[x, y]))
            if not agree(a, b):
                different.append(float(evidence[x, y]))
    if different and not _same_values(left, right, figures) and (
            float(np.median(different)) < DIFFERENT_VALUE_MEDIAN):
        return False  # a conflict needs most of its cross-value pairs to agree, not one
    return not scores or sum(scores) / len(scores) >= JOIN


def _same_values(left: list[int], right: list[int], figures: Sequence[Figure]) -> bool:
    """Whether two groups give the same values (one dispute told twice): merging them adds no
    new rival value, so only their equal values need to match."""
    def covered(xs: list[int], ys: list[int]) -> bool:
        return all(any(agree(figures[x], figures[y]) for y in ys) for x in xs)

    return covered(left, right) and covered(right, left)


def _clusters(figures: Sequence[Figure], evidence: np.ndarray, key: dict[str, str],
              articles: dict[str, StoryArticle], local: np.ndarray | None
              ) -> list[list[Figure]]:
    group = list(range(len(figures)))
    members: dict[int, list[int]] = {i: [i] for i in range(len(figures))}
    rivals = set(disputes(figures, articles, key))

    def merge(gi: int, gj: int) -> None:
        for k in members[gj]:
            group[k] = gi
        members[gi] += members.pop(gj)

    for _, i, j in _links(figures, evidence, rivals, articles, local):
        gi, gj = group[i], group[j]
        if gi != gj and _can_merge(members[gi], members[gj], figures, evidence, rivals):
            merge(gi, gj)
    for i, j in repeats(figures):  # a figure said again joins the group of its first mention
        gi, gj = group[i], group[j]
        if gi != gj and len(members[gj]) == 1:
            merge(gi, gj)
        elif gi != gj and len(members[gi]) == 1:
            merge(gj, gi)
    return [[figures[k] for k in sorted(m)] for m in members.values()]


def _values(figures: list[Figure], articles: dict[str, StoryArticle]) -> list[FigureValue]:
    present = {f.article for f in figures}
    values: list[tuple[Figure, set[str], set[str]]] = []
    for f in figures:
        article = articles.get(f.article)
        adds = not (article and article.is_copy and article.origin in present)
        slot = next((v for v in values if agree(v[0], f)), None)
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
                  articles: Sequence[StoryArticle], embed: Embed | None = None
                  ) -> list[FigureGroup]:
    """Figures grouped by the quantity they measure, most reported first; conflicts flagged."""
    by_id = {a.id: a for a in articles}
    key = {a.id: a.support_key for a in articles}
    for f in figures:
        key.setdefault(f.article, f.article)
    local = None
    if embed is not None and figures:
        peers = np.array([[a.article != b.article and compatible(a, b) for b in figures]
                          for a in figures], dtype=bool)
        local = local_scores(figures, by_id, embed, peers)
    evidence = _evidence(figures, scored, local)
    groups = []
    for cluster in _clusters(figures, evidence, key, by_id, local):
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
