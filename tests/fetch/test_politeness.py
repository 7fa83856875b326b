"""Per-host concurrency, minimum delay, Retry-After pauses and the global limit."""

from __future__ import annotations

import asyncio
import time

from rashomon.fetch.politeness import MAX_CRAWL_DELAY, HostGate


async def _run(gate: HostGate, keys: list[str], hold: float = 0.0) -> list[tuple[str, float]]:
    starts: list[tuple[str, float]] = []
    t0 = time.monotonic()

    async def one(key: str) -> None:
        async with gate.slot(key):
            starts.append((key, time.monotonic() - t0))
            await asyncio.sleep(hold)

    await asyncio.gather(*(one(k) for k in keys))
    return starts


def test_minimum_delay_between_requests_to_one_host() -> None:
    starts = asyncio.run(_run(HostGate(10, 1, 0.1), ["a"] * 4))
    times = [t for _, t in starts]
    assert all(b - a >= 0.09 for a, b in zip(times, times[1:], strict=False))


def test_other_hosts_are_not_held_up() -> None:
    starts = asyncio.run(_run(HostGate(10, 1, 0.3), ["a", "a", "b", "c"]))
    first = {k: t for k, t in reversed(starts)}
    assert first["b"] < 0.1 and first["c"] < 0.1


def test_per_host_concurrency() -> None:
    async def main() -> int:
        gate, active, peak = HostGate(10, 2, 0.0), 0, 0

        async def one() -> None:
            nonlocal active, peak
            async with gate.slot("a"):
                active += 1
                peak = max(peak, active)
                await asyncio.sleep(0.02)
                active -= 1

        await asyncio.gather(*(one() for _ in range(6)))
        return peak

    assert asyncio.run(main()) == 2


def test_global_limit() -> None:
    async def main() -> int:
        gate, active, peak = HostGate(3, 5, 0.0), 0, 0

        async def one(key: str) -> None:
            nonlocal active, peak
            async with gate.slot(key):
                active += 1
                peak = max(peak, active)
                await asyncio.sleep(0.02)
                active -= 1

        await asyncio.gather(*(one(f"h{i}") for i in range(10)))
        return peak

    assert asyncio.run(main()) == 3


def test_defer_and_crawl_delay() -> None:
    async def main() -> float:
        gate = HostGate(10, 1, 0.0)
        gate.set_delay("a", 10_000)  # capped
        assert gate._hosts["a"].delay == MAX_CRAWL_DELAY
        gate.set_delay("a", None)
        gate.defer("a", 0.2)
        t0 = time.monotonic()
        async with gate.slot("a"):
            return time.monotonic() - t0

    assert asyncio.run(main()) >= 0.19
