"""This laptop's settings: each key in one place, read and written through this service
(device-local: never synced, never in the digest)."""

from __future__ import annotations

from pathlib import Path

from werkplein.errors import ValidationFailed
from werkplein.i18n import _
from werkplein.services.base import Service
from werkplein.sync.team import META_SHARE

IDLE_MINUTES_KEY = "ui.idle_lock_minutes"
EXPORT_FOLDER_KEY = "ui.export_folder"  # the folder a document was saved to last
PLACE_KEY = "ui.last_place"  # the screen shown last: "key" or "key:record id"
DEFAULT_IDLE_MINUTES = 5


class SettingsService(Service):
    def idle_minutes(self) -> float:
        """Minutes without input after which the app locks."""
        raw = self.store.meta(IDLE_MINUTES_KEY)
        try:
            minutes = float(raw) if raw else DEFAULT_IDLE_MINUTES
        except ValueError:
            return DEFAULT_IDLE_MINUTES
        return minutes if minutes > 0 else DEFAULT_IDLE_MINUTES

    def set_idle_minutes(self, minutes: float) -> None:
        if not minutes > 0:
            raise ValidationFailed(field=_("minutes"), problem=_("must be more than 0"))
        self.store.set_meta(IDLE_MINUTES_KEY, str(minutes))

    def share_folder(self) -> str:
        """The shared folder this laptop syncs with ("" when none was chosen)."""
        return self.store.meta(META_SHARE) or ""

    def set_share_folder(self, folder: str) -> None:
        self.store.set_meta(META_SHARE, folder)

    def export_folder(self) -> Path | None:
        """The folder a document was saved to last, if it still exists."""
        remembered = self.store.meta(EXPORT_FOLDER_KEY)
        return Path(remembered) if remembered and Path(remembered).is_dir() else None

    def set_export_folder(self, folder: Path) -> None:
        self.store.set_meta(EXPORT_FOLDER_KEY, str(folder))

    def last_place(self) -> tuple[str, str | None] | None:
        """The screen shown last (its key and record id), to reopen after a crash."""
        raw = self.store.meta(PLACE_KEY)
        if not raw:
            return None
        key, _sep, ident = raw.partition(":")
        return key, ident or None

    def set_last_place(self, key: str, ident: str | None) -> None:
        self.store.set_meta(PLACE_KEY, f"{key}:{ident}" if ident else key)
