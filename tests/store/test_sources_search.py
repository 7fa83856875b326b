"""Sources, feeds, full-text search and status on both databases."""

from rashomon.store.articles import NewArticle, add_article, mark_stage
from rashomon.store.search import search_articles
from rashomon.store.sources import (
    SourceRow,
    count_feeds,
    get_source,
    list_sources,
    upsert_feeds,
    upsert_sources,
)
from rashomon.store.status import db_status

ROWS = [
    SourceRow("herald", "Herald", "https://herald.example/", "GB", ("en",), "private", False, True),
    SourceRow("zeitung", "Zeitung", "https://zeitung.example/", "DE", ("de",), "public", False, True),
    SourceRow("wire", "Wire", "https://wire.example/", "GB", ("en", "fr"), "wire", True, False),
]


def test_sources_upsert_and_filters(store):
    with store.begin() as conn:
        upsert_sources(conn, ROWS)
        upsert_sources(conn, [ROWS[0].__class__(**{**ROWS[0].__dict__, "name": "The Herald"})])
        upsert_feeds(conn, "herald", ["https://herald.example/rss"], "rss")
        upsert_feeds(conn, "herald", ["https://herald.example/rss"], "rss")
    with store.connect() as conn:
        assert [s.id for s in list_sources(conn)] == ["herald", "zeitung"]
        assert [s.id for s in list_sources(conn, include_disabled=True)] == [
            "herald", "wire", "zeitung"]
        assert [s.id for s in list_sources(conn, country="gb")] == ["herald"]
        assert [s.id for s in list_sources(conn, language="de")] == ["zeitung"]
        got = get_source(conn, "herald")
        assert got is not None and got.name == "The Herald" and got.languages == ("en",)
        assert get_source(conn, "missing") is None
        assert count_feeds(conn) == 1


def test_full_text_search_finds_titles_and_text(store):
    with store.begin() as conn:
        upsert_sources(conn, ROWS[:2])
        a = add_article(conn, NewArticle("https://herald.example/1", "herald", html="<p>1</p>"))
        b = add_article(conn, NewArticle("https://zeitung.example/2", "zeitung", html="<p>2</p>"))
        mark_stage(conn, a, "extracted", title="Earthquake near Karvash",
                   text="Rescuers searched the rubble overnight.")
        mark_stage(conn, b, "extracted", title="Erdbeben bei Karvash",
                   text="Die Retter suchten die ganze Nacht.")
    with store.connect() as conn:
        assert [r["id"] for r in search_articles(conn, "karvash")] in ([a, b], [b, a])
        assert [r["id"] for r in search_articles(conn, "rubble")] == [a]
        assert [r["id"] for r in search_articles(conn, "Retter Nacht")] == [b]
        assert search_articles(conn, "') OR 1=1 --") == []
        assert search_articles(conn, "   ") == []


def test_status_counts_rows(store):
    with store.begin() as conn:
        upsert_sources(conn, ROWS)
    info = db_status(store.engine)
    assert info["revision"] == info["head"] and info["pending"] == []
    assert info["tables"]["sources"] == 3
    assert info["backend"] in {"sqlite", "postgresql"}
