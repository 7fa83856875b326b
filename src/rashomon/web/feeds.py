"""Atom 1.0 feeds (RFC 4287): top stories, per country, per-country blindspots, per thread."""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Annotated

import nh3
from fastapi import APIRouter, HTTPException, Path, Request
from fastapi.responses import Response

from rashomon import __version__
from rashomon.store import views
from rashomon.web.common import MAX_ID, base_url, config, connect, country_code

router = APIRouter(prefix="/feeds", include_in_schema=False)
ATOM = "http://www.w3.org/2005/Atom"
MEDIA_TYPE = "application/atom+xml; charset=utf-8"
# XML-illegal characters, and bidi controls that would reorder a reader's line (see render.py)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\u202a-\u202e\u2066-\u2069\ufffe\uffff]")
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def plain(value: object) -> str:
    """Outlet text as plain XML-safe text: tags and scripts stripped, entities resolved."""
    return _CONTROL.sub("", html.unescape(nh3.clean(str(value or ""), tags=set())))


def _stamp(dt: datetime | None) -> str:
    return (dt or _EPOCH).astimezone(UTC).isoformat().replace("+00:00", "Z")


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    el = ET.SubElement(parent, tag, attrs)
    if text is not None:
        el.text = text
    return el


def atom(request: Request, title: str, path: str, cards: Iterable[views.StoryCard],
         note: dict[int, str] | None = None) -> Response:
    """An Atom feed of stories; `note` prefixes an entry's summary (e.g. which blindspot)."""
    base = base_url(request)
    cards = list(cards)
    feed = ET.Element("feed", xmlns=ATOM)  # children inherit the default namespace
    _sub(feed, "id", base + path)
    _sub(feed, "title", title)
    _sub(feed, "updated", _stamp(max((c.last_seen or c.first_seen or _EPOCH for c in cards),
                                     default=None)))
    author = _sub(feed, "author")
    _sub(author, "name", "Rashomon")
    _sub(feed, "link", rel="self", href=base + path, type="application/atom+xml")
    _sub(feed, "link", rel="alternate", href=base + "/", type="text/html")
    _sub(feed, "generator", "Rashomon", version=__version__)
    for c in cards:
        entry = _sub(feed, "entry")
        url = f"{base}/story/{c.id}"
        _sub(entry, "id", url)
        _sub(entry, "title", plain(c.headline or f"Story {c.id}"))
        _sub(entry, "updated", _stamp(c.last_seen or c.first_seen))
        if c.first_seen:
            _sub(entry, "published", _stamp(c.first_seen))
        _sub(entry, "link", rel="alternate", href=url, type="text/html")
        coverage = (f"{c.n_original_outlets} outlets in {c.n_countries} countries: "
                    + ", ".join(x.name for x in c.countries) + ".")
        prefix = (note or {}).get(c.id, "")
        _sub(entry, "summary", plain(" ".join(x for x in (prefix, c.take or "", coverage) if x)))
        for x in c.countries:
            _sub(entry, "category", term=x.code, label=x.name)
    body = ET.tostring(feed, encoding="unicode")
    return Response('<?xml version="1.0" encoding="utf-8"?>\n' + body, media_type=MEDIA_TYPE)


@router.get("/top.atom")
def top(request: Request) -> Response:
    """The day's top stories."""
    with connect(request) as conn:
        result = views.list_stories(conn, limit=30)
    return atom(request, "Rashomon: top stories", "/feeds/top.atom", result.items)


@router.get("/country/{code}.atom")
def country(request: Request, code: str) -> Response:
    """What a country's outlets cover."""
    cc = country_code(code)
    with connect(request) as conn:
        view = views.country_view(conn, cc, None, config(request).blindspot_days,
                                  config(request).blindspots)
    return atom(request, f"Rashomon: {view.name} press", f"/feeds/country/{cc}.atom",
                view.stories)


@router.get("/country/{code}/blindspots.atom")
def blindspots(request: Request, code: str) -> Response:
    """Stories a country's press overlooks, and stories only it covers."""
    cc = country_code(code)
    with connect(request) as conn:
        view = views.country_view(conn, cc, None, config(request).blindspot_days,
                                  config(request).blindspots)
    note = {c.id: f"Overlooked by {view.name} media." for c in view.overlooked}
    note |= {c.id: f"Only {view.name} media cover this." for c in view.only_here}
    return atom(request, f"Rashomon: {view.name} blindspots",
                f"/feeds/country/{cc}/blindspots.atom", view.overlooked + view.only_here, note)


@router.get("/thread/{thread_id}.atom")
def thread(request: Request, thread_id: Annotated[int, Path(ge=1, le=MAX_ID)]) -> Response:
    """A thread's stories, newest first."""
    with connect(request) as conn:
        view = views.thread_view(conn, thread_id)
    if view is None:
        raise HTTPException(404, f"no thread with id {thread_id}")
    label = plain(view.thread.label or f"Thread {thread_id}")
    return atom(request, f"Rashomon: {label}", f"/feeds/thread/{thread_id}.atom",
                list(reversed(view.stories)))
