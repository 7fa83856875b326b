"""The `ray` engine: per-article compute on Ray actors; the store and stateful stages in the driver.

The driver runs the same batches in the same order as the local engine, one transaction per
batch, and is the only process that talks to the store (SQLite or PostgreSQL). What moves to
the actors is the pure, CPU-heavy compute of the per-article stages. Each actor builds those
stages from the settings on first use, so every model loads once per actor:

- extraction: `extract_one` per article, in chunks spread over the actors; the per-outlet
  template is still learnt in the driver, batch after batch, as the local engine does;
- language identification and embeddings: a whole batch per actor, with one batch more in
  flight than there are actors, so the driver loads and saves while the actors compute. Whole
  batches matter for embeddings: batched inference pads a batch to its longest text, so a
  vector depends on its batch-mates in the last bits, and splitting a batch would change them.

Syndication, clustering and analysis keep in-memory state (an ANN index, story sums) and run
in the driver, unchanged. The result is exactly the local engine's.
"""

from __future__ import annotations

import os
import socket
import time
from collections import deque
from collections.abc import Callable, Sequence
from typing import Any

from sqlalchemy import Connection, func, select

from rashomon.embed import embedder_from_settings
from rashomon.pipeline.engine import EngineError, language_identifier
from rashomon.pipeline.enrich import EmbedStage, LanguageStage
from rashomon.pipeline.extract_stage import ExtractStage, RawItem, extract_one
from rashomon.pipeline.runner import (
    MAX_ATTEMPTS,
    Failed,
    Progress,
    RunReport,
    Stage,
    StageReport,
    run_stage,
)
from rashomon.settings import Settings
from rashomon.store import Store
from rashomon.store.articles import mark_error, pending
from rashomon.store.schema import articles

INSTALL_HINT = "the ray engine needs Ray: pip install 'rashomon[ray]'"
CHUNK = 4  # articles per extraction call on an actor, as the local process pool sends them

Compute = Callable[[list[Any]], list[Any]]


def _extract_items(settings: Settings) -> Compute:
    return lambda items: [extract_one(item) for item in items]


def _language(settings: Settings) -> Compute:
    return LanguageStage(language_identifier(settings)).compute


def _embed(settings: Settings) -> Compute:
    return EmbedStage(embedder_from_settings(settings)).compute


# Stage name → builds, inside an actor, the pure compute that runs there (models load there).
ACTOR_COMPUTE: dict[str, Callable[[Settings], Compute]] = {
    "extracted": _extract_items,
    "language": _language,
    "embedded": _embed,
}


class StageActor:
    """A Ray actor's state: the actor-side stages, each built on first use."""

    def __init__(self, values: dict[str, Any], origins: dict[str, str]):
        self.settings = Settings(values, origins)
        self._compute: dict[str, Compute] = {}

    def compute(self, stage: str, items: list[Any]) -> list[Any]:
        """Run one stage's pure compute over items."""
        if stage not in self._compute:
            self._compute[stage] = ACTOR_COMPUTE[stage](self.settings)
        return self._compute[stage](items)


def import_ray() -> Any:
    """The ray module, or EngineError saying how to install it."""
    try:
        import ray
    except ImportError as exc:
        raise EngineError(f"{INSTALL_HINT} ({exc})") from None
    return ray


class Cluster:
    """The connection to Ray and a pool of StageActors, made on first use.

    Nothing starts while nothing is pending, so a `process` with no work costs no Ray start.
    """

    def __init__(self, settings: Settings):
        self.settings = settings
        self.ray = import_ray()
        self._started = False
        self._actors: list[Any] = []
        self._pool: Any = None

    @property
    def size(self) -> int:
        self.pool()
        return len(self._actors)

    def pool(self) -> Any:
        """A ray.util.ActorPool over one StageActor per CPU (or per `workers`)."""
        if self._pool is None:
            from ray.util import ActorPool

            self._connect()
            cpus = int(self.ray.cluster_resources().get("CPU", 1))
            n = max(1, min(self.settings.workers or cpus, cpus))
            actor = self.ray.remote(num_cpus=1)(StageActor)
            values = {k: self.settings[k] for k in self.settings}
            self._actors = [actor.remote(values, dict(self.settings.origins)) for _ in range(n)]
            self._pool = ActorPool(self._actors)
        return self._pool

    def _connect(self) -> None:
        if self.ray.is_initialized():
            return  # the caller's Ray (a test, a notebook): use it, leave it running
        address = self.settings.ray_address
        if address:
            check_reachable(address)
        try:
            if address:
                self.ray.init(address=address, log_to_driver=False)
            else:  # "local" starts a new instance even when `ray start` left one running
                cpus = self.settings.workers or os.cpu_count() or 1
                self.ray.init(address="local", num_cpus=cpus, include_dashboard=False,
                              log_to_driver=False)
        except (ConnectionError, RuntimeError, ValueError) as exc:
            where = f"the Ray cluster at {address}" if address else "a local Ray instance"
            raise EngineError(f"cannot start or reach {where}: {exc}") from None
        self._started = True

    def gather(self, get: Callable[[], Any]) -> Any:
        """A result from the actors; a dead actor becomes an EngineError that says what happened."""
        from ray.exceptions import RayActorError

        try:
            return get()
        except RayActorError as exc:
            raise EngineError(f"a Ray worker died ({exc}); batches not yet saved are redone "
                              "on the next run") from None

    def close(self) -> None:
        for actor in self._actors:
            self.ray.kill(actor)
        self._actors, self._pool = [], None
        if self._started:
            self.ray.shutdown()
            self._started = False


