"""Hostile outlet → crawl → every stage → web app: nothing active survives, nothing crashes.

The hostile site (tests/hostile/site.py) is served on 127.0.0.1 and crawled for real, on SQLite
and PostgreSQL; its pages are processed by rashomon.pipeline.engine.process with an instant
embedder, and every page, API answer and Atom feed that shows its text is checked.
"""

from __future__ import annotations

import json

from fastapi.testclient import TestClient

from rashomon.store import Store
from rashomon.web import create_app
from tests.hostile.inert import feed_problems, html_problems
from tests.hostile.pipeline import SOURCE, crawl_and_process
from tests.hostile.site import HOMOGLYPH_TITLE, serve


def test_hostile_outlet_is_crawled_processed_and_rendered_inert(store: Store) -> None:
    with serve() as site:
        done = crawl_and_process(store, site)
    # The crawl survived every trap: the four real pages were stored, the poisoned links
    # (javascript:, "http://[", a NUL host, a 5 KB URL) were dropped without a request.
    assert done.crawl.new_articles == 4 and not done.crawl.errors, done.crawl
    assert sorted(p for p in site.hits if p.startswith("/hostile/") and p.endswith(".html")) \
        == [f"/hostile/{n}.html" for n in range(4)]
    assert "/pwned" not in site.hits
    assert all(s.failed == 0 for s in done.run.stages), done.run.stages

    client = TestClient(create_app(store, cache_seconds=0))
    pages = ["/", "/sources", f"/source/{SOURCE}", "/search?q=Karvash", "/threads", "/map",
             "/country/GB", "/blindspots?country=GB"]
    pages += [f"/story/{sid}" for sid in done.stories]
    pages += [f"/article/{aid}" for aid in done.articles]
    for url in pages:
        r = client.get(url)
        assert r.status_code == 200, url
        assert html_problems(r.text) == [], url
        assert "content-security-policy" in r.headers
    story = client.get(f"/story/{done.stories[0]}").text
    assert "Karvash" in story
    everything = "".join(client.get(u).text for u in pages)
    assert HOMOGLYPH_TITLE in everything  # homoglyphs are shown as written, not "fixed"

    for url in ["/feeds/top.atom", "/feeds/country/GB.atom", "/feeds/country/GB/blindspots.atom"]:
        r = client.get(url)
        assert r.status_code == 200, url
        assert feed_problems(r.text) == [], url

    for url in [f"/api/stories/{sid}" for sid in done.stories] + \
            [f"/api/articles/{aid}" for aid in done.articles] + [f"/api/sources/{SOURCE}"]:
        r = client.get(url)
        assert r.status_code == 200, url
        # JSON carries outlet text as data; the headers stop a browser rendering it as a page
        assert r.headers["content-type"].startswith("application/json")
        assert r.headers["x-content-type-options"] == "nosniff"
        json.loads(r.text)
