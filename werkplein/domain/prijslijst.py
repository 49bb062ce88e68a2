"""The default price list of societal costs (maatschappelijke kosten).

These are starting figures for a new werkplein, to be set by the teamleider for the region
(Settings > Prijslijst). One team keeps such a list next to the desk: "placing a child out of
home costs about EUR 53,500". Amounts in integer cents.
"""

from __future__ import annotations

from werkplein.i18n import N_

DEFAULT_PRICES: dict[str, tuple[str, int, str]] = {
    # code: (description, amount in cents, unit)
    "uithuisplaatsing": (N_("Placing a child out of home"), 5_350_000, N_("per year")),
    "huisuitzetting": (N_("Eviction and its aftermath"), 800_000, N_("once")),
    "maatschappelijke_opvang": (N_("Shelter (maatschappelijke opvang)"), 4_000_000, N_("per year")),
    "bijstand_maand": (N_("Social assistance, single person"), 130_000, N_("per month")),
    "schuldhulp_traject": (N_("Debt counselling trajectory"), 250_000, N_("once")),
    "beschermingsbewind": (N_("Protective administration (bewind)"), 170_000, N_("per year")),
    "budgetbeheer": (N_("Budget management"), 90_000, N_("per year")),
    "fiets": (N_("A bicycle"), 45_000, N_("once")),
    "kleine_schulden": (N_("Paying off small debts"), 100_000, N_("once")),
    "re_integratie": (N_("Work reintegration trajectory"), 300_000, N_("once")),
}
