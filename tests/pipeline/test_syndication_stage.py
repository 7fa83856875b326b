"""Syndication on the corpus: every gold copy lands in its original's group, on both databases."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import select

from rashomon.demo import corpus_outlets
from rashomon.fetch.jsonl import read_jsonl
from rashomon.language.translate import REGISTRY
from rashomon.pipeline.enrich import LanguageStage, TranslateStage
from rashomon.pipeline.extract_stage import ExtractStage
from rashomon.pipeline.ingest import import_documents
from rashomon.pipeline.runner import run_stage
from rashomon.pipeline.sources import register_outlets
from rashomon.pipeline.syndication_stage import SyndicationStage
from rashomon.store.articles import mark_stage
from rashomon.store.schema import articles, syndication_groups

CORPUS = Path(__file__).resolve().parents[1] / "corpus"
EVENTS = {"quake-karvash", "port-strike", "spill-day3", "lunar-probe", "prisoner-exchange"}


@pytest.fixture
def gold():
    return json.loads((CORPUS / "gold.json").read_text(encoding="utf-8"))


def test_copies_grouped_under_their_original(store, gold, tmp_path):
    chosen = {g["url_path"] for g in gold["articles"].values() if g["event"] in EVENTS}
    subset = tmp_path / "subset.jsonl"
    with subset.open("w", encoding="utf-8") as fh:
        for line in (CORPUS / "corpus.jsonl").read_text(encoding="utf-8").splitlines():
            if "/" + json.loads(line)["url"].split("/", 3)[3] in chosen:
                fh.write(line + "\n")
    register_outlets(store, corpus_outlets(CORPUS))
    import_documents(store, read_jsonl(subset))
    for stage in (ExtractStage(), LanguageStage(), TranslateStage(REGISTRY.create("none"))):
        run_stage(store, stage)
    with store.begin() as conn:  # embeddings play no part in syndication
        for (aid,) in conn.execute(select(articles.c.id)):
            mark_stage(conn, aid, "embedded")
    assert run_stage(store, SyndicationStage()).done == len(chosen)

    with store.connect() as conn:
        rows = conn.execute(select(articles.c.id, articles.c.url, articles.c.is_copy,
                                   syndication_groups.c.original_article_id)
                            .outerjoin(syndication_groups, syndication_groups.c.id
                                       == articles.c.syndication_group_id)).all()
    by_path = {"/" + r.url.split("/", 3)[3]: r for r in rows}
    expected_copies = 0
    for gid, g in gold["articles"].items():
        if g["event"] not in EVENTS:
            continue
        row = by_path[g["url_path"]]
        if g["origin"]:
            expected_copies += 1
            original = by_path[gold["articles"][g["origin"]]["url_path"]]
            assert row.is_copy and row.original_article_id == original.id, gid
        else:
            assert not row.is_copy, gid
    assert expected_copies >= 8
