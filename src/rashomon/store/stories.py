"""Stories and threads: create, assign articles, merge with redirects, metadata, listings."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, delete, exists, func, insert, select, update

from rashomon.cluster.threads import thread_label
from rashomon.store.articles import as_utc, utcnow
from rashomon.store.schema import articles, sources, stories, story_redirects, threads

MAX_PAGE = 500
LABEL_BACKGROUND = 400  # headlines of other recent stories that thread labels stand out from

# -- writing ------------------------------------------------------------------------------


def create_story(conn: Connection) -> int:
    """A new, empty story; returns its id."""
    now = utcnow()
    return int(conn.execute(insert(stories).values(
        created_at=now, updated_at=now, dirty=True, n_articles=0, n_outlets=0, n_countries=0,
        n_languages=0).returning(stories.c.id)).scalar_one())


def assign(conn: Connection, article_ids: Iterable[int], story_id: int) -> None:
    """Put articles in a story."""
    ids = list(article_ids)
    if ids:
        conn.execute(update(articles).where(articles.c.id.in_(ids)).values(story_id=story_id))


def merge_stories(conn: Connection, gone: int, survivor: int) -> None:
    """Move a story's articles to the survivor; the old id keeps redirecting there."""
    conn.execute(update(articles).where(articles.c.story_id == gone).values(story_id=survivor))
    conn.execute(update(story_redirects).where(story_redirects.c.story_id == gone)
                 .values(story_id=survivor))
    conn.execute(delete(story_redirects).where(story_redirects.c.old_id == gone))
    conn.execute(insert(story_redirects).values(old_id=gone, story_id=survivor,
                                                created_at=utcnow()))
    survivor_thread = conn.execute(select(stories.c.thread_id)
                                   .where(stories.c.id == survivor)).scalar()
    if survivor_thread is None:  # the survivor carries on the merged story's thread
        gone_thread = conn.execute(select(stories.c.thread_id)
                                   .where(stories.c.id == gone)).scalar()
        if gone_thread is not None:
            conn.execute(update(stories).where(stories.c.id == survivor)
                         .values(thread_id=gone_thread))
    conn.execute(update(stories).where(stories.c.id == gone).values(
        merged_into=survivor, n_articles=0, dirty=False, updated_at=utcnow()))


def _members(conn: Connection, story_id: int) -> list[dict[str, Any]]:
    q = (select(articles.c.id, articles.c.title, articles.c.title_en, articles.c.language,
                articles.c.published, articles.c.source_id, articles.c.is_copy,
                sources.c.country)
         .join(sources, sources.c.id == articles.c.source_id)
         .where(articles.c.story_id == story_id).order_by(articles.c.id))
    return [dict(r) for r in conn.execute(q).mappings()]


def _when(row: Mapping[str, Any]) -> tuple[datetime, int]:
    return (as_utc(row["published"]) or utcnow(), row["id"])


def headline_article(members: list[dict[str, Any]],
                     centrality: Mapping[int, float] | None = None) -> dict[str, Any]:
    """The article whose title heads the story: an English original, else a translated one,
    else any original; within each, the most central (closest to the story's centre), then
    the earliest."""
    originals = [m for m in members if not m["is_copy"]] or members
    central = centrality or {}

    def rank(m: Mapping[str, Any]) -> tuple[float, datetime, int]:
        return (-central.get(m["id"], float("-inf")), *_when(m))

    for pick in ([m for m in originals if m["language"] == "en"],
                 [m for m in originals if m["title_en"]], originals):
        if pick:
            return min(pick, key=rank)
    raise ValueError("a story without articles has no headline")


