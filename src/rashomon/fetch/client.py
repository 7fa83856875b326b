"""The guarded HTTP client: one GET with every hop checked, size caps and clear failures."""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urljoin, urlsplit

import httpcore
import httpx

from rashomon.fetch.limits import BadEncoding, CappedDecoder, TooLarge
from rashomon.fetch.ssrf import AddressGuard, BlockedAddress, GuardedBackend, parse_allow_hosts
from rashomon.settings import Settings

REDIRECT_STATUS = frozenset({301, 302, 303, 307, 308})


@dataclass(frozen=True)
class FetchConfig:
    """The fetch settings the client needs."""

    user_agent: str = "Rashomon/0.1"
    connect_timeout: float = 10.0
    read_timeout: float = 20.0
    total_timeout: float = 60.0
    max_body_bytes: int = 5_000_000
    max_redirects: int = 5
    allow_hosts: frozenset[str] = frozenset()
    max_connections: int = 32

    @classmethod
    def from_settings(cls, s: Settings) -> FetchConfig:
        """Build from the settings table ({contact} in user_agent filled in)."""
        return cls(
            user_agent=str(s.user_agent).replace("{contact}", str(s.contact_url)),
            connect_timeout=float(s.connect_timeout),
            read_timeout=float(s.read_timeout),
            total_timeout=float(s.total_timeout),
            max_body_bytes=int(s.max_body_bytes),
            max_redirects=int(s.max_redirects),
            allow_hosts=parse_allow_hosts(s.allow_hosts),
            max_connections=max(4, 2 * int(s.fetch_concurrency)),
        )


@dataclass
class FetchResult:
    """What one GET (with its redirects) produced; error_kind is None on success."""

    url: str
    final_url: str
    started_at: datetime
    status: int | None = None
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes | None = None  # content-decoded bytes
    elapsed_ms: float = 0.0
    error_kind: str | None = None  # blocked, robots, timeout, connect, too_large, redirects, ...
    error: str | None = None
    redirects: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """True for a 2xx answer with a body."""
        return self.error_kind is None and self.status is not None and 200 <= self.status < 300

    @property
    def not_modified(self) -> bool:
        return self.error_kind is None and self.status == 304

    def header(self, name: str) -> str | None:
        """A response header, case-insensitively."""
        return self.headers.get(name.lower())

    def fail(self, kind: str, message: str) -> None:
        """Mark the result as failed with a kind and a readable reason."""
        self.error_kind, self.error = kind, f"{kind}: {message}"


class _GuardedTransport(httpx.AsyncHTTPTransport):
    """httpx's transport with the guard's network backend underneath."""

    def __init__(self, guard: AddressGuard, limits: httpx.Limits):
        super().__init__(limits=limits, trust_env=False)
        # httpx does not expose the backend; replacing the pool keeps every other default.
        # tests/fetch/test_ssrf.py fails if an httpx upgrade bypasses this.
        self._pool = httpcore.AsyncConnectionPool(
            ssl_context=httpx.create_ssl_context(trust_env=False),
            max_connections=limits.max_connections,
            max_keepalive_connections=limits.max_keepalive_connections,
            keepalive_expiry=limits.keepalive_expiry,
            network_backend=GuardedBackend(guard),
        )


class GuardedClient:
    """GETs under the private-address guard, with manual redirects and body caps."""

    def __init__(self, config: FetchConfig):
        self.config = config
        self.guard = AddressGuard(config.allow_hosts)
        limits = httpx.Limits(
            max_connections=config.max_connections, max_keepalive_connections=config.max_connections
        )
        timeout = httpx.Timeout(
            connect=config.connect_timeout,
            read=config.read_timeout,
            write=config.read_timeout,
            pool=config.total_timeout,
        )
        self._http = httpx.AsyncClient(
            transport=_GuardedTransport(self.guard, limits),
            timeout=timeout,
            follow_redirects=False,
            trust_env=False,
            headers={"User-Agent": config.user_agent, "Accept-Encoding": "gzip, deflate"},
        )

    async def aclose(self) -> None:
        await self._http.aclose()

    async def get(self, url: str, headers: dict[str, str] | None = None) -> FetchResult:
        """Fetch url; failures come back in the result, never as exceptions."""
        result = FetchResult(url=url, final_url=url, started_at=datetime.now(UTC))
        t0 = time.monotonic()
        try:
            async with asyncio.timeout(self.config.total_timeout):
                await self._follow(result, headers or {})
        except TimeoutError:
            result.fail("timeout", f"no complete answer within {self.config.total_timeout:g}s")
        except BlockedAddress as exc:
            result.fail("blocked", str(exc))
        except TooLarge as exc:
            result.fail("too_large", str(exc))
        except BadEncoding as exc:
            result.fail("encoding", str(exc))
        except httpx.TimeoutException as exc:
            result.fail("timeout", _describe(exc, "timed out"))
        except (httpx.ConnectError, httpx.NetworkError) as exc:
            result.fail("connect", _describe(exc, "connection failed"))
        except (httpx.HTTPError, httpx.InvalidURL, UnicodeError) as exc:
            result.fail("protocol", _describe(exc, "bad HTTP exchange"))
        result.elapsed_ms = (time.monotonic() - t0) * 1000
        return result

    async def _follow(self, result: FetchResult, headers: dict[str, str]) -> None:
        current, seen = result.url, {result.url}
        for _ in range(self.config.max_redirects + 1):
            self.guard.check_url(current)  # before any connection, on every hop
            response = await self._http.send(
                self._http.build_request("GET", current, headers=headers), stream=True
            )
            try:
                self._check_peer(response, current)
                result.final_url, result.status = current, response.status_code
                result.headers = {k.lower(): v for k, v in response.headers.items()}
                location = response.headers.get("location")
                if response.status_code in REDIRECT_STATUS and location:
                    current = urljoin(current, location.strip())
                    result.redirects.append(current)
                    if current in seen:
                        result.fail("redirects", f"redirect loop back to {current}")
                        return
                    seen.add(current)
                    continue
                if 200 <= response.status_code < 300:
                    result.body = await self._read(response)
                elif response.status_code >= 400:
                    result.fail("http", f"HTTP {response.status_code} from {current}")
                elif response.status_code != 304:  # 1xx, 300, or a redirect without Location
                    result.fail(
                        "http",
                        f"HTTP {response.status_code} without content or Location from {current}",
                    )
                return
            finally:
                await response.aclose()
        result.fail(
            "redirects", f"more than {self.config.max_redirects} redirects (last: {current})"
        )

    def _check_peer(self, response: httpx.Response, url: str) -> None:
        stream: Any = response.extensions.get("network_stream")
        peer = stream.get_extra_info("server_addr") if stream is not None else None
        self.guard.check_peer(urlsplit(url).hostname or "", peer)

    async def _read(self, response: httpx.Response) -> bytes:
        cap = self.config.max_body_bytes
        declared = response.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > cap:
            raise TooLarge(f"Content-Length {declared} is over the {cap}-byte cap")
        decoder = CappedDecoder(response.headers.get("content-encoding"), cap)
        body, raw = bytearray(), 0
        async for chunk in response.aiter_raw():
            raw += len(chunk)
            if raw > cap:
                raise TooLarge(f"body larger than {cap} bytes")
            body += decoder.feed(chunk)
        body += decoder.flush()
        return bytes(body)


def _describe(exc: BaseException, fallback: str) -> str:
    text = str(exc).strip()
    return f"{type(exc).__name__}: {text}" if text else f"{type(exc).__name__} ({fallback})"
