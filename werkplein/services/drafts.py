"""Drafts: what a person typed and has not saved yet, kept as they type, so a killed program,
a crash or a flat battery loses nothing (the huisbezoek saves itself; forms with a save
button keep a draft instead, so half-typed text never becomes a change that syncs).

A draft lives in this laptop's encrypted profile (device-local: never synced), keyed by the
screen and the record (``"toets:<casus id>"``), with the moment it was kept. The screen that
owns it restores it when it opens again and drops it when the form is saved or discarded.
Only the user who typed it gets it back.
"""

from __future__ import annotations

import json
from typing import Any

from werkplein.services.base import Service

PREFIX = "draft."


class DraftService(Service):
    def _key(self, key: str) -> str:
        return f"{PREFIX}{self.user_id}.{key}"

    def keep(self, key: str, values: dict[str, Any]) -> None:
        """Keep ``values`` (JSON-able) as the draft of ``key``, replacing an older one."""
        payload = {"at": self.store.clock.now().isoformat(), "values": values}
        self.store.set_meta(self._key(key), json.dumps(payload, ensure_ascii=False))

    def get(self, key: str) -> tuple[dict[str, Any], str] | None:
        """The draft of ``key`` and when it was kept (ISO), if there is one."""
        raw = self.store.meta(self._key(key))
        if not raw:
            return None
        try:
            payload = json.loads(raw)
            values, at = payload["values"], str(payload["at"])
        except (ValueError, KeyError, TypeError):
            return None
        return (values, at) if isinstance(values, dict) else None

    def discard(self, key: str) -> None:
        if self.store.meta(self._key(key)) is not None:
            self.store.delete_meta(self._key(key))
