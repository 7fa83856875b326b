"""JSON-over-HTTP calls to remote model servers: retries, Retry-After, readable errors."""

from __future__ import annotations

import time
from collections.abc import Callable
from email.utils import parsedate_to_datetime
from typing import Any

import httpx

RETRY_STATUS = frozenset({429, 500, 502, 503, 504})


class RemoteError(RuntimeError):
    """A remote server failed or answered something unusable; the message says which and why."""


def retry_after(value: str | None, now: float | None = None) -> float | None:
    """Seconds to wait from a Retry-After header (delta-seconds or HTTP-date)."""
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = parsedate_to_datetime(value).timestamp()
    except (TypeError, ValueError):
        return None
    return max(0.0, when - (time.time() if now is None else now))


def error_message(response: httpx.Response) -> str:
    """The error text a server put in its body ({"error": ...} or plain text)."""
    try:
        body = response.json()
    except ValueError:
        return response.text[:300].strip() or response.reason_phrase
    err = body.get("error") if isinstance(body, dict) else None
    if isinstance(err, dict):
        return str(err.get("message") or err)
    return str(err or body)[:300]


def request_json(
    client: httpx.Client, method: str, url: str, *, label: str,
    payload: Any = None, max_retries: int = 3, max_wait: float = 60.0,
    sleep: Callable[[float], None] = time.sleep,
) -> Any:
    """Send a JSON request, retrying 429/5xx with Retry-After or exponential backoff."""
    for attempt in range(max_retries + 1):
        try:
            response = client.request(method, url, json=payload)
        except httpx.TimeoutException as exc:
            raise RemoteError(f"{label}: {url} did not answer in time ({type(exc).__name__})"
                              ) from exc
        except httpx.HTTPError as exc:
            raise RemoteError(f"{label}: cannot reach {url}: {exc}") from exc
        if response.status_code == 200:
            try:
                return response.json()
            except ValueError as exc:
                raise RemoteError(f"{label}: {url} sent a body that is not JSON") from exc
        if response.status_code not in RETRY_STATUS or attempt == max_retries:
            hint = response.headers.get("Retry-After")
            extra = f"; retry after {hint}s" if response.status_code == 429 and hint else ""
            raise RemoteError(f"{label}: {url} answered HTTP {response.status_code} after "
                              f"{attempt + 1} attempt(s){extra}: {error_message(response)}")
        hinted = retry_after(response.headers.get("Retry-After"))
        sleep(min(max_wait, hinted if hinted is not None else 2.0 ** attempt))
    raise AssertionError("unreachable")
