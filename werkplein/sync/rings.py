"""Resident keys: what a laptop sends about a resident is readable only through a key of that
resident, so destroying the key makes every copy on the share unreadable (docs/ERASURE.md).

- Each laptop makes its own key per resident it sends something about (``resident_key``, in
  the encrypted profile). In its bundles, and a teamleider's in its snapshots, the payload of
  every change of a record of that resident is sealed with it (AES-256-GCM, bound to the op id,
  entity, record and resident), inside the channel encryption as before::

      "~<device>:<owner>:<base64 nonce+ciphertext>"

  The *owner* is the resident; for a record whose resident this laptop does not know yet (a
  change that arrived before the record's first one) it is the record itself, whose key an
  erasure destroys with the resident's (the event lists the resident's records).

- The keys never travel in a bundle (an immutable copy under a lasting team key could always be
  unwrapped again). Each laptop publishes its own keys in *rings*, in its folder on the share:
  ``devices/<device>/keys-<b>.ring``, 16 files by the first hex digit ``b`` of a hash of the
  resident id, each sealed with the newest team key and signed, rewritten when its keys change.
  An erasure removes one key from one small file per laptop; no bundle is rewritten.
- A laptop looks a key up in the writer's ring when a change sealed with it arrives, and keeps
  it (first learned wins): only keys its colleagues' changes use, so no ring can fill a profile.
  A change sealed with a key that is not there (yet) waits, like a bundle under newer team keys;
  a change of an erased resident or record (a tombstone) is dropped, key or not.
"""

from __future__ import annotations

import base64
import hashlib
import os
from collections.abc import Iterable, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from werkplein.store.entities import ENTITIES
from werkplein.store.store import Store
from werkplein.sync import bounds, crypto, rows
from werkplein.sync.bounds import Refused
from werkplein.sync.files import (
    EnvelopeError,
    atomic_write,
    canonical,
    parse_envelope,
    read,
    seal_envelope,
)
from werkplein.sync.packing import key_generation

if TYPE_CHECKING:
    from werkplein.sync.engine import Sync

SEALED = "~"
_CHUNK = 400


class KeyMissing(Exception):
    """A change sealed with a resident key this laptop has not (yet) read: its file waits."""


def bucket(inwoner_id: str) -> str:
    return hashlib.sha256(inwoner_id.encode()).hexdigest()[0]


def ring_name(b: str) -> str:
    return f"keys-{b}.ring"


# ---------------------------------------------------------------------- the keys held here
class ResidentKeys:
    """The resident keys in this profile, as one sync uses them; a key it lacks is looked up in
    its writer's ring on the share (``rings``, None outside a sync)."""

    def __init__(self, store: Store, rings: Rings | None = None) -> None:
        self.store = store
        self.rings = rings
        self._ciphers: dict[tuple[str, str], AESGCM] = {}

    def cipher(self, device_id: str, inwoner_id: str) -> AESGCM | None:
        found = self._ciphers.get((device_id, inwoner_id))
        if found is None:
            row = self.store.conn.execute(
                "SELECT key FROM resident_key WHERE device_id = ? AND inwoner_id = ?",
                (device_id, inwoner_id),
            ).fetchone()
            key = bytes(row[0]) if row is not None else self._learn(device_id, inwoner_id)
            if key is None:
                return None
            found = self._ciphers[(device_id, inwoner_id)] = AESGCM(key)
        return found

    def _learn(self, device_id: str, inwoner_id: str) -> bytes | None:
        key = self.rings.key(device_id, inwoner_id) if self.rings is not None else None
        if key is not None:
            keep(self.store, [(device_id, inwoner_id, key)])
        return key

    def own(self, inwoner_id: str) -> AESGCM:
        """This laptop's key for the resident, made the first time it is needed (published in
        its ring before the bundle that uses it, see Sync._write_bundle)."""
        self.own_all([inwoner_id])
        return self._ciphers[(self.store.device_id, inwoner_id)]

    def own_all(self, owners: Iterable[str]) -> None:
        """This laptop's keys for all of ``owners`` at hand, the missing ones taken from its
        ring on the share (a restored profile) or made, in one transaction (not one each)."""
        me = self.store.device_id
        wanted = sorted({o for o in owners if (me, o) not in self._ciphers})
        found: dict[str, bytes] = {}
        for i in range(0, len(wanted), _CHUNK):
            chunk = wanted[i : i + _CHUNK]
            found.update(
                (str(owner), bytes(key))
                for owner, key in self.store.conn.execute(
                    "SELECT inwoner_id, key FROM resident_key WHERE device_id = ? "
                    f"AND inwoner_id IN ({','.join('?' * len(chunk))})",
                    (me, *chunk),
                )
            )
        new: dict[str, bytes] = {}
        for owner in wanted:
            if owner not in found:
                learned = self.rings.key(me, owner) if self.rings is not None else None
                new[owner] = learned if learned is not None else crypto.new_key()
        keep(self.store, [(me, owner, key) for owner, key in new.items()])
        for owner, key in {**found, **new}.items():
            self._ciphers[(me, owner)] = AESGCM(key)

    def forget(self) -> None:
        self._ciphers.clear()


