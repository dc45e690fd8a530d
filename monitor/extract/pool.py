"""A process pool for CPU-bound work (trafilatura, feedparser), with a time bound per task.

trafilatura has no timeout of its own and a pathological page can run for minutes, so each
task gets `timeout` seconds of RUN time. Two tasks per worker are handed to the pool at once,
so a worker that finishes finds its next task already queued instead of idling for a round
trip through the parent (measured: half the throughput on 2 busy cores without this). Each
task writes its start time (CLOCK_MONOTONIC, shared by all processes) into a shared array, and
the parent measures the bound from there, not from submission.

When a task runs past its bound, the only way to stop it is to kill its process: the pool's
workers are killed and a new pool is made; the other tasks that were in the old pool are
innocent and run once more in the new one (a second break is reported as WorkerCrashed).

Workers come from a forkserver that has imported trafilatura and feedparser already, so a new
pool costs a fork, not a re-import, and no worker inherits the event loop, threads or
database connections of the parent. A worker's `__main__` is `monitor.extract.worker`, not the
program that made the pool: multiprocessing re-imports the parent's main module in every new
process, and for the `monitor` console script that was the whole CLI (0.5 s of CPU and about
40 MB in each worker, each cycle).

No worker outlives its parent. Each holds the reading end of a pipe whose only writing end is
the parent's: when the parent exits, however it exits (kill -9 included), a thread in the
worker reads end-of-file and ends the worker at once; the forkserver and the resource tracker
of multiprocessing then see their own pipes close and exit too. Without this the workers sat
forever on their task queue (each holds both ends of it), holding the caller's stdout open.
Workers ignore SIGINT: Ctrl-C reaches the whole process group, and stopping is the parent's
decision (`close(kill=True)`), not a traceback in every worker.

`setup`, when given, is `(fn, args)` run once in each new worker (the analysis installs its
baseline this way, so it is not sent with every task).

Use from one event loop: `async with WorkPool(n) as pool: await pool.run(fn, *args, timeout=…)`.
`fn` must be a module-level function or a functools.partial of one (pickled by reference).
"""

from __future__ import annotations

import asyncio
import contextlib
import heapq
import importlib.machinery
import itertools
import logging
import multiprocessing
import os
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from multiprocessing import popen_forkserver
from multiprocessing.sharedctypes import RawArray
from types import ModuleType, TracebackType
from typing import Any, TypeVar

log = logging.getLogger(__name__)

T = TypeVar("T")

# Every worker's `__main__`, run in each new worker; it imports what the forkserver has
# imported once already (`_PRELOAD`), so running it costs next to nothing. The entry module
# itself is not preloaded: a main module already imported under its own name is run again
# with a RuntimeWarning on the worker's stderr.
_ENTRY = "monitor.extract.worker"
_PRELOAD = [
    "monitor.extract.article",
    "monitor.extract.page",
    "monitor.sources.feed",
    "monitor.bounded",
    "monitor.analysis.analyser",
]
TASKS_PER_WORKER = 2
# How often a task that waits in a worker's queue checks whether it has started.
_START_POLL_SECONDS = 0.2

# In a worker: the shared start times, one slot per task in flight.
_starts: Any = None


class TaskTimeout(Exception):
    """A task ran past its time bound; its worker was killed."""


class WorkerCrashed(Exception):
    """The worker running a task died (twice): out of memory, a crash in a C library."""


@contextlib.contextmanager
def _entry_as_main() -> Iterator[None]:
    """Make the entry module pass for `__main__` while a worker is launched: the launch
    records the main module's name (`__spec__.name`), and the new process imports that as its
    own main. A stand-in that carries only the name, not the module itself: importing the
    entry here would import trafilatura into the parent, which never extracts (0.4 s of CPU
    and tens of MB per cycle)."""
    stand_in = ModuleType("__main__")
    stand_in.__spec__ = importlib.machinery.ModuleSpec(_ENTRY, None)
    saved = sys.modules["__main__"]
    sys.modules["__main__"] = stand_in
    try:
        yield
    finally:
        sys.modules["__main__"] = saved


# `__main__` is swapped for the length of a launch; launches from two threads (the pool's
# and `WorkPool.warm`'s) must not interleave, or one would restore the other's stand-in.
_LAUNCH_LOCK = threading.Lock()


class _WorkerPopen(popen_forkserver.Popen):
    def _launch(self, process_obj: Any) -> None:
        with _LAUNCH_LOCK, _entry_as_main():
            super()._launch(process_obj)


def _nothing() -> None:
    """The task of the process that `WorkPool.warm` launches: its launch is the point."""


class _WorkerProcess(multiprocessing.context.ForkServerProcess):
    @staticmethod
    def _Popen(process_obj: Any) -> Any:  # noqa: N802 (the name multiprocessing calls)
        return _WorkerPopen(process_obj)


