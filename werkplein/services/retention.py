"""The team's retention list: every resident's destruction date, and who is past it.

Gathered in a few grouped queries (not per resident), so the list of 20 000 residents comes
in well under a second. Only a teamleider keeps the vernietigingslijst.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from werkplein.domain import bsn as bsn_rules
from werkplein.domain import retention as rules
from werkplein.domain.dates import parse_date
from werkplein.domain.roles import Permission
from werkplein.errors import NotFound, RuleViolation, ValidationFailed
from werkplein.i18n import N_, _
from werkplein.services.base import Service, required_text
from werkplein.services.types import Changes
from werkplein.store.audit import Action
from werkplein.store.clock import iso
from werkplein.store.erase import Erased, Erasure, checkpoint, erase_resident
from werkplein.store.store import Record, Store

GROUND_REQUEST = "avg17"  # erased on the resident's request
GROUND_RETENTION = "retention"  # destroyed after the retention period
STILL_RUNS = N_(
    "This dossier still runs (an open case, a decision period, a fine, a planned home visit or "
    "a handover): it cannot be erased."
)
NOT_DUE = N_("Only dossiers past their destruction date can be destroyed.")

# per resident: open cases, last closed; set decisions' period ends; fines
_CASES = (
    "SELECT inwoner_id, sum(status = 'open'), max(closed_on) FROM casus "
    "WHERE coalesce(deleted, 0) = 0 {one} GROUP BY inwoner_id"
)
_DECISIONS = (
    "SELECT inwoner_id, max(periode_tot), "
    "sum(periode_van IS NOT NULL AND periode_tot IS NULL) FROM besluit "
    "WHERE status = 'vastgesteld' AND NOT EXISTS "
    "(SELECT 1 FROM besluit later WHERE later.vorige_versie_id = besluit.id "
    "AND later.status = 'vastgesteld') {one} GROUP BY inwoner_id"
)
_FINES = (  # a fine was dealt with when it was completed (the change that did), else its talk
    "SELECT inwoner_id, sum(status != 'afgerond'), max(coalesce("
    "(SELECT substr(max(c.at), 1, 10) FROM change_log c WHERE c.entity = 'boete' "
    "AND c.record_id = boete.id AND json_extract(c.payload, '$.status[1]') = 'afgerond'), "
    "substr(gesprek_op, 1, 10), overtreding_op)), count(*) FROM boete "
    "WHERE coalesce(deleted, 0) = 0 {one} GROUP BY inwoner_id"
)
_OPEN_WORK = (  # home visits planned from today on, and handovers waiting for an answer
    "SELECT inwoner_id, count(*) FROM ("
    "SELECT inwoner_id FROM huisbezoek WHERE status = 'gepland' AND coalesce(deleted, 0) = 0 "
    "AND substr(gepland_op, 1, 10) >= ? "
    "UNION ALL SELECT inwoner_id FROM overdracht WHERE status = 'verzonden') "
    "WHERE 1 {one} GROUP BY inwoner_id"
)
_RESIDENTS = "SELECT id, gemeente, bewaren_tot FROM inwoner WHERE coalesce(deleted, 0) = 0 {one_id}"


@dataclass(frozen=True)
class ResidentRetention:
    inwoner_id: str
    gemeente: str
    retention: rules.Retention

    def to_json(self) -> dict[str, str | None]:
        ended, destroy = self.retention.ended_on, self.retention.destroy_on
        return {
            "inwoner_id": self.inwoner_id,
            "gemeente": self.gemeente,
            "category": self.retention.category,
            "ended_on": ended.isoformat() if ended else None,
            "destroy_on": destroy.isoformat() if destroy else None,
        }


class RetentionService(Service):
    def overview(self) -> list[ResidentRetention]:
        """Every resident's retention, on the session's day."""
        self.session.require(Permission.DESTROY_DOSSIERS)
        return self._all(self.session.today())

    def _all(self, today: dt.date, only: str | None = None) -> list[ResidentRetention]:
        """Every resident's retention, or ``only`` that one's."""
        periods = self.session.policy.retention_periods()
        one, one_id = ("AND inwoner_id = ?", "AND id = ?") if only else ("", "")
        params: tuple[str, ...] = (only,) if only else ()

        def grouped(sql: str) -> dict[str, tuple[Any, ...]]:
            return {r[0]: r[1:] for r in self.store.rows(sql.format(one=one), params)}

        cases = grouped(_CASES)
        decisions = grouped(_DECISIONS)
        fines = grouped(_FINES)
        open_work = {
            r[0]: r[1:]
            for r in self.store.rows(_OPEN_WORK.format(one=one), (today.isoformat(), *params))
        }
        out = []
        for inwoner_id, gemeente, hold_until in self.store.rows(
            _RESIDENTS.format(one_id=one_id), params
        ):
            open_cases, last_closed = cases.get(inwoner_id, (0, None))
            running_until, open_periods = decisions.get(inwoner_id, (None, 0))
            open_fines, last_fine, fine_count = fines.get(inwoner_id, (0, None, 0))
            facts = rules.Facts(
                open_cases=int(open_cases or 0),
                last_closed=last_closed,
                running_until=running_until,
                open_decision_periods=int(open_periods or 0),
                open_fines=int(open_fines or 0),
                last_fine=last_fine,
                fines=int(fine_count or 0),
                hold_until=hold_until,
                open_work=int(open_work.get(inwoner_id, (0,))[0] or 0),
            )
            out.append(
                ResidentRetention(
                    str(inwoner_id), str(gemeente or ""), rules.retention(facts, today, periods)
                )
            )
        return out

    def of(self, inwoner_id: str) -> ResidentRetention | None:
        """One resident's retention (for the dossier; any role that sees the dossier)."""
        self.session.require(Permission.VIEW_DOSSIER)
        found = self._all(self.session.today(), only=inwoner_id)
        return found[0] if found else None

    def keep_until(self, inwoner_id: str, until: str | None, reason: str) -> Changes:
        """The teamleider keeps the dossier until ``until`` (ISO day; None: no longer kept),
        for ``reason`` (required), e.g. a pending objection or court case."""
        self.session.require(Permission.DESTROY_DOSSIERS)
        self.store.require("inwoner", inwoner_id)
        day = parse_date(until).isoformat() if until else None
        if day is not None and day <= self.session.today().isoformat():
            raise ValidationFailed(field=_("keep until"), problem=_("must be a day to come"))
        values = {
            "bewaren_tot": day,
            "bewaren_reden": required_text("reason", reason) if day else None,
        }
        with self._write() as w:
            w.put("inwoner", inwoner_id, values)
        return w.changes

    def due(self) -> list[ResidentRetention]:
        """Residents past their destruction date (the vernietigingslijst), oldest first."""
        today = self.session.today()
        due = [r for r in self.overview() if r.retention.due(today)]
        return sorted(due, key=lambda r: (r.retention.destroy_on or dt.date.min, r.inwoner_id))

    # ------------------------------------------------------------------ destroying
    def erase(self, bsn: str, reason: str) -> Erased:
        """Erase one resident now, on request (AVG art. 17): refused while a duty to keep
        applies (the dossier runs, or its retention period or a "bewaren tot" has not passed)."""
        self.session.require(Permission.DESTROY_DOSSIERS)
        required_text("reason", reason)
        resident = self.session.residents.by_bsn(bsn)
        if resident is None:
            raise NotFound(what=_("resident"), ident=bsn_rules.mask(bsn))
        return self.erase_now(resident["id"], reason)

    def may_erase(self, inwoner_id: str) -> None:
        """Raise the reason a duty to keep refuses erasing the resident now; None: it may."""
        self.session.require(Permission.DESTROY_DOSSIERS)
        self._may_destroy(inwoner_id, self.session.today())

    def erase_now(self, inwoner_id: str, reason: str) -> Erased:
        """Erase one resident (by id) on request: see ``erase``."""
        self.session.require(Permission.DESTROY_DOSSIERS)
        required_text("reason", reason)
        self._may_destroy(inwoner_id, self.session.today())
        return self._destroy(inwoner_id, GROUND_REQUEST)

    def destroy_due(self, reason: str) -> int:
        """Destroy every dossier past its destruction date (the vernietigingslijst)."""
        self.session.require(Permission.DESTROY_DOSSIERS)
        required_text("reason", reason)
        due = self.due()
        for item in due:
            self._destroy(item.inwoner_id, GROUND_RETENTION)
        return len(due)

    def _may_destroy(self, inwoner_id: str, today: dt.date) -> None:
        found = self._all(today, only=inwoner_id)
        if not found:
            raise NotFound(what=_("resident"), ident=inwoner_id)
        kept = found[0].retention
        hold = self.store.require("inwoner", inwoner_id).get("bewaren_tot")
        if hold and hold > today.isoformat():  # a teamleider keeps it: an objection, a case
            raise RuleViolation(
                N_("The law requires keeping this dossier until {day}; it cannot be erased yet."),
                day=hold,
            )
        running = self.store.rows(_OPEN_WORK.format(one="AND inwoner_id = ?"),
                                  (today.isoformat(), inwoner_id))  # fmt: skip
        if kept.ended_on is None and (running or self._has_dossier(inwoner_id)):
            raise RuleViolation(STILL_RUNS)
        if kept.destroy_on is not None and kept.destroy_on > today:
            raise RuleViolation(
                N_("The law requires keeping this dossier until {day}; it cannot be erased yet."),
                day=kept.destroy_on.isoformat(),
            )

    def _has_dossier(self, inwoner_id: str) -> bool:
        return bool(
            self.store.rows(
                "SELECT 1 FROM casus WHERE inwoner_id = ? UNION ALL "
                "SELECT 1 FROM besluit WHERE inwoner_id = ? UNION ALL "
                "SELECT 1 FROM boete WHERE inwoner_id = ? LIMIT 1",
                (inwoner_id, inwoner_id, inwoner_id),
            )
        )

    def _destroy(self, inwoner_id: str, ground: str) -> Erased:
        """One transaction: the set decisions counted anonymously (the period overview still
        counts them), every trace erased, the erasure audited (ids and the ground only). On
        a team the erasure goes to the share at the next sync, before anything else."""
        erasure = Erasure(
            self.store.ids(), ground, iso(self.store.clock.now()), self.session.sharing.joined()
        )
        with self._write() as w:
            for decision in self.store.find(
                "besluit", "inwoner_id = ? AND status = 'vastgesteld'", [inwoner_id]
            ):
                w.put("besluit_telling", None, _counted(self.store, decision))
            erased = erase_resident(self.store, inwoner_id, erasure)
            w.audit(Action.ERASE, inwoner_id, ground)
        checkpoint(self.store)
        return erased

    def destroy(
        self,
        inwoner_ids: list[str],
        reason: str,
        *,
        progress: Callable[[int, int], None] | None = None,
        cancelled: Callable[[], bool] | None = None,
    ) -> int:
        """Destroy the chosen dossiers of the list (each must be past its date), one by one
        (each whole or not at all); a stop between two keeps those done. Returns how many."""
        self.session.require(Permission.DESTROY_DOSSIERS)
        required_text("reason", reason)
        due = {r.inwoner_id for r in self.due()}
        if any(inwoner_id not in due for inwoner_id in inwoner_ids):
            raise RuleViolation(NOT_DUE)
        done = 0
        for inwoner_id in inwoner_ids:
            if cancelled is not None and cancelled():
                break
            self._destroy(inwoner_id, GROUND_RETENTION)
            done += 1
            if progress is not None:
                progress(done, len(inwoner_ids))
        return done

    def save_list(self, inwoner_ids: list[str], reason: str, folder: Path) -> tuple[Path, Path]:
        """The approved list as PDF and CSV (ids and dates only) in ``folder``, for the
        archive's destruction statement; written before the dossiers are destroyed."""
        from werkplein.export import destruction, files

        self.session.require(Permission.DESTROY_DOSSIERS)
        required_text("reason", reason)
        chosen = set(inwoner_ids)
        data = destruction.DestructionData(
            rows=[r.to_json() for r in self.due() if r.inwoner_id in chosen],
            reason=reason.strip(),
            region=self.session.policy.region().naam,
            made_at=self.store.clock.now().isoformat(),
            made_by=f"{self.session.user.name} ({self.session.user.role_label})",
        )
        stem = f"vernietigingslijst-{self.session.today().isoformat()}"
        number = 1
        while (folder / f"{stem}.pdf").exists() or (folder / f"{stem}.csv").exists():
            number += 1  # a second list of the same day never replaces the first
            stem = f"vernietigingslijst-{self.session.today().isoformat()}-{number}"
        pdf, table = folder / f"{stem}.pdf", folder / f"{stem}.csv"
        files.write_atomic(pdf, destruction.render_pdf(data))
        files.write_atomic(table, destruction.render_csv(data))
        self.store.audit(self.user_id, Action.EXPORT, None, f"vernietigingslijst:{len(chosen)}")
        return pdf, table


def _counted(store: Store, decision: Record) -> dict[str, Any]:
    """What the period overview counts of a set decision, and nothing that names anyone."""
    resident = store.get("inwoner", decision["inwoner_id"]) or {}
    return {
        "gemeente": resident.get("gemeente"),
        "uitkomst": decision["uitkomst"],
        "afwijking_beleid": bool(decision.get("afwijking_beleid")),
        "vastgesteld_op": decision.get("vastgesteld_op"),
    }
