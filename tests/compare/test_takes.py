"""Alternative takes and framing terms (log-odds with an informative Dirichlet prior)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence

import numpy as np

from rashomon.compare.claims import align_claims, sentence_scores
from rashomon.compare.framing import framing_terms, log_odds
from rashomon.compare.story import StoryArticle, embed_texts, flat_sentences
from rashomon.compare.takes import alternative_takes

MakeArticle = Callable[..., StoryArticle]
Embed = Callable[[Sequence[str]], np.ndarray]


def test_log_odds_prefers_terms_one_side_overuses() -> None:
    side = Counter({"regime": 6, "strike": 5, "city": 4})
    rest = Counter({"strike": 5, "city": 4, "civilians": 6})
    scores = log_odds(side, rest)
    assert scores["regime"] > 1.96 > scores["city"]
    assert [t.term for t in framing_terms(side, rest)] == ["regime"]


def test_adds_omits_and_framing_per_country(make_article: MakeArticle,
                                            embed_words: Embed) -> None:
    shared = "Drones struck the city of Vyshnohirsk overnight, officials said."
    wide = "Four people were killed and seventeen were injured in the attack."
    articles = [
        make_article("us", "post", "US", "en", shared, wide,
                     "Civilians sheltered in the metro as civilians fled the civilians' homes."),
        make_article("gb", "wire", "GB", "en", shared, wide, "Rescuers searched the rubble."),
        make_article("ca", "courier", "CA", "en", shared, wide, "Rescuers searched the rubble."),
        make_article("ru", "agency", "RU", "en", shared,
                     "The Kyiv regime regime targets were military, the regime said.",
                     "The regime and the regime's backers were warned, regime officials said."),
    ]
    vectors = embed_texts(embed_words, [s.text for _, s in flat_sentences(articles)])
    groups = align_claims(articles, sentence_scores(articles, vectors))
    takes = {t.key: t for t in alternative_takes(articles, groups, outlets=["wire"])}
    russia = takes["RU"]
    assert [r.text for r in russia.adds] == [s.text for s in articles[3].sentences[1:]]
    assert wide in [r.text for r in russia.omits]
    assert "regime" in [f.term for f in russia.framing]
    assert takes["wire"].scope == "outlet"
