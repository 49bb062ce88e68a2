"""The toekomstplan as a drieluik: left the leefgebieden, middle the agreements made, right how
things should look in a year. The resident's own words lead."""

from __future__ import annotations

from dataclasses import dataclass

from werkplein.domain.roles import Permission
from werkplein.domain.vocab import LEEFGEBIEDEN
from werkplein.errors import ValidationFailed
from werkplein.i18n import _
from werkplein.services.base import Service, live
from werkplein.store.store import Record


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
    ) -> None:
        """Fill one leefgebied across the three panels (only the given panels change)."""
        self.session.require(Permission.EDIT_PLAN)
        plan = self.store.require("toekomstplan", plan_id)
        if leefgebied not in LEEFGEBIEDEN:
            raise ValidationFailed(field=_("leefgebied"), problem=_("unknown"))
        existing = self.store.find(
            "plan_regel", "plan_id = ? AND leefgebied = ?", (plan_id, leefgebied), limit=1
        )
        values = {
            k: v
            for k, v in {"nu": nu, "afspraken": afspraken, "over_een_jaar": over_een_jaar}.items()
            if v is not None
        }
        with self._write() as w:
            if existing:
                w.put("plan_regel", existing[0]["id"], values)
            else:
                w.put(
                    "plan_regel",
                    None,
                    {
                        "plan_id": plan_id,
                        "inwoner_id": plan["inwoner_id"],
                        "leefgebied": leefgebied,
                        **values,
                    },
                )

    def drieluik(self, plan_id: str) -> list[PlanPanel]:
        """All seven leefgebieden in their fixed order, filled or empty."""
        self.session.require(Permission.VIEW_DOSSIER)
        plan = self.store.require("toekomstplan", plan_id)
        self._viewed(plan["inwoner_id"], f"toekomstplan:{plan_id}")
        rows = {
            r["leefgebied"]: r
            for r in live(self.store.find("plan_regel", "plan_id = ?", (plan_id,)))
        }
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
