"""Parse XML sitemaps: sitemap index files, URL sets and Google News tags, safely."""

from __future__ import annotations

import io
import re
import zlib
from dataclasses import dataclass, field
from datetime import UTC, datetime

from lxml import etree

# Entity declarations enable "billion laughs" and external-entity attacks: refuse them
# before any parser sees the document, and parse with entities and network access off.
_UNSAFE = re.compile(rb"<!\s*(?:ENTITY|DOCTYPE)", re.IGNORECASE)
_OPTIONS = {
    "resolve_entities": False,
    "no_network": True,
    "load_dtd": False,
    "huge_tree": False,
    "remove_comments": True,
    "recover": False,
}
MAX_SITEMAP_BYTES = 50 * 1024 * 1024  # the sitemaps.org limit for one uncompressed file
MAX_SITEMAP_URLS = 50_000  # the sitemaps.org limit for one file; any further ones are ignored


class SitemapError(ValueError):
    """A sitemap that cannot be read; the message says why."""


@dataclass(frozen=True)
class SitemapEntry:
    """One <url> of a URL set, with its Google News tags when present."""

    url: str
    lastmod: datetime | None = None
    title: str | None = None
    published: datetime | None = None
    language: str | None = None


@dataclass
class Sitemap:
    """A parsed sitemap: article entries, or (for an index) child sitemap URLs."""

    entries: list[SitemapEntry] = field(default_factory=list)
    children: list[str] = field(default_factory=list)


def _local(tag: object) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _time(text: str | None) -> datetime | None:
    if not text:
        return None
    text = text.strip().replace("Z", "+00:00")
    try:
        when = datetime.fromisoformat(text)
        # A date-only lastmod ("2026-11-02") is naive: read it as UTC, comparable with the rest.
        when = when if when.tzinfo else when.replace(tzinfo=UTC)
        when.astimezone(UTC)  # the store keeps UTC: "9999-12-31T23:00-14:00" overflows
    except (ValueError, OverflowError):
        return None
    return when


def _find(node: etree._Element, name: str) -> etree._Element | None:
    for child in node.iter():
        if _local(child.tag) == name:
            return child
    return None


def _text(node: etree._Element, name: str) -> str | None:
    found = _find(node, name)
    return found.text.strip() if found is not None and found.text else None


def maybe_gunzip(body: bytes, limit: int = MAX_SITEMAP_BYTES) -> bytes:
    """Undo a .xml.gz wrapper (capped, so a gzip bomb is refused)."""
    if not body.startswith(b"\x1f\x8b"):
        return body
    d = zlib.decompressobj(16 + zlib.MAX_WBITS)
    try:
        out = d.decompress(body, limit + 1)
    except zlib.error as exc:
        raise SitemapError(f"broken gzip: {exc}") from None
    if len(out) > limit or d.unconsumed_tail:
        raise SitemapError(f"decompressed sitemap is larger than {limit} bytes")
    return out


def _parse_entry(node: etree._Element) -> SitemapEntry | None:
    loc = _text(node, "loc")
    if not loc:
        return None
    news = _find(node, "news")
    title = published = language = None
    if news is not None:
        title = _text(news, "title")
        published = _time(_text(news, "publication_date"))
        language = _text(news, "language")
    return SitemapEntry(loc, _time(_text(node, "lastmod")), title, published, language)


def parse_sitemap(body: bytes) -> Sitemap:
    """Entries or child sitemaps of a sitemap document; raises SitemapError."""
    body = maybe_gunzip(body)
    if _UNSAFE.search(body[:4096]):
        raise SitemapError("refused: the document declares a DOCTYPE or entities")
    out, kind = Sitemap(), ""
    # Streamed, each entry cleared once read: 50 MB of <url> (a 2.5 MB gzip) would otherwise
    # be a 500 MB tree, and a million URLs a minute and a half of canonicalising.
    events = etree.iterparse(io.BytesIO(body), events=("start", "end"), **_OPTIONS)
    try:
        for event, node in events:
            if not kind:
                kind = _local(node.tag)
                if kind not in ("urlset", "sitemapindex"):
                    raise SitemapError(f"root element is <{kind}>, not <urlset> or <sitemapindex>")
            parent = node.getparent()
            if event == "start" or parent is None or parent.getparent() is not None:
                continue  # entries are the root's children, read when they end
            name = _local(node.tag)
            if kind == "urlset" and name == "url" and (e := _parse_entry(node)) is not None:
                out.entries.append(e)
            elif kind == "sitemapindex" and name == "sitemap" and (loc := _text(node, "loc")):
                out.children.append(loc)
            node.clear()
            del parent[0 : parent.index(node) + 1]
            if len(out.entries) + len(out.children) >= MAX_SITEMAP_URLS:
                break
    except etree.XMLSyntaxError as exc:
        raise SitemapError(f"malformed XML: {exc}") from None
    return out


def is_sitemap(body: bytes) -> bool:
    """True when the bytes look like a sitemap rather than a feed."""
    if body.startswith(b"\x1f\x8b"):
        try:  # the head is enough to tell
            body = zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(body, 2048)
        except zlib.error:
            return False
    return bool(re.search(rb"<(?:\w+:)?(?:urlset|sitemapindex)[\s>]", body[:2048]))
