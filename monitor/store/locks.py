"""A named lock row that keeps two pipeline cycles from running at once, and schedule marks.

The lock works the same on SQLite and PostgreSQL: taking it is an INSERT, or an UPDATE of a
row whose lease has expired; both are single atomic statements, so of two processes racing for
it exactly one wins. The holder renews its lease while it works; a holder killed without
releasing it stops renewing, and the lease expires.

A holder is "host:pid:start:token": the process's start time (from /proc, in clock ticks since
boot) and a random token drawn once per process. A holder on this same host is recognised as
gone at once when its process no longer exists, or when the process now using its pid started
at another time or (our own pid) carries another token: a container restarted after kill -9
gets the same pid and host name, but never the same start time and token. So a cron run after a
crash and a restarted daemon do not wait for the lease to expire.

A release that fails (the database is down at that moment) is remembered and tried again before
this process next takes the lock, so the row does not outlive the outage by a whole lease.

Schedule marks record when a scheduled job (the digest) last completed, so cron runs and the
daemon agree on what is due across restarts.
"""

from __future__ import annotations

import logging
import os
import socket
import threading
import uuid
from datetime import datetime, timedelta

from sqlalchemy import Engine, delete, insert, select, update
from sqlalchemy.exc import IntegrityError, SQLAlchemyError

from monitor.store.models import RunLock, ScheduleMark
from monitor.store.session import session_scope

log = logging.getLogger(__name__)

CYCLE_LOCK = "pipeline-cycle"

# Drawn once per process (and again in a forked child): what a restarted process cannot share.
_token = {"pid": 0, "value": ""}
# Releases that failed, (lock name, holder), tried again before this process takes a lock.
_unreleased: set[tuple[str, str]] = set()
_unreleased_guard = threading.Lock()


def _process_token() -> str:
    if _token["pid"] != os.getpid():
        _token.update(pid=os.getpid(), value=uuid.uuid4().hex[:12])
    return _token["value"]


def process_start(pid: int) -> str:
    """When process `pid` started (clock ticks since boot, from /proc), or "" when unknown."""
    stat = _proc_stat(pid)
    return stat[19] if stat and len(stat) > 19 else ""


def _proc_stat(pid: int) -> list[str] | None:
    """The fields of /proc/<pid>/stat after the command name (state first)."""
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii", errors="replace") as stat:
            return stat.read().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return None


def new_holder() -> str:
    """An identity for this process: host, pid, start time and its token (plus a random part,
    so two takings by one process are told apart)."""
    pid = os.getpid()
    return f"{socket.gethostname()}:{pid}:{process_start(pid)}:{_process_token()}.{uuid.uuid4().hex[:6]}"


def _holder_is_dead(holder: str) -> bool:
    """True when `holder` is a process of this host that is gone. A holder of another host,
    or in a form we do not know, is left to its lease."""
    parts = holder.split(":")
    if len(parts) != 4 or parts[0] != socket.gethostname() or not parts[1].isdigit():
        return False
    _host, pid_text, started, token = parts
    pid = int(pid_text)
    if pid == os.getpid():
        # Our pid: ours only if it carries our token; else an earlier process with our pid.
        return token.partition(".")[0] != _process_token()
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        pass  # exists, owned by another user: its start time still tells
    stat = _proc_stat(pid)
    if stat is None:
        return False
    if stat[0] == "Z":
        return True
    return bool(started) and len(stat) > 19 and stat[19] != started


def acquire(
    engine: Engine, holder: str, now: datetime, ttl: timedelta, name: str = CYCLE_LOCK
) -> bool:
    """Take the lock for `ttl`; False when another live holder has it."""
    retry_releases(engine)
    expires = now + ttl
    try:
        with session_scope(engine) as session:
            session.execute(
                insert(RunLock).values(
                    name=name, holder=holder, acquired_at=now, expires_at=expires
                )
            )
        return True
    except IntegrityError:
        pass
    with session_scope(engine) as session:
        current = session.execute(
            select(RunLock.holder, RunLock.expires_at).where(RunLock.name == name)
        ).first()
        if current is None:
            return False  # released between our two statements: let the next run take it
        stale = current.expires_at <= now or _holder_is_dead(current.holder)
        if not stale:
            return False
        taken = session.execute(
            update(RunLock)
            .where(RunLock.name == name, RunLock.holder == current.holder)
            .values(holder=holder, acquired_at=now, expires_at=expires)
        )
        return taken.rowcount == 1


def renew(
    engine: Engine, holder: str, now: datetime, ttl: timedelta, name: str = CYCLE_LOCK
) -> bool:
    """Extend our lease; False if we no longer hold the lock."""
    with session_scope(engine) as session:
        result = session.execute(
            update(RunLock)
            .where(RunLock.name == name, RunLock.holder == holder)
            .values(expires_at=now + ttl)
        )
        return result.rowcount == 1


def release(engine: Engine, holder: str, name: str = CYCLE_LOCK) -> bool:
    """Give the lock back; False when the database refused (the release is then tried again
    before this process next takes a lock)."""
    try:
        with session_scope(engine) as session:
            session.execute(delete(RunLock).where(RunLock.name == name, RunLock.holder == holder))
    except SQLAlchemyError as exc:
        with _unreleased_guard:
            _unreleased.add((name, holder))
        # Not a warning of its own: the database error that caused it is reported already.
        log.info("lock release failed lock=%s retry=next taking error=%s", name, _first_line(exc))
        return False
    with _unreleased_guard:
        _unreleased.discard((name, holder))
    return True


def retry_releases(engine: Engine) -> None:
    """Release what an earlier release could not; quietly keep what still fails."""
    with _unreleased_guard:
        waiting = list(_unreleased)
    for name, holder in waiting:
        try:
            with session_scope(engine) as session:
                session.execute(
                    delete(RunLock).where(RunLock.name == name, RunLock.holder == holder)
                )
        except SQLAlchemyError:
            continue
        with _unreleased_guard:
            _unreleased.discard((name, holder))
        log.info("lock released late lock=%s", name)


def _first_line(exc: BaseException) -> str:
    text = str(getattr(exc, "orig", None) or exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


def holder_of(engine: Engine, name: str = CYCLE_LOCK) -> str | None:
    with session_scope(engine) as session:
        return session.scalar(select(RunLock.holder).where(RunLock.name == name))


def get_mark(engine: Engine, name: str) -> datetime | None:
    with session_scope(engine) as session:
        return session.scalar(select(ScheduleMark.last_at).where(ScheduleMark.name == name))


def set_mark(engine: Engine, name: str, at: datetime) -> None:
    with session_scope(engine) as session:
        row = session.get(ScheduleMark, name)
        if row is None:
            session.add(ScheduleMark(name=name, last_at=at))
        else:
            row.last_at = at


def clear_mark(engine: Engine, name: str) -> None:
    with session_scope(engine) as session:
        session.execute(delete(ScheduleMark).where(ScheduleMark.name == name))
