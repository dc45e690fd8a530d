"""The process tree of a monitor started by a test, read from /proc: to check that a stopped
or killed monitor leaves nothing behind (pool workers, forkserver, resource tracker)."""

from __future__ import annotations

import os
import time


def _parents() -> dict[int, int]:
    found = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", encoding="ascii", errors="replace") as stat:
                fields = stat.read().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        found[int(entry)] = int(fields[1])
    return found


def descendants(pid: int) -> list[int]:
    """Every process below `pid` now."""
    children: dict[int, list[int]] = {}
    for child, parent in _parents().items():
        children.setdefault(parent, []).append(child)
    found, todo = [], [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            found.append(child)
            todo.append(child)
    return found


def running(pid: int) -> bool:
    """True while `pid` exists and is not a zombie."""
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii", errors="replace") as stat:
            return stat.read().rsplit(")", 1)[1].split()[0] != "Z"
    except (OSError, IndexError):
        return False


def command(pid: int) -> str:
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as cmdline:
            return cmdline.read().replace(b"\0", b" ").decode("utf-8", "replace")[:120]
    except OSError:
        return "?"


def wait_gone(pids: list[int], timeout: float) -> list[str]:
    """The commands of `pids` still running after `timeout` seconds (empty: all gone)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        left = [pid for pid in pids if running(pid)]
        if not left:
            return []
        time.sleep(0.1)
    return [f"{pid}: {command(pid)}" for pid in pids if running(pid)]


def wait_for_family(pid: int, size: int, timeout: float) -> list[int]:
    """The processes below `pid` once there are at least `size` of them (the forkserver, the
    resource tracker and the pool's workers), or whatever there is after `timeout`."""
    deadline = time.monotonic() + timeout
    found = descendants(pid)
    while len(found) < size and time.monotonic() < deadline:
        time.sleep(0.1)
        found = descendants(pid)
    return found


class Lines:
    """The lines a process writes to a pipe, each with the moment it arrived (monotonic),
    read by a thread so the process never blocks on a full pipe."""

    def __init__(self, stream) -> None:  # noqa: ANN001 - a text pipe
        import threading

        self.lines: list[tuple[float, str]] = []
        self._thread = threading.Thread(target=self._read, args=(stream,), daemon=True)
        self._thread.start()

    def _read(self, stream) -> None:  # noqa: ANN001
        for line in stream:
            self.lines.append((time.monotonic(), line.rstrip("\n")))

    def after(self, moment: float, containing: str) -> list[float]:
        return [at for at, line in self.lines if at > moment and containing in line]

    def text(self) -> str:
        return "\n".join(line for _, line in self.lines)

    def join(self, timeout: float = 10) -> None:
        self._thread.join(timeout)
