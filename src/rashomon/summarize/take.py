"""The world's take: the claims most outlets and countries state, picked with MMR, attributed."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from rashomon.compare.claims import ClaimGroup, rendering

MIN_SENTENCES = 3
MAX_SENTENCES = 7
LAMBDA = 0.7  # MMR: weight of support against redundancy with sentences already picked
# After the minimum, stop when a candidate's support falls below this share of the best one's.
TAIL_SHARE = 0.5


@dataclass(frozen=True)
class TakeSentence:
    """One sentence of the take: a claim in the words of one of its articles."""

    text: str
    language: str  # language of ``text``: "en" for English originals and translations
    source_language: str  # language of the article the words come from
    translated: bool
    claim: int  # ClaimGroup.id
    article: str
    sentence: int
    start: int
    end: int
    outlets: list[str] = field(default_factory=list)
    countries: list[str] = field(default_factory=list)


@dataclass
class Take:
    """The world's take of a story; ``prose`` is set when an LLM rewrite passed grounding."""

    sentences: list[TakeSentence] = field(default_factory=list)
    writer: str = "extractive"
    prose: list[ProseSentence] = field(default_factory=list)
    note: str = ""  # why an LLM rewrite was not used, when one was asked for

    @property
    def text(self) -> str:
        """The take as one paragraph: the prose when it was kept, else the extracted sentences."""
        parts = [p.text for p in self.prose] if self.prose else [s.text for s in self.sentences]
        return " ".join(parts)


@dataclass(frozen=True)
class ProseSentence:
    """A rewritten sentence and the claims that ground it."""

    text: str
    claims: list[int] = field(default_factory=list)
    outlets: list[str] = field(default_factory=list)
    countries: list[str] = field(default_factory=list)


def relevance(group: ClaimGroup, max_outlets: int, max_countries: int) -> float:
    """Support of a claim in [0, 1]: outlets and countries alike, a small bonus for the lead."""
    outlets = group.support / max(1, max_outlets)
    countries = len(group.countries) / max(1, max_countries)
    return 0.45 * outlets + 0.45 * countries + 0.1 * (1.0 - group.position)


_END = re.compile(r"[.!?…。！？؟][\"'”’»」』)]*$")


def _prose(group: ClaimGroup) -> bool:
    """A full sentence, not a headline, caption credit or page widget that slipped through."""
    return any(_END.search(m.text.strip()) and (len(m.text.split()) >= 5 or len(m.text) >= 20
               and not m.text.isascii()) for m in group.members)


def _mmr(candidates: list[int], relevances: np.ndarray, vectors: np.ndarray) -> list[int]:
    picked: list[int] = []
    best = float(relevances[candidates].max()) if candidates else 0.0
    pool = list(candidates)
    while pool and len(picked) < MAX_SENTENCES:

        def score(i: int) -> float:
            redundancy = max((float(vectors[i] @ vectors[j]) for j in picked), default=0.0)
            return LAMBDA * float(relevances[i]) - (1 - LAMBDA) * redundancy

        choice = max(pool, key=score)
        if len(picked) >= MIN_SENTENCES and relevances[choice] < TAIL_SHARE * best:
            break
        picked.append(choice)
        pool.remove(choice)
    return picked


def world_take(
    groups: Sequence[ClaimGroup],
    group_vectors: np.ndarray,
    member_vectors: dict[tuple[str, int], np.ndarray] | None = None,
    n_outlets: int | None = None,
) -> Take:
    """3 to 7 claims stated by the most outlets and countries, diverse, in story order."""
    if not groups:
        return Take()
    n_outlets = n_outlets or max(g.support for g in groups)
    min_support = 2 if n_outlets >= 2 else 1  # a one-outlet story has no consensus to show
    max_countries = max(len(g.countries) for g in groups)
    relevances = np.array([relevance(g, n_outlets, max_countries) for g in groups])
    candidates = [i for i, g in enumerate(groups) if g.support >= min_support and _prose(g)]
    picked = _mmr(candidates, relevances, group_vectors)
    picked.sort(key=lambda i: groups[i].position)
    sentences = []
    for i in picked:
        group = groups[i]
        member, text, translated = rendering(
            group, group_vectors[i] if len(group_vectors) else None, member_vectors or {}
        )
        sentences.append(
            TakeSentence(
                text,
                "en" if member.language == "en" or translated else member.language,
                member.language,
                translated,
                group.id,
                member.article,
                member.sentence,
                member.start,
                member.end,
                list(group.outlets),
                list(group.countries),
            )
        )
    return Take(sentences)
