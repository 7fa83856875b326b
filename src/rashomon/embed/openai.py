"""Client for any OpenAI-compatible POST {base}/v1/embeddings endpoint (OpenAI, vLLM, TEI, ...)."""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Sequence
from email.utils import parsedate_to_datetime
from typing import Any

import httpx
import numpy as np

from rashomon.embed.base import (
    DEFAULT_MAX_CHARS,
    EmbedderError,
    Kind,
    batched,
    check_kind,
    empty,
    normalize,
    register,
    truncate,
)

_RETRY_STATUS = frozenset({429, 500, 502, 503, 504})


def endpoint(base_url: str) -> str:
    """The embeddings URL for a base URL given with or without its /v1 suffix."""
    base = base_url.rstrip("/")
    if not base.startswith(("http://", "https://")):
        raise EmbedderError(
            f"openai: embedder_url must start with http:// or https://, got {base_url!r}"
        )
    return base + ("/embeddings" if base.endswith("/v1") else "/v1/embeddings")


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


def _error_message(response: httpx.Response) -> str:
    try:
        body = response.json()
    except ValueError:
        return response.text[:300].strip() or response.reason_phrase
    err = body.get("error") if isinstance(body, dict) else None
    if isinstance(err, dict):
        return str(err.get("message") or err)
    return str(err or body)[:300]


@register("openai")
class OpenAIEmbedder:
    """Batches texts to an OpenAI-compatible server and returns unit float32 rows."""

    def __init__(
        self,
        url: str = "",
        model: str = "",
        api_key: str = "",
        dim: int | None = None,
        dimensions: int | None = None,
        batch_size: int = 64,
        max_chars: int = DEFAULT_MAX_CHARS,
        timeout: float = 60.0,
        max_retries: int = 3,
        max_wait: float = 60.0,
        query_prefix: str = "",
        passage_prefix: str = "",
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        if not url:
            raise EmbedderError(
                "openai: set embedder_url to the server's base URL, e.g. http://127.0.0.1:8080"
            )
        if not model:
            raise EmbedderError("openai: set embedder_model to the model name the server expects")
        self.url = endpoint(url)
        self.model = model
        self.dimensions = dimensions
        self.batch_size = max(1, int(batch_size))
        self.max_chars = int(max_chars)
        self.max_retries = max(0, int(max_retries))
        self.max_wait = float(max_wait)
        self.prefixes = {"query": query_prefix, "passage": passage_prefix}
        self.model_id = f"openai:{model}" + (f":{dimensions}" if dimensions else "")
        self._dim = dimensions or dim
        self._sleep = sleep
        key = api_key or os.environ.get("OPENAI_API_KEY", "")
        headers = {"Authorization": f"Bearer {key}"} if key else {}
        self._client = httpx.Client(headers=headers, timeout=timeout)

    @property
    def dim(self) -> int:
        """Vector size: given as an option, or learnt from one probe request."""
        if self._dim is None:
            self._dim = int(self._post(["dimension probe"]).shape[1])
        return self._dim

    def embed(self, texts: Sequence[str], kind: Kind = "passage") -> np.ndarray:
        """Embed texts in batches of ``batch_size`` requests."""
        check_kind(kind)
        if len(texts) == 0:
            return empty(self.dim)
        prefix = self.prefixes[kind]
        # Servers reject an empty input, so an empty text is sent as one space.
        prepared = [prefix + (truncate(t, self.max_chars) or " ") for t in texts]
        rows = np.concatenate([self._post(list(b)) for b in batched(prepared, self.batch_size)])
        if self._dim is None:
            self._dim = int(rows.shape[1])
        return rows

    def close(self) -> None:
        """Close the HTTP connection pool."""
        self._client.close()

    def _post(self, batch: list[str]) -> np.ndarray:
        payload: dict[str, Any] = {"model": self.model, "input": batch, "encoding_format": "float"}
        if self.dimensions:
            payload["dimensions"] = self.dimensions
        for attempt in range(self.max_retries + 1):
            response = self._send(payload)
            if response.status_code == 200:
                return self._parse(response, len(batch))
            if response.status_code not in _RETRY_STATUS or attempt == self.max_retries:
                raise self._http_error(response)
            self._sleep(self._wait(response, attempt))
        raise AssertionError("unreachable")

    def _send(self, payload: dict[str, Any]) -> httpx.Response:
        try:
            return self._client.post(self.url, json=payload)
        except httpx.TimeoutException as exc:
            raise EmbedderError(
                f"openai: {self.url} did not answer within {self._client.timeout.read}s "
                f"({type(exc).__name__}); raise the timeout or use a smaller batch_size"
            ) from exc
        except httpx.HTTPError as exc:
            raise EmbedderError(f"openai: cannot reach {self.url}: {exc}") from exc

    def _wait(self, response: httpx.Response, attempt: int) -> float:
        hinted = retry_after(response.headers.get("Retry-After"))
        return min(self.max_wait, hinted if hinted is not None else 2.0**attempt)

    def _http_error(self, response: httpx.Response) -> EmbedderError:
        message = _error_message(response)
        if response.status_code == 429:
            hinted = response.headers.get("Retry-After")
            after = f"; the server asks to retry after {hinted}s" if hinted else ""
            return EmbedderError(
                f"openai: rate limited by {self.url} (HTTP 429) after "
                f"{self.max_retries + 1} attempts{after}: {message}"
            )
        return EmbedderError(f"openai: {self.url} answered HTTP {response.status_code}: {message}")

    def _parse(self, response: httpx.Response, expected: int) -> np.ndarray:
        try:
            data = sorted(response.json()["data"], key=lambda item: item["index"])
            rows = np.asarray([item["embedding"] for item in data], dtype=np.float32)
        except (ValueError, KeyError, TypeError) as exc:
            raise EmbedderError(
                f"openai: {self.url} sent a response that is not an embeddings list ({exc!r})"
            ) from exc
        if rows.ndim != 2 or len(rows) != expected:
            raise EmbedderError(
                f"openai: {self.url} returned {len(rows)} embeddings for {expected} inputs"
            )
        return normalize(rows)
