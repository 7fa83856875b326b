"""ClusterStage over the store (SQLite and PostgreSQL): stories, copies, threads, restarts.

Vectors are synthetic (an event direction plus noise) so the test is fast and exact; the
clusterer itself is tested on real embeddings in tests/eval.
"""

from __future__ import annotations

import zlib
from datetime import UTC, datetime, timedelta

import numpy as np
import pytest
from sqlalchemy import insert, select, update

from rashomon.pipeline.runner import run_stage
from rashomon.pipeline.stories import ClusterStage
from rashomon.store.articles import NewArticle, add_article, mark_stage
from rashomon.store.schema import articles, stories, syndication_groups
from rashomon.store.sources import SourceRow, upsert_sources
from rashomon.store.stories import get_story, list_stories, list_threads
from rashomon.store.vectors import save_vectors

MODEL = "test:synthetic"
DIM = 32
T0 = datetime(2026, 10, 20, 8, tzinfo=UTC)
OUTLETS = [("herald", "GB", "en"), ("courier", "US", "en"), ("zeitung", "DE", "de"),
           ("journal", "FR", "fr"), ("wire", "GB", "en")]
# event -> (headline words, body sentence, start offset in hours)
EVENTS = {
    "quake": ("Earthquake strikes Karvash", "A magnitude 6.4 earthquake hit Karvash province "
              "at dawn, killing 17 people and bringing down 40 buildings.", 0),
    "summit": ("Nairobi summit pledges fund", "Leaders at the Nairobi climate finance summit "
               "pledged 4.2 billion dollars for the Resilience Bridge Fund.", 2),
    "spill": ("Cyanide sludge reaches Danube", "A dam at the Vorell Chemie plant in Kessendorf "
              "broke and cyanide sludge flowed into the Danube.", 4),
    "spill2": ("Danube cyanide plume reaches Slovakia", "The cyanide plume from the Vorell "
               "Chemie dam failure at Kessendorf crossed into Slovakia; towns shut intakes.", 34),
}


def _direction(name: str, salt: int = 0) -> np.ndarray:
    rng = np.random.default_rng(zlib.crc32(f"{name}/{salt}".encode()))
    v = rng.normal(size=DIM)
    return v / np.linalg.norm(v)


def _vector(event: str, i: int) -> np.ndarray:
    base = _direction(event)
    if event == "spill2":  # a follow-up day: close to the first day's stories
        base = 0.8 * _direction("spill") + 0.6 * _direction("spill2")
    noise = np.random.default_rng(1000 * len(event) + i).normal(size=DIM) * 0.12
    v = base + noise
    return v / np.linalg.norm(v)


def _seed(store, copies: bool = True) -> dict[int, str]:
    """Insert 5 articles per event (one per outlet); the courier's quake story copies the wire."""
    event_of: dict[int, str] = {}
    with store.begin() as conn:
        upsert_sources(conn, [SourceRow(o, o.title(), f"https://{o}.example/", c, (lang,),
                                        "wire" if o == "wire" else "private", o == "wire", True)
                              for o, c, lang in OUTLETS])
        for e, (head, body, hours) in EVENTS.items():
            for i, (outlet, _, lang) in enumerate(OUTLETS):
                text = f"{body} Report {i} from {outlet.title()} on {e}."
                aid = add_article(conn, NewArticle(url=f"https://{outlet}.example/{e}/{i}",
                                                   source_id=outlet, text=text))
                assert aid is not None
                h = f"{e}-{i}"
                save_vectors(conn, MODEL, [(h, _vector(e, i))])
                mark_stage(conn, aid, "syndicated", title=f"{head} ({outlet})", text=text,
                           language=lang, embed_hash=h,
                           published=T0 + timedelta(hours=hours, minutes=20 * i))
                event_of[aid] = e
        if copies:
            wire = conn.execute(select(articles.c.id).where(
                articles.c.url == "https://wire.example/quake/4")).scalar_one()
            copy = conn.execute(select(articles.c.id).where(
                articles.c.url == "https://courier.example/quake/1")).scalar_one()
            gid = conn.execute(insert(syndication_groups).values(
                original_article_id=wire, reason="wire", created_at=T0)
                .returning(syndication_groups.c.id)).scalar_one()
            conn.execute(update(articles).where(articles.c.id.in_([wire, copy]))
                         .values(syndication_group_id=gid))
            conn.execute(update(articles).where(articles.c.id == copy).values(is_copy=True))
    return event_of


