"""Hostile outlet text never reaches a page as markup: scripts, javascript: links, handlers."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime

from fastapi.testclient import TestClient
from sqlalchemy import insert

from rashomon.store import Store
from rashomon.store.articles import NewArticle, add_article, mark_stage
from rashomon.store.schema import analyses, stories, threads
from rashomon.store.sources import SourceRow, upsert_sources
from rashomon.web import create_app
from rashomon.web.feeds import plain
from rashomon.web.render import clean, safe_url

EVIL = [
    '<script>alert("x")</script>Headline',
    '<img src=x onerror="alert(1)">Picture',
    '<a href="javascript:alert(1)" onclick="alert(2)">Click</a>',
    '<svg onload="alert(1)"><script>alert(3)</script></svg>Vector',
    '"><script>alert(4)</script>',
    "<iframe src='https://evil.example/'></iframe><style>body{display:none}</style>Frame",
]
NOW = datetime(2026, 11, 1, 12, 0, tzinfo=UTC)


def _hostile(store: Store) -> int:
    with store.begin() as conn:
        upsert_sources(conn, [SourceRow("evil", '<b onmouseover="alert(5)">Evil</b> Daily',
                                        "javascript:alert(6)", "GB", ("en",), "private",
                                        False, True)])
        tid = conn.execute(insert(threads).values(label=EVIL[0], created_at=NOW,
                                                  updated_at=NOW).returning(threads.c.id)
                           ).scalar_one()
        sid = conn.execute(insert(stories).values(
            headline=EVIL[0], first_seen=NOW, thread_id=tid, created_at=NOW, updated_at=NOW,
            dirty=False).returning(stories.c.id)).scalar_one()
        ids = []
        for i, bad in enumerate(EVIL):
            aid = add_article(conn, NewArticle(
                "javascript:alert(7)//" if i == 2 else f"https://evil.example/{i}", "evil",
                text=f"{bad} body {i}", title=bad, published=NOW, language="en"))
            assert aid is not None
            mark_stage(conn, aid, "analysed", story_id=sid, title_en=bad, text=bad + "\n\n" + bad,
                       byline=bad, lead_en=bad)
            ids.append(aid)
        sup = [{"article_id": ids[0], "source_id": "evil", "source_name": EVIL[1]}]
        data = {"version": 1,
                "take": [{"text": t, "support": sup} for t in EVIL],
                "alternatives": [{"country": "GB", "summary": EVIL[3],
                                  "points": [{"kind": "adds", "text": EVIL[2], "support": sup}]}],
                "quotes": [{"speaker": EVIL[4], "role": EVIL[5], "canonical": EVIL[0],
                            "variants": [{"text": EVIL[3], "text_en": EVIL[2], "language": "en",
                                          "support": sup,
                                          "diff": [{"op": "insert", "text": EVIL[0]}]}]}],
                "figures": [{"label": EVIL[1], "unit": EVIL[2], "scope": EVIL[3],
                             "conflict": True, "values": [{"value": 1, "text": EVIL[0],
                                                           "support": sup}]}],
                "entities": [{"name": EVIL[0], "kind": EVIL[1]}]}
        conn.execute(insert(analyses).values(story_id=sid, version=1, computed_at=NOW,
                                             data=json.dumps(data)))
    return sid


def _assert_inert(html: str) -> None:
    lowered = html.lower()
    tags = re.findall(r"<[a-z][^>]*>", lowered)
    assert not [t for t in tags if re.search(r"\son\w+\s*=", t)]  # no event handlers
    assert not [t for t in tags if re.search(r"(href|src|action)\s*=\s*[\"']?\s*javascript:", t)]
    assert not [t for t in tags if t.startswith(("<iframe", "<img", "<style", "<object"))]
    assert not [t for t in tags if t.startswith("<script") and 'src="/static/' not in t]
    assert "<svg onload" not in lowered and "alert(3)" not in lowered and "alert(4)" not in lowered


def test_hostile_outlet_text_is_inert_on_every_page(store: Store) -> None:
    sid = _hostile(store)
    client = TestClient(create_app(store, cache_seconds=0))
    story = client.get(f"/story/{sid}")
    assert story.status_code == 200
    assert "Headline" in story.text and "Picture" in story.text and "Click" in story.text
    _assert_inert(story.text)
    for url in ("/?date=2026-11-01", "/country/GB?date=2026-11-01", "/sources", "/source/evil",
                "/article/1", "/article/3", "/search?q=body", "/threads", "/thread/1",
                "/blindspots?country=GB&date=2026-11-01"):
        r = client.get(url)
        assert r.status_code == 200, url
        _assert_inert(r.text)
    for url in ("/feeds/top.atom", "/feeds/thread/1.atom", "/feeds/country/GB.atom"):
        body = client.get(url).text
        assert "<script" not in body and "alert(" not in body and "javascript:" not in body


def test_filters() -> None:
    assert str(clean('<script>alert(1)</script>Hi <b>there</b> & "you"')) == \
        "Hi there &amp; &#34;you&#34;"
    assert str(clean(None)) == ""
    assert safe_url("javascript:alert(1)") == "#"
    assert safe_url(" JaVaScRiPt:alert(1)") == "#"
    assert safe_url("data:text/html,<b>") == "#"
    assert safe_url("https://example.org/a?b=1") == "https://example.org/a?b=1"
    assert safe_url("http://[::1") == "#"
    assert plain("<script>x</script>Tom &amp; Jerry\x00") == "Tom & Jerry"
