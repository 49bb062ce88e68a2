"""Warme overdracht: the receiver gets the whole story, so the resident never has to tell it
again; accepts it or returns it with a comment; may plan a joint intake."""

from __future__ import annotations

from werkplein.domain.dates import local_day
from werkplein.domain.records import display_name
from werkplein.domain.roles import Permission
from werkplein.errors import NotAllowed, RuleViolation
from werkplein.i18n import N_, _
from werkplein.services.base import Service, required_text
from werkplein.services.types import Changes
from werkplein.store.store import Record

NOT_OPEN = N_("This handover has already been answered.")


class HandoverService(Service):
    def prefill(self, inwoner_id: str) -> dict[str, str]:
        """A first draft from the dossier: the receiver reads, the sender corrects."""
        dossier = self.session.residents.dossier(inwoner_id)
        resident = dossier.resident
        cases = dossier.cases
        effect = next((c["beoogd_effect"] for c in cases if c.get("beoogd_effect")), "")
        household = ", ".join(f"{m['relation']}" for m in dossier.household)
        situation = _(
            "{name}, {gemeente}.", name=display_name(resident), gemeente=resident["gemeente"]
        )
        if household:
            situation += " " + _("Household: {members}.", members=household)
        agreements = "; ".join(
            v
            for d in dossier.decisions
            if d["status"] == "vastgesteld"
            for v in d.get("voorwaarden") or []
        )
        return {
            "situatie": situation,
            "wens_inwoner": effect,
            "afspraken": agreements,
            "risicos": "",
            "contactvoorkeur": resident.get("contact_preference") or "",
        }

    def send(
        self,
        inwoner_id: str,
        naar_id: str,
        *,
        situatie: str,
        wens_inwoner: str,
        afspraken: str = "",
        risicos: str = "",
        contactvoorkeur: str = "",
        casus_id: str | None = None,
    ) -> str:
        self.session.require(Permission.SEND_HANDOVER)
        self.store.require("inwoner", inwoner_id)
        receiver = self.store.require("gebruiker", naar_id)
        if naar_id == self.user_id or not receiver.get("active", True):
            raise RuleViolation(N_("Choose an active colleague to hand over to."))
        with self._write() as w:
            handover_id, _change = w.put(
                "overdracht",
                None,
                {
                    "inwoner_id": inwoner_id,
                    "casus_id": casus_id,
                    "van_id": self.user_id,
                    "naar_id": naar_id,
                    "situatie": required_text("situation", situatie),
                    "wens_inwoner": required_text("what the resident wants", wens_inwoner),
                    "afspraken": afspraken.strip() or None,
                    "risicos": risicos.strip() or None,
                    "contactvoorkeur": contactvoorkeur.strip() or None,
                    "status": "verzonden",
                    "verzonden_op": self._now(),
                },
            )
        return handover_id

    def receivers(self) -> list[Record]:
        """Active colleagues a handover can go to (names and roles only)."""
        return self.store.find("gebruiker", "active = 1 AND id != ?", (self.user_id,), "name")

    def sent(self) -> list[Record]:
        """Handovers this user sent, newest first, with their answers."""
        self.session.require(Permission.SEND_HANDOVER)
        return self.store.find("overdracht", "van_id = ?", (self.user_id,), "verzonden_op DESC")

    def inbox(self) -> list[Record]:
        """Handovers waiting for this user."""
        return self.store.find(
            "overdracht", "naar_id = ? AND status = 'verzonden'", (self.user_id,), "verzonden_op"
        )

    def intakes(self, from_day: str) -> list[Record]:
        """Joint intakes of accepted handovers this user takes part in (as sender or as
        receiver), from ``from_day`` (ISO) on, soonest first (Mijn werk of both)."""
        self.session.require(Permission.VIEW_DOSSIER)
        rows = self.store.find(
            "overdracht",
            "status = 'geaccepteerd' AND intake_op IS NOT NULL AND (van_id = ? OR naar_id = ?)",
            (self.user_id, self.user_id),
            "intake_op",
        )
        return [h for h in rows if local_day(h["intake_op"]) >= from_day]

    def get(self, handover_id: str) -> Record:
        self.session.require(Permission.VIEW_DOSSIER)
        handover = self.store.require("overdracht", handover_id)
        self._viewed(handover["inwoner_id"], f"overdracht:{handover_id}")
        return handover

    def _answer(self, handover_id: str) -> Record:
        handover = self.store.require("overdracht", handover_id)
        if handover["naar_id"] != self.user_id:
            raise NotAllowed(role=self.session.user.role_label, action=_("answer this handover"))
        if handover["status"] != "verzonden":
            raise RuleViolation(NOT_OPEN)
        return handover

    def accept(self, handover_id: str, *, intake_op: str | None = None) -> Changes:
        """Accept; with ``intake_op`` also plan the joint intake. Without it, an intake the
        sender planned stays as it is (accepting never erases it)."""
        self._answer(handover_id)
        values = {"status": "geaccepteerd", "beantwoord_op": self._now()}
        if intake_op is not None:
            values["intake_op"] = intake_op
        with self._write() as w:
            w.put("overdracht", handover_id, values)
        return w.changes

    def return_(self, handover_id: str, reactie: str) -> Changes:
        self._answer(handover_id)
        with self._write() as w:
            w.put(
                "overdracht",
                handover_id,
                {
                    "status": "teruggestuurd",
                    "reactie": required_text("comment", reactie),
                    "beantwoord_op": self._now(),
                },
            )
        return w.changes

    def plan_intake(self, handover_id: str, when: str) -> Changes:
        """A joint intake: the sender and receiver meet the resident together."""
        handover = self.store.require("overdracht", handover_id)
        if self.user_id not in (handover["van_id"], handover["naar_id"]):
            raise NotAllowed(role=self.session.user.role_label, action=_("plan this intake"))
        with self._write() as w:
            w.put("overdracht", handover_id, {"intake_op": when})
        return w.changes
