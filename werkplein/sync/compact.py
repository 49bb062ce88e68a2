"""Compaction for snapshots: keep of every field only its heads (the versions nobody has
replaced yet), drop the rest of the history.

A laptop that starts from the snapshot computes the same values and the same conflicts as one
that replayed every bundle, because both depend only on the heads. What it does not get is the
older history of each field; the laptops that wrote it keep theirs.
"""

from __future__ import annotations

import json
from typing import Any

from werkplein.store import versions
from werkplein.store.entities import ENTITIES
from werkplein.store.store import Store
from werkplein.sync import channels, merge


def compacted(store: Store, channel: str) -> tuple[list[list[Any]], list[list[Any]]]:
    """(change rows, audit rows) of one channel, as bundles carry them."""
    names = sorted(s.name for s in ENTITIES.values() if s.handhaving == (channel == "h"))
    marks = ",".join("?" * len(names))
    cursor = store.conn.execute(
        f"SELECT {merge.CHANGE_COLUMNS} FROM change_log WHERE entity IN ({marks}) "
        "ORDER BY entity, record_id",
        names,
    )
    out: list[list[Any]] = []
    group: list[tuple[Any, ...]] = []
    key: tuple[str, str] | None = None
    for row in cursor:
        if (row[5], row[6]) != key:
            out += _compact(group)
            group, key = [], (row[5], row[6])
        group.append(tuple(row))
    out += _compact(group)
    where = channels.audit_condition(channel)
    audit = [
        list(r)
        for r in store.rows(
            f"SELECT {merge.AUDIT_COLUMNS} FROM audit_log WHERE {where} ORDER BY seq"
        )
    ]
    return out, audit


def _compact(rows: list[tuple[Any, ...]]) -> list[list[Any]]:
    if not rows:
        return []
    known = versions.from_rows((r[0], r[1], r[2], r[3], r[4], r[8], r[9]) for r in rows)
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
