"""Fuzz extraction: charset decoding, HTML extraction, plain-text cleanup, sentence splitting."""

from __future__ import annotations

from datetime import UTC

from hypothesis import example, given
from hypothesis import strategies as st

from rashomon.extract import clean_text, extract_html, split_sentences
from rashomon.fetch.charset import decode_body
from rashomon.models import ExtractedArticle
from tests.fuzz.harness import assert_spans, fuzz, hard_limit
from tests.fuzz.strategies import any_text, html_doc, html_seeds, mutated, news_text

labels = st.sampled_from([None, "text/html", "text/html; charset=utf-8",
                          "text/html; charset=latin-1", "text/html; charset=undefined",
                          "text/html; charset=punycode", "text/html; charset=utf-7",
                          "text/html; charset=idna", "text/html; charset=rot13",
                          "text/html; charset=zlib", "text/html; charset=utf-16",
                          "text/html; charset=unicode_escape", "text/html; charset=bogus"])


def check_decode(body: bytes, content_type: str | None) -> str:
    """decode_body never raises and always says which codec it used."""
    with hard_limit(10, "decode_body"):
        text, codec = decode_body(body, content_type)
    assert isinstance(text, str) and isinstance(codec, str) and codec
    return text


@fuzz(max_examples=150)
@given(st.one_of(st.binary(max_size=300), mutated(html_seeds(), 3)), labels)
@example(b"<p>x</p>", "text/html; charset=undefined")
@example(b'<meta charset="undefined"><p>x</p>', None)
@example(b"\\N{", "text/html; charset=punycode")
def test_decode_body(body: bytes, content_type: str | None) -> None:
    check_decode(body, content_type)


def _article_ok(art: ExtractedArticle) -> None:
    assert art.text == "\n\n".join(art.paragraphs)
    assert all(p and "\n" not in p for p in art.paragraphs)
    for when in (art.published, art.updated):
        if when is not None and when.tzinfo is not None:
            when.astimezone(UTC)  # the store converts to UTC
    check_sentences(art.text)


def check_html(html: str, url: str | None = "https://news.example/2026/11/02/story.html") -> None:
    """extract_html never raises: a page it cannot read is an empty article."""
    with hard_limit(20, "extract_html"):
        art = extract_html(html, url)
    _article_ok(art)


@fuzz(max_examples=80, deadline_ms=10000)
@given(html_doc())
@example("<html><head><title>\u202eevil\u202c</title></head><body><p>x</p></body></html>")
@example("<meta charset=undefined><article><p>Body text.</p></article>")
def test_extract_random_html(html: str) -> None:
    check_html(html)


@fuzz(max_examples=40, deadline_ms=10000)
@given(st.data())
def test_extract_mutated_pages(data: st.DataObject) -> None:
    body = data.draw(mutated(html_seeds()))
    check_html(check_decode(body, None), data.draw(st.sampled_from([None, "not a url", "http://["])))


def check_clean(text: str, title: str | None) -> None:
    """clean_text keeps paragraphs as lines of its text."""
    with hard_limit(10, "clean_text"):
        art = clean_text(text, title=title, url="https://news.example/a")
    _article_ok(art)


@fuzz(max_examples=150)
@given(news_text(), st.one_of(st.none(), any_text))
def test_clean_text(text: str, title: str | None) -> None:
    check_clean(text, title)


def check_sentences(text: str) -> None:
    """Sentences are exact, ordered, non-overlapping slices covering every non-space char."""
    with hard_limit(10, "split_sentences"):
        sentences = split_sentences(text)
    assert_spans(text, sentences, "sentence")
    covered = [False] * len(text)
    last_end, last_par = 0, 0
    for i, s in enumerate(sentences):
        assert s.index == i and s.start >= last_end and s.paragraph >= last_par, s
        assert s.text.strip() == s.text and s.text, s
        last_end, last_par = s.end, s.paragraph
        covered[s.start : s.end] = [True] * (s.end - s.start)
    lost = [c for c, hit in zip(text, covered, strict=True) if not hit and not c.isspace()]
    assert not lost, lost


@fuzz(max_examples=300, deadline_ms=2000)
@given(st.one_of(news_text(60), st.text(max_size=200)))
@example("“" * 3000 + ". A.")
@example("a.\u2028B. c\u0085D. e\rF.")
def test_split_sentences(text: str) -> None:
    check_sentences(text)
