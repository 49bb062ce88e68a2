"""Inzage (AVG art. 15): everything Werkplein stores about one resident, addressed to them.

First, in plain Dutch (B1), why they get it, why the werkplein keeps their data, how long, and
what rights they have. Then all of it: personal details, household, every note, every case with
its four steps, every decision (all versions), home visits, warme overdrachten, the
toekomstplan, fines with their reconsideration notes, and last the audit log of who viewed or
changed the dossier, when, and on which laptop.

The service (``ExportService.inzage``) checks the role and finds the resident by BSN; the
gathering (``InzageData``) checks it again, as it reads the fines straight from the store: the
resident is entitled to them even where a role's dossier view leaves them out.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from babel.dates import format_date, format_time
from reportlab.lib.units import mm

from werkplein.domain import toets
from werkplein.domain.records import display_name
from werkplein.domain.roles import ROLE_LABELS, Role
from werkplein.domain.vocab import (
    BESLUIT_STATUS,
    BOETE_STATUS,
    CASUS_STATUS,
    HUISBEZOEK_STATUS,
    LEEFGEBIEDEN,
    OVERDRACHT_STATUS,
    UITKOMSTEN,
    VERWIJTBAARHEID,
)
from werkplein.export import Rendered, fmt
from werkplein.export.casus import (
    CONTACT,
    RELATIONS,
    join_words,
    keep,
    label,
    period,
    toets_steps,
)
from werkplein.export.document import Builder, letterhead
from werkplein.i18n import N_, _, locale_name
from werkplein.store.audit import Action, AuditEntry
from werkplein.store.store import Record

# what the audit log says was done: "Viewed {object}" -> "{object} bekeken"
ACTIONS = {
    Action.VIEW: N_("Viewed {object}"),
    Action.CREATE: N_("Added {object}"),
    Action.UPDATE: N_("Changed {object}"),
    Action.DELETE: N_("Deleted {object}"),
    Action.EXPORT: N_("Made a document of {object}"),
    Action.IMPORT: N_("Read in {object}"),
    Action.SEARCH: N_("Found {object} by searching"),
}
# what it was done to: the audit detail ("dossier", "casus:<id>", "gezinslid,notitie")
OBJECTS = {
    "dossier": N_("the dossier"),
    "inwoner": N_("your personal details"),
    "inzage": N_("an overview of your data (like this one)"),
    "gezinslid": N_("a household member"),
    "notitie": N_("a note"),
    "casus": N_("a case"),
    "casus-anoniem": N_("a case, without your name and other details"),
    "besluit": N_("a decision"),
    "huisbezoek": N_("a home visit"),
    "overdracht": N_("a warm handover"),
    "boete": N_("a fine"),
    "boete_notitie": N_("a note about a fine"),
    "toekomstplan": N_("a toekomstplan"),
    "plan_regel": N_("part of a toekomstplan"),
}
OBJECT_ORDER = list(OBJECTS)
OTHER_OBJECT = N_("part of your dossier")
OBSERVATIONS = {key: f"obs_{key}" for key in LEEFGEBIEDEN}
_BEREKENING = re.compile(r"^\s*(\d+)\s*x\s*(\d+)%")


# ---------------------------------------------------------------------- small helpers
def stamp(value: str | None) -> str:
    """``23-11-2026`` over ``10:15``, in the laptop's time zone (the audit table's form)."""
    if not value:
        return "-"
    moment = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    if moment.tzinfo is not None:
        moment = moment.astimezone()
    day = format_date(moment.date(), format="short", locale=locale_name())
    time = format_time(moment.time(), format="short", locale=locale_name())
    return f"{day}\n{time}"


def audit_object(detail: str) -> str:
    """An audit detail as words: "casus:<id>" -> "een casus", "gezinslid,notitie" -> "een
    gezinslid en een notitie"."""
    keys = [part.split(":", 1)[0].strip() for part in detail.split(",") if part.strip()]
    if not keys:
        return _(OTHER_OBJECT)
    known = sorted({k for k in keys if k in OBJECTS}, key=OBJECT_ORDER.index)
    words = [_(OBJECTS[k]) for k in known]
    if len(known) < len(set(keys)):
        words.append(_(OTHER_OBJECT))
    return join_words(words)


def audit_action(action: str, detail: str) -> str:
    words = audit_object(detail)
    text = _(ACTIONS[action], object=words) if action in ACTIONS else f"{action}: {words}"
    return text[:1].upper() + text[1:]


