"""analyse_story: caps, JSON round trip for the analyses table, entities."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence

import numpy as np

from rashomon.compare.analyse import StoryAnalysis, analyse_story
from rashomon.compare.story import StoryArticle

MakeArticle = Callable[..., StoryArticle]
Embed = Callable[[Sequence[str]], np.ndarray]


def _story(make_article: MakeArticle) -> list[StoryArticle]:
    lead = "Russia attacked Vyshnohirsk with 157 drones overnight, killing four people."
    quote = "“This was one of the hardest nights,” said Governor Taras Hrynchuk."
    return [
        make_article("a", "wire", "GB", "en", lead, quote, "Schools stayed closed."),
        make_article("b", "post", "US", "en", lead.replace("157", "91"), quote,
                     "Power was restored by noon.", hours=1),
        make_article("c", "daily", "IE", "en", lead, quote, is_copy=True, origin="a", hours=2),
        make_article("d", "courier", "CA", "en", lead, "Hrynchuk asked for air defence.",
                     hours=3),
    ]


def test_json_round_trip(make_article: MakeArticle, embed_words: Embed) -> None:
    analysis = analyse_story(_story(make_article), embed_words)
    text = analysis.to_json()
    assert json.loads(text)["version"] == analysis.version
    assert StoryAnalysis.from_json(text) == analysis


def test_caps_prefer_originals(make_article: MakeArticle, embed_words: Embed) -> None:
    analysis = analyse_story(_story(make_article), embed_words, max_articles=3,
                             max_sentences=2)
    assert analysis.caps.articles_used == 3
    assert analysis.caps.dropped_articles == ["c"]
    assert analysis.caps.sentences_dropped == 2
    assert analysis.coverage.articles == 4  # coverage still counts every article


def test_everything_shown_is_sourced(make_article: MakeArticle, embed_words: Embed) -> None:
    articles = _story(make_article)
    texts = {a.id: a.text for a in articles}
    analysis = analyse_story(articles, embed_words)
    assert all(len(s.outlets) >= 2 for s in analysis.take.sentences)
    for group in analysis.quotes:
        for v in group.variants:
            assert texts[v.quote.article][v.quote.start : v.quote.end] == v.quote.text
    for figure in (f for g in analysis.figures for f in g.figures):
        assert figure.outlet and texts[figure.article][figure.start : figure.end] == figure.text
    assert [e.name for e in analysis.entities if e.kind == "person"] == ["Taras Hrynchuk"]
    assert analysis.entities[0].quoted_by == ["daily", "post", "wire"]
