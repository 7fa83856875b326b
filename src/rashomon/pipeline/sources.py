"""The configured outlets (bundled catalog + user sources file) and their sync into the store."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from rashomon.catalog import Outlet, load_catalog, merge_user_sources
from rashomon.settings import Settings
from rashomon.store import Store
from rashomon.store.sources import SourceRow, upsert_feeds, upsert_sources

SOURCES_FILE_NAME = "sources.toml"


def user_sources_path(settings: Settings) -> Path:
    """The sources file: the sources_file setting, else sources.toml in data_dir."""
    if settings.sources_file:
        return Path(settings.sources_file).expanduser()
    return Path(settings.data_dir).expanduser() / SOURCES_FILE_NAME


def configured_outlets(settings: Settings) -> list[Outlet]:
    """The bundled catalog with the user's sources file applied (when it exists)."""
    path = user_sources_path(settings)
    outlets = load_catalog()
    return merge_user_sources(outlets, path) if path.is_file() else outlets


def outlets_summary(outlets: Sequence[Outlet]) -> dict[str, Any]:
    """Counts of outlets, countries, languages and wire agencies."""
    return {
        "outlets": len(outlets),
        "countries": len({o.country for o in outlets}),
        "languages": len({lang for o in outlets for lang in o.languages}),
        "wire_agencies": sum(1 for o in outlets if o.wire),
    }


def register_outlets(store: Store, outlets: Sequence[Outlet], origin: str = "catalog") -> int:
    """Write outlets and their feeds into the store; returns how many."""
    with store.begin() as conn:
        upsert_sources(conn, (
            SourceRow(o.id, o.name, o.homepage, o.country, tuple(o.languages), o.type,
                      o.wire, o.enabled, origin) for o in outlets))
        for o in outlets:
            upsert_feeds(conn, o.id, list(o.feeds), "rss")
            upsert_feeds(conn, o.id, list(o.sitemaps), "sitemap")
    return len(outlets)


def sync_catalog(store: Store, settings: Settings) -> int:
    """Register the configured outlets in the store."""
    return register_outlets(store, configured_outlets(settings))
