"""Home visits (huisbezoeken): planned on the laptop, carried out offline, observations per
leefgebied saved as they are typed (every save is its own small transaction)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from werkplein.domain.dates import local_day, parse_date
from werkplein.domain.roles import Permission
from werkplein.domain.vocab import OBSERVATION_FIELD
from werkplein.errors import RuleViolation, ValidationFailed
from werkplein.i18n import N_, _
from werkplein.services.base import Service, moment_field
from werkplein.services.types import Changes, iso
from werkplein.store.store import Record

DEFAULT_CHECKLIST = [
    N_("Identity checked"),
    N_("Household composition discussed"),
    N_("Housing situation seen"),
    N_("Income and costs discussed"),
    N_("Debts discussed"),
    N_("Work and daytime activity discussed"),
    N_("Health and care discussed"),
    N_("Agreements and next step explained"),
]


COMPLETED = N_(
    "This home visit is completed: its observations are locked. Add a note to it instead "
    "(an addendum, with its own time and author)."
)


class VisitService(Service):
    def plan(
        self,
        inwoner_id: str,
        gepland_op: str,
        *,
        doel: str = "",
        casus_id: str | None = None,
        medewerkers: list[str] | None = None,
    ) -> str:
        """Plan a visit; ``medewerkers`` lists the colleagues going along (a joint visit)."""
        self.session.require(Permission.PLAN_VISIT)
        self.store.require("inwoner", inwoner_id)
        try:
            when = gepland_op if "T" in gepland_op else parse_date(gepland_op).isoformat()
        except ValueError:
            raise ValidationFailed(field=_("date"), problem=_("is not a valid date")) from None
        team = [self.user_id, *[m for m in medewerkers or [] if m != self.user_id]]
        with self._write() as w:
            visit_id, _change = w.put(
                "huisbezoek",
                None,
                {
                    "inwoner_id": inwoner_id,
                    "casus_id": casus_id,
                    "gepland_op": when,
                    "status": "gepland",
                    "medewerkers": team,
                    "doel": doel.strip() or None,
                    # in the user's language and in a fixed order: a list, not a mapping
                    "checklist": [{"item": _(i), "done": False} for i in DEFAULT_CHECKLIST],
                },
            )
        return visit_id

    def get(self, visit_id: str) -> Record:
        self.session.require(Permission.VIEW_DOSSIER)
        visit = self.store.require("huisbezoek", visit_id)
        self._viewed(visit["inwoner_id"], f"huisbezoek:{visit_id}")
        return visit

    def _open_visit(self, visit_id: str, *, addendum: bool = False) -> Record:
        """The visit, when it may still be written to: not cancelled, and not completed unless
        what is written is an addendum (a note of its own, with its own time and author)."""
        self.session.require(Permission.PLAN_VISIT)
        visit = self.store.require("huisbezoek", visit_id)
        if visit["status"] == "geannuleerd":
            raise RuleViolation(N_("This visit was cancelled."))
        if visit["status"] == "uitgevoerd" and not addendum:
            raise RuleViolation(COMPLETED)
        return visit

    def observe(self, visit_id: str, leefgebied: str, text: str) -> Changes:
        """Save the observation for one leefgebied (called as the user types)."""
        self._open_visit(visit_id)
        if leefgebied not in OBSERVATION_FIELD:
            raise ValidationFailed(field=_("leefgebied"), problem=_("unknown"))
        with self._write() as w:
            w.put("huisbezoek", visit_id, {OBSERVATION_FIELD[leefgebied]: text or None})
        return w.changes

    def tick(self, visit_id: str, item: str, done: bool) -> Changes:
        """Tick (or untick) a checklist item; an item not on the list is added."""
        visit = self._open_visit(visit_id)
        checklist: list[dict[str, Any]] = [dict(e) for e in visit.get("checklist") or []]
        for entry in checklist:
            if entry["item"] == item:
                entry["done"] = done
                break
        else:
            checklist.append({"item": item, "done": done})
        with self._write() as w:
            w.put("huisbezoek", visit_id, {"checklist": checklist})
        return w.changes

    def quick_note(self, visit_id: str, text: str, leefgebied: str | None = None) -> str:
        """A note made during the visit; after it was completed, an addendum to it."""
        visit = self._open_visit(visit_id, addendum=True)
        return self.session.residents.write_note(
            visit["inwoner_id"],
            text,
            leefgebied=leefgebied,
            casus_id=visit.get("casus_id"),
            huisbezoek_id=visit_id,
        )

    def complete(self, visit_id: str, uitgevoerd_op: str | None = None) -> Changes:
        """Complete the visit: its observations are locked from then on. ``uitgevoerd_op``
        (ISO moment) is when it took place; by default the planned moment once that has come,
        else now (completed early). Never in the future."""
        visit = self._open_visit(visit_id)
        now = self.store.clock.now()
        gepland = str(visit["gepland_op"])
        if "T" in gepland:
            planned = moment_field(gepland)
        else:  # planned for a day, no time: midday of that day, the user's time
            planned = dt.datetime.combine(parse_date(gepland), dt.time(12)).astimezone()
        when = moment_field(uitgevoerd_op) if uitgevoerd_op else min(planned, now)
        if when > now:
            raise ValidationFailed(field=_("carried out on"), problem=_("lies in the future"))
        with self._write() as w:
            w.put("huisbezoek", visit_id, {"status": "uitgevoerd", "uitgevoerd_op": iso(when)})
        return w.changes

    def cancel(self, visit_id: str) -> Changes:
        self._open_visit(visit_id)
        with self._write() as w:
            w.put("huisbezoek", visit_id, {"status": "geannuleerd"})
        return w.changes

    def note(self, note_id: str) -> Record | None:
        """One note (e.g. the quick note just written), or None."""
        self.session.require(Permission.VIEW_DOSSIER)
        return self.store.get("notitie", note_id)

    def notes(self, visit_id: str) -> list[Record]:
        """The quick notes made during one visit, newest first."""
        self.session.require(Permission.VIEW_DOSSIER)
        self.store.require("huisbezoek", visit_id)
        return self.store.find("notitie", "huisbezoek_id = ?", (visit_id,), "written_at DESC")

    def planned(self, until: str | None = None) -> list[Record]:
        """Planned visits of this user (Mijn werk), soonest first."""
        self.session.require(Permission.VIEW_DOSSIER)
        rows = self.store.find("huisbezoek", "status = 'gepland'", (), "gepland_op")
        mine = [v for v in rows if self.user_id in (v.get("medewerkers") or [])]
        return [v for v in mine if until is None or local_day(v["gepland_op"]) <= until]
