"""Article URL canonicalisation: one spelling per page, tracking parameters removed."""

from __future__ import annotations

import re
from collections.abc import Iterable
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

from courlan import normalize_url

# courlan strips the common trackers (utm_*, fbclid, gclid, ...); these are further ones
# that news sites append to shared links.
_EXTRA_TRACKERS = re.compile(
    r"^(?:_ga|_gl|_hsenc|_hsmi|hsctatracking|mkt_tok|ocid|cmpid|ito|s_cid|"
    r"at_medium|at_campaign|at_custom\d*|ref_src|ref_url|smid|sr_share|taid|"
    r"wt_mc|wt\.mc_id|xtor|__twitter_impression|spm)$",
    re.IGNORECASE,
)


def _strip_extra(query: str) -> str:
    pairs = [
        (k, v)
        for k, v in parse_qsl(query, keep_blank_values=True)
        if not _EXTRA_TRACKERS.match(k) and not k.lower().startswith("utm_")
    ]
    return urlencode(pairs, doseq=True)


# Longer URLs are refused (sitemaps.org's limit): PostgreSQL cannot index much over 2,700 bytes.
MAX_URL_CHARS = 2048
_UNSTORABLE = re.compile("[\x00-\x20\x7f\ud800-\udfff]")


def canonical_url(url: str, base: str | None = None) -> str | None:
    """The canonical form of an http(s) URL (relative ones resolved against base), else None."""
    url = (url or "").strip()
    if not url:
        return None
    try:
        url = urljoin(base, url) if base else url
        parts = urlsplit(url)
    except ValueError:
        return None  # unparseable: "http://[::1", an unbalanced IPv6 bracket
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return None
    try:
        normal = normalize_url(url)
        parts = urlsplit(normal)
    except (ValueError, UnicodeError):
        return None
    path = parts.path or "/"
    out = urlunsplit((parts.scheme, parts.netloc, path, _strip_extra(parts.query), ""))
    # NUL or a lone surrogate in a host cannot be stored or fetched; a huge URL cannot be indexed
    return None if len(out) > MAX_URL_CHARS or _UNSTORABLE.search(out) else out


def unique_urls(urls: Iterable[str | None], base: str | None = None) -> list[str]:
    """Canonical URLs in first-seen order, without duplicates or unusable entries."""
    seen: dict[str, None] = {}
    for url in urls:
        canon = canonical_url(url, base) if url else None
        if canon:
            seen.setdefault(canon, None)
    return list(seen)


def host_key(url: str) -> str:
    """The politeness key of a URL: host and port, lower-cased."""
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    return f"{host}:{parts.port}" if parts.port else host


def origin(url: str) -> str:
    """scheme://host[:port] of a URL (the scope of one robots.txt)."""
    parts = urlsplit(url)
    return f"{parts.scheme.lower()}://{parts.netloc.lower()}"