def refresh_story(conn: Connection, story_id: int,
                  centrality: Mapping[int, float] | None = None,
                  centroid: bytes | None = None) -> None:
    """Recompute a story's headline, first report, representative article and counts
    (outlets, countries and languages of originals only); mark it dirty for analysis.

    ``centrality`` (article id -> cosine to the story's centroid) picks the most
    representative article; without it the earliest qualifying original is taken.
    """
    members = _members(conn, story_id)
    if not members:
        return
    originals = [m for m in members if not m["is_copy"]] or members
    head = headline_article(members, centrality)
    first = min(originals, key=_when)
    representative = (max(originals, key=lambda m: (centrality.get(m["id"], float("-inf")),
                                                    -_when(m)[0].timestamp(), -m["id"]))
                      if centrality else head)
    title = head["title"] if head["language"] == "en" else (head["title_en"] or head["title"])
    values: dict[str, Any] = {
        "headline": title, "first_seen": as_utc(first["published"]),
        "first_source_id": first["source_id"], "representative_article_id": representative["id"],
        "n_articles": len(members), "n_outlets": len({m["source_id"] for m in originals}),
        "n_countries": len({m["country"] for m in originals}),
        "n_languages": len({m["language"] for m in originals if m["language"]}),
        "dirty": True, "updated_at": utcnow(),
    }
    if centroid is not None:
        values["centroid"] = centroid
    conn.execute(update(stories).where(stories.c.id == story_id).values(**values))


def active_members(conn: Connection, since: datetime) -> dict[int, list[int]]:
    """Story id → article ids, for stories with an article published since `since`."""
    recent = (select(articles.c.story_id).where(articles.c.published >= since,
                                                articles.c.story_id.is_not(None)).distinct())
    q = (select(articles.c.story_id, articles.c.id)
         .where(articles.c.story_id.in_(recent))
         .order_by(articles.c.story_id, articles.c.id))
    out: dict[int, list[int]] = {}
    for sid, aid in conn.execute(q):
        out.setdefault(int(sid), []).append(int(aid))
    return out


# -- threads ------------------------------------------------------------------------------


def create_thread(conn: Connection) -> int:
    """A new thread without a label yet; returns its id."""
    now = utcnow()
    return int(conn.execute(insert(threads).values(created_at=now, updated_at=now)
                            .returning(threads.c.id)).scalar_one())


def set_thread(conn: Connection, story_ids: Iterable[int], thread_id: int) -> None:
    """Put stories in a thread."""
    ids = list(story_ids)
    if ids:
        conn.execute(update(stories).where(stories.c.id.in_(ids)).values(thread_id=thread_id))


def story_threads(conn: Connection, story_ids: Iterable[int]) -> dict[int, int]:
    """Story id → thread id, for the given stories that are in a thread."""
    ids = list(story_ids)
    if not ids:
        return {}
    q = select(stories.c.id, stories.c.thread_id).where(stories.c.id.in_(ids),
                                                         stories.c.thread_id.is_not(None))
    return {int(s): int(t) for s, t in conn.execute(q)}


def _english_titles(conn: Connection, story_ids: list[int]) -> list[str]:
    q = (select(articles.c.title, articles.c.title_en, articles.c.language)
         .where(articles.c.story_id.in_(story_ids), articles.c.is_copy.is_(False)))
    out = []
    for title, title_en, language in conn.execute(q):
        english = title if language == "en" else title_en
        if english:
            out.append(english)
    return out


def refresh_thread(conn: Connection, thread_id: int) -> None:
    """Label a thread with keyphrases of its stories' English titles; drop it when empty."""
    ids = [int(s) for (s,) in conn.execute(select(stories.c.id).where(
        stories.c.thread_id == thread_id, stories.c.merged_into.is_(None)))]
    if len(ids) < 2:  # one story left (the others merged into it) is no thread
        conn.execute(update(stories).where(stories.c.thread_id == thread_id)
                     .values(thread_id=None))
        conn.execute(delete(threads).where(threads.c.id == thread_id))
        return
    background = [h for (h,) in conn.execute(
        select(stories.c.headline).where(stories.c.headline.is_not(None),
                                         stories.c.thread_id.is_distinct_from(thread_id))
        .order_by(stories.c.id.desc()).limit(LABEL_BACKGROUND))]
    label = thread_label(_english_titles(conn, ids), background)
    conn.execute(update(threads).where(threads.c.id == thread_id)
                 .values(label=label, updated_at=utcnow()))


# -- reading ------------------------------------------------------------------------------


def resolve_story(conn: Connection, story_id: int) -> int | None:
    """The live id for a story id, following merge redirects; None when unknown."""
    target = conn.execute(select(story_redirects.c.story_id)
                          .where(story_redirects.c.old_id == story_id)).scalar()
    sid = int(target) if target is not None else story_id
    row = conn.execute(select(stories.c.id, stories.c.merged_into)
                       .where(stories.c.id == sid)).first()
    if row is None:
        return None
    return int(row.merged_into) if row.merged_into is not None else sid


