"""Online, incremental story clustering: each article joins a story or starts one as it arrives.

Candidates come from an HNSW index over the articles of the active window; the article joins
the candidate story with the best average-link score (embedding, terms, entities, time) when
it reaches the threshold. Every ``repair_every`` articles a repair pass merges stories that
grew towards each other and splits stories that hold two events. The same input order always
gives the same stories.
"""

from __future__ import annotations

import heapq
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace

import numpy as np

from rashomon.cluster.ann import VectorIndex
from rashomon.cluster.config import ClusterConfig
from rashomon.cluster.repair import find_split, plan_merges
from rashomon.cluster.scoring import Background, Scorer
from rashomon.cluster.state import ClusterItem, Doc, Story, make_doc
from rashomon.cluster.threads import ThreadBook
from rashomon.cluster.vectors import DocumentFrequencies


@dataclass
class ClusterEvents:
    """What a call changed, for the caller to persist."""

    assigned: dict[int, int] = field(default_factory=dict)  # new article id -> story key
    moved: dict[int, int] = field(default_factory=dict)  # article moved by a split -> story key
    merged: list[tuple[int, int]] = field(default_factory=list)  # (old key, survivor key)
    created: list[int] = field(default_factory=list)  # keys of stories started by this call
    touched: set[int] = field(default_factory=set)  # keys whose membership changed
    threads: dict[int, int] = field(default_factory=dict)  # story key -> its new thread key

    def extend(self, other: ClusterEvents) -> None:
        """Fold a later call's events into this one."""
        self.assigned.update(other.assigned)
        self.moved.update(other.moved)
        self.merged.extend(other.merged)
        self.created.extend(other.created)
        self.touched |= other.touched
        self.threads.update(other.threads)


def _unit(vector: np.ndarray) -> np.ndarray:
    v = np.asarray(vector, dtype=np.float64)
    norm = float(np.linalg.norm(v))
    return v / norm if norm else v


def _gap(doc: Doc, story: Story) -> float:
    """Seconds between an article and the nearest end of a story's coverage (0 if inside)."""
    if doc.time is None or story.first is None or story.last is None:
        return 0.0
    return max(doc.time - story.last, story.first - doc.time, 0.0)


