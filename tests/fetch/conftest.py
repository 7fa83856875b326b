"""Fixtures for fetch tests: the adversarial server and fast crawler settings."""

from tests.fetch.adversarial import server, settings

__all__ = ["server", "settings"]
