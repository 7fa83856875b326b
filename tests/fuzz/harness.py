"""Shared fuzzing machinery: the `fuzz` profiles, a hard per-call time limit, span checks.

Every harness is bounded twice. Hypothesis's ``deadline`` fails an example that is merely slow;
``hard_limit`` interrupts one that never returns (a catastrophic regex, a parser loop), which
a deadline alone cannot do because it only measures after the call comes back.

Profiles (choose with RASHOMON_FUZZ_PROFILE): ``fuzz`` (default, CI: the whole suite in about
a minute on two cores), ``fuzz-deep`` (x20 examples, for a nightly or a local hunt).
"""

from __future__ import annotations

import os
import signal
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import timedelta
from typing import Any, TypeVar

from hypothesis import HealthCheck, settings

settings.register_profile(
    "fuzz",
    # generous: loaded CI machines stall now and then, and hard_limit catches real hangs
    deadline=timedelta(seconds=3),
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                           HealthCheck.filter_too_much],
    print_blob=True,  # a failure prints the @reproduce_failure blob to paste as a regression
)
settings.register_profile("fuzz-deep", settings.get_profile("fuzz"), deadline=timedelta(seconds=10))
SCALE = {"fuzz": 1, "fuzz-deep": 20}
PROFILE = os.environ.get("RASHOMON_FUZZ_PROFILE", "fuzz")
if PROFILE not in SCALE:
    raise RuntimeError(f"RASHOMON_FUZZ_PROFILE={PROFILE!r}: use one of {', '.join(SCALE)}")

F = TypeVar("F", bound=Callable[..., Any])


def fuzz(max_examples: int, deadline_ms: int | None = None) -> Callable[[F], F]:
    """Hypothesis settings for one harness: the active profile, scaled example count."""
    extra: dict[str, Any] = {"max_examples": max_examples * SCALE[PROFILE]}
    if deadline_ms is not None:
        slack = 3 if PROFILE == "fuzz-deep" else 1
        extra["deadline"] = timedelta(milliseconds=deadline_ms * slack)
    return settings(settings.get_profile(PROFILE), **extra)


class Hang(AssertionError):
    """A call ran past its hard time limit."""


@contextmanager
def hard_limit(seconds: float, what: str = "call") -> Iterator[None]:
    """Interrupt the block after ``seconds`` (SIGALRM; a no-op off the main thread)."""
    if threading.current_thread() is not threading.main_thread() or not hasattr(signal, "SIGALRM"):
        yield
        return

    def expired(signum: int, frame: object) -> None:
        raise Hang(f"{what} did not return within {seconds} s")

    old = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)


def assert_spans(text: str, spans: Sequence[Any], what: str = "span") -> None:
    """Every item's ``text`` is exactly ``text[start:end]`` with 0 <= start <= end <= len."""
    for item in spans:
        assert 0 <= item.start <= item.end <= len(text), (what, item.start, item.end, len(text))
        assert text[item.start : item.end] == item.text, (what, item)


def assert_storable(value: object, what: str = "value") -> None:
    """A string both stores keep: UTF-8 encodable (no lone surrogate) and without NUL."""
    if value is None:
        return
    assert isinstance(value, str), (what, value)
    assert "\x00" not in value, (what, value)
    value.encode("utf-8")  # raises on a lone surrogate


def assert_raw_document(doc: Any) -> None:
    """What an importer hands to the store is storable on SQLite and PostgreSQL alike."""
    from datetime import UTC

    assert doc.url.startswith(("http://", "https://")), doc.url
    assert len(doc.url) <= 2048 and doc.source_id.strip(), doc
    for name in ("url", "source_id", "title", "language", "text", "html"):
        value = getattr(doc, name)
        if name == "html" and value is not None:
            value.encode("utf-8")  # stored compressed: NUL is fine, a surrogate is not
        else:
            assert_storable(value, name)
    assert doc.language is None or len(doc.language) <= 8, doc.language
    if doc.published is not None and doc.published.tzinfo is not None:
        doc.published.astimezone(UTC)
