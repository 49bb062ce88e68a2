"""Fines (boetes) for a breach of the duty to inform, and the confrontatiegesprek.

Visible to the boete-ambtenaar, the klantmanager and the teamleider; never to a werkcoach,
checked here on every call (and on the share by a separate key, see the sync issue)."""

from __future__ import annotations

from typing import Any

from werkplein.domain.boete import Voorstel, propose
from werkplein.domain.dates import parse_date
from werkplein.domain.labels import label
from werkplein.domain.roles import Permission
from werkplein.domain.vocab import BOETE_STATUS, VERWIJTBAARHEID
from werkplein.errors import RuleViolation, ValidationFailed
from werkplein.i18n import N_, _
from werkplein.services.base import Service, choice, moment_field, required_text
from werkplein.services.types import Changes, iso
from werkplein.store.store import Record

DEFAULT_AGENDA = [
    N_("Explain why we are talking: the information that was not passed on"),
    N_("Hear the resident's side of the story"),
    N_("Degree of blame: what did the resident know, what could they have known"),
    N_("The resident's means (draagkracht) and current situation"),
    N_("Urgent reasons to waive the fine, e.g. a running work trajectory"),
    N_("Next steps: recovery, the fine, the decision and the right to object"),
]
FINISHED = N_("This fine has been completed and cannot be changed.")


HELD_WHEN = N_(
    "The talk was planned for a moment that has not come yet. Enter when it was actually held."
)


