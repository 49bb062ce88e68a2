"""What the store holds: one spec per synced entity, the single source for field names and types.

Every entity table has ``rid INTEGER PRIMARY KEY`` (device-local, used by FTS) and ``id TEXT``
(the global UUIDv7, or a fixed key for team settings), then its fields. Only ``id`` and the
fields below cross the device boundary; ``rid`` never does.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class T(StrEnum):
    TEXT = "text"
    INT = "int"  # includes money in integer cents
    BOOL = "bool"
    DATE = "date"  # ISO 8601 date
    DATETIME = "datetime"  # ISO 8601 UTC
    JSON = "json"  # lists/dicts, stored as canonical JSON text
    REF = "ref"  # id of another record


@dataclass(frozen=True)
class EntitySpec:
    name: str
    count_key: str  # key in `werkplein status --json` counts
    fields: dict[str, T]
    append_only: bool = False  # notes, journal: never updated, never conflict
    handhaving: bool = False  # boete data: encrypted under the handhaving key on the share
    resident_field: str | None = "inwoner_id"  # which field links a record to a dossier
    required: tuple[str, ...] = field(default_factory=tuple)
    frozen_when: tuple[str, object] | None = None  # (field, value): record never changes again

    @property
    def table(self) -> str:
        return self.name


_DELETED = {"deleted": T.BOOL}
MAX_TEXT = 1_000_000  # characters in one text field: what every laptop accepts from the share
# key, inside the JSON field that the freezing change writes (besluit.toets), of the record's
# complete content at that moment: frozen_when records are that copy from then on
FROZEN_COPY = "besluit"

ENTITIES: dict[str, EntitySpec] = {}


def _add(spec: EntitySpec) -> None:
    ENTITIES[spec.name] = spec


_add(
    EntitySpec(
        "gebruiker",
        "users",
        {"name": T.TEXT, "role": T.TEXT, "active": T.BOOL},
        resident_field=None,
        required=("name", "role"),
    )
)
_add(
    EntitySpec(
        "inwoner",
        "residents",
        {
            "bsn": T.TEXT,
            "first_names": T.TEXT,
            "prefix": T.TEXT,
            "last_name": T.TEXT,
            "birth_date": T.DATE,
            "street": T.TEXT,
            "house_number": T.TEXT,
            "postcode": T.TEXT,
            "city": T.TEXT,
            "gemeente": T.TEXT,
            "phone": T.TEXT,
            "email": T.TEXT,
            "contact_preference": T.TEXT,
            # kept beyond the destruction date by a teamleider (domain/retention.py)
            "bewaren_tot": T.DATE,
            "bewaren_reden": T.TEXT,
            **_DELETED,
        },
        resident_field=None,
        required=("bsn", "last_name", "birth_date", "gemeente"),
    )
)
_add(
    EntitySpec(
        "gezinslid",
        "household_members",
        {
            "inwoner_id": T.REF,
            "name": T.TEXT,
            "relation": T.TEXT,
            "birth_date": T.DATE,
            **_DELETED,
        },
        required=("inwoner_id", "name", "relation"),
    )
)
_add(
    EntitySpec(
        "notitie",
        "notes",
        {
            "inwoner_id": T.REF,
            "casus_id": T.REF,
            "huisbezoek_id": T.REF,
            "leefgebied": T.TEXT,
            "text": T.TEXT,
            "author_id": T.REF,
            "written_at": T.DATETIME,
        },
        append_only=True,
        required=("inwoner_id", "text", "author_id", "written_at"),
    )
)
_add(
    EntitySpec(
        "casus",
        "cases",
        {
            "inwoner_id": T.REF,
            "title": T.TEXT,
            "status": T.TEXT,
            "opened_on": T.DATE,
            "closed_on": T.DATE,
            "owner_id": T.REF,
            # step 1: beoogd effect, in the resident's own words; the means asked for apart
            "beoogd_effect": T.TEXT,
            "gevraagd_middel": T.TEXT,
            "stap1_gereed": T.BOOL,
            # step 2: laws in play and whether the effect fits their grondwaarde
            "wetten": T.JSON,
            "grondwaarde_past": T.TEXT,
            "grondwaarde_toelichting": T.TEXT,
            "stap2_gereed": T.BOOL,
            # step 3: the effects checklist and the costs (price-list lines)
            "afweging": T.JSON,
            "kosten_interventie": T.JSON,
            "kosten_niets_doen": T.JSON,
            "stap3_gereed": T.BOOL,
            # step 4: juridische toets
            "instrumenten": T.JSON,
            "rechtmatig": T.BOOL,
            "afwijking_beleid": T.BOOL,
            "motivering_afwijking": T.TEXT,
            "stap4_gereed": T.BOOL,
            **_DELETED,
        },
        required=("inwoner_id", "title", "status", "opened_on"),
    )
)
_add(
    EntitySpec(
        "besluit",
        "decisions",
        {
            "casus_id": T.REF,
            "inwoner_id": T.REF,
            "versie": T.INT,
            "vorige_versie_id": T.REF,
            "uitkomst": T.TEXT,
            "voorwaarden": T.JSON,
            "periode_van": T.DATE,
            "periode_tot": T.DATE,
            "heroverweging_op": T.DATE,
            "motivering": T.TEXT,
            "afwijking_beleid": T.BOOL,
            "status": T.TEXT,
            "opgesteld_door": T.REF,
            "ingediend_op": T.DATETIME,
            "goedgekeurd_door": T.REF,
            "goedgekeurd_op": T.DATETIME,
            "goedkeuring_opmerking": T.TEXT,
            "vastgesteld_door": T.REF,
            "vastgesteld_op": T.DATETIME,
            "toets": T.JSON,  # the four steps as they stood when the decision was set
            # the short reference a resident reads out on the phone, e.g. WP-2026-K7QD-142:
            # given by the laptop that sets the decision (services/decisions.py)
            "kenmerk": T.TEXT,
        },
        required=("casus_id", "inwoner_id", "versie", "uitkomst", "status"),
        frozen_when=("status", "vastgesteld"),
    )
)
_add(
    EntitySpec(
        "huisbezoek",
        "visits",
        {
            "inwoner_id": T.REF,
            "casus_id": T.REF,
            "gepland_op": T.DATETIME,
            "uitgevoerd_op": T.DATETIME,
            "status": T.TEXT,
            "medewerkers": T.JSON,
            "doel": T.TEXT,
            "obs_wonen": T.TEXT,
            "obs_inkomen": T.TEXT,
            "obs_financien": T.TEXT,
            "obs_werk": T.TEXT,
            "obs_gezondheid": T.TEXT,
            "obs_gezin": T.TEXT,
            "obs_netwerk": T.TEXT,
            "checklist": T.JSON,
            **_DELETED,
        },
        required=("inwoner_id", "gepland_op", "status"),
        # completed: its observations are locked on every laptop, also against a colleague's
        # edit (a joint visit) stamped after it; a later addition is a note of its own
        frozen_when=("status", "uitgevoerd"),
    )
)
_add(
    EntitySpec(
        "overdracht",
        "handovers",
        {
            "inwoner_id": T.REF,
            "casus_id": T.REF,
            "van_id": T.REF,
            "naar_id": T.REF,
            "situatie": T.TEXT,
            "wens_inwoner": T.TEXT,
            "afspraken": T.TEXT,
            "risicos": T.TEXT,
            "contactvoorkeur": T.TEXT,
            "status": T.TEXT,
            "reactie": T.TEXT,
            "verzonden_op": T.DATETIME,
            "beantwoord_op": T.DATETIME,
            "intake_op": T.DATETIME,
        },
        required=("inwoner_id", "van_id", "naar_id", "status"),
    )
)
_add(
    EntitySpec(
        "boete",
        "fines",
        {
            "inwoner_id": T.REF,
            "casus_id": T.REF,
            "behandelaar_id": T.REF,
            "overtreding": T.TEXT,
            "overtreding_op": T.DATE,
            "benadelingsbedrag_cent": T.INT,
            "verwijtbaarheid": T.TEXT,
            "voorgesteld_bedrag_cent": T.INT,
            "berekening": T.TEXT,
            "draagkracht_cent": T.INT,
            "draagkracht_toelichting": T.TEXT,
            "dringende_redenen": T.TEXT,
            "afzien": T.BOOL,
            "gesprek_op": T.DATETIME,
            "gesprek_agenda": T.JSON,
            "gesprek_uitkomst": T.TEXT,
            "gesprek_gehouden_op": T.DATETIME,  # when it was actually held
            "gesprek_klantmanager_id": T.REF,  # the klantmanager who joins it
            "vastgesteld_bedrag_cent": T.INT,
            "status": T.TEXT,
            **_DELETED,
        },
        handhaving=True,
        required=("inwoner_id", "overtreding", "status"),
    )
)
_add(
    EntitySpec(
        "boete_notitie",
        "fine_notes",
        {
            "boete_id": T.REF,
            "inwoner_id": T.REF,
            "text": T.TEXT,
            "author_id": T.REF,
            "written_at": T.DATETIME,
        },
        append_only=True,
        handhaving=True,
        required=("boete_id", "inwoner_id", "text", "author_id", "written_at"),
    )
)
_add(
    EntitySpec(
        "signaal",
        "signals",
        {
            "titel": T.TEXT,
            "omschrijving": T.TEXT,
            "regeling": T.TEXT,
            "ingediend_door": T.REF,
            "ingediend_op": T.DATETIME,
            "status": T.TEXT,
            "reactie": T.TEXT,
            "thema": T.TEXT,  # given by the teamleider, to see a theme come back over time
        },
        resident_field=None,
        required=("titel", "omschrijving", "ingediend_door", "status"),
    )
)
_add(
    EntitySpec(
        "toekomstplan",
        "plans",
        {"inwoner_id": T.REF, "opgesteld_op": T.DATE, "in_eigen_woorden": T.TEXT, **_DELETED},
        required=("inwoner_id",),
    )
)
_add(
    EntitySpec(
        "plan_regel",
        "plan_rows",
        {
            "plan_id": T.REF,
            "inwoner_id": T.REF,
            "leefgebied": T.TEXT,
            "nu": T.TEXT,
            "afspraken": T.TEXT,
            "over_een_jaar": T.TEXT,
            **_DELETED,
        },
        required=("plan_id", "inwoner_id", "leefgebied"),
    )
)
_add(
    EntitySpec(
        "prijs",
        "prices",
        {
            "code": T.TEXT,
            "omschrijving": T.TEXT,
            "bedrag_cent": T.INT,
            "eenheid": T.TEXT,
            **_DELETED,
        },
        resident_field=None,
        required=("code", "omschrijving", "bedrag_cent"),
    )
)
_add(
    EntitySpec(
        "instelling",
        "settings",
        {"value": T.JSON},
        resident_field=None,
        required=("value",),
    )
)
_add(
    EntitySpec(
        "besluit_telling",
        "destroyed_decisions",
        {
            "gemeente": T.TEXT,
            "uitkomst": T.TEXT,
            "afwijking_beleid": T.BOOL,
            "vastgesteld_op": T.DATETIME,
        },
        resident_field=None,  # what is left of a destroyed dossier's decision: no one in it
        required=("uitkomst", "vastgesteld_op"),
    )
)


def spec(entity: str) -> EntitySpec:
    try:
        return ENTITIES[entity]
    except KeyError:
        raise ValueError(f"unknown entity: {entity}") from None


# boete (handhaving) data: encrypted under the second key on the share
HANDHAVING = frozenset(s.name for s in ENTITIES.values() if s.handhaving)
