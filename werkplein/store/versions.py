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
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
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

    @property
    def order(self) -> tuple[str, str]:
        return (self.hlc, self.device_id)


# op_id, hlc, device_id, author_id, at, payload (JSON {field: [old, new]}), parents (JSON)
SELECT_LOG = (
    "SELECT op_id, hlc, device_id, author_id, at, payload, parents FROM change_log "
    "WHERE entity = ? AND record_id = ?"
)


def from_rows(
    rows: Iterable[Sequence[Any]], parsed: Mapping[str, Mapping[str, Any]] | None = None
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
                Version(op_id, hlc, device_id, new, tuple(seen.get(name, ())), author_id, at)
            )
    return out


def load(conn: Connection, entity: str, record_id: str) -> dict[str, list[Version]]:
    return from_rows(conn.execute(SELECT_LOG, (entity, record_id)).fetchall())


def heads(versions: Sequence[Version]) -> list[Version]:
    """The versions nobody has seen yet, winner first."""
    named = {p for v in versions for p in v.parents}
    return sorted(
        (v for v in versions if v.op_id not in named), key=lambda v: v.order, reverse=True
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
