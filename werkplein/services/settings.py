"""This laptop's settings: each key in one place, read and written through this service
(device-local: never synced, never in the digest)."""

from __future__ import annotations

import json
from pathlib import Path

from werkplein.errors import ValidationFailed
from werkplein.i18n import _
from werkplein.services.base import Service
from werkplein.sync.team import META_SHARE

IDLE_MINUTES_KEY = "ui.idle_lock_minutes"
EXPORT_FOLDER_KEY = "ui.export_folder"  # the folder a document was saved to last
SEEN_PREFIX = "ui.seen."  # + entity: the records this laptop's user has opened (JSON list)
SEEN_KEPT = 500  # per entity; the oldest are forgotten (and show as new again: harmless)
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

    def seen(self, entity: str) -> set[str]:
        """Records of ``entity`` this user has opened on this laptop (a handover is "new"
        until then)."""
        raw = self.store.meta(SEEN_PREFIX + entity)
        try:
            ids = json.loads(raw) if raw else []
        except ValueError:
            return set()
        return {i for i in ids if isinstance(i, str)}

    def mark_seen(self, entity: str, record_id: str) -> None:
        raw = self.store.meta(SEEN_PREFIX + entity)
        try:
            ids = [i for i in (json.loads(raw) if raw else []) if isinstance(i, str)]
        except ValueError:
            ids = []
        if record_id in ids:
            return
        ids = [*ids, record_id][-SEEN_KEPT:]
        self.store.set_meta(SEEN_PREFIX + entity, json.dumps(ids))
