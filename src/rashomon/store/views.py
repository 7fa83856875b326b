"""Read-side queries behind the web pages, the JSON API and the CLI (one function per view)."""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from functools import lru_cache
from typing import Any, Literal, NotRequired

import pycountry
from pydantic import TypeAdapter, ValidationError
from sqlalchemy import ColumnElement, Connection, Integer, and_, func, literal_column, select
from sqlalchemy.exc import DBAPIError
from typing_extensions import TypedDict  # pydantic needs this one on Python < 3.12

from rashomon.store.schema import (
    analyses,
    articles,
    feeds,
    sources,
    stories,
    story_redirects,
    syndication_groups,
    threads,
)
from rashomon.store.search import search_articles

log = logging.getLogger(__name__)

# ---------------------------------------------------------------- the analysis JSON shape
# analyses.data holds one Analysis object; docs/web.md documents it field by field.


class Support(TypedDict):
    """An outlet (and its article, when known) that carries a statement."""

    source_id: str
    article_id: NotRequired[int]
    source_name: NotRequired[str]
    country: NotRequired[str]


class TakeSentence(TypedDict):
    """One sentence of the world's take and the outlets that report it."""

    text: str
    support: list[Support]


class AltPoint(TypedDict):
    """What one country's coverage adds, omits or frames differently."""

    kind: Literal["adds", "omits", "frames"]
    text: str
    support: NotRequired[list[Support]]


class AltTake(TypedDict):
    """A country's alternative take."""

    country: str
    summary: NotRequired[str | None]
    points: list[AltPoint]


class DiffOp(TypedDict):
    """One step from the group's reference wording to this variant's (English) wording."""

    op: Literal["equal", "insert", "delete", "replace"]
    text: str
    reference: NotRequired[str]  # for replace: the reference words this variant replaces


class QuoteVariant(TypedDict):
    """A statement as some outlets render it."""

    text: str
    text_en: NotRequired[str | None]
    language: NotRequired[str | None]
    support: list[Support]
    diff: NotRequired[list[DiffOp]]


class QuoteGroup(TypedDict):
    """One statement by one speaker, with every rendering of it."""

    speaker: str
    role: NotRequired[str | None]
    canonical: NotRequired[str | None]
    variants: list[QuoteVariant]


class FigureValue(TypedDict):
    """A value reported for a quantity, and by whom."""

    value: float
    text: str
    support: list[Support]


class FigureGroup(TypedDict):
    """Figures that count the same thing; conflict when the values disagree."""

    label: str
    unit: NotRequired[str | None]
    scope: NotRequired[str | None]
    conflict: bool
    values: list[FigureValue]


class Entity(TypedDict):
    """A person, place or organisation the story is about."""

    name: str
    kind: NotRequired[str | None]
    count: NotRequired[int]


class Analysis(TypedDict):
    """The analysis of one story (analyses.data)."""

    version: int
    take: list[TakeSentence]
    alternatives: list[AltTake]
    quotes: list[QuoteGroup]
    figures: list[FigureGroup]
    entities: NotRequired[list[Entity]]


_ANALYSIS = TypeAdapter(Analysis)

# ---------------------------------------------------------------- view rows

_NAMES = {
    "RU": "Russia",
    "CD": "DR Congo",
    "CG": "Congo",
    "FK": "Falkland Islands",
    "FM": "Micronesia",
    "PS": "Palestine",
    "VA": "Vatican City",
    "XK": "Kosovo",
    "BN": "Brunei",
    "TR": "Turkey",
    "CZ": "Czechia",
    "SY": "Syria",
}


@lru_cache(maxsize=512)
def country_name(code: str) -> str:
    """A short English name for an ISO 3166-1 alpha-2 code (the code itself if unknown)."""
    code = code.upper()
    if code in _NAMES:
        return _NAMES[code]
    c = pycountry.countries.get(alpha_2=code)
    return str(getattr(c, "common_name", None) or c.name) if c else code


@dataclass
class CountryCount:
    """How much of a story one country's press carried."""

    code: str
    name: str
    articles: int
    outlets: int


@dataclass
class Ref:
    """A link target: a story or thread id with its label."""

    id: int
    label: str | None


