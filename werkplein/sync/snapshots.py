"""Snapshots: a teamleider laptop writes a compacted state of everything it holds (compact.py);
a laptop that cannot read bundles any more (pruned), or a new one, catches up from the newest.
``engine.Sync`` calls these steps with itself."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from werkplein.store.clock import iso
from werkplein.store.store import Store
from werkplein.sync import bounds, compact, merge, rings, rows
from werkplein.sync.channels import CHANNELS
from werkplein.sync.files import (
    DEVICE_RE,
    SNAPSHOT_RE,
    EnvelopeError,
    atomic_write,
    content_hash,
    matches_hash,
    parse_envelope,
    read,
    seal_envelope,
)
from werkplein.sync.packing import BUNDLE_BUDGET, key_generation, pack, unpack

if TYPE_CHECKING:
    from werkplein.sync.engine import Sync


HISTORY_FROM = "history.from"  # meta: when the snapshot this laptop last caught up from was made


def applied_vector(store: Store) -> dict[str, int]:
    return {
        str(d): int(s)
        for d, s in store.rows("SELECT device_id, max(seq) FROM sync_applied GROUP BY device_id")
    }


def snapshot_upto(header: dict[str, Any]) -> dict[str, dict[str, str]]:
    """A snapshot's ``upto`` (channel -> laptop -> newest stamp it covers), well-formed parts
    only; a snapshot without it (an older version wrote it) covers nothing this way."""
    value = header.get("upto")
    if not isinstance(value, dict):
        return {}
    return {
        channel: {str(d): h for d, h in per.items() if isinstance(h, str)}
        for channel, per in value.items()
        if channel in CHANNELS and isinstance(per, dict)
    }


def authentic(sync: Sync) -> list[tuple[str, dict[str, Any], Any]]:
    """Authentic snapshots, newest first by the stamp signed inside them (a name alone
    orders nothing: an old snapshot renamed to look new is refused)."""
    found = []
    for entry in bounds.scan(sync.share.snapshots):
        name, rel = entry.name, f"snapshots/{entry.name}"
        if entry.kind != "file" or SNAPSHOT_RE.fullmatch(name) is None:
            sync._reject(rel, "not-a-file" if entry.kind != "file" else "foreign")
            continue
        try:
            data = read(sync.share.snapshots / name, bounds.MAX_SNAPSHOT_FILE)
            if not matches_hash(name, data, SNAPSHOT_RE):
                raise EnvelopeError("damaged")
            env = parse_envelope(data)
            if not sync.roster.teamleider(env.signer) or sync.roster.revoked(env.signer):
                raise EnvelopeError("unknown-device")
            env.verify(sync.roster.peers[env.signer].sign_key)
            head = env.header
            covers = head.get("covers")
            if (
                head.get("kind") != "snapshot"
                or head.get("team") != sync.keys.team_id
                or not isinstance(head.get("stamp"), str)
                or not rows.HLC_RE.fullmatch(head["stamp"])
                or not name.startswith(f"{head['stamp']}-")
                or not isinstance(covers, dict)
                or not all(
                    DEVICE_RE.fullmatch(str(d)) and isinstance(s, int) and s >= 0
                    for d, s in covers.items()
                )
            ):
                raise EnvelopeError("damaged")
        except (OSError, EnvelopeError) as exc:
            reason = exc.reason if isinstance(exc, EnvelopeError) else "unreadable"
            sync._reject(rel, reason)
            continue
        found.append((str(head["stamp"]), name, covers, env))
    found.sort(key=lambda f: (f[0], f[1]), reverse=True)
    return [(name, covers, env) for _stamp, name, covers, env in found]


def catch_up(sync: Sync, present: dict[str, set[int]], applied: dict[str, int]) -> bool:
    """Catch up from the newest snapshot when it covers bundles this laptop lacks and
    cannot read any more (pruned), or when this laptop has applied nothing yet."""
    fresh = not any(d != sync.store.device_id for d in applied)
    snapshots = sync._snapshots()
    if not snapshots:
        return False
    name, covers, env = snapshots[0]
    gain = {
        d: int(s)
        for d, s in covers.items()
        if d != sync.store.device_id and int(s) > applied.get(d, 0)
    }
    stuck = any(applied.get(d, 0) + 1 not in present.get(d, set()) for d in gain)
    if not gain or not (stuck or fresh):
        return False
    generation = key_generation(env.header)
    if sync.keys.generation(generation) is None:
        return False  # written with keys this laptop does not have (yet)
    sections = [
        (section, key)
        for section in sorted(env.sections)
        if (key := sync.keys.key_for(section.split(":", 1)[0], generation)) is not None
    ]
    counted = (sync.report.received_changes, sync.report.new_conflicts)
    upto = snapshot_upto(env.header)
    try:
        # each section is read, checked and applied alone: memory holds one at a time
        with sync.store._transaction():
            read = {section.split(":", 1)[0] for section, _key in sections}
            held = {c: compact.held(sync.store, c) for c in upto if c in read}  # before
            carried: dict[str, set[tuple[str, str]]] = {}
            for section, key in sections:
                payload = unpack(env.open(section, key), sync._open)
                if rows.newer_version(payload):  # written by a newer version: this laptop updates
                    raise EnvelopeError("newer-version")
                changes, audits = sync._authorized(payload, f"snapshots/{name}", 0, snapshot=True)
                result = merge.apply(sync.store, changes, audits, payload.fields)
                sync.report.received_changes += result.changes
                sync.report.new_conflicts += result.conflicts_opened
                carried.setdefault(section.split(":", 1)[0], set()).update(
                    (op, field) for op, fields in payload.fields.items() for field in fields
                )
            for channel, records in held.items():
                pairs = carried.get(channel, set())
                found = compact.settle(sync.store, records, upto[channel], pairs)
                merge.recheck(sync.store, found)
            if sync.report.received_changes > counted[0]:
                # older history of what it brought is on the laptops that wrote it
                sync.store.set_meta(HISTORY_FROM, str(env.header.get("at", "")))
            for device_id, seq in gain.items():
                sync.store.conn.execute(
                    "INSERT OR IGNORE INTO sync_applied (device_id, seq, name, changes, at) "
                    "VALUES (?, ?, ?, 0, ?)",
                    (device_id, seq, f"snapshot:{name}", iso(sync.store.clock.now())),
                )
    except (EnvelopeError, rings.KeyMissing) as exc:  # rolled back: none of it counts
        sync.report.received_changes, sync.report.new_conflicts = counted
        reason = exc.reason if isinstance(exc, EnvelopeError) else "key-not-yet"
        sync._reject(f"snapshots/{name}", reason)
        return False
    sync.report.snapshot_used = name
    return True


def write(sync: Sync) -> str:
    """A compacted state of everything this teamleider laptop holds, per channel, in
    sections small enough for every reader (bounds.py)."""
    covers = applied_vector(sync.store)
    sections: dict[str, tuple[bytes, bytes]] = {}
    for channel in CHANNELS:
        key = sync.keys.key_for(channel)
        if key is None:
            continue
        changes, audits = compact.compacted(sync.store, channel)
        changes = rings.seal_changes(sync.resident_keys, changes)
        parts = [("changes", run) for run in bounds.chunks(changes, BUNDLE_BUDGET)]
        parts += [("audit", run) for run in bounds.chunks(audits, BUNDLE_BUDGET)]
        for number, (kind, run) in enumerate(parts or [("changes", [])]):
            content = {"changes": [], "audit": [], kind: run}
            sections[f"{channel}:{number:04d}"] = (key, pack(content))
    rings.publish(sync)  # the keys it was sealed with are on the share before it
    stamp = sync.store.hlc.tick()
    header = {
        "kind": "snapshot",
        "gen": sync.keys.current,
        "team": sync.keys.team_id,
        "signer": sync.store.device_id,
        "covers": covers,
        "upto": {channel: compact.upto(sync.store, channel) for channel in CHANNELS},
        "stamp": stamp,
        "at": iso(sync.store.clock.now()),
    }
    data = seal_envelope(header, sections, sync.sign)
    name = f"{stamp}-{content_hash(data)}.wps"
    atomic_write(sync.share.snapshots / name, data)
    sync._snapshot_cache = None
    sync.report.snapshot_written = name
    return name
