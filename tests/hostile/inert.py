"""Structural checks that a rendered page or feed carries no active content from outlets."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser

URL_ATTRS = {"href", "src", "action", "formaction", "xlink:href", "data", "poster",
             "background", "srcset", "ping", "codebase", "cite", "manifest"}
FORBIDDEN_TAGS = {"iframe", "frame", "frameset", "object", "embed", "applet", "base", "style",
                  "link-import", "portal"}
BAD_SCHEME = re.compile(r"^(?:javascript|vbscript|data|livescript):")
BIDI = re.compile("[\u202a-\u202e\u2066-\u2069]")


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k.lower(): v or "" for k, v in attrs}
        where = f"<{tag} {' '.join(f'{k}={v!r}' for k, v in a.items())}>"[:160]
        if tag == "script" and not a.get("src", "").startswith("/static/"):
            self.problems.append(f"inline or foreign script: {where}")
        if tag in FORBIDDEN_TAGS:
            self.problems.append(f"forbidden element: {where}")
        if tag == "meta" and a.get("http-equiv", "").lower() == "refresh":
            self.problems.append(f"meta refresh: {where}")
        for name, value in a.items():
            if name.startswith("on"):
                self.problems.append(f"event handler {name}: {where}")
            # browsers ignore whitespace and control characters inside a scheme
            squeezed = re.sub(r"[\x00-\x20]", "", value).lower()
            if name in URL_ATTRS and BAD_SCHEME.match(squeezed):
                self.problems.append(f"script URL in {name}: {where}")
            if name == "style" and ("expression(" in squeezed or "javascript:" in squeezed):
                self.problems.append(f"script in style: {where}")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)


def html_problems(html: str) -> list[str]:
    """Every way the page could run outlet-supplied code or reorder its text."""
    collector = _Collector()
    collector.feed(html)
    collector.close()
    if BIDI.search(html):
        collector.problems.append("bidi override/embedding/isolate control in the page")
    return collector.problems


def feed_problems(xml: str) -> list[str]:
    """Problems in an Atom feed: active markup in any text, or HTML content that is not inert."""
    problems: list[str] = []
    for el in ET.fromstring(xml).iter():
        text = el.text or ""
        if el.get("type") in ("html", "xhtml"):
            problems += html_problems(text)
        elif re.search(r"<\s*(script|img|svg|iframe)|javascript:|\bon\w+\s*=", text, re.I):
            problems.append(f"active-looking text in <{el.tag}>: {text[:120]!r}")
        if BIDI.search(text):
            problems.append(f"bidi control in <{el.tag}>")
        href = re.sub(r"[\x00-\x20]", "", el.get("href", "")).lower()
        if BAD_SCHEME.match(href):
            problems.append(f"script URL in <{el.tag} href>: {href[:80]!r}")
    return problems
