"""Page metadata: title, byline, dates, site, canonical URL, description, image, language."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime
from urllib.parse import urljoin

from htmldate import find_date
from lxml.etree import XPath
from lxml.html import HtmlElement
from trafilatura.metadata import examine_meta, extract_meta_json

# Meta tags (property, name or itemprop) that state when an article went out or last changed.
PUBLISHED_KEYS = (
    "article:published_time",
    "og:article:published_time",
    "datepublished",
    "pubdate",
    "publishdate",
    "publish-date",
    "dc.date.issued",
    "dcterms.issued",
    "parsely-pub-date",
    "sailthru.date",
    "date",
    "dc.date",
    "og:published_time",
)
UPDATED_KEYS = (
    "article:modified_time",
    "og:article:modified_time",
    "og:updated_time",
    "datemodified",
    "last-modified",
    "dc.date.modified",
    "dcterms.modified",
    "modified",
)
_JSON_DATE = re.compile(r'"(datePublished|dateModified)"\s*:\s*"([^"]{8,40})"')
_LANG = re.compile(r"^([a-z]{2,3})(?:[-_][a-z0-9]+)*$", re.IGNORECASE)
_HTMLDATE_FORMAT = "%Y-%m-%dT%H:%M:%S%z"
# trafilatura's own title and author heuristics cost ~10 ms a page each; these cover most pages
_BYLINE = XPath(
    "(.//*[@rel='author'] | .//*[@itemprop='author'] | .//*[contains(@class, 'byline')]"
    " | .//*[contains(@class, 'author')])[1]"
)
_BY = re.compile(r"^(?:by|von|par|por|di|door|от|автор|av|przez)\s*:?\s+", re.IGNORECASE)
_TITLE_SEPARATORS = re.compile(r"\s[|–—·-]\s|\s::\s")
MAX_BYLINE_WORDS = 8


@dataclass(frozen=True)
class PageMeta:
    """What the page says about itself, before any text is extracted."""

    title: str | None = None
    byline: str | None = None
    published: datetime | None = None
    updated: datetime | None = None
    site_name: str | None = None
    canonical_url: str | None = None
    description: str | None = None
    image: str | None = None
    language: str | None = None


def read_metadata(tree: HtmlElement, url: str | None = None) -> PageMeta:
    """Metadata of a parsed page: meta tags and JSON-LD first, then heuristics and htmldate."""
    meta = examine_meta(tree)
    try:
        meta = extract_meta_json(tree, meta)
    except Exception:  # noqa: BLE001 - trafilatura's JSON-LD reader trips on odd markup
        pass
    stamps = _meta_dates(tree)
    canonical = _canonical(tree, url) or _absolute(meta.url, url)
    published = stamps.get("published") or _htmldate(tree, canonical or url)
    site_name = (meta.sitename or "").lstrip("@") or None
    return PageMeta(
        title=_strip_site(meta.title or _title(tree), site_name),
        byline=meta.author if meta.author and " " in meta.author else _byline(tree),
        published=published,
        updated=stamps.get("updated"),
        site_name=site_name,
        canonical_url=canonical,
        description=meta.description,
        image=_absolute(meta.image, url),
        language=_language(tree),
    )


def _title(tree: HtmlElement) -> str | None:
    heading = tree.find(".//h1")
    h1 = " ".join(heading.text_content().split()) if heading is not None else ""
    element = tree.find(".//title")
    title = " ".join((element.text_content() if element is not None else "").split())
    if h1 and (h1 in title or not title):
        return h1
    parts = [p for p in _TITLE_SEPARATORS.split(title) if p.strip()]
    return max(parts, key=len).strip() if parts else h1 or None


def _strip_site(title: str | None, site_name: str | None) -> str | None:
    """"Headline - Site" → "Headline" when the tail is the site's own name."""
    if not title or not site_name:
        return title
    parts = _TITLE_SEPARATORS.split(title)
    if len(parts) > 1 and parts[-1].strip().casefold() == site_name.strip().casefold():
        return title[: title.rfind(parts[-1])].rstrip(" |–—·-:").strip() or title
    return title.strip()


