"""Poll one feed: a conditional GET, then a parse only when the body is new. No database.

The result is a value (FeedFetch) that says what happened; `monitor.app` turns it into the
feed row's new state with `monitor.sources.schedule` and stores it. A 304, or a 200 whose body
hashes to the last one seen, costs no parse. Every `unconditional_every`-th poll goes without
validators, for servers that keep answering 304 with stale ones.
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Literal

from monitor.errors import FeedParseError, FetchError
from monitor.extract.pool import TaskTimeout, WorkerCrashed
from monitor.sources.feed import ParsedFeed
from monitor.sources.http import FEED_ACCEPT, HttpClient
from monitor.sources.markup import one_line
from monitor.sources.schedule import send_validators
from monitor.store.feeds import FeedState

log = logging.getLogger(__name__)

Parse = Callable[[bytes, str, str | None], Awaitable[ParsedFeed]]


@dataclass(frozen=True, slots=True)
class FeedFetch:
    outcome: Literal["ok", "not_modified", "failed"]
    conditional: bool
    seconds: float
    status: int | None = None
    error: str | None = None
    retry_after: float | None = None
    parse_failure: bool = False
    etag: str | None = None
    last_modified: str | None = None
    body_hash: str | None = None
    parsed: ParsedFeed | None = None


async def fetch_feed(
    client: HttpClient, state: FeedState, *, parse: Parse, unconditional_every: int
) -> FeedFetch:
    """Fetch and, when changed, parse `state`'s feed. Never raises for the feed's own faults."""
    loop = asyncio.get_running_loop()
    started = loop.time()
    has_validators = bool(state.etag or state.last_modified)
    conditional = has_validators and send_validators(
        state.polls_since_unconditional, unconditional_every
    )
    headers: dict[str, str] = {}
    if conditional:
        if state.etag:
            headers["If-None-Match"] = state.etag
        if state.last_modified:
            headers["If-Modified-Since"] = state.last_modified

    def elapsed() -> float:
        return loop.time() - started

    try:
        response = await client.get(state.url, headers=headers, accept=FEED_ACCEPT)
    except FetchError as exc:
        return FeedFetch(
            "failed",
            conditional,
            elapsed(),
            status=exc.status,
            error=str(exc),
            retry_after=exc.retry_after,
        )
    etag = response.headers.get("etag")
    last_modified = response.headers.get("last-modified")
    if response.status == 304:
        return FeedFetch(
            "not_modified",
            conditional,
            elapsed(),
            status=304,
            etag=etag,
            last_modified=last_modified,
        )
    body_hash = hashlib.sha256(response.body).hexdigest()
    if state.body_hash == body_hash:
        return FeedFetch(
            "not_modified",
            conditional,
            elapsed(),
            status=response.status,
            etag=etag,
            last_modified=last_modified,
            body_hash=body_hash,
        )
    try:
        parsed = await parse(response.body, response.url, response.content_type)
    except FeedParseError as exc:
        error = str(exc)
    except TaskTimeout as exc:
        error = f"parsing {exc}"
    except WorkerCrashed as exc:
        error = f"parsing failed: {exc}"
    except Exception as exc:  # a parser library failing on hostile input: the feed's fault
        log.exception("feed parser crashed feed=%s", state.name)
        error = f"parser crashed: {type(exc).__name__}: {one_line(str(exc), 200)}"
    else:
        return FeedFetch(
            "ok",
            conditional,
            elapsed(),
            status=response.status,
            etag=etag,
            last_modified=last_modified,
            body_hash=body_hash,
            parsed=parsed,
        )
    return FeedFetch(
        "failed",
        conditional,
        elapsed(),
        status=response.status,
        error=error,
        parse_failure=True,
    )
