"""Parse XML sitemaps: sitemap index files, URL sets and Google News tags, safely."""

from __future__ import annotations

import re
import zlib
from dataclasses import dataclass, field
from datetime import datetime

from lxml import etree

# Entity declarations enable "billion laughs" and external-entity attacks: refuse them
# before any parser sees the document, and parse with entities and network access off.
_UNSAFE = re.compile(rb"<!\s*(?:ENTITY|DOCTYPE)", re.IGNORECASE)
_PARSER = etree.XMLParser(
    resolve_entities=False,
    no_network=True,
    load_dtd=False,
    huge_tree=False,
    remove_comments=True,
    recover=False,
)
MAX_SITEMAP_BYTES = 50 * 1024 * 1024  # the sitemaps.org limit for one uncompressed file


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
        return datetime.fromisoformat(text)
    except ValueError:
        return None


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
    try:
        root = etree.fromstring(body, _PARSER)
    except etree.XMLSyntaxError as exc:
        raise SitemapError(f"malformed XML: {exc}") from None
    kind = _local(root.tag)
    out = Sitemap()
    if kind == "sitemapindex":
        out.children = [
            loc for node in root if _local(node.tag) == "sitemap" if (loc := _text(node, "loc"))
        ]
    elif kind == "urlset":
        out.entries = [
            e for node in root if _local(node.tag) == "url" if (e := _parse_entry(node)) is not None
        ]
    else:
        raise SitemapError(f"root element is <{kind}>, not <urlset> or <sitemapindex>")
    return out


def is_sitemap(body: bytes) -> bool:
    """True when the bytes look like a sitemap rather than a feed."""
    if body.startswith(b"\x1f\x8b"):
        try:
            body = maybe_gunzip(body)
        except SitemapError:
            return False
    return bool(re.search(rb"<(?:\w+:)?(?:urlset|sitemapindex)[\s>]", body[:2048]))
