"""The profile as a whole: finding and unlocking one (before there is a session), and its
status, for ``werkplein status`` and the app alike."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import werkplein
from werkplein.services.base import Service
from werkplein.store import profile
from werkplein.store.profile import Header
from werkplein.sync import engine

__all__ = [
    "Header",
    "ProfileService",
    "ProfileStatus",
    "check_passphrase_strength",
    "derive_key",
    "has_profile",
]


def has_profile(folder: Path) -> bool:
    """Whether ``folder`` holds a profile (only the presence of its header is checked)."""
    return profile.has_profile(folder)


def check_passphrase_strength(passphrase: str) -> None:
    """WeakPassphrase (with the rule in the user's language) when ``passphrase`` is too weak
    for a new profile; the check a join or a new profile makes, for a form to make first."""
    profile.check_passphrase_strength(passphrase)


def derive_key(data_dir: Path, passphrase: str) -> tuple[Header, bytes]:
    """The profile's header and the key the passphrase gives (the slow part of unlocking; for
    a worker). Opens nothing; ``Session.open_with_key`` opens the profile with it."""
    return profile.unlock(data_dir, passphrase)


@dataclass(frozen=True)
class ProfileStatus:
    schema_version: int
    counts: dict[str, int]
    device_id: str
    digest: str | None
    user: dict[str, str]
    changes: int
    kdf_iterations: int
    version: str
    conflicts: int
    pending: int
    admitted: bool

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


class ProfileService(Service):
    @property
    def folder(self) -> Path:
        """The profile folder (its name is what the title bar shows)."""
        return self.store.data_dir

    @property
    def device_id(self) -> str:
        return self.store.device_id

    def counts(self) -> dict[str, int]:
        """How many residents, cases, decisions, ... the profile holds (the welcome text)."""
        return self.store.counts()

    def status(self, *, digest: bool = True) -> ProfileStatus:
        """Everything ``werkplein status`` reports; ``digest`` reads every record (slow)."""
        store, user = self.store, self.session.user
        return ProfileStatus(
            schema_version=store.schema_version(),
            counts=store.counts(),
            device_id=store.device_id,
            digest=store.digest() if digest else None,
            user={"id": user.id, "name": user.name, "role": user.role.value},
            changes=store.change_count(),
            kdf_iterations=store.header.iterations,
            version=werkplein.__version__,
            conflicts=engine.conflict_count(store),
            pending=engine.pending(store),
            admitted=self.session.sharing.state().admitted,
        )
