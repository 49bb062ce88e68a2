"""Removing every trace of one resident from this profile (erasure, destruction).

One transaction, with SQLite's ``secure_delete`` on so freed pages are overwritten rather than
left holding the deleted text (and the write-ahead log truncated after), removes:
- the resident and every record that belongs to them (household, notes, cases, decisions,
  visits, handovers, fines and their notes, plans and their rows);
- their change-log rows (the one path past the log's append-only trigger, recreated in the same
  transaction), field heads, conflicts, superseded marks and refusals of those records;
- the search index entries (the index's own triggers; the indexes run with FTS5's
  ``secure-delete`` since schema 10, so the words leave their segments at once);
- drafts, the seen-list entries and the last place that name one of those records.

The audit log stays whole: its entries hold ids and actions, never personal data, so the chain
still verifies. The caller appends the erasure's own audit entry.

On a team it also destroys every laptop's key of the resident (``resident_key``) and keeps the
resident's and every record's id as a *tombstone*: nothing about them is applied again from any
bundle or snapshot (sync/rings.py). The erasure itself is kept in ``erasure``: one made here is
published on the share at the next sync (sync/erasures.py). See docs/ERASURE.md.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass

from werkplein.store import search
from werkplein.store.entities import ENTITIES
from werkplein.store.store import Store

_BY_RECORD = ("field_head", "conflict", "superseded", "sync_refused")
_NO_DELETE = (
    "CREATE TRIGGER change_log_no_delete BEFORE DELETE ON change_log "
    "BEGIN SELECT RAISE(ABORT, 'change_log is append-only'); END"
)


@dataclass(frozen=True)
class Erased:
    records: int  # rows removed from the record tables, the resident included
    changes: int  # change-log rows removed


def records_of(store: Store, inwoner_id: str) -> list[tuple[str, str]]:
    """(entity, record id) of the resident and of everything that belongs to them."""
    found = [("inwoner", inwoner_id)]
    for entity, spec in ENTITIES.items():
        if spec.resident_field:
            rows = store.conn.execute(
                f"SELECT id FROM {spec.table} WHERE {spec.resident_field} = ?", (inwoner_id,)
            ).fetchall()
            found += [(entity, str(row[0])) for row in rows]
    return found


@dataclass(frozen=True)
class Erasure:
    """One erasure as kept in the profile (and, made here on a team, sent as an event)."""

    id: str
    ground: str  # "avg17" (on request) or "retention" (destroyed after its period)
    at: str  # ISO moment
    publish: bool  # made here on a team: the event still goes to the share
    signer: str | None = None  # the laptop that made it (None: this one)
    copy_of: str | None = None  # a teamleider's copy of an erasure whose laptop was revoked


def erase_resident(
    store: Store,
    inwoner_id: str,
    erasure: Erasure,
    also: Sequence[tuple[str, str]] = (),
) -> Erased:
    """Remove every trace of ``inwoner_id`` from this profile (see the module); ``also``:
    records of theirs another laptop knew of (an erasure event lists them), kept out too,
    unless this profile holds them as another resident's."""
    conn = store.conn
    conn.execute("PRAGMA secure_delete = ON")
    with store._transaction():
        own = records_of(store, inwoner_id)
        records = list(dict.fromkeys([*own, *(r for r in also if _theirs(store, r, inwoner_id))]))
        conn.execute("CREATE TEMP TABLE IF NOT EXISTS erased (entity TEXT, record_id TEXT)")
        conn.execute("DELETE FROM temp.erased")
        conn.executemany("INSERT INTO temp.erased VALUES (?, ?)", records)
        removed = 0
        for entity, record_id in records:
            table = ENTITIES[entity].table
            cursor = conn.execute(f"DELETE FROM {table} WHERE id = ?", (record_id,))
            removed += cursor.rowcount
        conn.execute("DROP TRIGGER change_log_no_delete")
        cursor = conn.execute(
            "DELETE FROM change_log WHERE (entity, record_id) IN "
            "(SELECT entity, record_id FROM temp.erased)"
        )
        changes = cursor.rowcount
        conn.execute(_NO_DELETE)
        for table in _BY_RECORD:
            conn.execute(
                f"DELETE FROM {table} WHERE (entity, record_id) IN "
                "(SELECT entity, record_id FROM temp.erased)"
            )
        _forget_in_meta(store, {record_id for _entity, record_id in records})
        # the resident's keys, and the keys of records whose resident was not known yet
        conn.execute(
            "DELETE FROM resident_key WHERE inwoner_id IN "
            "(SELECT record_id FROM temp.erased UNION SELECT ?)",
            (inwoner_id,),
        )
        conn.executemany(
            "INSERT OR IGNORE INTO tombstone (id, entity) VALUES (?, ?)",
            [(record_id, entity) for entity, record_id in records],
        )
        conn.execute(
            "INSERT OR IGNORE INTO erasure (id, inwoner_id, ground, at, event, published) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            (
                erasure.id,
                inwoner_id,
                erasure.ground,
                erasure.at,
                json.dumps(
                    {
                        "signer": erasure.signer or store.device_id,
                        "records": [list(r) for r in records],
                        **({"copy_of": erasure.copy_of} if erasure.copy_of else {}),
                    }
                ),
                0 if erasure.publish else 1,
            ),
        )
        conn.execute("DELETE FROM temp.erased")
    search.forget_names(store)
    if not store._depth:  # else the caller checkpoints once its transaction is committed
        checkpoint(store)
    return Erased(records=removed, changes=changes)


def checkpoint(store: Store) -> None:
    """Fold the write-ahead log into the database and empty it: the freed pages it held are
    overwritten (secure_delete), and no copy of them is left in the log file."""
    store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")


def _theirs(store: Store, record: tuple[str, str], inwoner_id: str) -> bool:
    """Whether a listed record may be erased with the resident: one of their records, or one
    this profile does not hold (never another resident's, nor a record of no resident)."""
    entity, record_id = record
    spec = ENTITIES.get(entity)
    if spec is None or (entity != "inwoner" and spec.resident_field is None):
        return False
    if entity == "inwoner":
        return record_id == inwoner_id
    row = store.conn.execute(
        f"SELECT {spec.resident_field} FROM {spec.table} WHERE id = ?", (record_id,)
    ).fetchone()
    return row is None or row[0] in (None, inwoner_id)


def _forget_in_meta(store: Store, ids: set[str]) -> None:
    """Device-local settings that name one of the records: drafts, seen lists, last place."""
    for key, value in store.conn.execute("SELECT key, value FROM meta").fetchall():
        key, value = str(key), str(value)
        if key.startswith("draft.") and key.rsplit(":", 1)[-1] in ids:
            store.conn.execute("DELETE FROM meta WHERE key = ?", (key,))
        elif key.startswith("ui.seen."):
            try:
                seen = [i for i in json.loads(value) if i not in ids]
            except ValueError:
                seen = []
            store.conn.execute("UPDATE meta SET value = ? WHERE key = ?", (json.dumps(seen), key))
        elif key == "ui.last_place" and value.partition(":")[2] in ids:
            store.conn.execute("DELETE FROM meta WHERE key = ?", (key,))
