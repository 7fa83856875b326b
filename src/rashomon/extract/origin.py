"""Republication markers: the outlet a page names as the original, and its catalog id."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from urllib.parse import urlsplit

from courlan import extract_domain

# "This story originally appeared on X" and its kin, in en, de, fr, es, it, pt, ru, uk, pl, tr.
_PHRASES = re.compile(
    r"(?:(?:(?:this|the) (?:story|article|piece|post|interview) (?:is |was |has been )?)?"
    r"(?:(?:originally |first )?(?:appeared|published|ran|posted) (?:on|in|at|by)"
    r"|(?:republished|reprinted|reproduced|syndicated) (?:with permission )?"
    r"(?:from|by|courtesy of))"
    r"|(?:dieser|der) (?:artikel|beitrag|text) (?:ist|erschien) (?:zuerst|ursprünglich|erstmals)"
    r" (?:bei|in|auf|im)|erstmals erschienen (?:bei|in|auf|im)"
    r"|(?:cet|l')\s?article a (?:d'abord |initialement )?été (?:d'abord |initialement )?"
    r"publié (?:sur|par|dans)"
    r"|(?:este|el) artículo (?:fue|se) publicad[oa]? (?:originalmente|por primera vez) (?:en|por)"
    r"|publicad[oa] originalmente (?:en|por|em|no|na|pel[oa])"
    r"|(?:questo|l')\s?articolo è stato (?:originariamente )?pubblicato (?:su|da|in)"
    r"|(?:este|o) (?:artigo|texto) foi (?:originalmente )?publicado (?:em|no|na|pel[oa])"
    r"|(?:материал|статья) (?:впервые |первоначально )?опубликован[ао]? (?:на|в)(?: сайте)?"
    r"|(?:матеріал|стаття) (?:вперше |спочатку )?опублікован[оа]? (?:на|в)(?: сайті)?"
    r"|artykuł (?:pierwotnie |oryginalnie )?ukazał się (?:na|w)"
    r"|(?:makale|haber|yazı) ilk (?:olarak|kez))\s+(?P<name>.+)",
    re.IGNORECASE,
)
# A short line naming a source: "Source: Interfax", "Quelle: dpa", "来源：新华社", "По материалам ТАСС".
_SOURCE = re.compile(
    r"^(?:source|quelle|fuente|fonte|источник|джерело|źródło|kaynak|المصدر|来源|稿源|出典|出所"
    r"|配信元)\s*[:：]\s*(?P<name>.+)$"
    r"|^(?:по материалам|за матеріалами|with files from|mit material (?:von|der))\s+(?P<name2>.+)$"
    r"|^(?:本文)?转载?自\s*[:：]?\s*(?P<name3>.+)$",
    re.IGNORECASE,
)
_CAP = r"[A-ZÀ-ÞА-ЯЁІЇЄҐ]"
# "BERLIN (dpa) –", "MOSCOW, Sept 5 (Reuters) -", "(AP) —": an agency in brackets opening the text.
_DATELINE = re.compile(
    rf"^(?:{_CAP}[\w'’.-]*(?:[ /]{_CAP}[\w'’.-]*){{0,2}}(?:,[^()\n]{{1,30}}?)?\s*)?"
    r"[(（](?P<name>[^()（）\d]{2,30})[)）]\s*[-–—:]"
)
# Russian style: "МОСКВА, 5 сен — РИА Новости."
_DATELINE_RU = re.compile(
    r"^[А-ЯЁІЇЄҐ][А-ЯЁІЇЄҐ -]+,\s*\d{1,2}\s+\w+\.?\s*[-–—]\s*(?P<name>[^.,]{2,40}?)\.\s"
)
_NAME_END = re.compile(r"\s+(?:under|with|and is|on \w+ \d|as part of)\s.*$|[.;,|(（)\]]+.*$")
_URL = re.compile(r"(?:https?://)?(?:[\w-]+\.)+[a-z]{2,}(?:/\S*)?", re.IGNORECASE)
MAX_NAME_WORDS = 6
MAX_SOURCE_WORDS = 8
MAX_MARKER_WORDS = 25  # longer lines hold the marker inside real text: keep them


def find_origin(
    paragraphs: Sequence[str],
    *,
    url: str | None = None,
    canonical_url: str | None = None,
    site_name: str | None = None,
) -> str | None:
    """The outlet name or domain a page declares as the original, or None when it declares none."""
    own = {outlet_key(x) for x in (site_name, domain_of(url)) if x}
    candidates = [
        *(_phrase_origin(p) for p in paragraphs),
        _canonical_origin(url, canonical_url),
        *(_source_origin(p) for p in reversed(paragraphs)),
        *(_dateline_origin(p) for p in paragraphs[:2]),
    ]
    for name in candidates:
        if name and outlet_key(name) not in own:
            return name
    return None


def is_origin_marker(line: str) -> bool:
    """True for a line that only declares where the story comes from ("Source: AFP")."""
    text = line.strip()
    return bool(_source_origin(text) or (_PHRASES.match(text) and _phrase_origin(text)))


def _phrase_origin(paragraph: str) -> str | None:
    if len(paragraph.split()) > MAX_MARKER_WORDS:
        return None  # in a long paragraph the words are reporting, not a republication notice
    match = _PHRASES.search(paragraph)
    name = _clean_name(match.group("name")) if match else None
    # an outlet is a name ("The Conversation", "Grist", "ТАСС"), not "the ministry"
    if name and (not name[0].islower() or ("." in name and " " not in name)):
        return name  # a name or a domain
    return None


def _source_origin(paragraph: str) -> str | None:
    if len(paragraph.split()) > MAX_SOURCE_WORDS:
        return None
    match = _SOURCE.match(paragraph.strip())
    if not match:
        return None
    return _clean_name(match.group("name") or match.group("name2") or match.group("name3"))


def _dateline_origin(paragraph: str) -> str | None:
    match = _DATELINE.match(paragraph) or _DATELINE_RU.match(paragraph)
    return _clean_name(match.group("name")) if match else None


def _canonical_origin(url: str | None, canonical_url: str | None) -> str | None:
    own, canonical = domain_of(url), domain_of(canonical_url)
    return canonical if own and canonical and own != canonical else None


def _clean_name(raw: str) -> str | None:
    """Cut a named outlet out of the words that follow a marker."""
    link = _URL.match(raw.strip())
    if link and "." in link.group():
        return domain_of(link.group())
    name = _NAME_END.sub("", raw.strip())
    # Turkish attaches the case ending: "Reuters'ta yayımlandı"
    name = re.sub(r"['’](?:da|de|ta|te|nda|nde)\b.*$", "", name)
    name = re.sub(r"\s+(?:yayımlandı|yayınlandı)\b.*$", "", name).strip(" \"'“”«»:-–—")
    if not name or len(name.split()) > MAX_NAME_WORDS:
        return None
    return name


def domain_of(url: str | None) -> str | None:
    """Registered domain of a URL ("news.bbc.co.uk" → "bbc.co.uk"), or None."""
    if not url or not url.strip():
        return None
    if "://" not in url:
        url = "https://" + url.strip()
    try:
        host = (urlsplit(url).hostname or "").lower()
        domain = extract_domain(url)
    except ValueError:
        return None
    # courlan knows only public suffixes; test and intranet hosts ("x.example") keep their name
    return domain or re.sub(r"^(?:www\d?|m|amp)\.", "", host) or None


def outlet_key(name: str) -> str:
    """Name or domain folded for matching: case, "the", "www." and punctuation ignored."""
    key = name.casefold().strip()
    key = re.sub(r"^(?:https?://)?(?:www\.)?", "", key)
    key = re.sub(r"^the\s+", "", key)
    return re.sub(r"[\W_]+", "", key)


def origin_index(names: Mapping[str, str]) -> dict[str, str]:
    """Fold a name/alias/domain → outlet id mapping once, for many resolve_origin calls."""
    return {outlet_key(name): outlet_id for name, outlet_id in names.items() if outlet_key(name)}


def resolve_origin(origin: str | None, index: Mapping[str, str]) -> str | None:
    """The outlet id a declared origin names, using an origin_index(); None when unknown."""
    if not origin:
        return None
    key = outlet_key(origin)
    if key in index:
        return index[key]
    domain = domain_of(origin) if "." in origin else None
    return index.get(outlet_key(domain)) if domain else None
