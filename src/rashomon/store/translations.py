"""Translation cache: (text hash, source, target, backend, model) → translated text."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

from sqlalchemy import Connection, select

from rashomon.store.articles import utcnow
from rashomon.store.schema import translations
from rashomon.store.upsert import upsert


def text_hash(text: str) -> str:
    """The cache key of a text."""
    return hashlib.sha1(text.encode("utf-8"), usedforsecurity=False).hexdigest()


def cached_translations(conn: Connection, texts: Sequence[str], source: str, target: str,
                        backend: str, model: str) -> dict[str, str]:
    """Known translations of these texts, by original text."""
    by_hash = {text_hash(t): t for t in texts}
    if not by_hash:
        return {}
    q = select(translations.c.text_hash, translations.c.text).where(
        translations.c.text_hash.in_(list(by_hash)), translations.c.source_lang == source,
        translations.c.target_lang == target, translations.c.backend == backend,
        translations.c.model == model)
    return {by_hash[h]: t for h, t in conn.execute(q)}


def save_translations(conn: Connection, pairs: dict[str, str], source: str, target: str,
                      backend: str, model: str) -> None:
    """Remember translations (original → translated)."""
    for original, translated in pairs.items():
        upsert(conn, translations, {
            "text_hash": text_hash(original), "source_lang": source, "target_lang": target,
            "backend": backend, "model": model, "text": translated, "created_at": utcnow(),
        }, ["text_hash", "source_lang", "target_lang", "backend", "model"])
