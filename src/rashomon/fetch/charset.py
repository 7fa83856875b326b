"""Decode page bytes to text: byte-order mark, then HTTP header, then <meta>, then detection."""

from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes

_META = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9._:\-]+)""", re.IGNORECASE)
_XML_DECL = re.compile(rb"""^\s*<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9._\-]+)""")
_HEADER = re.compile(r"""charset\s*=\s*["']?([A-Za-z0-9._:\-]+)""", re.IGNORECASE)
_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# Servers often label UTF-8 pages as Latin-1; bytes that are valid multi-byte UTF-8 almost
# never are meaningful Latin-1 text, so UTF-8 wins over these labels when it decodes cleanly.
_WEAK_LABELS = frozenset({"latin-1", "iso8859-1", "cp1252", "ascii"})
_SNIFF_BYTES = 4096
_SURROGATE = re.compile("[\ud800-\udfff]")
_TIE = 0.1


def _codec(label: str | None) -> str | None:
    if not label:
        return None
    try:
        name = codecs.lookup(label.strip().lower()).name
    except LookupError:
        return None
    # WHATWG: a page labelled Latin-1 or ASCII is decoded as windows-1252.
    return "cp1252" if name in {"latin-1", "iso8859-1", "ascii"} else name


def header_charset(content_type: str | None) -> str | None:
    """The charset parameter of a Content-Type header, if any."""
    m = _HEADER.search(content_type or "")
    return m.group(1) if m else None


def declared_charsets(body: bytes, content_type: str | None = None) -> list[str]:
    """Codec names the bytes claim, most authoritative first."""
    found: list[str | None] = []
    found += [enc for bom, enc in _BOMS if body.startswith(bom)][:1]
    found.append(_codec(header_charset(content_type)))
    head = body[:_SNIFF_BYTES]
    for pattern in (_XML_DECL, _META):
        m = pattern.search(head)
        found.append(_codec(m.group(1).decode("ascii", "replace")) if m else None)
    return list(dict.fromkeys(c for c in found if c))


def _is_utf8(body: bytes) -> bool:
    try:
        body.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _detect(body: bytes) -> str | None:
    matches = list(from_bytes(body[:200_000]))
    if not matches:
        return None
    # Detection cannot tell Latin code pages apart on short texts; windows-1252 is by far
    # the most common of them on the web, so it wins a near tie.
    for m in matches:
        if m.encoding == "cp1252" and m.chaos <= matches[0].chaos + _TIE:
            return "cp1252"
    return _codec(matches[0].encoding)


def _decode(body: bytes, enc: str) -> str:
    text = body.decode(enc)
    if _SURROGATE.search(text):  # "utf-7" or "unicode_escape" can make them; UTF-8 cannot hold them
        raise UnicodeError(f"{enc} decoding gave lone surrogates")
    return text


def decode_body(body: bytes, content_type: str | None = None) -> tuple[str, str]:
    """(text, codec used); wrong or missing declarations fall through to detection."""
    for enc in declared_charsets(body, content_type):
        if enc in _WEAK_LABELS and not body.isascii() and _is_utf8(body):
            return body.decode("utf-8").lstrip("\ufeff"), "utf-8"
        try:
            return _decode(body, enc).lstrip("\ufeff"), enc
        except (UnicodeError, LookupError):
            continue  # the label lies (or names a codec that never decodes, e.g. "undefined")
    if _is_utf8(body):
        return body.decode("utf-8").lstrip("\ufeff"), "utf-8"
    guess = _detect(body)
    if guess:
        try:
            return _decode(body, guess), guess
        except (UnicodeError, LookupError):
            pass
    return body.decode("utf-8", errors="replace"), "utf-8"
