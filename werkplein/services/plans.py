"""The toekomstplan as a drieluik: left the leefgebieden, middle the agreements made, right how
things should look in a year. The resident's own words lead."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from werkplein.domain.records import live
from werkplein.domain.roles import Permission
from werkplein.domain.vocab import LEEFGEBIEDEN
from werkplein.errors import ValidationFailed
from werkplein.i18n import _
from werkplein.services.base import Service
from werkplein.services.types import Changes
from werkplein.store.store import Record

_ROW_NAMESPACE = uuid.UUID("6f1d6c8e-2b0a-5c3e-9a4f-7d2e1b0c9a81")


def plan_row_id(plan_id: str, leefgebied: str) -> str:
    """The id of a plan's row for one leefgebied: the same on every laptop."""
    return str(uuid.uuid5(_ROW_NAMESPACE, f"{plan_id}:{leefgebied}"))


@dataclass(frozen=True)
class PlanPanel:
    leefgebied: str
    nu: str
    afspraken: str
    over_een_jaar: str


class PlanService(Service):
    def create(self, inwoner_id: str, in_eigen_woorden: str = "") -> str:
        self.session.require(Permission.EDIT_PLAN)
        self.store.require("inwoner", inwoner_id)
        with self._write() as w:
            plan_id, _change = w.put(
                "toekomstplan",
                None,
                {
                    "inwoner_id": inwoner_id,
                    "opgesteld_op": self._today(),
                    "in_eigen_woorden": in_eigen_woorden.strip() or None,
                },
            )
        return plan_id

    def set_row(
        self,
        plan_id: str,
        leefgebied: str,
        *,
        nu: str | None = None,
        afspraken: str | None = None,
        over_een_jaar: str | None = None,
    ) -> Changes:
        """Fill one leefgebied across the three panels (only the given panels change)."""
        self.session.require(Permission.EDIT_PLAN)
        plan = self.store.require("toekomstplan", plan_id)
        if leefgebied not in LEEFGEBIEDEN:
            raise ValidationFailed(field=_("leefgebied"), problem=_("unknown"))
        values = {
            k: v
            for k, v in {"nu": nu, "afspraken": afspraken, "over_een_jaar": over_een_jaar}.items()
            if v is not None
        }
        # one row per plan and leefgebied, under an id every laptop computes alike: two
        # colleagues filling the same leefgebied offline write the same record (a conflict to
        # settle, never two rows of which each screen shows another)
        row_id = plan_row_id(plan_id, leefgebied)
        legacy = self.store.find(
            "plan_regel",
            "plan_id = ? AND leefgebied = ? AND id <> ?",
            (plan_id, leefgebied, row_id),
            "id",
            limit=1,
        )
        with self._write() as w:
            if legacy and self.store.get("plan_regel", row_id) is None:
                w.put("plan_regel", legacy[0]["id"], values)  # made by an older version
            else:
                w.put(
                    "plan_regel",
                    row_id,
                    {
                        "plan_id": plan_id,
                        "inwoner_id": plan["inwoner_id"],
                        "leefgebied": leefgebied,
                        **values,
                    },
                )
        return w.changes

    def drieluik(self, plan_id: str) -> list[PlanPanel]:
        """All seven leefgebieden in their fixed order, filled or empty."""
        self.session.require(Permission.VIEW_DOSSIER)
        plan = self.store.require("toekomstplan", plan_id)
        self._viewed(plan["inwoner_id"], f"toekomstplan:{plan_id}")
        rows: dict[str, Record] = {}
        for r in live(self.store.find("plan_regel", "plan_id = ?", (plan_id,), "id")):
            stable = r["id"] == plan_row_id(plan_id, r["leefgebied"])
            if stable or r["leefgebied"] not in rows:  # the same row on every laptop
                rows[r["leefgebied"]] = r
        return [
            PlanPanel(
                key,
                (rows.get(key) or {}).get("nu") or "",
                (rows.get(key) or {}).get("afspraken") or "",
                (rows.get(key) or {}).get("over_een_jaar") or "",
            )
            for key in LEEFGEBIEDEN
        ]

    def for_resident(self, inwoner_id: str) -> list[Record]:
        self.session.require(Permission.VIEW_DOSSIER)
        return live(
            self.store.find("toekomstplan", "inwoner_id = ?", (inwoner_id,), "opgesteld_op")
        )
