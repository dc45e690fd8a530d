"""The SSRF guard: which network addresses the fetcher may connect to.

Feed and page URLs come from the outside (a feed can link anywhere, a page can redirect
anywhere), so every connection is checked against the address it will actually use: a custom
aiohttp resolver filters what DNS returned (no check-then-connect race: the connector only ever
sees the filtered list), and IP literals, which aiohttp does not resolve, are checked before
each request. Redirects are followed by our client one hop at a time, so each hop goes through
both checks again.

Refused unless `fetch.allow_private_addresses` is true: private, loopback, link-local,
multicast, reserved, unspecified and shared (carrier-grade NAT) addresses, and anything else
that is not globally routable, including IPv4 addresses mapped or translated into IPv6.
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from aiohttp.abc import AbstractResolver, ResolveResult
from aiohttp.resolver import DefaultResolver

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
IPNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network

_NAT64 = ipaddress.ip_network("64:ff9b::/96")


class AddressRefused(OSError):
    """A destination the guard does not allow (an OSError so aiohttp reports it as a
    connection failure, with this exception as the cause)."""


def refusal_reason(address: str | IPAddress) -> str | None:
    """Why `address` may not be fetched from, or None when it is a public address."""
    try:
        ip = ipaddress.ip_address(address) if isinstance(address, str) else address
    except ValueError:
        return "not an IP address"
    if isinstance(ip, ipaddress.IPv6Address):
        embedded = ip.ipv4_mapped
        if embedded is None and ip in _NAT64:
            embedded = ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
        if embedded is not None:
            return refusal_reason(embedded)
    for label, test in (
        ("unspecified", ip.is_unspecified),
        ("loopback", ip.is_loopback),
        ("link-local", ip.is_link_local),
        ("multicast", ip.is_multicast),
        ("private", ip.is_private),
        ("reserved", ip.is_reserved),
    ):
        if test:
            return f"a {label} address"
    if not ip.is_global:
        return "not a globally routable address"
    return None


@dataclass(frozen=True)
class AddressPolicy:
    """What the guard allows. `allowed` networks are exempt (tests use one loopback address
    as a stand-in for the public internet); `allow_private` turns the guard off."""

    allow_private: bool = False
    allowed: tuple[IPNetwork, ...] = field(default_factory=tuple)

    def check(self, address: str) -> str | None:
        """None when `address` may be used, else a one-line reason."""
        if self.allow_private:
            return None
        try:
            ip = ipaddress.ip_address(address.split("%", 1)[0])
        except ValueError:
            return f"{address} is not an IP address"
        if any(ip in network for network in self.allowed):
            return None
        reason = refusal_reason(ip)
        return f"{address} is {reason}" if reason else None

    def check_literal_host(self, host: str) -> None:
        """Raise AddressRefused when `host` is an IP literal the policy refuses."""
        bare = host.strip("[]")
        try:
            ipaddress.ip_address(bare.split("%", 1)[0])
        except ValueError:
            return  # a name: the resolver checks what it resolves to
        reason = self.check(bare)
        if reason:
            raise AddressRefused(f"refused to connect: {reason}")


class GuardedResolver(AbstractResolver):
    """Resolve with aiohttp's default resolver, then drop the addresses the policy refuses."""

    def __init__(self, policy: AddressPolicy, inner: AbstractResolver | None = None) -> None:
        self._policy = policy
        self._inner = inner or DefaultResolver()

    async def resolve(
        self, host: str, port: int = 0, family: socket.AddressFamily = socket.AF_INET
    ) -> list[ResolveResult]:
        results = await self._inner.resolve(host, port, family)
        allowed, reasons = _filter(self._policy, results)
        if not allowed:
            detail = "; ".join(sorted(set(reasons))) or "no address"
            raise AddressRefused(f"refused to connect to {host}: {detail}")
        return allowed

    async def close(self) -> None:
        await self._inner.close()


def _filter(
    policy: AddressPolicy, results: Iterable[ResolveResult]
) -> tuple[list[ResolveResult], list[str]]:
    allowed: list[Any] = []
    reasons: list[str] = []
    for result in results:
        reason = policy.check(result["host"])
        if reason is None:
            allowed.append(result)
        else:
            reasons.append(reason)
    return allowed, reasons
