"""HTML pages: server-rendered from the same rashomon.store.views functions as the API."""

from __future__ import annotations

from datetime import timedelta
from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Path, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from rashomon.store import views
from rashomon.web import mapsvg
from rashomon.web.common import (
    MAX_ID,
    MAX_OFFSET,
    config,
    connect,
    country_code,
    parse_day,
    story_or_redirect,
)
from rashomon.web.render import page, query

router = APIRouter(include_in_schema=False)

DayParam = Annotated[str | None, Query(alias="date")]
DaysParam = Annotated[int, Query(ge=1, le=366)]
OffsetParam = Annotated[int, Query(ge=0, le=MAX_OFFSET)]
IdParam = Annotated[int, Path(ge=1, le=MAX_ID)]
DAY_CHOICES = (1, 3, 7, 30)


def _nav(base: str, day: Any, days: int, **extra: Any) -> dict[str, Any]:
    """Previous/next-day links and the date form's values."""
    choices = tuple(sorted({*DAY_CHOICES, days}))
    if day is None:
        return {"day": None, "days": days, "prev": None, "next": None, "day_choices": choices}
    step = timedelta(days=1)
    return {"day": day, "days": days, "day_choices": choices,
            "prev": query(base, date=(day - step).isoformat(), days=days, **extra),
            "next": query(base, date=(day + step).isoformat(), days=days, **extra)}


@router.get("/", response_class=HTMLResponse)
def front(request: Request, date: DayParam = None, days: DaysParam = 1,
          offset: OffsetParam = 0) -> HTMLResponse:
    """Today's stories ranked by breadth."""
    size = config(request).page_size
    with connect(request) as conn:
        result = views.list_stories(conn, parse_day(date), days, limit=size, offset=offset)
    more = query("/", date=result.date and result.date.isoformat(), days=days,
                 offset=offset + size) if offset + size < result.total else None
    return page("front.html", result=result, more=more, nav=_nav("/", result.date, days),
                active="front")


@router.get("/story/{story_id}", response_class=HTMLResponse)
def story(request: Request, story_id: IdParam) -> Response:
    """A story: world's take, alternative takes, quotes, figures, coverage, articles."""
    with connect(request) as conn:
        found = story_or_redirect(conn, story_id)
    if isinstance(found, int):
        return RedirectResponse(f"/story/{found}", status_code=308)
    counts = {c.code: c.articles for c in found.story.countries}
    world = mapsvg.render(counts, "articles", "Countries whose outlets covered this story")
    briefs = [b for g in found.articles for b in [g.original, *g.copies]]
    timeline = sorted((b for b in briefs if b.published), key=lambda b: (b.published, b.id))
    return page("story.html", d=found, s=found.story, a=found.analysis, world=world,
                legend=mapsvg.legend(counts), timeline=timeline, active="front")


@router.get("/map", response_class=HTMLResponse)
def world_map(request: Request, date: DayParam = None, days: DaysParam = 1) -> HTMLResponse:
    """The world map shaded by how many stories each country's outlets covered."""
    with connect(request) as conn:
        view = views.world_view(conn, parse_day(date), days)
    counts = {c.code: c.stories for c in view.countries}
    qs = query("", date=view.date and view.date.isoformat(), days=days if days > 1 else None)
    svg = mapsvg.render(counts, "stories", "World map of news coverage", qs)
    return page("map.html", view=view, svg=svg, legend=mapsvg.legend(counts), qs=qs,
                nav=_nav("/map", view.date, days), active="map")


OptDays = Annotated[int | None, Query(ge=1, le=366)]


def _country(request: Request, code: str, date: str | None,
             days: int | None) -> views.CountryView:
    cfg = config(request)
    with connect(request) as conn:
        return views.country_view(conn, country_code(code), parse_day(date),
                                  days or cfg.blindspot_days, cfg.blindspots, cfg.page_size)


@router.get("/country/{code}", response_class=HTMLResponse)
def country(request: Request, code: str, date: DayParam = None,
            days: OptDays = None) -> Response:
    """What a country's outlets cover now, what they overlook, what only they cover."""
    if code != code.upper():
        return RedirectResponse(query(f"/country/{code.upper()}", date=date, days=days), 308)
    view = _country(request, code, date, days)
    with connect(request) as conn:
        outlets = views.list_source_health(conn, view.code)
    return page("country.html", view=view, outlets=outlets,
                nav=_nav(f"/country/{view.code}", view.date, view.days),
                rule=config(request).blindspots, active="map")


@router.get("/blindspots", response_class=HTMLResponse)
def blindspots(request: Request, country: Annotated[str | None, Query()] = None,
               date: DayParam = None, days: OptDays = None) -> HTMLResponse:
    """Both blindspot lists for a chosen country."""
    with connect(request) as conn:
        choices = sorted({(s.country, s.country_name) for s in views.list_source_health(conn)},
                         key=lambda c: c[1])
    view = _country(request, country, date, days) if country else None
    nav = _nav("/blindspots", view.date if view else None,
               view.days if view else (days or config(request).blindspot_days),
               country=view.code if view else None)
    return page("blindspots.html", view=view, choices=choices, nav=nav,
                rule=config(request).blindspots, active="blindspots")


@router.get("/threads", response_class=HTMLResponse)
def threads(request: Request) -> HTMLResponse:
    """Ongoing topics."""
    with connect(request) as conn:
        rows = views.list_threads(conn, limit=200)
    return page("threads.html", threads=rows, active="threads")


@router.get("/thread/{thread_id}", response_class=HTMLResponse)
def thread(request: Request, thread_id: IdParam) -> HTMLResponse:
    """A thread's stories in order."""
    with connect(request) as conn:
        view = views.thread_view(conn, thread_id)
    if view is None:
        raise HTTPException(404, f"no thread with id {thread_id}")
    return page("thread.html", view=view, active="threads")


@router.get("/sources", response_class=HTMLResponse)
def sources(request: Request) -> HTMLResponse:
    """Every outlet with its volume and fetch health."""
    with connect(request) as conn:
        rows = views.list_source_health(conn)
    return page("sources.html", sources=rows, active="sources")


@router.get("/source/{source_id}", response_class=HTMLResponse)
def source(request: Request, source_id: str) -> HTMLResponse:
    """An outlet's profile, volume, feeds and recent articles."""
    with connect(request) as conn:
        view = views.source_detail(conn, source_id)
    if view is None:
        raise HTTPException(404, f"no source {source_id!r}")
    top = max((d.articles for d in view.volume), default=0)
    return page("source.html", view=view, top=top, active="sources")


@router.get("/article/{article_id}", response_class=HTMLResponse)
def article(request: Request, article_id: IdParam) -> HTMLResponse:
    """One article's text, with its story, original and copies."""
    with connect(request) as conn:
        view = views.article_detail(conn, article_id)
    if view is None:
        raise HTTPException(404, f"no article with id {article_id}")
    return page("article.html", view=view, active="front")


@router.get("/search", response_class=HTMLResponse)
def search(request: Request, q: Annotated[str, Query(max_length=200)] = "",
           offset: OffsetParam = 0) -> HTMLResponse:
    """Full-text search over every article."""
    result = None
    if q.strip():
        with connect(request) as conn:
            result = views.search_view(conn, q, 20, offset)
    return page("search.html", q=q, result=result, active="search")


@router.get("/docs", response_class=HTMLResponse)
def docs(request: Request) -> HTMLResponse:
    """The API reference, rendered from the OpenAPI schema (no scripts from elsewhere)."""
    spec = request.app.openapi()
    return page("docs.html", spec=spec, active="docs")
