"""The HTTP client against real servers on loopback: limits, errors as values, redirects,
the SSRF guard and politeness. No mocks of our HTTP layer."""

from __future__ import annotations

import asyncio
import ipaddress
import socket
import time
import tracemalloc
from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
from aiohttp import web

from monitor import __version__
from monitor.config import FetchConfig, Settings
from monitor.errors import FetchError
from monitor.sources.http import HttpClient, Response, parse_retry_after
from monitor.sources.ssrf import AddressPolicy, refusal_reason
from tests.sources.sources_servers import LocalServer, gzip_bomb

FAST = {
    "allow_private_addresses": True,
    "per_host_min_gap_seconds": 0,
    "jitter_seconds": 0,
    "connect_timeout_seconds": 2,
    "read_timeout_seconds": 2,
    "total_timeout_seconds": 3,
}


def config(**overrides: object) -> FetchConfig:
    return FetchConfig(**{**FAST, **overrides})


def fetch(url: str, cfg: FetchConfig | None = None, policy: AddressPolicy | None = None, **kw):
    async def go() -> Response:
        async with HttpClient(cfg or config(), "monitor-test/1", policy=policy) as client:
            return await client.get(url, **kw)

    return asyncio.run(go())


def failure(url: str, cfg: FetchConfig | None = None, **kw) -> FetchError:
    with pytest.raises(FetchError) as caught:
        fetch(url, cfg, **kw)
    return caught.value


@pytest.fixture
def server() -> Iterator[LocalServer]:
    with LocalServer() as srv:
        yield srv


def test_success_carries_final_url_headers_and_body(server: LocalServer) -> None:
    url = server.add("/feed", "<rss/>", headers={"ETag": '"v1"'})
    response = fetch(url)
    assert (response.status, response.body, response.url) == (200, b"<rss/>", url)
    assert response.headers["etag"] == '"v1"'
    assert response.mime == "application/xml"


def test_user_agent_names_the_project_and_a_contact(server: LocalServer, make_config) -> None:
    from monitor.config import load_settings

    settings: Settings = load_settings(make_config())
    url = server.add("/ua", "ok")
    agent = settings.user_agent(__version__)

    async def go() -> None:
        async with HttpClient(settings.fetch, agent) as client:
            await client.get(url)

    asyncio.run(go())
    sent = server.headers["/ua"][0]["User-Agent"]
    assert sent == agent
    assert "milestone-monitor" in sent and settings.fetch.contact_url in sent


@pytest.mark.parametrize("status", [404, 410, 500, 502, 403])
def test_error_statuses_are_values(server: LocalServer, status: int) -> None:
    error = failure(server.add(f"/s{status}", "nope", status=status))
    assert error.status == status
    assert str(error).startswith(f"HTTP {status}")
    assert error.retry_after is None


def test_429_with_retry_after_seconds(server: LocalServer) -> None:
    error = failure(server.add("/busy", "slow down", status=429, headers={"Retry-After": "120"}))
    assert (error.status, error.retry_after) == (429, 120.0)


def test_503_with_retry_after_date(server: LocalServer) -> None:
    headers = {
        "Retry-After": "Sat, 21 Nov 2026 13:00:00 GMT",
        "Date": "Sat, 21 Nov 2026 12:00:00 GMT",
    }
    error = failure(server.add("/maint", "", status=503, headers=headers))
    assert (error.status, error.retry_after) == (503, 3600.0)


@pytest.mark.parametrize(
    ("value", "date", "expected"),
    [
        ("120", None, 120.0),
        (" 0 ", None, 0.0),
        ("Sat, 21 Nov 2026 13:00:00 GMT", "Sat, 21 Nov 2026 12:00:00 GMT", 3600.0),
        ("Sat, 21 Nov 2026 11:00:00 GMT", "Sat, 21 Nov 2026 12:00:00 GMT", 0.0),
        ("Sat, 21 Nov 2026 12:30:00 GMT", None, 1800.0),
        ("-5", None, None),
        ("soon", None, None),
        ("", None, None),
        (None, None, None),
    ],
)
def test_parse_retry_after(value, date, expected) -> None:
    now = datetime(2026, 11, 21, 12, 0, tzinfo=UTC)
    assert parse_retry_after(value, date, now) == expected


def test_304_is_a_normal_answer(server: LocalServer) -> None:
    url = server.add_conditional("/c", "<rss/>", etag='"e1"')
    assert fetch(url).status == 200
    response = fetch(url, headers={"If-None-Match": '"e1"'})
    assert (response.status, response.body) == (304, b"")


def test_body_over_the_cap_declared(server: LocalServer) -> None:
    url = server.add("/big", b"x" * 200_000)
    error = failure(url, config(max_body_bytes=100_000))
    assert "cap" in str(error) and error.status == 200


def test_body_over_the_cap_streamed_without_length(server: LocalServer) -> None:
    async def stream(request: web.Request) -> web.StreamResponse:
        response = web.StreamResponse()
        response.enable_chunked_encoding()
        await response.prepare(request)
        for _ in range(100):
            await response.write(b"y" * 10_000)
        return response

    url = server.route("/stream", stream)
    assert "cap" in str(failure(url, config(max_body_bytes=50_000)))


