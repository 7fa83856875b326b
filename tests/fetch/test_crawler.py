"""Crawler.poll over HTTP: conditional headers, sitemap indexes, JSON Feed, robots on feeds."""

from __future__ import annotations

import asyncio
import gzip
import json
from http.server import BaseHTTPRequestHandler

from rashomon.fetch.crawler import Crawler, CrawlerConfig, FeedPoll
from rashomon.settings import Settings
from tests.fetch.adversarial import Server, _send


def poll(
    settings: Settings, url: str, etag: str | None = None, last_modified: str | None = None
) -> FeedPoll:
    async def main() -> FeedPoll:
        async with Crawler(CrawlerConfig.from_settings(settings)) as crawler:
            return await crawler.poll(url, etag, last_modified)

    return asyncio.run(main())


def test_conditional_poll(server: Server, settings: Settings) -> None:
    first = poll(settings, server.url("/etag.xml"))
    assert first.feed is not None and len(first.feed.entries) == 1
    again = poll(settings, server.url("/etag.xml"), etag='"v1"')
    assert again.result.not_modified and again.feed is None and again.error is None


def test_sitemap_index_children_are_merged(server: Server, settings: Settings) -> None:
    def urlset(*paths: str) -> bytes:
        urls = "".join(f"<url><loc>{server.url(p)}</loc></url>" for p in paths)
        return (
            f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{urls}</urlset>'
        ).encode()

    index = (
        '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        f"<sitemap><loc>{server.url('/sm/a.xml')}</loc></sitemap>"
        f"<sitemap><loc>{server.url('/sm/b.xml.gz')}</loc></sitemap>"
        f"<sitemap><loc>{server.url('/sm/missing.xml')}</loc></sitemap>"
        "</sitemapindex>"
    ).encode()
    server.routes["/sm/index.xml"] = lambda h: _send(h, 200, index, "application/xml")
    server.routes["/sm/a.xml"] = lambda h: _send(
        h, 200, urlset("/page/1.html", "/page/2.html"), "application/xml"
    )
    server.routes["/sm/b.xml.gz"] = lambda h: _send(
        h, 200, gzip.compress(urlset("/page/2.html", "/page/3.html")), "application/x-gzip"
    )
    result = poll(settings, server.url("/sm/index.xml"))
    assert result.feed is not None and result.feed.format == "sitemap"
    assert [e.url.rsplit("/", 1)[1] for e in result.feed.entries] == ["1.html", "2.html", "3.html"]
    assert [c.error_kind for c in result.children] == [None, None, "http"]


def test_json_feed_over_http(server: Server, settings: Settings) -> None:
    doc = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": "j",
        "items": [{"id": "1", "url": server.url("/page/j.html?fbclid=1")}],
    }

    def send(h: BaseHTTPRequestHandler) -> None:
        _send(h, 200, json.dumps(doc).encode(), "application/feed+json")

    server.routes["/feed.json"] = send
    result = poll(settings, server.url("/feed.json"))
    assert result.feed is not None and [e.url for e in result.feed.entries] == [
        server.url("/page/j.html")
    ]


def test_malformed_feed_is_a_parse_error(server: Server, settings: Settings) -> None:
    result = poll(settings, server.url("/bad-feed.xml"))
    assert result.result.ok and result.error_kind == "parse"
    assert (result.error or "").startswith("parse: malformed feed")


def test_feed_behind_robots_is_not_fetched(server: Server, settings: Settings) -> None:
    result = poll(settings, server.url("/private/feed.xml"))
    assert result.result.error_kind == "robots" and server.hits["/private/feed.xml"] == 0
