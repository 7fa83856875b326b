"""Helpers shared by the API, the pages and the feeds: connections, parameters, lookups."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date

from fastapi import HTTPException, Request
from sqlalchemy import Connection

from rashomon.store import Store, views


@dataclass(frozen=True)
class WebConfig:
    """The web settings the handlers need."""

    cache_seconds: float = 5.0
    blindspots: views.BlindspotRule = views.BlindspotRule()
    blindspot_days: int = 7
    base_url: str = ""
    page_size: int = 30


@contextmanager
def connect(request: Request) -> Iterator[Connection]:
    """A read connection to the app's store."""
    store: Store = request.app.state.store
    with store.connect() as conn:
        yield conn


def config(request: Request) -> WebConfig:
    """The app's web settings."""
    cfg: WebConfig = request.app.state.web
    return cfg


def parse_day(value: str | None) -> date | None:
    """A YYYY-MM-DD query parameter; 400 when malformed."""
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise HTTPException(400, f"date must be YYYY-MM-DD, got {value!r}") from None


def country_code(value: str) -> str:
    """An ISO 3166-1 alpha-2 path segment, upper-cased; 404 for anything else."""
    if len(value) != 2 or not value.isascii() or not value.isalpha():
        raise HTTPException(404, f"{value!r} is not a two-letter country code")
    return value.upper()


def story_or_redirect(conn: Connection, story_id: int) -> views.StoryDetail | int:
    """The story, or the id it was merged into (the caller redirects); 404 when unknown."""
    target = views.resolve_story_id(conn, story_id)
    if target is None:
        raise HTTPException(404, f"no story with id {story_id}")
    if target != story_id:
        return target
    detail = views.story_detail(conn, target)
    if detail is None:
        raise HTTPException(404, f"no story with id {story_id}")
    return detail


def base_url(request: Request) -> str:
    """The public base URL (setting base_url, else the request's), without a trailing slash."""
    return (config(request).base_url or str(request.base_url)).rstrip("/")
