"""Apply changes written on other laptops: idempotent, per field, convergent.

Called inside one write transaction per bundle. A change already in the change log (same op id)
is skipped, so applying a bundle twice, or a change that arrives both in a bundle and in a
snapshot, does nothing. For every record touched, the field values are recomputed from all
known versions (see ``werkplein.store.versions``): the highest (HLC, device id) wins, and two
heads with different values become a conflict row for a person to settle. A record that was set
(``frozen_when``, e.g. a besluit that is vastgesteld) ignores every change ordered after the
change that froze it, so a set decision never changes on any laptop.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from werkplein.store import versions
from werkplein.store.entities import ENTITIES, FROZEN_COPY, EntitySpec
from werkplein.store.store import Store, encode

ChangeRow = list[Any]
# [op_id, hlc, device_id, author_id, at, entity, record_id, kind, payload, parents]
AuditRow = list[Any]
# [id, device_id, at, user_id, inwoner_id, action, detail, prev_hash, hash]

CHANGE_COLUMNS = "op_id, hlc, device_id, author_id, at, entity, record_id, kind, payload, parents"
AUDIT_COLUMNS = "id, device_id, at, user_id, inwoner_id, action, detail, prev_hash, hash"
_CHUNK = 400


@dataclass
class Applied:
    changes: int = 0
    audit: int = 0
    conflicts_opened: int = 0


def apply(
    store: Store,
    changes: Sequence[ChangeRow],
    audit: Sequence[AuditRow],
    parsed: Mapping[str, Mapping[str, Any]] | None = None,
) -> Applied:
    """Merge remote change-log rows and audit entries; the caller holds the transaction.
    ``parsed``: their payloads, already parsed, by op id."""
    conn = store.conn
    result = Applied()
    new = unknown(store, changes)
    if new:
        store.hlc.observe(max(row[1] for row in new))
        conn.executemany(
            f"INSERT INTO change_log ({CHANGE_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [tuple(row) for row in new],
        )
        result.changes = len(new)
        groups: dict[tuple[str, str], list[ChangeRow]] = {}
        for row in new:
            groups.setdefault((row[5], row[6]), []).append(row)
        before = _records_with_history(store, groups.keys(), new)
        versions.forget_heads(conn, before)
        fresh_rows: dict[tuple[str, tuple[str, ...]], list[tuple[Any, ...]]] = {}
        for (entity, record_id), rows in groups.items():
            s = ENTITIES.get(entity)
            if s is None:
                continue  # written by a newer version: kept in the log, applied after updating
            touched = {name for r in rows for name in _fields(r, parsed)}
            if (entity, record_id) in before:
                known = versions.load(conn, entity, record_id)
                _write_row(store, s, record_id, _state(s, known))
                result.conflicts_opened += _mark_conflicts(store, s, record_id, known, touched)
                continue
            # a record this laptop has never seen: no row, no conflicts yet; insert in bulk
            known = versions.from_rows(_log_shape(rows), parsed)
            values = _state(s, known)
            cols = tuple(values)
            fresh_rows.setdefault((entity, cols), []).append((record_id, *values.values()))
            if len(rows) > 1:
                result.conflicts_opened += _mark_conflicts(store, s, record_id, known, touched)
        for (entity, cols), records in fresh_rows.items():
            names = ["id", *cols]
            conn.executemany(
                f"INSERT INTO {ENTITIES[entity].table} ({', '.join(names)}) "
                f"VALUES ({', '.join('?' * len(names))})",
                records,
            )
    if audit:
        cursor = conn.executemany(
            f"INSERT OR IGNORE INTO audit_log ({AUDIT_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [tuple(row) for row in audit],
        )
        result.audit = max(cursor.rowcount, 0)
    return result


def recheck(store: Store, fields: Mapping[tuple[str, str], set[str]]) -> None:
    """Conflicts of these fields anew, after versions were marked superseded (compact.settle)."""
    versions.forget_heads(store.conn, fields)
    for (entity, record_id), names in fields.items():
        s = ENTITIES.get(entity)
        if s is not None:
            _mark_conflicts(
                store, s, record_id, versions.load(store.conn, entity, record_id), names
            )


def unknown(store: Store, changes: Sequence[ChangeRow]) -> list[ChangeRow]:
    """The changes not yet in the change log (by op id), each once."""
    seen: set[str] = set()
    ids = [row[0] for row in changes]
    for i in range(0, len(ids), _CHUNK):
        chunk = ids[i : i + _CHUNK]
        marks = ",".join("?" * len(chunk))
        seen.update(
            r[0]
            for r in store.conn.execute(
                f"SELECT op_id FROM change_log WHERE op_id IN ({marks})", chunk
            )
        )
    out: list[ChangeRow] = []
    for row in changes:
        if row[0] not in seen:
            seen.add(row[0])  # a change listed twice in one file counts once
            out.append(row)
    return out


def _records_with_history(
    store: Store, keys: Iterable[tuple[str, str]], new: Sequence[ChangeRow]
) -> set[tuple[str, str]]:
    """Records that had change-log rows before this batch (they take the slow, exact path)."""
    fresh = {row[0] for row in new}
    by_entity: dict[str, list[str]] = {}
    for entity, record_id in keys:
        by_entity.setdefault(entity, []).append(record_id)
    out: set[tuple[str, str]] = set()
    for entity, ids in by_entity.items():
        for i in range(0, len(ids), _CHUNK):
            chunk = ids[i : i + _CHUNK]
            marks = ",".join("?" * len(chunk))
            for record_id, op_id in store.conn.execute(
                f"SELECT record_id, op_id FROM change_log WHERE entity = ? "
                f"AND record_id IN ({marks})",
                (entity, *chunk),
            ):
                if op_id not in fresh:
                    out.add((entity, record_id))
    return out


def _freeze(s: EntitySpec, known: dict[str, list[versions.Version]]) -> versions.Version | None:
    """The change that set a ``frozen_when`` record (the first, by stamp), if any."""
    if not s.frozen_when:
        return None
    frozen_field, frozen_value = s.frozen_when
    freezes = [v for v in known.get(frozen_field, []) if v.value == frozen_value]
    return min(freezes, key=lambda v: v.order) if freezes else None


def _state(s: EntitySpec, known: dict[str, list[versions.Version]]) -> dict[str, Any]:
    """Column values (encoded for SQLite) the versions give. A record that was set
    (``frozen_when``) is what the change that set it says it is: the copy of the whole record
    that change carries, whatever other versions arrive with whatever stamp. (A record set by an
    older version, without that copy, keeps the versions up to the one that set it.)"""
    freeze = _freeze(s, known)
    if freeze is not None:
        carriers = [
            v
            for vs in known.values()
            for v in vs
            if v.op_id == freeze.op_id and isinstance(v.value, dict)
        ]
        copy = next(
            (v.value[FROZEN_COPY] for v in carriers if isinstance(v.value.get(FROZEN_COPY), dict)),
            None,
        )
        if copy is not None:
            own = {
                name: v.value for name, vs in known.items() for v in vs if v.op_id == freeze.op_id
            }
            values = {**{k: v for k, v in copy.items() if k in s.fields}, **own}
            return {name: encode(s.fields[name], name, value) for name, value in values.items()}
        limit = freeze.order
        after = {name for name, vs in known.items() if all(v.order > limit for v in vs)}
        known = {
            name: kept
            for name, vs in known.items()
            if (kept := [v for v in vs if v.order <= limit])
        }
        # a field first written after the record was set is empty, also where that change
        # arrived (and was written) before the one that set it
        cleared = {name: None for name in after if name in s.fields}
    else:
        cleared = {}
    return {
        **cleared,
        **{
            name: encode(s.fields[name], name, versions.winner(vs).value)
            for name, vs in known.items()
            if name in s.fields
        },
    }


def _write_row(store: Store, s: EntitySpec, record_id: str, values: dict[str, Any]) -> None:
    names = list(values)
    row = store.conn.execute(
        f"SELECT {', '.join(['rid', *names])} FROM {s.table} WHERE id = ?", (record_id,)
    ).fetchone()
    if row is None:
        cols = ["id", *names]
        store.conn.execute(
            f"INSERT INTO {s.table} ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})",
            (record_id, *values.values()),
        )
        return
    changed = {n: v for n, v, old in zip(names, values.values(), row[1:], strict=True) if v != old}
    if changed:
        sets = ", ".join(f"{name} = ?" for name in changed)
        store.conn.execute(
            f"UPDATE {s.table} SET {sets} WHERE rid = ?", (*changed.values(), row[0])
        )


def _mark_conflicts(
    store: Store,
    s: EntitySpec,
    record_id: str,
    known: dict[str, list[versions.Version]],
    touched: set[str],
) -> int:
    """Open or close the conflict of every touched field; returns how many were opened."""
    if s.append_only or _freeze(s, known) is not None:
        return 0  # notes never conflict; a set record is what the change that set it says
    opened = 0
    for name in sorted(touched & set(s.fields)):
        field_heads = versions.heads(known.get(name, []))
        if versions.in_conflict(field_heads):
            cursor = store.conn.execute(
                "INSERT INTO conflict (entity, record_id, field, heads) VALUES (?, ?, ?, ?) "
                "ON CONFLICT(entity, record_id, field) DO UPDATE SET heads = excluded.heads "
                "WHERE heads <> excluded.heads",
                (s.name, record_id, name, versions.heads_json(field_heads)),
            )
            opened += max(cursor.rowcount, 0)
        else:
            store.conn.execute(
                "DELETE FROM conflict WHERE entity = ? AND record_id = ? AND field = ?",
                (s.name, record_id, name),
            )
    return opened


def _fields(row: ChangeRow, parsed: Mapping[str, Mapping[str, Any]] | None) -> Mapping[str, Any]:
    known = parsed.get(row[0]) if parsed is not None else None
    return known if known is not None else dict(json.loads(row[8]))


def _log_shape(rows: Sequence[ChangeRow]) -> list[tuple[Any, ...]]:
    """Bundle rows in the shape of ``versions.SELECT_LOG``."""
    return [(r[0], r[1], r[2], r[3], r[4], r[8], r[9]) for r in rows]
