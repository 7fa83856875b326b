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


def canonical_url(url: str, base: str | None = None) -> str | None:
    """The canonical form of an http(s) URL (relative ones resolved against base), else None."""
    url = (url or "").strip()
    if not url:
        return None
    if base:
        url = urljoin(base, url)
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return None
    try:
        normal = normalize_url(url)
    except (ValueError, UnicodeError):
        return None
    parts = urlsplit(normal)
    path = parts.path or "/"
    return urlunsplit((parts.scheme, parts.netloc, path, _strip_extra(parts.query), ""))


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
