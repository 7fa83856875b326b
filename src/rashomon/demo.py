"""The offline demo: our fictional corpus, its outlets, served from a loopback HTTP server."""

from __future__ import annotations

import tomllib
from pathlib import Path

from rashomon.catalog import Outlet
from rashomon.settings import Settings

_CHECKOUT_CORPUS = Path(__file__).resolve().parents[2] / "tests" / "corpus"


def corpus_dir(configured: str = "") -> Path:
    """The corpus folder (outlets.toml + site/); an error says how to get it."""
    path = Path(configured) if configured else _CHECKOUT_CORPUS
    if not (path / "outlets.toml").is_file() or not (path / "site").is_dir():
        raise FileNotFoundError(
            f"the demo corpus is not at {path}: run the demo from a clone of the repository "
            "(scripts/up demo) or set demo_corpus to a folder holding outlets.toml and site/")
    return path


def corpus_outlets(corpus: Path, base_url: str = "http://corpus.local") -> list[Outlet]:
    """The corpus's fictional outlets, with feeds on the given server."""
    data = tomllib.loads((corpus / "outlets.toml").read_text(encoding="utf-8"))
    return [
        Outlet(id=o["id"], name=o["name"], homepage=f"https://{o['domain']}/",
               country=o["country"], languages=(o["language"],), type=o["type"],
               wire=bool(o.get("wire", False)), feeds=(f"{base_url}/{o['id']}/feed.xml",),
               sitemaps=())
        for o in data["outlet"]
    ]


def demo_settings(settings: Settings, base_url: str, fresh: bool) -> Settings:
    """Settings for crawling our own loopback corpus server.

    The demo database is separate from the main one; the private-address guard lets the
    loopback server through, and politeness delays are off because the server is ours.
    """
    overrides: dict[str, object] = {
        "allow_hosts": "127.0.0.1", "per_host_delay": 0.0, "per_host_concurrency": 8,
    }
    if settings.origins.get("database_url") == "default":
        db = Path(settings.data_dir) / "demo.db"
        db.parent.mkdir(parents=True, exist_ok=True)
        if fresh:
            for suffix in ("", "-wal", "-shm"):
                Path(f"{db}{suffix}").unlink(missing_ok=True)
        overrides["database_url"] = f"sqlite:///{db}"
    return settings.replace(**overrides)
