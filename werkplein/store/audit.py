"""The audit log in the style of NEN 7513: event, time, which resident, which user.

Append-only (triggers refuse UPDATE and DELETE) and hash-chained per device and *chain*: each
entry's hash covers the previous hash of its chain and every field, and each chain's head is kept
in ``meta``. There are two chains per device, because entries travel under two keys: entries
about fines (``chain_of``) under the fine key, the rest under the team key. A laptop that never
receives the fine key (a werkcoach) still holds whole chains of everything it does receive, so
``verify`` passes on every laptop. Editing, removing or reordering a row, or cutting the tail,
makes ``verify`` report the first bad entry. Entries hold ids and action names only, never
names or BSNs.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from werkplein.store.db import Connection
from werkplein.store.entities import HANDHAVING

GENESIS = "0" * 64
GENERAL, FINES = "g", "h"
HEAD_KEYS = {GENERAL: "audit_head", FINES: "audit_head:h"}  # meta keys of this device's heads


def chain_of(detail: str) -> str:
    """The chain (and the key) of an entry: fine data (``boete,boete_notitie`` for a change,
    ``boete:<id>`` for a view or an export of one) or everything else."""
    tokens = {token.split(":", 1)[0] for token in detail.split(",")}
    return FINES if tokens & HANDHAVING else GENERAL


class Action:
    VIEW = "view"
    CREATE = "create"
    UPDATE = "update"
    DELETE = "delete"
    EXPORT = "export"
    IMPORT = "import"
    SEARCH = "search"
    ERASE = "erase"  # a resident erased (detail: the ground, e.g. "retention", "avg17")


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


def _head(conn: Connection, chain: str) -> tuple[str, int]:
    row = conn.execute("SELECT value FROM meta WHERE key = ?", (HEAD_KEYS[chain],)).fetchone()
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
    """Append one entry to its chain; the caller holds the write transaction."""
    chain = chain_of(detail)
    prev, count = _head(conn, chain)
    digest = entry_hash(prev, entry_id, device_id, at, user_id, inwoner_id, action, detail)
    conn.execute(
        "INSERT INTO audit_log (id, device_id, at, user_id, inwoner_id, action, detail, "
        "prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (entry_id, device_id, at, user_id, inwoner_id, action, detail, prev, digest),
    )
    conn.execute(
        "INSERT INTO meta (key, value) VALUES (?, ?) "
        "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        (HEAD_KEYS[chain], f"{digest}:{count + 1}"),
    )
    return digest


def continue_chains(conn: Connection, device_id: str) -> None:
    """Set this device's chain heads to its newest entries in the log (after a restored laptop
    got back, from the share, the entries it wrote after its backup). Caller holds the write."""
    for chain, key in HEAD_KEYS.items():
        mine = [
            digest
            for digest, detail in conn.execute(
                "SELECT hash, detail FROM audit_log WHERE device_id = ? ORDER BY seq", (device_id,)
            )
            if chain_of(detail) == chain
        ]
        if mine:
            conn.execute(
                "INSERT INTO meta (key, value) VALUES (?, ?) "
                "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                (key, f"{mine[-1]}:{len(mine)}"),
            )


def verify(conn: Connection) -> list[str]:
    """Walk each chain (per device, per chain_of); return problems (empty when intact). Problems
    name sequence numbers. This laptop's chains must also end at the heads kept in meta; a
    colleague's (arrived through sync, signed by that laptop, in its order) may end anywhere."""
    problems: list[str] = []
    row = conn.execute("SELECT value FROM meta WHERE key = 'device_id'").fetchone()
    local = row[0] if row else None
    chains: dict[tuple[str, str], tuple[str, int]] = {}
    rows = conn.execute(
        "SELECT seq, id, device_id, at, user_id, inwoner_id, action, detail, prev_hash, hash "
        "FROM audit_log ORDER BY seq"
    )
    for seq, eid, dev, at, user, inw, action, detail, prev_hash, digest in rows:
        chain = (dev, chain_of(detail))
        prev, count = chains.get(chain, (GENESIS, 0))
        if prev_hash != prev:
            problems.append(f"audit entry {seq}: chain broken (an entry before it was removed)")
        expected = entry_hash(prev_hash, eid, dev, at, user, inw, action, detail)
        if expected != digest:
            problems.append(f"audit entry {seq}: content does not match its hash (edited)")
        chains[chain] = (digest, count + 1)
    for name in HEAD_KEYS:
        if _head(conn, name) != chains.get((local or "", name), (GENESIS, 0)):
            problems.append("audit log: the last entries are missing or the head was altered")
    return problems


def for_resident(conn: Connection, inwoner_id: str) -> list[AuditEntry]:
    rows = conn.execute(
        "SELECT seq, id, device_id, at, user_id, inwoner_id, action, detail, prev_hash, hash "
        "FROM audit_log WHERE inwoner_id = ? ORDER BY at, seq",
        (inwoner_id,),
    ).fetchall()
    return [AuditEntry(*row) for row in rows]
