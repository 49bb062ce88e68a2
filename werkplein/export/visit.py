"""The huisbezoek report for the dossier: who was visited, when and by whom, why, what was seen
per leefgebied, what the checklist says and the quick notes made on the spot.

The observations follow the order of the leefgebieden everywhere in the app; a leefgebied without
an observation is left out, and the report says so when nothing was recorded at all. The
checklist reads without colour: every line says in words whether it was done.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

from babel.dates import format_time
from reportlab.lib.units import mm

from werkplein.domain.records import display_name
from werkplein.domain.roles import ROLE_LABELS, Role
from werkplein.domain.vocab import HUISBEZOEK_STATUS, LEEFGEBIEDEN, OBSERVATION_FIELD
from werkplein.export import Rendered, fmt
from werkplein.export.document import Builder, letterhead
from werkplein.i18n import _, locale_name
from werkplein.store.store import Record

DONE = "\u2611"  # ☑
NOT_DONE = "\u2610"  # ☐


def short_moment(value: str | None) -> str:
    """``09-11-2026 15:00`` (tables); a date alone stays a date."""
    if not value:
        return "-"
    if "T" not in value:
        return fmt.short_date(value)
    moment = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    if moment.tzinfo is not None:
        moment = moment.astimezone()  # the laptop's time zone, as the app shows it
    time = format_time(moment.time(), format="short", locale=locale_name())
    return f"{fmt.short_date(moment.replace(tzinfo=None))} {time}"


def vocab(labels: Mapping[str, str], code: object) -> str:
    """The translated label of a vocabulary code (the code itself when it is unknown)."""
    key = str(code or "")
    return _(labels[key]) if key in labels else key or "-"


def role_label(code: str | None) -> str:
    try:
        return _(ROLE_LABELS[Role(code or "")])
    except ValueError:
        return code or "-"


def colleague(colleagues: dict[str, Record], user_id: str | None) -> str:
    """``Sanne Verbeek (klantmanager)``."""
    user = colleagues.get(user_id or "")
    if user is None:
        return "-"
    return _("{name} ({role})", name=user["name"], role=role_label(user.get("role")))


def made_by(b: Builder, made_at: str, maker: str) -> None:
    """The closing line: when the document was made (an ISO moment) and by whom."""
    b.space(4)
    b.small(
        _(
            "Made with Werkplein on {moment} by {name}.",
            moment=fmt.moment(made_at),
            name=maker,
        )
    )


@dataclass
class VisitData:
    """Everything the huisbezoek report shows."""

    visit: Record
    notes: list[Record]  # the quick notes, oldest first
    resident: Record
    case: Record | None
    colleagues: dict[str, Record]  # every user: id -> record (name, role)
    region: str  # the werkplein's name (the team's region setting)
    made_at: str  # ISO moment the document is made
    user_id: str  # who makes it


def render(data: VisitData) -> Rendered:
    visit, resident, colleagues = data.visit, data.resident, data.colleagues
    status = visit["status"]
    b = Builder(
        letterhead(data.region, resident.get("gemeente")),
        title=_("Home visit report"),
        reference=visit["id"],
        subject=_("Report of a home visit (huisbezoek)"),
        keywords="Werkplein; huisbezoek; verslag",
    )
    b.title(
        _("Home visit report"),
        _(
            "{date} · {status}",
            date=fmt.date(visit.get("uitgevoerd_op") or visit.get("gepland_op")),
            status=vocab(HUISBEZOEK_STATUS, status),
        ),
    )

    b.heading(_("Resident"))
    b.fields(
        [
            (_("Name"), display_name(resident)),
            (_("BSN"), resident.get("bsn")),
            (_("Address"), fmt.address(resident)),
            (_("Gemeente"), resident.get("gemeente")),
        ]
    )
    _the_visit(b, visit, data.case, colleagues)

    b.heading(_("Observations per leefgebied"))
    observations = [
        (_(label), visit.get(OBSERVATION_FIELD[key]))
        for key, label in LEEFGEBIEDEN.items()
        if (visit.get(OBSERVATION_FIELD[key]) or "").strip()
    ]
    if observations:
        b.fields(observations, 52 * mm)
    else:
        b.para(_("No observations were recorded during this visit."))

    checklist = [e for e in visit.get("checklist") or [] if isinstance(e, dict)]
    b.keep(lambda: _checklist(b, checklist))
    _notes(b, data.notes, colleagues)
    made_by(b, data.made_at, colleague(colleagues, data.user_id))
    return Rendered(b.render(), resident["id"], f"huisbezoek:{visit['id']}")


def _the_visit(
    b: Builder, visit: Record, case: Record | None, colleagues: dict[str, Record]
) -> None:
    status = visit["status"]
    b.heading(_("The visit"))
    if status == "uitgevoerd":
        carried_out = fmt.moment(visit.get("uitgevoerd_op"))
    elif status == "geannuleerd":
        carried_out = _("not carried out: the visit was cancelled")
    else:
        carried_out = _("not yet carried out")
    team = [str(m) for m in visit.get("medewerkers") or []]
    b.fields(
        [
            (_("Planned for"), fmt.moment(visit.get("gepland_op"))),
            (_("Carried out on"), carried_out),
            (_("Status"), vocab(HUISBEZOEK_STATUS, status)),
            (_("Purpose"), visit.get("doel") or _("no purpose recorded")),
            (_("Case"), case["title"] if case else _("not linked to a case")),
            (
                _("Joint visit"),
                _("yes, {count} colleagues", count=len(team)) if len(team) > 1 else _("no"),
            ),
        ]
    )
    b.subheading(_("Colleagues"))
    b.table(
        [_("Name"), _("Role")],
        [
            [
                colleagues[m]["name"] if m in colleagues else "-",
                role_label(colleagues[m].get("role")) if m in colleagues else "-",
            ]
            for m in team
        ]
        or [[_("nobody recorded"), ""]],
        [110, 70],
    )


def _checklist(b: Builder, checklist: list[dict[str, object]]) -> None:
    b.heading(_("Checklist"))
    if checklist:
        done = sum(1 for e in checklist if e.get("done"))
        b.table(
            [_("Checklist item"), _("Done?")],
            [
                [
                    e.get("item"),
                    f"{DONE} " + _("done") if e.get("done") else f"{NOT_DONE} " + _("not done"),
                ]
                for e in checklist
            ],
            [130, 50],
        )
        b.small(_("{done} of {total} items done.", done=done, total=len(checklist)))
    else:
        b.para(_("This visit has no checklist."))


def _notes(b: Builder, notes: list[Record], colleagues: dict[str, Record]) -> None:
    b.heading(_("Notes made during the visit"))
    if notes:
        b.table(
            [_("Time"), _("Author"), _("Leefgebied"), _("Note")],
            [
                [
                    short_moment(n.get("written_at")),
                    colleagues[n["author_id"]]["name"] if n.get("author_id") in colleagues else "-",
                    vocab(LEEFGEBIEDEN, n["leefgebied"]) if n.get("leefgebied") else "",
                    n.get("text"),
                ]
                for n in notes
            ],
            [37, 32, 34, 77],
        )
    else:
        b.para(_("No quick notes were made during this visit."))
