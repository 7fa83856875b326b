"""Jinja2 environment: autoescaping, nh3 sanitising of outlet text, URL and time filters."""

from __future__ import annotations

import re
from datetime import date, datetime
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode, urlsplit

import nh3
from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup, escape
from starlette.responses import HTMLResponse

from rashomon.store.views import country_name

TEMPLATES = Path(__file__).parent / "templates"
# Bidi embeddings, overrides and isolates (U+202A-E, U+2066-9): an outlet's unclosed U+202E
# would reverse how the rest of the line reads (the outlet chip next to a headline, say).
BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")


def clean(value: Any) -> Markup:
    """Outlet-supplied text as safe HTML: every tag, script and attribute is stripped."""
    if value is None:
        return Markup("")
    text = BIDI_CONTROLS.sub("", str(value))
    if "<" not in text and "&" not in text:
        return escape(text)  # plain text (the common case): escaping is all nh3 would do
    # nh3 drops <script>/<style> with their content and escapes <, > and &; quotes are
    # escaped too so the result is safe inside an attribute as well.
    text = nh3.clean(text, tags=set(), attributes={})
    return Markup(text.replace('"', "&#34;").replace("'", "&#39;"))


def chips(support: Any) -> Markup:
    """Outlet chips linking to the articles that carry a statement (see views.Support)."""
    parts = []
    for s in support or ():
        name = clean(s.get("source_name") or s.get("source_id"))
        cc = str(s.get("country") or "")
        where = f" ({escape(country_name(cc))})" if cc else ""
        code = f' <span class="cc">{escape(cc)}</span>' if cc else ""
        href = (f"/article/{int(s['article_id'])}" if s.get("article_id") is not None
                else f"/source/{quote(str(s.get('source_id', '')), safe='')}")
        parts.append(f'<a class="chip" href="{escape(href)}" '
                     f'title="{name}{where}">{name}{code}</a>')
    return Markup('<span class="chips">' + "".join(parts) + "</span>")


def safe_url(value: Any) -> str:
    """An outlet URL fit for href: only http(s), anything else becomes '#'."""
    text = str(value or "").strip()
    try:
        scheme = urlsplit(text).scheme.lower()
    except ValueError:
        return "#"
    return text if scheme in {"http", "https"} else "#"


def when(value: datetime | None, fmt: str = "%Y-%m-%d %H:%M") -> str:
    """A UTC time for people; empty when unknown."""
    return value.strftime(fmt) + " UTC" if value else ""


def iso(value: datetime | date | None) -> str:
    """Machine-readable time for <time datetime=...>."""
    return value.isoformat() if value else ""


def query(base: str, **params: Any) -> str:
    """A URL with the non-empty parameters as its query string."""
    items = {k: v for k, v in params.items() if v not in (None, "", 0) or k == "offset"}
    items = {k: v for k, v in items.items() if not (k == "offset" and not v)}
    return base + ("?" + urlencode(items) if items else "")


@lru_cache(maxsize=1)
def environment() -> Environment:
    """The shared template environment (autoescape on for every template)."""
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=select_autoescape(["html", "xml", "svg"], default=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(clean=clean, chips=chips, safe_url=safe_url, when=when, iso=iso,
                       country_name=country_name)
    env.globals.update(query=query)
    return env


def page(template: str, status: int = 200, **context: Any) -> HTMLResponse:
    """Render a template into an HTML response."""
    html = environment().get_template(template).render(**context)
    return HTMLResponse(html, status_code=status)
