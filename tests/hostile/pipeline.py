"""Crawl the hostile site and process what it gave through every stage, as `rashomon up` would."""

from __future__ import annotations

import asyncio
import re
import zlib
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from sqlalchemy import select

from rashomon.embed import Kind, register
from rashomon.pipeline.crawl import CrawlSummary, crawl_loop
from rashomon.pipeline.engine import process
from rashomon.pipeline.runner import RunReport
from rashomon.settings import Settings
from rashomon.store import Store
from rashomon.store.schema import analyses, articles
from rashomon.store.sources import SourceRow, upsert_feeds, upsert_sources
from tests.fetch.adversarial import fast_settings
from tests.hostile.site import PWN, Site

SOURCE = "hostile-daily"


class HashEmbedder:
    """Bag of hashed words: instant, deterministic, and close texts land close (fast setting)."""

    model_id = "hostile-hash:v1"
    dim = 256

    def embed(self, texts: Sequence[str], kind: Kind = "passage") -> np.ndarray:
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for i, text in enumerate(texts):
            for word in re.findall(r"\w+", text.casefold()):
                out[i, zlib.crc32(word.encode()) % self.dim] += 1.0
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        return np.divide(out, norms, out=np.zeros_like(out), where=norms > 0)


def settings() -> Settings:
    """Loopback allowed, tiny timeouts, one extraction worker, the instant embedder."""
    register(HashEmbedder.model_id)(HashEmbedder)
    return fast_settings(workers=1, read_timeout=2.0, total_timeout=10.0,
                         embedder=HashEmbedder.model_id)


@dataclass
class Processed:
    """What the crawl stored and the pipeline made of it."""

    crawl: CrawlSummary
    run: RunReport
    articles: list[int]
    stories: list[int]


def crawl_and_process(store: Store, site: Site) -> Processed:
    """Register the hostile outlet, crawl its feed once, run every stage over the result."""
    with store.begin() as conn:
        upsert_sources(conn, [SourceRow(SOURCE, f"<script>{PWN}</script>Hostile Daily",
                                        f"javascript:{PWN}", "GB", ("en",), "private", False,
                                        True)])
        upsert_feeds(conn, SOURCE, [site.feed_url], "rss")
    s = settings()
    summary = asyncio.run(crawl_loop(store, s, None, once=True, stop=asyncio.Event()))
    report = process(store, s)
    with store.connect() as conn:
        ids = [int(i) for i in conn.execute(select(articles.c.id).order_by(articles.c.id))
               .scalars()]
        stories = sorted({int(i) for i in conn.execute(
            select(articles.c.story_id).where(articles.c.story_id.is_not(None))).scalars()})
        analysed = {int(i) for i in conn.execute(select(analyses.c.story_id)).scalars()}
    assert stories and set(stories) <= analysed, (stories, analysed, report)
    return Processed(summary, report, ids, stories)
