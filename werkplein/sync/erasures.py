"""Erasure events: ``erasures/<id>.erasure`` on the share, one per erased resident, signed by
the teamleider laptop that erased them and kept forever (docs/ERASURE.md).

The event holds ids only: the erasure's id, the resident's id and the ids of their records as
the erasing laptop knew them, the ground ("avg17", "retention") and the moment, sealed with the
team key. Every laptop reads the new ones at the start of each sync, before anything else, and
erases the resident locally (store/erase.py): rows, change log, resident keys, drafts; the ids
stay as tombstones, so no bundle, snapshot or own queued change brings them back or sends them
again. A laptop back from weeks away, one that joins later, and one restored from a backup all
read the same events first.

Who may erase is the teamleider role of the signed roster; whether a duty to keep still applies
is judged on the erasing laptop (the retention rules), as with every other teamleider decision.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from werkplein.store.clock import iso
from werkplein.store.entities import ENTITIES
from werkplein.store.erase import Erasure, checkpoint, erase_resident
from werkplein.sync import bounds, rows
from werkplein.sync.files import (
    ERASURE_RE,
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

MAX_GROUND = 32
MAX_RECORDS = 200_000  # ids listed in one event: far beyond any dossier


def publish(sync: Sync) -> int:
    """Write the erasures made on this laptop that are not on the share yet; how many."""
    store = sync.store
    key = sync.keys.key_for("g")
    assert key is not None
    pending = store.rows(
        "SELECT id, inwoner_id, ground, at, event FROM erasure WHERE published = 0 ORDER BY at"
    )
    for erasure_id, inwoner_id, ground, at, event in pending:
        content = {
            "inwoner_id": str(inwoner_id),
            "ground": str(ground),
            "records": json.loads(str(event or "[]")),
        }
        header = {
            "kind": "erasure",
            "team": sync.keys.team_id,
            "signer": store.device_id,
            "id": str(erasure_id),
            "gen": sync.keys.current,
            "at": str(at),
        }
        sync.share.erasures.mkdir(exist_ok=True)  # a share made before erasures existed
        atomic_write(
            sync.share.erasures / f"{erasure_id}.erasure",
            seal_envelope(header, {"g": (key, canonical(content))}, sync.sign),
        )
        with store._transaction():
            store.conn.execute(
                "UPDATE erasure SET published = 1, event = NULL WHERE id = ?", (erasure_id,)
            )
    return len(pending)


def apply_new(sync: Sync) -> int:
    """Apply every authentic erasure on the share this laptop has not applied; how many."""
    store = sync.store
    known = {str(r[0]) for r in store.rows("SELECT id FROM erasure")}
    applied = 0
    for entry in bounds.scan(sync.share.erasures):
        rel = f"erasures/{entry.name}"
        m = ERASURE_RE.fullmatch(entry.name)
        if m is None or entry.kind != "file":
            sync._reject(rel, "foreign" if entry.kind == "file" else "not-a-file")
            continue
        if m.group(1) in known:
            continue
        try:
            event = _read(sync, m.group(1), read(sync.share.erasures / entry.name))
        except (OSError, EnvelopeError) as exc:
            reason = exc.reason if isinstance(exc, EnvelopeError) else "unreadable"
            if reason != "key-not-yet":
                sync._reject(rel, reason)
            continue
        inwoner_id, ground, records, at = event
        erasure = Erasure(m.group(1), ground, at, publish=False)
        erase_resident(store, inwoner_id, erasure, also=records)
        applied += 1
    if applied:
        checkpoint(store)
        sync.report.erased += applied
    return applied


def _read(sync: Sync, erasure_id: str, data: bytes) -> tuple[str, str, list[tuple[str, str]], str]:
    """(resident, ground, records, moment) of an authentic event; EnvelopeError otherwise."""
    env = parse_envelope(data)
    signer = sync.roster.peers.get(env.signer)
    if signer is None or not sync.roster.teamleider(env.signer) or signer.revoked_pin is not None:
        raise EnvelopeError("not-allowed")  # only a teamleider of the team erases
    env.verify(signer.sign_key)
    head = env.header
    if (
        head.get("kind") != "erasure"
        or head.get("team") != sync.keys.team_id
        or head.get("id") != erasure_id
        or not isinstance(head.get("at"), str)
    ):
        raise EnvelopeError("damaged")
    key = sync.keys.key_for("g", key_generation(head))
    if key is None:
        raise EnvelopeError("key-not-yet")  # newer team keys than this laptop has: it waits
    content: Any = bounds.load_json(env.open("g", key))
    if not isinstance(content, dict):
        raise EnvelopeError("damaged")
    inwoner_id, ground, listed = (
        content.get("inwoner_id"),
        content.get("ground"),
        content.get("records"),
    )
    if not (
        isinstance(inwoner_id, str)
        and rows.UUID_RE.fullmatch(inwoner_id)
        and isinstance(ground, str)
        and 0 < len(ground) <= MAX_GROUND
        and isinstance(listed, list)
        and len(listed) <= MAX_RECORDS
    ):
        raise EnvelopeError("damaged")
    records: list[tuple[str, str]] = []
    for item in listed:
        if not (
            isinstance(item, list)
            and len(item) == 2
            and item[0] in ENTITIES
            and isinstance(item[1], str)
            and rows.UUID_RE.fullmatch(item[1])
        ):
            raise EnvelopeError("damaged")
        records.append((item[0], item[1]))
    at = str(head["at"])
    return inwoner_id, ground, records, at if rows._moment(at) else iso(sync.store.clock.now())
