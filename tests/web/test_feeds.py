"""Atom feeds parse and carry every element RFC 4287 requires."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import feedparser
from fastapi.testclient import TestClient

from tests.web.fixtures import Loaded

A = "{http://www.w3.org/2005/Atom}"
RFC3339 = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$")


def _valid_atom(body: str) -> ET.Element:
    """Check RFC 4287's required elements; returns the feed element."""
    feed = ET.fromstring(body.encode("utf-8"))
    assert feed.tag == f"{A}feed"
    for tag in ("id", "title", "updated"):  # atom:feed MUST contain exactly one of each
        assert len(feed.findall(f"{A}{tag}")) == 1, tag
    assert RFC3339.match(feed.findtext(f"{A}updated") or "")
    has_author = feed.find(f"{A}author/{A}name") is not None
    selfs = [x for x in feed.findall(f"{A}link") if x.get("rel") == "self"]
    assert len(selfs) == 1 and selfs[0].get("href", "").startswith("http")
    ids = set()
    for entry in feed.findall(f"{A}entry"):
        for tag in ("id", "title", "updated"):
            assert len(entry.findall(f"{A}{tag}")) == 1, tag
        assert RFC3339.match(entry.findtext(f"{A}updated") or "")
        assert has_author or entry.find(f"{A}author/{A}name") is not None
        # No atom:content, so an alternate link and a summary are required.
        alternate = [x for x in entry.findall(f"{A}link") if x.get("rel", "alternate") ==
                     "alternate"]
        assert alternate and entry.find(f"{A}summary") is not None
        ids.add(entry.findtext(f"{A}id"))
    assert len(ids) == len(feed.findall(f"{A}entry"))  # entry ids are unique
    parsed = feedparser.parse(body)
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.version == "atom10"
    return feed


def test_feeds_are_valid_atom(client: TestClient, loaded: Loaded) -> None:
    top = client.get("/feeds/top.atom")
    assert top.status_code == 200
    assert top.headers["content-type"].startswith("application/atom+xml")
    feed = _valid_atom(top.text)
    links = [e.find(f"{A}link").get("href") for e in feed.findall(f"{A}entry")]  # type: ignore
    assert f"http://testserver/story/{loaded.stories['wildfire-andes']}" in links
    country = _valid_atom(client.get("/feeds/country/US.atom").text)
    assert "United States" in (country.findtext(f"{A}title") or "")
    blind = _valid_atom(client.get("/feeds/country/KE/blindspots.atom").text)
    summaries = [e.findtext(f"{A}summary") or "" for e in blind.findall(f"{A}entry")]
    assert summaries and all(s.startswith("Overlooked by Kenya") for s in summaries)
    us_blind = _valid_atom(client.get("/feeds/country/US/blindspots.atom").text)
    assert any("Only United States media" in (e.findtext(f"{A}summary") or "")
               for e in us_blind.findall(f"{A}entry"))
    thread = _valid_atom(client.get(f"/feeds/thread/{loaded.threads['danube-spill']}.atom").text)
    assert len(thread.findall(f"{A}entry")) == 3
    assert client.get("/feeds/thread/999.atom").status_code == 404
    assert client.get("/feeds/country/XYZ.atom").status_code == 404
