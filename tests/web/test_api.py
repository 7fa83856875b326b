"""The JSON API on SQLite and PostgreSQL, over the gold corpus."""

from __future__ import annotations

from fastapi.testclient import TestClient

from tests.web.fixtures import Loaded


def test_stories_ranked_filtered_and_paged(client: TestClient, loaded: Loaded) -> None:
    r = client.get("/api/stories", params={"date": "2026-10-18", "days": 3})
    assert r.status_code == 200
    page = r.json()
    assert page["date"] == "2026-10-18" and page["days"] == 3 and page["total"] == 3
    ids = [s["id"] for s in page["items"]]
    assert set(ids) == {loaded.stories[e] for e in ("drone-night", "marathon-record",
                                                    "summit-nairobi")}
    scores = [s["score"] for s in page["items"]]
    assert scores == sorted(scores, reverse=True)
    top = page["items"][0]
    assert top["breadth"] == top["n_countries"] * top["n_original_outlets"]
    assert top["take"] and top["countries"][0]["name"]
    # The default day is the latest with articles; filters narrow the list.
    latest = client.get("/api/stories").json()
    assert latest["date"] == "2026-11-11"
    assert loaded.local_story in [s["id"] for s in latest["items"]]
    ke = client.get("/api/stories", params={"date": "2026-10-18", "days": 3, "country": "ke"})
    assert {s["id"] for s in ke.json()["items"]} == {loaded.stories["marathon-record"],
                                                     loaded.stories["summit-nairobi"]}
    sw = client.get("/api/stories", params={"date": "2026-10-18", "days": 3, "language": "sw"})
    assert sw.json()["total"] == 0
    wide = client.get("/api/stories", params={"date": "2026-11-11", "days": 60,
                                              "min_outlets": 11}).json()
    assert wide["items"] and all(s["n_original_outlets"] >= 11 for s in wide["items"])
    spill = client.get("/api/stories", params={"date": "2026-11-11", "days": 60,
                                               "thread": loaded.threads["danube-spill"]}).json()
    assert spill["total"] == 3
    first = client.get("/api/stories", params={"date": "2026-11-11", "days": 60, "limit": 2})
    second = client.get("/api/stories", params={"date": "2026-11-11", "days": 60, "limit": 2,
                                                "offset": 2})
    assert len(first.json()["items"]) == 2
    assert first.json()["total"] == len(loaded.stories) + 1  # plus the local story
    assert not {s["id"] for s in first.json()["items"]} & {s["id"] for s in
                                                           second.json()["items"]}
    assert client.get("/api/stories", params={"date": "18/10/2026"}).status_code == 422
    assert client.get("/api/stories", params={"limit": 0}).status_code == 422


def test_story_detail_with_analysis_copies_and_redirect(client: TestClient,
                                                        loaded: Loaded) -> None:
    sid = loaded.stories["prisoner-exchange"]
    d = client.get(f"/api/stories/{sid}").json()
    assert d["story"]["id"] == sid and d["analysis_status"] == "ready"
    a = d["analysis"]
    assert a["version"] == 1 and a["take"] and a["quotes"] and a["figures"]
    support = a["take"][0]["support"][0]
    assert {"article_id", "source_id", "source_name", "country"} <= set(support)
    assert any(f["conflict"] for f in a["figures"]) or all(
        len(f["values"]) == 1 for f in a["figures"])
    ops = {op["op"] for q in a["quotes"] for v in q["variants"] for op in v.get("diff", [])}
    assert "equal" in ops
    # Copies sit under their original, never on their own line.
    copy_id = loaded.articles["alpenpost/gefangenenaustausch-ukraine-russland"]
    groups = d["articles"]
    assert copy_id not in [g["original"]["id"] for g in groups]
    parent = next(g for g in groups if copy_id in [c["id"] for c in g["copies"]])
    assert parent["original"]["source_id"] == "nordpresse-agentur"
    assert d["first"]["published"] <= min(g["original"]["published"] for g in groups)
    # A merged story's id redirects to the survivor.
    r = client.get(f"/api/stories/{loaded.merged_story}", follow_redirects=False)
    assert r.status_code == 308
    assert r.headers["location"] == f"/api/stories/{loaded.stories['quake-karvash']}"
    assert client.get(f"/api/stories/{loaded.merged_story}").json()["story"]["id"] == \
        loaded.stories["quake-karvash"]
    assert client.get("/api/stories/99999").status_code == 404
    pending = client.get(f"/api/stories/{loaded.local_story}").json()
    assert pending["analysis_status"] == "pending" and pending["analysis"] is None
    spill = client.get(f"/api/stories/{loaded.stories['spill-day2']}").json()
    assert [s["id"] for s in spill["related"]] == [loaded.stories["spill-day1"],
                                                   loaded.stories["spill-day3"]]


