"""Quote groups: one statement as each outlet renders it, side by side, differences marked."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from difflib import SequenceMatcher

import numpy as np

from rashomon.compare.names import same_person, skeleton
from rashomon.compare.quotes import Quote
from rashomon.compare.story import Embed, StoryArticle, embed_texts
from rashomon.compare.text import content_words, jaccard, overlap, script_of, standard_scores

# Two quotes render one statement when their standard score (see text.standard_scores)
# reaches MATCH, or SAME_SPEAKER when both name the same person; a fragment whose words lie
# within a longer quote of the same language joins it (CONTAINED share of its content words).
MATCH = 2.0
SAME_SPEAKER = 1.2
CONTAINED = 0.7
ADJACENT = 400  # characters: two quotes of one article this close may be halves of one statement
JOIN = 1.0  # average link score a merged group must keep (no chaining of one speaker's quotes)
CONTAINED_BONUS = 2.0


@dataclass(frozen=True)
class DiffOp:
    """A word-level difference of a variant against the group's reference rendering."""

    op: str  # equal, replace, insert, delete
    reference: str
    text: str


@dataclass
class QuoteVariant:
    """One outlet's rendering of a statement."""

    quote: Quote
    diff: list[DiffOp] = field(default_factory=list)  # against the reference, same language


@dataclass
class QuoteGroup:
    """A statement and its renderings across outlets and languages."""

    id: int
    speaker: str
    variants: list[QuoteVariant]
    outlets: list[str] = field(default_factory=list)
    languages: list[str] = field(default_factory=list)
    reference: int = 0  # index of the variant the diffs compare against


def _compatible(a: Quote, b: Quote) -> bool:
    if a.speaker and b.speaker and script_of(a.speaker) == script_of(b.speaker):
        return same_person(a.speaker, b.speaker)
    return True  # unknown or cross-script speakers are judged by meaning alone


def _stems(text: str) -> set[str]:
    # a crude stem (first five letters) lets "legitimate target" lie within "legitimate targets"
    return {w[:5] for w in content_words(text)}


def _contained(a: Quote, b: Quote) -> bool:
    if a.language != b.language:
        return False
    wa, wb = _stems(a.text), _stems(b.text)
    return bool(wa and wb) and overlap(wa, wb) >= CONTAINED


def _link(a: Quote, b: Quote, score: float) -> bool:
    if not _compatible(a, b):
        return False
    if a.article == b.article:
        near = abs(a.start - b.end) < ADJACENT or abs(b.start - a.end) < ADJACENT
        return near and bool(a.speaker) and a.speaker == b.speaker
    same = bool(a.speaker and b.speaker and same_person(a.speaker, b.speaker))
    return score >= (SAME_SPEAKER if same else MATCH) or _contained(a, b)


def _strength(a: Quote, b: Quote, score: float) -> float:
    return score + (CONTAINED_BONUS if _contained(a, b) else 0.0)


def _cohesive(quotes: Sequence[Quote], left: list[int], right: list[int],
              scores: np.ndarray) -> bool:
    pairs = [_strength(quotes[x], quotes[y], float(scores[x, y])) for x in left for y in right
             if quotes[x].article != quotes[y].article]
    return not pairs or sum(pairs) / len(pairs) >= JOIN


def _clusters(quotes: Sequence[Quote], scores: np.ndarray) -> list[list[int]]:
    group = list(range(len(quotes)))
    members: dict[int, list[int]] = {i: [i] for i in range(len(quotes))}
    order = sorted(((_strength(quotes[i], quotes[j], float(scores[i, j])), i, j)
                    for i in range(len(quotes)) for j in range(i + 1, len(quotes))),
                   reverse=True)
    for score, i, j in order:
        if not _link(quotes[i], quotes[j], score):
            continue
        a, b = group[i], group[j]
        if a == b or not all(_compatible(quotes[x], quotes[y])
                             for x in members[a] for y in members[b]):
            continue
        if not _cohesive(quotes, members[a], members[b], scores):
            continue
        for k in members[b]:
            group[k] = a
        members[a] += members.pop(b)
    return [sorted(m) for m in members.values()]


def canonical_speaker(quotes: Sequence[Quote]) -> str:
    """The group's speaker: the most named person, as English articles write them if any."""
    named = [q for q in quotes if q.speaker]
    if not named:
        return ""
    keys = Counter(skeleton(re.split(r"[\s·・]+", q.speaker)[-1]) for q in named)
    top = keys.most_common(1)[0][0]
    forms = [q for q in named if skeleton(re.split(r"[\s·・]+", q.speaker)[-1]) == top] or named
    best = max(forms, key=lambda q: (q.language == "en", script_of(q.speaker) == "latin",
                                     Counter(f.speaker for f in forms)[q.speaker],
                                     len(q.speaker.split())))
    return best.speaker


def word_diff(reference: str, text: str) -> list[DiffOp]:
    """Word-level edit operations turning the reference rendering into this one."""
    a, b = reference.split(), text.split()
    ops = SequenceMatcher(None, a, b, autojunk=False).get_opcodes()
    return [DiffOp(op, " ".join(a[i1:i2]), " ".join(b[j1:j2])) for op, i1, i2, j1, j2 in ops]


def _group(number: int, quotes: list[Quote], articles: dict[str, StoryArticle]) -> QuoteGroup:
    ordered = sorted(quotes, key=lambda q: (q.language != "en", q.is_copy, q.article, q.start))
    words = [content_words(q.text) for q in ordered]

    def centrality(i: int) -> float:  # the rendering closest to the others reads as reference
        peers = [jaccard(words[i], words[j]) for j in range(len(ordered))
                 if j != i and ordered[j].language == ordered[i].language]
        return sum(peers) / len(peers) if peers else 0.0

    reference = max(range(len(ordered)), key=lambda i: (
        ordered[i].language == "en", not ordered[i].is_copy, len(ordered[i].text.split()) >= 4,
        round(centrality(i), 3), -len(ordered[i].text)))
    ref = ordered[reference]
    variants = [QuoteVariant(q, word_diff(ref.text, q.text) if q.language == ref.language
                             and q is not ref else []) for q in ordered]
    outlets = sorted({q.outlet for q in quotes if not (
        q.is_copy and articles.get(q.article) and articles[q.article].origin in
        {x.article for x in quotes})})
    return QuoteGroup(number, canonical_speaker(quotes), variants, outlets,
                      sorted({q.language for q in quotes}), reference)


def group_quotes(quotes: Sequence[Quote], embed: Embed,
                 articles: Sequence[StoryArticle]) -> list[QuoteGroup]:
    """Quotes grouped by speaker and meaning across articles and languages, widest first."""
    if not quotes:
        return []
    vectors = embed_texts(embed, [q.text for q in quotes])
    ids = np.array([q.article for q in quotes])
    sims = vectors @ vectors.T
    scores = standard_scores(sims, ids[:, None] == ids[None, :]) if len(quotes) > 2 else sims
    by_id = {a.id: a for a in articles}
    groups = [_group(0, [quotes[i] for i in c], by_id) for c in _clusters(quotes, scores)]
    groups.sort(key=lambda g: (-len(g.outlets), -len(g.variants), g.speaker))
    for number, group in enumerate(groups):
        group.id = number
    return groups
