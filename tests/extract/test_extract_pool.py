"""The worker pool: results, the time bound (the stuck worker is killed, the cycle goes on),
innocent tasks run again, errors propagate."""

from __future__ import annotations

import asyncio
import math
import os
import time

import pytest

from monitor.extract.pool import TaskTimeout, WorkPool, worker_count


def test_worker_count() -> None:
    assert worker_count(3) == 3
    assert worker_count(0) == (os.cpu_count() or 1)


def test_results_and_errors_come_back() -> None:
    async def go() -> None:
        async with WorkPool(2) as pool:
            assert await pool.run(math.factorial, 10, timeout=30) == 3628800
            assert await asyncio.gather(*(pool.run(pow, 2, i, timeout=30) for i in range(8))) == [
                2**i for i in range(8)
            ]
            with pytest.raises(ValueError):
                await pool.run(math.factorial, -1, timeout=30)

    asyncio.run(go())


def test_a_stuck_task_is_killed_and_the_others_go_on() -> None:
    async def go() -> tuple[list[object], float, int]:
        async with WorkPool(2) as pool:
            # Warm the pool so start-up time does not count against the bound.
            await pool.run(pow, 1, 1, timeout=30)
            started = time.monotonic()

            async def stuck() -> object:
                try:
                    return await pool.run(time.sleep, 60, timeout=0.5)
                except TaskTimeout as exc:
                    return exc

            async def innocent() -> object:
                await asyncio.sleep(0.1)
                # Running beside the stuck task when its pool is killed: runs once more.
                return await pool.run(time.sleep, 0.8, timeout=10)

            results = await asyncio.gather(stuck(), innocent())
            after = await pool.run(pow, 3, 3, timeout=10)
            return [*results, after], time.monotonic() - started, pool.killed

    (stuck, innocent, after), elapsed, killed = asyncio.run(go())
    assert isinstance(stuck, TaskTimeout) and "0.5" in str(stuck)
    assert innocent is None and after == 27
    assert killed == 1
    assert elapsed < 5


def test_the_bound_counts_run_time_not_queueing() -> None:
    async def go() -> list[object]:
        async with WorkPool(1) as pool:
            await pool.run(pow, 1, 1, timeout=30)
            # Three 0.4 s tasks on one worker: each within its 1 s bound though the last
            # finishes 1.2 s after it was asked for.
            return await asyncio.gather(*(pool.run(time.sleep, 0.4, timeout=1) for _ in range(3)))

    assert asyncio.run(go()) == [None, None, None]


WORKER_MODULES = """
import asyncio, json, sys

import monitor.cli  # what the console script has imported when a cycle makes its pool
from monitor.extract.pool import WorkPool


async def go():
    async with WorkPool(1) as pool:
        pool.warm()  # the forkserver started from a thread, as a cycle does
        names = await pool.run(eval, "sorted(__import__('sys').modules)", timeout=60)
        main = await pool.run(eval, "__import__('sys').modules['__main__'].__name__", timeout=60)
        return names, main


own_main = sys.modules["__main__"]
names, main = asyncio.run(go())
parent = "trafilatura" in sys.modules
restored = sys.modules["__main__"] is own_main
print(json.dumps({"names": names, "main": main, "parent_imported_trafilatura": parent,
                  "main_restored": restored}))
"""


def test_workers_do_not_import_the_program_that_made_the_pool(tmp_path) -> None:
    """A worker starts from the small entry module, not from the parent's main script."""
    import json
    import subprocess
    import sys

    script = tmp_path / "console_script.py"
    script.write_text(WORKER_MODULES)
    done = subprocess.run(
        [sys.executable, str(script)], capture_output=True, text=True, timeout=120, check=True
    )
    seen = json.loads(done.stdout)
    names = set(seen["names"])
    assert "monitor.extract.page" in names and "monitor.analysis.analyser" in names
    heavy = sorted(
        n for n in names if n.startswith(("monitor.cli", "monitor.store", "sqlalchemy", "click"))
    )
    assert heavy == []
    assert seen["main"] == "__mp_main__"
    # Launching the workers leaves the parent as it was: it fetches, it never extracts.
    assert seen["parent_imported_trafilatura"] is False
    assert seen["main_restored"] is True
    assert done.stderr == ""  # no warning from any worker


KILLED_MID_TRANSFER = """
import asyncio, sys, time
from monitor.extract.pool import WorkPool

async def main(delay):
    pool = WorkPool(2)
    # Big tasks and big results: the kill lands while pipes carry half a message.
    tasks = [
        asyncio.ensure_future(
            pool.run(bytes, 100_000_000 if i % 2 else b"x" * 60_000_000, timeout=30)
        )
        for i in range(8)
    ]
    await asyncio.sleep(delay)
    pool.close(kill=True)
    for task in tasks:
        task.cancel()
    await asyncio.gather(*tasks, return_exceptions=True)

for delay in (0.6, 0.9, 1.1, 1.2, 1.3):
    asyncio.run(main(delay))
print("done", flush=True)
"""


def test_a_pool_killed_mid_transfer_lets_the_process_exit(tmp_path) -> None:
    """Killed while its pipes carry half a task or half a result (a stop signal during a
    cycle), the pool must not keep the process alive at exit, and a task that was running
    must not start new workers after close()."""
    import subprocess
    import sys

    script = tmp_path / "killed.py"
    script.write_text(KILLED_MID_TRANSFER)
    started = time.monotonic()
    done = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, timeout=90)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip() == "done"
    assert time.monotonic() - started < 60
