"""Politeness: how many requests run at once, overall and per host, and how often one host is
asked. Media Cloud's "scoreboard", in-process.

A request first takes its host's slot (at most `per_host` at once, and starts spaced by at
least `min_gap` seconds plus a random jitter), then a global slot (at most `total` at once).
The host slot comes first so a request waiting out a host's gap never holds a global slot
that another host could use.
"""

from __future__ import annotations

import asyncio
import random
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field


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
    async def slot(self, host: str) -> AsyncIterator[None]:
        """Hold a slot for one request to `host` for the duration of the block."""
        if self._global is None:
            self._global = asyncio.Semaphore(self.total)
        state = self._hosts.get(host)
        if state is None:
            state = self._hosts[host] = _Host(asyncio.Semaphore(self.per_host))
        state.users += 1
        try:
            async with state.semaphore:
                await self._wait_turn(state)
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
