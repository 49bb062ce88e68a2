"""Erasure events: ``erasures/<id>.erasure`` on the share, one per erased resident, signed by
the teamleider laptop that erased them and kept forever (docs/ERASURE.md).

The event holds ids only: the erasure's id, the resident's id and the ids of their records as
the erasing laptop knew them, the ground ("avg17", "retention") and the moment, compressed and
sealed with the team key (the ids of fine records under the fine key: a werkcoach does not learn
that there were fines). Every laptop reads the new ones at the start of each sync, before
anything else, and erases the resident locally (store/erase.py): rows, change log, resident
keys, drafts; the ids stay as tombstones, so no bundle, snapshot or own queued change brings
them back or sends them again. A laptop back from weeks away, one that joins later, and one
restored from a backup all read the same events first.

Who may erase is the teamleider role of the signed roster; whether a duty to keep still applies
is judged on the erasing laptop (the retention rules), as with every other teamleider decision.
An event of a teamleider laptop that was revoked since is no longer taken from it; every other
teamleider laptop that applied it publishes a copy under its own signature, so a laptop that
missed it still erases. A listed record is erased only when it is one of the resident's, or one
the laptop does not hold (store/erase.py). An event refused once is not read again until its
file changes.
"""

from __future__ import annotations

import json
import os
from typing import TYPE_CHECKING, Any

from werkplein.store.clock import iso
from werkplein.store.entities import ENTITIES, HANDHAVING
from werkplein.store.erase import Erasure, checkpoint, erase_resident
from werkplein.sync import bounds, rows
from werkplein.sync.files import (
    ERASURE_RE,
    Envelope,
    EnvelopeError,
    atomic_write,
    parse_envelope,
    read,
    seal_envelope,
)
from werkplein.sync.packing import key_generation, pack

if TYPE_CHECKING:
    from werkplein.sync.engine import Sync

MAX_GROUND = 32
MAX_RECORDS = 200_000  # ids listed in one event: far beyond any dossier
MEMO = "sync.erasures_refused"  # meta: event files refused, by name -> "size:mtime"

Event = tuple[str, str, list[tuple[str, str]], str, str]  # resident, ground, records, at, signer


def publish(sync: Sync) -> int:
    """Write the erasures made on this laptop (and its copies of those of a revoked teamleider
    laptop) that are not on the share yet; how many."""
    store = sync.store
    _copies(sync)
    key, fine_key = sync.keys.key_for("g"), sync.keys.key_for("h")
    assert key is not None
    pending = store.rows(
        "SELECT id, inwoner_id, ground, at, event FROM erasure WHERE published = 0 ORDER BY at"
    )
    for erasure_id, inwoner_id, ground, at, event in pending:
        records = json.loads(str(event or "{}")).get("records", [])
        content = {
            "inwoner_id": str(inwoner_id),
            "ground": str(ground),
            "records": [r for r in records if r[0] not in HANDHAVING],
        }
        sections = {"g": (key, pack(content))}
        fines = [r for r in records if r[0] in HANDHAVING]
        if fine_key is not None and fines:
            sections["h"] = (fine_key, pack({"records": fines}))
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
            seal_envelope(header, sections, sync.sign),
        )
        with store._transaction():
            store.conn.execute("UPDATE erasure SET published = 1 WHERE id = ?", (erasure_id,))
    return len(pending)


def _copies(sync: Sync) -> None:
    """A teamleider laptop copies, once, every erasure it applied whose laptop was revoked
    since: its events are no longer taken from it, a copy under this laptop's signature is."""
    store, roster = sync.store, sync.roster
    if not roster.teamleider(store.device_id):
        return
    copied = {
        str(r[0])
        for r in store.rows(
            "SELECT json_extract(event, '$.copy_of') FROM erasure "
            "WHERE json_extract(event, '$.copy_of') IS NOT NULL"
        )
    }
    for erasure_id, inwoner_id, ground, at, event in store.rows(
        "SELECT id, inwoner_id, ground, at, event FROM erasure WHERE published = 1"
    ):
        made = json.loads(str(event or "{}"))
        signer = str(made.get("signer"))
        if signer == store.device_id or not roster.revoked(signer) or erasure_id in copied:
            continue
        copy = {**made, "signer": store.device_id, "copy_of": str(erasure_id)}
        with store._transaction():
            store.conn.execute(
                "INSERT INTO erasure (id, inwoner_id, ground, at, event, published) "
                "VALUES (?, ?, ?, ?, ?, 0)",
                (store.ids(), inwoner_id, ground, at, json.dumps(copy)),
            )


