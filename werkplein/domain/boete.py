"""The fine for a breach of the duty to inform, computed in the open.

The fine matches the degree of blame (verwijtbaarheid) as a percentage of the
benadelingsbedrag (the amount unduly received), within a minimum and a maximum. The person's
draagkracht limits what is recovered per month, and the fine can be waived for urgent reasons
(dringende redenen). All amounts and percentages are policy parameters set by the teamleider,
never hard-coded law: the defaults below only seed a new werkplein.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from werkplein.domain.vocab import VERWIJTBAARHEID


@dataclass(frozen=True)
class BoeteBeleid:
    percentages: Mapping[str, int] = field(
        default_factory=lambda: {
            "opzet": 100,
            "grove_schuld": 75,
            "normaal": 50,
            "verminderd": 25,
            "geen": 0,
        }
    )
    minimum_cent: int = 0
    maximum_cent: int = 1_000_000  # policy cap per fine
    # when there is no benadeling at all, a fixed amount may apply (policy)
    zonder_benadeling_cent: int = 15_000
    # the share of monthly draagkracht that may be recovered
    draagkracht_pct: int = 10
    # the longest repayment the team finds proportionate; a longer plan is flagged, for the
    # klantmanager to weigh (lower the fine, waive it, or motivate the longer plan)
    max_aflossing_maanden: int = 36

    def to_json(self) -> dict[str, Any]:
        return {
            "percentages": dict(self.percentages),
            "minimum_cent": self.minimum_cent,
            "maximum_cent": self.maximum_cent,
            "zonder_benadeling_cent": self.zonder_benadeling_cent,
            "draagkracht_pct": self.draagkracht_pct,
            "max_aflossing_maanden": self.max_aflossing_maanden,
        }

    @classmethod
    def from_json(cls, raw: Mapping[str, Any]) -> BoeteBeleid:
        base = cls()
        return cls(
            percentages={**base.percentages, **dict(raw.get("percentages", {}))},
            minimum_cent=int(raw.get("minimum_cent", base.minimum_cent)),
            maximum_cent=int(raw.get("maximum_cent", base.maximum_cent)),
            zonder_benadeling_cent=int(
                raw.get("zonder_benadeling_cent", base.zonder_benadeling_cent)
            ),
            draagkracht_pct=int(raw.get("draagkracht_pct", base.draagkracht_pct)),
            max_aflossing_maanden=int(raw.get("max_aflossing_maanden", base.max_aflossing_maanden)),
        )


@dataclass(frozen=True)
class Voorstel:
    """A proposed fine and every step of how it was reached (shown to the user as is)."""

    bedrag_cent: int
    basis_cent: int
    percentage: int
    begrensd: str | None  # "minimum" | "maximum" | None
    afgezien: bool
    aflossing_per_maand_cent: int | None

    @property
    def aflossing_maanden(self) -> int | None:
        """Months until the fine is paid off at the monthly recovery; None when nothing is
        recovered per month (no draagkracht known, or nothing to pay)."""
        per_month = self.aflossing_per_maand_cent
        if not per_month or per_month <= 0 or not self.bedrag_cent:
            return None
        return -(-self.bedrag_cent // per_month)

    def te_lang(self, beleid: BoeteBeleid) -> bool:
        """Whether paying it off takes longer than the policy finds proportionate (also when
        nothing can be recovered per month at all)."""
        if self.bedrag_cent and self.aflossing_per_maand_cent == 0:
            return True
        months = self.aflossing_maanden
        return months is not None and months > beleid.max_aflossing_maanden

    def berekening(self) -> str:
        parts = [f"{self.basis_cent} x {self.percentage}%"]
        if self.begrensd:
            parts.append(f"begrensd: {self.begrensd}")
        if self.afgezien:
            parts.append("afgezien: dringende redenen")
        return "; ".join(parts)


def propose(
    beleid: BoeteBeleid,
    benadelingsbedrag_cent: int | None,
    verwijtbaarheid: str,
    *,
    draagkracht_cent: int | None = None,
    dringende_redenen: bool = False,
) -> Voorstel:
    if verwijtbaarheid not in VERWIJTBAARHEID:
        raise ValueError(f"unknown verwijtbaarheid: {verwijtbaarheid}")
    pct = int(beleid.percentages[verwijtbaarheid])
    if benadelingsbedrag_cent:
        basis = benadelingsbedrag_cent
        amount = basis * pct // 100
    else:
        basis = beleid.zonder_benadeling_cent
        amount = basis if pct else 0
    capped = None
    if pct and amount < beleid.minimum_cent:
        amount, capped = beleid.minimum_cent, "minimum"
    if amount > beleid.maximum_cent:
        amount, capped = beleid.maximum_cent, "maximum"
    if dringende_redenen:
        amount = 0
    per_month = None
    if draagkracht_cent is not None and amount:
        per_month = draagkracht_cent * beleid.draagkracht_pct // 100
    return Voorstel(amount, basis, pct, capped, dringende_redenen, per_month)
