"""The crawl's database side: synchronous writes, run on one writer thread by pipeline/crawl.py.

Each function is one short transaction, so a crash or Ctrl-C never leaves half a page.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from rashomon.fetch.charset import decode_body
from rashomon.fetch.client import FetchResult
from rashomon.fetch.crawler import FeedPoll
from rashomon.fetch.feeds import FeedEntry
from rashomon.fetch.schedule import PollOutcome, next_interval, next_poll_at
from rashomon.fetch.urls import canonical_url
from rashomon.store import Store
from rashomon.store.articles import NewArticle, add_article
from rashomon.store.fetches import (
    FeedRow,
    FetchRow,
    feed_failed,
    feed_polled,
    known_urls,
    record_fetch,
)

HTML_TYPES = ("text/html", "application/xhtml+xml")


@dataclass(frozen=True)
class PageOutcome:
    """What storing one fetched page did."""

    added: bool = False
    duplicate: bool = False
    error_kind: str | None = None


def _is_html(content_type: str | None) -> bool:
    return not content_type or content_type.split(";")[0].strip().lower() in HTML_TYPES


def _fetch_row(result: FetchResult, feed: FeedRow) -> FetchRow:
    return FetchRow(
        url=result.url,
        started_at=result.started_at,
        final_url=result.final_url,
        source_id=feed.source_id,
        feed_id=feed.id,
        status=result.status,
        headers=result.headers,
        body=result.body,
        elapsed_ms=result.elapsed_ms,
        error=result.error,
    )


def record_poll(store: Store, feed: FeedRow, poll: FeedPoll) -> None:
    """Store the fetch of a feed document and of any child sitemaps."""
    with store.begin() as conn:
        for result in [poll.result, *poll.children]:
            record_fetch(conn, _fetch_row(result, feed))


def known(store: Store, urls: list[str]) -> set[str]:
    """Which of urls need no fetch (stored, or settled earlier)."""
    with store.connect() as conn:
        return known_urls(conn, urls)


def store_page(store: Store, feed: FeedRow, entry: FeedEntry, result: FetchResult) -> PageOutcome:
    """Store a page fetch and, for a web page, its article (idempotent by URL and content)."""
    html = None
    if result.ok and result.body is not None:
        ctype = result.header("content-type")
        if _is_html(ctype):
            html, _ = decode_body(result.body, ctype)
        else:
            result.fail("not_html", f"content type {ctype} is not a web page")
    with store.begin() as conn:
        fetch_id = record_fetch(conn, _fetch_row(result, feed))
        if html is None:
            return PageOutcome(error_kind=result.error_kind)
        article = NewArticle(
            url=canonical_url(result.final_url) or entry.url,
            source_id=feed.source_id,
            html=html,
            title=entry.title,
            published=entry.published,
            fetch_id=fetch_id,
        )
        added = add_article(conn, article) is not None
    return PageOutcome(added=added, duplicate=not added)


def save_schedule(
    store: Store,
    feed: FeedRow,
    poll: FeedPoll,
    when: datetime,
    new: int,
    complete: bool,
    lo: int,
    hi: int,
) -> str | None:
    """Record the poll's outcome and the next poll time; returns the error kind, if any."""
    result = poll.result
    error = poll.error or result.error
    outcome = PollOutcome(
        new_items=new,
        not_modified=result.not_modified,
        failed=error is not None,
        retry_after=poll.retry_after,
    )
    interval = next_interval(feed.interval_s, outcome, lo, hi)
    due = next_poll_at(when, interval, outcome)
    with store.begin() as conn:
        if error is not None:
            feed_failed(
                conn,
                feed.id,
                when=when,
                status=result.status,
                error=error,
                interval_s=interval,
                next_poll_at=due,
            )
            return poll.error_kind or result.error_kind or "error"
        # Validators are kept only when every entry was dealt with: otherwise a 304 next
        # time would hide the entries still to fetch.
        feed_polled(
            conn,
            feed.id,
            when=when,
            status=result.status,
            etag=result.header("etag") if complete else None,
            last_modified=result.header("last-modified") if complete else None,
            interval_s=interval,
            next_poll_at=due,
            new_items=new,
        )
    return None
