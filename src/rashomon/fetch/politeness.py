"""Per-host politeness: limited concurrency, a minimum gap between requests, and pauses."""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field

# A robots.txt Crawl-delay larger than this is capped, so one site cannot stall a run.
MAX_CRAWL_DELAY = 60.0


@dataclass
class _Host:
    semaphore: asyncio.Semaphore
    lock: asyncio.Lock = field(default_factory=asyncio.Lock)
    next_start: float = 0.0  # monotonic time before which no request may start
    delay: float = 0.0


class HostGate:
    """Admits requests: global limit, per-host limit and per-host minimum delay."""

    def __init__(self, global_limit: int, per_host: int, min_delay: float):
        self._global = asyncio.Semaphore(max(1, global_limit))
        self._per_host = max(1, per_host)
        self._min_delay = max(0.0, min_delay)
        self._hosts: dict[str, _Host] = {}

    def _host(self, key: str) -> _Host:
        host = self._hosts.get(key)
        if host is None:
            host = self._hosts[key] = _Host(
                asyncio.Semaphore(self._per_host), delay=self._min_delay
            )
        return host

    def set_delay(self, key: str, crawl_delay: float | None) -> None:
        """Apply a robots.txt Crawl-delay (the larger of it and the configured delay wins)."""
        host = self._host(key)
        host.delay = max(self._min_delay, min(MAX_CRAWL_DELAY, crawl_delay or 0.0))

    def defer(self, key: str, seconds: float) -> None:
        """Start nothing on this host for the next seconds (Retry-After)."""
        host = self._host(key)
        host.next_start = max(host.next_start, time.monotonic() + max(0.0, seconds))

    @asynccontextmanager
    async def slot(self, key: str) -> AsyncIterator[None]:
        """Hold one request slot for host key; waits for limits and the host's delay."""
        host = self._host(key)
        async with host.semaphore:
            # The lock orders request starts on one host so gaps are kept with per_host > 1.
            async with host.lock:
                wait = host.next_start - time.monotonic()
                if wait > 0:
                    await asyncio.sleep(wait)
                host.next_start = time.monotonic() + host.delay
            async with self._global:
                yield
