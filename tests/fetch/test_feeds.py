"""Feed parsing: golden pairs (feeds/<name> next to <name>.expected.json) and bad input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from rashomon.fetch.feeds import FeedError, parse_feed

FEEDS = Path(__file__).parent / "feeds"
INPUTS = sorted(p for p in FEEDS.iterdir() if not p.name.endswith(".expected.json"))


def _as_json(body: bytes, name: str) -> dict[str, object]:
    feed = parse_feed(body, f"https://base.example/feeds/{name}")
    return {
        "format": feed.format,
        "entries": [
            {
                "url": e.url,
                "title": e.title,
                "published": e.published.isoformat() if e.published else None,
            }
            for e in feed.entries
        ],
    }


@pytest.mark.parametrize("path", INPUTS, ids=[p.name for p in INPUTS])
def test_golden(path: Path) -> None:
    expected = json.loads((FEEDS / (path.name.rsplit(".", 1)[0] + ".expected.json")).read_text())
    assert _as_json(path.read_bytes(), path.name) == expected


def test_every_format_is_covered() -> None:
    formats = {_as_json(p.read_bytes(), p.name)["format"] for p in INPUTS}
    assert {"rss091n", "rss10", "rss20", "atom10", "json", "sitemap"} <= formats


@pytest.mark.parametrize(
    "body,reason",
    [
        (b"", "empty"),
        (b"<?xml version='1.0'?><rss><channel><item><title>x</titl></item>", "malformed"),
        (b"<html><body>not a feed</body></html>", "not a feed"),
        (b'{"version": "https://jsonfeed.org/version/1.1", "items": "no"}', "items"),
        (b'{"hello": "world"}', "not a JSON Feed"),
        (b'{"version": ', "malformed JSON"),
        (b"<urlset><url><loc>https://a.example/</loc></url>", "malformed XML"),
    ],
)
def test_bad_feeds_raise_with_a_reason(body: bytes, reason: str) -> None:
    with pytest.raises(FeedError, match=reason):
        parse_feed(body, "https://base.example/feed")


def test_billion_laughs_is_refused_in_sitemaps() -> None:
    bomb = (
        b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
        b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>'
        b"<urlset><url><loc>&lol2;</loc></url></urlset>"
    )
    with pytest.raises(FeedError, match="DOCTYPE or entities"):
        parse_feed(bomb, "https://base.example/sitemap.xml")


def test_entity_expansion_does_not_happen_in_feeds() -> None:
    body = (
        b'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
        b'<rss version="2.0"><channel><title>t</title><item><title>&x;</title>'
        b"<link>https://a.example/1</link></item></channel></rss>"
    )
    feed = parse_feed(body, "https://a.example/feed")
    assert all("root:" not in (e.title or "") for e in feed.entries)
