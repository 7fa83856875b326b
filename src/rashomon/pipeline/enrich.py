"""Stages after extraction: translation of title and lead, and document embeddings."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, select

from rashomon.cluster.features import embedding_text
from rashomon.embed import Embedder, cache_key
from rashomon.language.language import LanguageIdentifier, get_identifier
from rashomon.language.translate import TranslationError, Translator
from rashomon.pipeline.runner import Failed
from rashomon.store.articles import mark_stage
from rashomon.store.schema import articles
from rashomon.store.translations import cached_translations, save_translations
from rashomon.store.vectors import load_vectors, save_vectors

TARGET = "en"


@dataclass
class Doc:
    """What translation and embedding need of an article."""

    id: int
    language: str | None
    title: str
    lead: str
    title_en: str | None = None
    lead_en: str | None = None
    text: str = ""


def lead_of(text: str | None) -> str:
    """The first paragraph of clean text."""
    return (text or "").strip().split("\n\n", 1)[0].strip()


def load_docs(conn: Connection, ids: Sequence[int]) -> list[Doc]:
    """Title, lead and language of articles, in id order."""
    q = (select(articles.c.id, articles.c.language, articles.c.title, articles.c.text,
                articles.c.title_en, articles.c.lead_en)
         .where(articles.c.id.in_(list(ids))).order_by(articles.c.id))
    return [Doc(r.id, r.language, r.title or "", lead_of(r.text), r.title_en, r.lead_en,
                r.text or "") for r in conn.execute(q)]


class LanguageStage:
    """extracted → language: identify the language unless the source declared it."""

    name = "language"
    after = "extracted"

    def __init__(self, identifier: LanguageIdentifier | None = None):
        self.identifier = identifier or get_identifier()

    def load(self, conn: Connection, ids: Sequence[int]) -> list[tuple[int, str | None, str]]:
        q = (select(articles.c.id, articles.c.language, articles.c.text)
             .where(articles.c.id.in_(list(ids))).order_by(articles.c.id))
        return [(r.id, r.language, r.text or "") for r in conn.execute(q)]

    def compute(self, items: list[tuple[int, str | None, str]]) -> list[Any]:
        out: list[Any] = []
        for article_id, declared, text in items:
            if declared:
                out.append((article_id, declared.lower()[:8], 1.0))
                continue
            guess = self.identifier.detect_article(text.split("\n\n"))
            if guess.code is None:
                out.append(Failed(article_id, "language could not be identified"))
            else:
                out.append((article_id, guess.code, guess.confidence))
        return out

    def save(self, conn: Connection, results: list[Any]) -> None:
        for article_id, code, confidence in results:
            mark_stage(conn, article_id, self.name, language=code,
                       language_confidence=confidence)


class TranslateStage:
    """Translate title and lead into English when a translator is configured.

    A failed translation never blocks the pipeline: the article moves on untranslated
    (title_en stays empty) and `retry_untranslated` picks it up on a later run.
    """

    name = "translated"
    after = "language"

    def __init__(self, translator: Translator):
        self.translator = translator
        self._cache: dict[tuple[str, str], str] = {}  # (language, original) → English
        self._new: list[tuple[str, str, str]] = []  # translated this batch, to be saved

    def load(self, conn: Connection, ids: Sequence[int]) -> list[Doc]:
        docs = load_docs(conn, ids)
        if self.translator.enabled:
            self._cache = self._cached(conn, docs)
        return docs

    def _cached(self, conn: Connection, docs: list[Doc]) -> dict[tuple[str, str], str]:
        by_lang: dict[str, list[str]] = defaultdict(list)
        for d in docs:
            if d.language and d.language != TARGET:
                by_lang[d.language] += [d.title, d.lead]
        out: dict[tuple[str, str], str] = {}
        for lang, texts in by_lang.items():
            found = cached_translations(conn, texts, lang, TARGET, self.translator.name,
                                        self.translator.model)
            out.update({(lang, k): v for k, v in found.items()})
        return out

    def compute(self, docs: list[Doc]) -> list[Doc | Failed]:
        for d in docs:
            if d.language == TARGET:
                d.title_en, d.lead_en = d.title, d.lead
            elif self.translator.enabled and d.language:
                self._translate(d)
        return list(docs)

    def _translate(self, d: Doc) -> None:
        lang = d.language or ""
        todo = [t for t in (d.title, d.lead) if t and (lang, t) not in self._cache]
        try:
            done = self.translator.translate(todo, lang, TARGET) if todo else []
        except TranslationError:
            return  # stays untranslated; retried later
        for original, translated in zip(todo, done, strict=True):
            self._cache[(lang, original)] = translated
            self._new.append((lang, original, translated))
        d.title_en = self._cache.get((lang, d.title)) if d.title else ""
        d.lead_en = self._cache.get((lang, d.lead)) if d.lead else ""

    def save(self, conn: Connection, docs: list[Any]) -> None:
        for lang, original, translated in self._new:
            save_translations(conn, {original: translated}, lang, TARGET, self.translator.name,
                              self.translator.model)
        self._new = []
        for d in docs:
            mark_stage(conn, d.id, self.name, title_en=d.title_en, lead_en=d.lead_en)


def embed_text(doc: Doc) -> str:
    """What represents a document: the title and the start of the body (multilingual model,
    so the original language is used; clustering was tuned on this text)."""
    return embedding_text(doc.title, doc.text)


class EmbedStage:
    """Embed title + lead of each article; vectors are cached by (text hash, model id)."""

    name = "embedded"
    after = "translated"

    def __init__(self, embedder: Embedder):
        self.embedder = embedder

    def load(self, conn: Connection, ids: Sequence[int]) -> list[tuple[Doc, str, bool]]:
        docs = load_docs(conn, ids)
        keys = [cache_key(embed_text(d), self.embedder.model_id)[0] for d in docs]
        known = load_vectors(conn, self.embedder.model_id, keys)
        return [(d, k, k in known) for d, k in zip(docs, keys, strict=True)]

    def compute(self, items: list[tuple[Doc, str, bool]]) -> list[Any]:
        todo = [(d, k) for d, k, known in items if not known]
        vectors: Any = self.embedder.embed([embed_text(d) for d, _ in todo]) if todo else []
        fresh = {k: v for (_, k), v in zip(todo, vectors, strict=True)}
        return [(d.id, k, fresh.get(k)) for d, k, _ in items]

    def save(self, conn: Connection, results: list[Any]) -> None:
        save_vectors(conn, self.embedder.model_id,
                     [(k, v) for _, k, v in results if v is not None])
        for article_id, k, _ in results:
            mark_stage(conn, article_id, self.name, embed_hash=k)
