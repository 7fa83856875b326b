"""Framing terms: words over-represented in one side's coverage, by weighted log-odds ratio.

Monroe, Colaresi & Quinn (2008), "Fightin' Words", with an informative Dirichlet prior taken
from the whole story's coverage: frequent words shrink toward the story's own rate, so a
term stands out only when one side uses it clearly more than the rest.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass

from rashomon.compare.text import STOPWORDS, tokens

Z_MIN = 1.96  # two-sided 95%: weaker differences are noise at news-story sizes
MIN_COUNT = 2  # a term must appear at least this often on the side it characterises
PRIOR_SCALE = 0.5  # prior pseudo-counts = PRIOR_SCALE * the term's count in all coverage


@dataclass(frozen=True)
class FramingTerm:
    """A term and how strongly one side over-uses it (z-score of the log-odds ratio)."""

    term: str
    z: float
    count: int  # on this side
    count_rest: int  # in the rest of the coverage


def term_counts(text: str) -> Counter[str]:
    """Framing-relevant tokens of a text: no stop words, no numbers, no one-letter words."""
    return Counter(t for t in tokens(text)
                   if t not in STOPWORDS and not t[0].isdigit() and len(t) > 1)


def log_odds(side: Counter[str], rest: Counter[str], prior: Counter[str] | None = None
             ) -> dict[str, float]:
    """z-scores of the log-odds ratio of every term of ``side`` against ``rest``."""
    prior = prior if prior is not None else side + rest
    a0 = PRIOR_SCALE * sum(prior.values())
    n_side, n_rest = sum(side.values()), sum(rest.values())
    scores: dict[str, float] = {}
    for term in side:
        alpha = PRIOR_SCALE * prior[term]
        if alpha <= 0:
            continue
        y_i, y_j = side[term], rest.get(term, 0)
        delta = (math.log((y_i + alpha) / (n_side + a0 - y_i - alpha))
                 - math.log((y_j + alpha) / (n_rest + a0 - y_j - alpha)))
        scores[term] = delta / math.sqrt(1 / (y_i + alpha) + 1 / (y_j + alpha))
    return scores


def framing_terms(side: Counter[str], rest: Counter[str], limit: int = 10) -> list[FramingTerm]:
    """The terms ``side`` over-uses most against ``rest``, strongest first."""
    if not side or not rest:
        return []
    scores = log_odds(side, rest)
    strong = [t for t, z in scores.items() if z >= Z_MIN and side[t] >= MIN_COUNT]
    strong.sort(key=lambda t: -scores[t])
    return [FramingTerm(t, round(scores[t], 2), side[t], rest.get(t, 0)) for t in strong[:limit]]
