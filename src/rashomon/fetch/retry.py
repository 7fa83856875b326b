"""When to retry a request and how long to wait: pure functions, no I/O."""

from __future__ import annotations

import random
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime

# Answers worth asking again: the server or a gateway had a bad moment.
TRANSIENT_STATUS = frozenset({429, 500, 502, 503, 504})
TRANSIENT_ERRORS = frozenset({"timeout", "connect"})


def parse_retry_after(value: str | None, now: datetime | None = None) -> float | None:
    """Seconds to wait from a Retry-After header (delta-seconds or HTTP date), else None."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - (now or datetime.now(UTC))).total_seconds())


def backoff_delay(
    attempt: int, base: float, cap: float = 300.0, rng: random.Random | None = None
) -> float:
    """Exponential backoff with full jitter: uniform in [base/2, base * 2**attempt], capped."""
    ceiling = min(cap, base * (2**attempt))
    return (rng or random).uniform(min(base / 2, ceiling), ceiling)


def is_transient(status: int | None, error_kind: str | None) -> bool:
    """True when a failure may go away by itself (timeouts, resets, 5xx, 429)."""
    if error_kind in TRANSIENT_ERRORS:
        return True
    return error_kind in (None, "http") and status in TRANSIENT_STATUS
