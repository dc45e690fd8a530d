"""The entries table: what each feed listed, which version of each item was analysed.

Callers hold the session (one transaction per feed poll); nothing here commits. Inserts and
updates go in bulk: a feed poll writes up to a few hundred entries at once.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import bindparam, select
from sqlalchemy.orm import Session

from monitor.store.models import Entry
from monitor.types import FeedEntry

_CHUNK = 500  # keys per IN (...) query, well under every backend's parameter limit


@dataclass(frozen=True, slots=True)
class KnownEntry:
    id: int
    key: str
    content_hash: str
    analysed_hash: str | None
    article_id: int | None


@dataclass(frozen=True, slots=True)
class EntryWrite:
    """One parsed entry to store, with the article it points to and, when it was analysed in
    this poll, the content hash that was analysed."""

    entry: FeedEntry
    article_id: int | None
    analysed_hash: str | None = None


def known_entries(session: Session, feed_id: int, keys: Iterable[str]) -> dict[str, KnownEntry]:
    """The stored entries of `feed_id` among `keys`."""
    wanted = list(dict.fromkeys(keys))
    found: dict[str, KnownEntry] = {}
    for start in range(0, len(wanted), _CHUNK):
        rows = session.execute(
            select(
                Entry.id, Entry.key, Entry.content_hash, Entry.analysed_hash, Entry.article_id
            ).where(Entry.feed_id == feed_id, Entry.key.in_(wanted[start : start + _CHUNK]))
        ).all()
        for row in rows:
            found[row.key] = KnownEntry(
                row.id, row.key, row.content_hash, row.analysed_hash, row.article_id
            )
    return found


def save_entries(
    session: Session,
    feed_id: int,
    writes: Sequence[EntryWrite],
    known: Mapping[str, KnownEntry],
    now: datetime,
) -> int:
    """Insert the new entries and update the changed ones; return how many were new."""
    inserts: list[dict[str, object]] = []
    updates: list[dict[str, object]] = []
    for write in writes:
        entry = write.entry
        values: dict[str, object] = {
            "guid": entry.guid,
            "link": entry.link,
            "url": entry.url,
            "title": entry.title,
            "summary": entry.summary,
            "published": entry.published,
            "publisher": entry.publisher,
            "content_hash": entry.content_hash,
            "article_id": write.article_id,
            "updated_at": now,
        }
        old = known.get(entry.key)
        if old is None:
            values.update(
                feed_id=feed_id,
                key=entry.key,
                analysed_hash=write.analysed_hash,
                first_seen_at=now,
            )
            inserts.append(values)
        else:
            values["id"] = old.id
            values["analysed_hash"] = write.analysed_hash or old.analysed_hash
            updates.append(values)
    # Core executemany on the table: the ORM's bulk machinery costs more than the rows here.
    table = Entry.__table__
    if inserts:
        session.execute(table.insert(), inserts)
    if updates:
        columns = [name for name in updates[0] if name != "id"]
        statement = (
            table.update()
            .where(table.c.id == bindparam("entry_id"))
            .values({name: bindparam(name) for name in columns})
        )
        session.execute(statement, [{**row, "entry_id": row["id"]} for row in updates])
    return len(inserts)