def _bomb(encoding: str) -> bytes:
    zeros = b"\0" * (256 << 20)  # 256 MiB once inflated
    if encoding == "br":
        import brotli

        return brotli.compress(zeros, quality=1)
    if encoding == "zstd":
        from backports import zstd

        return zstd.compress(zeros, 1)
    return gzip_bomb(256)


@pytest.mark.parametrize("encoding", ["gzip", "br", "zstd"])
def test_compression_bombs_stop_at_the_cap_without_filling_memory(
    server: LocalServer, encoding: str
) -> None:
    bomb = _bomb(encoding)
    assert len(bomb) < 400_000
    url = server.add(f"/bomb-{encoding}", bomb, headers={"Content-Encoding": encoding})
    tracemalloc.start()
    try:
        error = failure(url, config(max_body_bytes=1_000_000))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert "cap of 1,000,000 bytes" in str(error)
    assert peak < 20 * 1024 * 1024, f"peak {peak / 1e6:.1f} MB"


def test_a_server_sending_one_byte_per_second_hits_the_total_timeout(server: LocalServer) -> None:
    async def trickle(request: web.Request) -> web.StreamResponse:
        response = web.StreamResponse(headers={"Content-Type": "application/xml"})
        response.content_length = 60
        await response.prepare(request)
        for _ in range(60):
            await response.write(b"<")
            await asyncio.sleep(1)
        return response

    url = server.route("/trickle", trickle)
    started = time.monotonic()
    error = failure(url, config(total_timeout_seconds=2, read_timeout_seconds=1.5))
    assert "timed out" in str(error)
    assert time.monotonic() - started < 4


def test_a_server_that_never_answers_hits_the_read_timeout(server: LocalServer) -> None:
    async def silent(request: web.Request) -> web.StreamResponse:
        await asyncio.sleep(30)
        return web.Response(text="late")

    started = time.monotonic()
    error = failure(server.route("/silent", silent), config(read_timeout_seconds=1))
    assert "timed out" in str(error)
    assert time.monotonic() - started < 3


def test_connection_refused() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    error = failure(f"http://127.0.0.1:{port}/feed")
    assert "cannot connect" in str(error) and error.status is None


def test_redirects_are_followed_and_reported(server: LocalServer) -> None:
    final = server.add("/final", "<rss/>")
    server.add("/b", status=302, headers={"Location": "/final"})
    server.add("/a", status=301, headers={"Location": server.url("/b")})
    response = fetch(server.url("/a"))
    assert response.url == final
    assert response.redirects == (server.url("/b"), final)


def test_redirect_loop(server: LocalServer) -> None:
    server.add("/loop1", status=302, headers={"Location": "/loop2"})
    server.add("/loop2", status=302, headers={"Location": "/loop1"})
    error = failure(server.url("/loop1"))
    assert "redirect loop" in str(error)
    assert server.hits["/loop1"] == 1 and server.hits["/loop2"] == 1


def test_too_many_redirects(server: LocalServer) -> None:
    for i in range(10):
        server.add(f"/r{i}", status=307, headers={"Location": f"/r{i + 1}"})
    error = failure(server.url("/r0"), config(max_redirects=3))
    assert "too many redirects" in str(error)
    assert server.hits["/r4"] == 0


@pytest.mark.parametrize(
    "location", ["ftp://example.org/x", "javascript:alert(1)", "", "file:///etc/passwd"]
)
def test_redirect_to_somewhere_not_http(server: LocalServer, location: str) -> None:
    url = server.add("/odd", status=302, headers={"Location": location} if location else {})
    assert isinstance(failure(url), FetchError)


@pytest.mark.parametrize(
    ("address", "reason"),
    [
        ("127.0.0.1", "loopback"),
        ("127.3.4.5", "loopback"),
        ("10.1.2.3", "private"),
        ("172.16.0.1", "private"),
        ("192.168.1.1", "private"),
        ("169.254.169.254", "link-local"),  # cloud metadata
        ("224.0.0.1", "multicast"),
        ("0.0.0.0", "unspecified"),
        ("100.64.0.1", "not a globally routable"),
        ("240.0.0.1", "address"),  # reserved (Python files it under private)
        ("::1", "loopback"),
        ("::", "unspecified"),
        ("fe80::1", "link-local"),
        ("fc00::1", "private"),
        ("ff02::1", "multicast"),
        ("::ffff:127.0.0.1", "loopback"),  # IPv4-mapped
        ("::ffff:10.0.0.1", "private"),
        ("64:ff9b::7f00:1", "loopback"),  # NAT64 of 127.0.0.1
        ("8.8.8.8", None),
        ("2001:4860:4860::8888", None),
        ("93.184.216.34", None),
    ],
)
def test_refusal_reason(address: str, reason: str | None) -> None:
    found = refusal_reason(address)
    assert (found is None) if reason is None else (reason in (found or ""))


