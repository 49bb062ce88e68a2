"""Signalen: every professional can flag where rules make residents get stuck; the teamleider
reviews them and passes patterns on to policy. Signals hold no resident's details."""

from __future__ import annotations

from werkplein.domain.roles import Permission
from werkplein.domain.vocab import SIGNAAL_STATUS
from werkplein.services.base import Service, choice, required_text
from werkplein.services.types import Changes
from werkplein.store.store import Record


class SignalService(Service):
    def log(self, titel: str, omschrijving: str, regeling: str = "") -> str:
        self.session.require(Permission.LOG_SIGNAL)
        with self._write() as w:
            signal_id, _change = w.put(
                "signaal",
                None,
                {
                    "titel": required_text("title", titel),
                    "omschrijving": required_text("description", omschrijving),
                    "regeling": regeling.strip() or None,
                    "ingediend_door": self.user_id,
                    "ingediend_op": self._now(),
                    "status": "nieuw",
                },
            )
        return signal_id

    def all(self) -> list[Record]:
        """The review board: teamleiders see all signals, others their own."""
        if self.session.can(Permission.REVIEW_SIGNALS):
            return self.store.find("signaal", order="ingediend_op DESC")
        return self.store.find(
            "signaal", "ingediend_door = ?", (self.user_id,), "ingediend_op DESC"
        )

    def review(self, signal_id: str, status: str, reactie: str = "") -> Changes:
        self.session.require(Permission.REVIEW_SIGNALS)
        self.store.require("signaal", signal_id)
        choice("status", status, SIGNAAL_STATUS)
        with self._write() as w:
            w.put("signaal", signal_id, {"status": status, "reactie": reactie.strip() or None})
        return w.changes
