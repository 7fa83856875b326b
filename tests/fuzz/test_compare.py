"""Fuzz quote and figure extraction: no crash, no hang, every span an exact slice of the text."""

from __future__ import annotations

import math

from hypothesis import example, given
from hypothesis import strategies as st

from rashomon.compare.figures import extract_figures
from rashomon.compare.quotes import extract_quotes, quote_spans
from rashomon.compare.story import StoryArticle, with_sentences
from tests.fuzz.harness import assert_spans, fuzz, hard_limit
from tests.fuzz.strategies import news_text

LANGUAGES = st.sampled_from(["en", "de", "fr", "es", "it", "pt", "ru", "uk", "pl", "tr", "ar",
                             "zh", "ja", "hi", "", "xx"])


def _article(text: str, language: str) -> StoryArticle:
    return with_sentences(StoryArticle("a1", "outlet", "GB", language, text))


def check_quotes(text: str, language: str) -> None:
    """Quotes are exact slices of the article text, within its length."""
    with hard_limit(10, "extract_quotes"):
        quotes = extract_quotes(_article(text, language))
    assert_spans(text, quotes, "quote")
    assert all(isinstance(q.speaker, str) for q in quotes)


def check_figures(text: str, language: str) -> None:
    """Figures are exact slices with finite values."""
    with hard_limit(10, "extract_figures"):
        figures = extract_figures(_article(text, language))
    assert_spans(text, figures, "figure")
    for f in figures:
        assert math.isfinite(f.value), f


@fuzz(max_examples=200)
@given(news_text(60), LANGUAGES)
@example("He said: “We will rebuild.” — Later, «Nous reconstruirons», a déclaré Anna Kowalska.",
         "fr")
@example("„" * 2000 + "x", "de")
@example("— Цели удара достигнуты, — говорится в сообщении.", "ru")
def test_extract_quotes(text: str, language: str) -> None:
    check_quotes(text, language)


@fuzz(max_examples=200)
@given(news_text(60), LANGUAGES)
@example("At least 12 people died and about 40 km of road; $5 million; 45%; magnitude 6.1.", "en")
@example("9" * 400 + " drones", "en")
@example("1e309 drones and 1" + "0" * 330 + " people", "en")
def test_extract_figures(text: str, language: str) -> None:
    check_figures(text, language)


@fuzz(max_examples=200, deadline_ms=2000)
@given(st.text(st.sampled_from("“”„«»‹›「」『』\"'‘’‚—– ab.\n"), max_size=300))
def test_quote_spans_in_paragraph(paragraph: str) -> None:
    with hard_limit(10, "quote_spans"):
        spans = quote_spans(paragraph)
    for start, end, style in spans:
        assert 0 <= start <= end <= len(paragraph) and style
