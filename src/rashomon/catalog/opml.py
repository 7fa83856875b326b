"""OPML 2.0 export and import of outlets (one outline per feed)."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Iterator
from dataclasses import replace

from rashomon.catalog.catalog import Outlet, domain_of

# Entity declarations allow "billion laughs" expansion and external fetches: refuse them outright.
_UNSAFE = re.compile(r"<!\s*(DOCTYPE|ENTITY)", re.IGNORECASE)
_DEFAULT_TYPE = "private"


def to_opml(outlets: Iterable[Outlet], title: str = "Rashomon outlets") -> str:
    """OPML 2.0 text with one outline per feed (title, xmlUrl, htmlUrl, category=country)."""
    root = ET.Element("opml", version="2.0")
    ET.SubElement(ET.SubElement(root, "head"), "title").text = title
    body = ET.SubElement(root, "body")
    for o in outlets:
        for feed in o.feeds:
            ET.SubElement(
                body,
                "outline",
                type="rss",
                text=o.name,
                title=o.name,
                xmlUrl=feed,
                htmlUrl=o.homepage,
                category=o.country,
                # Not in the OPML spec; read back by from_opml so a round trip keeps them.
                country=o.country,
                language=" ".join(o.languages),
                outletType=o.type,
            )
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def _feed_outlines(node: ET.Element) -> Iterator[ET.Element]:
    # Folders (outlines without xmlUrl) may nest feeds at any depth.
    for child in node.iter("outline"):
        if child.get("xmlUrl") is not None:
            yield child


def _slug(domain: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", domain.lower()).strip("-")


def _country(outline: ET.Element) -> str:
    country = outline.get("country", "").strip()
    if not country:
        # Our own export writes the country as the category too.
        category = outline.get("category", "").strip()
        country = category if re.fullmatch(r"[A-Za-z]{2}", category) else ""
    return country.upper()


def from_opml(text: str) -> list[Outlet]:
    """Outlets from OPML text, grouped by homepage domain; raises ValueError on bad input."""
    if _UNSAFE.search(text):
        raise ValueError("OPML refused: it contains a DOCTYPE or ENTITY declaration (not allowed)")
    try:
        root = ET.fromstring(text)
    except ET.ParseError as exc:
        raise ValueError(f"OPML is not well-formed XML: {exc}") from exc
    if root.tag != "opml":
        raise ValueError(f"OPML root element must be <opml>, found <{root.tag}>")
    body = root.find("body")
    if body is None:
        raise ValueError("OPML has no <body> element")
    outlets: dict[str, Outlet] = {}
    for n, outline in enumerate(_feed_outlines(body), 1):
        feed = (outline.get("xmlUrl") or "").strip()
        if not feed:
            raise ValueError(f"OPML outline #{n} ({outline.get('text', '')!r}) has an empty xmlUrl")
        homepage = (outline.get("htmlUrl") or "").strip() or feed
        oid = _slug(domain_of(homepage))
        if not oid:
            raise ValueError(f"OPML outline #{n}: cannot derive an id from URL {homepage!r}")
        if oid in outlets:
            old = outlets[oid]
            if feed not in old.feeds:
                outlets[oid] = replace(old, feeds=old.feeds + (feed,))
            continue
        name = (outline.get("title") or outline.get("text") or "").strip() or domain_of(homepage)
        outlets[oid] = Outlet(
            id=oid,
            name=name,
            homepage=homepage,
            country=_country(outline),
            languages=tuple(re.findall(r"[^\s,]+", outline.get("language", ""))),
            type=outline.get("outletType", "").strip() or _DEFAULT_TYPE,
            wire=False,
            feeds=(feed,),
            sitemaps=(),
        )
    return list(outlets.values())
