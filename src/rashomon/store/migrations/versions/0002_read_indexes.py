"""Indexes for the read side: a story's thread, a group's copies, an outlet's recent articles.

Revision ID: 0002
Revises: 0001
"""

from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_stories_thread", "stories", ["thread_id"])
    op.create_index("ix_articles_syndication_group", "articles", ["syndication_group_id"])
    op.create_index("ix_articles_source_published", "articles", ["source_id", "published"])
