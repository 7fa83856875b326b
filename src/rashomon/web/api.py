"""The JSON API under /api: thin wrappers over rashomon.store.views with typed responses."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Path, Query, Request
from fastapi.responses import RedirectResponse, Response
from pydantic import AfterValidator, BeforeValidator

from rashomon.store import views
from rashomon.web.common import (
    MAX_ID,
    MAX_OFFSET,
    check_day,
    config,
    connect,
    country_code,
    iso_day,
    story_or_redirect,
)

router = APIRouter(prefix="/api")

Day = Annotated[date | None, Query(description="UTC day YYYY-MM-DD (1900-01-01 to 9000-12-31); "
                                               "default: the latest day with stories."),
               BeforeValidator(iso_day), AfterValidator(check_day)]
Days = Annotated[int, Query(ge=1, le=366, description="Window length in days, ending on `date`.")]
Limit = Annotated[int, Query(ge=1, le=200)]
Offset = Annotated[int, Query(ge=0, le=MAX_OFFSET)]
Id = Annotated[int, Path(ge=1, le=MAX_ID)]
Country = Annotated[str, Path(description="ISO 3166-1 alpha-2 code.", min_length=2,
                              max_length=2)]
_MOVED: dict[int | str, dict[str, Any]] = {308: {"description": "The story was merged; Location names the surviving story."},
          404: {"description": "No such story."}}


def _missing(what: str) -> dict[int | str, dict[str, Any]]:
    return {404: {"description": f"No such {what}."}}


@router.get("/stories", tags=["stories"], summary="Stories ranked by breadth")
def stories(
    request: Request, date: Day = None, days: Days = 1,
    country: Annotated[str | None, Query(pattern="^[A-Za-z]{2}$",
                                         description="Covered by this country's outlets.")] = None,
    language: Annotated[str | None, Query(pattern="^[A-Za-z]{2,3}$")] = None,
    thread: Annotated[int | None, Query(ge=1, le=MAX_ID,
                                       description="Only stories of this thread.")] = None,
    min_outlets: Annotated[int, Query(ge=0, le=MAX_ID,
                                      description="Fewest original outlets.")] = 0,
    limit: Limit = 30, offset: Offset = 0,
) -> views.StoryPage:
    """Stories active in the window, ranked by countries × original outlets with recency."""
    with connect(request) as conn:
        return views.list_stories(conn, date, days, country, language, thread, min_outlets,
                                  limit, offset)


@router.get("/stories/{story_id}", tags=["stories"], summary="One story with its analysis",
            responses=_MOVED, response_model=views.StoryDetail)
def story(request: Request, story_id: Id) -> Response | views.StoryDetail:
    """A story: coverage, articles (copies under originals), the whole analysis, thread."""
    with connect(request) as conn:
        found = story_or_redirect(conn, story_id)
    if isinstance(found, int):
        return RedirectResponse(f"/api/stories/{found}", status_code=308)
    return found


@router.get("/countries", tags=["countries"], summary="Coverage per country (the map)")
def countries(request: Request, date: Day = None, days: Days = 1) -> views.WorldView:
    """Stories, articles and outlets per country in the window."""
    with connect(request) as conn:
        return views.world_view(conn, date, days)


@router.get("/countries/{code}", tags=["countries"], summary="A country and its blindspots",
            responses=_missing("country (not a two-letter code)"))
def country(request: Request, code: Country, date: Day = None,
            days: Annotated[int | None, Query(ge=1, le=366, description=(
                "Window length in days; default: the blindspot_window_days setting."))] = None,
            limit: Limit = 30) -> views.CountryView:
    """Its outlets' stories, stories it overlooks, and stories only it covers."""
    cc, cfg = country_code(code), config(request)
    with connect(request) as conn:
        return views.country_view(conn, cc, date, days or cfg.blindspot_days, cfg.blindspots,
                                  limit)


@router.get("/threads", tags=["threads"], summary="Ongoing topics")
def threads(request: Request, limit: Limit = 50, offset: Offset = 0) -> list[views.ThreadCard]:
    """Threads, most recently active first."""
    with connect(request) as conn:
        return views.list_threads(conn, limit, offset)


@router.get("/threads/{thread_id}", tags=["threads"], summary="A thread and its stories",
            responses=_missing("thread"))
def thread(request: Request, thread_id: Id) -> views.ThreadView:
    """A thread with its stories in the order they broke."""
    with connect(request) as conn:
        found = views.thread_view(conn, thread_id)
    if found is None:
        raise HTTPException(404, f"no thread with id {thread_id}")
    return found


@router.get("/sources", tags=["sources"], summary="Outlets with volume and fetch health")
def sources(request: Request, country: Annotated[str | None, Query(
        pattern="^[A-Za-z]{2}$")] = None) -> list[views.SourceHealth]:
    """Every outlet, by country then name."""
    with connect(request) as conn:
        return views.list_source_health(conn, country)


@router.get("/sources/{source_id}", tags=["sources"], summary="One outlet",
            responses=_missing("source"))
def source(request: Request, source_id: str) -> views.SourceDetail:
    """An outlet's profile, feeds, daily volume and recent articles."""
    with connect(request) as conn:
        found = views.source_detail(conn, source_id)
    if found is None:
        raise HTTPException(404, f"no source {source_id!r}")
    return found


@router.get("/articles/{article_id}", tags=["articles"], summary="One article",
            responses=_missing("article"))
def article(request: Request, article_id: Id) -> views.ArticleDetail:
    """An article's text, story, original (when a copy) and copies (when an original)."""
    with connect(request) as conn:
        found = views.article_detail(conn, article_id)
    if found is None:
        raise HTTPException(404, f"no article with id {article_id}")
    return found


@router.get("/search", tags=["articles"], summary="Full-text search")
def search(request: Request, q: Annotated[str, Query(min_length=1, max_length=200)],
           limit: Limit = 20, offset: Offset = 0) -> views.SearchPage:
    """Articles containing every word of `q` (titles and text, any language)."""
    with connect(request) as conn:
        return views.search_view(conn, q, limit, offset)