class _WorkerContext(multiprocessing.context.ForkServerContext):
    Process = _WorkerProcess  # type: ignore[assignment]


# The resource tracker (a process of multiprocessing's own) unlinks at its exit the named
# semaphores it still has registered, and warns on stderr about them. After a stop that kills
# the pool it sometimes found one registered that was already unlinked ("leaked semaphore",
# then "No such file or directory"), most likely unlinked by a killed pool's daemon thread
# that the interpreter's exit stopped before it told the tracker. The semaphore is gone either
# way; the warning was four lines of noise after a stop's one line (seen under load, about one
# stop in twelve). The tracker takes its warning filters from ours when it starts.
_QUIET_TRACKER = "ignore:resource_tracker:UserWarning"


def _context() -> multiprocessing.context.BaseContext:
    if _QUIET_TRACKER not in sys.warnoptions:
        sys.warnoptions.append(_QUIET_TRACKER)
    if "forkserver" not in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("spawn")
    ctx = _WorkerContext()
    ctx.set_forkserver_preload(_PRELOAD)
    return ctx


def worker_count(configured: int) -> int:
    """`configured` workers, or one per core when it is 0."""
    return configured if configured > 0 else max(1, os.cpu_count() or 1)


Setup = tuple[Callable[..., Any], tuple[Any, ...]]


def _init_worker(starts: Any, parent: Any = None, setup: Setup | None = None) -> None:
    global _starts
    _starts = starts
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if parent is not None:
        threading.Thread(target=_exit_with_parent, args=(parent,), daemon=True).start()
    if setup is not None:
        fn, args = setup
        fn(*args)


def _forget(pool: ProcessPoolExecutor) -> None:
    """Let a killed pool's threads end. A worker killed while it wrote a result leaves half a
    message in the result pipe, and one killed before it read its task leaves the task pipe
    full; this process holds the other end of both pipes, so the pool's manager thread would
    wait for the rest of the message, and its feeder thread for room, forever, and the
    interpreter waits for the manager thread at exit: the process would hang after its work
    is done. Closing our writing end of the result pipe lets the manager read end-of-file
    once the killed workers are gone (it then finds the pool broken and ends), and the feeder
    is not joined (it is a daemon thread, left to end with the process)."""
    queue = getattr(pool, "_call_queue", None)
    if queue is not None:
        queue.cancel_join_thread()
    results = getattr(pool, "_result_queue", None)
    writer = getattr(results, "_writer", None)
    if writer is not None:
        writer.close()


def _exit_with_parent(parent: Any) -> None:
    """Block on the parent's pipe; its end-of-file means the parent is gone."""
    with contextlib.suppress(EOFError, OSError):
        parent.recv_bytes()
    os._exit(0)


def _timed_call(slot: int, fn: Callable[..., T], args: tuple[Any, ...]) -> T:
    _starts[slot] = time.monotonic()
    return fn(*args)


class _Slots:
    """Slot numbers for the tasks in flight, served by priority (lower first), then in order."""

    def __init__(self, size: int) -> None:
        self._free = list(range(size))
        self._waiters: list[tuple[int, int, asyncio.Future[int]]] = []
        self._order = itertools.count()

    async def acquire(self, priority: int) -> int:
        if self._free and not self._waiters:
            return self._free.pop()
        waiter: asyncio.Future[int] = asyncio.get_running_loop().create_future()
        heapq.heappush(self._waiters, (priority, next(self._order), waiter))
        try:
            return await waiter
        except asyncio.CancelledError:
            if waiter.done() and not waiter.cancelled():
                self.release(waiter.result())  # handed over just as we were cancelled
            raise

    def release(self, slot: int) -> None:
        while self._waiters:
            _, _, waiter = heapq.heappop(self._waiters)
            if not waiter.done():
                waiter.set_result(slot)
                return
        self._free.append(slot)


