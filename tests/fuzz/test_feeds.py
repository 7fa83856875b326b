"""Fuzz feed and sitemap parsing: only FeedError/SitemapError, no hang, well-typed entries."""

from __future__ import annotations

import gzip
from datetime import UTC, datetime

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from rashomon.fetch.feeds import Feed, FeedError, parse_feed
from rashomon.fetch.sitemaps import SitemapError, is_sitemap, maybe_gunzip, parse_sitemap
from tests.fuzz.harness import fuzz, hard_limit
from tests.fuzz.strategies import feed_seeds, json_feed, mutated, xml_feed

BASE = "https://feeds.example.org/news/rss.xml"
pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning:feedparser")
content_types = st.sampled_from([None, "application/rss+xml", "text/xml; charset=latin-1",
                                 "application/json", "text/html; charset=undefined",
                                 "application/xml; charset=utf-16"])


def _valid(feed: Feed) -> None:
    urls = [e.url for e in feed.entries]
    assert len(urls) == len(set(urls)), "entries are deduplicated"
    for e in feed.entries:
        assert isinstance(e.url, str) and e.url.startswith(("http://", "https://")), e
        assert e.title is None or isinstance(e.title, str), e
        assert e.language is None or isinstance(e.language, str), e
        assert e.published is None or (isinstance(e.published, datetime)
                                       and e.published.tzinfo is not None), e
        if e.published is not None:
            e.published.astimezone(UTC)  # the store keeps UTC: this must not overflow
    assert all(c.startswith(("http://", "https://")) for c in feed.children)


def check_feed(body: bytes, content_type: str | None = None) -> None:
    """The property every feed harness checks."""
    with hard_limit(10, "parse_feed"):
        try:
            feed = parse_feed(body, BASE, content_type)
        except FeedError as exc:
            assert str(exc)  # the message says why
            return
    _valid(feed)


@fuzz(max_examples=150)
@given(xml_feed(), content_types)
@example(b'{"version": "https://jsonfeed.org/version/1", "items": [{"url": "https://a.example/1",'
         b' "language": ["en"]}]}', None)
@example(b'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url>'
         b"<loc>https://a.example/1</loc><lastmod>2026-11-02T10:00:00</lastmod></url></urlset>",
         None)
def test_structured_feeds(body: bytes, content_type: str | None) -> None:
    check_feed(body, content_type)


@fuzz(max_examples=100)
@given(json_feed())
def test_json_feeds(body: bytes) -> None:
    check_feed(body, "application/feed+json")


@fuzz(max_examples=150)
@given(st.data())
def test_mutated_seed_feeds(data: st.DataObject) -> None:
    check_feed(data.draw(mutated(feed_seeds())), data.draw(content_types))


@fuzz(max_examples=100)
@given(st.binary(max_size=512))
@example(b"\x1f\x8b")
@example(b"\xef\xbb\xbf{")
def test_arbitrary_bytes(body: bytes) -> None:
    check_feed(body)


def check_sitemap(body: bytes) -> None:
    """parse_sitemap raises only SitemapError; is_sitemap never raises."""
    with hard_limit(10, "parse_sitemap"):
        assert isinstance(is_sitemap(body), bool)
        try:
            sm = parse_sitemap(body)
        except SitemapError as exc:
            assert str(exc)
            return
    assert all(isinstance(e.url, str) and e.url for e in sm.entries)
    assert all(isinstance(c, str) and c for c in sm.children)


@fuzz(max_examples=100)
@given(st.one_of(xml_feed(), mutated(feed_seeds()), st.binary(max_size=256)), st.booleans())
@example(b'<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa">]><urlset>&a;</urlset>', False)
def test_sitemaps(body: bytes, compress: bool) -> None:
    check_sitemap(gzip.compress(body) if compress else body)


@fuzz(max_examples=60)
@given(st.binary(max_size=64), st.integers(0, 4096))
def test_gunzip_is_capped(body: bytes, limit: int) -> None:
    wrapped = gzip.compress(body)
    for data in (wrapped, wrapped[: len(wrapped) // 2], b"\x1f\x8b" + body):
        try:
            out = maybe_gunzip(data, limit)
        except SitemapError:
            continue
        assert len(out) <= max(limit, len(data))