@dataclass
class StoryCard:
    """A story as listed: counts, coverage, the first sentence of the world's take."""

    id: int
    headline: str | None
    first_seen: datetime | None
    last_seen: datetime | None
    n_articles: int
    n_copies: int
    n_outlets: int
    n_original_outlets: int
    n_countries: int
    n_languages: int
    breadth: int
    score: float
    countries: list[CountryCount]
    languages: list[str]
    thread: Ref | None = None
    take: str | None = None


@dataclass
class StoryPage:
    """A ranked page of stories for a window of days."""

    date: date | None
    days: int
    total: int
    limit: int
    offset: int
    items: list[StoryCard]


@dataclass
class ArticleBrief:
    """An article as listed under a story, source or search."""

    id: int
    url: str
    title: str | None
    title_en: str | None
    lead_en: str | None
    source_id: str
    source_name: str
    country: str
    language: str | None
    published: datetime | None
    is_copy: bool
    story_id: int | None


@dataclass
class ArticleGroup:
    """An original article with the copies that republished it."""

    original: ArticleBrief
    copies: list[ArticleBrief] = field(default_factory=list)


@dataclass
class StoryDetail:
    """Everything the story page and /api/stories/{id} show."""

    story: StoryCard
    articles: list[ArticleGroup]
    first: ArticleBrief | None
    analysis_status: Literal["ready", "pending", "unreadable"]
    analysis: Analysis | None
    analysis_computed_at: datetime | None
    related: list[StoryCard]


@dataclass
class CountryCoverage:
    """One country's share of the news in a window."""

    code: str
    name: str
    stories: int
    articles: int
    outlets: int


@dataclass
class WorldView:
    """Coverage per country for the map."""

    date: date | None
    days: int
    countries: list[CountryCoverage]


@dataclass
class CountryView:
    """A country page: its stories and both directions of blindspot."""

    code: str
    name: str
    date: date | None
    days: int
    n_sources: int
    stories: list[StoryCard]
    overlooked: list[StoryCard]
    only_here: list[StoryCard]


@dataclass
class ThreadCard:
    """An ongoing topic: its stories' span."""

    id: int
    label: str | None
    n_stories: int
    first_seen: datetime | None
    last_seen: datetime | None


@dataclass
class ThreadView:
    """A thread and its stories in order."""

    thread: ThreadCard
    stories: list[StoryCard]


@dataclass
class SourceHealth:
    """An outlet with its volume and fetch health."""

    id: str
    name: str
    homepage: str
    country: str
    country_name: str
    languages: list[str]
    type: str
    wire: bool
    enabled: bool
    articles: int
    last_published: datetime | None
    feeds: int
    feeds_failing: int
    last_polled: datetime | None


@dataclass
class FeedHealth:
    """One feed's polling state."""

    url: str
    kind: str
    last_polled_at: datetime | None
    next_poll_at: datetime | None
    last_status: int | None
    last_error: str | None
    error_count: int
    items_seen: int


@dataclass
class DayCount:
    """Articles on one day."""

    day: date
    articles: int


@dataclass
class SourceDetail:
    """A source page."""

    source: SourceHealth
    feeds: list[FeedHealth]
    volume: list[DayCount]
    recent: list[ArticleBrief]


@dataclass
class ArticleDetail:
    """One article, its story and its copies."""

    article: ArticleBrief
    byline: str | None
    paragraphs: list[str]
    story: Ref | None
    original: ArticleBrief | None
    copies: list[ArticleBrief]


@dataclass
class SearchHit:
    """A matching article and its story."""

    article: ArticleBrief
    story: Ref | None


@dataclass
class SearchPage:
    """A page of search results."""

    query: str
    limit: int
    offset: int
    has_more: bool
    hits: list[SearchHit]


# ---------------------------------------------------------------- helpers


def _utc(dt: datetime | None) -> datetime | None:
    # SQLite returns naive datetimes (stored as UTC); PostgreSQL returns aware ones.
    if dt is None:
        return None
    return dt.replace(tzinfo=UTC) if dt.tzinfo is None else dt.astimezone(UTC)


def _window(day: date, days: int) -> tuple[datetime, datetime]:
    end = datetime(day.year, day.month, day.day, tzinfo=UTC) + timedelta(days=1)
    return end - timedelta(days=max(1, days)), end


