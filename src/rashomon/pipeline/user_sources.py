"""The user's sources file: add, disable and import outlets, then register them in the store.

The file has the catalog's format plus [[disable]] tables (see docs/crawling.md). Writes are
checked against the catalog first and replace the file atomically, so a bad edit never
leaves a half-written file behind.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Iterable, Sequence
from pathlib import Path

from rashomon.catalog import CatalogError, Outlet, load_catalog, merge_user_sources, validate
from rashomon.pipeline.sources import configured_outlets, user_sources_path
from rashomon.settings import Settings

HEADER = (
    "# Rashomon user sources: [[outlet]] tables add or override catalog outlets,\n"
    '# [[disable]] tables (id = "...") switch outlets off. See docs/crawling.md.\n'
)


def _toml_value(value: object) -> str:
    # JSON strings, booleans and arrays of strings are valid TOML as they are.
    if isinstance(value, tuple):
        value = list(value)
    return json.dumps(value, ensure_ascii=False)


def outlet_toml(outlet: Outlet) -> str:
    """One [[outlet]] table."""
    fields = (
        "id",
        "name",
        "homepage",
        "country",
        "languages",
        "type",
        "wire",
        "feeds",
        "sitemaps",
        "enabled",
    )
    lines = ["[[outlet]]"] + [f"{f} = {_toml_value(getattr(outlet, f))}" for f in fields]
    return "\n".join(lines) + "\n"


def _write_checked(path: Path, text: str) -> None:
    """Replace path with text if the result merges cleanly into the catalog."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".sources-", suffix=".toml", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
        catalog = load_catalog()
        try:
            merged = merge_user_sources(catalog, tmp)
        except CatalogError as exc:
            raise CatalogError(str(exc).replace(tmp, str(path))) from None
        before = merge_user_sources(catalog, path) if path.is_file() else catalog
        # Only problems this edit introduces count; the catalog's own are not the user's.
        problems = [p for p in validate(merged) if p not in set(validate(before))]
        if problems:
            raise CatalogError(f"{path}: " + "; ".join(problems[:5]))
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def _append(path: Path, block: str) -> None:
    old = path.read_text(encoding="utf-8") if path.is_file() else HEADER
    _write_checked(path, old.rstrip("\n") + "\n\n" + block)


def add_outlet(settings: Settings, outlet: Outlet) -> Path:
    """Append an outlet (new, or overriding a catalog one); raises CatalogError if invalid."""
    path = user_sources_path(settings)
    _append(path, outlet_toml(outlet))
    return path


def disable_outlet(settings: Settings, outlet_id: str) -> Path:
    """Switch an outlet off; raises CatalogError if there is no such outlet."""
    if outlet_id not in {o.id for o in configured_outlets(settings)}:
        raise CatalogError(f"no outlet with id {outlet_id!r} (see `rashomon sources list`)")
    path = user_sources_path(settings)
    _append(path, f"[[disable]]\nid = {_toml_value(outlet_id)}\n")
    return path


def new_from_opml(settings: Settings, outlets: Iterable[Outlet]) -> tuple[list[Outlet], list[str]]:
    """The OPML outlets not yet followed, and reasons for those skipped."""
    known = configured_outlets(settings)
    ids = {o.id for o in known}
    feeds = {u for o in known for u in (*o.feeds, *o.sitemaps)}
    fresh: list[Outlet] = []
    skipped: list[str] = []
    for o in outlets:
        if o.id in ids or any(u in feeds for u in o.feeds):
            skipped.append(f"{o.id}: already followed")
            continue
        problems = validate([o])
        if problems:
            skipped.append(problems[0])
            continue
        fresh.append(o)
        ids.add(o.id)
    return fresh, skipped


def add_outlets(settings: Settings, outlets: Sequence[Outlet]) -> Path:
    """Append several outlets in one checked write."""
    path = user_sources_path(settings)
    if outlets:
        _append(path, "\n".join(outlet_toml(o) for o in outlets))
    return path
