"""Crawl runs against real loopback servers, on SQLite and PostgreSQL."""

from __future__ import annotations

import asyncio
import re
import tomllib
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select, update

from rashomon.pipeline.crawl import CrawlSummary, crawl_loop
from rashomon.settings import Settings
from rashomon.store import Store
from rashomon.store.articles import raw_html
from rashomon.store.fetches import failing_feeds, fetch_body
from rashomon.store.schema import articles, feeds, fetches
from rashomon.store.sources import SourceRow, upsert_feeds, upsert_sources
from tests.fetch import adversarial

TESTS = Path(__file__).resolve().parents[1]
server = adversarial.server  # the fixture, shared with tests/fetch


def crawl(store: Store, settings: Settings, source: str | None = None) -> CrawlSummary:
    return asyncio.run(crawl_loop(store, settings, source, once=True, stop=asyncio.Event()))


def add_source(
    store: Store,
    source_id: str,
    feed_urls: list[str],
    kind: str = "rss",
    homepage: str = "https://example.org/",
) -> None:
    with store.begin() as conn:
        upsert_sources(
            conn, [SourceRow(source_id, source_id, homepage, "GB", ("en",), "private", False, True)]
        )
        upsert_feeds(conn, source_id, feed_urls, kind)


def make_all_due(store: Store) -> None:
    with store.begin() as conn:
        conn.execute(update(feeds).values(next_poll_at=None))


def fetch_errors(store: Store) -> dict[str, str]:
    with store.connect() as conn:
        rows = conn.execute(
            select(fetches.c.url, fetches.c.error).where(fetches.c.error.is_not(None))
        )
        return {url: error for url, error in rows}


def article_urls(store: Store) -> list[str]:
    with store.connect() as conn:
        return sorted(conn.execute(select(articles.c.url)).scalars())


def test_adversarial_crawl_records_every_failure_and_goes_on(store: Store, server: Any) -> None:
    base = server.base
    links = [
        base + p
        for p in (
            "/page/ok.html",
            "/page/ok.html?utm_source=feed",
            "/private/secret.html",
            "/retry-after.html",
            "/flaky.html",
            "/drip.html",
            "/big.html",
            "/bomb.html",
            "/loop-a",
            "/to-private",
            "/to-metadata",
            "/to-page",
            "/wrong-charset.html",
            "/image.png",
            "/always-500.html",
        )
    ]
    links.append(f"http://localhost:{server.port}/page/via-localhost.html")
    server.routes["/feeds/adversarial.xml"] = lambda h: adversarial._send(
        h, 200, adversarial.rss(base, links).encode(), "application/rss+xml"
    )
    add_source(
        store,
        "adv",
        [
            base + "/feeds/adversarial.xml",
            base + "/bad-feed.xml",
            base + "/etag.xml",
            base + "/no-such-feed.xml",
            base + "/private/feed.xml",
        ],
    )
    settings = adversarial.fast_settings(fetch_retries=1)

    summary = crawl(store, settings)

    assert summary.feeds == 5
    assert summary.new_articles == 6  # ok, retry-after, flaky, to-page, wrong-charset, etag item
    errors = fetch_errors(store)

    def error(path: str) -> str:
        return errors[path if path.startswith("http") else base + path]

    assert error("/private/secret.html").startswith("robots")
    assert error("/drip.html").startswith("timeout")
    assert error("/big.html").startswith("too_large")
    assert error("/bomb.html").startswith("too_large")
    assert error("/loop-a").startswith("redirects")
    assert "10.0.0.1" in error("/to-private") and error("/to-private").startswith("blocked")
    assert "169.254.169.254" in error("/to-metadata")
    assert error(f"http://localhost:{server.port}/page/via-localhost.html").startswith("blocked")
    assert error("/image.png").startswith("not_html")
    assert error("/always-500.html").startswith("http")
    assert server.hits["/private/secret.html"] == 0
    assert server.hits["/page/via-localhost.html"] == 0

    urls = article_urls(store)
    assert base + "/page/ok.html" in urls and base + "/page/redirected.html" in urls
    with store.connect() as conn:
        wrong = conn.execute(
            select(articles.c.id).where(articles.c.url == base + "/wrong-charset.html")
        ).scalar_one()
        assert "Café au lait, déjà vu" in (raw_html(conn, wrong) or "")
        health = {f.feed_url: f for f in failing_feeds(conn)}
        fetch_id = conn.execute(
            select(articles.c.fetch_id).where(articles.c.url == base + "/page/ok.html")
        ).scalar_one()
        assert b"page called ok.html" in (fetch_body(conn, fetch_id) or b"")
    assert set(health) == {
        base + "/bad-feed.xml",
        base + "/no-such-feed.xml",
        base + "/private/feed.xml",
    }
    assert (health[base + "/bad-feed.xml"].last_error or "").startswith("parse: malformed")
    assert health[base + "/no-such-feed.xml"].last_status == 404
    assert summary.errors["parse"] == 1 and summary.errors["robots"] == 2

    # A second crawl adds nothing: the ETag feed answers 304, known pages are not fetched.
    make_all_due(store)
    hits_before = server.hits["/page/ok.html"]
    again = crawl(store, settings)
    assert again.new_articles == 0 and again.not_modified == 1
    assert server.hits["/page/ok.html"] == hits_before
    assert article_urls(store) == urls
    with store.connect() as conn:
        counts = dict(conn.execute(select(feeds.c.url, feeds.c.error_count)).all())
    assert counts[base + "/bad-feed.xml"] == 2 and counts[base + "/etag.xml"] == 0


