"""Parse feeds into article links: RSS 0.9x/1.0/2.0 and Atom (feedparser), JSON Feed, sitemaps."""

from __future__ import annotations

import calendar
import json
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import feedparser

from rashomon.fetch.sitemaps import SitemapError, is_sitemap, parse_sitemap
from rashomon.fetch.urls import canonical_url

# feedparser flags these as "bozo" although the entries are fine.
_HARMLESS = (feedparser.CharacterEncodingOverride, feedparser.NonXMLContentType)
# "&#0;" and JSON's "\ud800" reach titles; PostgreSQL cannot store NUL, nor UTF-8 a surrogate.
_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")


class FeedError(ValueError):
    """A feed that cannot be read; the message says why."""


@dataclass(frozen=True)
class FeedEntry:
    """One item of a feed: the canonical article URL and what the feed says about it."""

    url: str
    title: str | None = None
    published: datetime | None = None
    language: str | None = None


@dataclass
class Feed:
    """A parsed feed or sitemap: entries, and child sitemaps for an index."""

    format: str
    entries: list[FeedEntry] = field(default_factory=list)
    children: list[str] = field(default_factory=list)


def _title(value: Any) -> str | None:
    return _UNSTORABLE.sub("", value) if isinstance(value, str) else None


def _struct_time(value: Any) -> datetime | None:
    if not value:
        return None
    try:
        return datetime.fromtimestamp(calendar.timegm(value), UTC)
    except (ValueError, OverflowError, OSError):
        return None  # a date before year 1 or after 9999 is no date


def _iso(value: Any) -> datetime | None:
    if not isinstance(value, str):
        return None
    try:
        when = datetime.fromisoformat(value.replace("Z", "+00:00"))
        when = when if when.tzinfo else when.replace(tzinfo=UTC)
        when.astimezone(UTC)  # the store keeps UTC: "9999-12-31T23:00-14:00" overflows
    except (ValueError, OverflowError):
        return None
    return when


def _dedupe(entries: list[FeedEntry]) -> list[FeedEntry]:
    seen: dict[str, FeedEntry] = {}
    for e in entries:
        seen.setdefault(e.url, e)
    return list(seen.values())


def _json_feed(body: bytes, base: str) -> Feed:
    try:
        doc = json.loads(body)
    except (ValueError, UnicodeDecodeError) as exc:
        raise FeedError(f"malformed JSON Feed: {exc}") from None
    if not isinstance(doc, dict) or not str(doc.get("version", "")).startswith(
        "https://jsonfeed.org/version/"
    ):
        raise FeedError("JSON document is not a JSON Feed (no jsonfeed.org version)")
    items = doc.get("items")
    if not isinstance(items, list):
        raise FeedError("JSON Feed has no 'items' list")
    entries = []
    for item in items:
        if not isinstance(item, dict):
            continue
        link = item.get("url") or item.get("external_url")
        url = canonical_url(link, base) if isinstance(link, str) else None
        if url:
            title = _title(item.get("title"))
            language = item.get("language") or doc.get("language")
            entries.append(
                FeedEntry(
                    url,
                    title,
                    _iso(item.get("date_published")),
                    language if isinstance(language, str) else None,
                )
            )
    return Feed("json", _dedupe(entries))


def _xml_feed(body: bytes, base: str, content_type: str | None) -> Feed:
    headers = {"content-type": content_type} if content_type else {}
    try:
        parsed = feedparser.parse(
            body, response_headers=headers, sanitize_html=False, resolve_relative_uris=False
        )
    except ValueError as exc:  # feedparser lets some escape: charset "undefined", "&#2000000;"
        if not headers:
            raise FeedError(f"unreadable feed: {exc}") from None
        return _xml_feed(body, base, None)
    language = parsed.feed.get("language")
    entries = []
    for item in parsed.entries:
        url = canonical_url(item.get("link") or "", base)
        if url:
            published = _struct_time(item.get("published_parsed")) or _struct_time(
                item.get("updated_parsed")
            )
            entries.append(FeedEntry(url, _title(item.get("title")), published, language))
    # A broken document that still yields links is read the way feed readers do; one that
    # yields nothing is an error worth reporting.
    if not entries and parsed.bozo and not isinstance(parsed.bozo_exception, _HARMLESS):
        raise FeedError(f"malformed feed: {parsed.bozo_exception}")
    if not parsed.version and not entries:
        raise FeedError("not a feed: no RSS, Atom or JSON Feed structure found")
    return Feed(parsed.version or "xml", _dedupe(entries))


def _sitemap(body: bytes, base: str) -> Feed:
    try:
        sm = parse_sitemap(body)
    except SitemapError as exc:
        raise FeedError(f"sitemap: {exc}") from None
    entries = [
        FeedEntry(url, _title(e.title), e.published or e.lastmod, e.language)
        for e in sm.entries
        if (url := canonical_url(e.url, base))
    ]
    children = [u for c in sm.children if (u := canonical_url(c, base))]
    return Feed("sitemap", _dedupe(entries), children)


def parse_feed(body: bytes, url: str, content_type: str | None = None) -> Feed:
    """Entries of any supported feed format, detected from the bytes; raises FeedError."""
    head = body[:64].lstrip(b"\xef\xbb\xbf \t\r\n")
    if not head:
        raise FeedError("empty document")
    if head.startswith((b"{", b"[")):
        return _json_feed(body, url)
    if is_sitemap(body):
        return _sitemap(body, url)
    return _xml_feed(body, url, content_type)
