"""The private-address guard: literals, names, redirects, rebinding and the allow-list."""

from __future__ import annotations

import asyncio
import ipaddress

import pytest

from rashomon.fetch.client import FetchConfig, FetchResult, GuardedClient
from rashomon.fetch.ssrf import AddressGuard, BlockedAddress, is_public
from rashomon.settings import Settings
from tests.fetch.adversarial import Server, fast_settings


def get(settings: Settings, url: str) -> FetchResult:
    async def main() -> FetchResult:
        client = GuardedClient(FetchConfig.from_settings(settings))
        try:
            return await client.get(url)
        finally:
            await client.aclose()

    return asyncio.run(main())


@pytest.mark.parametrize(
    "addr",
    [
        "10.0.0.1",
        "172.16.5.4",
        "192.168.1.1",
        "127.0.0.1",
        "169.254.169.254",
        "0.0.0.0",
        "100.64.0.1",
        "224.0.0.1",
        "240.0.0.1",
        "255.255.255.255",
        "::1",
        "fe80::1",
        "fc00::1",
        "::ffff:10.0.0.1",
        "::",
        "ff02::1",
    ],
)
def test_non_public_addresses(addr: str) -> None:
    assert not is_public(ipaddress.ip_address(addr))


@pytest.mark.parametrize("addr", ["93.184.216.34", "8.8.8.8", "2606:4700:4700::1111"])
def test_public_addresses(addr: str) -> None:
    assert is_public(ipaddress.ip_address(addr))


def test_check_url_refuses_literals_and_schemes() -> None:
    guard = AddressGuard(["127.0.0.1"])
    for url in (
        "http://10.0.0.1/",
        "http://[::1]:8080/",
        "file:///etc/passwd",
        "gopher://example.org/",
        "http://169.254.169.254/latest/meta-data/",
    ):
        with pytest.raises(BlockedAddress):
            guard.check_url(url)
    guard.check_url("http://127.0.0.1:9/")  # allow-listed
    guard.check_url("https://example.org/")  # names are checked when resolved


@pytest.mark.parametrize(
    "path,target", [("/to-private", "10.0.0.1"), ("/to-metadata", "169.254.169.254")]
)
def test_redirect_to_internal_address_is_refused_without_connecting(
    server: Server, settings: Settings, path: str, target: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    connects: list[str] = []
    real = AddressGuard.resolve

    async def spy(self: AddressGuard, host: str, port: int) -> str:
        connects.append(host)
        return await real(self, host, port)

    monkeypatch.setattr(AddressGuard, "resolve", spy)
    result = get(settings, server.url(path))
    assert result.error_kind == "blocked" and target in (result.error or "")
    assert connects == ["127.0.0.1"]  # only the test server was ever dialled


def test_name_resolving_to_loopback_is_refused(server: Server, settings: Settings) -> None:
    result = get(settings, f"http://localhost:{server.port}/page/a.html")
    assert result.error_kind == "blocked" and "127.0.0.1" in (result.error or "")
    assert server.hits["/page/a.html"] == 0


def test_allow_listed_name_is_fetched(server: Server) -> None:
    result = get(
        fast_settings(allow_hosts="127.0.0.1,localhost"),
        f"http://localhost:{server.port}/page/a.html",
    )
    assert result.ok


def test_dns_rebinding_is_caught_at_the_peer(
    server: Server, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The name passed the check, then "resolved" to loopback when connecting: the peer
    # address of the response gives it away.
    async def rebound(self: AddressGuard, host: str, port: int) -> str:
        return "127.0.0.1"

    monkeypatch.setattr(AddressGuard, "resolve", rebound)
    result = get(settings, f"http://rebind.test:{server.port}/page/a.html")
    assert result.error_kind == "blocked" and "connected to non-public" in (result.error or "")


def test_resolution_uses_checked_address(monkeypatch: pytest.MonkeyPatch) -> None:
    async def fake_getaddrinfo(host: str, port: int, **kw: object) -> list[tuple]:  # type: ignore[type-arg]
        return [(2, 1, 6, "", ("93.184.216.34", port)), (2, 1, 6, "", ("10.1.2.3", port))]

    async def main() -> None:
        loop = asyncio.get_running_loop()
        monkeypatch.setattr(loop, "getaddrinfo", fake_getaddrinfo)
        guard = AddressGuard()
        with pytest.raises(BlockedAddress, match="10.1.2.3"):
            await guard.resolve("mixed.test", 80)

    asyncio.run(main())


def test_check_peer() -> None:
    guard = AddressGuard(["127.0.0.1"])
    guard.check_peer("example.org", ("93.184.216.34", 443))
    guard.check_peer("127.0.0.1", ("127.0.0.1", 80))
    with pytest.raises(BlockedAddress):
        guard.check_peer("example.org", ("192.168.0.10", 443))