def check_reachable(address: str, timeout: float = 10.0) -> None:
    """EngineError unless host:port answers: Ray itself retries an unreachable head for minutes."""
    hostport = address.removeprefix("ray://")
    host, _, port = hostport.rpartition(":")
    if address == "auto" or not host or not port.isdigit():
        return  # Ray resolves these itself
    try:
        socket.create_connection((host.strip("[]"), int(port)), timeout=timeout).close()
    except OSError as exc:
        raise EngineError(f"cannot reach the Ray cluster at {address}: {exc}; start it with "
                          "`ray start --head` there, or leave the address empty to run Ray "
                          "on this machine") from None


class ActorExtractStage(ExtractStage):
    """ExtractStage whose per-article extraction runs on the actors, in chunks, in order."""

    def __init__(self, cluster: Cluster, template_min_articles: int):
        super().__init__(workers=1, template_min_articles=template_min_articles)
        self.cluster = cluster

    def _map(self, items: list[RawItem]) -> Any:
        chunks = [items[i:i + CHUNK] for i in range(0, len(items), CHUNK)]
        pool = self.cluster.pool()
        done = pool.map(lambda a, chunk: a.compute.remote(self.name, chunk), chunks)
        return [r for chunk in self.cluster.gather(lambda: list(done)) for r in chunk]


class EmbedInFlight:
    """EmbedStage's load and save, aware of the vectors earlier in-flight batches are computing.

    The local engine saves a batch before it loads the next, so a text repeated in a later
    batch finds its vector stored and is not embedded again; with batches in flight it counts
    as known here, for the same result.
    """

    def __init__(self, stage: EmbedStage):
        self.stage = stage
        self.name = stage.name
        self.after = stage.after
        self._computing: set[str] = set()

    def load(self, conn: Connection, ids: Sequence[int]) -> list[Any]:
        items = [(d, k, known or k in self._computing) for d, k, known in self.stage.load(conn, ids)]
        self._computing.update(k for _, k, known in items if not known)
        return items

    def compute(self, items: list[Any]) -> list[Any]:
        return self.stage.compute(items)

    def save(self, conn: Connection, results: list[Any]) -> None:
        self.stage.save(conn, results)
        self._computing.difference_update(k for _, k, v in results if v is not None)


def _count_pending(store: Store, after: str) -> int:
    with store.connect() as conn:
        q = (select(func.count()).select_from(articles)
             .where(articles.c.stage == after, articles.c.attempts < MAX_ATTEMPTS))
        return int(conn.execute(q).scalar_one())


def run_in_flight(store: Store, stage: Stage, cluster: Cluster, batch_size: int = 64,
                  progress: Progress | None = None) -> StageReport:
    """Like runner.run_stage, with whole batches computed on the actors, several at a time.

    Batches are formed and saved in the same order as run_stage forms them, so the result is
    the same; a batch is saved in one transaction once its compute returns.
    """
    report = StageReport(stage.name)
    total = _count_pending(store, stage.after)
    start = time.monotonic()
    busy: set[int] = set()  # in flight, or failed this run (retried on a later run)
    flight: deque[list[int]] = deque()
    depth = 0
    while True:
        while not depth or len(flight) < depth:
            with store.connect() as conn:
                ids = [i for i in pending(conn, stage.after, limit=batch_size + len(busy),
                                          max_attempts=MAX_ATTEMPTS,
                                          by_time=getattr(stage, "by_time", False))
                       if i not in busy][:batch_size]
                if not ids:
                    break
                items = stage.load(conn, ids)
            depth = depth or cluster.size + 1
            cluster.pool().submit(lambda a, batch: a.compute.remote(stage.name, batch), items)
            flight.append(ids)
            busy.update(ids)
        if not flight:
            break
        flight.popleft()
        results = cluster.gather(cluster.pool().get_next)
        good = [r for r in results if not isinstance(r, Failed)]
        bad = [r for r in results if isinstance(r, Failed)]
        with store.begin() as conn:
            stage.save(conn, good)
            for f in bad:
                mark_error(conn, f.article_id, f"{stage.name}: {f.error}")
        report.done += len(good)
        report.failed += len(bad)
        report.errors.extend(f"article {f.article_id}: {f.error}" for f in bad[:20])
        if progress:
            progress(stage.name, report.done + report.failed, total)
    report.seconds = time.monotonic() - start
    return report


class RayEngine:
    """Per-article compute on Ray actors; loads, saves and stateful stages in this process."""

    def __init__(self) -> None:
        import_ray()  # fail at once, with the install hint, when Ray is missing

    def run(self, store: Store, stages: Sequence[Stage], settings: Settings,
            progress: Progress | None = None) -> RunReport:
        start = time.monotonic()
        report = RunReport()
        cluster = Cluster(settings)
        try:
            for stage in stages:
                report.stages.append(_run_one(store, stage, cluster, settings, progress))
        finally:
            cluster.close()
        report.seconds = time.monotonic() - start
        return report


def _run_one(store: Store, stage: Stage, cluster: Cluster, settings: Settings,
             progress: Progress | None) -> StageReport:
    batch = settings.batch_size
    if stage.name not in ACTOR_COMPUTE:
        return run_stage(store, stage, batch, progress)
    if isinstance(stage, ExtractStage):
        remote = ActorExtractStage(cluster, stage.template_min_articles)
        try:
            return run_stage(store, remote, batch, progress)
        finally:
            remote.close()
    if isinstance(stage, EmbedStage):
        return run_in_flight(store, EmbedInFlight(stage), cluster, batch, progress)
    if isinstance(stage, LanguageStage):
        return run_in_flight(store, stage, cluster, batch, progress)
    return run_stage(store, stage, batch, progress)  # a custom stage under a known name
