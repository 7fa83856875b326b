"""URL canonicalisation and de-duplication."""

from __future__ import annotations

import pytest

from rashomon.fetch.urls import canonical_url, host_key, origin, unique_urls


@pytest.mark.parametrize(
    "raw,expected",
    [
        (
            "https://WWW.Example.com:443/a/b?utm_source=x&id=3&fbclid=abc#frag",
            "https://www.example.com/a/b?id=3",
        ),
        ("http://ex.example?xtor=RSS-1&b=2&a=1&gclid=9", "http://ex.example/?a=1&b=2"),
        ("https://ex.example/p?ito=1&ocid=2&mc_cid=3&_ga=4&utm_medium=rss", "https://ex.example/p"),
        ("https://ex.example/path/", "https://ex.example/path/"),
        ("http://127.0.0.1:8080/a%20b/c.html", "http://127.0.0.1:8080/a%20b/c.html"),
    ],
)
def test_canonical(raw: str, expected: str) -> None:
    assert canonical_url(raw) == expected


def test_relative_and_unusable() -> None:
    assert canonical_url("/x/y.html", "https://a.example/feed/") == "https://a.example/x/y.html"
    assert canonical_url("z.html", "https://a.example/feed/") == "https://a.example/feed/z.html"
    for bad in ("", "mailto:a@b.example", "javascript:void(0)", "ftp://a.example/f", "http://"):
        assert canonical_url(bad) is None


def test_unique_urls_keeps_first_seen_order() -> None:
    urls = [
        "https://a.example/1?utm_source=x",
        "https://a.example/2",
        None,
        "https://A.example/1",
        "mailto:x@y",
    ]
    assert unique_urls(urls) == ["https://a.example/1", "https://a.example/2"]


def test_host_key_and_origin() -> None:
    assert host_key("https://A.example:8443/x") == "a.example:8443"
    assert host_key("https://a.example/x") == "a.example"
    assert origin("HTTPS://A.example:8443/x?y") == "https://a.example:8443"
