"""A Session is an unlocked profile plus the user it belongs to: the one object that owns the
store (as Anki's Collection does). Services hang off it; the UI and the CLI see only these."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from werkplein.domain.roles import (
    PERMISSION_LABELS,
    Permission,
    Role,
    allowed,
    role_label,
)
from werkplein.errors import DatabaseDamaged, NotAllowed, ValidationFailed
from werkplein.i18n import N_, _
from werkplein.store.clock import Clock
from werkplein.store.ids import IdFactory
from werkplein.store.profile import Header
from werkplein.store.store import Changes, Record, Store

if TYPE_CHECKING:
    from werkplein.services.cases import CaseService
    from werkplein.services.decisions import DecisionService
    from werkplein.services.drafts import DraftService
    from werkplein.services.exports import ExportService
    from werkplein.services.fines import FineService
    from werkplein.services.handovers import HandoverService
    from werkplein.services.plans import PlanService
    from werkplein.services.policy import PolicyService
    from werkplein.services.profiles import ProfileService
    from werkplein.services.residents import ResidentService
    from werkplein.services.retention import RetentionService
    from werkplein.services.settings import SettingsService
    from werkplein.services.sharing import SharingService
    from werkplein.services.signals import SignalService
    from werkplein.services.visits import VisitService


@dataclass(frozen=True)
class User:
    id: str
    name: str
    role: Role

    @property
    def role_label(self) -> str:
        return role_label(self.role)


class Session:
    def __init__(self, store: Store, user: User) -> None:
        self.store = store
        self.user = user

    # ------------------------------------------------------------------ opening
    @classmethod
    def create(
        cls,
        data_dir: Path,
        passphrase: str,
        name: str,
        role: Role | str,
        *,
        kdf_iterations: int | None = None,
        clock: Clock | None = None,
        ids: IdFactory | None = None,
    ) -> Session:
        role = _parse_role(role)
        name = name.strip()
        if not name:
            raise ValidationFailed(field=_("name"), problem=_("is required"))
        store = Store.create(
            data_dir, passphrase, kdf_iterations=kdf_iterations, clock=clock, ids=ids
        )
        try:
            with store.write(None) as w:
                user_id, _change = w.put(
                    "gebruiker", None, {"name": name, "role": role.value, "active": True}
                )
            store.set_meta("user_id", user_id)
        except BaseException:
            store.close()
            raise
        return cls(store, User(user_id, name, role))

    @classmethod
    def open(
        cls,
        data_dir: Path,
        passphrase: str,
        *,
        clock: Clock | None = None,
        ids: IdFactory | None = None,
    ) -> Session:
        store = Store.open(data_dir, passphrase, clock=clock, ids=ids)
        return cls.for_store(store)

    @classmethod
    def open_with_key(
        cls, data_dir: Path, header: Header, key: bytes, *, clock: Clock | None = None
    ) -> Session:
        """Open with a key already derived (the unlock window derives it in a worker)."""
        return cls.for_store(Store.open_with_key(data_dir, header, key, clock=clock))

    @classmethod
    def for_store(cls, store: Store) -> Session:
        """The profile's own user. In a team, the role is the one the team's signed roster gives
        this laptop (the teamleider's invitation), never a field that arrived through sync."""
        user_id = store.meta("user_id")
        record = store.get("gebruiker", user_id) if user_id else None
        signed = store.rows("SELECT role FROM sync_peer WHERE device_id = ?", (store.device_id,))
        try:
            if record is None:
                raise ValueError("no user")
            role = Role(signed[0][0] if signed else record["role"])
        except ValueError:
            store.close()
            raise DatabaseDamaged() from None
        return cls(store, User(record["id"], record["name"], role))

    @property
    def clock(self) -> Clock:
        """The session's clock: the one answer to "what time is it" for everything it does."""
        return self.store.clock

    def today(self) -> dt.date:
        """The user's calendar day (the computer's time zone) on the session's clock."""
        return self.store.clock.today()

    def reopen(self) -> Session:
        """A second session on the same profile for a worker thread (no KDF)."""
        return Session(self.store.reopen(), self.user)

    def opener(self) -> Callable[[], Session]:
        """What a worker thread needs to open a session of its own, read now: the worker never
        touches this session (which the UI may close meanwhile)."""
        open_store, user = self.store.opener(), self.user
        return lambda: Session(open_store(), user)

    def take_changes(self) -> Changes | None:
        """What this session wrote since the last call (None: too much to list). Writes made
        on a worker's own session are not in it."""
        return self.store.take_written()

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> Session:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ------------------------------------------------------------------ roles
    def can(self, permission: Permission) -> bool:
        return allowed(self.user.role, permission)

    def require(self, permission: Permission) -> None:
        if not self.can(permission):
            raise NotAllowed(role=self.user.role_label, action=_(PERMISSION_LABELS[permission]))

    def colleagues(self) -> dict[str, Record]:
        """Every user of this profile: id -> record (name, role, active)."""
        return {u["id"]: u for u in self.store.find("gebruiker")}

    def user_names(self) -> dict[str, str]:
        """Colleagues' display names (authors of notes, senders of handovers and signals)."""
        return {u["id"]: u["name"] for u in self.store.find("gebruiker")}

    # ------------------------------------------------------------------ services
    @cached_property
    def residents(self) -> ResidentService:
        from werkplein.services.residents import ResidentService

        return ResidentService(self)

    @cached_property
    def cases(self) -> CaseService:
        from werkplein.services.cases import CaseService

        return CaseService(self)

    @cached_property
    def decisions(self) -> DecisionService:
        from werkplein.services.decisions import DecisionService

        return DecisionService(self)

    @cached_property
    def visits(self) -> VisitService:
        from werkplein.services.visits import VisitService

        return VisitService(self)

    @cached_property
    def handovers(self) -> HandoverService:
        from werkplein.services.handovers import HandoverService

        return HandoverService(self)

    @cached_property
    def fines(self) -> FineService:
        from werkplein.services.fines import FineService

        return FineService(self)

    @cached_property
    def signals(self) -> SignalService:
        from werkplein.services.signals import SignalService

        return SignalService(self)

    @cached_property
    def plans(self) -> PlanService:
        from werkplein.services.plans import PlanService

        return PlanService(self)

    @cached_property
    def sharing(self) -> SharingService:
        from werkplein.services.sharing import SharingService

        return SharingService(self)

    @cached_property
    def exports(self) -> ExportService:
        from werkplein.services.exports import ExportService

        return ExportService(self)

    @cached_property
    def retention(self) -> RetentionService:
        from werkplein.services.retention import RetentionService

        return RetentionService(self)

    @cached_property
    def drafts(self) -> DraftService:
        from werkplein.services.drafts import DraftService

        return DraftService(self)

    @cached_property
    def settings(self) -> SettingsService:
        from werkplein.services.settings import SettingsService

        return SettingsService(self)

    @cached_property
    def profile(self) -> ProfileService:
        from werkplein.services.profiles import ProfileService

        return ProfileService(self)

    @cached_property
    def policy(self) -> PolicyService:
        from werkplein.services.policy import PolicyService

        return PolicyService(self)


def _parse_role(role: Role | str) -> Role:
    try:
        return Role(role)
    except ValueError:
        raise ValidationFailed(field=_("role"), problem=_(N_("unknown role"))) from None