class WorkPool:
    def __init__(self, workers: int, *, setup: Setup | None = None) -> None:
        self.workers = max(1, workers)
        size = self.workers * TASKS_PER_WORKER
        self._starts = RawArray("d", size)
        self._slots = _Slots(size)
        self._pool: ProcessPoolExecutor | None = None
        self._generation = 0
        self._setup = setup
        # The workers' lifeline: they hold the reading end; only this process holds the other.
        self._lifeline: tuple[Any, Any] | None = None
        self.killed = 0  # pools killed because a task ran past its bound
        self._closed = False

    async def __aenter__(self) -> WorkPool:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def close(self, *, kill: bool = False) -> None:
        """Shut the pool down: wait for the tasks in hand, or with `kill` end them at once
        (a stop signal must not wait for a page's extraction). A closed pool makes no new
        workers: a task that was running gets WorkerCrashed, not a second run."""
        self._closed = True
        if self._pool is not None:
            if kill:
                pool = self._pool
                processes = list(getattr(pool, "_processes", {}).values())
                self._kill(self._generation)
                for process in processes:
                    process.join(timeout=5)
                # Let the pool's manager thread see its workers gone and end now: at exit,
                # concurrent.futures wakes every manager thread still registered, and one
                # closing its wake-up pipe at that moment made Python print "Exception
                # ignored ... Bad file descriptor" on a stop (a race in Python 3.11).
                manager = getattr(pool, "_executor_manager_thread", None)
                if manager is not None:
                    manager.join(timeout=5)
            else:
                self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None
        if self._lifeline is not None:
            for end in self._lifeline:
                end.close()
            self._lifeline = None

    def warm(self) -> None:
        """Start the forkserver now, in a thread, so that its imports (trafilatura and its
        dependencies: about a second of one core) overlap the caller's first fetches instead
        of delaying its first task. Launching one process that does nothing is the way to
        wait for them: the forkserver forks it only once its imports are done. Does nothing
        when there is no forkserver (the spawn start method); in a later cycle of the daemon
        the forkserver is running already, and this costs one fork."""
        context = _context()
        if not isinstance(context, _WorkerContext):
            return

        def launch() -> None:
            try:
                process = context.Process(target=_nothing, daemon=True)
                process.start()
                process.join()
            except Exception as error:  # the first task will start the forkserver instead
                log.debug("pool warm-up failed: %s", error)

        threading.Thread(target=launch, name="pool-warm-up", daemon=True).start()

    def _executor(self) -> tuple[ProcessPoolExecutor, int]:
        if self._closed:
            # Workers made now would outlive close(), and the interpreter would wait for them
            # at exit.
            raise WorkerCrashed("the worker pool is closed")
        if self._pool is None:
            context = _context()
            if self._lifeline is None:
                self._lifeline = context.Pipe(duplex=False)
            self._pool = ProcessPoolExecutor(
                max_workers=self.workers,
                mp_context=context,
                initializer=_init_worker,
                initargs=(self._starts, self._lifeline[0], self._setup),
            )
            self._generation += 1
        return self._pool, self._generation

    def _kill(self, generation: int) -> None:
        """Kill the workers of pool `generation` (if it is still the current one)."""
        if self._pool is None or generation != self._generation:
            return
        pool, self._pool = self._pool, None
        # ProcessPoolExecutor has no public way to stop a running task (terminate_workers()
        # arrives in Python 3.14); killing its processes is the only way.
        for process in list(getattr(pool, "_processes", {}).values()):
            process.kill()
        _forget(pool)  # before shutdown(), which drops the pool's references to its pipes
        pool.shutdown(wait=False, cancel_futures=True)

    async def run(self, fn: Callable[..., T], *args: Any, timeout: float, priority: int = 1) -> T:
        """`fn(*args)` in a worker, bounded by `timeout` seconds of run time. Waiting tasks
        start by `priority` (lower first), then in the order they asked.

        Raises TaskTimeout or WorkerCrashed; exceptions raised by `fn` propagate.
        """
        slot = await self._slots.acquire(priority)
        try:
            return await self._run(slot, fn, args, timeout)
        finally:
            self._slots.release(slot)

    async def _run(
        self, slot: int, fn: Callable[..., T], args: tuple[Any, ...], timeout: float
    ) -> T:
        loop = asyncio.get_running_loop()
        for attempt in (1, 2):
            pool, generation = self._executor()
            self._starts[slot] = 0.0
            future = loop.run_in_executor(pool, _timed_call, slot, fn, args)
            try:
                return await self._wait(future, slot, timeout)
            except asyncio.CancelledError:
                # Stopped: the task may still end (or its worker be killed); nobody waits.
                future.cancel()
                raise
            except TimeoutError:
                log.warning(
                    "task_timeout fn=%s seconds=%.1f: killing the worker pool",
                    getattr(fn, "__name__", type(fn).__name__),
                    timeout,
                )
                self.killed += 1
                self._kill(generation)
                raise TaskTimeout(f"ran past {timeout:g} s") from None
            except BrokenProcessPool:
                # Killed because another task timed out, or a worker died: run once more.
                self._kill(generation)
                if attempt == 2:
                    raise WorkerCrashed("the worker process died") from None
        raise AssertionError("unreachable")

    async def _wait(self, future: asyncio.Future[T], slot: int, timeout: float) -> T:
        """The task's result; TimeoutError once it has RUN for `timeout` seconds."""
        while True:
            started = self._starts[slot]
            if started:
                wait = started + timeout - time.monotonic()
                if wait <= 0:
                    if future.done():
                        return future.result()
                    raise TimeoutError
            else:
                wait = min(timeout, _START_POLL_SECONDS)
            done, _ = await asyncio.wait({future}, timeout=wait)
            if done:
                return future.result()
