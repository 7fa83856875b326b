"""The database schema (SQLAlchemy Core), the same on SQLite and PostgreSQL.

This is the latest shape; migrations/versions/ builds it step by step and a test checks
that the two agree.
"""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    Column,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    PrimaryKeyConstraint,
    String,
    Table,
    Text,
    UniqueConstraint,
)

metadata = MetaData()

TS = DateTime(timezone=True)

sources = Table(
    "sources",
    metadata,
    Column("id", String(120), primary_key=True),
    Column("name", Text, nullable=False),
    Column("homepage", Text, nullable=False),
    Column("country", String(2), nullable=False),
    Column("languages", Text, nullable=False),  # comma-separated ISO 639-1
    Column("type", String(20), nullable=False),
    Column("wire", Boolean, nullable=False, default=False),
    Column("enabled", Boolean, nullable=False, default=True),
    Column("origin", String(20), nullable=False, default="catalog"),  # catalog | user | opml
)

feeds = Table(
    "feeds",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("source_id", String(120), ForeignKey("sources.id"), nullable=False),
    Column("url", Text, nullable=False, unique=True),
    Column("kind", String(20), nullable=False),  # rss | sitemap
    Column("etag", Text),
    Column("last_modified", Text),
    Column("interval_s", Integer, nullable=False, default=3600),
    Column("next_poll_at", TS),
    Column("last_polled_at", TS),
    Column("last_status", Integer),
    Column("last_error", Text),
    Column("error_count", Integer, nullable=False, default=0),
    Column("items_seen", Integer, nullable=False, default=0),
)

fetches = Table(
    "fetches",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("url", Text, nullable=False),
    Column("final_url", Text),
    Column("source_id", String(120), ForeignKey("sources.id")),
    Column("feed_id", Integer, ForeignKey("feeds.id")),
    Column("status", Integer),
    Column("headers", Text),  # JSON object
    Column("body", LargeBinary),  # zlib-compressed raw bytes
    Column("body_size", Integer),
    Column("etag", Text),
    Column("last_modified", Text),
    Column("started_at", TS, nullable=False),
    Column("elapsed_ms", Float),
    Column("error", Text),
    Index("ix_fetches_url", "url"),
)

threads = Table(
    "threads",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("label", Text),
    Column("created_at", TS, nullable=False),
    Column("updated_at", TS, nullable=False),
)

stories = Table(
    "stories",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("headline", Text),
    Column("first_seen", TS),
    Column("first_source_id", String(120)),
    Column("representative_article_id", Integer),
    Column("n_articles", Integer, nullable=False, default=0),
    Column("n_outlets", Integer, nullable=False, default=0),
    Column("n_countries", Integer, nullable=False, default=0),
    Column("n_languages", Integer, nullable=False, default=0),
    Column("thread_id", Integer, ForeignKey("threads.id")),
    Column("merged_into", Integer),  # a merged story's id redirects to the survivor
    Column("dirty", Boolean, nullable=False, default=True),
    Column("centroid", LargeBinary),
    Column("created_at", TS, nullable=False),
    Column("updated_at", TS, nullable=False),
    Index("ix_stories_first_seen", "first_seen"),
    Index("ix_stories_thread", "thread_id"),
)

syndication_groups = Table(
    "syndication_groups",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("original_article_id", Integer),
    Column("reason", String(40)),  # declared | wire | earliest
    Column("created_at", TS, nullable=False),
)

articles = Table(
    "articles",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("url", Text, nullable=False, unique=True),
    Column("canonical_url", Text),
    Column("source_id", String(120), ForeignKey("sources.id"), nullable=False),
    Column("fetch_id", Integer, ForeignKey("fetches.id")),
    Column("raw_html", LargeBinary),  # zlib-compressed; for imports without a fetch row
    Column("content_hash", String(40)),
    Column("title", Text),
    Column("title_en", Text),
    Column("lead_en", Text),
    Column("byline", Text),
    Column("published", TS),
    Column("updated", TS),
    Column("discovered_at", TS, nullable=False),
    Column("language", String(8)),
    Column("language_confidence", Float),
    Column("text", Text),
    Column("removed", Text),  # JSON list of {text, reason}
    Column("meta", Text),  # JSON: site name, description, image, ...
    Column("declared_origin", Text),
    Column("embed_hash", String(40)),
    Column("syndication_group_id", Integer, ForeignKey("syndication_groups.id")),
    Column("is_copy", Boolean, nullable=False, default=False),
    Column("story_id", Integer, ForeignKey("stories.id")),
    Column("stage", String(20), nullable=False, default="fetched"),  # last completed stage
    Column("stage_error", Text),
    Column("attempts", Integer, nullable=False, default=0),
    Column("updated_at", TS, nullable=False),
    Index("ix_articles_stage", "stage"),
    Index("ix_articles_published", "published"),
    Index("ix_articles_source", "source_id"),
    Index("ix_articles_content_hash", "content_hash"),
    Index("ix_articles_story", "story_id"),
    Index("ix_articles_syndication_group", "syndication_group_id"),
    Index("ix_articles_source_published", "source_id", "published"),
)

sentences = Table(
    "sentences",
    metadata,
    Column("article_id", Integer, ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
    Column("idx", Integer, nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("paragraph", Integer, nullable=False, default=0),
    Column("text", Text, nullable=False),
    Column("text_en", Text),
    PrimaryKeyConstraint("article_id", "idx"),
)

translations = Table(
    "translations",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("text_hash", String(40), nullable=False),
    Column("source_lang", String(8), nullable=False),
    Column("target_lang", String(8), nullable=False),
    Column("backend", String(40), nullable=False),
    Column("model", String(200), nullable=False, default=""),
    Column("text", Text, nullable=False),
    Column("created_at", TS, nullable=False),
    UniqueConstraint("text_hash", "source_lang", "target_lang", "backend", "model",
                     name="uq_translations_key"),
)

embeddings = Table(
    "embeddings",
    metadata,
    Column("text_hash", String(40), nullable=False),
    Column("model_id", String(200), nullable=False),
    Column("dim", Integer, nullable=False),
    Column("vector", LargeBinary, nullable=False),  # float32 little-endian
    Column("created_at", TS, nullable=False),
    PrimaryKeyConstraint("text_hash", "model_id"),
)

story_redirects = Table(
    "story_redirects",
    metadata,
    Column("old_id", Integer, primary_key=True),
    Column("story_id", Integer, nullable=False),
    Column("created_at", TS, nullable=False),
)

analyses = Table(
    "analyses",
    metadata,
    Column("story_id", Integer, ForeignKey("stories.id", ondelete="CASCADE"), primary_key=True),
    Column("version", Integer, nullable=False, default=1),
    Column("data", Text, nullable=False),  # JSON: claims, take, alternatives, quotes, figures
    Column("computed_at", TS, nullable=False),
)

TABLES_IN_COPY_ORDER: tuple[Table, ...] = (
    sources, feeds, fetches, threads, stories, syndication_groups, articles, sentences,
    translations, embeddings, story_redirects, analyses,
)
