"""The clustering stage: articles join stories online; merges redirect, splits move articles.

The clusterer's state (stories of the active window, the ANN index) lives in memory and is
rebuilt from the store on first use, so a restart continues where the last run stopped.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any

import numpy as np
from sqlalchemy import Connection, select

from rashomon.cluster.config import ClusterConfig
from rashomon.cluster.features import article_features
from rashomon.cluster.online import ClusterEvents, OnlineClusterer
from rashomon.cluster.state import ClusterItem
from rashomon.store.articles import as_utc, mark_stage, utcnow
from rashomon.store.schema import articles
from rashomon.store.stories import (
    active_members,
    assign,
    create_story,
    merge_stories,
    refresh_story,
)
from rashomon.store.vectors import load_vectors

_COLUMNS = (articles.c.id, articles.c.title, articles.c.title_en, articles.c.lead_en,
            articles.c.text, articles.c.language, articles.c.published, articles.c.embed_hash)


def to_item(row: Any, vector: np.ndarray, lead_chars: int) -> ClusterItem:
    """A stored article as the clusterer sees it."""
    when = as_utc(row.published)
    feats = article_features(row.title, row.text, row.language, row.title_en, row.lead_en,
                             lead_chars)
    return ClusterItem(int(row.id), vector, feats, when.timestamp() if when else None)


class ClusterStage:
    """syndicated → clustered."""

    name = "clustered"
    after = "syndicated"
    by_time = True  # the clusterer's window slides with publication time

    def __init__(self, model_id: str, config: ClusterConfig | None = None):
        self.model_id = model_id
        self.cfg = config or ClusterConfig()
        self._clusterer: OnlineClusterer | None = None
        self._pending: ClusterEvents | None = None

    def _items(self, conn: Connection, ids: Sequence[int]) -> list[ClusterItem]:
        rows = list(conn.execute(select(*_COLUMNS).where(articles.c.id.in_(list(ids)))))
        rows.sort(key=lambda r: (as_utc(r.published) is None, as_utc(r.published) or 0, r.id))
        vectors = load_vectors(conn, self.model_id, [r.embed_hash for r in rows if r.embed_hash])
        missing = [r.id for r in rows if r.embed_hash not in vectors]
        if missing:
            raise RuntimeError(f"articles {missing[:5]} have no {self.model_id} vector: run "
                               "`rashomon reprocess --stage embedded`")
        return [to_item(r, vectors[r.embed_hash], self.cfg.lead_chars) for r in rows]

    def _restore(self, conn: Connection, items: list[ClusterItem]) -> OnlineClusterer:
        dim = int(items[0].vector.shape[0])
        clusterer = OnlineClusterer(dim, self.cfg)
        times = [i.time for i in items if i.time is not None]
        latest = datetime.fromtimestamp(max(times), tz=utcnow().tzinfo) if times else utcnow()
        since = latest - timedelta(days=self.cfg.window_days)
        for story_id, member_ids in sorted(active_members(conn, since).items()):
            clusterer.restore(story_id, self._items(conn, member_ids))
        return clusterer

    def load(self, conn: Connection, ids: Sequence[int]) -> list[ClusterItem]:
        items = self._items(conn, ids)
        if self._clusterer is None and items:
            self._clusterer = self._restore(conn, items)
        return items

    def compute(self, items: list[ClusterItem]) -> list[Any]:
        if not items:
            return []
        assert self._clusterer is not None
        self._pending = self._clusterer.add(items)
        return [item.id for item in items]

    def save(self, conn: Connection, results: list[Any]) -> None:
        events, clusterer = self._pending, self._clusterer
        if events is None or clusterer is None:
            return
        merged_into = dict(events.merged)
        ids: dict[int, int] = {}  # provisional (negative) key → story id

        def final(key: int) -> int:
            """Follow merges, then give a provisional story its database id."""
            for _ in range(len(merged_into) + 1):
                if key not in merged_into:
                    break
                key = merged_into[key]
            if key >= 0:
                return key
            if key not in ids:
                ids[key] = create_story(conn)
                clusterer.rename(key, ids[key])  # no-op when the story already left memory
            return ids[key]

        for gone in sorted(g for g in merged_into if g >= 0):
            merge_stories(conn, gone, final(gone))
        homes: dict[int, int] = {**events.assigned, **events.moved}
        by_story: dict[int, list[int]] = {}
        for article_id, key in homes.items():
            by_story.setdefault(final(key), []).append(article_id)
        for story_id, article_ids in by_story.items():
            assign(conn, article_ids, story_id)
        touched = set(by_story) | {final(k) for k in events.touched}
        for story_id in sorted(touched):
            refresh_story(conn, story_id)
        for article_id in results:
            mark_stage(conn, article_id, self.name)
        self._pending = None
