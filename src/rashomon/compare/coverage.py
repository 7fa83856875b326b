"""Coverage of a story: who reported it, from where, in which languages, when, and who was first."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from rashomon.compare.story import StoryArticle


@dataclass(frozen=True)
class Count:
    """Articles of one country, language or outlet: originals and republished copies."""

    key: str
    originals: int
    copies: int
    outlets: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class TimelinePoint:
    """Articles published in one time bucket (hour or day, UTC)."""

    start: datetime
    originals: int
    copies: int


@dataclass(frozen=True)
class FirstReport:
    """The earliest original article of the story."""

    article: str
    outlet: str
    country: str
    published: datetime


@dataclass
class Coverage:
    """Counts by country, language and outlet, a timeline and the first reporter."""

    articles: int = 0
    originals: int = 0
    copies: int = 0
    by_country: list[Count] = field(default_factory=list)
    by_language: list[Count] = field(default_factory=list)
    by_outlet: list[Count] = field(default_factory=list)
    timeline: list[TimelinePoint] = field(default_factory=list)
    bucket: str = "hour"
    first: FirstReport | None = None
    first_seen: datetime | None = None
    last_seen: datetime | None = None


def _counts(articles: Sequence[StoryArticle], key: Callable[[StoryArticle], str]) -> list[Count]:
    slots: dict[str, list[StoryArticle]] = {}
    for article in articles:
        slots.setdefault(key(article) or "", []).append(article)
    out = [Count(k, sum(not a.is_copy for a in v), sum(a.is_copy for a in v),
                 sorted({a.outlet for a in v})) for k, v in slots.items()]
    return sorted(out, key=lambda c: (-c.originals, -c.copies, c.key))


def _floor(when: datetime, bucket: str) -> datetime:
    when = when.replace(minute=0, second=0, microsecond=0)
    return when.replace(hour=0) if bucket == "day" else when


def _timeline(dated: list[StoryArticle], bucket: str) -> list[TimelinePoint]:
    slots: dict[datetime, list[int]] = {}
    for article in dated:
        slot = slots.setdefault(_floor(_when(article), bucket), [0, 0])
        slot[1 if article.is_copy else 0] += 1
    return [TimelinePoint(k, v[0], v[1]) for k, v in sorted(slots.items())]


def _utc(when: datetime) -> datetime:
    return when.astimezone(UTC) if when.tzinfo else when.replace(tzinfo=UTC)


def _when(article: StoryArticle) -> datetime:
    assert article.published is not None
    return _utc(article.published)


def coverage(articles: Sequence[StoryArticle]) -> Coverage:
    """Coverage of a story from all its articles (copies counted apart from originals)."""
    dated = sorted((a for a in articles if a.published), key=_when)
    first_seen = _when(dated[0]) if dated else None
    last_seen = _when(dated[-1]) if dated else None
    span = (last_seen - first_seen) if first_seen and last_seen else timedelta(0)
    bucket = "day" if span > timedelta(days=3) else "hour"
    originals = [a for a in dated if not a.is_copy]
    first = originals[0] if originals else None
    return Coverage(
        len(articles), sum(not a.is_copy for a in articles), sum(a.is_copy for a in articles),
        _counts(articles, lambda a: a.country), _counts(articles, lambda a: a.language),
        _counts(articles, lambda a: a.outlet), _timeline(dated, bucket), bucket,
        FirstReport(first.id, first.outlet, first.country, _when(first)) if first else None,
        first_seen, last_seen)
