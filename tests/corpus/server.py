"""The demo corpus server for tests: ``rashomon.corpus_server`` with this folder's site/.

    with serve_corpus() as base_url:         # e.g. "http://127.0.0.1:54321"
        httpx.get(f"{base_url}/meridian-post/feed.xml")
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from rashomon.corpus_server import PLACEHOLDER_HOST
from rashomon.corpus_server import serve_corpus as _serve

SITE_DIR = Path(__file__).resolve().parent / "site"

__all__ = ["PLACEHOLDER_HOST", "SITE_DIR", "serve_corpus"]


@contextmanager
def serve_corpus(site_dir: str | os.PathLike[str] = SITE_DIR) -> Iterator[str]:
    """Serve the corpus site (default: tests/corpus/site) on 127.0.0.1; yield the base URL."""
    with _serve(site_dir) as base:
        yield base


if __name__ == "__main__":
    import time

    with serve_corpus() as url:
        print(f"serving {SITE_DIR} at {url} (Ctrl-C to stop)")
        try:
            while True:
                time.sleep(3600)
        except KeyboardInterrupt:
            pass