def keep(store: Store, keys: Sequence[tuple[str, str, bytes]]) -> None:
    """Keep (laptop, owner, key) in the profile; a key already kept stays (first wins)."""
    if keys:
        with store._transaction():
            store.conn.executemany(
                "INSERT OR IGNORE INTO resident_key (device_id, inwoner_id, key) VALUES (?, ?, ?)",
                keys,
            )


def _aad(row: Sequence[Any], inwoner_id: str) -> bytes:
    return f"{row[0]}\0{row[5]}\0{row[6]}\0{inwoner_id}".encode()


# ---------------------------------------------------------------------- sealing
def residents_of(store: Store, rows_: Iterable[Sequence[Any]]) -> dict[tuple[str, str], str]:
    """(entity, record id) -> the resident the record belongs to, for records of residents."""
    wanted: dict[str, set[str]] = {}
    out: dict[tuple[str, str], str] = {}
    for row in rows_:
        entity, record_id = str(row[5]), str(row[6])
        if entity == "inwoner":
            out[(entity, record_id)] = record_id
        elif (s := ENTITIES.get(entity)) is not None and s.resident_field:
            wanted.setdefault(entity, set()).add(record_id)
    for entity, ids in wanted.items():
        s = ENTITIES[entity]
        listed = sorted(ids)
        for i in range(0, len(listed), _CHUNK):
            chunk = listed[i : i + _CHUNK]
            for record_id, inwoner_id in store.conn.execute(
                f"SELECT id, {s.resident_field} FROM {s.table} "
                f"WHERE id IN ({','.join('?' * len(chunk))})",
                chunk,
            ):
                if inwoner_id:
                    out[(entity, str(record_id))] = str(inwoner_id)
    return out


def _personal(entity: str) -> bool:
    """Whether records of ``entity`` belong to a resident (and travel sealed)."""
    spec = ENTITIES.get(entity)
    return entity == "inwoner" or (spec is not None and spec.resident_field is not None)


def seal_changes(keys: ResidentKeys, changes: Sequence[Sequence[Any]]) -> list[list[Any]]:
    """Change rows as they travel: the payload of each change of a resident's record sealed
    with this laptop's key for that resident (for a record whose resident is not known here,
    for the record); other changes (team settings, users, signals) as they are."""
    owners = residents_of(keys.store, changes)
    me = keys.store.device_id
    keys.own_all(
        owners.get((str(r[5]), str(r[6])), str(r[6])) for r in changes if _personal(str(r[5]))
    )
    out: list[list[Any]] = []
    for row in changes:
        entity, record_id = str(row[5]), str(row[6])
        if not _personal(entity):
            out.append(list(row))
            continue
        inwoner_id = owners.get((entity, record_id), record_id)
        nonce = os.urandom(crypto.NONCE_BYTES)
        sealed = keys.own(inwoner_id).encrypt(
            nonce, str(row[8]).encode("utf-8"), _aad(row, inwoner_id)
        )
        text = base64.b64encode(nonce + sealed).decode("ascii")
        out.append([*row[:8], f"{SEALED}{me}:{inwoner_id}:{text}", *row[9:]])
    return out


