"""The analysis stage: recompute the analysis of every story that received new articles."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

import numpy as np
from sqlalchemy import Connection

from rashomon.compare.analyse import ANALYSIS_VERSION, analyse_story
from rashomon.compare.export import web_shape
from rashomon.compare.story import StoryArticle, StorySentence
from rashomon.embed import CachedEmbedder, Embedder
from rashomon.pipeline.runner import MAX_ATTEMPTS, Failed
from rashomon.store.analyses import save_analysis, stories_of, story_inputs, waiting_members
from rashomon.store.articles import mark_stage


def to_story_article(row: dict[str, Any]) -> StoryArticle:
    """A stored article as the (pure) analysis sees it."""
    sents = tuple(StorySentence(s["idx"], s["start"], s["end"], s["text"], s["paragraph"],
                                s.get("text_en")) for s in row["sentences"])
    original = row.get("original_id")
    is_copy = bool(row["is_copy"]) and original is not None and original != row["id"]
    return StoryArticle(
        id=str(row["id"]), outlet=row["source_id"], country=row["country"],
        language=row["language"] or "", text=row["text"] or "", sentences=sents,
        title=row["title"] or "", title_en=row["title_en"], published=row["published"],
        is_copy=is_copy, origin=str(original) if is_copy else None)


# Articles one batch may take on beyond those it was given (other waiting members of its stories).
MAX_BATCH_ARTICLES = 1024


class AnalysisStage:
    """clustered → analysed. Work is per story: a batch takes every waiting article of the
    stories it touches, so a story that received many articles is analysed once, not once
    for every batch its articles happen to fall in."""

    name = "analysed"
    after = "clustered"

    def __init__(self, embedder: Embedder, max_articles: int = 40, max_sentences: int = 60):
        self.embed_model = CachedEmbedder(embedder)
        self.max_articles = max_articles
        self.max_sentences = max_sentences

    def _embed(self, texts: Sequence[str]) -> np.ndarray:
        return self.embed_model.embed(list(texts))

    def load(self, conn: Connection, ids: Sequence[int]) -> Any:
        story_ids = stories_of(conn, ids)
        waiting = waiting_members(conn, story_ids, self.after, MAX_ATTEMPTS,
                                  max(MAX_BATCH_ARTICLES - len(ids), 0))
        batch = list(dict.fromkeys([*ids, *waiting]))
        return batch, [(sid, story_inputs(conn, sid)) for sid in story_ids]

    def compute(self, items: Any) -> list[Any]:
        """(article id, story id, analysis JSON or None): each story's JSON rides on one row."""
        ids, story_rows = items
        results: list[Any] = []
        analysed: dict[int, tuple[int, str | None]] = {}
        for story_id, rows in story_rows:
            members = [r["id"] for r in rows if r["id"] in ids]
            try:
                analysis = analyse_story([to_story_article(r) for r in rows], self._embed,
                                         max_articles=self.max_articles,
                                         max_sentences=self.max_sentences)
            except Exception as exc:  # one bad story must not block the others
                results += [Failed(i, f"analysis of story {story_id}: {exc}") for i in members]
                continue
            data: str | None = json.dumps(web_shape(analysis), ensure_ascii=False,
                                          separators=(",", ":"))
            for i in members:
                analysed[i] = (story_id, data)
                data = None
        failed = {f.article_id for f in results}
        for i in ids:
            if i not in failed:
                story_id, data = analysed.get(i, (0, None))
                results.append((i, story_id, data))
        return results

    def save(self, conn: Connection, results: list[Any]) -> None:
        for article_id, story_id, data in results:
            if data is not None:
                save_analysis(conn, story_id, ANALYSIS_VERSION, data)
            mark_stage(conn, article_id, self.name)
