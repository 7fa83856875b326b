"""The adaptive polling schedule and retry timing (pure functions)."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta

from rashomon.fetch.retry import backoff_delay, is_transient, parse_retry_after
from rashomon.fetch.schedule import PollOutcome, next_interval, next_poll_at

LO, HI = 300, 86_400


def test_busy_feeds_are_polled_more_often() -> None:
    assert next_interval(3600, PollOutcome(new_items=2), LO, HI) == 1800
    assert next_interval(3600, PollOutcome(new_items=20), LO, HI) == 900


def test_quiet_and_failing_feeds_are_polled_less_often() -> None:
    assert next_interval(3600, PollOutcome(not_modified=True), LO, HI) == 5400
    assert next_interval(3600, PollOutcome(new_items=0), LO, HI) == 5400
    assert next_interval(3600, PollOutcome(failed=True), LO, HI) == 7200


def test_interval_stays_within_bounds() -> None:
    assert next_interval(400, PollOutcome(new_items=50), LO, HI) == LO
    assert next_interval(80_000, PollOutcome(failed=True), LO, HI) == HI
    assert next_interval(0, PollOutcome(), LO, HI) == int(LO * 1.5)
    interval = 3600
    for _ in range(30):  # a dead feed converges on the maximum, never beyond
        interval = next_interval(interval, PollOutcome(failed=True), LO, HI)
    assert interval == HI


def test_retry_after_postpones_the_next_poll() -> None:
    now = datetime(2026, 11, 3, tzinfo=UTC)
    outcome = PollOutcome(failed=True, retry_after=100_000)
    interval = next_interval(600, outcome, LO, HI)
    assert interval == HI
    assert next_poll_at(now, interval, outcome) == now + timedelta(seconds=100_000)


def test_parse_retry_after() -> None:
    now = datetime(2026, 11, 3, 12, 0, tzinfo=UTC)
    assert parse_retry_after("120") == 120.0
    assert parse_retry_after("Tue, 03 Nov 2026 12:01:30 GMT", now) == 90.0
    assert parse_retry_after("Tue, 03 Nov 2026 11:00:00 GMT", now) == 0.0
    assert parse_retry_after("soon") is None and parse_retry_after(None) is None


def test_backoff_grows_with_jitter_and_cap() -> None:
    rng = random.Random(1)
    delays = [backoff_delay(a, 1.0, cap=10, rng=rng) for a in range(8)]
    assert all(0.5 <= d <= 10 for d in delays)
    assert max(backoff_delay(0, 1.0, rng=rng) for _ in range(50)) <= 1.0
    assert max(backoff_delay(3, 1.0, rng=rng) for _ in range(50)) > 2.0


def test_transient_failures() -> None:
    assert is_transient(503, "http") and is_transient(None, "timeout")
    assert is_transient(None, "connect") and is_transient(429, "http")
    assert not is_transient(404, "http") and not is_transient(None, "blocked")
    assert not is_transient(200, "too_large") and not is_transient(200, None)