def latest_day(conn: Connection) -> date | None:
    """The most recent UTC day (not in the future) with an article in some story."""
    limit = datetime.now(UTC) + timedelta(days=1)
    q = select(func.max(articles.c.published)).where(
        articles.c.story_id.is_not(None), articles.c.published < limit
    )
    latest = _utc(conn.execute(q).scalar())
    return latest.date() if latest else None


@dataclass
class _Agg:
    n: int = 0
    copies: int = 0
    sources: set[str] = field(default_factory=set)
    originals: set[str] = field(default_factory=set)
    by_country: dict[str, list[Any]] = field(default_factory=dict)  # code -> [articles, {src}]
    languages: set[str] = field(default_factory=set)
    first: datetime | None = None
    last: datetime | None = None


def _fold(conn: Connection, where: ColumnElement[bool]) -> dict[int, _Agg]:
    """Coverage of every story whose articles match `where`, folded in one grouped query."""
    q = (
        select(
            articles.c.story_id,
            articles.c.source_id,
            sources.c.country,
            articles.c.language,
            articles.c.is_copy,
            func.count(),
            func.min(articles.c.published),
            func.max(articles.c.published),
        )
        .join(sources, sources.c.id == articles.c.source_id)
        .where(where, articles.c.story_id.is_not(None))
        .group_by(
            articles.c.story_id,
            articles.c.source_id,
            sources.c.country,
            articles.c.language,
            articles.c.is_copy,
        )
    )
    out: dict[int, _Agg] = {}
    for sid, src, cc, lang, is_copy, n, lo, hi in conn.execute(q):
        agg = out.setdefault(int(sid), _Agg())
        agg.n += n
        agg.sources.add(src)
        if is_copy:
            agg.copies += n
        else:
            agg.originals.add(src)
        slot = agg.by_country.setdefault(cc, [0, set()])
        slot[0] += n
        slot[1].add(src)
        if lang:
            agg.languages.add(lang)
        lo, hi = _utc(lo), _utc(hi)
        if lo and (agg.first is None or lo < agg.first):
            agg.first = lo
        if hi and (agg.last is None or hi > agg.last):
            agg.last = hi
    return out


def _cards(conn: Connection, aggs: dict[int, _Agg], end: datetime | None) -> list[StoryCard]:
    """Cards for folded stories (merged ones dropped), scored by breadth and recency."""
    if not aggs:
        return []
    rows = conn.execute(
        select(
            stories.c.id,
            stories.c.headline,
            stories.c.first_seen,
            stories.c.thread_id,
            threads.c.label,
        )
        .outerjoin(threads, threads.c.id == stories.c.thread_id)
        .where(stories.c.id.in_(list(aggs)), stories.c.merged_into.is_(None))
    )
    cards = []
    for sid, headline, first_seen, thread_id, label in rows:
        a = aggs[sid]
        countries = sorted(
            (CountryCount(cc, country_name(cc), v[0], len(v[1])) for cc, v in a.by_country.items()),
            key=lambda c: (-c.articles, c.code),
        )
        breadth = len(countries) * len(a.originals)
        age_h = ((end - a.last).total_seconds() / 3600) if end and a.last else 0.0
        score = breadth * 0.5 ** (max(0.0, age_h) / 24)  # recency halves the weight daily
        cards.append(
            StoryCard(
                sid,
                headline,
                _utc(first_seen) or a.first,
                a.last,
                a.n,
                a.copies,
                len(a.sources),
                len(a.originals),
                len(countries),
                len(a.languages),
                breadth,
                round(score, 4),
                countries,
                sorted(a.languages),
                Ref(thread_id, label) if thread_id else None,
            )
        )
    cards.sort(key=lambda c: (-c.score, -(c.last_seen or _EPOCH).timestamp(), c.id))
    return cards


_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def _first_take(conn: Connection) -> Any:
    # Read only the first take sentence inside the database instead of parsing every JSON.
    if conn.dialect.name == "postgresql":
        return literal_column("(analyses.data::json #>> '{take,0,text}')")
    return func.json_extract(analyses.c.data, "$.take[0].text")


