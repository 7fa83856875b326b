"""robots.txt: fetched once per origin, cached, and read with protego (RFC 9309)."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from protego import Protego

from rashomon.fetch.charset import decode_body
from rashomon.fetch.client import FetchResult
from rashomon.fetch.urls import origin

CACHE_SECONDS = 24 * 3600.0
# An unreachable robots.txt means "disallow everything" (RFC 9309 2.3.1.4), but only for a
# while: ask again soon rather than shunning the site for a day.
UNREACHABLE_SECONDS = 600.0
MAX_ROBOTS_BYTES = 500 * 1024  # RFC 9309 asks parsers to handle at least 500 KiB


@dataclass(frozen=True)
class Robots:
    """The rules of one origin."""

    parser: Protego | None = None
    disallow_all: bool = False
    reason: str = ""
    error_kind: str | None = None  # why robots.txt could not be read (e.g. blocked, timeout)

    def allowed(self, url: str, agent: str) -> bool:
        """May agent fetch url?"""
        if self.disallow_all:
            return False
        return True if self.parser is None else bool(self.parser.can_fetch(url, agent))

    def crawl_delay(self, agent: str) -> float | None:
        """The Crawl-delay for agent, if robots.txt sets one."""
        if self.parser is None:
            return None
        delay = self.parser.crawl_delay(agent)
        return float(delay) if delay is not None else None


def robots_from_result(result: FetchResult) -> Robots:
    """Rules from the fetch of /robots.txt: 4xx allows all; errors, 429 and 5xx disallow all."""
    if result.ok and result.body is not None:
        text, _ = decode_body(result.body[:MAX_ROBOTS_BYTES], result.header("content-type"))
        return Robots(parser=Protego.parse(text))
    if result.status is not None and 400 <= result.status < 500 and result.status != 429:
        return Robots(reason=f"robots.txt HTTP {result.status}: no rules")
    if result.error_kind == "blocked":  # the site itself is off limits, not just robots.txt
        return Robots(disallow_all=True, reason=result.error or "", error_kind="blocked")
    why = result.error or f"HTTP {result.status}"
    return Robots(
        disallow_all=True, reason=f"robots.txt unreachable ({why})", error_kind=result.error_kind
    )


class RobotsCache:
    """Per-origin robots.txt rules, fetched on first use and kept for a day."""

    def __init__(self, fetch: Callable[[str], Awaitable[FetchResult]], agent: str):
        self._fetch = fetch
        self.agent = agent
        self._cache: dict[str, tuple[float, Robots]] = {}
        self._locks: dict[str, asyncio.Lock] = {}

    async def rules(self, url: str) -> Robots:
        """The rules that apply to url (fetching robots.txt at most once per origin)."""
        key = origin(url)
        lock = self._locks.setdefault(key, asyncio.Lock())
        async with lock:  # concurrent first requests to a site share one robots.txt fetch
            cached = self._cache.get(key)
            if cached and cached[0] > time.monotonic():
                return cached[1]
            robots = robots_from_result(await self._fetch(key + "/robots.txt"))
            ttl = UNREACHABLE_SECONDS if robots.disallow_all else CACHE_SECONDS
            self._cache[key] = (time.monotonic() + ttl, robots)
            return robots

    async def allowed(self, url: str) -> tuple[bool, Robots]:
        """Whether our agent may fetch url, with the rules consulted."""
        robots = await self.rules(url)
        return robots.allowed(url, self.agent), robots
