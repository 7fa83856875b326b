"""Sitemaps: index files, news tags, gzip and refusal of unsafe XML."""

from __future__ import annotations

import gzip

import pytest

from rashomon.fetch.sitemaps import SitemapError, is_sitemap, maybe_gunzip, parse_sitemap

INDEX = b"""<?xml version="1.0" encoding="UTF-8"?>
<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
  <sitemap><loc>https://n.example/news-1.xml</loc><lastmod>2026-11-10</lastmod></sitemap>
  <sitemap><loc> https://n.example/news-2.xml.gz </loc></sitemap>
</sitemapindex>"""

URLSET = b"""<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"
        xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
  <url><loc>https://n.example/a.html</loc>
    <news:news><news:publication><news:name>N</news:name><news:language>fr</news:language>
    </news:publication><news:publication_date>2026-11-10</news:publication_date>
    <news:title>Titre</news:title></news:news></url>
  <url><lastmod>2026-11-10</lastmod></url>
</urlset>"""


def test_index() -> None:
    sm = parse_sitemap(INDEX)
    assert sm.children == ["https://n.example/news-1.xml", "https://n.example/news-2.xml.gz"]
    assert sm.entries == []


def test_news_tags() -> None:
    sm = parse_sitemap(URLSET)
    assert len(sm.entries) == 1  # the <url> without <loc> is skipped
    e = sm.entries[0]
    assert (e.url, e.title, e.language) == ("https://n.example/a.html", "Titre", "fr")
    assert e.published is not None and e.published.year == 2026


def test_gzipped_sitemap() -> None:
    assert parse_sitemap(gzip.compress(URLSET)).entries[0].url == "https://n.example/a.html"
    assert is_sitemap(gzip.compress(INDEX)) and is_sitemap(URLSET)
    assert not is_sitemap(b"<rss version='2.0'><channel/></rss>")


def test_gzip_bomb_refused() -> None:
    bomb = gzip.compress(b"<urlset>" + b" " * (4 * 1024 * 1024))
    with pytest.raises(SitemapError, match="larger than"):
        maybe_gunzip(bomb, limit=1024 * 1024)
    assert len(maybe_gunzip(bomb, limit=5 * 1024 * 1024)) > 4 * 1024 * 1024


@pytest.mark.parametrize(
    "body,reason",
    [
        (b'<!DOCTYPE x [<!ENTITY a "b">]><urlset/>', "DOCTYPE"),
        (b"<urlset><url><loc>x</loc></url>", "malformed"),
        (b"<rss/>", "not <urlset>"),
        (b"\x1f\x8bnot gzip at all", "broken gzip"),
    ],
)
def test_bad_sitemaps(body: bytes, reason: str) -> None:
    with pytest.raises(SitemapError, match=reason):
        parse_sitemap(body)
