"""The private-address guard: never let a feed or a redirect point the crawler inside a network.

Every hostname is resolved by the guard itself and the connection is made to the address it
checked, so DNS rebinding between check and connect has nothing to exploit. The peer
address of each response is checked again as a second line of defence.
"""

from __future__ import annotations

import asyncio
import ipaddress
import socket
from collections.abc import Iterable
from typing import Any
from urllib.parse import urlsplit

import httpcore

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address


class BlockedAddress(Exception):
    """A URL or connection was refused by the private-address guard."""


def is_public(ip: IPAddress) -> bool:
    """True for globally routable unicast addresses."""
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped  # ::ffff:10.0.0.1 is 10.0.0.1
    return not (
        ip.is_private
        or ip.is_loopback
        or ip.is_link_local
        or ip.is_multicast
        or ip.is_reserved
        or ip.is_unspecified
        or not ip.is_global
    )


def parse_allow_hosts(value: str | Iterable[str]) -> frozenset[str]:
    """The allow_hosts setting as a set of lower-case hosts/IPs."""
    items = value.split(",") if isinstance(value, str) else value
    return frozenset(x.strip().lower().strip("[]") for x in items if x.strip())


class AddressGuard:
    """Decides which hosts may be contacted and resolves them to checked addresses."""

    def __init__(self, allow_hosts: Iterable[str] = ()):
        self.allow = parse_allow_hosts(allow_hosts)

    def allowed_host(self, host: str) -> bool:
        """True when the host (as written in the URL) is exempt from the guard."""
        return host.lower().strip("[]") in self.allow

    def check_url(self, url: str) -> None:
        """Refuse non-HTTP schemes and private IP literals without any network access."""
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https"):
            raise BlockedAddress(f"scheme {parts.scheme!r} is not allowed ({url})")
        host = parts.hostname
        if not host:
            raise BlockedAddress(f"no host in {url}")
        if self.allowed_host(host):
            return
        try:
            ip = ipaddress.ip_address(host)
        except ValueError:
            return  # a name: checked when it is resolved
        if not is_public(ip):
            raise BlockedAddress(f"{host} is a non-public address")

    async def resolve(self, host: str, port: int) -> str:
        """A checked address to connect to for host; raises BlockedAddress."""
        try:
            literal: IPAddress | None = ipaddress.ip_address(host.strip("[]"))
        except ValueError:
            literal = None
        if literal is not None:
            if not self.allowed_host(host) and not is_public(literal):
                raise BlockedAddress(f"{host} is a non-public address")
            return str(literal)
        loop = asyncio.get_running_loop()
        try:
            infos = await loop.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        except socket.gaierror as exc:
            raise httpcore.ConnectError(f"cannot resolve {host}: {exc.strerror}") from exc
        addrs = [ipaddress.ip_address(str(info[4][0]).split("%", 1)[0]) for info in infos]
        if not addrs:
            raise httpcore.ConnectError(f"cannot resolve {host}: no addresses")
        if not self.allowed_host(host):
            # One internal address is enough to refuse: public sites never resolve inside.
            bad = [a for a in addrs if not is_public(a)]
            if bad:
                raise BlockedAddress(f"{host} resolves to non-public address {bad[0]}")
        return str(addrs[0])

    def check_peer(self, host: str, peer: Any) -> None:
        """Refuse a response whose connection ended up at a non-public address."""
        if self.allowed_host(host) or not peer:
            return
        addr = peer[0] if isinstance(peer, tuple) else peer
        try:
            ip = ipaddress.ip_address(str(addr).split("%", 1)[0])
        except ValueError:
            return
        if not is_public(ip):
            raise BlockedAddress(f"{host} connected to non-public address {ip}")


class GuardedBackend(httpcore.AsyncNetworkBackend):
    """An httpcore network backend that connects only to addresses the guard approved."""

    def __init__(self, guard: AddressGuard):
        self._guard = guard
        self._inner = httpcore.AnyIOBackend()

    async def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.AsyncNetworkStream:
        address = await self._guard.resolve(host, port)
        return await self._inner.connect_tcp(
            address,
            port,
            timeout=timeout,
            local_address=local_address,
            socket_options=socket_options,
        )

    async def connect_unix_socket(
        self, path: str, timeout: float | None = None, socket_options: Iterable[Any] | None = None
    ) -> httpcore.AsyncNetworkStream:
        raise BlockedAddress("unix sockets are not allowed")

    async def sleep(self, seconds: float) -> None:
        await self._inner.sleep(seconds)
