"""Compaction for snapshots: keep of every field only its heads (the versions nobody has
replaced yet), drop the rest of the history.

A laptop that starts from the snapshot computes the same values and the same conflicts as one
that replayed every bundle, because both depend only on the heads. What it does not get is the
older history of each field; the laptops that wrote it keep theirs.

A laptop that already holds older versions needs one thing more: a version it holds that the
snapshot dropped was superseded by a change it never received, and would look like a head (a
conflict no other laptop has). The snapshot therefore says how far it covers each laptop's
changes (``upto``: the newest stamp per laptop; a laptop's changes arrive in stamp order, bundle
after bundle, so everything up to it is covered); ``settle`` marks what it covers but dropped as
superseded.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping, Set
from typing import Any

from werkplein.store import versions
from werkplein.store.entities import ENTITIES
from werkplein.store.store import Store
from werkplein.sync import channels, merge


def _entities(channel: str) -> list[str]:
    return sorted(s.name for s in ENTITIES.values() if s.handhaving == (channel == "h"))


def _records(store: Store, channel: str) -> Iterator[list[tuple[Any, ...]]]:
    """The change-log rows of one channel, record by record."""
    names = _entities(channel)
    cursor = store.conn.execute(
        f"SELECT {merge.CHANGE_COLUMNS} FROM change_log "
        f"WHERE entity IN ({','.join('?' * len(names))}) ORDER BY entity, record_id",
        names,
    )
    group: list[tuple[Any, ...]] = []
    for row in cursor:
        if group and (row[5], row[6]) != (group[0][5], group[0][6]):
            yield group
            group = []
        group.append(tuple(row))
    if group:
        yield group


def _marks(store: Store, channel: str) -> set[tuple[str, str]]:
    names = _entities(channel)
    return {
        (str(op), str(name))
        for op, name in store.conn.execute(
            f"SELECT op_id, field FROM superseded WHERE entity IN ({','.join('?' * len(names))})",
            names,
        )
    }


def _versions(
    rows: list[tuple[Any, ...]], marks: Set[tuple[str, str]]
) -> dict[str, list[versions.Version]]:
    return versions.from_rows(
        ((r[0], r[1], r[2], r[3], r[4], r[8], r[9]) for r in rows), None, marks
    )


def upto(store: Store, channel: str) -> dict[str, str]:
    """Per laptop, the stamp of its newest change of this channel this laptop holds."""
    names = _entities(channel)
    return {
        str(device): str(hlc)
        for device, hlc in store.conn.execute(
            f"SELECT device_id, max(hlc) FROM change_log "
            f"WHERE entity IN ({','.join('?' * len(names))}) GROUP BY device_id",
            names,
        )
    }


def compacted(store: Store, channel: str) -> tuple[list[list[Any]], list[list[Any]]]:
    """(change rows, audit rows) of one channel, as bundles carry them."""
    marks = _marks(store, channel)
    out: list[list[Any]] = []
    for group in _records(store, channel):
        out += _compact(group, marks)
    where = channels.audit_condition(channel)
    audit = [
        list(r)
        for r in store.rows(
            f"SELECT {merge.AUDIT_COLUMNS} FROM audit_log WHERE {where} ORDER BY seq"
        )
    ]
    return out, audit


def held(store: Store, channel: str) -> set[tuple[str, str]]:
    """The records of this channel the change log has rows of."""
    names = _entities(channel)
    return {
        (str(e), str(r))
        for e, r in store.conn.execute(
            f"SELECT DISTINCT entity, record_id FROM change_log "
            f"WHERE entity IN ({','.join('?' * len(names))})",
            names,
        )
    }


def settle(
    store: Store,
    records: Iterable[tuple[str, str]],
    covered: Mapping[str, str],
    present: Set[tuple[str, str]],
) -> dict[tuple[str, str], set[str]]:
    """After a snapshot was applied: mark as superseded every head of a field of ``records``
    (what this laptop held before) that the snapshot covers (its laptop's stamp is within
    ``covered``) but does not carry (``present``: its (op id, field) pairs). Returns the fields
    marked, per record."""
    found: dict[tuple[str, str], set[str]] = {}
    rows: list[tuple[str, str, str, str]] = []
    for entity, record_id in records:
        for name, vs in versions.load(store.conn, entity, record_id).items():
            for v in versions.heads(vs):
                limit = covered.get(v.device_id)
                if limit is not None and v.hlc <= limit and (v.op_id, name) not in present:
                    rows.append((entity, record_id, name, v.op_id))
                    found.setdefault((entity, record_id), set()).add(name)
    store.conn.executemany(
        "INSERT OR IGNORE INTO superseded (entity, record_id, field, op_id) VALUES (?, ?, ?, ?)",
        rows,
    )
    return found


def _compact(rows: list[tuple[Any, ...]], marks: Set[tuple[str, str]]) -> list[list[Any]]:
    if not rows:
        return []
    known = _versions(rows, marks)
    keep: dict[str, set[str]] = {}  # op id -> fields it still heads
    for name, vs in known.items():
        for v in versions.heads(vs):
            keep.setdefault(v.op_id, set()).add(name)
    out: list[list[Any]] = []
    for r in rows:
        fields = keep.get(r[0])
        if not fields:
            continue
        payload = json.loads(r[8])
        parents = json.loads(r[9]) if r[9] else {}
        trimmed_parents = {f: p for f, p in parents.items() if f in fields}
        out.append(
            [
                *r[:8],
                json.dumps(
                    {f: v for f, v in payload.items() if f in fields},
                    sort_keys=True,
                    separators=(",", ":"),
                    ensure_ascii=False,
                ),
                json.dumps(trimmed_parents, sort_keys=True, separators=(",", ":"))
                if trimmed_parents
                else None,
            ]
        )
    return out
