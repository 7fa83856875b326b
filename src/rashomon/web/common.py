"""Helpers shared by the API, the pages and the feeds: connections, parameters, lookups."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date

from fastapi import HTTPException, Request
from sqlalchemy import Connection

from rashomon.store import Store, views

# Ids are 32-bit integers in PostgreSQL (64-bit in SQLite): a larger id or offset in a URL
# would reach the database and fail there (a 500); bounding the parameters makes it a 422.
MAX_ID = 2**31 - 1
MAX_OFFSET = 2**31 - 1  # past any store's rows, and offset + limit stays in range
# Windows reach up to 366 days either side of a day: these bounds keep that arithmetic in range.
DAY_MIN, DAY_MAX = date(1900, 1, 1), date(9000, 12, 31)


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


def iso_day(value: object) -> object:
    """Only YYYY-MM-DD text is a day (pydantic alone would read "0.0" as 1970-01-01)."""
    if isinstance(value, str) and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        raise ValueError("date must be YYYY-MM-DD")
    return value


def check_day(value: date | None) -> date | None:
    """The day when within DAY_MIN..DAY_MAX; ValueError otherwise."""
    if value is not None and not DAY_MIN <= value <= DAY_MAX:
        raise ValueError(f"date must be between {DAY_MIN} and {DAY_MAX}")
    return value


def parse_day(value: str | None) -> date | None:
    """A YYYY-MM-DD query parameter; 400 when malformed or out of range."""
    if not value:
        return None
    try:
        return check_day(date.fromisoformat(value))
    except ValueError as exc:
        raise HTTPException(400, f"date must be YYYY-MM-DD between {DAY_MIN} and {DAY_MAX}, "
                                 f"got {value!r}") from exc


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
