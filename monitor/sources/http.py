"""The one HTTP client for feeds and pages (aiohttp), with every limit the open web needs.

* Timeouts from FetchConfig: connect, socket read (between bytes) and total, per request.
* A body cap enforced while streaming and counted on the DECOMPRESSED bytes: aiohttp (3.12+)
  inflates gzip/deflate/br/zstd in bounded steps as we read, so a gzip bomb stops at the cap
  instead of filling memory (tests/sources/test_http_client.py checks the peak).
* Redirects followed by us, one hop at a time (allow_redirects=False), at most
  `max_redirects`, with loop detection; each hop goes through the SSRF guard and the
  politeness gate again.
* The SSRF guard (monitor.sources.ssrf) on the resolved addresses and on IP literals.
* Politeness (monitor.sources.politeness): global and per-host concurrency, a minimum gap
  between requests to one host, jitter.

Expected failures are values: every problem becomes a FetchError with `status` (when the
server answered) and `retry_after` (seconds, when it said). A 304 is a normal Response.
Nothing here parses feeds or pages.
"""

from __future__ import annotations

import asyncio
import os
import random
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from types import TracebackType
from urllib.parse import urljoin, urlsplit

import aiohttp

from monitor.config import FetchConfig
from monitor.errors import FetchError
from monitor.sources.markup import one_line
from monitor.sources.politeness import HostGate, Permit
from monitor.sources.ssrf import AddressPolicy, AddressRefused, GuardedResolver

REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
_CHUNK = 64 * 1024

FEED_ACCEPT = (
    "application/rss+xml, application/atom+xml, application/feed+json, application/rdf+xml;q=0.9, "
    "application/xml;q=0.9, text/xml;q=0.9, application/json;q=0.8, */*;q=0.5"
)
PAGE_ACCEPT = "text/html, application/xhtml+xml;q=0.9, */*;q=0.5"


@dataclass(frozen=True, slots=True)
class Response:
    """A successful answer (2xx) or a 304. `url` is the final URL, after redirects."""

    url: str
    status: int
    headers: Mapping[str, str]
    body: bytes
    redirects: tuple[str, ...] = ()
    seconds: float = 0.0

    @property
    def content_type(self) -> str | None:
        return self.headers.get("content-type")

    @property
    def mime(self) -> str:
        return (self.content_type or "").split(";", 1)[0].strip().lower()


def parse_retry_after(
    value: str | None, server_date: str | None = None, now: datetime | None = None
) -> float | None:
    """Retry-After in seconds: delay-seconds, or an HTTP date (measured from the response's own
    Date header when there is one, so clock skew does not matter). None when absent or bad."""
    if not value or not value.strip():
        return None
    value = value.strip()
    if value.isdigit():
        return float(int(value))
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when is None:
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    reference = None
    if server_date:
        try:
            reference = parsedate_to_datetime(server_date)
        except (TypeError, ValueError, IndexError):
            reference = None
        if reference is not None and reference.tzinfo is None:
            reference = reference.replace(tzinfo=UTC)
    reference = reference or now or datetime.now(UTC)
    return max(0.0, (when - reference).total_seconds())


