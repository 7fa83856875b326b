"""The offline demo: our fictional corpus, its outlets, served from a loopback HTTP server."""

from __future__ import annotations

import tomllib
from pathlib import Path

from rashomon.catalog import Outlet

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
