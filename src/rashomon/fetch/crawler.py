"""The crawler's network side: robots, politeness and retries around the guarded client.

It returns plain results; storing them is pipeline/crawl.py's job.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from datetime import UTC, datetime
from types import TracebackType

from rashomon.fetch.client import FetchConfig, FetchResult, GuardedClient
from rashomon.fetch.feeds import Feed, FeedError, parse_feed
from rashomon.fetch.politeness import HostGate
from rashomon.fetch.retry import backoff_delay, is_transient, parse_retry_after
from rashomon.fetch.robots import RobotsCache
from rashomon.fetch.ssrf import BlockedAddress
from rashomon.fetch.urls import host_key
from rashomon.settings import Settings

ROBOTS_AGENT = "Rashomon"
FEED_ACCEPT = (
    "application/rss+xml, application/atom+xml, application/feed+json, "
    "application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5"
)
PAGE_ACCEPT = "text/html, application/xhtml+xml;q=0.9, */*;q=0.5"
MAX_CHILD_SITEMAPS = 25


@dataclass(frozen=True)
class CrawlerConfig:
    """Politeness and retry settings on top of the client's."""

    fetch: FetchConfig = field(default_factory=FetchConfig)
    global_limit: int = 16
    per_host: int = 1
    per_host_delay: float = 1.0
    retries: int = 2
    backoff: float = 2.0
    retry_after_max: float = 120.0

    @classmethod
    def from_settings(cls, s: Settings) -> CrawlerConfig:
        """Build from the settings table."""
        return cls(
            FetchConfig.from_settings(s),
            int(s.fetch_concurrency),
            int(s.per_host_concurrency),
            float(s.per_host_delay),
            int(s.fetch_retries),
            float(s.retry_backoff),
            float(s.retry_after_max),
        )


@dataclass
class FeedPoll:
    """One poll of a feed: the document fetch, what it held, and any child sitemaps."""

    result: FetchResult
    feed: Feed | None = None
    children: list[FetchResult] = field(default_factory=list)
    error_kind: str | None = None
    error: str | None = None

    @property
    def retry_after(self) -> float | None:
        """Seconds the server asked us to stay away (429/503 Retry-After)."""
        return parse_retry_after(self.result.header("retry-after"))


class Crawler:
    """Polite, robots-aware fetching with bounded retries; use as an async context manager."""

    def __init__(self, config: CrawlerConfig):
        self.config = config
        self.client = GuardedClient(config.fetch)
        self.gate = HostGate(config.global_limit, config.per_host, config.per_host_delay)
        self.robots = RobotsCache(
            lambda url: self._polite(url, {"Accept": "text/plain"}), ROBOTS_AGENT
        )

    async def __aenter__(self) -> Crawler:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.client.aclose()

    async def fetch(self, url: str, headers: dict[str, str] | None = None) -> FetchResult:
        """GET url if robots.txt allows it, politely and with retries."""
        result = FetchResult(url=url, final_url=url, started_at=datetime.now(UTC))
        try:
            self.client.guard.check_url(url)  # IP literals and bad schemes: no robots.txt fetch
        except BlockedAddress as exc:
            result.fail("blocked", str(exc))
            return result
        allowed, robots = await self.robots.allowed(url)
        self.gate.set_delay(host_key(url), robots.crawl_delay(ROBOTS_AGENT))
        if not allowed:
            if robots.error_kind == "blocked":
                result.error_kind, result.error = "blocked", robots.reason
            else:
                result.fail("robots", robots.reason or "disallowed by robots.txt")
            return result
        return await self._polite(url, headers or {})

    async def _polite(self, url: str, headers: dict[str, str]) -> FetchResult:
        key = host_key(url)
        for attempt in range(self.config.retries + 1):
            async with self.gate.slot(key):
                result = await self.client.get(url, headers)
            if attempt == self.config.retries or not is_transient(result.status, result.error_kind):
                break
            wait = (
                parse_retry_after(result.header("retry-after"))
                if result.status in (429, 503)
                else None
            )
            if wait is None:
                await asyncio.sleep(backoff_delay(attempt, self.config.backoff))
            elif wait > self.config.retry_after_max:
                break  # too long to wait now: the feed's schedule honours it instead
            else:
                self.gate.defer(key, wait)  # every request to this host waits, not just ours
        if result.status == 429:
            result.fail("rate_limited", f"HTTP 429 from {result.final_url}")
        return result

    async def page(self, url: str) -> FetchResult:
        """Fetch an article page."""
        return await self.fetch(url, {"Accept": PAGE_ACCEPT})

    async def poll(
        self, url: str, etag: str | None = None, last_modified: str | None = None
    ) -> FeedPoll:
        """Fetch a feed or sitemap conditionally and parse it (child sitemaps included)."""
        headers = {"Accept": FEED_ACCEPT}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        poll = FeedPoll(await self.fetch(url, headers))
        if not poll.result.ok or poll.result.body is None:
            return poll
        try:
            poll.feed = parse_feed(
                poll.result.body, poll.result.final_url, poll.result.header("content-type")
            )
        except FeedError as exc:
            poll.error_kind, poll.error = "parse", f"parse: {exc}"
            return poll
        if poll.feed.children:
            await self._children(poll)
        return poll

    async def _children(self, poll: FeedPoll) -> None:
        assert poll.feed is not None
        urls = poll.feed.children[:MAX_CHILD_SITEMAPS]
        poll.children = list(
            await asyncio.gather(*(self.fetch(u, {"Accept": FEED_ACCEPT}) for u in urls))
        )
        seen = {e.url for e in poll.feed.entries}
        for child in poll.children:
            if not child.ok or child.body is None:
                continue
            try:
                sub = parse_feed(child.body, child.final_url, child.header("content-type"))
            except FeedError as exc:
                child.fail("parse", str(exc))
                continue
            for entry in sub.entries:  # an index inside an index is not followed further
                if entry.url not in seen:
                    seen.add(entry.url)
                    poll.feed.entries.append(entry)
