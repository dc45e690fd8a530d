"""Real HTTP servers on loopback for the source tests: aiohttp.web in a background thread.

Every 127.x.y.z address is loopback, so `LocalServer("127.0.0.2")` is a distinct "host" for
the per-host limits and for the SSRF guard. Routes are added while the server runs; each
handler is an aiohttp handler (async, request → response). The server counts hits per path
and keeps the request headers.
"""

from __future__ import annotations

import asyncio
import threading
import zlib
from collections import Counter
from collections.abc import Awaitable, Callable
from pathlib import Path

from aiohttp import web

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


class LocalServer:
    def __init__(self, host: str = "127.0.0.1") -> None:
        self.host = host
        self.port = 0
        self.routes: dict[str, Handler] = {}
        self.hits: Counter[str] = Counter()
        self.headers: dict[str, list[dict[str, str]]] = {}
        self._loop = asyncio.new_event_loop()
        self._runner: web.AppRunner | None = None
        self._thread: threading.Thread | None = None

    # -- life cycle --------------------------------------------------------------------

    def start(self) -> LocalServer:
        app = web.Application()
        app.router.add_route("GET", "/{tail:.*}", self._dispatch)
        self._runner = web.AppRunner(app, access_log=None, handler_cancellation=True)
        self._loop.run_until_complete(self._runner.setup())
        site = web.TCPSite(self._runner, self.host, 0)
        self._loop.run_until_complete(site.start())
        self.port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
        self._thread = threading.Thread(target=self._loop.run_forever, daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._runner is not None:
            asyncio.run_coroutine_threadsafe(self._runner.cleanup(), self._loop).result(10)
        self._loop.call_soon_threadsafe(self._loop.stop)
        if self._thread is not None:
            self._thread.join(10)

    def __enter__(self) -> LocalServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # -- routes ------------------------------------------------------------------------

    def url(self, path: str) -> str:
        return f"http://{self.host}:{self.port}{path}"

    def route(self, path: str, handler: Handler) -> str:
        self.routes[path] = handler
        return self.url(path)

    def add(
        self,
        path: str,
        body: bytes | str = b"",
        *,
        status: int = 200,
        content_type: str | None = "application/xml",
        headers: dict[str, str] | None = None,
    ) -> str:
        """A fixed answer at `path`; returns its URL."""
        data = body.encode("utf-8") if isinstance(body, str) else body

        async def handler(request: web.Request) -> web.StreamResponse:
            all_headers = dict(headers or {})
            if content_type is not None:
                all_headers["Content-Type"] = content_type
            return web.Response(body=data, status=status, headers=all_headers)

        return self.route(path, handler)

    def add_file(self, path: str, file: Path, content_type: str = "text/html") -> str:
        return self.add(path, file.read_bytes(), content_type=content_type)

    def add_conditional(
        self, path: str, body: bytes | str, *, etag: str, content_type: str = "application/xml"
    ) -> str:
        """Answers 304 when If-None-Match matches `etag`."""
        data = body.encode("utf-8") if isinstance(body, str) else body

        async def handler(request: web.Request) -> web.StreamResponse:
            if request.headers.get("If-None-Match") == etag:
                return web.Response(status=304, headers={"ETag": etag})
            return web.Response(body=data, headers={"ETag": etag, "Content-Type": content_type})

        return self.route(path, handler)

    async def _dispatch(self, request: web.Request) -> web.StreamResponse:
        path = request.path_qs if request.path_qs in self.routes else request.path
        self.hits[path] += 1
        self.headers.setdefault(path, []).append(dict(request.headers))
        handler = self.routes.get(path)
        if handler is None:
            return web.Response(status=404, text="not found")
        return await handler(request)


def gzip_bomb(megabytes: int) -> bytes:
    """A gzip stream of `megabytes` MiB of zeros (about 1/1000 of that on the wire)."""
    compressor = zlib.compressobj(9, zlib.DEFLATED, 31)
    chunk = b"\0" * (1 << 20)
    parts = [compressor.compress(chunk) for _ in range(megabytes)]
    parts.append(compressor.flush())
    return b"".join(parts)


def rss(items: list[dict[str, str]], title: str = "Test feed") -> str:
    """A small RSS 2.0 document; each item dict maps element names to their text."""
    body = "".join(
        "<item>" + "".join(f"<{k}>{v}</{k}>" for k, v in item.items()) + "</item>" for item in items
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?>'
        f'<rss version="2.0"><channel><title>{title}</title>{body}</channel></rss>'
    )
