"""Run pipeline stages over batches: resumable, one transaction per batch, errors recorded.

Each stage reads the articles sitting at its input stage, computes results with pure stage
code (possibly in worker processes), and writes results plus the new stage in one
transaction. A kill at any point loses at most the uncommitted batch, which is redone on the
next run: nothing is half-written.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from sqlalchemy import Connection

from rashomon.store import Store
from rashomon.store.articles import mark_error, pending

MAX_ATTEMPTS = 3


class Failed:
    """A per-article failure returned by compute instead of a result."""

    def __init__(self, article_id: int, error: str):
        self.article_id = article_id
        self.error = error


class Stage(Protocol):
    """A pipeline stage: load inputs, compute (pure), save results."""

    name: str  # the stage an article reaches when this one is done
    after: str  # the stage an article must be at to enter

    def load(self, conn: Connection, ids: Sequence[int]) -> Any: ...  # a batch, as compute takes it

    def compute(self, items: Any) -> list[Any]: ...  # one result (or Failed) per article

    def save(self, conn: Connection, results: list[Any]) -> None: ...


@dataclass
class StageReport:
    """What one stage did in a run."""

    name: str
    done: int = 0
    failed: int = 0
    seconds: float = 0.0
    errors: list[str] = field(default_factory=list)


@dataclass
class RunReport:
    """What a whole run did."""

    stages: list[StageReport] = field(default_factory=list)
    seconds: float = 0.0

    def line(self) -> str:
        parts = ", ".join(f"{s.name} {s.done}" + (f" ({s.failed} failed)" if s.failed else "")
                          for s in self.stages)
        return f"processed: {parts or 'nothing pending'} in {self.seconds:.1f}s"


Progress = Callable[[str, int, int], None]  # (stage, done so far, total pending at start)


def _count_pending(store: Store, stage: Stage) -> int:
    from sqlalchemy import func, select

    from rashomon.store.schema import articles

    with store.connect() as conn:
        q = (select(func.count()).select_from(articles)
             .where(articles.c.stage == stage.after, articles.c.attempts < MAX_ATTEMPTS))
        return int(conn.execute(q).scalar_one())


def run_stage(store: Store, stage: Stage, batch_size: int = 64,
              progress: Progress | None = None) -> StageReport:
    """Run one stage until nothing is pending for it."""
    report = StageReport(stage.name)
    total = _count_pending(store, stage)
    start = time.monotonic()
    skip: set[int] = set()  # failed this run; retried on a later run
    while True:
        with store.connect() as conn:
            ids = [i for i in pending(conn, stage.after, limit=batch_size + len(skip),
                                      max_attempts=MAX_ATTEMPTS,
                                      by_time=getattr(stage, "by_time", False))
                   if i not in skip][:batch_size]
            if not ids:
                break
            items = stage.load(conn, ids)
        results = stage.compute(items)
        good = [r for r in results if not isinstance(r, Failed)]
        bad = [r for r in results if isinstance(r, Failed)]
        with store.begin() as conn:
            stage.save(conn, good)
            for f in bad:
                mark_error(conn, f.article_id, f"{stage.name}: {f.error}")
        skip.update(f.article_id for f in bad)
        report.done += len(good)
        report.failed += len(bad)
        report.errors.extend(f"article {f.article_id}: {f.error}" for f in bad[:20])
        if progress:
            progress(stage.name, report.done + report.failed, total)
    report.seconds = time.monotonic() - start
    return report


def run_pipeline(store: Store, stages: Sequence[Stage], batch_size: int = 64,
                 progress: Progress | None = None) -> RunReport:
    """Run every stage in order over everything pending."""
    start = time.monotonic()
    run = RunReport()
    for stage in stages:
        run.stages.append(run_stage(store, stage, batch_size, progress))
    run.seconds = time.monotonic() - start
    return run