def test_countries_and_blindspots(client: TestClient, loaded: Loaded) -> None:
    world = client.get("/api/countries", params={"date": "2026-11-11", "days": 60}).json()
    by_code = {c["code"]: c for c in world["countries"]}
    assert by_code["DE"]["stories"] >= 10 and by_code["KE"]["outlets"] == 1
    us = client.get("/api/countries/us", params={"date": "2026-11-11", "days": 2}).json()
    assert us["code"] == "US" and us["name"] == "United States" and us["n_sources"] == 2
    assert loaded.local_story in [s["id"] for s in us["only_here"]]
    assert loaded.local_story in [s["id"] for s in us["stories"]]
    ke = client.get("/api/countries/KE", params={"date": "2026-11-11", "days": 2}).json()
    assert loaded.stories["wildfire-andes"] in [s["id"] for s in ke["overlooked"]]
    for s in ke["overlooked"]:
        assert s["n_countries"] >= 3 and "KE" not in [c["code"] for c in s["countries"]]
    assert ke["only_here"] == []
    # No followed outlet: nothing can be "overlooked".
    nz = client.get("/api/countries/NZ", params={"date": "2026-11-11", "days": 2}).json()
    assert nz["n_sources"] == 0 and nz["overlooked"] == []
    assert client.get("/api/countries/USA").status_code == 422


def test_threads_sources_articles_search(client: TestClient, loaded: Loaded) -> None:
    threads = client.get("/api/threads").json()
    assert [t["label"] for t in threads] == ["Danube spill"] and threads[0]["n_stories"] == 3
    view = client.get(f"/api/threads/{threads[0]['id']}").json()
    assert [s["id"] for s in view["stories"]] == [loaded.stories[f"spill-day{i}"]
                                                 for i in (1, 2, 3)]
    assert client.get("/api/threads/999").status_code == 404
    sources = client.get("/api/sources").json()
    assert len(sources) == len(loaded.gold["outlets"])
    mp = client.get("/api/sources/meridian-post").json()
    assert mp["source"]["feeds_failing"] == 1 and mp["feeds"][0]["last_status"] == 503
    assert sum(d["articles"] for d in mp["volume"]) >= 1 and mp["recent"]
    assert client.get("/api/sources", params={"country": "de"}).json()[0]["country"] == "DE"
    assert client.get("/api/sources/nope").status_code == 404
    orig = loaded.articles["nordpresse-agentur/gefangenenaustausch-russland-ukraine-emirate"]
    art = client.get(f"/api/articles/{orig}").json()
    assert art["paragraphs"] and art["story"]["id"] == loaded.stories["prisoner-exchange"]
    assert loaded.articles["alpenpost/gefangenenaustausch-ukraine-russland"] in [
        c["id"] for c in art["copies"]]
    copy = client.get(f"/api/articles/{art['copies'][0]['id']}").json()
    assert copy["original"]["id"] == orig
    hits = client.get("/api/search", params={"q": "Karvash"}).json()["hits"]
    assert hits and all(h["story"]["id"] == loaded.stories["quake-karvash"] for h in hits)
    assert client.get("/api/search", params={"q": "zzqx') OR 1=1 --"}).json()["hits"] == []
    assert client.get("/api/search").status_code == 422


def test_openapi_schema_is_precise(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    schemas = spec["components"]["schemas"]
    for name in ("StoryPage", "StoryDetail", "StoryCard", "CountryView", "WorldView",
                 "ThreadView", "SourceDetail", "ArticleDetail", "SearchPage", "Analysis",
                 "QuoteGroup", "FigureGroup", "TakeSentence", "DiffOp"):
        assert name in schemas, name
    assert schemas["DiffOp"]["properties"]["op"]["enum"] == ["equal", "insert", "delete",
                                                          "replace"]
    detail = spec["paths"]["/api/stories/{story_id}"]["get"]
    assert "308" in detail["responses"]
    params = {p["name"] for p in spec["paths"]["/api/stories"]["get"]["parameters"]}
    assert {"date", "days", "country", "language", "thread", "min_outlets", "limit",
            "offset"} <= params
    assert not any(p.startswith("/story") or p == "/" for p in spec["paths"])
