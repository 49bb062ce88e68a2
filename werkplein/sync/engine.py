"""One sync: send this laptop's new changes, then read and apply what the others wrote.

Order of work, each step safe to interrupt:

1. **Adopt** bundles of this device that reached the share before a crash but not the profile.
2. **Export** new local changes (and audit entries) as bundles: one channel for general data
   under the team key, one for boete (handhaving) data under the second key. Each bundle is
   written under a temporary name and renamed; then the profile records it.
3. **Import**, per trusted device, its bundles in sequence order: check the name's hash, the
   signature, the header, decrypt, merge in one transaction, record. A damaged or foreign file
   is skipped and reported; the device's later bundles wait for the missing one. A device back
   from months away, or a new one, starts from the newest snapshot instead.
4. **State**: publish what this laptop has applied, so every laptop can prune safely.
5. **Tidy**: prune own bundles every active laptop has applied and a snapshot covers; a
   teamleider laptop writes a snapshot when enough has happened since the last one.

Sending before receiving matters: a bundle then holds exactly the changes made before the
knowledge it is published with, which keeps conflict detection exact.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from werkplein.domain import besluit as besluit_rules
from werkplein.errors import (
    DeviceRevoked,
    NotInTeam,
    ShareUnavailable,
    SyncCancelled,
    WrongShare,
)
from werkplein.i18n import N_
from werkplein.store import audit
from werkplein.store.clock import iso
from werkplein.store.entities import HANDHAVING
from werkplein.store.store import RECOVER_KEY, Store
from werkplein.sync import (
    authority,
    bounds,
    channels,
    erasures,
    lock,
    merge,
    rings,
    rows,
    snapshots,
    team,
)
from werkplein.sync.bounds import Refused
from werkplein.sync.channels import CHANNELS
from werkplein.sync.files import (
    BUNDLE_RE,
    CERT,
    DEVICE_RE,
    RING_RE,
    STATE,
    EnvelopeError,
    Share,
    atomic_write,
    bundle_name,
    matches_hash,
    parse_envelope,
    read,
    seal_envelope,
)
from werkplein.sync.keys import receive_keys
from werkplein.sync.packing import BUNDLE_BUDGET, Malformed, key_generation, pack, unpack
from werkplein.sync.report import Rejection, SyncReport

BUNDLE_MAX = 2000  # changes plus audit entries per bundle
MAX_AHEAD_MS = 12 * 60 * 60 * 1000  # a stamp this far past the receiver's clock waits (README)
applied_vector = snapshots.applied_vector  # device -> the last of its bundles applied here
SNAPSHOT_EVERY = 200  # bundles applied or sent since the newest snapshot
SNAPSHOTS_KEPT = 2
ACTIVE_DAYS = 30

Progress = Callable[[int, int], None]
Cancelled = Callable[[], bool]


# ---------------------------------------------------------------------- status helpers
def watermarks(store: Store) -> dict[str, tuple[int, int]]:
    """Channel -> (last change seq, last audit seq) already on the share."""
    out = dict.fromkeys(CHANNELS, (0, 0))
    for channel, change, audit_seq in store.rows(
        "SELECT channel, max(last_change), max(last_audit) FROM sync_exported GROUP BY channel"
    ):
        out[str(channel)] = (int(change or 0), int(audit_seq or 0))
    return out


def pending(store: Store) -> int:
    """Local changes not yet on the share."""
    marks = watermarks(store)
    names = sorted(HANDHAVING)
    inlist = ",".join("?" * len(names))
    row = store.rows(
        f"SELECT count(*) FROM change_log WHERE device_id = ? AND ("
        f"(entity IN ({inlist}) AND seq > ?) OR (entity NOT IN ({inlist}) AND seq > ?))",
        (store.device_id, *names, marks["h"][0], *names, marks["g"][0]),
    )
    return int(row[0][0])


def conflict_count(store: Store) -> int:
    return int(store.rows("SELECT count(*) FROM conflict")[0][0])


def last_sync(store: Store) -> str | None:
    return store.meta("sync.last")


# ---------------------------------------------------------------------- the sync
class Sync:
    def __init__(
        self,
        store: Store,
        share: Share | None = None,
        *,
        progress: Progress | None = None,
        cancelled: Cancelled | None = None,
    ) -> None:
        self.store = store
        self.keys = team.require_team(store)
        self.share = share or team.share_of(store)
        self.sign = team.signing_key(store)
        self.progress = progress or (lambda _done, _total: None)
        self.cancelled = cancelled or (lambda: False)
        self.report = SyncReport()
        self.roster = team.Roster()
        self._snapshot_cache: list[tuple[str, dict[str, Any], Any]] | None = None
        self.rings = rings.Rings(self)
        self.resident_keys = rings.ResidentKeys(store, self.rings)

    # ------------------------------------------------------------------ entry point
    def run(self) -> SyncReport:
        with lock.profile_lock(self.store.data_dir):
            return self._run()

    def _run(self) -> SyncReport:
        self._check_share()
        self.roster = team.load_roster(self.store, self.share, self.keys)
        self.keys = receive_keys(self.store, self.share, self.roster)
        me = self.roster.peers.get(self.store.device_id)
        if me is None or me.revoked_pin is not None:
            raise DeviceRevoked()
        for path, reason in self.roster.rejected:
            self._reject(path, reason)
        team.note_admission(self.store, self.share, self.keys, self.roster)
        team.pass_on_revocations(self.store, self.share, self.roster)
        try:
            # erasures first: nothing of an erased resident is read, applied or sent after
            erasures.publish(self)
            erasures.apply_new(self)
            rings.publish(self)
            self._adopt()
            self._repair()
            self._export()
            self._import()
            self._write_state()
            self._tidy()
        except OSError as exc:
            raise ShareUnavailable.from_os(exc) from exc
        self.report.conflicts = conflict_count(self.store)
        self.store.set_meta("sync.last", iso(self.store.clock.now()))
        return self.report

    def _check_share(self) -> None:
        if not self.share.reachable():
            raise ShareUnavailable(reason=N_("folder not found"))
        if self.share.team_id() != self.keys.team_id:
            raise WrongShare()

    def _check_cancel(self) -> None:
        if self.cancelled():
            raise SyncCancelled()

    @property
    def own(self) -> Path:
        return self.share.device(self.store.device_id)

    # ------------------------------------------------------------------ adopt and export
    def _adopt(self) -> None:
        """Record own bundles that are on the share but not in the profile (a crash between
        the rename and the commit), so their sequence numbers are never used twice."""
        names = {str(n): int(s) for n, s in self.store.rows("SELECT name, seq FROM sync_exported")}
        top = max(names.values(), default=0)
        rel = f"devices/{self.store.device_id}"
        for entry in bounds.scan(self.own):
            name = entry.name
            if entry.kind != "file":
                self._reject(f"{rel}/{name}", "not-a-file", laptop=self.store.device_id)
                continue
            m = BUNDLE_RE.fullmatch(name)
            if (
                name in {CERT, STATE}
                or name in names
                or team.REVOCATION_COPY_RE.fullmatch(name)
                or RING_RE.fullmatch(name)
            ):
                continue
            if m is None or int(m.group(1)) <= top:
                # not ours: our numbering goes on from the profile, never from such a file
                self._reject(f"{rel}/{name}", "foreign", laptop=self.store.device_id)
                continue
            try:
                data = read(self.own / name, bounds.MAX_BUNDLE_FILE)
                env = parse_envelope(data)
                env.verify(self.sign.public_hex())
                channel = str(env.header.get("channel"))
                key = self.keys.key_for(channel, key_generation(env.header))
                if (
                    key is None
                    or not matches_hash(name, data)
                    or env.header.get("seq") != int(m.group(1))
                ):
                    raise EnvelopeError("damaged")
                payload = unpack(env.open(channel, key), self._open)
            except (OSError, EnvelopeError, rings.KeyMissing):
                # not a whole file of ours: reported; the next export takes its own number
                self._reject(f"{rel}/{name}", "foreign", laptop=self.store.device_id)
                continue
            if self.store.recovering:
                self._recover(int(m.group(1)), name, channel, payload)
                continue
            self._record_export(
                int(m.group(1)),
                name,
                channel,
                (payload.last_change, payload.last_audit),
                len(payload.changes),
            )
        if self.store.recovering:
            self._finish_recovery()

    def _recover(self, seq: int, name: str, channel: str, payload: rows.Payload) -> None:
        """A bundle this laptop wrote after the backup it was restored from: its changes and
        audit entries come back into the profile (new local numbers), it counts as sent, and
        the audit chains' heads follow it: one transaction, so a kill leaves no half of it."""
        with self.store._transaction():
            result = merge.apply(self.store, payload.changes, payload.audit, payload.fields)
            top_change, top_audit = self.store.conn.execute(
                "SELECT (SELECT coalesce(max(seq), 0) FROM change_log), "
                "(SELECT coalesce(max(seq), 0) FROM audit_log)"
            ).fetchone()
            marks = (int(top_change), int(top_audit))
            self._record_export(seq, name, channel, marks, result.changes)
            audit.continue_chains(self.store.conn, self.store.device_id)
        self.report.received_changes += result.changes

    def _finish_recovery(self) -> None:
        """Continue this laptop's audit chains after what came back, and allow writing again."""
        with self.store._transaction():
            audit.continue_chains(self.store.conn, self.store.device_id)
            self.store.conn.execute("DELETE FROM meta WHERE key = ?", (RECOVER_KEY,))
        self.store.recovering = False

    def _record_export(
        self, seq: int, name: str, channel: str, marks: tuple[int, int], count: int
    ) -> None:
        with self.store._transaction():
            self.store.conn.execute(
                "INSERT OR IGNORE INTO sync_exported (seq, name, channel, last_change, "
                "last_audit, changes, at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                (
                    seq,
                    name,
                    channel,
                    *marks,
                    count,
                    iso(self.store.clock.now()),
                ),
            )
            self.store.conn.execute(
                "INSERT OR IGNORE INTO sync_applied (device_id, seq, name, changes, at) "
                "VALUES (?, ?, ?, ?, ?)",
                (self.store.device_id, seq, name, count, iso(self.store.clock.now())),
            )

    def _repair(self) -> None:
        """Rewrite own bundles that went missing or were damaged on the share (a cloud client,
        a disk error), with the same sequence number and the same changes, from the profile.
        Laptops that could not read the damaged file then apply the new one."""
        previous = dict.fromkeys(CHANNELS, (0, 0))
        for seq, name, channel, last_change, last_audit, pruned in self.store.rows(
            "SELECT seq, name, channel, last_change, last_audit, pruned FROM sync_exported "
            "ORDER BY seq"
        ):
            first_change, first_audit = previous[channel]
            previous[channel] = (int(last_change), int(last_audit))
            key = self.keys.key_for(str(channel))
            if pruned or key is None or self._intact(str(name)):
                continue
            change_sql, change_args = channels.change_condition(str(channel))
            changes = self.store.rows(
                f"SELECT {merge.CHANGE_COLUMNS} FROM change_log WHERE device_id = ? "
                f"AND seq > ? AND seq <= ? AND {change_sql} ORDER BY seq",
                (self.store.device_id, first_change, last_change, *change_args),
            )
            audits = self.store.rows(
                f"SELECT {merge.AUDIT_COLUMNS} FROM audit_log WHERE device_id = ? "
                f"AND seq > ? AND seq <= ? AND {channels.audit_condition(str(channel))} "
                "ORDER BY seq",
                (self.store.device_id, first_audit, last_audit),
            )
            payload = {
                "changes": rings.seal_changes(self.resident_keys, changes),
                "audit": [list(r) for r in audits],
                "last_change": int(last_change),
                "last_audit": int(last_audit),
            }
            rings.publish(self)  # the keys it was sealed with are on the share before it
            data = self._bundle_bytes(int(seq), str(channel), key, payload)
            new_name = bundle_name(int(seq), data)
            atomic_write(self.own / new_name, data)
            (self.own / str(name)).unlink(missing_ok=True)
            with self.store._transaction():
                self.store.conn.execute(
                    "UPDATE sync_exported SET name = ? WHERE seq = ?", (new_name, int(seq))
                )

    def _intact(self, name: str) -> bool:
        try:
            return matches_hash(name, read(self.own / name, bounds.MAX_BUNDLE_FILE))
        except (OSError, EnvelopeError):
            return False

    def _next_seq(self) -> int:
        """From the profile only (own bundles left by a crash were adopted into it): a file
        someone put in this laptop's folder never shifts its numbering."""
        recorded = int(self.store.rows("SELECT coalesce(max(seq), 0) FROM sync_exported")[0][0])
        return recorded + 1

    def _export(self) -> None:
        marks = watermarks(self.store)
        me = self.store.device_id
        for channel in CHANNELS:
            key = self.keys.key_for(channel)
            if key is None:
                continue
            change_mark, audit_mark = marks[channel]
            change_sql, change_args = channels.change_condition(channel)
            audit_sql = channels.audit_condition(channel)
            while True:
                self._check_cancel()
                fetched = self.store.rows(
                    f"SELECT seq, {merge.CHANGE_COLUMNS} FROM change_log WHERE device_id = ? "
                    f"AND seq > ? AND {change_sql} ORDER BY seq LIMIT {BUNDLE_MAX}",
                    (me, change_mark, *change_args),
                )
                changes = fetched[: _fitting(fetched)]  # every reader accepts what we write
                room = BUNDLE_MAX - len(changes) if len(changes) == len(fetched) else 0
                audits = (
                    self.store.rows(
                        f"SELECT seq, {merge.AUDIT_COLUMNS} FROM audit_log WHERE device_id = ? "
                        f"AND seq > ? AND {audit_sql} ORDER BY seq LIMIT {room}",
                        (me, audit_mark),
                    )
                    if room
                    else []
                )
                if not changes and not audits:
                    break
                if changes:
                    change_mark = int(changes[-1][0])
                if audits:
                    audit_mark = int(audits[-1][0])
                payload = {
                    "changes": rings.seal_changes(self.resident_keys, [r[1:] for r in changes]),
                    "audit": [list(r[1:]) for r in audits],
                    "last_change": change_mark,
                    "last_audit": audit_mark,
                }
                self._write_bundle(channel, key, payload)

    def _bundle_bytes(self, seq: int, channel: str, key: bytes, payload: dict[str, Any]) -> bytes:
        header = {
            "kind": "bundle",
            "team": self.keys.team_id,
            "signer": self.store.device_id,
            "device": self.store.device_id,
            "seq": seq,
            "channel": channel,
            "gen": self.keys.current,  # always the newest keys: a revoked laptop lacks them
        }
        return seal_envelope(header, {channel: (key, pack(payload))}, self.sign)

    def _write_bundle(self, channel: str, key: bytes, payload: dict[str, Any]) -> None:
        rings.publish(self)  # the keys it was sealed with are on the share before it
        seq = self._next_seq()
        data = self._bundle_bytes(seq, channel, key, payload)
        name = bundle_name(seq, data)
        atomic_write(self.own / name, data)
        count = len(payload["changes"])
        marks = (int(payload["last_change"]), int(payload["last_audit"]))
        self._record_export(seq, name, channel, marks, count)
        self.report.sent_changes += count
        self.report.sent_files += 1

    # ------------------------------------------------------------------ import
    def _import(self) -> None:
        applied = applied_vector(self.store)
        plan: list[tuple[team.Peer, list[tuple[int, str]]]] = []
        present: dict[str, set[int]] = {}
        total = 0
        for folder in bounds.scan(self.share.devices):
            if folder.name == self.store.device_id:
                continue
            rel = f"devices/{folder.name}"
            if not DEVICE_RE.fullmatch(folder.name):
                self._reject(rel, "foreign")
                continue
            if folder.kind != "folder":
                self._reject(rel, "not-a-folder", laptop=folder.name)
                continue
            peer = self.roster.peers.get(folder.name)
            files: list[tuple[int, str]] = []
            for entry in bounds.scan(self.share.device(folder.name)):
                name = entry.name
                m = BUNDLE_RE.fullmatch(name)
                if entry.kind != "file":
                    self._reject(f"{rel}/{name}", "not-a-file", laptop=folder.name)
                    continue
                if m is None:
                    if (
                        name not in {CERT, STATE}
                        and not team.REVOCATION_COPY_RE.fullmatch(name)
                        and not RING_RE.fullmatch(name)
                    ):
                        self._reject(f"{rel}/{name}", "foreign", laptop=folder.name)
                    continue
                if peer is None:
                    self._reject(f"{rel}/{name}", "unknown-device", laptop=folder.name)
                    continue
                if peer.pinned(int(m.group(1)), name):  # a rewritten one counts as missing
                    present.setdefault(folder.name, set()).add(int(m.group(1)))
                if int(m.group(1)) > applied.get(folder.name, 0):
                    files.append((int(m.group(1)), name))
            if peer is not None and files:
                plan.append((peer, files))
                total += len(files)
        if self._needs_snapshot(present, applied):
            applied = applied_vector(self.store)
        done = 0
        for peer, files in plan:
            expected = applied.get(peer.device_id, 0) + 1
            by_seq: dict[int, list[str]] = {}
            for seq, name in files:
                by_seq.setdefault(seq, []).append(name)
            for seq in sorted(by_seq):
                self._check_cancel()
                rel = f"devices/{peer.device_id}"
                if seq < expected:
                    continue
                refused = [name for name in by_seq[seq] if not peer.pinned(seq, name)]
                for name in refused:  # after the revocation, or rewritten below its pin
                    self._reject(f"{rel}/{name}", "revoked", laptop=peer.device_id)
                by_seq[seq] = [name for name in by_seq[seq] if name not in refused]
                if not by_seq[seq]:
                    if peer.revoked_pin is not None and seq <= peer.revoked_pin:
                        self.report.waiting += 1  # its pinned content may still come back
                    continue
                if seq != expected:
                    self.report.waiting += len(by_seq[seq])
                    continue
                if self._apply_bundle(peer, seq, by_seq[seq]):
                    expected += 1
                else:
                    # later bundles of this device wait until the missing one is whole
                    expected = -1
                done += 1
                self.progress(done, total)

    def _reject(
        self,
        path: str,
        reason: str,
        *,
        laptop: str | None = None,
        entity: str | None = None,
        record: str | None = None,
    ) -> None:
        rejection = Rejection(path, reason, laptop, entity, record)
        if rejection not in self.report.rejected:
            self.report.rejected.append(rejection)

    def _read_bundle(self, peer: team.Peer, seq: int, name: str) -> tuple[str, rows.Payload | None]:
        """(channel, content) of an authentic bundle; content None when this laptop has no key
        for its channel. EnvelopeError when the file is not (yet) a whole, authentic bundle of
        ``peer``: the laptop repairs a damaged one, so its later bundles wait. Refused
        ("malformed") when it is authentic but its content is not what a bundle holds."""
        data = read(self.share.device(peer.device_id) / name, bounds.MAX_BUNDLE_FILE)
        if not matches_hash(name, data):
            raise EnvelopeError("damaged")
        env = parse_envelope(data)
        env.verify(peer.sign_key)
        head = env.header
        if (
            head.get("kind") != "bundle"
            or head.get("device") != peer.device_id
            or head.get("seq") != seq
            or head.get("team") != self.keys.team_id
            or head.get("channel") not in CHANNELS
        ):
            raise EnvelopeError("damaged")
        channel = str(head["channel"])
        generation = key_generation(head)
        if self.keys.generation(generation) is None:
            raise EnvelopeError("key-not-yet")  # newer keys than this laptop has: it waits
        key = self.keys.key_for(channel, generation)
        if key is None:
            return channel, None
        plain = env.open(channel, key)
        try:  # from here on the file is authentic: what is wrong is what its laptop wrote
            return channel, unpack(plain, self._open)
        except Refused as exc:
            raise Malformed(exc.reason) from exc

    def _apply_bundle(self, peer: team.Peer, seq: int, names: list[str]) -> bool:
        rel = f"devices/{peer.device_id}"
        for name in names:
            path = f"{rel}/{name}"
            try:
                channel, payload = self._read_bundle(peer, seq, name)
                if payload is not None:
                    self._check_origin(peer, channel, payload)
            except FileNotFoundError:
                self.report.waiting += 1
                continue
            except rings.KeyMissing:
                # sealed with a resident key whose ring this laptop has not read yet: it waits
                self._reject(path, "key-not-yet", laptop=peer.device_id)
                self.report.waiting += 1
                return False
            except Malformed as exc:
                self._refuse_bundle(peer, seq, name, exc.reason)
                return True  # refused whole, reported; the laptop's later bundles still apply
            except (OSError, EnvelopeError) as exc:
                reason = exc.reason if isinstance(exc, EnvelopeError) else "unreadable"
                self._reject(path, reason, laptop=peer.device_id)
                continue
            if payload is not None and rows.newer_version(payload):
                # written by a newer version of Werkplein: held until this laptop updates,
                # then applied (refusing it would lose it for good)
                self._reject(path, "newer-version", laptop=peer.device_id)
                self.report.waiting += 1
                return False
            if payload is not None and (ahead := self._too_far_ahead(payload.changes)):
                self._reject(path, ahead, laptop=peer.device_id)
                self.report.waiting += 1
                return False  # held until this laptop's clock catches up: nothing is lost
            with self.store._transaction():
                changes, audits = self._authorized(payload, path, seq) if payload else ([], [])
                parsed = payload.fields if payload else None
                result = merge.apply(self.store, changes, audits, parsed)
                self._record_applied(peer.device_id, seq, name, result.changes)
            self.report.received_changes += result.changes
            self.report.received_files += 1
            self.report.new_conflicts += result.conflicts_opened
            return True
        return False

    def _authorized(
        self,
        payload: rows.Payload,
        path: str,
        seq: int,
        *,
        snapshot: bool = False,
    ) -> tuple[list[list[Any]], list[list[Any]]]:
        """The new changes and audit entries their laptops may make (authority.py); the others
        are recorded as refused and reported. The caller holds the transaction.

        A bundle is one laptop's changes in the order it made them, so a change after the one
        that set a decision came after it. A snapshot is compacted history in no causal order:
        there a set decision is left to merge, which makes it what setting it wrote."""
        actors = {d: p.actor() for d, p in self.roster.peers.items()}
        set_now: set[str] = set()  # decisions set by an earlier change of this bundle

        def frozen(entity: str, record_id: str) -> bool:
            if snapshot:
                return False
            if record_id in set_now:
                return True
            record = self.store.get(entity, record_id)
            return record is not None and record.get("status") == besluit_rules.VASTGESTELD

        changes, audits = payload.changes, payload.audit
        kept: list[list[Any]] = []
        new = merge.unknown(self.store, changes)
        fresh = {row[0] for row in new}
        for row in changes:  # a change this laptop has was judged already, unless it is a copy
            if row[0] not in fresh and row[2] in actors:  # of a colleague's under its op id
                reason = authority.check_identity(actors[row[2]], row)
                if reason is not None:
                    self._refuse(row[2], seq, path, reason, row[0], row[5], row[6])
        for row in new:
            actor = actors.get(str(row[2]))
            reason = (
                authority.check_change(
                    actor, row, frozen, payload.fields.get(row[0]), exists=self._exists
                )
                if actor
                else "unknown-device"
            )
            if reason is None:
                kept.append(row)
                if row[5] == "besluit" and _sets_status(row, besluit_rules.VASTGESTELD):
                    set_now.add(str(row[6]))
            else:
                self._refuse(row[2], seq, path, reason, row[0], row[5], row[6])
        kept_audit: list[list[Any]] = []
        for row in audits:
            actor = actors.get(str(row[1]))
            reason = authority.check_audit(actor, row) if actor else "unknown-device"
            if reason is None:
                kept_audit.append(row)
            else:
                self._refuse(row[1], seq, path, reason, row[0], "audit", row[4] or "")
        return kept, kept_audit

    def _open(self, value: Any) -> rows.Payload:
        return rings.open_payload(self.resident_keys, value)

    def _exists(self, entity: str, record_id: str) -> bool:
        return self.store.get(entity, record_id) is not None

    def _refuse(
        self,
        device_id: str,
        seq: int,
        path: str,
        reason: str,
        op_id: str,
        entity: str,
        record_id: str,
    ) -> None:
        """Record a refusal (op id, entity and record empty: the whole file) and report it."""
        self.store.conn.execute(
            "INSERT OR IGNORE INTO sync_refused (device_id, seq, file, op_id, entity, "
            "record_id, reason, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (device_id, seq, path, op_id, entity, record_id, reason, iso(self.store.clock.now())),
        )
        self._reject(
            path, reason, laptop=device_id, entity=entity or None, record=record_id or None
        )

    def _check_origin(self, peer: team.Peer, channel: str, payload: rows.Payload) -> None:
        """A laptop sends only its own changes and audit entries, each under the key of its
        channel (boete data under the general key would reach werkcoach laptops)."""
        if any(row[2] != peer.device_id for row in payload.changes) or any(
            row[1] != peer.device_id for row in payload.audit
        ):
            raise Malformed("not-its-own")
        if any(channels.of_change(str(row[5])) != channel for row in payload.changes) or any(
            channels.of_audit(str(row[6])) != channel for row in payload.audit
        ):
            raise Malformed("wrong-channel")

    def _too_far_ahead(self, changes: Sequence[Sequence[Any]]) -> str | None:
        """ "clock-ahead" when a stamp runs more than MAX_AHEAD before this laptop's clock: such
        a file waits (the HLC paper's epsilon), so a laptop whose clock is years ahead can
        neither win every edit nor drag the team's clocks into the future."""
        newest = rows.max_stamp(changes)
        now_ms = int(self.store.clock.now().timestamp() * 1000)
        if newest is not None and rows.stamp_ms(newest) > now_ms + MAX_AHEAD_MS:
            return "clock-ahead"
        return None

    def _record_applied(self, device_id: str, seq: int, name: str, changes: int) -> None:
        self.store.conn.execute(
            "INSERT INTO sync_applied (device_id, seq, name, changes, at) VALUES (?, ?, ?, ?, ?)",
            (device_id, seq, name, changes, iso(self.store.clock.now())),
        )

    def _refuse_bundle(self, peer: team.Peer, seq: int, name: str, reason: str) -> None:
        """An authentic bundle that no laptop may apply: recorded as applied with nothing in
        it (so the laptop's next bundles follow), and as refused (not forgotten)."""
        with self.store._transaction():
            self._record_applied(peer.device_id, seq, name, 0)
            self._refuse(
                peer.device_id, seq, f"devices/{peer.device_id}/{name}", reason, "", "", ""
            )

    # ------------------------------------------------------------------ snapshots
    def _snapshots(self) -> list[tuple[str, dict[str, Any], Any]]:
        """Valid snapshots, newest first: (name, covers, envelope); read once per sync."""
        if self._snapshot_cache is None:
            self._snapshot_cache = snapshots.authentic(self)
        return self._snapshot_cache

    def _needs_snapshot(self, present: dict[str, set[int]], applied: dict[str, int]) -> bool:
        return snapshots.catch_up(self, present, applied)

    def write_snapshot(self) -> str:
        return snapshots.write(self)

    # ------------------------------------------------------------------ state and tidy
    def _write_state(self) -> None:
        header = {
            "kind": "state",
            "gen": self.keys.current,  # the teamleider sees when new keys reached every laptop
            "team": self.keys.team_id,
            "signer": self.store.device_id,
            "device": self.store.device_id,
            "applied": applied_vector(self.store),
            "at": iso(self.store.clock.now()),
        }
        atomic_write(self.own / STATE, seal_envelope(header, {}, self.sign))

    def _peer_states(self) -> dict[str, dict[str, Any]]:
        out: dict[str, dict[str, Any]] = {}
        for device_id, peer in self.roster.peers.items():
            if device_id == self.store.device_id or peer.revoked_pin is not None:
                continue
            try:
                env = parse_envelope(read(self.share.device(device_id) / STATE))
                env.verify(peer.sign_key)
            except (OSError, EnvelopeError):
                continue
            out[device_id] = env.header
        return out

    def _tidy(self) -> None:
        snapshots = self._snapshots()
        is_teamleider = self.roster.teamleider(self.store.device_id)
        if is_teamleider and self._snapshot_due(snapshots):
            self.write_snapshot()
            snapshots = self._snapshots()
        if is_teamleider:
            mine = [n for n, _c, env in snapshots if env.signer == self.store.device_id]
            for name in mine[SNAPSHOTS_KEPT:]:
                (self.share.snapshots / name).unlink(missing_ok=True)
        if not snapshots:
            return
        limit = int(snapshots[0][1].get(self.store.device_id, 0))
        now = self.store.clock.now()
        cutoff = iso(now - dt.timedelta(days=ACTIVE_DAYS))
        for state in self._peer_states().values():
            if str(state.get("at", "")) >= cutoff:
                limit = min(limit, int(state.get("applied", {}).get(self.store.device_id, 0)))
        for seq, name in self.store.rows(
            "SELECT seq, name FROM sync_exported WHERE pruned = 0 AND seq <= ?", (limit,)
        ):
            (self.own / str(name)).unlink(missing_ok=True)
            with self.store._transaction():
                self.store.conn.execute(
                    "UPDATE sync_exported SET pruned = 1 WHERE seq = ?", (int(seq),)
                )
            self.report.pruned += 1

    def _snapshot_due(self, snapshots: list[tuple[str, dict[str, Any], Any]]) -> bool:
        vector = applied_vector(self.store)
        covered = snapshots[0][1] if snapshots else {}
        since = sum(max(seq - int(covered.get(d, 0)), 0) for d, seq in vector.items())
        return since >= SNAPSHOT_EVERY


