"""Resource bounds: oversized inputs are processed within stated time and memory, or refused.

Each scenario runs in a child process (tests/hostile/bounds.py) so its peak memory is its own;
the inputs are generated here at run time. The bounds are documented in docs/security.md;
they hold with room to spare on one idle core, so a loaded CI machine still passes.
"""

from __future__ import annotations

import asyncio
import gzip
import io
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from rashomon.fetch.crawler import Crawler, CrawlerConfig
from tests.conftest import ROOT
from tests.fetch.adversarial import Server, _send, fast_settings, server  # noqa: F401

pytestmark = pytest.mark.slow
MB = 1024 * 1024


def run(scenario: str, arg: str = "", timeout: float = 60) -> dict[str, Any]:
    """Run one scenario in a fresh interpreter; its JSON report."""
    done = subprocess.run([sys.executable, "-m", "tests.hostile.bounds", scenario, arg],
                          cwd=ROOT, capture_output=True, text=True, timeout=timeout, check=True)
    report: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    print(scenario, report)  # the figures docs/security.md quotes; see them with -s
    return report


def _write_warc(path: Path, body_bytes: int) -> None:
    """A gzipped WARC: one 50 MB HTML response, streamed from disk, then a small good page."""
    chunk = b"<p>" + b"x" * 1020 + b"</p>"
    payload = path.with_suffix(".payload")
    with payload.open("wb") as fh:
        fh.write(b"<html><body>")
        for _ in range(body_bytes // len(chunk)):
            fh.write(chunk)
        fh.write(b"</body></html>")
    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=True)
        for url, source in [("https://big.example/huge.html", payload.open("rb")),
                            ("https://big.example/small.html",
                             io.BytesIO(b"<html><body><p>small page</p></body></html>"))]:
            size = source.seek(0, io.SEEK_END)
            source.seek(0)
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")],
                                       protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(
                url, "response", payload=source, length=size, http_headers=headers))
            source.close()
    payload.unlink()


def test_a_50_mb_warc_record_is_skipped_with_a_reason(tmp_path: Path) -> None:
    path = tmp_path / "big.warc.gz"
    _write_warc(path, 50 * MB)
    report = run("warc", str(path))
    records = report["seen"]["records"]
    assert records[0].startswith("skipped: page larger than 5000000 bytes"), records
    assert records[1] == "https://big.example/small.html"
    assert report["seconds"] < 30 and report["peak_growth_mb"] < 64, report


def _feed(items: int) -> bytes:
    rows = "".join(f"<item><title>Item {i}</title><link>https://a.example/{i}</link>"
                   "<pubDate>Mon, 02 Nov 2026 10:00:00 GMT</pubDate></item>"
                   for i in range(items))
    return (f'<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>{rows}'
            "</channel></rss>").encode()


def test_a_feed_of_100k_items_is_refused_by_size(server: Server, tmp_path: Path) -> None:  # noqa: F811
    big = _feed(100_000)  # 12 MB: over max_body_bytes, plain or gzip-encoded
    server.routes["/huge.xml"] = lambda h: _send(h, 200, big, "application/rss+xml")
    packed = gzip.compress(big)
    server.routes["/huge-gz.xml"] = lambda h: _send(h, 200, packed, "application/rss+xml",
                                                    {"Content-Encoding": "gzip"})

    async def poll(url: str) -> Any:
        async with Crawler(CrawlerConfig.from_settings(fast_settings())) as crawler:
            return await crawler.poll(url)

    for path in ("/huge.xml", "/huge-gz.xml"):
        result = asyncio.run(poll(server.url(path)))
        assert result.feed is None and result.result.error_kind == "too_large", result.result
        assert "5000000" in (result.result.error or ""), result.result.error  # says the cap


def test_a_feed_at_the_size_cap_parses_in_bounds(tmp_path: Path) -> None:
    body = _feed(40_000)  # ~4.9 MB: the largest feed the crawler accepts
    assert len(body) <= 5_000_000
    path = tmp_path / "cap.xml"
    path.write_bytes(body)
    report = run("feed", str(path))
    assert report["seen"] == {"entries": 40_000, "format": "rss20"}
    # feedparser: ~10 s on an idle core; the bound leaves room for a loaded CI machine
    assert report["seconds"] < 45 and report["peak_growth_mb"] < 200, report


def test_a_sitemap_of_a_million_urls_is_read_to_its_cap(tmp_path: Path) -> None:
    path = tmp_path / "huge.xml.gz"
    with gzip.open(path, "wb", compresslevel=9) as fh:  # ~2.5 MB: under the body cap
        fh.write(b'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">')
        for i in range(1_000_000):
            fh.write(b"<url><loc>https://a.example/%09d</loc></url>" % i)
        fh.write(b"</urlset>")
    assert path.stat().st_size < 5_000_000
    report = run("feed", str(path))
    assert report["seen"] == {"entries": 50_000, "format": "sitemap"}
    assert report["seconds"] < 30 and report["peak_growth_mb"] < 200, report


def test_a_2_mb_article_is_extracted_in_bounds() -> None:
    report = run("article", str(2 * MB))
    assert report["seen"]["text_chars"] > 1.5 * MB and report["seen"]["sentences"] > 30_000
    assert report["seconds"] < 30 and report["peak_growth_mb"] < 300, report


def test_a_2_mb_article_in_a_story_is_analysed_in_bounds() -> None:
    report = run("analysis", str(2 * MB))
    assert report["seen"]["sentences_dropped"] > 30_000  # read: the first 60 sentences only
    assert report["seconds"] < 30 and report["peak_growth_mb"] < 300, report


def test_a_story_of_2000_articles_is_analysed_within_its_caps() -> None:
    report = run("story", "2000")
    assert report["seen"] == {"used": 40, "total": 2000, "dropped": 1960, "counted": 2000}
    assert report["seconds"] < 30 and report["peak_growth_mb"] < 200, report


def test_one_long_paragraph_is_analysed_in_bounds() -> None:
    # 80 KB without a full stop: 73 s before sentences were capped at 2,000 characters and
    # quote attribution at 400 characters either side; ~9 s now
    report = run("one-paragraph", str(80_000))
    assert report["seconds"] < 30 and report["peak_growth_mb"] < 200, report


@pytest.mark.xfail(reason="group_quotes compares every pair of a story's quotes: 30 articles "
                          "of 60 quotes take ~90 s, 40 (the cap) ~3 min (docs/security.md)",
                   raises=subprocess.TimeoutExpired, strict=True)
def test_a_quote_dense_story_is_analysed_in_bounds() -> None:
    run("quote-dense", "30", timeout=15)