def _unseal(keys: ResidentKeys, row: list[Any]) -> Any:
    """The plain payload of a sealed row (a plain one as it is). Refused when the seal is
    damaged, KeyMissing when this laptop has no key for it."""
    payload = row[8]
    if not (isinstance(payload, str) and payload.startswith(SEALED)):
        return payload
    device_id, inwoner_id, text = [*payload[1:].split(":", 2), "", ""][:3]
    if not (rows.UUID_RE.fullmatch(device_id) and rows.UUID_RE.fullmatch(inwoner_id)):
        raise Refused("malformed")
    cipher = keys.cipher(device_id, inwoner_id)
    if cipher is None:
        raise KeyMissing(inwoner_id)
    try:
        blob = base64.b64decode(text.encode("ascii"), validate=True)
        nonce, sealed = blob[: crypto.NONCE_BYTES], blob[crypto.NONCE_BYTES :]
        plain = cipher.decrypt(nonce, sealed, _aad(row, inwoner_id))
        return plain.decode("utf-8")
    except (InvalidTag, ValueError) as exc:  # any damage to the seal refuses the file
        raise Refused("malformed") from exc


def tombstoned(store: Store, ids: Iterable[str]) -> set[str]:
    """Which of ``ids`` were erased (residents and their records)."""
    listed = sorted({i for i in ids if isinstance(i, str)})
    found: set[str] = set()
    for i in range(0, len(listed), _CHUNK):
        chunk = listed[i : i + _CHUNK]
        found.update(
            str(r[0])
            for r in store.conn.execute(
                f"SELECT id FROM tombstone WHERE id IN ({','.join('?' * len(chunk))})", chunk
            )
        )
    return found


def _marker(row: list[Any]) -> str | None:
    """The owner a sealed row names (unchecked), None for a plain row."""
    payload = row[8]
    if isinstance(payload, str) and payload.startswith(SEALED) and payload.count(":") >= 2:
        return payload[1:].split(":", 2)[1]
    return None


def _record(row: list[Any]) -> str | None:
    return row[6] if isinstance(row[6], str) else None  # unchecked yet: rows.py refuses others


def open_payload(keys: ResidentKeys, value: Any) -> rows.Payload:
    """A section's content with its sealed payloads opened and checked (rows.py), without
    any change of an erased resident or record: those are dropped, their key gone or not."""
    if not isinstance(value, dict) or not isinstance(value.get("changes", []), list):
        return rows.payload(value)
    listed: list[Any] = value.get("changes", [])
    raw = [r for r in listed if isinstance(r, list) and len(r) == 10]
    named = [*(m for r in raw if (m := _marker(r))), *(i for r in raw if (i := _record(r)))]
    gone = tombstoned(keys.store, named)
    opened: list[Any] = []
    for row in listed:
        if isinstance(row, list) and len(row) == 10:
            if _record(row) in gone or _marker(row) in gone:
                continue  # erased: never applied again, whatever key it was sealed with
            row = [*row[:8], _unseal(keys, row), row[9]]
        opened.append(row)
    checked = rows.payload({**value, "changes": opened})
    owners = {
        op: fields["inwoner_id"][1]
        for op, fields in checked.fields.items()
        if isinstance(fields.get("inwoner_id"), list) and isinstance(fields["inwoner_id"][1], str)
    }
    erased = tombstoned(keys.store, owners.values())
    if not erased:
        return checked
    kept = [r for r in checked.changes if owners.get(r[0]) not in erased]
    fields = {r[0]: checked.fields[r[0]] for r in kept if r[0] in checked.fields}
    return replace(checked, changes=kept, fields=fields)


