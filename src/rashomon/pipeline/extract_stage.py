"""The extraction stage: raw page or text → clean text, metadata, sentences, origin.

Extraction is CPU-bound, so the local engine runs it in worker processes; the per-outlet
template (lines recurring across an outlet's articles) is learnt here from the batch plus the
outlet's recent history, then removed from each article.
"""

from __future__ import annotations

import json
import multiprocessing
from collections import defaultdict, deque
from collections.abc import Sequence
from concurrent.futures import Executor, ProcessPoolExecutor
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, select

from rashomon.extract.cleanup import clean_text, learn_template, remove_template
from rashomon.extract.html import extract_html
from rashomon.extract.origin import origin_index, resolve_origin
from rashomon.extract.sentences import split_sentences
from rashomon.models import ExtractedArticle, Sentence
from rashomon.pipeline.runner import Failed
from rashomon.store.articles import mark_stage, raw_html
from rashomon.store.schema import articles, sources
from rashomon.store.sentences import replace_sentences

HISTORY = 40  # recent articles per outlet remembered for template learning


@dataclass
class RawItem:
    """An article's stored input."""

    id: int
    source_id: str
    url: str
    html: str | None
    text: str | None
    title: str | None


@dataclass
class Extracted:
    """Extraction output of one article."""

    id: int
    source_id: str
    article: ExtractedArticle
    sentences: list[Sentence]


def extract_one(item: RawItem) -> Extracted | Failed:
    """Pure: extract one article (runs in a worker process)."""
    try:
        if item.html is not None:
            art = extract_html(item.html, item.url)
            if item.title and not art.title:
                art.title = item.title
        else:
            art = clean_text(item.text or "", title=item.title, url=item.url)
    except Exception as exc:  # a parser bug must not stop the batch
        return Failed(item.id, f"{type(exc).__name__}: {exc}")
    if not art.text.strip():
        return Failed(item.id, "no article text found")
    return Extracted(item.id, item.source_id, art, [])


def _with_sentences(ex: Extracted) -> Extracted:
    ex.sentences = split_sentences(ex.article.text)
    return ex


class ExtractStage:
    """fetched → extracted."""

    name = "extracted"
    after = "fetched"

    def __init__(self, workers: int = 1, template_min_articles: int = 3):
        self.workers = workers
        self.template_min_articles = template_min_articles
        self._pool: Executor | None = None
        self._history: dict[str, deque[list[str]]] = defaultdict(lambda: deque(maxlen=HISTORY))
        self._origins: dict[str, str] | None = None

    def load(self, conn: Connection, ids: Sequence[int]) -> list[RawItem]:
        if self._origins is None:
            rows = conn.execute(select(sources.c.id, sources.c.name, sources.c.homepage))
            self._origins = origin_index(_origin_names(rows))
        q = (select(articles.c.id, articles.c.source_id, articles.c.url, articles.c.text,
                    articles.c.title).where(articles.c.id.in_(list(ids))).order_by(articles.c.id))
        items = [RawItem(r.id, r.source_id, r.url, raw_html(conn, r.id), r.text, r.title)
                 for r in conn.execute(q)]
        self._remember_history(conn, {i.source_id for i in items})
        return items

    def _remember_history(self, conn: Connection, source_ids: set[str]) -> None:
        for sid in source_ids:
            if self._history[sid]:
                continue
            q = (select(articles.c.text, articles.c.removed)
                 .where(articles.c.source_id == sid, articles.c.text.is_not(None))
                 .order_by(articles.c.id.desc()).limit(HISTORY))
            for text, removed in conn.execute(q):
                lines = [p for p in (text or "").split("\n\n") if p]
                lines += [r["text"] for r in json.loads(removed or "[]")
                          if r.get("reason") == "template"]
                self._history[sid].append(lines)

    def compute(self, items: list[RawItem]) -> list[Extracted | Failed]:
        results = list(self._map(items))
        by_source: dict[str, list[Extracted]] = defaultdict(list)
        for r in results:
            if isinstance(r, Extracted):
                by_source[r.source_id].append(r)
        for sid, group in by_source.items():
            history = self._history[sid]
            template = learn_template(list(history) + [g.article.paragraphs for g in group],
                                      min_articles=self.template_min_articles)
            for g in group:
                history.append(list(g.article.paragraphs))
                if template:
                    _apply_template(g.article, template)
                _with_sentences(g)
                if self._origins is not None:
                    g.article.declared_origin = (resolve_origin(g.article.declared_origin,
                                                                self._origins)
                                                 or g.article.declared_origin)
        return results

    def _map(self, items: list[RawItem]) -> Any:
        if self.workers <= 1 or len(items) < 4:
            return map(extract_one, items)
        if self._pool is None:
            ctx = multiprocessing.get_context("fork")
            self._pool = ProcessPoolExecutor(self.workers, mp_context=ctx)
        return self._pool.map(extract_one, items, chunksize=4)

    def save(self, conn: Connection, results: list[Any]) -> None:
        for ex in results:
            art: ExtractedArticle = ex.article
            values: dict[str, Any] = {
                "text": art.text, "removed": art.removed, "byline": art.byline,
                "canonical_url": art.canonical_url, "declared_origin": art.declared_origin,
                "meta": json.dumps({"site_name": art.site_name, "description": art.description,
                                    "image": art.image, "language_hint": art.language_hint,
                                    "updated": art.updated.isoformat() if art.updated else None},
                                   ensure_ascii=False),
            }
            if art.title:
                values["title"] = art.title
            if art.published:
                values["published"] = art.published
            _keep_imported(conn, ex.id, values)
            replace_sentences(conn, ex.id, ex.sentences)
            mark_stage(conn, ex.id, self.name, **values)

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown()
            self._pool = None


def _apply_template(art: ExtractedArticle, template: frozenset[str]) -> None:
    kept, removed = remove_template(art.paragraphs, template)
    if removed:
        art.paragraphs = kept
        art.text = "\n\n".join(kept)
        art.removed = art.removed + removed


def _keep_imported(conn: Connection, article_id: int, values: dict[str, Any]) -> None:
    # A title or date given by the importer or feed wins over what extraction guessed.
    row = conn.execute(select(articles.c.title, articles.c.published)
                       .where(articles.c.id == article_id)).first()
    if row is not None:
        if row.title:
            values.pop("title", None)
        if row.published:
            values.pop("published", None)


def _origin_names(rows: Any) -> dict[str, str]:
    names: dict[str, str] = {}
    for sid, name, homepage in rows:
        names[name] = sid
        names[sid] = sid
        host = (homepage or "").split("//", 1)[-1].split("/", 1)[0]
        if host:
            names[host] = sid
    return names