def _add_takes(conn: Connection, cards: list[StoryCard]) -> list[StoryCard]:
    """Fill in each card's first world's-take sentence."""
    by_id = {c.id: c for c in cards}
    if not by_id:
        return cards
    q = select(analyses.c.story_id, _first_take(conn)).where(analyses.c.story_id.in_(list(by_id)))
    try:
        for sid, take in conn.execute(q):
            by_id[sid].take = str(take) if take is not None else None
    except DBAPIError:  # a malformed JSON row: the cards simply go without a take
        log.warning("cannot read the world's take of stories %s", sorted(by_id))
        conn.rollback()
    return cards


def _window_aggs(
    conn: Connection, day: date | None, days: int
) -> tuple[date | None, dict[int, _Agg], datetime | None]:
    day = day or latest_day(conn)
    if day is None:
        return None, {}, None
    start, end = _window(day, days)
    active = (
        select(articles.c.story_id)
        .where(
            articles.c.published >= start,
            articles.c.published < end,
            articles.c.story_id.is_not(None),
        )
        .distinct()
    )
    return day, _fold(conn, articles.c.story_id.in_(active)), min(end, datetime.now(UTC))


def _window_cards(
    conn: Connection, day: date | None, days: int
) -> tuple[date | None, list[StoryCard]]:
    day, aggs, end = _window_aggs(conn, day, days)
    return day, _cards(conn, aggs, end)


# ---------------------------------------------------------------- stories


def list_stories(
    conn: Connection,
    day: date | None = None,
    days: int = 1,
    country: str | None = None,
    language: str | None = None,
    thread: int | None = None,
    min_outlets: int = 0,
    limit: int = 30,
    offset: int = 0,
) -> StoryPage:
    """Stories active in the window (default: the latest day), ranked by breadth and recency."""
    day, cards = _window_cards(conn, day, days)
    cc, lang = (country or "").upper(), (language or "").lower()
    cards = [
        c
        for c in cards
        if (not cc or any(x.code == cc for x in c.countries))
        and (not lang or lang in c.languages)
        and (thread is None or (c.thread is not None and c.thread.id == thread))
        and c.n_original_outlets >= min_outlets
    ]
    page = _add_takes(conn, cards[offset : offset + limit])
    return StoryPage(day, days, len(cards), limit, offset, page)


def resolve_story_id(conn: Connection, story_id: int) -> int | None:
    """The id a story lives under now, following merges; None when unknown."""
    current = story_id
    for _ in range(16):  # merge chains are short; the bound guards against a cycle
        row = conn.execute(select(stories.c.merged_into).where(stories.c.id == current)).first()
        if row is not None and row[0] is None:
            return current
        nxt = (
            row[0]
            if row is not None
            else conn.execute(
                select(story_redirects.c.story_id).where(story_redirects.c.old_id == current)
            ).scalar()
        )
        if nxt is None:
            return None
        current = int(nxt)
    return None


_BRIEF = (
    articles.c.id,
    articles.c.url,
    articles.c.title,
    articles.c.title_en,
    articles.c.lead_en,
    articles.c.source_id,
    sources.c.name,
    sources.c.country,
    articles.c.language,
    articles.c.published,
    articles.c.is_copy,
    articles.c.story_id,
)


def _briefs(
    conn: Connection,
    where: ColumnElement[bool],
    order: Any = None,
    limit: int | None = None,
    extra: Iterable[Any] = (),
) -> list[tuple[ArticleBrief, Any]]:
    q = (
        select(*_BRIEF, *extra)
        .join(sources, sources.c.id == articles.c.source_id)
        .where(where)
        .order_by(order if order is not None else articles.c.published, articles.c.id)
    )
    if limit is not None:
        q = q.limit(limit)
    out = []
    for r in conn.execute(q):
        brief = ArticleBrief(
            r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], r[8], _utc(r[9]), bool(r[10]), r[11]
        )
        out.append((brief, r[12:]))
    return out


