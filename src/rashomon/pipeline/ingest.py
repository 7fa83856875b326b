"""Write documents from importers into the store: idempotent, one transaction per batch."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from rashomon.fetch.jsonl import BadRecord
from rashomon.models import RawDocument
from rashomon.store import Store
from rashomon.store.articles import NewArticle, add_article
from rashomon.store.sources import list_sources


@dataclass
class ImportSummary:
    """What an import did."""

    added: int = 0
    duplicates: int = 0
    bad: list[BadRecord] = field(default_factory=list)
    errors: Counter[str] = field(default_factory=Counter)

    def line(self, elapsed: float) -> str:
        return (f"imported {self.added} new, {self.duplicates} already known, "
                f"{len(self.bad)} bad records in {elapsed:.1f}s")


def _source_resolver(store: Store) -> Callable[[str], str | None]:
    with store.connect() as conn:
        rows = list_sources(conn, include_disabled=True)
    by_key: dict[str, str] = {}
    for r in rows:
        by_key[r.id] = r.id
        host = r.homepage.split("//", 1)[-1].split("/", 1)[0].lower()
        by_key.setdefault(host, r.id)
        by_key.setdefault(host.removeprefix("www."), r.id)
    return lambda key: by_key.get(key) or by_key.get(key.lower().removeprefix("www."))


def import_documents(
    store: Store,
    records: Iterable[tuple[str, RawDocument | BadRecord]],
    batch_size: int = 200,
    on_record: Callable[[], None] | None = None,
) -> ImportSummary:
    """Add every good record as an article; bad ones are reported and skipped."""
    summary = ImportSummary()
    resolve = _source_resolver(store)
    batch: list[tuple[RawDocument, str]] = []

    def flush() -> None:
        with store.begin() as conn:
            for doc, source_id in batch:
                new = NewArticle(url=doc.url, source_id=source_id, html=doc.html, text=doc.text,
                                 title=doc.title, published=doc.published, language=doc.language)
                if add_article(conn, new) is None:
                    summary.duplicates += 1
                else:
                    summary.added += 1
        batch.clear()

    for where, rec in records:
        if on_record:
            on_record()
        if isinstance(rec, BadRecord):
            summary.bad.append(rec)
            continue
        source_id = resolve(rec.source_id)
        if source_id is None:
            path, _, line = where.rpartition(":")
            summary.bad.append(BadRecord(path, int(line or 0), f"unknown source {rec.source_id!r}: add it "
                                         "with `rashomon sources add` or a sources file"))
            continue
        batch.append((rec, source_id))
        if len(batch) >= batch_size:
            flush()
    if batch:
        flush()
    return summary
