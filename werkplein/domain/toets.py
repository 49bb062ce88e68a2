"""De Omgekeerde Toets as rules: what makes each step complete, and in which order.

1. Beoogd effect: the effect the resident wants, in their own words (the goal, not the means).
2. Grondwaarde: the laws in play and whether the effect fits why they were written.
3. Afweging: the effects checklist, and the costs of the intervention against doing nothing.
4. Juridische toets: the legal instruments, lawful or not, and the motivation of any deviation
   from policy. Only after 1-3; a decision can only be set when all four are complete.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from werkplein.domain.vocab import AFWEGING, GRONDWAARDE_PAST, WETTEN
from werkplein.i18n import N_

STEPS = (1, 2, 3, 4)
STEP_TITLES = {
    1: N_("Beoogd effect"),
    2: N_("Grondwaarde"),
    3: N_("Afweging"),
    4: N_("Juridische toets"),
}
STEP_FIELDS: dict[int, tuple[str, ...]] = {
    1: ("beoogd_effect", "gevraagd_middel"),
    2: ("wetten", "grondwaarde_past", "grondwaarde_toelichting"),
    3: ("afweging", "kosten_interventie", "kosten_niets_doen"),
    4: ("instrumenten", "rechtmatig", "afwijking_beleid", "motivering_afwijking"),
}
DONE_FIELD = {n: f"stap{n}_gereed" for n in STEPS}


def step_of_field(name: str) -> int | None:
    for step, names in STEP_FIELDS.items():
        if name in names:
            return step
    return None


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def step_problems(case: Mapping[str, Any], step: int) -> list[str]:
    """Why ``step`` is not yet complete (message ids; empty list = complete in content)."""
    problems: list[str] = []
    if step == 1:
        if _blank(case.get("beoogd_effect")):
            problems.append(N_("Describe the effect the resident wants, in their own words."))
    elif step == 2:
        wetten = case.get("wetten") or []
        if not wetten:
            problems.append(N_("Name at least one law in play."))
        elif any(w not in WETTEN for w in wetten):
            problems.append(N_("Choose the laws from the list."))
        if case.get("grondwaarde_past") not in GRONDWAARDE_PAST:
            problems.append(N_("Say whether the effect fits the grondwaarde: yes, partly or no."))
        if _blank(case.get("grondwaarde_toelichting")):
            problems.append(N_("Explain why the effect does or does not fit the grondwaarde."))
    elif step == 3:
        afweging = case.get("afweging") or {}
        if any(_blank(afweging.get(key)) for key in AFWEGING):
            problems.append(N_("Weigh every item of the effects checklist."))
    elif step == 4:
        instrumenten = case.get("instrumenten") or []
        if not instrumenten or any(
            _blank(i.get("wet")) or _blank(i.get("artikel")) for i in instrumenten
        ):
            problems.append(N_("Name the legal instruments: the law and the article."))
        if case.get("rechtmatig") is None:
            problems.append(N_("Say whether the decision is lawful."))
        if case.get("afwijking_beleid") is None:
            problems.append(N_("Say whether the decision deviates from policy."))
        elif case.get("afwijking_beleid") and _blank(case.get("motivering_afwijking")):
            problems.append(N_("Motivate in writing why the decision deviates from policy."))
    else:
        raise ValueError(f"no such step: {step}")
    return problems


def order_problems(case: Mapping[str, Any], step: int) -> list[str]:
    """Step 4 can only be completed after steps 1-3 (the law closes the process)."""
    if step == 4 and not all(case.get(DONE_FIELD[n]) for n in (1, 2, 3)):
        return [N_("Complete steps 1 to 3 first: the legal check closes the process.")]
    return []


def all_complete(case: Mapping[str, Any]) -> bool:
    return all(case.get(DONE_FIELD[n]) and not step_problems(case, n) for n in STEPS)


def steps_reopened_by(changed_fields: set[str]) -> set[int]:
    """Changing a completed step reopens it and every later step."""
    touched = {s for f in changed_fields if (s := step_of_field(f)) is not None}
    if not touched:
        return set()
    first = min(touched)
    return {n for n in STEPS if n >= first}


@dataclass(frozen=True)
class CostLine:
    code: str
    omschrijving: str
    aantal: int
    bedrag_cent: int  # price per unit

    @property
    def totaal_cent(self) -> int:
        return self.aantal * self.bedrag_cent


@dataclass(frozen=True)
class CostComparison:
    interventie: tuple[CostLine, ...]
    niets_doen: tuple[CostLine, ...]

    @property
    def interventie_cent(self) -> int:
        return sum(line.totaal_cent for line in self.interventie)

    @property
    def niets_doen_cent(self) -> int:
        return sum(line.totaal_cent for line in self.niets_doen)

    @property
    def verschil_cent(self) -> int:
        """Positive: doing nothing costs society more than the intervention."""
        return self.niets_doen_cent - self.interventie_cent


def cost_lines(
    lines: list[Mapping[str, Any]] | None, prices: Mapping[str, Mapping[str, Any]]
) -> tuple[CostLine, ...]:
    """Resolve ``[{"code": "fiets", "aantal": 1}]`` against the price list. A line may also
    carry its own ``omschrijving`` and ``bedrag_cent`` (a cost not on the list)."""
    out = []
    for line in lines or []:
        code = str(line.get("code", ""))
        price = prices.get(code)
        amount = line.get("bedrag_cent", price["bedrag_cent"] if price else None)
        if amount is None:
            raise ValueError(f"unknown price code: {code}")
        label = line.get("omschrijving") or (price["omschrijving"] if price else code)
        out.append(CostLine(code, str(label), int(line.get("aantal", 1)), int(amount)))
    return tuple(out)


def compare_costs(
    case: Mapping[str, Any], prices: Mapping[str, Mapping[str, Any]]
) -> CostComparison:
    return CostComparison(
        cost_lines(case.get("kosten_interventie"), prices),
        cost_lines(case.get("kosten_niets_doen"), prices),
    )