# ---------------------------------------------------------------------- rings on the share
class Rings:
    """The rings on the share as one sync reads them: each file at most once, checked, its
    entries kept in memory for this sync only (the profile keeps only the keys it uses)."""

    def __init__(self, sync: Sync) -> None:
        self.sync = sync
        self._read: dict[tuple[str, str], dict[str, bytes]] = {}

    def key(self, device_id: str, owner: str) -> bytes | None:
        return self.bucket(device_id, bucket(owner)).get(owner)

    def bucket(self, device_id: str, b: str) -> dict[str, bytes]:
        """The entries of one laptop's ring (empty when it is missing or not authentic; the
        reason is reported)."""
        found = self._read.get((device_id, b))
        if found is None:
            found = self._read[(device_id, b)] = self._load(device_id, b)
        return found

    def _load(self, device_id: str, b: str) -> dict[str, bytes]:
        sync = self.sync
        peer = sync.roster.peers.get(device_id)
        if peer is None:
            return {}
        rel = f"devices/{device_id}/{ring_name(b)}"
        try:
            return _read_ring(sync, device_id, peer.sign_key, b)
        except FileNotFoundError:
            return {}
        except (OSError, EnvelopeError) as exc:
            reason = exc.reason if isinstance(exc, EnvelopeError) else "unreadable"
            sync._reject(rel, reason, laptop=device_id)
            return {}

    def forget(self, device_id: str, b: str) -> None:
        self._read.pop((device_id, b), None)


def publish(sync: Sync) -> None:
    """Rewrite this laptop's rings whose keys (or team key generation) changed since written.
    What its ring on the share holds beyond the profile (keys made after the backup a profile
    was restored from) is kept and taken into the profile; erased owners are left out."""
    store = sync.store
    me = store.device_id
    by_bucket: dict[str, dict[str, bytes]] = {f"{n:x}": {} for n in range(16)}
    for owner, key in store.conn.execute(
        "SELECT inwoner_id, key FROM resident_key WHERE device_id = ?", (me,)
    ):
        by_bucket[bucket(str(owner))][str(owner)] = bytes(key)
    team_key = sync.keys.key_for("g")
    assert team_key is not None
    for b, entries in by_bucket.items():
        meta = f"sync.ring.{b}"
        if store.meta(meta) == _digest(sync, entries):
            continue
        on_share = sync.rings.bucket(me, b)
        gone = tombstoned(store, on_share)
        kept = {o: k for o, k in on_share.items() if o not in gone and o not in entries}
        if kept:
            keep(store, [(me, o, k) for o, k in kept.items()])
            entries = {**entries, **kept}
        digest = _digest(sync, entries)
        if not entries and store.meta(meta) is None and not on_share:
            continue  # never written, nothing to write
        header = {
            "kind": "ring",
            "team": sync.keys.team_id,
            "signer": me,
            "device": me,
            "bucket": b,
            "gen": sync.keys.current,
        }
        content = canonical({o: k.hex() for o, k in sorted(entries.items())})
        data = seal_envelope(header, {"g": (team_key, content)}, sync.sign)
        atomic_write(sync.own / ring_name(b), data)
        sync.rings.forget(me, b)
        store.set_meta(meta, digest)


def _digest(sync: Sync, entries: dict[str, bytes]) -> str:
    content = canonical({o: k.hex() for o, k in sorted(entries.items())})
    return hashlib.sha256(f"{sync.keys.current}\0".encode() + content).hexdigest()


def _read_ring(sync: Sync, device_id: str, sign_key: str, b: str) -> dict[str, bytes]:
    env = parse_envelope(read(sync.share.device(device_id) / ring_name(b), bounds.MAX_BUNDLE_FILE))
    env.verify(sign_key)
    head = env.header
    generation = key_generation(head)
    if (
        head.get("kind") != "ring"
        or head.get("team") != sync.keys.team_id
        or head.get("device") != device_id
        or head.get("bucket") != b
    ):
        raise EnvelopeError("damaged")
    key = sync.keys.key_for("g", generation)
    if key is None:
        raise EnvelopeError("key-not-yet")
    entries = bounds.load_json(env.open("g", key))
    if not isinstance(entries, dict):
        raise EnvelopeError("damaged")
    out: dict[str, bytes] = {}
    for owner, hex_key in entries.items():
        if (
            not rows.UUID_RE.fullmatch(owner)
            or not isinstance(hex_key, str)
            or not rows.HASH_RE.fullmatch(hex_key)
            or bucket(owner) != b
        ):
            raise EnvelopeError("damaged")
        out[owner] = bytes.fromhex(hex_key)
    return out
