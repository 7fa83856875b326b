"""`db copy`: a SQLite installation moves to another database with nothing lost."""

from __future__ import annotations

from datetime import UTC, datetime

import numpy as np
import pytest
from sqlalchemy import func, select

from rashomon.models import Sentence
from rashomon.store import Store
from rashomon.store.analyses import get_analysis, save_analysis
from rashomon.store.articles import NewArticle, add_article, get_article, mark_stage, raw_html
from rashomon.store.copy import CopyError, copy_database
from rashomon.store.schema import TABLES_IN_COPY_ORDER, stories
from rashomon.store.search import search_articles
from rashomon.store.sentences import article_sentences, replace_sentences
from rashomon.store.sources import SourceRow, upsert_feeds, upsert_sources
from rashomon.store.vectors import load_vectors, save_vectors

NOW = datetime(2026, 10, 3, 7, 42, tzinfo=UTC)


def _fill(store: Store) -> list[int]:
    ids = []
    with store.begin() as conn:
        upsert_sources(conn, [SourceRow("herald", "Herald", "https://herald.example/", "GB",
                                        ("en",), "private", False, True)])
        upsert_feeds(conn, "herald", ["https://herald.example/rss"], "rss")
        sid = conn.execute(stories.insert().values(
            headline="Quake", created_at=NOW, updated_at=NOW, n_articles=2, n_outlets=1,
            n_countries=1, n_languages=1, dirty=False)).inserted_primary_key[0]
        for i in range(2):
            aid = add_article(conn, NewArticle(f"https://herald.example/{i}", "herald",
                                               html=f"<p>page {i} ünïcødé</p>", published=NOW))
            mark_stage(conn, aid, "analysed", title=f"Karvash quake {i}",
                       text=f"Rescuers dug through rubble {i}.", story_id=sid)
            replace_sentences(conn, aid, [Sentence(0, 0, 10, "Rescuers d", 0)])
            ids.append(aid)
        save_vectors(conn, "m", [("h1", np.arange(4, dtype=np.float32))])
        save_analysis(conn, sid, 1, '{"take": {"sentences": []}}')
    return ids


def test_copy_sqlite_to_each_backend(tmp_path, store):
    source = Store(f"sqlite:///{tmp_path / 'src.db'}")
    source.upgrade()
    ids = _fill(source)
    counts = copy_database(source.engine, store.engine)
    assert counts["articles"] == 2 and counts["sources"] == 1 and counts["analyses"] == 1
    with source.connect() as a, store.connect() as b:
        for table in TABLES_IN_COPY_ORDER:
            count = select(func.count()).select_from(table)
            assert a.execute(count).scalar_one() == b.execute(count).scalar_one(), table.name
        for aid in ids:
            left, right = get_article(a, aid), get_article(b, aid)
            assert {k: v for k, v in left.items() if k not in {"published", "discovered_at",
                                                               "updated_at"}} == \
                   {k: v for k, v in right.items() if k not in {"published", "discovered_at",
                                                                "updated_at"}}
            assert raw_html(b, aid) == raw_html(a, aid)
        assert article_sentences(b, ids) == article_sentences(a, ids)
        assert np.array_equal(load_vectors(b, "m", ["h1"])["h1"], np.arange(4))
        assert get_analysis(b, 1) == get_analysis(a, 1)
        assert {r["id"] for r in search_articles(b, "rubble")} == set(ids)
    # counters continue after the copied ids
    with store.begin() as conn:
        new = add_article(conn, NewArticle("https://herald.example/new", "herald", text="n"))
    assert new is not None and new > max(ids)


def test_copy_refuses_a_non_empty_target(tmp_path, store):
    source = Store(f"sqlite:///{tmp_path / 'src.db'}")
    source.upgrade()
    _fill(source)
    _fill(store)
    with pytest.raises(CopyError, match="already holds rows"):
        copy_database(source.engine, store.engine)


def test_copy_refuses_an_unmigrated_target(tmp_path):
    source = Store(f"sqlite:///{tmp_path / 'a.db'}")
    source.upgrade()
    target = Store(f"sqlite:///{tmp_path / 'b.db'}")
    with pytest.raises(CopyError, match="db upgrade"):
        copy_database(source.engine, target.engine)
