"""A named registry of backends, filled by bundled modules and third-party entry points."""

from __future__ import annotations

import importlib
import logging
import threading
from collections.abc import Callable, Sequence
from importlib.metadata import entry_points
from typing import Any, TypeVar

log = logging.getLogger(__name__)
F = TypeVar("F", bound=Callable[..., Any])


class UnknownBackendError(LookupError):
    """No backend is registered under the requested name."""


class Registry:
    """Backends by name; bundled ones register on import, plugins come from entry points."""

    def __init__(self, kind: str, group: str, builtin: Sequence[str]):
        self.kind = kind
        self.group = group
        self.builtin = tuple(builtin)
        self._factories: dict[str, Callable[..., Any]] = {}
        self._loaded = False
        self._lock = threading.Lock()

    def register(self, name: str) -> Callable[[F], F]:
        """Decorator registering a factory (class or function) under name."""

        def deco(factory: F) -> F:
            self._factories[name] = factory
            return factory

        return deco

    def load(self) -> None:
        """Import bundled backends, then entry points (a broken plugin is logged, not fatal)."""
        with self._lock:
            if self._loaded:
                return
            for module in self.builtin:
                importlib.import_module(module)
            for ep in entry_points(group=self.group):
                if ep.name in self._factories:
                    log.warning("%s plugin %r ignored: name taken", self.kind, ep.name)
                    continue
                try:
                    self._factories[ep.name] = ep.load()
                except Exception as exc:
                    log.warning("%s plugin %r failed to load: %s", self.kind, ep.name, exc)
            self._loaded = True

    def names(self) -> list[str]:
        """Every registered backend name."""
        self.load()
        return sorted(self._factories)

    def create(self, name: str, **options: Any) -> Any:
        """Build the backend registered as name."""
        self.load()
        try:
            factory = self._factories[name]
        except KeyError:
            raise UnknownBackendError(
                f"unknown {self.kind} {name!r}; available: {', '.join(self.names())}. "
                f"Plugins register through the {self.group!r} entry-point group.") from None
        return factory(**options)
