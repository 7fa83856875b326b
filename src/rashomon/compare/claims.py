"""Claim alignment: a story's sentences grouped across articles and languages by meaning."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from rashomon.compare.story import StoryArticle, StorySentence, flat_sentences
from rashomon.compare.text import content_words, jaccard, standard_scores

# A pair of sentences states one claim when its ratio margin (see text.standard_scores), plus a
# bonus for shared English words, reaches MATCH; a group grows only while the average score
# between its members and the newcomer's group stays above JOIN (no chaining of loose matches).
MATCH = 2.2
JOIN = 1.8
LEXICAL_WEIGHT = 1.0
COPY_JACCARD = 0.5  # a copy's sentence this close to its original's is the same sentence


@dataclass(frozen=True)
class ClaimMember:
    """One article's sentence stating a claim."""

    article: str
    outlet: str
    country: str
    language: str
    sentence: int
    start: int
    end: int
    text: str
    text_en: str | None = None
    is_copy: bool = False
    position: float = 0.0  # 0 = first sentence of the article, 1 = last


@dataclass
class ClaimGroup:
    """Sentences of different articles that state the same thing, and who supports it."""

    id: int
    members: list[ClaimMember]
    outlets: list[str] = field(default_factory=list)  # supporting outlets (copies excluded)
    countries: list[str] = field(default_factory=list)
    languages: list[str] = field(default_factory=list)
    republished_by: list[str] = field(default_factory=list)  # outlets of copies adding nothing

    @property
    def support(self) -> int:
        """Number of distinct outlets that state the claim on their own account."""
        return len(self.outlets)

    @property
    def position(self) -> float:
        """Mean relative position of the claim in its articles (0 = lead)."""
        return float(np.mean([m.position for m in self.members])) if self.members else 1.0


def english_text(article: StoryArticle, sentence: StorySentence) -> str | None:
    """The sentence in English: the original when the article is English, else its translation."""
    if article.language == "en":
        return sentence.text
    return sentence.text_en


def _lexical(pairs: list[tuple[StoryArticle, StorySentence]]) -> np.ndarray:
    """Jaccard of content words on English text, or on originals of one language."""
    n = len(pairs)
    words: list[tuple[str, set[str]] | None] = []
    for article, sentence in pairs:
        en = english_text(article, sentence)
        words.append(
            ("en", content_words(en)) if en else (article.language, content_words(sentence.text))
        )
    out = np.zeros((n, n), dtype=np.float32)
    for i in range(n):
        wi = words[i]
        for j in range(i + 1, n):
            wj = words[j]
            if wi and wj and wi[0] == wj[0]:
                out[i, j] = out[j, i] = jaccard(wi[1], wj[1])
    return out


@dataclass
class SentenceScores:
    """How strongly every two sentences of a story state the same thing (0 within an article)."""

    rows: dict[tuple[str, int], int]  # (article id, sentence index) -> row
    scores: np.ndarray

    def get(self, a: tuple[str, int], b: tuple[str, int]) -> float:
        """The score of two sentences, 0 when either is unknown."""
        i, j = self.rows.get(a), self.rows.get(b)
        return 0.0 if i is None or j is None else float(self.scores[i, j])


def sentence_scores(articles: Sequence[StoryArticle], vectors: np.ndarray) -> SentenceScores:
    """Pair scores of a story's sentences; ``vectors`` has one row per sentence in order."""
    pairs = flat_sentences(articles)
    rows = {(a.id, s.index): i for i, (a, s) in enumerate(pairs)}
    if not pairs:
        return SentenceScores(rows, np.zeros((0, 0), np.float32))
    return SentenceScores(rows, _pair_scores(pairs, vectors))


def _pair_scores(pairs: list[tuple[StoryArticle, StorySentence]], vectors: np.ndarray
                 ) -> np.ndarray:
    ids = np.array([a.id for a, _ in pairs])
    keys = np.array([a.support_key for a, _ in pairs])
    same_article = ids[:, None] == ids[None, :]
    same_source = keys[:, None] == keys[None, :]  # a copy is no independent neighbour
    sims = vectors @ vectors.T
    lexical = _lexical(pairs)
    scores = standard_scores(sims, same_source) + LEXICAL_WEIGHT * lexical
    copy_pairs = same_source & ~same_article & (lexical >= COPY_JACCARD)
    scores = np.where(copy_pairs, MATCH + 1.0, scores)
    return np.where(same_article, 0.0, scores).astype(np.float32)