def _sets_status(row: Sequence[Any], status: str) -> bool:
    return bool(json.loads(row[8]).get("status", [None, None])[1] == status)


def _fitting(found: Sequence[Sequence[Any]]) -> int:
    """How many of ``found`` (rows led by their seq) stay within BUNDLE_BUDGET: at least one."""
    size = 0
    for count, row in enumerate(found):
        size += sum(len(str(value)) for value in row) + 16
        if size > BUNDLE_BUDGET and count:
            return count
    return len(found)


def sync(
    store: Store,
    share: Path | None = None,
    *,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> SyncReport:
    return Sync(
        store,
        Share(share) if share is not None else None,
        progress=progress,
        cancelled=cancelled,
    ).run()


def incoming(store: Store) -> int | None:
    """Bundles on the share this laptop has not applied yet; None when the share is away (or
    refuses to be listed)."""
    try:
        share = team.share_of(store)
    except NotInTeam:
        return None
    try:
        if not share.reachable():
            return None
        applied = applied_vector(store)
        count = 0
        for folder in bounds.scan(share.devices):
            if folder.name == store.device_id or not DEVICE_RE.fullmatch(folder.name):
                continue
            top = applied.get(folder.name, 0)
            count += sum(
                1
                for entry in bounds.scan(share.device(folder.name))
                if entry.kind == "file"
                and (m := BUNDLE_RE.fullmatch(entry.name))
                and int(m.group(1)) > top
            )
    except OSError:
        return None
    return count
