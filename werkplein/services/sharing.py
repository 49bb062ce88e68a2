"""The team and the shared folder, as people use them: create the werkplein on the share,
invite a colleague, join with a code, sync, remove a lost laptop, settle conflicts."""

from __future__ import annotations

import contextlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from werkplein.domain.labels import label
from werkplein.domain.roles import WRITE_PERMISSION, Permission, Role
from werkplein.errors import NotFound, ValidationFailed, WerkpleinError
from werkplein.i18n import _
from werkplein.services.base import Service
from werkplein.services.session import Session, _parse_role
from werkplein.store import profile
from werkplein.store.clock import Clock, process_clock
from werkplein.store.store import Changes, Store
from werkplein.sync import engine, erasures, team
from werkplein.sync.files import Share
from werkplein.sync.keys import key_generations, rotate, rotation_due
from werkplein.sync.report import SyncReport

# who may settle a conflict on a record of this kind: whoever may edit it
# settling a conflict needs the right to write the record (a signal's fields: reviewing them)
RESOLVE_PERMISSION: dict[str, Permission] = {
    **WRITE_PERMISSION,
    "signaal": Permission.REVIEW_SIGNALS,
}


@dataclass(frozen=True)
class Side:
    value: Any
    author_id: str | None
    at: str
    device_id: str


@dataclass(frozen=True)
class Conflict:
    entity: str
    record_id: str
    field: str
    current: Any
    sides: list[Side]  # the value shown now first
    inwoner_id: str | None

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.entity, self.record_id, self.field)


@dataclass(frozen=True)
class Device:
    device_id: str
    user_id: str
    name: str
    role: str
    revoked: bool
    this_laptop: bool
    new_keys: bool = True  # has the team's newest keys (False: not yet, after a revocation)


@dataclass(frozen=True)
class Refusal:
    """Something a laptop of the team sent that no laptop applies (see sync/authority.py)."""

    device_id: str
    user_id: str | None  # the user enrolled on that laptop, when it is known
    role: str | None
    entity: str  # "" when the whole file was refused
    record_id: str
    reason: str
    at: str  # when this laptop refused it


@dataclass(frozen=True)
class SyncState:
    joined: bool
    share: str | None
    reachable: bool
    last_sync: str | None
    pending: int
    incoming: int | None
    conflicts: int
    admitted: bool = True  # False: joined, waiting until a teamleider's laptop admits it