class FineService(Service):
    def _boete(self, boete_id: str, *, edit: bool = False) -> Record:
        self.session.require(Permission.EDIT_BOETE if edit else Permission.VIEW_BOETE)
        fine = self.store.require("boete", boete_id)
        if edit and fine["status"] == "afgerond":
            raise RuleViolation(FINISHED)
        return fine

    def open(
        self,
        inwoner_id: str,
        overtreding: str,
        *,
        overtreding_op: str | None = None,
        benadelingsbedrag_cent: int | None = None,
        verwijtbaarheid: str = "normaal",
        casus_id: str | None = None,
    ) -> str:
        self.session.require(Permission.START_BOETE)
        self.store.require("inwoner", inwoner_id)
        choice("verwijtbaarheid", verwijtbaarheid, VERWIJTBAARHEID)
        handles = self.session.can(Permission.EDIT_BOETE)  # else a boete-ambtenaar takes it over
        values: dict[str, Any] = {
            "inwoner_id": inwoner_id,
            "casus_id": casus_id,
            "behandelaar_id": self.user_id if handles else None,
            "overtreding": required_text("breach", overtreding),
            "overtreding_op": parse_date(overtreding_op).isoformat() if overtreding_op else None,
            "benadelingsbedrag_cent": benadelingsbedrag_cent,
            "verwijtbaarheid": verwijtbaarheid,
            "afzien": False,
            "status": "voorbereiding",
            "gesprek_agenda": [_(item) for item in DEFAULT_AGENDA],
        }
        values.update(self._proposal_fields({**values, "dringende_redenen": None}))
        with self._write() as w:
            boete_id, _change = w.put("boete", None, values)
        return boete_id

    def get(self, boete_id: str) -> Record:
        fine = self._boete(boete_id)
        self._viewed(fine["inwoner_id"], f"boete:{boete_id}")
        return fine

    def for_resident(self, inwoner_id: str) -> list[Record]:
        self.session.require(Permission.VIEW_BOETE)
        return self.store.find(
            "boete", "inwoner_id = ? AND coalesce(deleted, 0) = 0", (inwoner_id,), "overtreding_op"
        )

    def proposal(self, fine: Record) -> Voorstel:
        """The proposed amount, computed in the open from the team's fine policy."""
        return propose(
            self.session.policy.boete_beleid(),
            fine.get("benadelingsbedrag_cent"),
            fine["verwijtbaarheid"],
            draagkracht_cent=fine.get("draagkracht_cent"),
            dringende_redenen=bool(fine.get("afzien")),
        )

    def _proposal_fields(self, fine: dict[str, Any]) -> dict[str, Any]:
        voorstel = self.proposal(fine)
        return {
            "voorgesteld_bedrag_cent": voorstel.bedrag_cent,
            "berekening": voorstel.berekening(),
        }

    def update(self, boete_id: str, **values: Any) -> Changes:
        """Change the weighing: benadeling, verwijtbaarheid, draagkracht, dringende redenen
        (``afzien=True`` waives the fine; the reasons are then required)."""
        fine = self._boete(boete_id, edit=True)
        allowed = {
            "overtreding",
            "benadelingsbedrag_cent",
            "verwijtbaarheid",
            "draagkracht_cent",
            "draagkracht_toelichting",
            "dringende_redenen",
            "afzien",
            "gesprek_agenda",
        }
        if set(values) - allowed:
            raise ValueError(f"not editable: {sorted(set(values) - allowed)}")
        if "verwijtbaarheid" in values:
            choice("verwijtbaarheid", values["verwijtbaarheid"], VERWIJTBAARHEID)
        for money in ("benadelingsbedrag_cent", "draagkracht_cent"):
            if values.get(money) is not None and values[money] < 0:
                raise ValidationFailed(field=label(money), problem=_("may not be negative"))
        merged = {**fine, **values}
        if merged.get("afzien") and not (merged.get("dringende_redenen") or "").strip():
            raise ValidationFailed(
                field=_("urgent reasons"), problem=_("describe them before waiving the fine")
            )
        with self._write() as w:
            w.put("boete", boete_id, {**values, **self._proposal_fields(merged)})
        return w.changes

    def add_reconsideration(self, boete_id: str, text: str) -> str:
        """Reconsideration notes: appended, never edited."""
        fine = self._boete(boete_id, edit=True)
        with self._write() as w:
            note_id, _change = w.put(
                "boete_notitie",
                None,
                {
                    "boete_id": boete_id,
                    "inwoner_id": fine["inwoner_id"],
                    "text": required_text("note", text),
                    "author_id": self.user_id,
                    "written_at": self._now(),
                },
            )
        return note_id

    def reconsiderations(self, boete_id: str) -> list[Record]:
        self._boete(boete_id)
        return self.store.find("boete_notitie", "boete_id = ?", (boete_id,), "written_at")

    def plan_talk(
        self,
        boete_id: str,
        when: str,
        agenda: list[str] | None = None,
        *,
        klantmanager_id: str | None = None,
    ) -> Changes:
        """The confrontatiegesprek, held together with the klantmanager (``klantmanager_id``:
        who joins; None leaves it as it was)."""
        self._boete(boete_id, edit=True)
        values: dict[str, Any] = {"gesprek_op": when, "status": "gesprek_gepland"}
        if agenda is not None:
            values["gesprek_agenda"] = [a.strip() for a in agenda if a.strip()]
        if klantmanager_id is not None:
            joining = self.session.colleagues().get(klantmanager_id)
            if joining is None or joining.get("role") != "klantmanager":
                raise ValidationFailed(field=_("klantmanager"), problem=_("choose a klantmanager"))
            values["gesprek_klantmanager_id"] = klantmanager_id
        with self._write() as w:
            w.put("boete", boete_id, values)
        return w.changes

    def record_outcome(
        self,
        boete_id: str,
        uitkomst: str,
        vastgesteld_bedrag_cent: int,
        *,
        gehouden_op: str | None = None,
    ) -> Changes:
        """Record the outcome and complete the fine. ``gehouden_op`` (ISO moment) is when the
        talk was actually held: by default its planned moment once that has come; an outcome
        before the planned moment needs it (the talk was moved forward), and it is never in
        the future."""
        fine = self._boete(boete_id, edit=True)
        if vastgesteld_bedrag_cent < 0:
            raise ValidationFailed(field=_("amount"), problem=_("may not be negative"))
        if fine.get("afzien") and vastgesteld_bedrag_cent:
            raise RuleViolation(N_("The fine was waived for urgent reasons: the amount must be 0."))
        now = self.store.clock.now()
        planned = moment_field(fine["gesprek_op"]) if fine.get("gesprek_op") else None
        if gehouden_op:
            held = moment_field(gehouden_op)
        elif planned is not None and planned <= now:
            held = planned
        elif planned is not None:
            raise RuleViolation(HELD_WHEN)
        else:
            held = now
        if held > now:
            raise ValidationFailed(field=_("held on"), problem=_("lies in the future"))
        with self._write() as w:
            w.put(
                "boete",
                boete_id,
                {
                    "gesprek_uitkomst": required_text("outcome", uitkomst),
                    "gesprek_gehouden_op": iso(held),
                    "vastgesteld_bedrag_cent": vastgesteld_bedrag_cent,
                    "status": "afgerond",
                },
            )
        return w.changes

    def upcoming_talks(self) -> list[Record]:
        self.session.require(Permission.VIEW_BOETE)
        return self.store.find("boete", "status = 'gesprek_gepland'", (), "gesprek_op")

    def listing(self, *, status: str | None = None, mine: bool = False) -> list[Record]:
        """Fines for the Boetes screen, newest breach first: all, or those of one status
        (``"open"``: not completed), or only this user's (as behandelaar)."""
        self.session.require(Permission.VIEW_BOETE)
        where = ["coalesce(deleted, 0) = 0"]
        params: list[Any] = []
        if status == "open":
            where.append("status != 'afgerond'")
        elif status is not None:
            choice("status", status, BOETE_STATUS)
            where.append("status = ?")
            params.append(status)
        if mine:
            where.append("behandelaar_id = ?")
            params.append(self.user_id)
        return self.store.find(
            "boete", " AND ".join(where), tuple(params), "overtreding_op DESC, id"
        )

    def take_over(self, boete_id: str) -> Changes:
        """This boete-ambtenaar handles the fine from now on (a colleague left, is away, or
        the teamleider shares out the work). The change log keeps who handled it before."""
        fine = self._boete(boete_id, edit=True)
        if fine.get("behandelaar_id") == self.user_id:
            return Changes()
        with self._write() as w:
            w.put("boete", boete_id, {"behandelaar_id": self.user_id})
        return w.changes
