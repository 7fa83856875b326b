"""The syndication stage: find copies among recent articles and credit the original.

A MinHash LSH index over the articles of the window lives in memory; it is rebuilt from the
store on first use, so a restart loses nothing.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any

from datasketch import MinHash, MinHashLSH
from sqlalchemy import Connection

from rashomon.dedupe.groups import LSH_JACCARD, MIN_CONTAINMENT, containment
from rashomon.dedupe.shingles import NUM_PERM, signature
from rashomon.store.articles import as_utc, mark_stage, utcnow
from rashomon.store.syndication import join_group, recent_texts, syndication_inputs


class SyndicationStage:
    """embedded → syndicated."""

    name = "syndicated"
    after = "embedded"

    def __init__(self, window_days: int = 7):
        self.window = timedelta(days=window_days)
        self._lsh: MinHashLSH | None = None
        self._sigs: dict[int, tuple[MinHash, int, datetime | None]] = {}
        self._since: datetime | None = None  # the index holds stored articles from here on

    def _index(self, conn: Connection, items: list[dict[str, Any]]) -> None:
        # Index stored articles from the window before the oldest incoming one; a batch older
        # than anything loaded so far (an archive import) extends the window backwards.
        if self._lsh is None:
            self._lsh = MinHashLSH(threshold=LSH_JACCARD, num_perm=NUM_PERM)
        times = [t for t in (as_utc(i["published"]) for i in items) if t is not None]
        since = (min(times) if times else utcnow()) - self.window
        if self._since is not None and since >= self._since:
            return
        for article_id, text, published in recent_texts(conn, since, self._since):
            self._add(article_id, *signature(text), as_utc(published))
        self._since = since

    def _add(self, article_id: int, sig: MinHash, size: int,
             published: datetime | None) -> None:
        assert self._lsh is not None
        if article_id not in self._sigs and size:
            self._lsh.insert(str(article_id), sig)
            self._sigs[article_id] = (sig, size, published)

    def load(self, conn: Connection, ids: Sequence[int]) -> list[dict[str, Any]]:
        items = syndication_inputs(conn, ids)
        self._index(conn, items)
        return items

    def compute(self, items: list[dict[str, Any]]) -> list[tuple[int, int | None]]:
        out: list[tuple[int, int | None]] = []
        for item in items:
            sig, size = signature(item["text"] or "")
            published = as_utc(item["published"])
            out.append((item["id"], self._best_match(item["id"], sig, size, published)))
            self._add(item["id"], sig, size, published)
        return out

    def _best_match(self, article_id: int, sig: MinHash, size: int,
                    published: datetime | None) -> int | None:
        assert self._lsh is not None
        if not size:
            return None
        best, best_score = None, MIN_CONTAINMENT
        for key in sorted(self._lsh.query(sig), key=int):
            other = int(key)
            if other == article_id:
                continue
            other_sig, other_size, other_time = self._sigs[other]
            if published and other_time and abs(published - other_time) > self.window:
                continue
            score = containment(sig.jaccard(other_sig), size, other_size)
            if score > best_score or (best is None and score >= best_score):
                best, best_score = other, score
        return best

    def save(self, conn: Connection, results: list[Any]) -> None:
        for article_id, copy_of in results:
            if copy_of is not None:
                join_group(conn, article_id, copy_of)
            mark_stage(conn, article_id, self.name)
