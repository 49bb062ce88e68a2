"""The fixed vocabularies of the domain, with their Dutch labels (translated at display time)."""

from __future__ import annotations

from werkplein.i18n import N_

LEEFGEBIEDEN: dict[str, str] = {
    "wonen": N_("Housing"),
    "inkomen": N_("Income"),
    "financien": N_("Finances and debts"),
    "werk": N_("Work and daytime activity"),
    "gezondheid": N_("Health and care"),
    "gezin": N_("Family and parenting"),
    "netwerk": N_("Social network"),
}
# the huisbezoek's observation field of each leefgebied
OBSERVATION_FIELD: dict[str, str] = {key: f"obs_{key}" for key in LEEFGEBIEDEN}

WETTEN: dict[str, str] = {
    "pw": N_("Participatiewet"),
    "wmo": N_("Wmo 2015"),
    "jw": N_("Jeugdwet"),
    "wgs": N_("Wet gemeentelijke schuldhulpverlening"),
}

GRONDWAARDE_PAST: dict[str, str] = {
    "ja": N_("yes"),
    "deels": N_("partly"),
    "nee": N_("no"),
}

# Step 3: the effects checklist of De Omgekeerde Toets. Every item must be weighed.
AFWEGING: dict[str, str] = {
    "kort_inwoner": N_("Short-term effects on the resident"),
    "lang_inwoner": N_("Long-term effects on the resident"),
    "huishouden": N_("Effects on the household"),
    "omgeving": N_("Effects on the surroundings"),
    "vermogens": N_("The resident's abilities and skills"),
    "financieel": N_("Financial consequences for resident and municipality"),
    "beleid": N_("The municipality's working principles and local policy"),
    "niets_doen": N_("What happens if we do nothing?"),
    "eigen_stoel": N_("Would I accept this if I were in their seat?"),
}

UITKOMSTEN: dict[str, str] = {
    "toegekend": N_("granted"),
    "toegekend_voorwaarden": N_("granted on conditions"),
    "afgewezen": N_("refused"),
    "anders_geregeld": N_("arranged otherwise"),
}

BESLUIT_STATUS: dict[str, str] = {
    "concept": N_("draft"),
    "ter_goedkeuring": N_("awaiting approval"),
    "vastgesteld": N_("set"),
    "afgekeurd": N_("sent back"),
}

VERWIJTBAARHEID: dict[str, str] = {
    "opzet": N_("intent"),
    "grove_schuld": N_("gross negligence"),
    "normaal": N_("normal culpability"),
    "verminderd": N_("reduced culpability"),
    "geen": N_("no culpability"),
}

BOETE_STATUS: dict[str, str] = {
    "voorbereiding": N_("in preparation"),
    "gesprek_gepland": N_("talk planned"),
    "afgerond": N_("completed"),
}

OVERDRACHT_STATUS: dict[str, str] = {
    "verzonden": N_("sent"),
    "geaccepteerd": N_("accepted"),
    "teruggestuurd": N_("returned"),
}

HUISBEZOEK_STATUS: dict[str, str] = {
    "gepland": N_("planned"),
    "uitgevoerd": N_("carried out"),
    "geannuleerd": N_("cancelled"),
}

SIGNAAL_STATUS: dict[str, str] = {
    "nieuw": N_("new"),
    "in_behandeling": N_("being reviewed"),
    "doorgezet": N_("passed on to policy"),
    "afgesloten": N_("closed"),
}

CASUS_STATUS: dict[str, str] = {
    "open": N_("open"),
    "gesloten": N_("closed"),
}
