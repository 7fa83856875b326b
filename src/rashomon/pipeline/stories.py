"""The story stages: syndication (copies under their original) and online clustering.

SyndicationStage lives in syndication_stage.py and is re-exported here. ClusterStage keeps the
clusterer (stories of the active window, the ANN index, threads) in memory and rebuilds it
from the store on first use, so a restart continues where the last run stopped. Syndicated
copies are not clustered themselves: they follow their original's story, so a wire story
reprinted by ten outlets weighs as one article in the story's centre.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

import numpy as np
from sqlalchemy import Connection, select

from rashomon.cluster.config import ClusterConfig
from rashomon.cluster.features import article_features
from rashomon.cluster.online import ClusterEvents, OnlineClusterer
from rashomon.cluster.state import ClusterItem
from rashomon.pipeline.syndication_stage import SyndicationStage
from rashomon.store.articles import as_utc, mark_stage, utcnow
from rashomon.store.schema import articles
from rashomon.store.stories import (
    active_members,
    assign,
    create_story,
    create_thread,
    merge_stories,
    refresh_story,
    refresh_thread,
    set_thread,
    story_threads,
)
from rashomon.store.vectors import load_vectors

__all__ = ["ClusterStage", "StoryInput", "SyndicationStage", "to_item"]

_COLUMNS = (articles.c.id, articles.c.title, articles.c.title_en, articles.c.lead_en,
            articles.c.text, articles.c.language, articles.c.published, articles.c.embed_hash,
            articles.c.is_copy, articles.c.syndication_group_id)


def to_item(row: Any, vector: np.ndarray, lead_chars: int) -> ClusterItem:
    """A stored article as the clusterer sees it."""
    when = as_utc(row.published)
    feats = article_features(row.title, row.text, row.language, row.title_en, row.lead_en,
                             lead_chars)
    return ClusterItem(int(row.id), vector, feats, when.timestamp() if when else None)


@dataclass
class StoryInput:
    """One batch: articles to cluster, and copies with the story their original is in."""

    items: list[ClusterItem] = field(default_factory=list)
    copies: dict[int, int] = field(default_factory=dict)  # copy id -> story id


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
        self._copies: dict[int, int] = {}

    # -- load -----------------------------------------------------------------------------

    def _rows(self, conn: Connection, ids: Sequence[int]) -> list[Any]:
        rows = list(conn.execute(select(*_COLUMNS).where(articles.c.id.in_(list(ids)))))
        rows.sort(key=lambda r: (as_utc(r.published) is None, as_utc(r.published) or 0, r.id))
        return rows

    def _items(self, conn: Connection, rows: Sequence[Any]) -> list[ClusterItem]:
        vectors = load_vectors(conn, self.model_id, [r.embed_hash for r in rows if r.embed_hash])
        missing = [r.id for r in rows if r.embed_hash not in vectors]
        if missing:
            raise RuntimeError(f"articles {missing[:5]} have no {self.model_id} vector: run "
                               "`rashomon reprocess --stage embedded`")
        return [to_item(r, vectors[r.embed_hash], self.cfg.lead_chars) for r in rows]

    def _restore(self, conn: Connection, items: list[ClusterItem]) -> OnlineClusterer:
        clusterer = OnlineClusterer(int(items[0].vector.shape[0]), self.cfg)
        times = [i.time for i in items if i.time is not None]
        latest = datetime.fromtimestamp(max(times), tz=utcnow().tzinfo) if times else utcnow()
        members = active_members(conn, latest - timedelta(days=self.cfg.window_days))
        for story_id, member_ids in sorted(members.items()):
            rows = [r for r in self._rows(conn, member_ids) if not r.is_copy]
            if rows:
                clusterer.restore(story_id, self._items(conn, rows))
        for story_id, thread_id in story_threads(conn, members).items():
            clusterer.restore_thread(story_id, thread_id)
        return clusterer

    def load(self, conn: Connection, ids: Sequence[int]) -> StoryInput:
        rows = self._rows(conn, ids)
        homes = _group_homes(conn, {r.syndication_group_id for r in rows if r.is_copy})
        copies = {int(r.id): homes[r.syndication_group_id] for r in rows
                  if r.is_copy and r.syndication_group_id in homes}
        # A copy whose group has no story yet stands in for it and is clustered itself.
        batch = StoryInput(self._items(conn, [r for r in rows if int(r.id) not in copies]),
                           copies)
        if self._clusterer is None and batch.items:
            self._clusterer = self._restore(conn, batch.items)
        return batch

    # -- compute --------------------------------------------------------------------------

    def compute(self, batch: StoryInput) -> list[Any]:
        """Cluster the originals (the only non-pure part is the clusterer's own state)."""
        if batch.items:
            assert self._clusterer is not None
            self._pending = self._clusterer.add(batch.items)
        self._copies = dict(batch.copies)
        return [item.id for item in batch.items] + list(batch.copies)

    # -- save -----------------------------------------------------------------------------

    def save(self, conn: Connection, results: list[Any]) -> None:
        try:
            self._save(conn, results)
        except Exception:
            # The transaction rolls back; the in-memory state no longer matches the store.
            self._clusterer = None
            self._pending = None
            raise

    def _save(self, conn: Connection, results: list[Any]) -> None:
        events, clusterer = self._pending, self._clusterer
        self._pending = None
        touched: set[int] = set()
        merged: dict[int, int] = {}
        if events is not None and clusterer is not None:
            touched = _apply_events(conn, events, clusterer)
            merged = {gone: survivor for gone, survivor in events.merged if gone >= 0}
        touched |= _place_copies(conn, self._copies, merged)
        self._copies = {}
        for story_id in sorted(touched):
            centrality = clusterer.centrality(story_id) if clusterer else {}
            centroid = (clusterer.stories[story_id].centroid().astype("<f4").tobytes()
                        if clusterer and story_id in clusterer.stories else None)
            refresh_story(conn, story_id, centrality or None, centroid)
        for article_id in results:
            mark_stage(conn, article_id, self.name)


def _apply_events(conn: Connection, events: ClusterEvents,
                  clusterer: OnlineClusterer) -> set[int]:
    """Write merges, assignments and threads; returns the story ids to refresh."""
    merged_into = dict(events.merged)
    ids: dict[int, int] = {}  # provisional (negative) key -> story id

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
            clusterer.rename(key, ids[key])  # a no-op when the story already left memory
        return ids[key]

    for gone in sorted(g for g in merged_into if g >= 0):
        merge_stories(conn, gone, final(gone))
    by_story: dict[int, list[int]] = {}
    for article_id, key in {**events.assigned, **events.moved}.items():
        by_story.setdefault(final(key), []).append(article_id)
    for story_id, article_ids in by_story.items():
        assign(conn, article_ids, story_id)
    touched = set(by_story) | {final(k) for k in events.touched}
    _save_threads(conn, events, clusterer, final)
    return touched


def _save_threads(conn: Connection, events: ClusterEvents, clusterer: OnlineClusterer,
                  final: Any) -> None:
    thread_ids: dict[int, int] = {}
    changed: set[int] = set()
    for story_key, thread_key in sorted(events.threads.items()):
        if thread_key < 0 and thread_key not in thread_ids:
            thread_ids[thread_key] = create_thread(conn)
            clusterer.rename_thread(thread_key, thread_ids[thread_key])
        thread_id = thread_ids.get(thread_key, thread_key)
        set_thread(conn, [final(story_key)], thread_id)
        changed.add(thread_id)
    for thread_id in sorted(changed):
        refresh_thread(conn, thread_id)


def _group_homes(conn: Connection, group_ids: set[int | None]) -> dict[int, int]:
    """Syndication group id -> the story its original (else any clustered member) is in."""
    wanted = [g for g in group_ids if g is not None]
    if not wanted:
        return {}
    q = (select(articles.c.syndication_group_id, articles.c.story_id)
         .where(articles.c.syndication_group_id.in_(wanted), articles.c.story_id.is_not(None))
         .order_by(articles.c.is_copy, articles.c.id))  # the original's story first
    homes: dict[int, int] = {}
    for group_id, story_id in conn.execute(q):
        homes.setdefault(int(group_id), int(story_id))
    return homes


def _place_copies(conn: Connection, copies: dict[int, int],
                  merged: dict[int, int]) -> set[int]:
    """Put copies in their original's story (following merges made in this batch)."""
    by_story: dict[int, list[int]] = {}
    for article_id, story_id in copies.items():
        for _ in range(len(merged) + 1):
            story_id = merged.get(story_id, story_id)
        by_story.setdefault(story_id, []).append(article_id)
    for story_id, article_ids in by_story.items():
        assign(conn, article_ids, story_id)
    return set(by_story)
