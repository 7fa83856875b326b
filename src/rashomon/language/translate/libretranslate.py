"""LibreTranslate HTTP API client: POST /translate, GET /languages, optional API key."""

from __future__ import annotations

from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import httpx

from rashomon.language.translate.base import REGISTRY, RateLimiter, TranslationError
from rashomon.remote import RemoteError, request_json


@REGISTRY.register("libretranslate")
class LibreTranslate:
    """Translate through a LibreTranslate server."""

    name = "libretranslate"
    enabled = True

    def __init__(self, url: str = "", api_key: str = "", model: str = "",
                 concurrency: int = 4, rate: float = 0.0, timeout: float = 30.0,
                 max_retries: int = 3, batch_size: int = 16):
        if not url.startswith(("http://", "https://")):
            raise TranslationError("libretranslate: set translator_url to the server's base URL, "
                                   "e.g. http://127.0.0.1:5000")
        self.base = url.rstrip("/")
        self.api_key = api_key
        self.model = model or "libretranslate"
        self.concurrency = max(1, int(concurrency))
        self.batch_size = max(1, int(batch_size))
        self.max_retries = max_retries
        self._limiter = RateLimiter(rate)
        self._client = httpx.Client(timeout=timeout)

    def languages(self) -> dict[str, set[str]]:
        """Source language → target languages the server offers."""
        data = self._call("GET", "/languages", None)
        return {d["code"]: set(d.get("targets", [])) for d in data if isinstance(d, dict)}

    def translate(self, texts: Sequence[str], source: str, target: str) -> list[str]:
        if not texts:
            return []
        batches = [list(texts[i:i + self.batch_size])
                   for i in range(0, len(texts), self.batch_size)]
        with ThreadPoolExecutor(self.concurrency) as pool:
            parts = list(pool.map(lambda b: self._batch(b, source, target), batches))
        return [t for part in parts for t in part]

    def _batch(self, texts: list[str], source: str, target: str) -> list[str]:
        payload: dict[str, Any] = {"q": texts, "source": source, "target": target,
                                   "format": "text"}
        if self.api_key:
            payload["api_key"] = self.api_key
        data = self._call("POST", "/translate", payload)
        out = data.get("translatedText") if isinstance(data, dict) else None
        if isinstance(out, str) and len(texts) == 1:
            out = [out]
        if not isinstance(out, list) or len(out) != len(texts):
            raise TranslationError(f"libretranslate: {self.base} returned an unexpected body")
        return [str(t) for t in out]

    def _call(self, method: str, path: str, payload: Any) -> Any:
        self._limiter.wait()
        try:
            return request_json(self._client, method, self.base + path, label="libretranslate",
                                payload=payload, max_retries=self.max_retries)
        except RemoteError as exc:
            raise TranslationError(str(exc)) from exc