def role_label(role: object) -> str:
    try:
        return _(ROLE_LABELS[Role(str(role))])
    except ValueError:
        return str(role or "-")


def device(device_id: str) -> str:
    """The laptop, shortened as the team screen shows it."""
    return "…" + device_id[-6:] if device_id else "-"


def berekening(value: object) -> str:
    """The stored calculation ("89016 x 50%; afgezien: dringende redenen") in words."""
    if not value:
        return "-"
    text = str(value)
    match = _BEREKENING.match(text)
    if match is None:
        return text
    parts = [
        _(
            "{percentage}% of {amount}",
            percentage=match.group(2),
            amount=fmt.money(int(match.group(1))),
        )
    ]
    if "begrensd: minimum" in text:
        parts.append(_("raised to the minimum"))
    elif "begrensd: maximum" in text:
        parts.append(_("lowered to the maximum"))
    if "afgezien" in text:
        parts.append(_("waived for urgent reasons"))
    return "; ".join(parts)


def checklist(items: Iterable[Mapping[str, Any]]) -> list[list[object]]:
    return [[item.get("item"), fmt.yes_no(item.get("done"))] for item in items]


# ---------------------------------------------------------------------- the document
@dataclass
class InzageData:
    """Everything stored about one resident, with the audit log of their dossier."""

    resident: Record
    household: list[Record]
    notes: list[Record]
    cases: list[Record]  # the live cases, newest first
    decisions: list[Record]
    visits: list[Record]
    handovers: list[Record]
    plans: list[Record]
    plan_rows: list[Record]
    fines: list[Record]  # whatever the role may see: the resident is entitled to them
    fine_notes: list[Record]
    users: dict[str, Record]  # every colleague: id -> record (name, role)
    all_cases: dict[str, Record]  # every case by id, also deleted ones (titles of decisions)
    costs: dict[str, toets.CostComparison | None]  # per case id; None: cannot be priced
    retention_years: int
    today: dt.date
    audit: list[AuditEntry]
    region: str  # the werkplein's name (the team's region setting)