class HttpClient:
    """Use as `async with HttpClient(...) as client: await client.get(url)`."""

    def __init__(
        self,
        config: FetchConfig,
        user_agent: str,
        *,
        policy: AddressPolicy | None = None,
        rng: Callable[[], float] = random.random,
    ) -> None:
        self.config = config
        self.user_agent = user_agent
        self.policy = policy or AddressPolicy(allow_private=config.allow_private_addresses)
        self.gate = HostGate(
            total=config.concurrency,
            per_host=config.per_host_concurrency,
            min_gap=config.per_host_min_gap_seconds,
            jitter=config.jitter_seconds,
            rng=rng,
        )
        self._session: aiohttp.ClientSession | None = None
        self.requests = 0  # hops sent, for the benchmark and tests

    async def __aenter__(self) -> HttpClient:
        connector = aiohttp.TCPConnector(
            limit=self.config.concurrency,
            limit_per_host=self.config.per_host_concurrency,
            ttl_dns_cache=300,
            resolver=GuardedResolver(self.policy),
        )
        self._session = aiohttp.ClientSession(
            connector=connector,
            timeout=aiohttp.ClientTimeout(
                total=self.config.total_timeout_seconds,
                connect=self.config.connect_timeout_seconds,
                sock_read=self.config.read_timeout_seconds,
            ),
            headers={"User-Agent": self.user_agent},
            trust_env=False,
            auto_decompress=True,
        )
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if self._session is not None:
            await self._session.close()
            self._session = None

    async def get(
        self,
        url: str,
        *,
        headers: Mapping[str, str] | None = None,
        max_bytes: int | None = None,
        accept: str = "*/*",
        permit: Permit | None = None,
    ) -> Response:
        """GET `url`, following redirects. Returns a 2xx or 304 Response, else FetchError.

        `permit` is taken when the first request gets its turn (see politeness.Permit); the
        caller releases it."""
        if self._session is None:
            raise RuntimeError("HttpClient used outside 'async with'")
        cap = max_bytes or self.config.max_body_bytes
        request_headers = {"Accept": accept, **(headers or {})}
        loop = asyncio.get_running_loop()
        started = loop.time()
        seen = [url]
        current = url
        for _hop in range(self.config.max_redirects + 1):
            status, response_headers, body = await self._hop(current, request_headers, cap, permit)
            if status in REDIRECT_STATUSES:
                current = _next_hop(current, response_headers.get("location"), status)
                if current in seen:
                    raise FetchError(f"redirect loop: {current} again", status=status)
                seen.append(current)
                continue
            return Response(
                url=current,
                status=status,
                headers=response_headers,
                body=body,
                redirects=tuple(seen[1:]),
                seconds=loop.time() - started,
            )
        raise FetchError(f"too many redirects (more than {self.config.max_redirects})")

    async def _hop(
        self, url: str, headers: Mapping[str, str], cap: int, permit: Permit | None
    ) -> tuple[int, dict[str, str], bytes]:
        assert self._session is not None
        try:
            parts = urlsplit(url)
            host = (parts.hostname or "").lower()
        except ValueError:
            raise FetchError(f"invalid URL: {one_line(url, 200)}") from None
        if parts.scheme.lower() not in ("http", "https") or not host:
            raise FetchError(f"not an http(s) URL: {one_line(url, 200)}")
        try:
            async with self.gate.slot(host, permit):
                self.policy.check_literal_host(host)
                self.requests += 1
                async with self._session.get(
                    url, headers=headers, allow_redirects=False
                ) as response:
                    found = {k.lower(): v for k, v in response.headers.items()}
                    status = response.status
                    if status in REDIRECT_STATUSES or status == 304:
                        return status, found, b""
                    if status >= 400 or status < 200:
                        raise FetchError(
                            f"HTTP {status} {response.reason or ''}".strip(),
                            status=status,
                            retry_after=parse_retry_after(
                                found.get("retry-after"), found.get("date")
                            ),
                        )
                    return status, found, await _read_capped(response, cap)
        except FetchError:
            raise
        except AddressRefused as exc:
            raise FetchError(str(exc)) from None
        except aiohttp.ClientConnectorError as exc:
            cause = exc.os_error
            if isinstance(cause, AddressRefused):
                raise FetchError(str(cause)) from None
            raise FetchError(f"cannot connect to {host}: {_os_reason(cause)}") from None
        except TimeoutError:
            raise FetchError(f"timed out fetching {one_line(url, 200)}") from None
        except aiohttp.ClientPayloadError as exc:
            raise FetchError(f"broken response body: {one_line(str(exc), 200)}") from None
        except aiohttp.InvalidURL:
            raise FetchError(f"invalid URL: {one_line(url, 200)}") from None
        except aiohttp.ClientError as exc:
            raise FetchError(f"{type(exc).__name__}: {one_line(str(exc), 200)}") from None
        except (ValueError, UnicodeError) as exc:
            raise FetchError(f"invalid request: {one_line(str(exc), 200)}") from None


def _os_reason(error: OSError) -> str:
    """ "connection refused" rather than "[Errno 111] Connect call failed ('1.2.3.4', 80)"."""
    if error.errno is not None and error.errno > 0:
        return os.strerror(error.errno).lower()
    return one_line(error.strerror or str(error), 200)


def _next_hop(current: str, location: str | None, status: int) -> str:
    if not location or not location.strip():
        raise FetchError(f"HTTP {status} without a Location header", status=status)
    try:
        target = urljoin(current, location.strip())
        scheme = urlsplit(target).scheme.lower()
    except ValueError:
        raise FetchError(f"redirect to an invalid URL: {one_line(location, 200)}") from None
    if scheme not in ("http", "https"):
        raise FetchError(f"redirect to a non-HTTP URL: {one_line(target, 200)}", status=status)
    return target.split("#", 1)[0]


async def _read_capped(response: aiohttp.ClientResponse, cap: int) -> bytes:
    """The decompressed body, refusing it as soon as it passes `cap` bytes."""
    if response.content_length is not None and response.content_length > cap:
        raise FetchError(
            f"body over the cap of {cap:,} bytes (Content-Length {response.content_length:,})",
            status=response.status,
        )
    chunks: list[bytes] = []
    size = 0
    async for chunk in response.content.iter_chunked(_CHUNK):
        size += len(chunk)
        if size > cap:
            raise FetchError(f"body over the cap of {cap:,} bytes", status=response.status)
        chunks.append(chunk)
    return b"".join(chunks)