def apply_new(sync: Sync) -> int:
    """Apply every authentic erasure on the share this laptop has not applied; how many."""
    store = sync.store
    known = {str(r[0]) for r in store.rows("SELECT id FROM erasure")}
    try:
        refused: dict[str, str] = json.loads(store.meta(MEMO) or "{}")
    except ValueError:
        refused = {}
    memo = dict(refused)
    applied = 0
    for entry in bounds.scan(sync.share.erasures):
        rel = f"erasures/{entry.name}"
        m = ERASURE_RE.fullmatch(entry.name)
        if m is None or entry.kind != "file":
            sync._reject(rel, "foreign" if entry.kind == "file" else "not-a-file")
            continue
        if m.group(1) in known:
            continue
        path = sync.share.erasures / entry.name
        stamp = ""
        try:
            st = os.stat(path, follow_symlinks=False)
            stamp = f"{st.st_size}:{st.st_mtime_ns}"
            if refused.get(entry.name) == stamp:
                continue  # refused before and unchanged since: not read at every sync
            event = _read(sync, m.group(1), read(path, bounds.MAX_BUNDLE_FILE))
        except (OSError, EnvelopeError) as exc:
            reason = exc.reason if isinstance(exc, EnvelopeError) else "unreadable"
            if reason != "key-not-yet":  # newer team keys than this laptop has: it waits
                sync._reject(rel, reason)
                if isinstance(exc, EnvelopeError):
                    memo[entry.name] = stamp
            continue
        inwoner_id, ground, records, at, signer = event
        erasure = Erasure(m.group(1), ground, at, publish=False, signer=signer)
        erase_resident(store, inwoner_id, erasure, also=records)
        applied += 1
    if memo != refused:
        store.set_meta(MEMO, json.dumps(memo, sort_keys=True))
    if applied:
        checkpoint(store)
        sync.report.erased += applied
    return applied


def _read(sync: Sync, erasure_id: str, data: bytes) -> Event:
    """The content of an authentic event of a teamleider laptop that is not revoked;
    EnvelopeError otherwise."""
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
    generation = key_generation(head)
    key = sync.keys.key_for("g", generation)
    if key is None:
        raise EnvelopeError("key-not-yet")
    content = _section(env, "g", key)
    inwoner_id, ground, listed = (
        content.get("inwoner_id"),
        content.get("ground"),
        content.get("records"),
    )
    fine_key = sync.keys.key_for("h", generation)
    if fine_key is not None and "h" in env.sections and isinstance(listed, list):
        fines = _section(env, "h", fine_key).get("records")
        listed = [*listed, *(fines if isinstance(fines, list) else [])]
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
            and isinstance(item[0], str)
            and item[0] in ENTITIES
            and isinstance(item[1], str)
            and rows.UUID_RE.fullmatch(item[1])
        ):
            raise EnvelopeError("damaged")
        records.append((item[0], item[1]))
    at = str(head["at"])
    moment = at if rows._moment(at) else iso(sync.store.clock.now())
    return inwoner_id, ground, records, moment, env.signer


def _section(env: Envelope, channel: str, key: bytes) -> dict[str, Any]:
    """One section of an event: compressed JSON within the limits of bounds.py."""
    content = bounds.load_json(bounds.inflate(env.open(channel, key)))
    if not isinstance(content, dict):
        raise EnvelopeError("damaged")
    return content