def _story_columns() -> tuple[Any, ...]:
    return (stories.c.id, stories.c.headline, stories.c.first_seen, stories.c.first_source_id,
            stories.c.representative_article_id, stories.c.n_articles, stories.c.n_outlets,
            stories.c.n_countries, stories.c.n_languages, stories.c.thread_id,
            threads.c.label.label("thread_label"))


def list_stories(conn: Connection, *, since: datetime | None = None,
                 until: datetime | None = None, country: str | None = None,
                 language: str | None = None, thread: int | None = None,
                 min_outlets: int = 1, limit: int = 50, offset: int = 0) -> list[dict[str, Any]]:
    """Live stories, newest first, filtered by first-seen date, a country or language among
    their originals, a thread, and a minimum number of outlets."""
    q = (select(*_story_columns()).outerjoin(threads, threads.c.id == stories.c.thread_id)
         .where(stories.c.merged_into.is_(None), stories.c.n_articles > 0,
                stories.c.n_outlets >= min_outlets))
    if since is not None:
        q = q.where(stories.c.first_seen >= since)
    if until is not None:
        q = q.where(stories.c.first_seen < until)
    if thread is not None:
        q = q.where(stories.c.thread_id == thread)
    if country or language:
        member = (select(articles.c.id).join(sources, sources.c.id == articles.c.source_id)
                  .where(articles.c.story_id == stories.c.id, articles.c.is_copy.is_(False)))
        if country:
            member = member.where(func.upper(sources.c.country) == country.upper())
        if language:
            member = member.where(articles.c.language == language.lower())
        q = q.where(exists(member))
    q = (q.order_by(stories.c.first_seen.desc(), stories.c.id.desc())
         .limit(max(1, min(limit, MAX_PAGE))).offset(max(0, offset)))
    return [dict(r) for r in conn.execute(q).mappings()]


def get_story(conn: Connection, story_id: int) -> dict[str, Any] | None:
    """A story (redirects followed) with its originals, each listing its copies."""
    sid = resolve_story(conn, story_id)
    if sid is None:
        return None
    row = conn.execute(select(*_story_columns())
                       .outerjoin(threads, threads.c.id == stories.c.thread_id)
                       .where(stories.c.id == sid)).mappings().first()
    if row is None:
        return None
    q = (select(articles.c.id, articles.c.url, articles.c.title, articles.c.title_en,
                articles.c.language, articles.c.published, articles.c.source_id,
                articles.c.is_copy, articles.c.syndication_group_id, sources.c.name.label("source"),
                sources.c.country)
         .join(sources, sources.c.id == articles.c.source_id)
         .where(articles.c.story_id == sid).order_by(articles.c.published, articles.c.id))
    rows = [dict(r) for r in conn.execute(q).mappings()]
    originals = [dict(r, copies=[]) for r in rows if not r["is_copy"]]
    by_group = {r["syndication_group_id"]: r for r in originals if r["syndication_group_id"]}
    for r in rows:
        if r["is_copy"]:
            home = by_group.get(r["syndication_group_id"])
            if home is not None:
                home["copies"].append(r)
            else:  # its original sits in another story: show it on its own
                originals.append(dict(r, copies=[]))
    return {**dict(row), "requested_id": story_id, "articles": originals}


def list_threads(conn: Connection, limit: int = 50, offset: int = 0) -> list[dict[str, Any]]:
    """Threads with their live stories' count and span, most recently active first."""
    q = (select(threads.c.id, threads.c.label, func.count(stories.c.id).label("n_stories"),
                func.min(stories.c.first_seen).label("first_seen"),
                func.max(stories.c.first_seen).label("last_seen"))
         .join(stories, stories.c.thread_id == threads.c.id)
         .where(stories.c.merged_into.is_(None))
         .group_by(threads.c.id, threads.c.label)
         .order_by(func.max(stories.c.first_seen).desc(), threads.c.id.desc())
         .limit(max(1, min(limit, MAX_PAGE))).offset(max(0, offset)))
    return [dict(r) for r in conn.execute(q).mappings()]