def _group_copies(conn: Connection, items: list[tuple[ArticleBrief, Any]]) -> list[ArticleGroup]:
    """Originals in time order, each with the copies that republished it."""
    by_id = {b.id: ArticleGroup(b) for b, _ in items if not b.is_copy}
    group_ids = {extra[0] for b, extra in items if b.is_copy and extra[0] is not None}
    origin: dict[int, int] = {}
    if group_ids:
        origin = {
            int(r[0]): r[1]
            for r in conn.execute(
                select(syndication_groups.c.id, syndication_groups.c.original_article_id).where(
                    syndication_groups.c.id.in_(group_ids)
                )
            )
        }
    loose = []
    for b, extra in items:
        if not b.is_copy:
            continue
        parent = by_id.get(origin.get(extra[0], -1))
        if parent is not None:
            parent.copies.append(b)
        else:  # its original is outside this story: list it on its own
            loose.append(ArticleGroup(b))
    groups = list(by_id.values()) + loose
    groups.sort(key=lambda g: ((g.original.published or _EPOCH), g.original.id))
    return groups


def _load_analysis(raw: str | None, names: dict[str, tuple[str, str]]) -> Analysis | None:
    data: Any = _ANALYSIS.validate_python(json.loads(raw)) if raw else None
    if data is None:
        return None
    for sup in _supports(data):
        name, cc = names.get(sup["source_id"], (sup["source_id"], ""))
        sup.setdefault("source_name", name)
        sup.setdefault("country", cc)
    return data  # type: ignore[no-any-return]


def _supports(a: Analysis) -> Iterable[Support]:
    for s in a["take"]:
        yield from s["support"]
    for alt in a["alternatives"]:
        for p in alt["points"]:
            yield from p.get("support", [])
    for q in a["quotes"]:
        for v in q["variants"]:
            yield from v["support"]
    for f in a["figures"]:
        for fv in f["values"]:
            yield from fv["support"]


def story_detail(conn: Connection, story_id: int) -> StoryDetail | None:
    """A story with its articles (copies under their originals), analysis and thread."""
    aggs = _fold(conn, articles.c.story_id == story_id)
    if story_id not in aggs:
        aggs[story_id] = _Agg()
    cards = _cards(conn, aggs, None)
    if not cards:
        return None
    card = _add_takes(conn, cards)[0]
    items = _briefs(conn, articles.c.story_id == story_id, extra=[articles.c.syndication_group_id])
    groups = _group_copies(conn, items)
    originals = [g.original for g in groups if not g.original.is_copy and g.original.published]
    first = min(originals, key=lambda b: b.published or _EPOCH) if originals else None
    row = conn.execute(
        select(analyses.c.data, analyses.c.computed_at).where(analyses.c.story_id == story_id)
    ).first()
    status: Literal["ready", "pending", "unreadable"] = "pending"
    analysis = None
    if row is not None:
        names = {b.source_id: (b.source_name, b.country) for b, _ in items}
        try:
            analysis, status = _load_analysis(row[0], names), "ready"
        except (ValueError, ValidationError) as exc:
            log.warning(
                "story %s: analysis JSON does not match the documented shape: %s",
                story_id,
                str(exc)[:300],
            )
            status = "unreadable"
    related: list[StoryCard] = []
    if card.thread is not None:
        related = [c for c in thread_cards(conn, card.thread.id) if c.id != story_id]
    return StoryDetail(
        card, groups, first, status, analysis, _utc(row[1]) if row is not None else None, related
    )


def thread_cards(conn: Connection, thread_id: int) -> list[StoryCard]:
    """The stories of a thread in the order they broke."""
    ids = select(stories.c.id).where(stories.c.thread_id == thread_id)
    cards = _add_takes(conn, _cards(conn, _fold(conn, articles.c.story_id.in_(ids)), None))
    cards.sort(key=lambda c: (c.first_seen or _EPOCH, c.id))
    return cards


# ---------------------------------------------------------------- countries and the map


def world_view(conn: Connection, day: date | None = None, days: int = 1) -> WorldView:
    """Stories, articles and outlets per country in the window (the map's shading)."""
    day, aggs, _ = _window_aggs(conn, day, days)
    per: dict[str, list[Any]] = {}
    for agg in aggs.values():
        for cc, (n, srcs) in agg.by_country.items():
            slot = per.setdefault(cc, [0, 0, set()])
            slot[0] += 1
            slot[1] += n
            slot[2] |= srcs
    rows = [CountryCoverage(cc, country_name(cc), v[0], v[1], len(v[2])) for cc, v in per.items()]
    rows.sort(key=lambda c: (-c.stories, -c.articles, c.code))
    return WorldView(day, days, rows)


