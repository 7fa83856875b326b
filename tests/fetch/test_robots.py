"""robots.txt rules and the per-origin cache."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime

from rashomon.fetch.client import FetchResult
from rashomon.fetch.robots import RobotsCache, robots_from_result

AGENT = "Rashomon"


def result(status: int | None, body: bytes | None = None, error: str | None = None) -> FetchResult:
    r = FetchResult(
        url="https://a.example/robots.txt",
        final_url="https://a.example/robots.txt",
        started_at=datetime.now(UTC),
        status=status,
        body=body,
    )
    if error:
        r.fail(error, "boom")
    elif status and status >= 400:
        r.fail("http", f"HTTP {status}")
    return r


def test_rules_and_crawl_delay_for_our_agent() -> None:
    robots = robots_from_result(
        result(
            200,
            b"User-agent: *\nDisallow: /private/\n\n"
            b"User-agent: Rashomon\nDisallow: /no-bots/\n"
            b"Crawl-delay: 7\n",
        )
    )
    assert robots.allowed("https://a.example/private/x", AGENT)  # our own group applies
    assert not robots.allowed("https://a.example/no-bots/x", AGENT)
    assert robots.crawl_delay(AGENT) == 7.0
    assert not robots.allowed("https://a.example/private/x", "OtherBot")


def test_missing_robots_allows_everything() -> None:
    for status in (401, 403, 404, 410):
        robots = robots_from_result(result(status))
        assert robots.allowed("https://a.example/anything", AGENT)


def test_unreachable_robots_disallows_everything() -> None:
    for r in (result(500), result(503), result(429), result(None, error="timeout")):
        robots = robots_from_result(r)
        assert not robots.allowed("https://a.example/", AGENT)
        assert "unreachable" in robots.reason


def test_cache_fetches_once_per_origin() -> None:
    calls: list[str] = []

    async def fetch(url: str) -> FetchResult:
        calls.append(url)
        await asyncio.sleep(0.01)
        return result(200, b"User-agent: *\nDisallow: /x\n")

    async def main() -> None:
        cache = RobotsCache(fetch, AGENT)
        answers = await asyncio.gather(
            *(cache.allowed(f"https://a.example/{p}") for p in ("a", "x", "b", "x/y"))
        )
        assert [ok for ok, _ in answers] == [True, False, True, False]
        await cache.allowed("http://a.example/a")  # another scheme is another origin
        await cache.allowed("https://a.example:8443/a")

    asyncio.run(main())
    assert calls == [
        "https://a.example/robots.txt",
        "http://a.example/robots.txt",
        "https://a.example:8443/robots.txt",
    ]
