"""Quote groups: one statement's renderings side by side, word differences marked."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np

from rashomon.compare.quotegroups import group_quotes, word_diff
from rashomon.compare.quotes import extract_quotes
from rashomon.compare.story import StoryArticle

MakeArticle = Callable[..., StoryArticle]
Embed = Callable[[Sequence[str]], np.ndarray]


def test_word_diff_marks_what_a_rendering_adds() -> None:
    ops = word_diff("they will be legitimate targets", "they will be legitimate targets for defeat")
    assert [(o.op, o.reference, o.text) for o in ops] == [
        ("equal", "they will be legitimate targets", "they will be legitimate targets"),
        ("insert", "", "for defeat")]


def test_renderings_of_one_statement_group_across_outlets_and_languages(
        make_article: MakeArticle, embed_multilingual: Embed) -> None:
    articles = [
        make_article("a", "wire", "GB", "en",
                     "“If any troops appear there, they will be legitimate targets,” "
                     "President Vladimir Putin said."),
        make_article("b", "fox", "US", "en",
                     "Vladimir Putin warned: “If any troops appear there, we assume they will be "
                     "legitimate targets for defeat.”"),
        make_article("c", "zeit", "DE", "de",
                     "„Wenn dort Truppen auftauchen, werden sie legitime Ziele sein“, sagte "
                     "Wladimir Putin."),
        make_article("d", "post", "US", "en",
                     "“We will not send soldiers to Ukraine,” said Prime Minister Giorgia Meloni.",
                     "“The coalition stands ready to help,” said President Emmanuel Macron.",
                     "“Sanctions will stay in place,” said Chancellor Friedrich Merz.",
                     "“Our airports reopened this morning,” said spokesman Jan Novak."),
    ]
    quotes = [q for a in articles for q in extract_quotes(a)]
    groups = group_quotes(quotes, embed_multilingual, articles)
    putin = groups[0]
    assert putin.speaker == "Vladimir Putin"
    assert putin.outlets == ["fox", "wire", "zeit"]
    assert putin.languages == ["de", "en"]
    fox = next(v for v in putin.variants if v.quote.outlet == "fox")
    assert any(op.op != "equal" and "defeat" in op.text for op in fox.diff)
    assert "Giorgia Meloni" in [g.speaker for g in groups[1:]]


def test_a_fragment_joins_the_full_quote(make_article: MakeArticle,
                                         embed_words: Embed) -> None:
    articles = [
        make_article("a", "wire", "GB", "en",
                     "“This was one of the hardest nights for the city since the war began,” "
                     "said Governor Taras Hrynchuk."),
        make_article("b", "post", "US", "en",
                     "Taras Hrynchuk called it “one of the hardest nights” for the city."),
    ]
    quotes = [q for a in articles for q in extract_quotes(a)]
    assert len(group_quotes(quotes, embed_words, articles)) == 1
