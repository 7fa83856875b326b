"""Parse the JSONL import format: one article object per line (see docs/import-formats.md)."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from rashomon.fetch.urls import MAX_URL_CHARS
from rashomon.models import RawDocument

REQUIRED = ("url", "source")
MAX_LANGUAGE_CHARS = 8  # the store's column: "en", "pt-BR", "zh-Hant"
# JSON can spell "\ud800" and "\u0000": UTF-8 cannot hold the one, PostgreSQL the other.
_SURROGATE = re.compile("[\ud800-\udfff]")
_CONTROL = re.compile("[\x00-\x1f\x7f]")


@dataclass(frozen=True)
class BadRecord:
    """A line that could not be imported, and why."""

    path: str
    line: int
    reason: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.reason}"


def _parse_time(value: object) -> datetime:
    if not isinstance(value, str):
        raise ValueError("'published' must be an ISO 8601 string")
    try:
        when = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        raise ValueError(f"'published' is not ISO 8601: {value!r}") from None
    try:
        when.astimezone(UTC)  # the store keeps UTC
    except OverflowError:
        raise ValueError(f"'published' is out of range in UTC: {value!r}") from None
    return when


def _check_strings(obj: dict[str, object]) -> None:
    for key in ("url", "source", "html", "text", "title", "language"):
        value = obj.get(key)
        if isinstance(value, str) and _SURROGATE.search(value):
            raise ValueError(f"{key!r} is not valid Unicode (it holds a lone surrogate)")
    for key in ("url", "source", "language"):
        value = obj.get(key)
        if isinstance(value, str) and _CONTROL.search(value.strip()):
            raise ValueError(f"{key!r} holds a control character")


def parse_record(obj: object) -> RawDocument:
    """Validate one decoded JSON object and turn it into a RawDocument."""
    if not isinstance(obj, dict):
        raise ValueError("expected a JSON object")
    for key in REQUIRED:
        if not isinstance(obj.get(key), str) or not obj[key].strip():
            raise ValueError(f"missing or empty string field {key!r}")
    _check_strings(obj)
    html, text = obj.get("html"), obj.get("text")
    if not (isinstance(html, str) and html.strip()) and not (isinstance(text, str) and text.strip()):
        raise ValueError("needs a non-empty 'html' or 'text' field")
    url = obj["url"].strip()
    if not url.startswith(("http://", "https://")):
        raise ValueError(f"'url' must be http(s): {url!r}")
    if len(url) > MAX_URL_CHARS:
        raise ValueError(f"'url' is longer than {MAX_URL_CHARS} characters")
    published = _parse_time(obj["published"]) if obj.get("published") is not None else None
    language = obj.get("language")
    if language is not None and not isinstance(language, str):
        raise ValueError("'language' must be a string")
    if language is not None and len(language) > MAX_LANGUAGE_CHARS:
        raise ValueError(f"'language' must be a code such as 'en' or 'pt-BR': {language[:20]!r}")
    title = obj.get("title")
    return RawDocument(
        url=url, source_id=obj["source"].strip(),
        html=_no_nul(html) if isinstance(html, str) and html.strip() else None,
        text=_no_nul(text) if isinstance(text, str) and text.strip() else None,
        title=_no_nul(title) if isinstance(title, str) else None,
        published=published, language=language,
    )


def _no_nul(value: str) -> str:
    return value.replace("\x00", "")  # meaningless in text, and PostgreSQL refuses it


def read_jsonl(path: str | Path) -> Iterator[tuple[str, RawDocument | BadRecord]]:
    """(file:line, record) in order; bad lines come back as BadRecord, not exceptions."""
    p = Path(path)
    with p.open("r", encoding="utf-8", errors="strict", newline="") as fh:
        lineno = 0
        while True:
            lineno += 1
            try:
                line = fh.readline()
            except UnicodeDecodeError as exc:
                yield f"{p}:{lineno}", BadRecord(str(p), lineno, f"not UTF-8 ({exc.reason})")
                return
            if not line:
                return
            if not line.strip():
                continue
            try:
                yield f"{p}:{lineno}", parse_record(json.loads(line))
            except json.JSONDecodeError as exc:
                yield f"{p}:{lineno}", BadRecord(str(p), lineno, f"invalid JSON: {exc.msg} at column {exc.colno}")
            except ValueError as exc:
                yield f"{p}:{lineno}", BadRecord(str(p), lineno, str(exc))
