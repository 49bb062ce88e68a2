"""Cases (casussen) and the four steps of De Omgekeerde Toets."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from werkplein.domain import toets
from werkplein.domain.roles import Permission
from werkplein.domain.vocab import AFWEGING, GRONDWAARDE_PAST, WETTEN
from werkplein.errors import RuleViolation, ValidationFailed
from werkplein.i18n import N_, _
from werkplein.services.base import Service, choice, required_text, rule
from werkplein.store.store import Changes, Record

CASE_CLOSED = N_("This case is closed. Reopen it to change it.")
IN_ORDER = N_("Complete the steps in order: finish the previous step first.")


@dataclass(frozen=True)
class StepState:
    step: int
    complete: bool
    problems: tuple[str, ...]  # message ids, translate to show
    can_complete: bool


def _validate_step_fields(values: dict[str, Any]) -> None:
    for name, value in values.items():
        if toets.step_of_field(name) is None:
            raise ValueError(f"not a toets field: {name}")
        if value is None:
            continue
        if name == "wetten":
            if not isinstance(value, list) or any(w not in WETTEN for w in value):
                raise ValidationFailed(field=_("laws"), problem=_("choose from the list"))
        elif name == "grondwaarde_past":
            choice("grondwaarde", value, GRONDWAARDE_PAST)
        elif name == "afweging":
            if not isinstance(value, dict) or set(value) - set(AFWEGING):
                raise ValidationFailed(field=_("weighing"), problem=_("unknown checklist item"))
        elif name == "instrumenten" and (
            not isinstance(value, list) or not all(isinstance(i, dict) for i in value)
        ):
            raise ValidationFailed(field=_("instruments"), problem=_("law and article"))
        elif name in ("kosten_interventie", "kosten_niets_doen") and (
            not isinstance(value, list)
            or any(not isinstance(i, dict) or int(i.get("aantal", 1)) < 0 for i in value)
        ):
            raise ValidationFailed(field=_("costs"), problem=_("not a valid cost line"))


class CaseService(Service):
    def open(self, inwoner_id: str, title: str) -> str:
        self.session.require(Permission.EDIT_CASE)
        self.store.require("inwoner", inwoner_id)
        values = {
            "inwoner_id": inwoner_id,
            "title": required_text("title", title),
            "status": "open",
            "opened_on": self._today(),
            "owner_id": self.user_id,
            **{toets.DONE_FIELD[n]: False for n in toets.STEPS},
        }
        with self._write() as w:
            casus_id, _change = w.put("casus", None, values)
        return casus_id

    def get(self, casus_id: str) -> Record:
        self.session.require(Permission.VIEW_DOSSIER)
        case = self.store.require("casus", casus_id)
        self._viewed(case["inwoner_id"], f"casus:{casus_id}")
        return case

    def for_resident(self, inwoner_id: str) -> list[Record]:
        self.session.require(Permission.VIEW_DOSSIER)
        return self.store.find(
            "casus", "inwoner_id = ? AND coalesce(deleted, 0) = 0", (inwoner_id,), "opened_on"
        )

    def update(self, casus_id: str, **values: Any) -> Changes:
        """Change toets fields. Changing a completed step reopens it and every later step:
        the steps build on each other."""
        self.session.require(Permission.EDIT_CASE)
        _validate_step_fields(values)
        with self._write() as w:  # read once, inside the transaction that writes
            case = w.require("casus", casus_id)
            if case["status"] != "open":
                raise RuleViolation(CASE_CLOSED)
            changed = {k for k, v in values.items() if case.get(k) != v}
            reopen = {
                toets.DONE_FIELD[n]: False
                for n in toets.steps_reopened_by(changed)
                if case.get(toets.DONE_FIELD[n])
            }
            w.put("casus", casus_id, {**values, **reopen}, current=case)
        return w.changes

    def step_states(self, case: Record) -> list[StepState]:
        """Per step: complete?, what is still missing, and may it be completed now?"""
        states = []
        for n in toets.STEPS:
            problems = toets.order_problems(case, n)
            if not problems and not self._previous_done(case, n):
                problems = [IN_ORDER]
            problems += toets.step_problems(case, n)
            complete = bool(case.get(toets.DONE_FIELD[n]))
            states.append(StepState(n, complete, tuple(problems), not problems))
        return states

    @staticmethod
    def _previous_done(case: Record, step: int) -> bool:
        return all(case.get(toets.DONE_FIELD[m]) for m in range(1, step))

    def complete_step(self, casus_id: str, step: int) -> Changes:
        """Mark a step complete. Steps go in order; step 4 only after 1-3."""
        self.session.require(Permission.EDIT_CASE)
        if step not in toets.STEPS:
            raise ValueError(f"no such step: {step}")
        with self._write() as w:  # the rules are checked on the case as this write finds it
            case = w.require("casus", casus_id)
            if case["status"] != "open":
                raise RuleViolation(CASE_CLOSED)
            rule(toets.order_problems(case, step))
            if not self._previous_done(case, step):
                raise RuleViolation(IN_ORDER)
            rule(toets.step_problems(case, step))
            w.put("casus", casus_id, {toets.DONE_FIELD[step]: True}, current=case)
        return w.changes

    def costs(self, case: Record) -> toets.CostComparison:
        """The intervention against doing nothing, priced from the team's price list."""
        try:
            return toets.compare_costs(case, self.session.policy.prices())
        except ValueError:
            raise ValidationFailed(
                field=_("costs"), problem=_("a cost line refers to a price that no longer exists")
            ) from None

    def close(self, casus_id: str) -> Changes:
        self.session.require(Permission.EDIT_CASE)
        self.store.require("casus", casus_id)
        with self._write() as w:
            w.put("casus", casus_id, {"status": "gesloten", "closed_on": self._today()})
        return w.changes

    def reopen(self, casus_id: str) -> Changes:
        self.session.require(Permission.EDIT_CASE)
        self.store.require("casus", casus_id)
        with self._write() as w:
            w.put("casus", casus_id, {"status": "open", "closed_on": None})
        return w.changes