class OnlineClusterer:
    """Stories of the active window and the index that finds candidates for new articles."""

    def __init__(self, dim: int, config: ClusterConfig | None = None):
        self.cfg = config or ClusterConfig()
        self.dim = dim
        self.docs: dict[int, Doc] = {}
        self.stories: dict[int, Story] = {}
        self.index = VectorIndex(dim)
        self.term_df = DocumentFrequencies()
        self.entity_df = DocumentFrequencies()
        self.background = Background(dim)
        self.threads = ThreadBook()
        self.now: float | None = None  # latest time seen (the window's right edge)
        self._born: dict[int, int] = {}  # story key -> creation order, for stable survivors
        self._next_key = -1  # provisional keys are negative until the caller renames them
        self._since_repair = 0
        self._repaired_at: float | None = None
        self._expiry: list[tuple[float, int]] = []  # (time, doc id) heap

    # -- adding articles ------------------------------------------------------------------

    def add(self, items: Iterable[ClusterItem]) -> ClusterEvents:
        """Cluster articles in the given order; a repair pass follows every ``repair_every``
        articles and the end of the call."""
        events = ClusterEvents()
        batch = [item for item in items if item.id not in self.docs]
        for item in batch:  # the whole batch informs the background before anyone is placed
            self.background.add(_unit(item.vector), item.features.lexical_space)
        for item in batch:
            if self._repair_due(item.time):
                events.extend(self.repair())
            key = self._assign(item, events)
            events.assigned[item.id] = key
            events.touched.add(key)
            self._since_repair += 1
            if self._since_repair >= self.cfg.repair_every:
                events.extend(self.repair())
        if self._since_repair:
            events.extend(self.repair())
        return events

    def _repair_due(self, t: float | None) -> bool:
        # Stories must be repaired while they are still active: also repair when the clock
        # has moved on by repair_hours, however few articles arrived meanwhile.
        if t is None or not self._since_repair:
            return False
        if self._repaired_at is None:
            self._repaired_at = t
        return t - self._repaired_at >= self.cfg.repair_hours * 3600

    def _assign(self, item: ClusterItem, events: ClusterEvents) -> int:
        if item.time is not None:
            self.now = item.time if self.now is None else max(self.now, item.time)
            self._expire()
        self.term_df.add(item.features.terms)
        self.entity_df.add(item.features.entities)
        doc = make_doc(item, self.term_df, self.entity_df)
        key = self._best_story(doc)
        if key is None:
            key = self._new_story()
            events.created.append(key)
        self._insert(doc, key)
        return key

    def _best_story(self, doc: Doc) -> int | None:
        best: tuple[float, int] | None = None
        scorer = Scorer(self.cfg, self.background.snapshot())
        for key in self._candidate_stories(doc.vector, doc.vector, scorer):
            story = self.stories[key]
            score = scorer.doc_story(doc, story)
            if score >= self.cfg.threshold and scorer.new_burst(score, _gap(doc, story), story):
                continue
            # Ties go to the older story so the result does not depend on hash order.
            rank = (score, -self._born[key])
            if score >= self.cfg.threshold and (best is None or rank > (best[0], -self._born[best[1]])):
                best = (score, key)
        return best[1] if best else None

    def _candidate_stories(self, direction: np.ndarray, mean: np.ndarray,
                           scorer: Scorer) -> list[int]:
        """Active stories of the nearest articles whose average embedding cosine with
        ``mean`` clears the candidate floor (a cheap test before the full score)."""
        keys: dict[int, None] = {}
        bg = min(scorer.same, scorer.cross)
        floor = bg + self.cfg.candidate_floor * (1.0 - bg)
        for doc_id, _ in self.index.query(direction, self.cfg.candidates):
            key = self.docs[doc_id].story
            if key in keys or key not in self.stories:
                continue
            story = self.stories[key]
            if self._active(story) and float(mean @ story.vec_sum) / story.size >= floor:
                keys[key] = None
        return list(keys)

    def _active(self, story: Story) -> bool:
        return story.last is None or self.now is None or story.last >= self.now - self.cfg.window

    def _new_story(self, key: int | None = None) -> int:
        if key is None:
            key = self._next_key
            self._next_key -= 1
        self.stories[key] = Story(key, self.dim)
        self._born[key] = len(self._born)
        return key

    def _insert(self, doc: Doc, key: int) -> None:
        doc.story = key
        self.docs[doc.id] = doc
        self.stories[key].add(doc)
        self.index.add(doc.id, doc.vector)
        if doc.time is not None:
            heapq.heappush(self._expiry, (doc.time, doc.id))

    # -- forgetting -----------------------------------------------------------------------

    def _expire(self) -> None:
        """Drop articles older than the window from the index; forget closed stories."""
        assert self.now is not None
        edge = self.now - self.cfg.window
        while self._expiry and self._expiry[0][0] < edge:
            _, doc_id = heapq.heappop(self._expiry)
            doc = self.docs.get(doc_id)
            if doc is None or doc_id not in self.index:
                continue
            self.index.remove(doc_id)
            self.term_df.remove(doc.raw_terms)
            self.entity_df.remove(doc.raw_entities)
            story = self.stories.get(doc.story)
            if story is not None and not self._active(story):
                self._close(story)

    def _close(self, story: Story) -> None:
        for doc_id in story.members:
            doc = self.docs.pop(doc_id, None)
            if doc is not None and doc_id in self.index:
                self.index.remove(doc_id)
                self.term_df.remove(doc.raw_terms)
                self.entity_df.remove(doc.raw_entities)
        del self.stories[story.key]
        self.threads.of.pop(story.key, None)

    # -- repair ---------------------------------------------------------------------------

    def repair(self) -> ClusterEvents:
        """Merge stories that belong together, then split those that hold two events."""
        events = ClusterEvents()
        self._since_repair = 0
        self._repaired_at = self.now
        scorer = Scorer(self.cfg, self.background.snapshot())
        cache: dict[int, list[int]] = {}

        def candidates(story: Story) -> list[int]:
            if story.key not in cache:
                mean = story.vec_sum / story.size
                cache[story.key] = self._candidate_stories(story.centroid(), mean, scorer)
            return cache[story.key]

        def older(a: int, b: int) -> int:
            return a if self._born[a] <= self._born[b] else b

        def apply(gone: int, survivor: int) -> None:
            self._merge(gone, survivor)
            cache.pop(gone, None)
            cache.pop(survivor, None)

        for gone, survivor in plan_merges(self.stories, candidates, scorer, older, apply):
            events.merged.append((gone, survivor))
            events.touched.add(survivor)
            events.threads.update(self.threads.follow_merge(gone, survivor))
        for key in sorted(k for k, s in self.stories.items() if s.changed):
            story = self.stories[key]
            # A story is split-tested again once it has grown (by a tenth when it is large).
            grown = story.checked_size + 1 + (story.checked_size // 10 if story.size > 50 else 0)
            if story.size >= max(self.cfg.min_split, grown):
                story.checked_size = story.size
                if self._split(key, scorer, events):
                    cache.pop(key, None)
        self._link_threads(candidates, events)
        for story in self.stories.values():
            story.changed = False
        return events

    def _link_threads(self, candidates: Callable[[Story], list[int]],
                      events: ClusterEvents) -> None:
        # A thread joins stories that would be one but for time, so the score leaves the
        # time penalty out; the new-burst rule is what kept them apart.
        scorer = Scorer(replace(self.cfg, time_decay_per_day=0.0), self.background.snapshot())
        for key in sorted(k for k, s in self.stories.items() if s.changed):
            story = self.stories[key]
            for other in candidates(story):
                if other == key or other not in self.stories:
                    continue
                thread = self.threads.of.get(key)
                if thread is not None and thread == self.threads.of.get(other):
                    continue
                if scorer.story_pair(story, self.stories[other]) >= self.cfg.thread_threshold:
                    events.threads.update(self.threads.link(key, other))

    def _merge(self, gone: int, survivor: int) -> None:
        story = self.stories.pop(gone)
        for doc_id in story.members:
            if doc_id in self.docs:
                self.docs[doc_id].story = survivor
        self.stories[survivor].absorb(story)

    def _split(self, key: int, scorer: Scorer, events: ClusterEvents) -> bool:
        story = self.stories[key]
        docs = [self.docs[i] for i in story.members if i in self.docs]
        parts = find_split(docs, scorer)
        if parts is None:
            return False
        _, leaving = parts  # the side holding the story's first article keeps the key
        new_key = self._new_story()
        events.created.append(new_key)
        for doc_id in leaving:
            doc = self.docs[doc_id]
            story.discard(doc)
            doc.story = new_key
            self.stories[new_key].add(doc)
            events.moved[doc_id] = new_key
        events.touched |= {key, new_key}
        events.threads.update(self.threads.link(key, new_key))  # two days of one topic
        return True

    # -- bookkeeping for callers ----------------------------------------------------------

    def restore(self, key: int, items: Sequence[ClusterItem]) -> None:
        """Put back a stored story and its articles (rebuilding state after a restart)."""
        if key not in self.stories:
            self._new_story(key)
        for item in items:
            if item.time is not None:
                self.now = item.time if self.now is None else max(self.now, item.time)
            self.term_df.add(item.features.terms)
            self.entity_df.add(item.features.entities)
            self.background.add(_unit(item.vector), item.features.lexical_space)
            self._insert(make_doc(item, self.term_df, self.entity_df), key)
        self.stories[key].changed = False

    def rename(self, old: int, new: int) -> None:
        """Give a story its permanent key (the database id)."""
        if old == new or old not in self.stories:
            return
        story = self.stories.pop(old)
        story.key = new
        self.stories[new] = story
        self._born[new] = self._born.pop(old)
        self.threads.rename_story(old, new)
        for doc_id in story.members:
            if doc_id in self.docs:
                self.docs[doc_id].story = new

    def rename_thread(self, old: int, new: int) -> None:
        """Give a thread its permanent key (the database id)."""
        self.threads.rename_thread(old, new)

    def restore_thread(self, story: int, thread: int) -> None:
        """Put back a stored story's thread (rebuilding state after a restart)."""
        self.threads.of[story] = thread

    def centrality(self, key: int) -> dict[int, float]:
        """Cosine of each in-memory member to its story's centroid (the representative is
        the highest)."""
        story = self.stories.get(key)
        if story is None:
            return {}
        centre = story.centroid()
        return {i: float(self.docs[i].vector @ centre) for i in story.members if i in self.docs}

    def story_of(self, doc_id: int) -> int | None:
        """The story key an article is in, while it is in memory."""
        doc = self.docs.get(doc_id)
        return doc.story if doc else None

    def labels(self) -> dict[int, int]:
        """Story key of every article in memory."""
        return {doc_id: doc.story for doc_id, doc in self.docs.items()}
