"""A named lock row that keeps two pipeline cycles from running at once, and schedule marks.

The lock works the same on SQLite and PostgreSQL: taking it is an INSERT, or an UPDATE of a
row whose lease has expired; both are single atomic statements, so of two processes racing for
it exactly one wins. The holder renews its lease while it works; a holder killed without
releasing it stops renewing, and the lease expires. A holder on this same host whose process
no longer exists is recognised at once, so a cron run after a crash does not wait for expiry.

Schedule marks record when a scheduled job (the digest) last completed, so cron runs and the
daemon agree on what is due across restarts.
"""

from __future__ import annotations

import os
import socket
import uuid
from datetime import datetime, timedelta

from sqlalchemy import Engine, delete, insert, select, update
from sqlalchemy.exc import IntegrityError

from monitor.store.models import RunLock, ScheduleMark
from monitor.store.session import session_scope

CYCLE_LOCK = "pipeline-cycle"


def new_holder() -> str:
    """An identity for this process: host, pid and a random token."""
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


def _holder_is_dead(holder: str) -> bool:
    host, _, rest = holder.partition(":")
    pid_text = rest.partition(":")[0]
    if host != socket.gethostname() or not pid_text.isdigit():
        return False
    pid = int(pid_text)
    if pid == os.getpid():
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        return False
    return _is_zombie(pid)


def _is_zombie(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as stat:
            return stat.read().rsplit(")", 1)[1].split()[0] == "Z"
    except (OSError, IndexError):
        return False


def acquire(
    engine: Engine, holder: str, now: datetime, ttl: timedelta, name: str = CYCLE_LOCK
) -> bool:
    """Take the lock for `ttl`; False when another live holder has it."""
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


def release(engine: Engine, holder: str, name: str = CYCLE_LOCK) -> None:
    with session_scope(engine) as session:
        session.execute(delete(RunLock).where(RunLock.name == name, RunLock.holder == holder))


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