def test_guard_refuses_a_loopback_literal_before_connecting(server: LocalServer) -> None:
    url = server.add("/x", "secret")
    error = failure(url, config(allow_private_addresses=False))
    assert "refused" in str(error) and "loopback" in str(error)
    assert server.hits["/x"] == 0


def test_guard_checks_the_address_a_name_resolves_to(server: LocalServer) -> None:
    server.add("/x", "secret")
    error = failure(f"http://localhost:{server.port}/x", config(allow_private_addresses=False))
    assert "refused" in str(error)
    assert server.hits["/x"] == 0


def test_guard_runs_on_every_redirect_hop() -> None:
    # 127.0.0.2 plays a public site; it redirects to 127.0.0.1 (an internal service).
    public = AddressPolicy(allowed=(ipaddress.ip_network("127.0.0.2/32"),))
    guarded = config(allow_private_addresses=False)
    with LocalServer("127.0.0.2") as outside, LocalServer("127.0.0.1") as inside:
        inside.add("/admin", "internal")
        outside.add("/page", "<html><body>public</body></html>", content_type="text/html")
        outside.add("/to-literal", status=302, headers={"Location": inside.url("/admin")})
        outside.add(
            "/to-name", status=302, headers={"Location": f"http://localhost:{inside.port}/admin"}
        )
        assert fetch(outside.url("/page"), guarded, policy=public).body.startswith(b"<html>")
        for path in ("/to-literal", "/to-name"):
            with pytest.raises(FetchError, match="refused"):
                fetch(outside.url(path), guarded, policy=public)
        assert inside.hits["/admin"] == 0


def test_per_host_gap_and_concurrency() -> None:
    arrivals: dict[str, list[float]] = {}
    active = {"now": 0, "max": 0}

    async def slow(request: web.Request) -> web.StreamResponse:
        arrivals.setdefault(request.host.split(":")[0], []).append(time.monotonic())
        active["now"] += 1
        active["max"] = max(active["max"], active["now"])
        await asyncio.sleep(0.2)
        active["now"] -= 1
        return web.Response(text="ok")

    cfg = config(per_host_min_gap_seconds=0.3, per_host_concurrency=1, jitter_seconds=0.1)
    with LocalServer("127.0.0.2") as a, LocalServer("127.0.0.3") as b:
        urls = [a.route("/p", slow)] * 3 + [b.route("/p", slow)] * 3

        async def go() -> None:
            async with HttpClient(cfg, "monitor-test/1") as client:
                await asyncio.gather(*(client.get(u) for u in urls))

        started = time.monotonic()
        asyncio.run(go())
        elapsed = time.monotonic() - started
    for host in ("127.0.0.2", "127.0.0.3"):
        times = arrivals[host]
        gaps = [later - earlier for earlier, later in zip(times, times[1:], strict=False)]
        assert len(times) == 3 and all(gap >= 0.29 for gap in gaps), gaps
    # The two hosts are served side by side, each one request at a time.
    assert active["max"] == 2
    assert elapsed < 1.6


def test_global_concurrency_limit() -> None:
    active = {"now": 0, "max": 0}

    async def slow(request: web.Request) -> web.StreamResponse:
        active["now"] += 1
        active["max"] = max(active["max"], active["now"])
        await asyncio.sleep(0.1)
        active["now"] -= 1
        return web.Response(text="ok")

    servers = [LocalServer(f"127.0.0.{i}").start() for i in range(2, 8)]
    try:
        urls = [s.route("/p", slow) for s in servers]

        async def go() -> None:
            async with HttpClient(config(concurrency=2), "monitor-test/1") as client:
                await asyncio.gather(*(client.get(u) for u in urls))

        asyncio.run(go())
    finally:
        for s in servers:
            s.stop()
    assert active["max"] == 2


@pytest.mark.parametrize(
    "url", ["not a url", "http://", "gopher://example.org/", "http://exa mple.org/"]
)
def test_invalid_urls(url: str) -> None:
    assert isinstance(failure(url), FetchError)


def test_a_permit_is_taken_at_the_requests_turn_and_kept_until_released() -> None:
    from monitor.sources.politeness import Permit

    with LocalServer("127.0.0.2") as a, LocalServer("127.0.0.3") as b:
        url_a, url_b = a.add("/p", "a"), b.add("/p", "b")

        async def go() -> None:
            places = asyncio.Semaphore(1)
            async with HttpClient(config(), "monitor-test/1") as client:
                first, second = Permit(places), Permit(places)
                await client.get(url_a, permit=first)
                assert first.held  # kept after the request: the page is still in hand
                waiting = asyncio.create_task(client.get(url_b, permit=second))
                await asyncio.sleep(0.3)
                assert not waiting.done() and b.hits["/p"] == 0
                first.release()
                first.release()  # idempotent
                assert (await waiting).body == b"b" and second.held
                second.release()
                assert not places.locked()

        asyncio.run(go())
