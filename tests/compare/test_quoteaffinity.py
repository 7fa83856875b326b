"""Quote affinity: contexts with other quotes masked, robust scores, containment."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from rashomon.compare.quoteaffinity import contained, context
from rashomon.compare.quotes import extract_quotes
from rashomon.compare.story import StoryArticle, with_sentences
from rashomon.compare.text import robust_scores

MakeArticle = Callable[..., StoryArticle]


def _article(aid: str, language: str, text: str) -> StoryArticle:
    return with_sentences(StoryArticle(aid, aid, "XX", language, text))


def test_a_quote_context_leaves_the_other_quotes_of_its_sentence_out(
        make_article: MakeArticle) -> None:
    article = make_article("a", "o", "GB", "en",
                           "Lindqvist called the fund “a down payment” and “not charity” on Friday.")
    first, second = extract_quotes(article)
    text = context(first, article, [first, second])
    assert "a down payment" in text and "not charity" not in text and "…" in text


def test_containment_is_within_one_language() -> None:
    whole = extract_quotes(_article("a", "en", "“legitimate targets for defeat”"))[0]
    part = extract_quotes(_article("b", "en", "“legitimate targets”"))[0]
    other = extract_quotes(_article("c", "fr", "“legitimate targets”"))[0]
    assert contained(part, whole) and not contained(other, whole)


def test_robust_scores_stand_out_against_each_rows_own_background() -> None:
    rng = np.random.default_rng(0)
    # two models: one puts unrelated pairs near 0.1, the other near 0.8 with a small spread
    for centre, spread in ((0.1, 0.08), (0.8, 0.02)):
        background = centre + spread * rng.standard_normal((2, 60))
        sims = np.array([[1.0, centre + 4 * spread], [centre + 4 * spread, 1.0]])
        z = robust_scores(sims, background)
        assert 3.0 < z[0, 1] < 5.0  # the same number of deviations whatever the model's scale
    z = robust_scores(np.array([[1.0, 0.5]]), np.full((1, 3), np.nan))
    assert np.isfinite(z).all()  # no background at all: no crash, no infinity
