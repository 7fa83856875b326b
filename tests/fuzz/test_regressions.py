"""Replay the regression corpus (tests/fuzz/regressions/) and pin what each input now gives."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from rashomon.fetch.feeds import FeedEntry, parse_feed
from rashomon.fetch.htmldir import read_html_dir
from rashomon.fetch.jsonl import BadRecord, read_jsonl
from rashomon.pipeline.ingest import import_documents
from rashomon.store import Store
from rashomon.store.sources import SourceRow, upsert_sources
from tests.fuzz.test_compare import check_figures, check_quotes
from tests.fuzz.test_extract import check_decode, check_html
from tests.fuzz.test_feeds import BASE, check_feed
from tests.fuzz.test_importers import check_jsonl_file, check_warc

CORPUS = Path(__file__).parent / "regressions"
pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning:feedparser")


def _files(kind: str) -> list[Path]:
    return sorted((CORPUS / kind).iterdir())


@pytest.mark.parametrize("path", _files("feeds"), ids=lambda p: p.name)
@pytest.mark.parametrize("content_type", [None, "text/xml; charset=undefined"])
def test_feeds(path: Path, content_type: str | None) -> None:
    check_feed(path.read_bytes(), content_type)


@pytest.mark.parametrize("path", _files("html"), ids=lambda p: p.name)
def test_html(path: Path) -> None:
    check_html(check_decode(path.read_bytes(), None), "https://a.example/page")
    check_html(check_decode(path.read_bytes(), "text/html; charset=undefined"), "http://[")


@pytest.mark.parametrize("path", _files("jsonl"), ids=lambda p: p.name)
def test_jsonl(path: Path) -> None:
    check_jsonl_file(path.read_bytes())


@pytest.mark.parametrize("path", _files("warc"), ids=lambda p: p.name)
def test_warc(path: Path) -> None:
    out = check_warc(path.read_bytes())
    assert all(isinstance(r, BadRecord) and "unreadable WARC" in r.reason for _, r in out)


@pytest.mark.parametrize("path", _files("compare"), ids=lambda p: p.name)
@pytest.mark.parametrize("language", ["en", "de", "ru", "zh", "ja", "ar"])
def test_compare(path: Path, language: str) -> None:
    check_quotes(path.read_text("utf-8"), language)
    check_figures(path.read_text("utf-8"), language)


def _feed(name: str, content_type: str | None = None) -> list[FeedEntry]:
    return parse_feed((CORPUS / "feeds" / name).read_bytes(), BASE, content_type).entries


def test_pinned_feed_outcomes() -> None:
    # a bogus charset label is ignored, not fatal: the entry is still read
    assert [e.url for e in _feed("broken-ipv6-link.xml", "text/xml; charset=undefined")] == [
        "https://a.example/y"]
    assert [e.published for e in _feed("year-out-of-range.xml")] == [None, None, None]
    assert [e.title for e in _feed("nul-title.xml")] == ["ab", "cd"]
    assert [e.url for e in _feed("unstorable-links.xml")] == ["https://a.example/ok"]
    (entry,) = _feed("json-language-list.json")
    assert (entry.language, entry.title, entry.published) == (None, "ab", None)
    when = [e.published for e in _feed("naive-lastmod-sitemap.xml")]
    assert when[0] == datetime(2026, 11, 2, tzinfo=UTC) and when[2] is None
    # the crawl sorts a backlog by date: naive and aware times once made that raise
    assert sorted(w or datetime.min.replace(tzinfo=UTC) for w in when)


def test_utf7_surrogates_fall_back_to_utf8() -> None:
    body = (CORPUS / "html" / "utf7-lone-surrogate.html").read_bytes()
    assert "+2AA-" in check_decode(body, None)


def test_html_dir_with_a_latin1_mapping_file(tmp_path: Path) -> None:
    (tmp_path / "urls.tsv").write_bytes("a.html\thttps://a.example/é\n".encode("latin-1"))
    (tmp_path / "a.html").write_bytes(b'<link rel="canonical" href="https://a.example/a">x')
    out = [r for _, r in read_html_dir(tmp_path)]
    assert isinstance(out[0], BadRecord) and "not UTF-8" in out[0].reason
    assert getattr(out[1], "url", None) == "https://a.example/a"


def test_unstorable_jsonl_records_are_reported_not_fatal(store: Store) -> None:
    """Each of these lines once aborted a whole import on SQLite or PostgreSQL."""
    with store.begin() as conn:
        upsert_sources(conn, [SourceRow("s", "S", "https://a.example/", "GB", ("en",),
                                        "private", False, True)])
    path = CORPUS / "jsonl" / "unstorable-records.jsonl"
    summary = import_documents(store, read_jsonl(path))
    assert summary.added == 1  # the NUL-bearing text, with its NULs dropped
    assert [b.line for b in summary.bad] == [1, 3, 4, 5, 6]
