"""Parse the JSONL import format: one article object per line (see docs/import-formats.md)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from rashomon.models import RawDocument

REQUIRED = ("url", "source")


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
        return datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        raise ValueError(f"'published' is not ISO 8601: {value!r}") from None


def parse_record(obj: object) -> RawDocument:
    """Validate one decoded JSON object and turn it into a RawDocument."""
    if not isinstance(obj, dict):
        raise ValueError("expected a JSON object")
    for key in REQUIRED:
        if not isinstance(obj.get(key), str) or not obj[key].strip():
            raise ValueError(f"missing or empty string field {key!r}")
    html, text = obj.get("html"), obj.get("text")
    if not (isinstance(html, str) and html.strip()) and not (isinstance(text, str) and text.strip()):
        raise ValueError("needs a non-empty 'html' or 'text' field")
    url = obj["url"].strip()
    if not url.startswith(("http://", "https://")):
        raise ValueError(f"'url' must be http(s): {url!r}")
    published = _parse_time(obj["published"]) if obj.get("published") is not None else None
    language = obj.get("language")
    if language is not None and not isinstance(language, str):
        raise ValueError("'language' must be a string")
    title = obj.get("title")
    return RawDocument(
        url=url, source_id=obj["source"].strip(),
        html=html if isinstance(html, str) and html.strip() else None,
        text=text if isinstance(text, str) and text.strip() else None,
        title=title if isinstance(title, str) else None,
        published=published, language=language,
    )


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
