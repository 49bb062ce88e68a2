"""Retention: when a resident's dossier ends, and when it must be destroyed.

The Archiefwet's selectielijst for gemeenten sets how long a client dossier is kept after it
ends: commonly 10 years, longer where a sanction (a fine) was imposed. The periods are the
team's settings (the teamleider's, ``PolicyService``): check them against the selectielijst
your gemeenten use.

A dossier has ended when nothing in it runs any more: no open case, no decision whose period
runs on, no fine still being handled, no home visit planned ahead, no handover waiting for an
answer.
It ended on the latest of: a case closed, a decision's period ended, a fine completed. A
teamleider may keep it longer ("bewaren tot", e.g. for an objection or a court case).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

DOSSIER = "dossier"  # a client dossier
WITH_FINE = "dossier_boete"  # a client dossier in which a fine was imposed
CATEGORIES = (DOSSIER, WITH_FINE)
DEFAULT_YEARS = {DOSSIER: 10, WITH_FINE: 20}


@dataclass(frozen=True)
class Facts:
    """What decides one resident's retention, gathered from the store."""

    open_cases: int
    last_closed: str | None  # ISO date of the last case closed
    running_until: str | None  # the latest end of a set decision's period (ISO date)
    open_decision_periods: int  # set decisions with a period but no end
    open_fines: int
    last_fine: str | None  # the latest day a fine was dealt with (ISO date)
    fines: int  # fines ever (the longer period applies)
    hold_until: str | None = None  # the teamleider's "bewaren tot" (ISO date)
    open_work: int = 0  # home visits planned from today on, handovers not answered yet


@dataclass(frozen=True)
class Retention:
    """One resident's retention: ``ended_on`` None while the dossier still runs."""

    category: str
    ended_on: dt.date | None
    destroy_on: dt.date | None

    def due(self, today: dt.date) -> bool:
        return self.destroy_on is not None and self.destroy_on <= today


def _day(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value[:10]) if value else None


def add_years(day: dt.date, years: int) -> dt.date:
    """``day`` ``years`` later; 29 February becomes 28 February in a common year."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def retention(facts: Facts, today: dt.date, years: dict[str, int]) -> Retention:
    category = WITH_FINE if facts.fines else DOSSIER
    running_until = _day(facts.running_until)
    still_running = (
        facts.open_cases > 0
        or facts.open_decision_periods > 0
        or facts.open_fines > 0
        or facts.open_work > 0
        or (running_until is not None and running_until >= today)
    )
    ends = [d for d in (_day(facts.last_closed), running_until, _day(facts.last_fine)) if d]
    if still_running or not ends:
        return Retention(category, None, None)
    ended_on = max(ends)
    destroy_on = add_years(ended_on, years.get(category, DEFAULT_YEARS[category]))
    hold = _day(facts.hold_until)
    if hold is not None and hold > destroy_on:
        destroy_on = hold
    return Retention(category, ended_on, destroy_on)
