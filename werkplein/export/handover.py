"""The warme overdracht summary the receiving colleague takes along: who hands over to whom and
how it was answered, then the resident's story (situation, what they want, agreements, risks,
how they like to be contacted), and a short context from the dossier, so the resident never
has to tell it again.

Everything here is something every role may see in the dossier. Fines are handhaving data a
werkcoach may never see: this document does not read them at all.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from werkplein.domain.records import display_name
from werkplein.domain.vocab import OVERDRACHT_STATUS
from werkplein.export import Rendered, fmt
from werkplein.export.document import Builder, letterhead
from werkplein.export.visit import colleague, made_by, vocab
from werkplein.i18n import _
from werkplein.store.store import Record


def _age(birth_date: Any, today: dt.date) -> int | None:
    try:
        born = dt.date.fromisoformat(str(birth_date)[:10])
    except ValueError:
        return None
    return today.year - born.year - ((today.month, today.day) < (born.month, born.day))


def household_line(members: list[Record], today: dt.date) -> str:
    """``Sara (partner, 41 years); Tim (kind, 7 years)``."""
    parts = []
    for member in members:
        age = _age(member.get("birth_date"), today)
        if age is None:
            parts.append(
                _("{name} ({relation})", name=member.get("name"), relation=member.get("relation"))
            )
        else:
            parts.append(
                _(
                    "{name} ({relation}, {age} years)",
                    name=member.get("name"),
                    relation=member.get("relation"),
                    age=age,
                )
            )
    return "; ".join(parts)


def _story(b: Builder, label: str, value: object, *, quote: bool = False) -> None:
    b.subheading(label)
    if value is None or not str(value).strip():
        b.para(_("Nothing recorded."))
    elif quote:
        b.quote(value)
    else:
        b.para(value)


@dataclass
class HandoverData:
    """Everything the warme overdracht summary shows (no fines: a werkcoach may read it)."""

    handover: Record
    resident: Record
    colleagues: dict[str, Record]  # every user: id -> record (name, role)
    case: Record | None
    household: list[Record]
    open_cases: list[Record]  # oldest first
    today: dt.date
    region: str  # the werkplein's name (the team's region setting)
    made_at: str  # ISO moment the document is made
    user_id: str  # who makes it


def render(data: HandoverData) -> Rendered:
    handover, resident = data.handover, data.resident
    status_label = vocab(OVERDRACHT_STATUS, handover["status"])
    b = Builder(
        letterhead(data.region, resident.get("gemeente")),
        title=_("Warm handover"),
        reference=handover["id"],
        subject=_("Summary of a warm handover (warme overdracht)"),
        keywords="Werkplein; warme overdracht",
    )
    b.title(
        _("Warm handover"),
        _(
            "{name} · {status}",
            name=display_name(resident),
            status=status_label,
        ),
    )
    _the_handover(b, data)

    b.heading(_("The resident's story"))
    _story(b, _("Situation"), handover.get("situatie"))
    _story(b, _("What the resident wants"), handover.get("wens_inwoner"), quote=True)
    _story(b, _("Agreements"), handover.get("afspraken"))
    _story(b, _("Risks"), handover.get("risicos"))
    _story(b, _("Contact preference"), handover.get("contactvoorkeur"))

    _from_the_dossier(b, data)
    made_by(b, data.made_at, colleague(data.colleagues, data.user_id))
    return Rendered(b.render(), resident["id"], f"overdracht:{handover['id']}")


def _the_handover(b: Builder, data: HandoverData) -> None:
    handover, colleagues = data.handover, data.colleagues
    status = handover["status"]
    b.heading(_("The handover"))
    rows: list[tuple[str, object]] = [
        (_("From"), colleague(colleagues, handover.get("van_id"))),
        (_("To"), colleague(colleagues, handover.get("naar_id"))),
        (_("Sent on"), fmt.moment(handover.get("verzonden_op"))),
        (_("Status"), vocab(OVERDRACHT_STATUS, status)),
    ]
    if status == "verzonden":
        rows.append((_("Answer"), _("not answered yet")))
    else:
        rows.append((_("Answered on"), fmt.moment(handover.get("beantwoord_op"))))
    if status != "teruggestuurd":
        rows.append(
            (
                _("Joint intake"),
                fmt.moment(handover["intake_op"])
                if handover.get("intake_op")
                else _("not planned yet"),
            )
        )
    if data.case is not None:
        rows.append((_("Case"), data.case["title"]))
    b.fields(rows)
    if status == "teruggestuurd":
        b.subheading(_("Why the handover was returned"))
        b.quote(handover.get("reactie"))


def _from_the_dossier(b: Builder, data: HandoverData) -> None:
    resident, household = data.resident, data.household
    b.heading(_("From the dossier"))
    b.fields(
        [
            (_("Name"), display_name(resident)),
            (_("Address"), fmt.address(resident)),
            (_("Phone"), resident.get("phone") or _("not known")),
            (
                _("Household"),
                household_line(household, data.today)
                if household
                else _("no household members recorded"),
            ),
        ]
    )
    b.subheading(_("Open cases"))
    if data.open_cases:
        b.table(
            [_("Case"), _("Opened on"), _("Beoogd effect")],
            [
                [
                    c.get("title"),
                    fmt.short_date(c.get("opened_on")),
                    c.get("beoogd_effect") or _("not described yet"),
                ]
                for c in data.open_cases
            ],
            [55, 28, 97],
        )
    else:
        b.para(_("There are no open cases."))
