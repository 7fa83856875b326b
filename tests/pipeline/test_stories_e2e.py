"""The whole pipeline on four same-kind events (two earthquakes, two summits): each event
becomes one story across languages, the look-alike events stay apart, and every story gets
its metadata and analysis. Runs on SQLite and PostgreSQL."""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from pathlib import Path

import pytest
from sqlalchemy import select

from rashomon.demo import corpus_outlets
from rashomon.fetch.jsonl import read_jsonl
from rashomon.pipeline.engine import process
from rashomon.pipeline.ingest import import_documents
from rashomon.pipeline.sources import register_outlets
from rashomon.settings import load_settings
from rashomon.store.analyses import get_analysis
from rashomon.store.schema import articles, stories

pytestmark = pytest.mark.slow

CORPUS = Path(__file__).resolve().parents[1] / "corpus"
EVENTS = {"quake-karvash", "quake-sabanal", "summit-nairobi", "summit-lisbon"}


def test_events_become_stories(store, tmp_path):
    gold = json.loads((CORPUS / "gold.json").read_text(encoding="utf-8"))
    event_of = {g["url_path"]: g["event"] for g in gold["articles"].values()
                if g["event"] in EVENTS}
    subset = tmp_path / "subset.jsonl"
    with subset.open("w", encoding="utf-8") as fh:
        for line in (CORPUS / "corpus.jsonl").read_text(encoding="utf-8").splitlines():
            if "/" + json.loads(line)["url"].split("/", 3)[3] in event_of:
                fh.write(line + "\n")
    register_outlets(store, corpus_outlets(CORPUS))
    import_documents(store, read_jsonl(subset))
    report = process(store, load_settings(environ={"RASHOMON_WORKERS": "1"}))
    assert {s.name: s.failed for s in report.stages} == dict.fromkeys(
        ["extracted", "language", "translated", "embedded", "syndicated", "clustered",
         "analysed"], 0)

    with store.connect() as conn:
        rows = conn.execute(select(articles.c.url, articles.c.story_id, articles.c.stage)).all()
        story_rows = {r.id: r for r in conn.execute(select(stories))}
        by_story: dict[int, Counter[str]] = defaultdict(Counter)
        for r in rows:
            assert r.stage == "analysed" and r.story_id is not None
            by_story[r.story_id][event_of["/" + r.url.split("/", 3)[3]]] += 1
        # no story mixes two events (the earthquakes and the summits stay apart)
        assert all(len(events) == 1 for events in by_story.values()), by_story
        for event in EVENTS:
            sizes = sorted((c[event] for c in by_story.values() if event in c), reverse=True)
            assert sizes[0] >= 0.75 * sum(sizes), (event, sizes)
        for sid, counts in by_story.items():
            st = story_rows[sid]
            assert st.headline and st.first_seen and st.n_articles == sum(counts.values())
            assert 1 <= st.n_outlets <= st.n_articles and st.n_countries >= 1
            if st.n_articles >= 3:
                data = json.loads(get_analysis(conn, sid) or "{}")
                assert data["take"] and all(len(s["support"]) >= 2 for s in data["take"])
