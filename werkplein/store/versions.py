"""The versions of each field of a record, as the change log knows them.

Every change-log entry that sets a field is a *version* of that field. An entry also names, per
field, the versions its writer had seen (its ``parents``). That gives every field a small graph:

- the **value** of a field is the version with the highest (HLC stamp, device id): the same on
  every laptop that knows the same versions, whatever order they arrived in;
- the **heads** are the versions no other known version names as a parent. One head means the
  history of the field is a line; two or more heads with different values mean two people changed
  the field without having seen each other's change: a **conflict**, kept until someone chooses.

Both are functions of the *set* of known versions only, so laptops that have exchanged
everything agree on values and on conflicts, whatever the order of exchange.

A laptop that catches up from a snapshot may lack the change that superseded a version it holds
(compaction keeps only heads). The snapshot says up to where it covers each laptop's changes;
what it covers but no longer holds was superseded, and is marked so (table ``superseded``) so
it is no head here either. The heads of every field are also kept at hand (``field_head``):
a save names them as its parents without reading the record's whole history.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence, Set
from dataclasses import dataclass
from typing import Any

from werkplein.store.db import Connection

Value = Any


@dataclass(frozen=True)
class Version:
    op_id: str
    hlc: str
    device_id: str
    value: Value
    parents: tuple[str, ...]
    author_id: str | None = None
    at: str = ""
    superseded: bool = False  # a snapshot showed that someone replaced it

    @property
    def order(self) -> tuple[str, str]:
        return (self.hlc, self.device_id)


# op_id, hlc, device_id, author_id, at, payload (JSON {field: [old, new]}), parents (JSON)
SELECT_LOG = (
    "SELECT op_id, hlc, device_id, author_id, at, payload, parents FROM change_log "
    "WHERE entity = ? AND record_id = ?"
)


Marks = Set[tuple[str, str]]  # (op id, field) of versions a snapshot showed to be superseded

SELECT_MARKS = "SELECT op_id, field FROM superseded WHERE entity = ? AND record_id = ?"


def from_rows(
    rows: Iterable[Sequence[Any]],
    parsed: Mapping[str, Mapping[str, Any]] | None = None,
    marks: Marks = frozenset(),
) -> dict[str, list[Version]]:
    """Field -> its versions, from change-log rows shaped like ``SELECT_LOG``. ``parsed``:
    payloads already parsed, by op id (the sync parsed them when it checked them)."""
    out: dict[str, list[Version]] = {}
    for op_id, hlc, device_id, author_id, at, payload, parents in rows:
        known = parsed.get(op_id) if parsed is not None else None
        fields: Mapping[str, Sequence[Value]] = known if known is not None else json.loads(payload)
        seen: Mapping[str, Sequence[str]] = json.loads(parents) if parents else {}
        for name, (_old, new) in fields.items():
            out.setdefault(name, []).append(
                Version(
                    op_id,
                    hlc,
                    device_id,
                    new,
                    tuple(seen.get(name, ())),
                    author_id,
                    at,
                    (op_id, name) in marks,
                )
            )
    return out


def load(conn: Connection, entity: str, record_id: str) -> dict[str, list[Version]]:
    marks = {(str(o), str(f)) for o, f in conn.execute(SELECT_MARKS, (entity, record_id))}
    return from_rows(conn.execute(SELECT_LOG, (entity, record_id)).fetchall(), marks=marks)


def known_heads(
    conn: Connection, entity: str, record_id: str, fields: Iterable[str]
) -> dict[str, list[str]]:
    """The op ids of the heads of ``fields``, from ``field_head``; filled from the change log
    (every field of the record at once) when a field is not there yet."""
    wanted = set(fields)
    cached = {
        str(f): json.loads(h)
        for f, h in conn.execute(
            "SELECT field, heads FROM field_head WHERE entity = ? AND record_id = ?",
            (entity, record_id),
        )
    }
    if not wanted <= cached.keys():
        known = load(conn, entity, record_id)
        cached = {name: [v.op_id for v in heads(vs)] for name, vs in known.items()}
        cached.update({name: [] for name in wanted - cached.keys()})
        conn.executemany(
            "INSERT OR REPLACE INTO field_head (entity, record_id, field, heads) "
            "VALUES (?, ?, ?, ?)",
            [(entity, record_id, name, json.dumps(ids)) for name, ids in cached.items()],
        )
    return {name: cached[name] for name in wanted}


def replaced(
    conn: Connection, entity: str, record_id: str, op_id: str, fields: Iterable[str]
) -> None:
    """After a local write: ``op_id`` is now the one head of each of ``fields``."""
    conn.executemany(
        "UPDATE field_head SET heads = ? WHERE entity = ? AND record_id = ? AND field = ?",
        [(json.dumps([op_id]), entity, record_id, name) for name in fields],
    )


def forget_heads(conn: Connection, keys: Iterable[tuple[str, str]]) -> None:
    """Changes from elsewhere arrived for these records: their heads are computed anew when
    next needed."""
    conn.executemany("DELETE FROM field_head WHERE entity = ? AND record_id = ?", list(keys))


def heads(versions: Sequence[Version]) -> list[Version]:
    """The versions nobody has seen yet, winner first."""
    named = {p for v in versions for p in v.parents}
    return sorted(
        (v for v in versions if v.op_id not in named and not v.superseded),
        key=lambda v: v.order,
        reverse=True,
    )


def winner(versions: Sequence[Version]) -> Version:
    return max(versions, key=lambda v: v.order)


def in_conflict(field_heads: Sequence[Version]) -> bool:
    """Two or more heads that disagree. Equal values written side by side are no conflict."""
    return len({json.dumps(v.value, sort_keys=True) for v in field_heads}) > 1


def heads_json(field_heads: Sequence[Version]) -> str:
    return json.dumps(
        [[v.op_id, v.hlc, v.device_id, v.author_id, v.at, v.value] for v in field_heads],
        sort_keys=True,
        ensure_ascii=False,
    )