def _byline(tree: HtmlElement) -> str | None:
    found = _BYLINE(tree)
    if not found or not isinstance(found[0], HtmlElement):
        return None
    text = _BY.sub("", " ".join(found[0].text_content().split()))
    return text if 0 < len(text.split()) <= MAX_BYLINE_WORDS else None


def _meta_dates(tree: HtmlElement) -> dict[str, datetime]:
    found: dict[str, datetime] = {}
    for key, value in _meta_pairs(tree):
        kind = "published" if key in PUBLISHED_KEYS else "updated" if key in UPDATED_KEYS else ""
        stamp = parse_datetime(value) if kind and kind not in found else None
        if kind and stamp:
            found[kind] = stamp
    for script in tree.iterfind(".//script[@type='application/ld+json']"):
        for key, value in _JSON_DATE.findall(script.text or ""):
            kind = "published" if key == "datePublished" else "updated"
            stamp = parse_datetime(value) if kind not in found else None
            if stamp:
                found[kind] = stamp
    return found


def _meta_pairs(tree: HtmlElement) -> list[tuple[str, str]]:
    pairs = []
    for elem in tree.iterfind(".//meta[@content]"):
        key = elem.get("property") or elem.get("name") or elem.get("itemprop") or ""
        pairs.append((key.strip().lower(), elem.get("content", "")))
    for elem in tree.iterfind(".//time[@datetime]"):
        if (elem.get("itemprop") or "").lower() in ("datepublished", "datemodified"):
            pairs.append((elem.get("itemprop", "").lower(), elem.get("datetime", "")))
    return pairs


def parse_datetime(value: str) -> datetime | None:
    """An ISO 8601 stamp as a timezone-aware datetime (UTC when the page gives no zone)."""
    text = value.strip().replace(" ", "T", 1)
    if text.endswith(("Z", "z")):
        text = text[:-1] + "+00:00"
    text = re.sub(r"([+-]\d{2})(\d{2})$", r"\1:\2", text)  # +0530 → +05:30
    try:
        stamp = datetime.fromisoformat(text)
    except ValueError:
        return None
    return stamp if stamp.tzinfo else stamp.replace(tzinfo=UTC)


def _htmldate(tree: HtmlElement, url: str | None) -> datetime | None:
    # the quick pass finds most dates; the extensive one costs five times more, so it is the backup
    for extensive in (False, True):
        try:
            found = find_date(
                tree,
                url=url,
                original_date=True,
                extensive_search=extensive,
                outputformat=_HTMLDATE_FORMAT,
            )
        except Exception:  # noqa: BLE001 - htmldate raises on malformed trees
            found = None
        if found:
            return parse_datetime(found)
    return None


def _canonical(tree: HtmlElement, url: str | None) -> str | None:
    for link in tree.iterfind(".//link[@rel][@href]"):
        if "canonical" in link.get("rel", "").lower().split():
            return _absolute(link.get("href"), url)
    return None


def _absolute(link: str | None, base: str | None) -> str | None:
    if not link or not link.strip():
        return None
    try:
        return urljoin(base, link.strip()) if base else link.strip()
    except ValueError:
        return None  # "http://[": a broken link must not cost the article


def _language(tree: HtmlElement) -> str | None:
    candidates = [tree.get("lang"), tree.get("{http://www.w3.org/XML/1998/namespace}lang")]
    for elem in tree.iterfind(".//meta[@content]"):
        key = (elem.get("property") or elem.get("http-equiv") or elem.get("name") or "").lower()
        if key in ("og:locale", "content-language", "language", "dc.language"):
            candidates.append(elem.get("content"))
    for value in candidates:
        match = _LANG.match((value or "").strip())
        if match:
            return match.group(1).lower()
    return None
