"""HTML pages render the key content from the same views as the API, without JavaScript."""

from __future__ import annotations

import re
from datetime import UTC, datetime

from fastapi.testclient import TestClient
from sqlalchemy import insert

from rashomon.store import Store
from rashomon.store.schema import analyses
from tests.web.fixtures import Loaded


def _ok(client: TestClient, url: str) -> str:
    r = client.get(url)
    assert r.status_code == 200, (url, r.text[:300])
    assert r.headers["content-type"].startswith("text/html")
    return r.text


def test_front_story_and_redirects(client: TestClient, loaded: Loaded) -> None:
    front = _ok(client, "/?date=2026-10-18&days=3")
    assert "Night-long Russian drone and missile attack" in front
    assert f'href="/story/{loaded.stories["drone-night"]}"' in front
    assert "Coverage by country" in front and 'rel="prev"' in front
    assert 'type="date"' in front and 'value="2026-10-18"' in front
    sid = loaded.stories["quake-karvash"]
    story = _ok(client, f"/story/{sid}")
    for text in ("The world's take", "Alternative takes", "Quotes", "Figures", "Timeline",
                 "Selin Aksoy", "First reported by", 'class="chip"', "<table class=\"quotes\"",
                 "<table class=\"figures\"", "svg class=\"worldmap\"", "<details class=\"copies\"",
                 "rel=\"noopener noreferrer nofollow external\""):
        assert text in story, text
    assert "<ins>" in story or "<del>" in story
    conflict = _ok(client, f"/story/{loaded.stories['drone-night']}")
    assert 'class="conflict"' in conflict and "Conflict" in conflict
    pending = _ok(client, f"/story/{loaded.local_story}")
    assert "Analysis pending" in pending and "Lakeshore council" in pending
    r = client.get(f"/story/{loaded.merged_story}", follow_redirects=False)
    assert r.status_code == 308 and r.headers["location"] == f"/story/{sid}"
    missing = client.get("/story/99999")
    assert missing.status_code == 404 and "Not found" in missing.text
    bad = client.get("/?date=yesterday")
    assert bad.status_code == 400 and "YYYY-MM-DD" in bad.text


def test_map_country_blindspots(client: TestClient, loaded: Loaded) -> None:
    page = _ok(client, "/map?date=2026-11-11&days=60")
    assert page.count("<path ") >= 170 and 'href="/country/DE?date=2026-11-11&amp;days=60"' in page
    assert "Countries with coverage" in page and 'class="legend"' in page
    assert 'src="/static/globe.js"' in page and 'data-world="/static/world.json"' in page
    shaded = re.findall(r'data-cc="(\w\w)"><path class="m([1-5])', page)
    assert ("DE", "5") in shaded or any(cc == "DE" for cc, _ in shaded)
    us = _ok(client, "/country/US?date=2026-11-11&days=2")
    assert "What United States" in us and "Overlooked here" in us and "Only here" in us
    assert "Lakeshore council approves winter ferry subsidy" in us
    assert "/feeds/country/US/blindspots.atom" in us
    r = client.get("/country/us", follow_redirects=False)
    assert r.status_code == 308 and r.headers["location"].startswith("/country/US")
    assert client.get("/country/USA").status_code == 404
    bs = _ok(client, "/blindspots?country=KE&date=2026-11-11&days=2")
    assert "Overlooked by Kenya" in bs and "Wildfire near Alto Lenga" in bs
    assert "<select" in bs and "Choose a country" in _ok(client, "/blindspots")


def test_threads_sources_article_search_docs(client: TestClient, loaded: Loaded) -> None:
    tid = loaded.threads["danube-spill"]
    assert "Danube spill" in _ok(client, "/threads")
    thread = _ok(client, f"/thread/{tid}")
    assert thread.index("Tailings dam breach") < thread.index("Vorell Chemie chief executive")
    sources = _ok(client, "/sources")
    assert "The Meridian Post" in sources and "1 of 1 failing" in sources
    source = _ok(client, "/source/meridian-post")
    assert "Fetch health" in source and "HTTP 503" in source and "svg class=\"bars\"" in source
    copy = loaded.articles["alpenpost/gefangenenaustausch-ukraine-russland"]
    article = _ok(client, f"/article/{copy}")
    assert "Republished copy of" in article and 'lang="de"' in article
    search = _ok(client, "/search?q=Karvash")
    assert "Articles containing" in search and "/story/" in search
    assert "Nothing found" in _ok(client, "/search?q=zzqxnothing")
    docs = _ok(client, "/docs")
    assert "/api/stories/{story_id}" in docs and "StoryDetail" in docs


def test_pages_are_self_contained_and_safe(client: TestClient, loaded: Loaded) -> None:
    r = client.get(f"/story/{loaded.stories['quake-karvash']}")
    assert "default-src 'self'" in r.headers["content-security-policy"]
    assert r.headers["x-content-type-options"] == "nosniff"
    for url in ("/", "/map", f"/story/{loaded.stories['quake-karvash']}", "/docs"):
        html = client.get(url).text
        # Every asset is local: no script, stylesheet or image from another host.
        for tag in re.findall(r"<(?:script|link|img)\b[^>]*>", html):
            assert "//" not in tag.split("href=")[-1] or 'rel="alternate"' in tag, tag
        assert "style=" not in html  # CSP forbids inline styles; classes only
    for url in ("/", "/story/1", "/map", "/country/DE", "/search?q=x"):
        html = client.get(url).text
        assert '<html lang="en">' in html and 'name="viewport"' in html
        assert '<a class="skip" href="#main">' in html
        inputs = re.findall(r'<input id="([^"]+)"', html)
        for ident in inputs:
            assert f'for="{ident}"' in html, ident  # every control is labelled


def test_analysis_in_another_shape_is_reported_not_fatal(client: TestClient, loaded: Loaded,
                                                         store: Store) -> None:
    with store.begin() as conn:
        conn.execute(insert(analyses).values(story_id=loaded.local_story, version=1,
                                             computed_at=datetime.now(UTC),
                                             data='{"take": "not a list"}'))
    page = _ok(client, f"/story/{loaded.local_story}")
    assert "could not be read" in page and "Lakeshore council" in page
    api = client.get(f"/api/stories/{loaded.local_story}").json()
    assert api["analysis_status"] == "unreadable" and api["analysis"] is None
