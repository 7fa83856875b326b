"""Story and thread storage on SQLite and PostgreSQL: metadata, merges, listings, threads."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select, update

from rashomon.store.articles import NewArticle, add_article, mark_stage
from rashomon.store.schema import articles, stories, story_redirects
from rashomon.store.sources import SourceRow, upsert_sources
from rashomon.store.stories import (
    assign,
    create_story,
    create_thread,
    get_story,
    headline_article,
    list_stories,
    list_threads,
    merge_stories,
    refresh_story,
    refresh_thread,
    resolve_story,
    set_thread,
)

T0 = datetime(2026, 11, 3, 9, tzinfo=UTC)


@pytest.fixture
def seeded(store):
    with store.begin() as conn:
        upsert_sources(conn, [
            SourceRow("herald", "Herald", "https://herald.example/", "GB", ("en",), "private",
                      False, True),
            SourceRow("zeitung", "Zeitung", "https://zeitung.example/", "DE", ("de",),
                      "private", False, True),
            SourceRow("journal", "Journal", "https://journal.example/", "FR", ("fr",),
                      "private", False, True),
            SourceRow("reprint", "Reprint", "https://reprint.example/", "US", ("en",),
                      "private", False, True)])
    return store


def _article(conn, source, n, title, language, hours=0, title_en=None, copy=False):
    aid = add_article(conn, NewArticle(url=f"https://{source}.example/{n}", source_id=source,
                                       text=f"text {source} {n}"))
    mark_stage(conn, aid, "clustered", title=title, language=language, title_en=title_en,
               published=T0 + timedelta(hours=hours), text=f"text {source} {n}")
    if copy:
        conn.execute(update(articles).where(articles.c.id == aid).values(is_copy=True))
    return aid


def test_metadata_counts_originals_and_prefers_english(seeded):
    with seeded.begin() as conn:
        sid = create_story(conn)
        de = _article(conn, "zeitung", 1, "Stromausfall in Estland", "de", hours=0,
                      title_en="Blackout in Estonia")
        en = _article(conn, "herald", 2, "Estonia blames hackers for blackout", "en", hours=2)
        fr = _article(conn, "journal", 3, "Panne géante en Estonie", "fr", hours=3)
        cp = _article(conn, "reprint", 4, "Estonia blackout (reprint)", "en", hours=1, copy=True)
        assign(conn, [de, en, fr, cp], sid)
        refresh_story(conn, sid)
        row = conn.execute(select(stories).where(stories.c.id == sid)).one()
        assert row.headline == "Estonia blames hackers for blackout"  # the English original
        assert row.n_articles == 4 and row.n_outlets == 3 and row.n_countries == 3
        assert row.n_languages == 3  # the copy's US/en adds nothing
        assert row.first_source_id == "zeitung" and row.dirty
        # with centrality the most central original represents the story
        refresh_story(conn, sid, {de: 0.99, en: 0.5, fr: 0.7, cp: 1.0}, b"\x00" * 8)
        row = conn.execute(select(stories).where(stories.c.id == sid)).one()
        assert row.representative_article_id == de and row.centroid == b"\x00" * 8


def test_headline_falls_back_to_translation_then_original():
    def m(i, lang, title, title_en=None, copy=False):
        return {"id": i, "language": lang, "title": title, "title_en": title_en,
                "is_copy": copy, "published": T0 + timedelta(hours=i)}

    assert headline_article([m(1, "de", "A"), m(2, "fr", "B", "B en")])["id"] == 2
    assert headline_article([m(1, "de", "A"), m(2, "fr", "B")])["id"] == 1
    assert headline_article([m(1, "en", "copy", copy=True), m(2, "de", "A")])["id"] == 2
    assert headline_article([m(1, "de", "A"), m(2, "de", "B")], {2: 0.9, 1: 0.1})["id"] == 2


def test_merge_redirects_old_ids_and_chains(seeded):
    with seeded.begin() as conn:
        a, b, c = create_story(conn), create_story(conn), create_story(conn)
        x = _article(conn, "herald", 1, "X", "en")
        y = _article(conn, "zeitung", 2, "Y", "de")
        z = _article(conn, "journal", 3, "Z", "fr")
        assign(conn, [x], a)
        assign(conn, [y], b)
        assign(conn, [z], c)
        merge_stories(conn, b, a)
        merge_stories(conn, a, c)  # a (which absorbed b) is merged again
        assert resolve_story(conn, b) == c and resolve_story(conn, a) == c
        assert resolve_story(conn, c) == c and resolve_story(conn, 99999) is None
        redirects = {int(o): int(s) for o, s in conn.execute(
            select(story_redirects.c.old_id, story_redirects.c.story_id))}
        assert redirects == {a: c, b: c}
        refresh_story(conn, c)
        story = get_story(conn, b)
        assert story is not None and story["id"] == c and story["requested_id"] == b
        assert sorted(art["id"] for art in story["articles"]) == sorted([x, y, z])
        assert [s["id"] for s in list_stories(conn)] == [c]  # merged ones are not listed


def test_list_filters_and_pages(seeded):
    with seeded.begin() as conn:
        ids = []
        for n in range(5):
            sid = create_story(conn)
            arts = [_article(conn, "herald", 10 + n, f"Story {n}", "en", hours=24 * n)]
            if n % 2 == 0:
                arts.append(_article(conn, "zeitung", 20 + n, f"Geschichte {n}", "de",
                                     hours=24 * n))
            assign(conn, arts, sid)
            refresh_story(conn, sid)
            ids.append(sid)
        newest_first = ids[::-1]
        assert [s["id"] for s in list_stories(conn)] == newest_first
        assert [s["id"] for s in list_stories(conn, limit=2, offset=1)] == newest_first[1:3]
        assert [s["id"] for s in list_stories(conn, country="de")] == [ids[4], ids[2], ids[0]]
        assert [s["id"] for s in list_stories(conn, language="de", min_outlets=2)] == [
            ids[4], ids[2], ids[0]]
        assert list_stories(conn, language="fr") == []
        window = list_stories(conn, since=T0 + timedelta(days=1), until=T0 + timedelta(days=3))
        assert [s["id"] for s in window] == [ids[2], ids[1]]


def test_threads_get_a_label_and_dissolve_when_one_story_is_left(seeded):
    with seeded.begin() as conn:
        day1, day2, other = create_story(conn), create_story(conn), create_story(conn)
        assign(conn, [_article(conn, "herald", 1, "Cyanide spill poisons Danube", "en"),
                      _article(conn, "journal", 2, "Marée toxique", "fr",
                               title_en="Danube cyanide spill spreads")], day1)
        assign(conn, [_article(conn, "herald", 3, "Danube cyanide spill reaches Slovakia",
                               "en", hours=30)], day2)
        assign(conn, [_article(conn, "zeitung", 4, "Wahl in Berlin", "de",
                               title_en="Berlin votes")], other)
        for s in (day1, day2, other):
            refresh_story(conn, s)
        tid = create_thread(conn)
        set_thread(conn, [day1, day2], tid)
        refresh_thread(conn, tid)
        [thread] = list_threads(conn)
        assert thread["id"] == tid and thread["n_stories"] == 2
        assert thread["label"] == "cyanide spill, Danube"
        assert get_story(conn, day2)["thread_label"] == thread["label"]
        merge_stories(conn, day2, day1)
        refresh_thread(conn, tid)
        assert list_threads(conn) == []
        assert conn.execute(select(stories.c.thread_id).where(stories.c.id == day1)).scalar() \
            is None
