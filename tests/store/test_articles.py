"""Article storage: idempotent inserts, stage state, raw pages, errors, rewind."""

from datetime import UTC, datetime

import pytest

from rashomon.models import RemovedLine
from rashomon.store.articles import (
    NewArticle,
    add_article,
    count_by_stage,
    get_article,
    mark_error,
    mark_stage,
    pending,
    raw_html,
    rewind,
)
from rashomon.store.sources import SourceRow, upsert_sources


@pytest.fixture
def seeded(store):
    with store.begin() as conn:
        upsert_sources(conn, [SourceRow("herald", "Herald", "https://herald.example/", "GB",
                                        ("en",), "private", False, True)])
    return store


def _new(url, html="<p>Hello world</p>", **kw):
    return NewArticle(url=url, source_id="herald", html=html, **kw)


def test_same_url_or_content_gives_one_article(seeded):
    with seeded.begin() as conn:
        first = add_article(conn, _new("https://herald.example/a"))
        assert first is not None
        assert add_article(conn, _new("https://herald.example/a", html="<p>other</p>")) is None
        # identical content under another URL is the same article
        assert add_article(conn, _new("https://herald.example/b")) is None
        assert add_article(conn, _new("https://herald.example/c", html="<p>new</p>")) is not None
    with seeded.connect() as conn:
        assert count_by_stage(conn)["fetched"] == 2
        assert raw_html(conn, first) == "<p>Hello world</p>"


def test_stage_progress_and_results(seeded):
    with seeded.begin() as conn:
        aid = add_article(conn, _new("https://herald.example/a",
                                     published=datetime(2026, 10, 3, 7, 42, tzinfo=UTC)))
        assert pending(conn, "fetched") == [aid]
        mark_stage(conn, aid, "extracted", text="Clean text.", title="Title",
                   removed=[RemovedLine("Share this", "clutter:share")])
    with seeded.connect() as conn:
        assert pending(conn, "fetched") == []
        assert pending(conn, "extracted") == [aid]
        art = get_article(conn, aid)
    assert art["text"] == "Clean text."
    assert art["removed"] == [{"text": "Share this", "reason": "clutter:share"}]
    assert art["published"].replace(tzinfo=UTC).year == 2026


def test_error_keeps_stage_and_counts_attempts(seeded):
    with seeded.begin() as conn:
        aid = add_article(conn, _new("https://herald.example/a"))
        mark_error(conn, aid, "boom")
        mark_error(conn, aid, "boom again")
    with seeded.connect() as conn:
        art = get_article(conn, aid)
    assert (art["stage"], art["attempts"], art["stage_error"]) == ("fetched", 2, "boom again")


def test_rewind_sends_later_stages_back(seeded):
    with seeded.begin() as conn:
        a = add_article(conn, _new("https://herald.example/a"))
        b = add_article(conn, _new("https://herald.example/b", html="<p>b</p>"))
        mark_stage(conn, a, "embedded")
        mark_stage(conn, b, "extracted")
        assert rewind(conn, "language") == 1
    with seeded.connect() as conn:
        assert get_article(conn, a)["stage"] == "language"
        assert get_article(conn, b)["stage"] == "extracted"


def test_unknown_stage_is_refused(seeded):
    with seeded.begin() as conn, pytest.raises(ValueError, match="unknown stage"):
        pending(conn, "nonsense")


def test_transaction_is_all_or_nothing(seeded):
    with pytest.raises(RuntimeError), seeded.begin() as conn:
        add_article(conn, _new("https://herald.example/a"))
        raise RuntimeError("crash mid-batch")
    with seeded.connect() as conn:
        assert count_by_stage(conn)["fetched"] == 0
