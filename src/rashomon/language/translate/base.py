"""The Translator protocol, its registry, and a rate limiter shared by remote backends."""

from __future__ import annotations

import threading
import time
from collections.abc import Mapping, Sequence
from typing import Any, Protocol

from rashomon.plugins import Registry


class TranslationError(RuntimeError):
    """A translation failed; the pipeline marks the article untranslated and retries later."""


class Translator(Protocol):
    """Translates texts from one language to another."""

    name: str
    model: str
    enabled: bool  # False for `none`: originals are kept and shown with their language

    def translate(self, texts: Sequence[str], source: str, target: str) -> list[str]: ...


REGISTRY = Registry("translator", "rashomon.translators", [
    "rashomon.language.translate.none",
    "rashomon.language.translate.libretranslate",
    "rashomon.language.translate.openai",
    "rashomon.language.translate.argos",
])


def translator_from_settings(settings: Mapping[str, Any]) -> Translator:
    """The translator the settings choose, with its options."""
    options: dict[str, Any] = {}
    for setting, option in (("translator_url", "url"), ("translator_api_key", "api_key"),
                            ("translator_model", "model"),
                            ("translator_concurrency", "concurrency"),
                            ("translator_rate", "rate"), ("translator_timeout", "timeout")):
        if settings.get(setting):
            options[option] = settings[setting]
    name = settings.get("translator") or "none"
    if name == "none":
        options = {}
    return REGISTRY.create(name, **options)  # type: ignore[no-any-return]


class RateLimiter:
    """At most `rate` calls per second across threads (0 = unlimited)."""

    def __init__(self, rate: float = 0.0):
        self.interval = 1.0 / rate if rate > 0 else 0.0
        self._next = 0.0
        self._lock = threading.Lock()

    def wait(self) -> None:
        if not self.interval:
            return
        with self._lock:
            now = time.monotonic()
            delay = self._next - now
            self._next = max(now, self._next) + self.interval
        if delay > 0:
            time.sleep(delay)
