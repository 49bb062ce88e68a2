"""The shape of what a bundle carries, checked before anything of it is applied.

A bundle is signed, so whatever is in it is what its laptop wrote: an honest laptop never writes
a malformed row. A row that is not a change-log row (too short, a stamp that is no stamp, a
value of the wrong type, a payload that is not a record of fields) makes the whole bundle
refused and reported, and the laptop's later bundles still apply: nothing in one file may stop a
profile or a team. The checks are a pure function of the bundle, so every laptop refuses the
same files.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from werkplein.store.entities import ENTITIES, MAX_TEXT, T
from werkplein.sync import bounds
from werkplein.sync.bounds import Refused

HLC_RE = re.compile(r"[0-9a-f]{16}")
UUID_RE = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
HASH_RE = re.compile(r"[0-9a-f]{64}")
KEY_RE = re.compile(r"[A-Za-z0-9_.:-]{1,64}")  # fixed keys of team settings ("region", ...)
DATE_RE = re.compile(r"\d{4}-\d{2}-\d{2}")
MIN_STAMP_MS = 1_577_836_800_000  # 2020-01-01: no laptop made a change before Werkplein
MAX_PARENTS = 1_000
KINDS = frozenset({"insert", "update", "delete"})
ACTIONS = frozenset({"view", "create", "update", "delete", "export", "import", "search", "erase"})


@dataclass(frozen=True)
class Payload:
    changes: list[list[Any]]
    audit: list[list[Any]]
    last_change: int
    last_audit: int
    fields: dict[str, dict[str, Any]]  # op id -> its {field: [old, new]}, parsed once


def payload(value: Any) -> Payload:
    """A bundle's (or snapshot section's) content, checked row by row; Refused("malformed")."""
    if not isinstance(value, dict):
        raise Refused("malformed")
    changes, audit = value.get("changes", []), value.get("audit", [])
    last_change, last_audit = value.get("last_change", 0), value.get("last_audit", 0)
    if not (
        isinstance(changes, list)
        and isinstance(audit, list)
        and _int(last_change)
        and _int(last_audit)
    ):
        raise Refused("malformed")
    fields: dict[str, dict[str, Any]] = {}
    for row in changes:
        fields.setdefault(row[0] if isinstance(row, list) and row else "", change_row(row))
    for row in audit:
        audit_row(row)
    return Payload(changes, audit, last_change, last_audit, fields)


def _int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and 0 <= value < 2**53


def stamp_ms(hlc: str) -> int:
    return int(hlc[:12], 16)


def change_row(row: Any) -> dict[str, Any]:
    """[op_id, hlc, device_id, author_id, at, entity, record_id, kind, payload, parents];
    returns the parsed payload ({field: [old, new]})."""
    if not isinstance(row, list) or len(row) != 10:
        raise Refused("malformed")
    op_id, hlc, device_id, author_id, at, entity, record_id, kind, fields, parents = row
    if not (
        _uuid(op_id)
        and isinstance(hlc, str)
        and HLC_RE.fullmatch(hlc)
        and stamp_ms(hlc) >= MIN_STAMP_MS
        and _uuid(device_id)
        and (author_id is None or _uuid(author_id))
        and _moment(at)
        and isinstance(entity, str)
        and len(entity) <= 64
        and isinstance(record_id, str)
        and (_uuid(record_id) or KEY_RE.fullmatch(record_id))
        and kind in KINDS
        and isinstance(fields, str)
        and (parents is None or isinstance(parents, str))
    ):
        raise Refused("malformed")
    values = bounds.load_value(fields, items=MAX_TEXT + 10_000)
    if not isinstance(values, dict) or not values:
        raise Refused("malformed")
    spec = ENTITIES.get(entity)
    for name, pair in values.items():
        if not (isinstance(pair, list) and len(pair) == 2):
            raise Refused("malformed")
        if spec is not None and name in spec.fields and not _value(spec.fields[name], pair[1]):
            raise Refused("malformed")
    if parents is not None:
        seen = bounds.load_value(parents, items=MAX_PARENTS * 4)
        if not isinstance(seen, dict) or not all(
            isinstance(ids, list) and len(ids) <= MAX_PARENTS and all(_uuid(i) for i in ids)
            for ids in seen.values()
        ):
            raise Refused("malformed")
    return values


def audit_row(row: Any) -> None:
    """[id, device_id, at, user_id, inwoner_id, action, detail, prev_hash, hash]"""
    if not isinstance(row, list) or len(row) != 9:
        raise Refused("malformed")
    entry_id, device_id, at, user_id, inwoner_id, action, detail, prev_hash, digest = row
    if not (
        _uuid(entry_id)
        and _uuid(device_id)
        and _moment(at)
        and _uuid(user_id)
        and (inwoner_id is None or _uuid(inwoner_id))
        and action in ACTIONS
        and isinstance(detail, str)
        and len(detail) <= 2_000
        and isinstance(prev_hash, str)
        and HASH_RE.fullmatch(prev_hash)
        and isinstance(digest, str)
        and HASH_RE.fullmatch(digest)
    ):
        raise Refused("malformed")


def _uuid(value: Any) -> bool:
    return isinstance(value, str) and UUID_RE.fullmatch(value) is not None


def _moment(value: Any) -> bool:
    if not isinstance(value, str) or len(value) > 40:
        return False
    try:
        dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return False
    return True


def _value(kind: T, value: Any) -> bool:
    """Whether ``value`` fits a field of ``kind`` (what ``store.encode`` would accept)."""
    if value is None:
        return True
    if kind is T.BOOL:
        return isinstance(value, bool)
    if kind is T.INT:
        return isinstance(value, int) and not isinstance(value, bool) and abs(value) < 2**53
    if kind is T.JSON:
        return True  # any JSON value; its size and depth were bounded when it was read
    if not isinstance(value, str) or len(value) > MAX_TEXT:
        return False
    if kind is T.DATE:
        return DATE_RE.fullmatch(value) is not None and _moment(value)
    if kind is T.DATETIME:
        return _moment(value)
    if kind is T.REF:
        return _uuid(value) or KEY_RE.fullmatch(value) is not None
    return True


def max_stamp(changes: Sequence[Sequence[Any]]) -> str | None:
    return max((str(row[1]) for row in changes), default=None)


def newer_version(checked: Payload) -> bool:
    """Whether a change names an entity or a field this version does not know: written by a
    newer version of Werkplein. Its file waits until this laptop is updated (refusing it would
    lose it for good)."""
    for row in checked.changes:
        spec = ENTITIES.get(str(row[5]))
        if spec is None or any(name not in spec.fields for name in checked.fields.get(row[0], {})):
            return True
    return False