class SharingService(Service):
    # ------------------------------------------------------------------ state
    def joined(self) -> bool:
        """Whether this profile is part of a werkplein on a shared folder."""
        return team.team_keys(self.store) is not None

    def state(self) -> SyncState:
        store = self.store
        keys = team.team_keys(store)
        share = store.meta(team.META_SHARE)
        incoming = engine.incoming(store) if keys else None
        return SyncState(
            joined=keys is not None,
            share=share,
            reachable=incoming is not None,
            last_sync=engine.last_sync(store),
            pending=engine.pending(store),
            incoming=incoming,
            conflicts=engine.conflict_count(store),
            admitted=keys is None or team.admitted(store),
        )

    # ------------------------------------------------------------------ team
    def create_share(self, root: Path) -> SyncReport:
        self.session.require(Permission.MANAGE_TEAM)
        team.create_share(self.store, self.user_id, self.session.user.role.value, root)
        return self.sync()

    def invite(self, name: str, role: Role | str) -> str:
        """Add a colleague to the roster and return their one-time code."""
        self.session.require(Permission.MANAGE_TEAM)
        role = _parse_role(role)
        name = name.strip()
        if not name:
            raise ValidationFailed(field=_("name"), problem=_("is required"))
        team.require_team(self.store)
        with self.store.write(self.user_id) as w:
            user_id, _change = w.put(
                "gebruiker", None, {"name": name, "role": role.value, "active": True}
            )
        code = team.invite(self.store, user_id, role.value)
        self.sync()  # the roster entry must be on the share before the colleague joins
        return code

    def devices(self) -> list[Device]:
        """The team's laptops as this profile knows them, refreshed from the share's
        certificates and revocations when it can be reached (nothing is sent or applied)."""
        keys = team.team_keys(self.store)
        generations: dict[str, int] = {}
        if keys is not None:
            with contextlib.suppress(OSError, WerkpleinError):
                share = team.share_of(self.store)
                if share.reachable() and share.team_id() == keys.team_id:
                    roster = team.load_roster(self.store, share, keys)
                    generations = key_generations(share, roster)
        current = keys.current if keys is not None else 0
        names = self.session.user_names()
        return [
            Device(
                str(device_id),
                str(user_id),
                names.get(str(user_id), ""),
                str(role),
                pin is not None,
                device_id == self.store.device_id,
                device_id == self.store.device_id
                or pin is not None
                or generations.get(str(device_id), 0) >= current,
            )
            for device_id, user_id, role, pin in self.store.rows(
                "SELECT device_id, user_id, role, revoked_pin FROM sync_peer ORDER BY device_id"
            )
        ]

    def revoke(self, device_id: str) -> int:
        """Remove a (lost) laptop: what it wrote up to now stays, nothing later is accepted."""
        self.session.require(Permission.MANAGE_TEAM)
        self.sync()  # accept everything it had written before the revocation
        revoked = self.store.rows(
            "SELECT revoked_pin FROM sync_peer WHERE device_id = ? AND revoked_pin IS NOT NULL",
            (device_id,),
        )
        if revoked:  # a revocation cut off before it finished: finish it, change nothing
            pin = int(revoked[0][0])
        else:
            pin = engine.applied_vector(self.store).get(device_id, 0)
            team.revoke(self.store, device_id, pin)
        self._rotate()
        return pin

    def _rotate(self) -> None:
        """New keys for the remaining laptops, so nothing written from now on is readable with
        what a revoked laptop holds; then a snapshot under them, so a laptop that had not read
        the revoked one's files yet gets their pinned content from it, whatever happens to the
        files."""
        share, roster = self._share_and_roster()
        rotate(self.store, share, roster)
        sync = engine.Sync(self.store, share)
        sync.roster = roster
        sync.write_snapshot()
        erasures.publish(sync)  # copies of the erasures a revoked teamleider laptop made

    # ------------------------------------------------------------------ sync
    def sync(
        self,
        share: Path | None = None,
        *,
        progress: engine.Progress | None = None,
        cancelled: engine.Cancelled | None = None,
    ) -> SyncReport:
        report = engine.sync(self.store, share, progress=progress, cancelled=cancelled)
        if self.session.can(Permission.MANAGE_TEAM) and self._rotation_due():
            self._rotate()  # a revocation whose rotation was cut off, or a key file removed
        return report

    def _rotation_due(self) -> bool:
        if not self.store.rows("SELECT 1 FROM sync_peer WHERE revoked_pin IS NOT NULL LIMIT 1"):
            return False
        with contextlib.suppress(OSError, WerkpleinError):
            return rotation_due(self.store, *self._share_and_roster())
        return False

    def _share_and_roster(self) -> tuple[Share, team.Roster]:
        share = team.share_of(self.store)
        return share, team.load_roster(self.store, share, team.require_team(self.store))

    # ------------------------------------------------------------------ refusals
    def refused(self) -> list[Refusal]:
        """What the team's laptops sent that was refused here, newest first (teamleider)."""
        self.session.require(Permission.MANAGE_TEAM)
        return [
            Refusal(str(d), u, r, str(e), str(rid), str(why), str(at))
            for d, u, r, e, rid, why, at in self.store.rows(
                "SELECT f.device_id, p.user_id, p.role, f.entity, f.record_id, f.reason, f.at "
                "FROM sync_refused f LEFT JOIN sync_peer p ON p.device_id = f.device_id "
                "ORDER BY f.at DESC, f.id DESC LIMIT 500"
            )
        ]

    # ------------------------------------------------------------------ conflicts
    def conflicts(self) -> list[Conflict]:
        out: list[Conflict] = []
        for entity, record_id, field, heads in self.store.rows(
            "SELECT entity, record_id, field, heads FROM conflict ORDER BY entity, record_id"
        ):
            if entity in {"boete", "boete_notitie"} and not self.session.can(Permission.VIEW_BOETE):
                continue
            record = self.store.get(str(entity), str(record_id)) or {}
            sides = [Side(h[5], h[3], h[4], h[2]) for h in json.loads(heads)]
            inwoner_id = record.get("inwoner_id") if entity != "inwoner" else record_id
            out.append(
                Conflict(
                    str(entity),
                    str(record_id),
                    str(field),
                    record.get(str(field)),
                    sides,
                    inwoner_id,
                )
            )
        return out

    def resolve(self, entity: str, record_id: str, field: str, value: Any) -> Changes:
        """Keep ``value`` (one of the sides, or a new one) and close the conflict everywhere."""
        permission = RESOLVE_PERMISSION.get(entity, Permission.EDIT_POLICY)
        self.session.require(permission)
        rows = self.store.rows(
            "SELECT 1 FROM conflict WHERE entity = ? AND record_id = ? AND field = ?",
            (entity, record_id, field),
        )
        if not rows:
            raise NotFound(what=label(field), ident=record_id)
        with self.store.write(self.user_id) as w:
            w.resolve(entity, record_id, field, value)
        return w.changes


def join(
    data_dir: Path,
    passphrase: str,
    share_root: Path,
    code: str,
    *,
    kdf_iterations: int | None = None,
    clock: Clock | None = None,
    progress: engine.Progress | None = None,
) -> tuple[Session, SyncReport]:
    """Create a profile from an invitation and do the first sync. On any failure nothing is
    left behind: no profile folder, no device folder on the share."""
    share = Share(share_root)
    clock = clock or process_clock()
    invitation = team.read_invitation(share, code, clock.now())
    profile.check_passphrase_strength(passphrase)
    before = profile.contents(data_dir)
    store = Store.create(data_dir, passphrase, kdf_iterations=kdf_iterations, clock=clock)
    try:
        team.accept_invitation(store, share, invitation)
        report = engine.sync(store, progress=progress)
        team.ensure_joined(store)
    except BaseException:
        device_id = store.device_id
        store.close()
        team.withdraw_device(share, device_id)
        profile.remove_created(data_dir, before)
        raise
    team.consume_invitation(share, invitation)
    return Session.for_store(store), report