def _cluster(scores: np.ndarray, article_of: np.ndarray) -> list[list[int]]:
    """Average-linkage merging of pairs above MATCH; one sentence per article per group."""
    n = scores.shape[0]
    group = list(range(n))
    members: dict[int, list[int]] = {i: [i] for i in range(n)}
    rows, cols = np.nonzero(np.triu(scores >= MATCH, k=1))
    order = np.argsort(-scores[rows, cols], kind="stable")
    for k in order:
        a, b = group[int(rows[k])], group[int(cols[k])]
        if a == b:
            continue
        ma, mb = members[a], members[b]
        if set(article_of[ma]) & set(article_of[mb]):
            continue
        if float(scores[np.ix_(ma, mb)].mean()) < JOIN:
            continue
        for i in mb:
            group[i] = a
        members[a] = ma + mb
        del members[b]
    return [sorted(m) for m in members.values()]


def _member(article: StoryArticle, sentence: StorySentence) -> ClaimMember:
    last = max(1, len(article.sentences) - 1)
    return ClaimMember(
        article.id,
        article.outlet,
        article.country,
        article.language,
        sentence.index,
        sentence.start,
        sentence.end,
        sentence.text,
        sentence.text_en,
        article.is_copy,
        round(article.sentences.index(sentence) / last, 3),
    )


def credit(
    members: Sequence[ClaimMember], articles: dict[str, StoryArticle]
) -> tuple[list[str], list[str], list[str]]:
    """(supporting outlets, their countries, outlets of copies that add no support)."""
    present = {m.article for m in members}
    outlets: dict[str, str] = {}
    copies: set[str] = set()
    for m in members:
        article = articles[m.article]
        if article.is_copy and article.origin in present:
            copies.add(m.outlet)
            continue
        outlets.setdefault(m.outlet, m.country)
    republished = sorted(copies - set(outlets))
    return sorted(outlets), sorted({c for c in outlets.values() if c}), republished


def align_claims(articles: Sequence[StoryArticle], scored: SentenceScores) -> list[ClaimGroup]:
    """Claim groups of a story, most supported first."""
    pairs = flat_sentences(articles)
    if not pairs:
        return []
    scores = scored.scores
    article_of = np.array([a.id for a, _ in pairs])
    by_id = {a.id: a for a in articles}
    groups: list[ClaimGroup] = []
    for indices in _cluster(scores, article_of):
        members = [_member(*pairs[i]) for i in indices]
        outlets, countries, republished = credit(members, by_id)
        languages = sorted({m.language for m in members})
        groups.append(ClaimGroup(0, members, outlets, countries, languages, republished))
    groups.sort(key=lambda g: (-g.support, -len(g.countries), g.position))
    for number, group in enumerate(groups):
        group.id = number
    return groups


def group_vectors(
    groups: Sequence[ClaimGroup], articles: Sequence[StoryArticle], vectors: np.ndarray
) -> np.ndarray:
    """Mean unit vector of each group's sentences (for diversity and grounding)."""
    row = {(a.id, s.index): i for i, (a, s) in enumerate(flat_sentences(articles))}
    out = np.zeros((len(groups), vectors.shape[1] if vectors.ndim == 2 else 1), np.float32)
    for g, group in enumerate(groups):
        rows = [row[(m.article, m.sentence)] for m in group.members]
        mean = vectors[rows].mean(axis=0)
        norm = float(np.linalg.norm(mean))
        out[g] = mean / norm if norm else mean
    return out


def rendering(group: ClaimGroup, vector: np.ndarray | None = None,
              member_vectors: dict[tuple[str, int], np.ndarray] | None = None
              ) -> tuple[ClaimMember, str, bool]:
    """(member, text, is translation) that represents a claim: an English original if any,
    else an English translation, else the original (its language is the member's)."""
    def typical(members: list[ClaimMember]) -> ClaimMember:
        if vector is None or not member_vectors:
            return min(members, key=lambda m: (m.is_copy, len(m.text)))
        return max(members, key=lambda m: (not m.is_copy, float(
            member_vectors[(m.article, m.sentence)] @ vector)))

    english = [m for m in group.members if m.language == "en"]
    if english:
        chosen = typical(english)
        return chosen, chosen.text, False
    translated = [m for m in group.members if m.text_en]
    if translated:
        chosen = typical(translated)
        return chosen, chosen.text_en or chosen.text, True
    chosen = typical(list(group.members))
    return chosen, chosen.text, False