class _Inzage:
    def __init__(self, data: InzageData) -> None:
        self.data, self.resident, self.users = data, data.resident, data.users
        self.b = Builder(
            letterhead(data.region, self.resident.get("gemeente")),
            title=_("Overview of your data"),
            reference=fmt.short_date(data.today),
            subject=_("Inzage under article 15 of the AVG"),
            keywords="Werkplein; inzage; AVG",
        )

    def name(self, user_id: str | None) -> str:
        user = self.users.get(user_id or "")
        return str(user["name"]) if user else "-"

    def name_and_role(self, user_id: str | None) -> str:
        user = self.users.get(user_id or "")
        if user is None:
            return _("unknown colleague")
        return f"{user['name']}\n{role_label(user.get('role'))}"

    def case_title(self, casus_id: str | None) -> str:
        case = self.data.all_cases.get(casus_id or "")
        return str(case["title"]) if case else "-"

    def block(
        self, title: str, rows: list[tuple[str, object]], label_width: float = 48 * mm
    ) -> None:
        """A subheading with its fields, kept on one page when they fit."""

        def build() -> None:
            self.b.subheading(title)
            self.b.fields(rows, label_width)

        self.b.keep(build)

    def nothing(self) -> None:
        self.b.para(_("We have nothing stored about you on this."))

    # ------------------------------------------------------------------ parts
    def introduction(self) -> None:
        b = self.b
        b.title(
            _("Overview of your data"),
            _(
                "Inzage under article 15 of the AVG · made on {date}",
                date=fmt.date(self.data.today),
            ),
        )
        b.fields(
            [(_("For"), display_name(self.resident)), (_("Address"), fmt.address(self.resident))]
        )
        b.heading(_("Why you get this overview"))
        b.para(
            _(
                "You asked which data we keep about you. You may always ask this. In this "
                "overview you find all data we have about you."
            )
        )
        b.para(
            _(
                "You can also see who looked at your data or changed it, and when. That list "
                "is at the end."
            )
        )
        b.heading(_("Why we keep your data"))
        b.para(
            _(
                "We need your data to carry out the Participatiewet. With it we decide about "
                "your benefit. And with it we help you on your way to work. We only use your "
                "data for this work."
            )
        )
        b.heading(_("How long we keep your data"))
        years = self.data.retention_years
        if years == 1:
            b.para(_("We keep your data for 1 year after your case with us has ended."))
        else:
            b.para(
                _(
                    "We keep your data for {years} years after your case with us has ended.",
                    years=years,
                )
            )
        b.para(_("After that we delete your data."))
        b.heading(_("Your rights"))
        b.bullets(
            [
                _("Is something wrong or missing? Then you may ask us to correct it or add to it."),
                _(
                    "You may ask us to delete data. Sometimes the law says we must keep it. "
                    "Then we explain why."
                ),
                _("You may object to the way we use your data."),
                _(
                    "Do you disagree with how we handle your data? Then you can complain to "
                    "the Autoriteit Persoonsgegevens. See autoriteitpersoonsgegevens.nl."
                ),
            ]
        )
        klantmanager = self.klantmanager()
        if klantmanager:
            b.para(
                _(
                    "Do you have a question about this overview? Please contact your "
                    "klantmanager, {name}.",
                    name=klantmanager,
                )
            )
        else:
            b.para(
                _("Do you have a question about this overview? Please contact your klantmanager.")
            )

    def klantmanager(self) -> str | None:
        for case in self.data.cases:  # newest first
            user = self.users.get(case.get("owner_id") or "")
            if user is not None:
                return str(user["name"])
        return None

    def personal(self) -> None:
        b, r = self.b, self.resident
        b.heading(_("Your personal details"))
        b.fields(
            [
                (_("First names"), r.get("first_names")),
                (_("Prefix"), r.get("prefix")),
                (_("Surname"), r.get("last_name")),
                (_("BSN"), r.get("bsn")),
                (_("Date of birth"), fmt.date(r.get("birth_date"))),
                (_("Street"), r.get("street")),
                (_("House number"), r.get("house_number")),
                (_("Postcode"), r.get("postcode")),
                (_("Town"), r.get("city")),
                (_("Gemeente"), r.get("gemeente")),
                (_("Phone"), r.get("phone")),
                (_("E-mail"), r.get("email")),
                (_("Contact preference"), label(CONTACT, r.get("contact_preference"))),
            ]
        )
        b.heading(_("Your household"))
        if not self.data.household:
            b.para(_("We have no household members of yours on record."))
            return
        b.table(
            [_("Name"), _("Relation"), _("Date of birth")],
            [
                [m.get("name"), label(RELATIONS, m.get("relation")), fmt.date(m.get("birth_date"))]
                for m in self.data.household
            ],
            [70, 40, 56],
        )

    def notes(self) -> None:
        b = self.b
        b.heading(_("Notes"))
        notes = sorted(self.data.notes, key=lambda n: str(n.get("written_at") or ""))
        if not notes:
            self.nothing()
            return
        b.para(_("What our staff wrote down about your situation. The oldest is at the top."))
        b.table(
            [_("Date"), _("Written by"), _("Leefgebied"), _("Note")],
            [
                [
                    fmt.short_date(n.get("written_at")),
                    self.name(n.get("author_id")),
                    label(LEEFGEBIEDEN, n.get("leefgebied")),
                    n.get("text"),
                ]
                for n in notes
            ],
            [22, 34, 32, 78],
        )

    def cases_part(self) -> None:
        b = self.b
        b.heading(_("Your cases"))
        if not self.data.cases:
            self.nothing()
            return
        b.para(
            _(
                "A case is a question or request we work on together with you. For every case "
                "we take four steps. We start with what you want to reach. The law comes last."
            )
        )
        for case in sorted(self.data.cases, key=lambda c: str(c.get("opened_on") or "")):
            rows: list[tuple[str, object]] = [
                (_("Status"), label(CASUS_STATUS, case.get("status"))),
                (_("Opened on"), fmt.date(case.get("opened_on"))),
            ]
            if case.get("closed_on"):
                rows.append((_("Closed on"), fmt.date(case.get("closed_on"))))
            rows.append((_("Klantmanager"), self.name(case.get("owner_id"))))
            self.block(_("Case: {title}", title=case.get("title")), rows)
            toets_steps(b, case, self.data.costs[case["id"]], keep)

    def decisions(self) -> None:
        b = self.b
        b.heading(_("Decisions"))
        if not self.data.decisions:
            self.nothing()
            return
        b.para(_("All decisions, also older versions and decisions that are not finished yet."))
        for d in self.data.decisions:
            rows: list[tuple[str, object]] = [
                (_("Status"), label(BESLUIT_STATUS, d.get("status"))),
                (_("Outcome"), label(UITKOMSTEN, d.get("uitkomst"))),
                (_("Period"), period(d)),
                (_("Review date"), fmt.date(d.get("heroverweging_op"))),
                (_("Conditions"), "\n".join(d.get("voorwaarden") or []) or "-"),
                (_("Motivation"), d.get("motivering")),
                (_("Deviates from policy"), fmt.yes_no(d.get("afwijking_beleid"))),
                (_("Drafted by"), self.name(d.get("opgesteld_door"))),
            ]
            if d.get("ingediend_op"):
                rows.append((_("Submitted on"), fmt.moment(d.get("ingediend_op"))))
            if d.get("goedgekeurd_door"):
                rows.append((_("Approved by"), self.name(d.get("goedgekeurd_door"))))
                rows.append((_("Approved on"), fmt.moment(d.get("goedgekeurd_op"))))
                rows.append((_("Comment"), d.get("goedkeuring_opmerking")))
            if d.get("vastgesteld_door"):
                rows.append((_("Set by"), self.name(d.get("vastgesteld_door"))))
                rows.append((_("Set on"), fmt.moment(d.get("vastgesteld_op"))))
            title = _(
                "Decision on “{case}”, version {version}",
                case=self.case_title(d.get("casus_id")),
                version=d.get("versie"),
            )
            self.block(title, rows)

    def visits(self) -> None:
        b = self.b
        b.heading(_("Home visits"))
        visits = sorted(self.data.visits, key=lambda v: str(v.get("gepland_op") or ""))
        if not visits:
            self.nothing()
            return
        for v in visits:
            staff = [self.name(u) for u in v.get("medewerkers") or []]
            self.block(
                _("Home visit of {date}", date=fmt.date(v.get("uitgevoerd_op") or v["gepland_op"])),
                [
                    (_("Status"), label(HUISBEZOEK_STATUS, v.get("status"))),
                    (_("Planned for"), fmt.moment(v.get("gepland_op"))),
                    (_("Carried out on"), fmt.moment(v.get("uitgevoerd_op"))),
                    (_("Staff"), join_words(staff) or "-"),
                    (_("Purpose"), v.get("doel")),
                ],
            )
            observed = [
                [label(LEEFGEBIEDEN, key), v.get(field)]
                for key, field in OBSERVATIONS.items()
                if v.get(field)
            ]
            if observed:
                b.table([_("Leefgebied"), _("What we saw and heard")], observed, [40, 126])
            items = v.get("checklist") or []
            if items:
                b.table([_("Checklist"), _("Done")], checklist(items), [140, 26])

    def handovers(self) -> None:
        b = self.b
        b.heading(_("Warm handovers"))
        handovers = sorted(self.data.handovers, key=lambda h: str(h.get("verzonden_op") or ""))
        if not handovers:
            self.nothing()
            return
        b.para(
            _(
                "Sometimes a staff member hands your case over to a colleague. Then they write "
                "down your story. That way you do not have to tell it again."
            )
        )
        for h in handovers:
            rows: list[tuple[str, object]] = [
                (_("From"), self.name_and_role(h.get("van_id"))),
                (_("To"), self.name_and_role(h.get("naar_id"))),
                (_("Status"), label(OVERDRACHT_STATUS, h.get("status"))),
                (_("Situation"), h.get("situatie")),
                (_("What you want"), h.get("wens_inwoner")),
                (_("Agreements"), h.get("afspraken")),
                (_("Risks"), h.get("risicos")),
                (_("Contact preference"), label(CONTACT, h.get("contactvoorkeur"))),
            ]
            if h.get("reactie"):
                rows.append((_("Reply"), h.get("reactie")))
            if h.get("beantwoord_op"):
                rows.append((_("Answered on"), fmt.moment(h.get("beantwoord_op"))))
            if h.get("intake_op"):
                rows.append((_("Joint intake on"), fmt.moment(h.get("intake_op"))))
            self.block(_("Warm handover of {date}", date=fmt.date(h.get("verzonden_op"))), rows)

    def plans(self) -> None:
        b = self.b
        b.heading(_("Toekomstplan"))
        if not self.data.plans:
            self.nothing()
            return
        for plan in self.data.plans:
            b.subheading(_("Toekomstplan of {date}", date=fmt.date(plan.get("opgesteld_op"))))
            b.fields([(_("In your own words"), plan.get("in_eigen_woorden"))])
            rows = [r for r in self.data.plan_rows if r.get("plan_id") == plan["id"]]
            rows.sort(
                key=lambda r: (
                    list(LEEFGEBIEDEN).index(r["leefgebied"])
                    if r["leefgebied"] in LEEFGEBIEDEN
                    else len(LEEFGEBIEDEN)
                )
            )
            if rows:
                b.table(
                    [_("Leefgebied"), _("Now"), _("Agreements"), _("In a year")],
                    [
                        [
                            label(LEEFGEBIEDEN, r.get("leefgebied")),
                            r.get("nu"),
                            r.get("afspraken"),
                            r.get("over_een_jaar"),
                        ]
                        for r in rows
                    ],
                    [34, 44, 44, 44],
                )

    def fines_part(self) -> None:
        b = self.b
        b.heading(_("Fines"))
        if not self.data.fines:
            self.nothing()
            return
        for fine in self.data.fines:
            rows: list[tuple[str, object]] = [
                (_("Status"), label(BOETE_STATUS, fine.get("status"))),
                (_("Date of the breach"), fmt.date(fine.get("overtreding_op"))),
                (_("Handled by"), self.name_and_role(fine.get("behandelaar_id"))),
                (_("Amount received unduly"), fmt.money(fine.get("benadelingsbedrag_cent"))),
                (_("Degree of blame"), label(VERWIJTBAARHEID, fine.get("verwijtbaarheid"))),
                (_("Proposed fine"), fmt.money(fine.get("voorgesteld_bedrag_cent"))),
                (_("Calculation"), berekening(fine.get("berekening"))),
                (_("Means (draagkracht)"), fmt.money(fine.get("draagkracht_cent"))),
                (_("About your means"), fine.get("draagkracht_toelichting")),
                (_("Urgent reasons"), fine.get("dringende_redenen")),
                (_("Fine waived"), fmt.yes_no(fine.get("afzien"))),
                (_("Talk planned for"), fmt.moment(fine.get("gesprek_op"))),
                (_("Outcome of the talk"), fine.get("gesprek_uitkomst")),
                (_("Fine set at"), fmt.money(fine.get("vastgesteld_bedrag_cent"))),
            ]
            self.block(_("Fine: {breach}", breach=fine.get("overtreding")), rows, 52 * mm)
            agenda = fine.get("gesprek_agenda") or []
            if agenda:
                b.subheading(_("Topics for the talk"))
                b.bullets(list(agenda))
            notes = [n for n in self.data.fine_notes if n.get("boete_id") == fine["id"]]
            b.subheading(_("Notes on reconsideration"))
            if notes:
                b.table(
                    [_("Date"), _("Written by"), _("Note")],
                    [
                        [
                            fmt.short_date(n.get("written_at")),
                            self.name(n.get("author_id")),
                            n.get("text"),
                        ]
                        for n in notes
                    ],
                    [22, 36, 108],
                )
            else:
                b.para(_("none"))

    def audit_log(self) -> None:
        b = self.b
        b.heading(_("Who viewed or changed your data"))
        b.para(
            _(
                "Each time a staff member opens or changes your dossier, Werkplein writes it "
                "down. Here you see every time. The oldest is at the top."
            )
        )
        b.para(_("The last column shows on which laptop it happened."))
        if not self.data.audit:
            self.nothing()
            return
        b.small(_("{count} entries", count=len(self.data.audit)))
        b.table(
            [_("When"), _("Who"), _("What"), _("Laptop")],
            [
                [
                    stamp(e.at),
                    self.name_and_role(e.user_id),
                    audit_action(e.action, e.detail),
                    device(e.device_id),
                ]
                for e in self.data.audit
            ],
            [25, 42, 79, 20],
        )

    def render(self) -> Rendered:
        self.introduction()
        self.personal()
        self.notes()
        self.cases_part()
        self.decisions()
        self.visits()
        self.handovers()
        self.plans()
        self.fines_part()
        self.audit_log()
        return Rendered(self.b.render(), self.resident["id"], "inzage")


def render(data: InzageData) -> Rendered:
    return _Inzage(data).render()
