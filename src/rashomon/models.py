"""Plain dataclasses passed between pipeline stages (no I/O, no database types)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime


@dataclass(frozen=True)
class RawDocument:
    """What an importer or the crawler hands to extraction."""

    url: str
    source_id: str
    html: str | None = None
    text: str | None = None
    title: str | None = None
    published: datetime | None = None
    language: str | None = None


@dataclass(frozen=True)
class RemovedLine:
    """A line cleanup took out of an article, and why."""

    text: str
    reason: str  # e.g. "template", "clutter:share", "caption_repeat"


@dataclass(frozen=True)
class Sentence:
    """A sentence with character offsets into the article's clean text."""

    index: int
    start: int
    end: int
    text: str
    paragraph: int = 0


@dataclass
class ExtractedArticle:
    """Clean text and metadata of one article."""

    text: str
    paragraphs: list[str] = field(default_factory=list)
    title: str | None = None
    byline: str | None = None
    published: datetime | None = None
    updated: datetime | None = None
    site_name: str | None = None
    canonical_url: str | None = None
    description: str | None = None
    image: str | None = None
    language_hint: str | None = None
    removed: list[RemovedLine] = field(default_factory=list)
    declared_origin: str | None = None  # outlet id or domain named as the original


# Processing stages in order; every article row carries the stage it has completed.
STAGES: tuple[str, ...] = (
    "fetched",
    "extracted",
    "language",
    "translated",
    "embedded",
    "syndicated",
    "clustered",
    "analysed",
)
