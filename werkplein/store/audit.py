"""The audit log in the style of NEN 7513: event, time, which resident, which user.

Append-only (triggers refuse UPDATE and DELETE) and hash-chained per device: each entry's hash
covers the previous hash and every field, and the chain head is kept in ``meta``. Editing,
removing or reordering a row, or cutting the tail, makes ``verify`` report the first bad entry.
Entries hold ids and action names only, never names or BSNs.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from werkplein.store.db import Connection

GENESIS = "0" * 64


class Action:
    VIEW = "view"
    CREATE = "create"
    UPDATE = "update"
    DELETE = "delete"
    EXPORT = "export"
    IMPORT = "import"
    SEARCH = "search"


@dataclass(frozen=True)
class AuditEntry:
    seq: int
    id: str
    device_id: str
    at: str
    user_id: str
    inwoner_id: str | None
    action: str
    detail: str
    prev_hash: str
    hash: str


def entry_hash(
    prev_hash: str,
    entry_id: str,
    device_id: str,
    at: str,
    user_id: str,
    inwoner_id: str | None,
    action: str,
    detail: str,
) -> str:
    parts = [prev_hash, entry_id, device_id, at, user_id, inwoner_id or "", action, detail]
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()


def _head(conn: Connection) -> tuple[str, int]:
    row = conn.execute("SELECT value FROM meta WHERE key = 'audit_head'").fetchone()
    if row is None:
        return GENESIS, 0
    head, count = row[0].split(":")
    return head, int(count)


def append(
    conn: Connection,
    *,
    entry_id: str,
    device_id: str,
    at: str,
    user_id: str,
    inwoner_id: str | None,
    action: str,
    detail: str,
) -> str:
    """Append one entry; the caller holds the write transaction."""
    prev, count = _head(conn)
    digest = entry_hash(prev, entry_id, device_id, at, user_id, inwoner_id, action, detail)
    conn.execute(
        "INSERT INTO audit_log (id, device_id, at, user_id, inwoner_id, action, detail, "
        "prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (entry_id, device_id, at, user_id, inwoner_id, action, detail, prev, digest),
    )
    conn.execute(
        "INSERT INTO meta (key, value) VALUES ('audit_head', ?) "
        "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        (f"{digest}:{count + 1}",),
    )
    return digest


def verify(conn: Connection) -> list[str]:
    """Walk each device's chain; return problems (empty when intact). Problems name sequence
    numbers. This laptop's chain must also end at the head kept in meta; a colleague's chain
    (arrived through sync, already signed by that laptop) may end anywhere."""
    problems: list[str] = []
    row = conn.execute("SELECT value FROM meta WHERE key = 'device_id'").fetchone()
    local = row[0] if row else None
    chains: dict[str, tuple[str, int]] = {}
    rows = conn.execute(
        "SELECT seq, id, device_id, at, user_id, inwoner_id, action, detail, prev_hash, hash "
        "FROM audit_log ORDER BY seq"
    )
    for seq, eid, dev, at, user, inw, action, detail, prev_hash, digest in rows:
        prev, count = chains.get(dev, (GENESIS, 0))
        if prev_hash != prev:
            problems.append(f"audit entry {seq}: chain broken (an entry before it was removed)")
        expected = entry_hash(prev_hash, eid, dev, at, user, inw, action, detail)
        if expected != digest:
            problems.append(f"audit entry {seq}: content does not match its hash (edited)")
        chains[dev] = (digest, count + 1)
    head, head_count = _head(conn)
    if (head, head_count) != chains.get(local or "", (GENESIS, 0)):
        problems.append("audit log: the last entries are missing or the head was altered")
    return problems


def for_resident(conn: Connection, inwoner_id: str) -> list[AuditEntry]:
    rows = conn.execute(
        "SELECT seq, id, device_id, at, user_id, inwoner_id, action, detail, prev_hash, hash "
        "FROM audit_log WHERE inwoner_id = ? ORDER BY at, seq",
        (inwoner_id,),
    ).fetchall()
    return [AuditEntry(*row) for row in rows]