@dataclass(frozen=True)
class BlindspotRule:
    """Thresholds of the blindspot_* settings."""

    min_countries: int = 3  # overlooked: covered in at least this many other countries
    min_outlets: int = 5  # ... by at least this many outlets abroad
    only_min_outlets: int = 2  # only here: at least this many home outlets


def country_view(
    conn: Connection,
    code: str,
    day: date | None = None,
    days: int = 7,
    rule: BlindspotRule = BlindspotRule(),
    limit: int = 30,
) -> CountryView:
    """What a country's outlets cover, what they overlook, and what only they cover."""
    code = code.upper()
    day, cards = _window_cards(conn, day, days)
    n_sources = int(
        conn.execute(
            select(func.count())
            .select_from(sources)
            .where(sources.c.country == code, sources.c.enabled.is_(True))
        ).scalar_one()
    )
    home = {c.id: {x.code: x.outlets for x in c.countries} for c in cards}
    covered = [c for c in cards if code in home[c.id]][:limit]
    # With no outlets of its own a country cannot overlook anything: say nothing.
    overlooked = [
        c
        for c in cards
        if n_sources
        and code not in home[c.id]
        and c.n_countries >= rule.min_countries
        and c.n_outlets >= rule.min_outlets
    ][:limit]
    only_here = [
        c
        for c in cards
        if set(home[c.id]) == {code} and home[c.id][code] >= rule.only_min_outlets
    ][:limit]
    _add_takes(conn, list({c.id: c for c in covered + overlooked + only_here}.values()))
    return CountryView(
        code, country_name(code), day, days, n_sources, covered, overlooked, only_here
    )


# ---------------------------------------------------------------- threads


def _thread_rows(
    conn: Connection, where: ColumnElement[bool] | None = None, limit: int = 50, offset: int = 0
) -> list[ThreadCard]:
    last = func.max(stories.c.first_seen)
    q = (
        select(
            threads.c.id,
            threads.c.label,
            func.count(stories.c.id),
            func.min(stories.c.first_seen),
            last,
        )
        .outerjoin(
            stories, and_(stories.c.thread_id == threads.c.id, stories.c.merged_into.is_(None))
        )
        .group_by(threads.c.id, threads.c.label)
        .order_by(last.desc().nulls_last(), threads.c.id.desc())
        .limit(limit)
        .offset(offset)
    )
    if where is not None:
        q = q.where(where)
    return [ThreadCard(r[0], r[1], int(r[2]), _utc(r[3]), _utc(r[4])) for r in conn.execute(q)]


def list_threads(conn: Connection, limit: int = 50, offset: int = 0) -> list[ThreadCard]:
    """Threads, most recently active first."""
    return _thread_rows(conn, limit=limit, offset=offset)


def thread_view(conn: Connection, thread_id: int) -> ThreadView | None:
    """A thread with its stories in order."""
    rows = _thread_rows(conn, threads.c.id == thread_id, limit=1)
    return ThreadView(rows[0], thread_cards(conn, thread_id)) if rows else None


# ---------------------------------------------------------------- sources


def list_source_health(
    conn: Connection, country: str | None = None, source_id: str | None = None
) -> list[SourceHealth]:
    """Outlets with article volume and feed health, by country then name."""
    q = select(sources).order_by(sources.c.country, sources.c.name)
    counts = select(articles.c.source_id, func.count(), func.max(articles.c.published)).group_by(
        articles.c.source_id
    )
    health = select(
        feeds.c.source_id,
        func.count(),
        func.sum((feeds.c.error_count > 0).cast(Integer)),
        func.max(feeds.c.last_polled_at),
    ).group_by(feeds.c.source_id)
    if country:
        q = q.where(sources.c.country == country.upper())
    if source_id:
        q = q.where(sources.c.id == source_id)
        counts = counts.where(articles.c.source_id == source_id)
        health = health.where(feeds.c.source_id == source_id)
    n = {r[0]: (int(r[1]), _utc(r[2])) for r in conn.execute(counts)}
    f = {r[0]: (int(r[1]), int(r[2] or 0), _utc(r[3])) for r in conn.execute(health)}
    out = []
    for s in conn.execute(q):
        arts, last = n.get(s.id, (0, None))
        nf, failing, polled = f.get(s.id, (0, 0, None))
        out.append(
            SourceHealth(
                s.id,
                s.name,
                s.homepage,
                s.country,
                country_name(s.country),
                [x for x in (s.languages or "").split(",") if x],
                s.type,
                bool(s.wire),
                bool(s.enabled),
                arts,
                last,
                nf,
                failing,
                polled,
            )
        )
    return out