def _partition(store) -> dict[int, int]:
    with store.connect() as conn:
        return {int(a): int(s) for a, s in conn.execute(
            select(articles.c.id, articles.c.story_id).order_by(articles.c.id))}


def _canonical(partition: dict[int, int]) -> list[frozenset[int]]:
    groups: dict[int, set[int]] = {}
    for a, s in partition.items():
        groups.setdefault(s, set()).add(a)
    return sorted((frozenset(g) for g in groups.values()), key=min)


def test_each_event_one_story_and_copies_follow(store):
    event_of = _seed(store)
    report = run_stage(store, ClusterStage(MODEL), batch_size=8)
    assert report.done == len(event_of) and report.failed == 0
    part = _partition(store)
    for group in _canonical(part):
        assert len({event_of[a] for a in group}) == 1  # no story mixes events
    for e in EVENTS:
        assert len({part[a] for a, ev in event_of.items() if ev == e}) == 1, e
    with store.connect() as conn:
        rows = {r.id: r for r in conn.execute(select(stories).where(
            stories.c.merged_into.is_(None), stories.c.n_articles > 0))}
        copy = conn.execute(select(articles.c.id, articles.c.story_id).where(
            articles.c.is_copy.is_(True))).one()
        quake = rows[copy.story_id]
        # five articles, but the copy's outlet is not counted: four outlets, three countries
        assert quake.n_articles == 5 and quake.n_outlets == 4 and quake.n_countries == 3
        assert quake.n_languages == 3 and quake.headline.startswith("Earthquake strikes")
        assert quake.first_seen is not None and quake.representative_article_id != copy.id
        assert quake.centroid is not None and len(quake.centroid) == 4 * DIM
        story = get_story(conn, copy.story_id)
        assert story is not None
        nested = [c["id"] for a in story["articles"] for c in a["copies"]]
        assert nested == [copy.id] and copy.id not in [a["id"] for a in story["articles"]]


def test_follow_up_day_is_a_new_story_in_the_same_thread(store):
    event_of = _seed(store, copies=False)
    run_stage(store, ClusterStage(MODEL), batch_size=8)
    part = _partition(store)
    day1 = {part[a] for a, e in event_of.items() if e == "spill"}
    day2 = {part[a] for a, e in event_of.items() if e == "spill2"}
    assert len(day1) == len(day2) == 1 and day1 != day2
    with store.connect() as conn:
        tids = {conn.execute(select(stories.c.thread_id).where(stories.c.id == s)).scalar()
                for s in day1 | day2}
        assert len(tids) == 1 and None not in tids
        threads = list_threads(conn)
        assert [t["n_stories"] for t in threads] == [2]
        assert threads[0]["label"] and "cyanide" in threads[0]["label"].lower()
        listed = list_stories(conn, thread=threads[0]["id"])
        assert {s["id"] for s in listed} == day1 | day2


def test_same_input_same_stories_and_restart_continues(store, tmp_path):
    from rashomon.store import Store

    event_of = _seed(store)
    run_stage(store, ClusterStage(MODEL), batch_size=8)
    once = _canonical(_partition(store))

    other = Store(f"sqlite:///{tmp_path / 'again.db'}")
    other.upgrade()
    _seed(other)
    ids = sorted(event_of)
    with other.begin() as conn:  # hold back the second half, as if the process died
        conn.execute(update(articles).where(articles.c.id.in_(ids[len(ids) // 2:]))
                     .values(stage="embedded"))
    run_stage(other, ClusterStage(MODEL), batch_size=8)
    with other.begin() as conn:
        conn.execute(update(articles).where(articles.c.stage == "embedded")
                     .values(stage="syndicated"))
    run_stage(other, ClusterStage(MODEL), batch_size=8)  # a new stage: state rebuilt from store
    again = _canonical(_partition(other))
    other.dispose()
    assert again == once


def test_missing_vector_fails_with_a_clear_message(store):
    with store.begin() as conn:
        upsert_sources(conn, [SourceRow("herald", "Herald", "https://herald.example/", "GB",
                                        ("en",), "private", False, True)])
        aid = add_article(conn, NewArticle(url="https://herald.example/x", source_id="herald",
                                           text="Some text"))
        mark_stage(conn, aid, "syndicated", title="T", text="Some text", embed_hash="nope")
    with pytest.raises(RuntimeError, match="reprocess"):
        run_stage(store, ClusterStage(MODEL))
