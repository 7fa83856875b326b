"""The FastAPI app factory: JSON API under /api, HTML pages, Atom feeds, local static assets."""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from rashomon import __version__
from rashomon.settings import Settings, load_settings
from rashomon.store import Store
from rashomon.store.views import BlindspotRule
from rashomon.web import api, feeds, pages
from rashomon.web.common import WebConfig
from rashomon.web.middleware import MicroCache, SecurityHeaders
from rashomon.web.render import page

STATIC = Path(__file__).parent / "static"
DESCRIPTION = ("The same event, told by every country's press: stories with the world's take, "
               "alternative takes, quotes, figures and coverage. Every page of the web UI has "
               "a JSON twin here.")


def _wants_json(request: Request) -> bool:
    path = request.url.path
    return path.startswith(("/api/", "/feeds/", "/openapi")) or \
        "application/json" in request.headers.get("accept", "") and \
        "text/html" not in request.headers.get("accept", "")


async def _http_error(request: Request, exc: Exception) -> Response:
    status = getattr(exc, "status_code", 500)
    detail = getattr(exc, "detail", "error")
    if _wants_json(request):
        return JSONResponse({"detail": detail}, status_code=status,
                            headers=getattr(exc, "headers", None))
    return page("error.html", status=status, code=status, detail=detail)


async def _validation_error(request: Request, exc: Exception) -> Response:
    errors = exc.errors() if isinstance(exc, RequestValidationError) else []
    if _wants_json(request):
        # a validator's error carries its exception in "ctx": encode it as FastAPI does
        return JSONResponse({"detail": jsonable_encoder(errors)}, status_code=422)
    detail = "; ".join(f"{'.'.join(str(x) for x in e['loc'][1:])}: {e['msg']}" for e in errors)
    return page("error.html", status=422, code=422, detail=detail or "invalid request")


def create_app(settings_or_store: Settings | Store | None = None,
               cache_seconds: float | None = None, settings: Settings | None = None) -> FastAPI:
    """The web app over a store (or the store the settings name); `settings` go with a store."""
    if isinstance(settings_or_store, Store):
        settings, store = settings or load_settings(), settings_or_store
    else:
        settings = settings_or_store or settings or load_settings()
        store = Store(settings.resolved_database_url)
    web = WebConfig(
        cache_seconds=settings.web_cache_seconds if cache_seconds is None else cache_seconds,
        blindspots=BlindspotRule(settings.blindspot_min_countries, settings.blindspot_min_outlets,
                                 settings.blindspot_only_min_outlets),
        blindspot_days=settings.blindspot_window_days, base_url=settings.base_url,
        page_size=settings.page_size)
    app = FastAPI(title="Rashomon", version=__version__, description=DESCRIPTION,
                  docs_url=None, redoc_url=None, openapi_url="/openapi.json")
    app.state.store = store
    app.state.web = web
    app.include_router(api.router)
    app.include_router(feeds.router)
    app.include_router(pages.router)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_middleware(MicroCache, seconds=web.cache_seconds)
    app.add_middleware(SecurityHeaders)
    return app


def create_app_from_env() -> FastAPI:
    """Factory for uvicorn workers: settings from RASHOMON_* and RASHOMON_CONFIG."""
    return create_app(load_settings())