def source_detail(conn: Connection, source_id: str, days: int = 30) -> SourceDetail | None:
    """An outlet: profile, feeds, daily volume over its last `days` days, recent articles."""
    rows = list_source_health(conn, source_id=source_id)
    if not rows:
        return None
    src = rows[0]
    feed_rows = [
        FeedHealth(
            r.url,
            r.kind,
            _utc(r.last_polled_at),
            _utc(r.next_poll_at),
            r.last_status,
            r.last_error,
            r.error_count,
            r.items_seen,
        )
        for r in conn.execute(
            select(feeds).where(feeds.c.source_id == source_id).order_by(feeds.c.url)
        )
    ]
    volume: list[DayCount] = []
    if src.last_published is not None:
        last = src.last_published.date()
        start = datetime(last.year, last.month, last.day, tzinfo=UTC) - timedelta(days=days - 1)
        per: dict[date, int] = {}
        for (pub,) in conn.execute(
            select(articles.c.published).where(
                articles.c.source_id == source_id, articles.c.published >= start
            )
        ):
            d = _utc(pub)
            if d is not None:
                per[d.date()] = per.get(d.date(), 0) + 1
        volume = [
            DayCount(start.date() + timedelta(days=i), per.get(start.date() + timedelta(days=i), 0))
            for i in range(days)
        ]
    recent = [
        b
        for b, _ in _briefs(
            conn,
            articles.c.source_id == source_id,
            order=articles.c.published.desc().nulls_last(),
            limit=20,
        )
    ]
    return SourceDetail(src, feed_rows, volume, recent)


# ---------------------------------------------------------------- articles and search


def _story_refs(conn: Connection, ids: Iterable[int | None]) -> dict[int, Ref]:
    wanted = {i for i in ids if i is not None}
    if not wanted:
        return {}
    q = select(stories.c.id, stories.c.headline).where(stories.c.id.in_(wanted))
    return {r[0]: Ref(r[0], r[1]) for r in conn.execute(q)}


def article_detail(conn: Connection, article_id: int) -> ArticleDetail | None:
    """One article with its text, story, original (for a copy) and copies (for an original)."""
    found = _briefs(
        conn,
        articles.c.id == article_id,
        extra=[articles.c.byline, articles.c.text, articles.c.syndication_group_id],
    )
    if not found:
        return None
    brief, (byline, body, group) = found[0]
    paragraphs = [p.strip() for p in (body or "").split("\n\n") if p.strip()]
    original = None
    copies: list[ArticleBrief] = []
    if group is not None:
        orig_id = conn.execute(
            select(syndication_groups.c.original_article_id).where(syndication_groups.c.id == group)
        ).scalar()
        if brief.is_copy and orig_id is not None and orig_id != article_id:
            hit = _briefs(conn, articles.c.id == orig_id)
            original = hit[0][0] if hit else None
        elif orig_id == article_id:
            copies = [
                b
                for b, _ in _briefs(
                    conn,
                    and_(articles.c.syndication_group_id == group, articles.c.is_copy.is_(True)),
                )
            ]
    story = _story_refs(conn, [brief.story_id]).get(brief.story_id or -1)
    return ArticleDetail(brief, byline, paragraphs, story, original, copies)


def search_view(conn: Connection, query: str, limit: int = 20, offset: int = 0) -> SearchPage:
    """Full-text search over articles, each hit with its story."""
    rows = search_articles(conn, query, limit=limit + 1, offset=offset)
    ids = [int(r["id"]) for r in rows[:limit]]
    briefs = {b.id: b for b, _ in _briefs(conn, articles.c.id.in_(ids))} if ids else {}
    refs = _story_refs(conn, (b.story_id for b in briefs.values()))
    hits = [SearchHit(briefs[i], refs.get(briefs[i].story_id or -1)) for i in ids if i in briefs]
    return SearchPage(query, limit, offset, len(rows) > limit, hits)