def test_schedule_is_stored_and_respected(store: Store, server: Any) -> None:
    add_source(store, "sched", [server.url("/etag.xml")])
    settings = adversarial.fast_settings(poll_interval_min=600, poll_interval_max=7200)
    first = crawl(store, settings)
    assert first.feeds == 1 and first.new_articles == 1
    assert crawl(store, settings).feeds == 0  # not due yet
    with store.connect() as conn:
        row = conn.execute(select(feeds)).one()
    assert row.etag == '"v1"' and row.last_status == 200 and row.items_seen == 1
    assert 600 <= row.interval_s <= 7200 and row.next_poll_at is not None


def test_only_the_chosen_source_is_crawled(store: Store, server: Any) -> None:
    add_source(store, "one", [server.url("/etag.xml")])
    add_source(store, "two", [server.url("/bad-feed.xml")])
    summary = crawl(store, adversarial.fast_settings(), source="one")
    assert summary.feeds == 1 and server.hits["/bad-feed.xml"] == 0


# --- the generated corpus -------------------------------------------------------------

CORPUS = TESTS / "corpus"


def _corpus_outlets() -> list[dict[str, Any]]:
    data = tomllib.loads((CORPUS / "outlets.toml").read_text(encoding="utf-8"))
    return [o for o in data["outlet"] if (CORPUS / "site" / o["id"] / "feed.xml").is_file()]


@pytest.fixture
def corpus_base() -> Any:
    if not (CORPUS / "site").is_dir():
        pytest.skip("the test corpus has not been generated")
    from rashomon.corpus_server import serve_corpus

    with serve_corpus(CORPUS / "site") as base:
        yield base


def test_corpus_crawl_stores_every_article_once(store: Store, corpus_base: str) -> None:
    outlets = _corpus_outlets()
    for o in outlets:
        add_source(
            store,
            o["id"],
            [f"{corpus_base}/{o['id']}/feed.xml"],
            homepage=f"https://{o['domain']}/",
        )
    expected = set()
    for o in outlets:
        feed = (CORPUS / "site" / o["id"] / "feed.xml").read_text(encoding="utf-8")
        expected |= {
            link.replace("http://corpus.local", corpus_base)
            for link in re.findall(r"<link>(http://corpus\.local/[^<]+\.html)</link>", feed)
        }
    settings = adversarial.fast_settings(fetch_concurrency=8, per_host_concurrency=8)
    summary = crawl(store, settings)
    assert summary.feeds == len(outlets) and not summary.errors, summary.line(0)
    assert set(article_urls(store)) == expected
    assert summary.new_articles == len(expected) > 100

    make_all_due(store)
    again = crawl(store, settings)
    assert again.new_articles == 0 and again.pages == 0
    assert again.known == len(expected)
    with store.connect() as conn:
        assert conn.execute(select(func.count()).select_from(articles)).scalar() == len(expected)


def test_forever_loop_stops_gracefully(store: Store, server: Any) -> None:
    add_source(store, "loop", [server.url("/etag.xml")])
    rounds: list[CrawlSummary] = []

    async def main() -> CrawlSummary:
        stop = asyncio.Event()

        def on_round(summary: CrawlSummary) -> None:
            rounds.append(summary)
            stop.set()  # as the first Ctrl-C would, between rounds

        return await asyncio.wait_for(
            crawl_loop(
                store, adversarial.fast_settings(), None, once=False, stop=stop, on_round=on_round
            ),
            timeout=20,
        )

    total = asyncio.run(main())
    assert len(rounds) == 1 and total.new_articles == 1


def test_stop_before_start_fetches_nothing(store: Store, server: Any) -> None:
    add_source(store, "stopped", [server.url("/etag.xml")])

    async def main() -> CrawlSummary:
        stop = asyncio.Event()
        stop.set()
        return await crawl_loop(store, adversarial.fast_settings(), None, once=True, stop=stop)

    assert asyncio.run(main()).feeds == 0 and server.hits["/etag.xml"] == 0
