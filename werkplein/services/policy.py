"""Team settings: the region, the price list and the fine policy (teamleider only).

Settings are synced records with fixed ids (the setting's key, or a name-based UUID for a price
code), so laptops that set the same thing converge on one record instead of making duplicates.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

from werkplein.domain import retention as retention_rules
from werkplein.domain.boete import BoeteBeleid
from werkplein.domain.prijslijst import DEFAULT_PRICES
from werkplein.domain.roles import Permission
from werkplein.errors import ValidationFailed
from werkplein.i18n import _
from werkplein.services.base import Service, required_text
from werkplein.services.types import Changes

_PRICE_NAMESPACE = uuid.UUID("5d1c2b58-8a4e-4c1e-9f7e-3b0c9d6a2e11")
REGION = "werkplein.regio"
BOETE_BELEID = "boete.beleid"
RETENTION = "bewaartermijn.jaren"  # a client dossier
RETENTION_WITH_FINE = "bewaartermijn.boete.jaren"  # a client dossier in which a fine was imposed
DEFAULT_RETENTION_YEARS = retention_rules.DEFAULT_YEARS[retention_rules.DOSSIER]


def price_id(code: str) -> str:
    return str(uuid.uuid5(_PRICE_NAMESPACE, code))


@dataclass(frozen=True)
class Region:
    naam: str
    gemeenten: tuple[str, ...]


class PolicyService(Service):
    def _setting(self, key: str) -> Any:
        record = self.store.get("instelling", key)
        return None if record is None else record["value"]

    def _set(self, key: str, value: Any) -> Changes:
        self.session.require(Permission.EDIT_POLICY)
        with self._write() as w:
            w.put("instelling", key, {"value": value})
        return w.changes

    # ------------------------------------------------------------------ region
    def region(self) -> Region:
        raw = self._setting(REGION) or {}
        return Region(str(raw.get("naam", "Werkplein")), tuple(raw.get("gemeenten", ())))

    def set_region(self, naam: str, gemeenten: list[str]) -> None:
        names = [required_text("gemeente", g) for g in gemeenten]
        self._set(REGION, {"naam": required_text("name", naam), "gemeenten": names})

    # ------------------------------------------------------------------ price list
    def prices(self) -> dict[str, dict[str, Any]]:
        """code -> {code, omschrijving, bedrag_cent, eenheid}: defaults overlaid by the team's."""
        out: dict[str, dict[str, Any]] = {
            code: {"code": code, "omschrijving": _(label), "bedrag_cent": cents, "eenheid": _(unit)}
            for code, (label, cents, unit) in DEFAULT_PRICES.items()
        }
        for record in self.store.find("prijs"):
            if record.get("deleted"):
                out.pop(record["code"], None)
            else:
                out[record["code"]] = {
                    k: record[k] for k in ("code", "omschrijving", "bedrag_cent", "eenheid")
                }
        return out

    def set_price(
        self, code: str, omschrijving: str, bedrag_cent: int, eenheid: str = ""
    ) -> Changes:
        self.session.require(Permission.EDIT_POLICY)
        code = required_text("code", code)
        if bedrag_cent < 0:
            raise ValidationFailed(field=_("amount"), problem=_("may not be negative"))
        with self._write() as w:
            w.put(
                "prijs",
                price_id(code),
                {
                    "code": code,
                    "omschrijving": required_text("description", omschrijving),
                    "bedrag_cent": bedrag_cent,
                    "eenheid": eenheid,
                    "deleted": False,
                },
            )
        return w.changes

    def remove_price(self, code: str) -> Changes:
        self.session.require(Permission.EDIT_POLICY)
        current = self.prices().get(code)
        if current is None:
            return Changes()
        with self._write() as w:
            w.put("prijs", price_id(code), {**current, "deleted": True})
        return w.changes

    # ------------------------------------------------------------------ fines
    def boete_beleid(self) -> BoeteBeleid:
        raw = self._setting(BOETE_BELEID)
        return BoeteBeleid.from_json(raw) if raw else BoeteBeleid()

    def set_boete_beleid(self, beleid: BoeteBeleid) -> None:
        if any(not 0 <= p <= 100 for p in beleid.percentages.values()):
            raise ValidationFailed(field=_("percentage"), problem=_("must be between 0 and 100"))
        if beleid.minimum_cent > beleid.maximum_cent:
            raise ValidationFailed(
                field=_("minimum"), problem=_("may not be higher than the maximum")
            )
        self._set(BOETE_BELEID, beleid.to_json())

    # ------------------------------------------------------------------ retention
    def retention_years(self) -> int:
        return int(self._setting(RETENTION) or DEFAULT_RETENTION_YEARS)

    def set_retention_years(self, years: int) -> None:
        if years < 1:
            raise ValidationFailed(field=_("retention"), problem=_("must be at least one year"))
        self._set(RETENTION, years)

    def retention_periods(self) -> dict[str, int]:
        """Years a dossier is kept after it ended, per category (see domain/retention.py)."""
        with_fine = self._setting(RETENTION_WITH_FINE)
        return {
            retention_rules.DOSSIER: self.retention_years(),
            retention_rules.WITH_FINE: int(
                with_fine or retention_rules.DEFAULT_YEARS[retention_rules.WITH_FINE]
            ),
        }

    def set_retention_years_with_fine(self, years: int) -> None:
        if years < self.retention_years():
            raise ValidationFailed(
                field=_("retention with a fine"),
                problem=_("may not be shorter than the retention of a dossier"),
            )
        self._set(RETENTION_WITH_FINE, years)
