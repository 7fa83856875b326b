"""The guarded client and the crawler against a real adversarial server on 127.0.0.1."""

from __future__ import annotations

import asyncio
import time

from rashomon.fetch.charset import decode_body
from rashomon.fetch.client import FetchConfig, FetchResult, GuardedClient
from rashomon.fetch.crawler import Crawler, CrawlerConfig
from rashomon.settings import Settings
from tests.fetch.adversarial import MISLABELLED, WRONG_CHARSET, Server, _send, fast_settings


def crawl(settings: Settings, url: str, **headers: str) -> FetchResult:
    async def main() -> FetchResult:
        async with Crawler(CrawlerConfig.from_settings(settings)) as crawler:
            return await crawler.fetch(url, headers)

    return asyncio.run(main())


def get(settings: Settings, url: str) -> FetchResult:
    async def main() -> FetchResult:
        client = GuardedClient(FetchConfig.from_settings(settings))
        try:
            return await client.get(url)
        finally:
            await client.aclose()

    return asyncio.run(main())


def test_plain_page_and_user_agent(server: Server, settings: Settings) -> None:
    seen: dict[str, str] = {}

    def capture(h) -> None:  # type: ignore[no-untyped-def]
        seen["ua"] = h.headers.get("User-Agent", "")
        h.send_response(200)
        h.send_header("Content-Length", "2")
        h.end_headers()
        h.wfile.write(b"ok")

    server.routes["/ua"] = capture
    result = get(settings, server.url("/ua"))
    assert result.ok and result.body == b"ok" and result.elapsed_ms > 0
    assert seen["ua"].startswith("Rashomon/") and settings.contact_url in seen["ua"]


def test_robots_disallow_is_honoured(server: Server, settings: Settings) -> None:
    result = crawl(settings, server.url("/private/secret.html"))
    assert result.error_kind == "robots"
    assert server.hits["/private/secret.html"] == 0
    assert server.hits["/robots.txt"] == 1


def test_conditional_get_gives_304(server: Server, settings: Settings) -> None:
    first = crawl(settings, server.url("/etag.xml"))
    assert first.ok and first.header("etag") == '"v1"'
    again = crawl(settings, server.url("/etag.xml"), **{"If-None-Match": '"v1"'})
    assert again.not_modified and again.body is None and again.error_kind is None


def test_429_retry_after_is_waited_for(server: Server, settings: Settings) -> None:
    start = time.monotonic()
    result = crawl(settings, server.url("/retry-after.html"))
    assert result.ok
    assert server.hits["/retry-after.html"] == 2
    assert time.monotonic() - start >= 0.9  # Retry-After: 1


def test_long_retry_after_is_not_waited_for(server: Server) -> None:
    settings = fast_settings(retry_after_max=0.5)
    result = crawl(settings, server.url("/retry-after.html"))
    assert result.error_kind == "rate_limited"
    assert server.hits["/retry-after.html"] == 1


def test_500_then_ok_is_retried(server: Server, settings: Settings) -> None:
    result = crawl(settings, server.url("/flaky.html"))
    assert result.ok and server.hits["/flaky.html"] == 2


def test_persistent_500_gives_up_after_bounded_retries(server: Server, settings: Settings) -> None:
    result = crawl(settings, server.url("/always-500.html"))
    assert result.error_kind == "http" and result.status == 500
    assert server.hits["/always-500.html"] == 1 + settings.fetch_retries


def test_slow_drip_hits_the_read_timeout(server: Server) -> None:
    settings = fast_settings(read_timeout=0.1, fetch_retries=0)
    start = time.monotonic()
    result = crawl(settings, server.url("/drip.html"))
    assert result.error_kind == "timeout", result.error
    assert time.monotonic() - start < 2


def test_total_timeout_caps_a_steady_drip(server: Server) -> None:
    # Each byte arrives within the read timeout, but the whole answer takes too long.
    settings = fast_settings(read_timeout=1.0, total_timeout=0.5, fetch_retries=0)
    result = get(settings, server.url("/drip.html"))
    assert result.error_kind == "timeout" and "0.5s" in (result.error or "")


def test_20mb_body_is_refused_while_streaming(server: Server, settings: Settings) -> None:
    result = get(settings, server.url("/big.html"))
    assert result.error_kind == "too_large" and result.body is None


def test_declared_oversize_body_is_refused_before_reading(
    server: Server, settings: Settings
) -> None:
    result = get(settings, server.url("/big-declared.html"))
    assert result.error_kind == "too_large" and "Content-Length" in (result.error or "")


def test_gzip_bomb_is_refused(server: Server, settings: Settings) -> None:
    result = get(settings, server.url("/bomb.html"))
    assert result.error_kind == "too_large" and "after decoding" in (result.error or "")


def test_redirect_loop_is_stopped(server: Server, settings: Settings) -> None:
    result = get(settings, server.url("/loop-a"))
    assert result.error_kind == "redirects"
    assert server.hits["/loop-a"] == 1 and server.hits["/loop-b"] == 1


def test_too_many_redirects(server: Server, settings: Settings) -> None:
    result = get(settings, server.url("/chain/9"))
    assert result.error_kind == "redirects"
    assert len(result.redirects) == settings.max_redirects + 1
    ok = get(settings, server.url("/chain/3"))
    assert ok.ok and ok.final_url.endswith("/chain/0")


def test_redirect_is_followed_and_recorded(server: Server, settings: Settings) -> None:
    result = get(settings, server.url("/to-page"))
    assert result.ok and result.redirects == [result.final_url]
    assert result.final_url.endswith("/page/redirected.html?utm_source=feed")


def test_wrong_declared_charset_is_decoded_right(server: Server, settings: Settings) -> None:
    result = get(settings, server.url("/wrong-charset.html"))
    text, _ = decode_body(result.body or b"", result.header("content-type"))
    assert WRONG_CHARSET.decode("cp1252") in text
    result = get(settings, server.url("/mislabelled.html"))
    text, enc = decode_body(result.body or b"", result.header("content-type"))
    assert MISLABELLED.decode() in text and enc == "utf-8"


def test_connection_refused_is_a_connect_error(settings: Settings) -> None:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    result = get(settings, f"http://127.0.0.1:{port}/")
    assert result.error_kind == "connect"


def test_redirect_without_location_is_an_error(server: Server, settings: Settings) -> None:
    server.routes["/no-location"] = lambda h: _send(h, 302)
    result = get(settings, server.url("/no-location"))
    assert result.error_kind == "http" and "without content or Location" in (result.error or "")
