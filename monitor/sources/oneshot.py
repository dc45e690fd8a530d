"""Fetch a handful of pages at once, outside a poll cycle (`monitor check URL...`).

Uses the one HTTP client, so the same caps, timeouts, politeness and SSRF guard apply; one
session serves every URL of the call. Failures come back as values, one per URL.
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence

from monitor import __version__
from monitor.config import Settings
from monitor.errors import FetchError
from monitor.sources.http import PAGE_ACCEPT, HttpClient


def fetch_bodies(urls: Sequence[str], settings: Settings) -> dict[str, bytes | FetchError]:
    """The body of each URL, or the FetchError that stopped it."""
    if not urls:
        return {}
    return asyncio.run(_fetch_all(list(dict.fromkeys(urls)), settings))


async def _fetch_all(urls: list[str], settings: Settings) -> dict[str, bytes | FetchError]:
    async with HttpClient(settings.fetch, settings.user_agent(__version__)) as client:

        async def one(url: str) -> bytes | FetchError:
            try:
                return (await client.get(url, accept=PAGE_ACCEPT)).body
            except FetchError as exc:
                return exc

        bodies = await asyncio.gather(*(one(url) for url in urls))
    return dict(zip(urls, bodies, strict=True))
