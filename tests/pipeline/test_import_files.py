"""WARC and HTML-directory imports are idempotent: the second run adds nothing."""

from __future__ import annotations

import json
from pathlib import Path

from sqlalchemy import func, select

from rashomon.fetch.htmldir import read_html_dir
from rashomon.fetch.warc import read_warc
from rashomon.pipeline.ingest import import_documents
from rashomon.store import Store
from rashomon.store.schema import articles
from rashomon.store.sources import SourceRow, upsert_sources
from tests.fetch import adversarial


def page(title: str, body: str, canonical: str = "") -> bytes:
    link = f'<link rel="canonical" href="{canonical}">' if canonical else ""
    return (
        f"<html><head><title>{title}</title>{link}</head><body><article><p>{body}</p>"
        f"</article></body></html>"
    ).encode()


def register(store: Store) -> None:
    with store.begin() as conn:
        upsert_sources(
            conn,
            [
                SourceRow(
                    "alpha",
                    "Alpha",
                    "https://www.alpha.example/",
                    "GB",
                    ("en",),
                    "private",
                    False,
                    True,
                ),
                SourceRow(
                    "beta", "Beta", "https://beta.example/", "FR", ("fr",), "public", False, True
                ),
            ],
        )


def count(store: Store) -> int:
    with store.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(articles)).scalar_one())


def test_warc_import_twice(store: Store, tmp_path: Path) -> None:
    register(store)
    path = adversarial.write_warc(
        tmp_path / "news.warc.gz",
        [
            (
                "https://alpha.example/2026/quake.html",
                200,
                "text/html; charset=utf-8",
                page("Quake", "A strong earthquake struck."),
            ),
            (
                "https://www.beta.example/2026/seisme.html?utm_source=x",
                200,
                "text/html",
                page("Séisme", "Un fort séisme a frappé."),
            ),
            (
                "https://beta.example/copy.html",
                200,
                "text/html",
                page("Séisme", "Un fort séisme a frappé."),
            ),  # same content, other URL
            ("https://alpha.example/missing.html", 404, "text/html", page("404", "gone")),
            ("https://unknown.example/x.html", 200, "text/html", page("X", "who?")),
        ],
    )
    first = import_documents(store, read_warc(path))
    assert (first.added, first.duplicates) == (2, 1)
    reasons = sorted(b.reason for b in first.bad)
    assert any("HTTP 404" in r for r in reasons)
    assert any("unknown source 'unknown.example'" in r for r in reasons)
    second = import_documents(store, read_warc(path))
    assert second.added == 0 and second.duplicates == 3
    assert count(store) == 2
    with store.connect() as conn:
        urls = set(conn.execute(select(articles.c.url)).scalars())
    assert urls == {
        "https://alpha.example/2026/quake.html",
        "https://www.beta.example/2026/seisme.html",
    }


def test_html_dir_import_twice(store: Store, tmp_path: Path) -> None:
    register(store)
    (tmp_path / "a.html").write_bytes(page("A", "First page."))
    (tmp_path / "b.html").write_bytes(page("B", "Second page.", "https://beta.example/b"))
    (tmp_path / "c.html").write_bytes(page("C", "Third page, no URL anywhere."))
    (tmp_path / "urls.json").write_text(
        json.dumps({"a.html": {"url": "https://somewhere.example/a", "source": "alpha"}})
    )
    first = import_documents(store, read_html_dir(tmp_path))
    assert first.added == 2 and len(first.bad) == 1
    assert "c.html" in str(first.bad[0]) and "no URL" in first.bad[0].reason
    second = import_documents(store, read_html_dir(tmp_path))
    assert second.added == 0 and second.duplicates == 2
    assert count(store) == 2
