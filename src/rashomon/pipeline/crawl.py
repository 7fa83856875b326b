"""Crawl runs: poll due feeds, fetch unseen article pages, store fetches and articles.

Network work is fetch/crawler.py's; this module decides what to fetch and writes results.
"""

from __future__ import annotations

import asyncio
import signal
from collections import Counter
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, TypeVar

from rashomon.fetch.crawler import Crawler, CrawlerConfig, FeedPoll
from rashomon.fetch.feeds import FeedEntry
from rashomon.fetch.retry import is_transient
from rashomon.pipeline.crawl_writes import known, record_poll, save_schedule, store_page
from rashomon.settings import Settings
from rashomon.store import Store
from rashomon.store.fetches import FeedRow, due_feeds, next_due_at

IDLE_MAX_SECONDS = 60.0  # the forever loop looks for newly due feeds at least this often

T = TypeVar("T")
ProgressFn = Callable[[int, int, "CrawlSummary"], None]


@dataclass
class CrawlSummary:
    """What a crawl did, for the one-line summary and --json."""

    feeds: int = 0
    not_modified: int = 0
    new_articles: int = 0
    known: int = 0
    duplicates: int = 0
    pages: int = 0
    errors: Counter[str] = field(default_factory=Counter)

    def merge(self, other: CrawlSummary) -> None:
        """Add another run's counts to this one."""
        for name in ("feeds", "not_modified", "new_articles", "known", "duplicates", "pages"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.errors.update(other.errors)

    def line(self, elapsed: float) -> str:
        """The one-line summary."""
        errors = ", ".join(f"{k} {n}" for k, n in self.errors.most_common()) or "none"
        return (
            f"polled {self.feeds} feeds ({self.not_modified} not modified), "
            f"fetched {self.pages} pages: {self.new_articles} new articles, "
            f"{self.known} already known, {self.duplicates} duplicates; "
            f"errors: {errors}; {elapsed:.1f}s"
        )


def _now() -> datetime:
    return datetime.now(UTC)


class _Run:
    """One crawl over a set of due feeds."""

    def __init__(
        self,
        store: Store,
        settings: Settings,
        crawler: Crawler,
        stop: asyncio.Event,
        progress: ProgressFn | None,
    ):
        self.store, self.settings, self.crawler = store, settings, crawler
        self.stop, self.progress = stop, progress
        self.summary = CrawlSummary()
        limit = max(1, int(settings.fetch_concurrency))
        # Bounded admission so a stop request keeps new work from starting promptly.
        self.feed_slots, self.page_slots = asyncio.Semaphore(limit), asyncio.Semaphore(2 * limit)
        # One writer thread: the event loop keeps fetching while a transaction commits, and
        # writes stay in order (a page stored is seen by the next known-URL check).
        self.writer = ThreadPoolExecutor(max_workers=1, thread_name_prefix="crawl-writer")
        self.done = self.total = 0

    async def _db(self, fn: Callable[..., T], *args: Any) -> T:
        return await asyncio.get_running_loop().run_in_executor(self.writer, fn, *args)

    async def run(self, feeds: list[FeedRow]) -> CrawlSummary:
        self.total = len(feeds)
        self._tick(0)
        try:
            await asyncio.gather(*(self._feed(f) for f in feeds))
        finally:
            self.writer.shutdown(wait=True)
        return self.summary

    def _tick(self, n: int) -> None:
        self.done += n
        if self.progress:
            self.progress(self.done, self.total, self.summary)

    async def _feed(self, feed: FeedRow) -> None:
        async with self.feed_slots:
            if self.stop.is_set():
                return
            started = _now()
            poll = await self.crawler.poll(feed.url, feed.etag, feed.last_modified)
            self.summary.feeds += 1
            await self._db(record_poll, self.store, feed, poll)
            self.summary.errors.update(c.error_kind for c in poll.children if c.error_kind)
            new, complete = await self._entries(feed, poll) if poll.feed else (0, True)
            lo, hi = int(self.settings.poll_interval_min), int(self.settings.poll_interval_max)
            error = await self._db(
                save_schedule, self.store, feed, poll, started, new, complete, lo, hi
            )
            if error:
                self.summary.errors[error] += 1
            elif poll.result.not_modified:
                self.summary.not_modified += 1
        self._tick(1)

    async def _entries(self, feed: FeedRow, poll: FeedPoll) -> tuple[int, bool]:
        """(new articles, whether every unseen entry got a final answer)."""
        assert poll.feed is not None
        entries = poll.feed.entries
        seen = await self._db(known, self.store, [e.url for e in entries])
        fresh = [e for e in entries if e.url not in seen]
        self.summary.known += len(entries) - len(fresh)
        limit = int(self.settings.max_new_per_feed)
        complete = len(fresh) <= limit
        if not complete:  # newest first, so a backlog never starves today's news
            epoch = datetime.min.replace(tzinfo=UTC)
            fresh = sorted(fresh, key=lambda e: e.published or epoch, reverse=True)[:limit]
        outcomes = await asyncio.gather(*(self._page(feed, e) for e in fresh))
        return sum(n for n, _ in outcomes), complete and all(ok for _, ok in outcomes)

    async def _page(self, feed: FeedRow, entry: FeedEntry) -> tuple[int, bool]:
        """(1 if a new article was stored, whether the answer was final)."""
        async with self.page_slots:
            if self.stop.is_set():
                return 0, False
            result = await self.crawler.page(entry.url)
        final = (
            not is_transient(result.status, result.error_kind)
            and result.error_kind != "rate_limited"
        )
        self.summary.pages += 1
        outcome = await self._db(store_page, self.store, feed, entry, result)
        if outcome.error_kind:
            self.summary.errors[outcome.error_kind] += 1
        self.summary.new_articles += outcome.added
        self.summary.duplicates += outcome.duplicate
        return int(outcome.added), final


async def crawl_once(
    store: Store,
    settings: Settings,
    crawler: Crawler,
    source_id: str | None = None,
    stop: asyncio.Event | None = None,
    progress: ProgressFn | None = None,
) -> CrawlSummary:
    """Poll every due feed once (of one source, if given) and store what is new."""
    with store.connect() as conn:
        feeds = due_feeds(conn, _now(), source_id)
    run = _Run(store, settings, crawler, stop or asyncio.Event(), progress)
    return await run.run(feeds)


async def crawl_loop(
    store: Store,
    settings: Settings,
    source_id: str | None,
    *,
    once: bool,
    stop: asyncio.Event,
    progress: ProgressFn | None = None,
    on_round: Callable[[CrawlSummary], None] | None = None,
) -> CrawlSummary:
    """Crawl once, or keep polling feeds as they fall due until stop is set."""
    total = CrawlSummary()
    async with Crawler(CrawlerConfig.from_settings(settings)) as crawler:
        while not stop.is_set():
            summary = await crawl_once(store, settings, crawler, source_id, stop, progress)
            total.merge(summary)
            if on_round:
                on_round(summary)
            if once:
                break
            await _idle(store, source_id, stop)
    return total


async def _idle(store: Store, source_id: str | None, stop: asyncio.Event) -> None:
    with store.connect() as conn:
        due = next_due_at(conn, source_id)
    wait = IDLE_MAX_SECONDS if due is None else (due - _now()).total_seconds()
    try:
        await asyncio.wait_for(stop.wait(), timeout=min(IDLE_MAX_SECONDS, max(1.0, wait)))
    except TimeoutError:
        pass


def run_crawl(
    store: Store,
    settings: Settings,
    source_id: str | None = None,
    *,
    once: bool = True,
    progress: ProgressFn | None = None,
    on_round: Callable[[CrawlSummary], None] | None = None,
) -> CrawlSummary:
    """Run a crawl; the first Ctrl-C finishes in-flight requests and stops, a second aborts."""

    async def main() -> CrawlSummary:
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        task = asyncio.current_task()

        def on_signal() -> None:
            if stop.is_set() and task is not None:
                task.cancel()
            stop.set()

        for sig in (signal.SIGINT, signal.SIGTERM):
            try:
                loop.add_signal_handler(sig, on_signal)
            except (NotImplementedError, RuntimeError, ValueError):
                pass  # not the main thread, or a platform without signal handlers
        return await crawl_loop(
            store, settings, source_id, once=once, stop=stop, progress=progress, on_round=on_round
        )

    try:
        return asyncio.run(main())
    except asyncio.CancelledError:
        raise KeyboardInterrupt from None  # the second Ctrl-C
