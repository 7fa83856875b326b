"""Fuzz full-text search on SQLite (FTS5) and PostgreSQL (tsquery): no query is code.

Every query string a visitor can type must come back as results or nothing: never an error
(which the web turns into a 500), never a change to the data.
"""

from __future__ import annotations

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from rashomon.store import Store
from rashomon.store.articles import NewArticle, add_article, mark_stage
from rashomon.store.schema import articles, sources
from rashomon.store.search import search_articles
from rashomon.store.sources import SourceRow, upsert_sources
from tests.fuzz.harness import PROFILE, SCALE, hard_limit
from tests.fuzz.strategies import any_text

SYNTAX = ['"', "'", "*", "^", "-", "+", ":", "(", ")", "NEAR", "NEAR/2", "AND", "OR", "NOT",
          "&", "|", "!", "<->", "<2>", ":*", "\\", ";", "--", "/*", "*/", "%", "_", "\x00",
          "title:", "article_fts", "DROP TABLE articles", "' OR 1=1 --", "$$", "E'\\x00'",
          "Karvash", "rubble", "séisme", "地震", "Землетрясение", " "]
queries = st.one_of(st.lists(st.sampled_from(SYNTAX), max_size=10).map("".join),
                    st.lists(st.sampled_from(SYNTAX), max_size=10).map(" ".join), any_text)
TEXTS = [("Quake hits Karvash", "Rescuers searched the rubble in Karvash overnight."),
         ("Séisme à Karvash", "Les secours ont fouillé les décombres toute la nuit."),
         ("地震", "救援人员连夜搜寻。"), ("Землетрясение", "Спасатели искали всю ночь.")]


def _load(store: Store) -> int:
    with store.begin() as conn:
        upsert_sources(conn, [SourceRow("s", "S", "https://s.example/", "GB", ("en",),
                                        "private", False, True)])
        for i, (title, text) in enumerate(TEXTS):
            aid = add_article(conn, NewArticle(f"https://s.example/{i}", "s", text=text,
                                               title=title))
            assert aid is not None
            mark_stage(conn, aid, "extracted", title=title, text=text)
    return len(TEXTS)


def test_search_never_fails_and_never_writes(store: Store) -> None:
    n = _load(store)

    @settings(max_examples=150 * SCALE[PROFILE], deadline=None, database=None,
              suppress_health_check=list(HealthCheck))
    @given(queries, st.integers(1, 50), st.integers(0, 10))
    @example('Karvash" OR "x', 20, 0)
    @example("Karvash' ; DROP TABLE articles; --", 20, 0)
    @example("a\x00b", 20, 0)
    @example("_ & !", 20, 0)
    def run(query: str, limit: int, offset: int) -> None:
        with hard_limit(10, "search"), store.connect() as conn:
            rows = search_articles(conn, query, limit, offset)
        assert len(rows) <= limit
        assert all(isinstance(r["id"], int) for r in rows)

    run()
    with store.connect() as conn:
        assert conn.execute(select(func.count()).select_from(articles)).scalar() == n
        assert conn.execute(select(func.count()).select_from(sources)).scalar() == 1
        found = search_articles(conn, "Karvash")
        assert {r["title"] for r in found} == {"Quake hits Karvash", "Séisme à Karvash"}
