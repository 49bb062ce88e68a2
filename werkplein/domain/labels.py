"""Field names as users read them (message ids; translated when shown)."""

from __future__ import annotations

from werkplein.i18n import N_, _

FIELD_LABELS: dict[str, str] = {
    "bsn": N_("BSN"),
    "first_names": N_("first names"),
    "prefix": N_("prefix"),
    "last_name": N_("surname"),
    "birth_date": N_("birth date"),
    "street": N_("street"),
    "house_number": N_("house number"),
    "postcode": N_("postcode"),
    "city": N_("town"),
    "gemeente": N_("gemeente"),
    "name": N_("name"),
    "relation": N_("relation"),
    "role": N_("role"),
    "text": N_("note"),
    "note": N_("note"),
    "title": N_("title"),
    "titel": N_("title"),
    "status": N_("status"),
    "opened_on": N_("opened on"),
    "outcome": N_("outcome"),
    "uitkomst": N_("outcome"),
    "motivation": N_("motivation"),
    "comment": N_("comment"),
    "situation": N_("situation"),
    "what the resident wants": N_("what the resident wants"),
    "breach": N_("breach"),
    "overtreding": N_("breach"),
    "description": N_("description"),
    "omschrijving": N_("description"),
    "code": N_("code"),
    "grondwaarde": N_("grondwaarde"),
    "verwijtbaarheid": N_("verwijtbaarheid"),
    "benadelingsbedrag_cent": N_("benadelingsbedrag"),
    "draagkracht_cent": N_("draagkracht"),
    "periode_van": N_("period from"),
    "periode_tot": N_("period until"),
    "heroverweging_op": N_("review date"),
    "gepland_op": N_("planned for"),
    "value": N_("value"),
    "bedrag_cent": N_("amount"),
    "inwoner_id": N_("resident"),
    "casus_id": N_("case"),
    "versie": N_("version"),
}


def label(name: str) -> str:
    return _(FIELD_LABELS.get(name, name))
