"""Translate and embed stages on both databases, with a LibreTranslate server on 127.0.0.1."""

from __future__ import annotations

import numpy as np
import pytest
from sqlalchemy import func, select

from rashomon.embed import get_embedder
from rashomon.language.translate import REGISTRY
from rashomon.pipeline.enrich import EmbedStage, TranslateStage
from rashomon.pipeline.runner import run_stage
from rashomon.store.articles import NewArticle, add_article, get_article, mark_stage
from rashomon.store.schema import embeddings, translations
from rashomon.store.sources import SourceRow, upsert_sources

ARTICLES = [
    ("en", "Quake hits Karvash", "Rescuers searched the rubble overnight."),
    ("de", "Erdbeben in Karvash", "Retter suchten die ganze Nacht."),
    ("fr", "Séisme à Karvash", "Les secours ont cherché toute la nuit."),
]
FAKE_EN = {"Erdbeben in Karvash": "Earthquake in Karvash",
           "Retter suchten die ganze Nacht.": "Rescuers searched all night."}


@pytest.fixture
def at_language(store):
    ids = []
    with store.begin() as conn:
        upsert_sources(conn, [SourceRow("s", "S", "https://s.example/", "GB", ("en",),
                                        "private", False, True)])
        for i, (lang, title, lead) in enumerate(ARTICLES):
            aid = add_article(conn, NewArticle(f"https://s.example/{i}", "s", text=lead))
            mark_stage(conn, aid, "language", title=title, text=lead + "\n\nMore text.",
                       language=lang)
            ids.append(aid)
    return store, ids


def _libre(json_server, fail_for=()):
    def handler(method, path, body, headers):
        if body["source"] in fail_for:
            return 500, {"error": "model crashed"}, {}
        return 200, {"translatedText": [FAKE_EN.get(t, t) for t in body["q"]]}, {}

    json_server.route("POST", "/translate", handler)
    return REGISTRY.create("libretranslate", url=json_server.base, max_retries=0)


def test_translate_stage_translates_and_caches(at_language, json_server):
    store, (en, de, fr) = at_language
    report = run_stage(store, TranslateStage(_libre(json_server, fail_for={"fr"})))
    assert report.done == 3 and report.failed == 0
    with store.connect() as conn:
        assert get_article(conn, en)["title_en"] == "Quake hits Karvash"
        got = get_article(conn, de)
        assert (got["title_en"], got["lead_en"]) == ("Earthquake in Karvash",
                                                     "Rescuers searched all night.")
        # the French backend failed: the article moved on untranslated, nothing lost
        assert get_article(conn, fr)["stage"] == "translated"
        assert get_article(conn, fr)["title_en"] is None
        assert conn.execute(select(func.count()).select_from(translations)).scalar_one() == 2
    requests_before = len(json_server.requests)
    # a second article with the same German title is served from the cache
    with store.begin() as conn:
        aid = add_article(conn, NewArticle("https://s.example/x", "s", text="x"))
        mark_stage(conn, aid, "language", title="Erdbeben in Karvash",
                   text="Retter suchten die ganze Nacht.", language="de")
    run_stage(store, TranslateStage(_libre(json_server)))
    assert len(json_server.requests) == requests_before
    with store.connect() as conn:
        assert get_article(conn, aid)["title_en"] == "Earthquake in Karvash"


def test_none_translator_keeps_originals(at_language):
    store, (en, de, _) = at_language
    run_stage(store, TranslateStage(REGISTRY.create("none")))
    with store.connect() as conn:
        assert get_article(conn, en)["title_en"] == "Quake hits Karvash"
        assert get_article(conn, de)["title_en"] is None
        assert get_article(conn, de)["title"] == "Erdbeben in Karvash"


def test_embed_stage_stores_vectors_once(at_language):
    store, ids = at_language
    run_stage(store, TranslateStage(REGISTRY.create("none")))
    embedder = get_embedder("default")
    report = run_stage(store, EmbedStage(embedder))
    assert report.done == 3
    with store.connect() as conn:
        rows = conn.execute(select(embeddings.c.model_id, embeddings.c.dim,
                                   embeddings.c.vector)).all()
        hashes = {get_article(conn, i)["embed_hash"] for i in ids}
    assert len(rows) == 3 and None not in hashes
    for model_id, dim, blob in rows:
        vec = np.frombuffer(blob, dtype="<f4")
        assert model_id == embedder.model_id and vec.shape == (dim,)
        assert abs(float(np.linalg.norm(vec)) - 1.0) < 1e-3
