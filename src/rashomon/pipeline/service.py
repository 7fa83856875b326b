"""The long-running job behind `rashomon up` and `rashomon demo`: crawl, process, serve.

The web server runs in the main thread; a worker thread crawls feeds as they fall due and
processes what arrives. Ctrl-C stops the server, then the worker finishes its current batch
(committed batches are never half-written) and exits.
"""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from rashomon.fetch.crawler import Crawler, CrawlerConfig
from rashomon.pipeline.crawl import CrawlSummary, crawl_once
from rashomon.pipeline.engine import process
from rashomon.pipeline.runner import RunReport
from rashomon.settings import Settings
from rashomon.store import Store

Say = Callable[[str], None]


@dataclass
class Rounds:
    """What the worker has done so far."""

    rounds: int = 0
    crawled: CrawlSummary = field(default_factory=CrawlSummary)
    processed: int = 0
    errors: list[str] = field(default_factory=list)


def crawl_and_process(store: Store, settings: Settings, crawler: Crawler,
                      stop: asyncio.Event, say: Say) -> tuple[CrawlSummary, RunReport]:
    """One round: poll every due feed, then run every pending stage."""
    started = time.monotonic()
    summary = asyncio.run(_crawl(store, settings, crawler, stop))
    say(summary.line(time.monotonic() - started))
    report = process(store, settings)
    say(report.line())
    return summary, report


async def _crawl(store: Store, settings: Settings, crawler: Crawler,
                 stop: asyncio.Event) -> CrawlSummary:
    async with crawler:
        return await crawl_once(store, settings, crawler, stop=stop)


class Worker(threading.Thread):
    """Crawl and process in rounds until stopped."""

    def __init__(self, store: Store, settings: Settings, say: Say, idle_seconds: float = 60.0):
        super().__init__(name="rashomon-worker", daemon=True)
        self.store = store
        self.settings = settings
        self.say = say
        self.idle_seconds = idle_seconds
        self.stopped = threading.Event()
        self.state = Rounds()

    def run(self) -> None:
        while not self.stopped.is_set():
            try:
                crawler = Crawler(CrawlerConfig.from_settings(self.settings))
                summary, report = crawl_and_process(self.store, self.settings, crawler,
                                                    asyncio.Event(), self.say)
                self.state.rounds += 1
                self.state.crawled.merge(summary)
                self.state.processed += sum(s.done for s in report.stages)
            except Exception as exc:  # keep serving; say what went wrong and try again later
                self.state.errors.append(str(exc))
                self.say(f"worker round failed: {type(exc).__name__}: {exc}")
            self.stopped.wait(self.idle_seconds)

    def stop(self) -> None:
        self.stopped.set()
