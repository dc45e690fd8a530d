"""Politeness: how many requests run at once, overall and per host, and how often one host is
asked. Media Cloud's "scoreboard", in-process.

A request first takes its host's slot (at most `per_host` at once, and starts spaced by at
least `min_gap` seconds plus a random jitter), then a global slot (at most `total` at once).
The host slot comes first so a request waiting out a host's gap never holds a global slot
that another host could use.

A `Permit` taken on the way (after the host's turn, before the global slot) bounds something
that outlives the request: the poll cycle uses one to bound the pages held in memory between
their download and their extraction, without a page that waits for its host's turn holding
a place another host could use.
"""

from __future__ import annotations

import asyncio
import random
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field


class Permit:
    """One place in a bounded pool, taken once (however many redirect hops) and given back
    with `release` (idempotent) when its holder is done."""

    def __init__(self, places: asyncio.Semaphore | None) -> None:
        self._places = places
        self.held = False

    async def acquire(self) -> None:
        if self._places is not None and not self.held:
            await self._places.acquire()
            self.held = True

    def release(self) -> None:
        if self.held and self._places is not None:
            self._places.release()
            self.held = False


@dataclass
class _Host:
    semaphore: asyncio.Semaphore
    next_start: float = 0.0
    users: int = 0


@dataclass
class HostGate:
    total: int
    per_host: int
    min_gap: float
    jitter: float
    rng: Callable[[], float] = random.random
    _hosts: dict[str, _Host] = field(default_factory=dict)
    _global: asyncio.Semaphore | None = None

    @asynccontextmanager
    async def slot(self, host: str, permit: Permit | None = None) -> AsyncIterator[None]:
        """Hold a slot for one request to `host` for the duration of the block; take
        `permit` (kept after the block) once it is this request's turn."""
        if self._global is None:
            self._global = asyncio.Semaphore(self.total)
        state = self._hosts.get(host)
        if state is None:
            state = self._hosts[host] = _Host(asyncio.Semaphore(self.per_host))
        state.users += 1
        try:
            async with state.semaphore:
                await self._wait_turn(state)
                if permit is not None:
                    await permit.acquire()
                async with self._global:
                    yield
        finally:
            state.users -= 1
            if state.users == 0 and state.next_start <= asyncio.get_running_loop().time():
                # Forget idle hosts whose gap has passed: memory stays bounded by activity.
                self._hosts.pop(host, None)

    async def _wait_turn(self, state: _Host) -> None:
        loop = asyncio.get_running_loop()
        now = loop.time()
        start = max(now, state.next_start)
        state.next_start = start + self.min_gap + self.jitter * self.rng()
        if start > now:
            await asyncio.sleep(start - now)
