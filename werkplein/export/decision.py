"""The motivated decision (gemotiveerd besluit) for the dossier, the archive and the auditor.

It follows De Omgekeerde Toets: the resident's goal first, the law as the closing step, each
step under its own heading, then the decision, its approval when it deviates from policy, and
the accountability: version, who drafted and set it, and the change-log entry that set it.
A set decision prints the four steps as they stood when it was set (kept inside the decision),
so a later edit of the case never changes an archived decision.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from reportlab.lib.units import mm

from werkplein.domain import toets
from werkplein.domain.records import display_name
from werkplein.domain.vocab import (
    AFWEGING,
    BESLUIT_STATUS,
    GRONDWAARDE_PAST,
    UITKOMSTEN,
    WETTEN,
)
from werkplein.export import Rendered, fmt
from werkplein.export.casus import costs_comparison, keep
from werkplein.export.document import Builder, letterhead
from werkplein.i18n import _
from werkplein.store.store import Record


@dataclass
class DecisionData:
    """Everything one decision document shows, gathered once (also for the letter)."""

    decision: Record
    case: dict[str, Any]  # the toets fields: the snapshot of a set decision, else the case
    resident: Record
    region: str  # the werkplein's name (the team's region setting)
    users: dict[str, str]  # user id -> name
    costs: toets.CostComparison
    set_by_change: str | None  # op id of the change that set (or last changed) the decision
    previous: Record | None = None

    @property
    def is_set(self) -> bool:
        return bool(self.decision["status"] == "vastgesteld")

    def name(self, user_id: str | None) -> str:
        return self.users.get(user_id or "", "-")


def reference(decision: Record) -> str:
    """The decision's short reference (kenmerk, e.g. ``WP-2026-K7QD-142``), given when it was
    set; a decision set before kenmerken existed, or not set yet, shows the first 8 characters
    of its id instead (a decision is found by those too)."""
    return str(decision.get("kenmerk") or decision["id"][:8])


def render(data: DecisionData) -> Rendered:
    decision, case, resident = data.decision, data.case, data.resident
    b = Builder(
        letterhead(data.region, resident.get("gemeente")),
        title=_("Motivated decision"),
        reference=reference(decision),
        subject=_("Motivated decision following De Omgekeerde Toets"),
        keywords="Werkplein; besluit; Omgekeerde Toets",
    )
    status = _(BESLUIT_STATUS.get(str(decision["status"]), str(decision["status"])))
    subtitle = _(
        "{case} · version {version} · {status}",
        case=case["title"],
        version=decision["versie"],
        status=status,
    )
    b.title(_("Motivated decision"), subtitle)
    if not data.is_set:
        b.markup(
            "<font color='#9b1c1c'><b>"
            + _("Draft: this decision has not been set and has no legal effect yet.")
            + "</b></font>"
        )

    b.heading(_("Resident and case"))
    b.fields(
        [
            (_("Reference"), _kenmerk(data)),
            (_("Name"), display_name(resident)),
            (_("BSN"), resident.get("bsn")),
            (_("Birth date"), fmt.date(resident.get("birth_date"))),
            (_("Address"), fmt.address(resident)),
            (_("Gemeente"), resident.get("gemeente")),
            (_("Case"), case["title"]),
            (_("Case opened on"), fmt.date(case.get("opened_on"))),
            (_("Klantmanager"), data.name(case.get("owner_id"))),
        ]
    )
    _steps(b, data)
    _decision(b, decision)
    _approval(b, data)
    _accountability(b, data)
    return Rendered(b.render(), resident["id"], f"besluit:{decision['id']}")


def _steps(b: Builder, data: DecisionData) -> None:
    """The four steps of De Omgekeerde Toets, as they stood when the decision was set."""
    case = data.case
    b.heading("1. " + _(toets.STEP_TITLES[1]))
    b.small(_("The effect the resident wants to reach, in their own words."))
    b.quote(case.get("beoogd_effect"))
    if case.get("gevraagd_middel"):
        b.fields([(_("Means asked for"), case["gevraagd_middel"])])

    b.heading("2. " + _(toets.STEP_TITLES[2]))
    wetten = ", ".join(_(WETTEN.get(w, w)) for w in case.get("wetten") or []) or "-"
    past = case.get("grondwaarde_past")
    b.fields(
        [
            (_("Laws in play"), wetten),
            (
                _("Fits the grondwaarde"),
                _(GRONDWAARDE_PAST[past]) if past in GRONDWAARDE_PAST else "-",
            ),
        ]
    )
    b.para(case.get("grondwaarde_toelichting"))

    b.heading("3. " + _(toets.STEP_TITLES[3]))
    afweging = case.get("afweging") or {}
    b.fields([(_(label), afweging.get(key)) for key, label in AFWEGING.items()], 62 * mm)
    costs_comparison(b, data.costs, keep)

    b.heading("4. " + _(toets.STEP_TITLES[4]))
    instruments = case.get("instrumenten") or []
    if instruments:
        b.table(
            [_("Law"), _("Article"), _("Explanation")],
            [[i.get("wet"), i.get("artikel"), i.get("toelichting") or "-"] for i in instruments],
            [60, 22, 98],
        )
    else:
        b.para(_("No legal instruments named."))
    b.fields(
        [
            (_("Lawful"), fmt.yes_no(case.get("rechtmatig"))),
            (_("Deviates from policy"), fmt.yes_no(case.get("afwijking_beleid"))),
        ]
    )
    if case.get("afwijking_beleid"):
        b.subheading(_("Why this decision deviates from policy"))
        b.para(case.get("motivering_afwijking"))


def _decision(b: Builder, decision: Record) -> None:
    b.heading(_("Decision"))
    uitkomst = decision.get("uitkomst")
    period = "-"
    if decision.get("periode_van") or decision.get("periode_tot"):
        period = _(
            "{start} to {end}",
            start=fmt.date(decision.get("periode_van")),
            end=fmt.date(decision.get("periode_tot")),
        )
    b.fields(
        [
            (_("Outcome"), _(UITKOMSTEN[uitkomst]) if uitkomst in UITKOMSTEN else uitkomst),
            (_("Period"), period),
            (_("Review date"), fmt.date(decision.get("heroverweging_op"))),
        ]
    )
    b.subheading(_("Conditions"))
    b.bullets(decision.get("voorwaarden") or [])
    b.subheading(_("Motivation"))
    b.para(decision.get("motivering"))


def _approval(b: Builder, data: DecisionData) -> None:
    decision = data.decision
    if not (decision.get("afwijking_beleid") or decision.get("goedgekeurd_door")):
        return
    b.heading(_("Approval by the teamleider"))
    if decision.get("goedgekeurd_door"):
        b.fields(
            [
                (_("Submitted on"), fmt.moment(decision.get("ingediend_op"))),
                (_("Approved by"), data.name(decision.get("goedgekeurd_door"))),
                (_("Approved on"), fmt.moment(decision.get("goedgekeurd_op"))),
                (_("Comment"), decision.get("goedkeuring_opmerking")),
            ]
        )
    else:
        b.para(_("This decision deviates from policy and has not been approved yet."))


def _kenmerk(data: DecisionData) -> str:
    if data.is_set or data.decision.get("kenmerk"):
        return reference(data.decision)
    return _("given when the decision is set")


def _accountability(b: Builder, data: DecisionData) -> None:
    # one block: the explanation of the audit reference never ends up alone on a last page
    b.keep(lambda: _accountability_block(b, data))


def _accountability_block(b: Builder, data: DecisionData) -> None:
    decision = data.decision
    b.heading(_("Accountability"))
    version = str(decision["versie"])
    if data.previous is not None:
        version = _(
            "{version} (replaces version {previous} of {date})",
            version=decision["versie"],
            previous=data.previous["versie"],
            date=fmt.date(data.previous.get("vastgesteld_op")),
        )
    b.fields(
        [
            (_("Version"), version),
            (_("Drafted by"), data.name(decision.get("opgesteld_door"))),
            (_("Set by"), data.name(decision.get("vastgesteld_door"))),
            (_("Set on"), fmt.moment(decision.get("vastgesteld_op"))),
            (_("Reference"), _kenmerk(data)),
            (_("Decision id"), decision["id"]),
            (_("Case id"), decision["casus_id"]),
            (_("Audit reference"), data.set_by_change or "-"),
        ]
    )
    b.small(
        _(
            "The audit reference is the entry in the change log of Werkplein that set this "
            "decision. With it, every step and every change can be traced back."
        )
    )


def render_pdf(data: DecisionData) -> bytes:
    """Only the bytes (what the batch's worker processes send back)."""
    return render(data).data
