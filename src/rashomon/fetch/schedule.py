"""The adaptive polling schedule of a feed: a pure function of what the last poll found."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

# How the interval moves: busy feeds are polled sooner, quiet or failing ones later.
FASTER = 0.5
SLOWER = 1.5
ERROR_BASE = 2.0


@dataclass(frozen=True)
class PollOutcome:
    """What one poll of a feed found."""

    new_items: int = 0
    not_modified: bool = False
    failed: bool = False
    retry_after: float | None = None  # the server asked us to wait this long


def next_interval(current: int, outcome: PollOutcome, lo: int, hi: int) -> int:
    """Seconds until the next poll, kept within [lo, hi]."""
    current = max(lo, min(hi, current or lo))
    if outcome.failed:
        # Doubling on each consecutive failure backs off exponentially: dead feeds cost little.
        value = current * ERROR_BASE
    elif outcome.not_modified or outcome.new_items == 0:
        value = current * SLOWER
    elif outcome.new_items >= 5:
        value = current * FASTER * FASTER
    else:
        value = current * FASTER
    if outcome.retry_after:
        value = max(value, outcome.retry_after)
    return int(max(lo, min(hi, value)))


def next_poll_at(now: datetime, interval_s: int, outcome: PollOutcome) -> datetime:
    """When to poll next: now + interval, but never before a Retry-After has passed."""
    wait = max(interval_s, int(outcome.retry_after or 0))
    return now + timedelta(seconds=wait)
