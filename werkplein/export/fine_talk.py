"""The boete-ambtenaar's preparation sheet for the confrontatiegesprek (internal, never for the
resident).

The proposed fine is computed in the open, step by step, from the team's fine policy: the
basis times the percentage for the degree of blame, raised to the minimum or capped at the
maximum, waived for urgent reasons, and what may be recovered per month from the draagkracht.
The policy parameters are printed beside it, so a reader can redo the sum. The agenda leaves
room under every point for notes written by hand during the talk.
"""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Table, TableStyle

from werkplein.domain.boete import BoeteBeleid, Voorstel
from werkplein.domain.records import display_name
from werkplein.domain.vocab import BOETE_STATUS, VERWIJTBAARHEID
from werkplein.export import Rendered, fmt
from werkplein.export.document import (
    BODY_WIDTH,
    MARK,
    MUTED,
    RULE,
    STYLES,
    Builder,
    letterhead,
    text,
)
from werkplein.export.pdf import FONT, FONT_BOLD
from werkplein.export.visit import colleague, made_by, vocab
from werkplein.i18n import _
from werkplein.store.store import Record

NOTE_LINES = 4  # ruled lines under each agenda point
LINE_GAP = 7.5 * mm
NUMBER_WIDTH = 8 * mm

_AGENDA_STYLE = ParagraphStyle("agenda", parent=STYLES["body"], fontName=FONT_BOLD, spaceAfter=0)


class NoteLines(Flowable):  # type: ignore[misc]
    """A box with ruled lines to write in by hand."""

    def __init__(self, width: float, lines: int = NOTE_LINES, gap: float = LINE_GAP) -> None:
        super().__init__()
        self.box_width = width
        self.lines = lines
        self.gap = gap

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return self.box_width, self.lines * self.gap

    def draw(self) -> None:
        canvas = self.canv
        height = self.lines * self.gap
        canvas.saveState()
        canvas.setStrokeColor(MUTED)
        canvas.setLineWidth(0.6)
        canvas.rect(0, 0, self.box_width, height, stroke=1, fill=0)
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.4)
        for line in range(1, self.lines):
            y = line * self.gap
            canvas.line(3 * mm, y, self.box_width - 3 * mm, y)
        canvas.restoreState()


def percent(value: int) -> str:
    return _("{value}%", value=value)


def _agenda_item(number: int, item: object) -> Flowable:
    box_width = BODY_WIDTH - NUMBER_WIDTH
    table = Table(
        [
            [
                Paragraph(f"{number}.", _AGENDA_STYLE),
                Paragraph(text(item), _AGENDA_STYLE),
            ],
            ["", NoteLines(box_width)],
        ],
        colWidths=[NUMBER_WIDTH, box_width],
        hAlign="LEFT",
    )
    table.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), FONT),  # never reportlab's Helvetica
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, 0), 4),
                ("BOTTOMPADDING", (0, 1), (-1, 1), 10),
            ]
        )
    )
    return KeepTogether([table])


def _calculation(b: Builder, fine: Record, voorstel: Voorstel, beleid: BoeteBeleid) -> None:
    blame = fine["verwijtbaarheid"]
    blame_label = vocab(VERWIJTBAARHEID, blame)
    rows: list[list[str]] = []
    if fine.get("benadelingsbedrag_cent"):
        rows.append([_("Basis: the benadelingsbedrag"), fmt.money(voorstel.basis_cent)])
        rows.append(
            [
                _("Percentage for {verwijtbaarheid}", verwijtbaarheid=blame_label),
                percent(voorstel.percentage),
            ]
        )
        raw = voorstel.basis_cent * voorstel.percentage // 100
        rows.append(
            [
                _(
                    "{basis} x {percentage}",
                    basis=fmt.money(voorstel.basis_cent),
                    percentage=percent(voorstel.percentage),
                ),
                fmt.money(raw),
            ]
        )
    else:
        rows.append(
            [
                _("Basis: no benadeling, the fixed amount of the policy"),
                fmt.money(voorstel.basis_cent),
            ]
        )
        if voorstel.percentage:
            label = _("The fixed amount applies at {verwijtbaarheid}", verwijtbaarheid=blame_label)
            raw = voorstel.basis_cent
        else:
            label = _("No fine at {verwijtbaarheid}", verwijtbaarheid=blame_label)
            raw = 0
        rows.append([label, fmt.money(raw)])
    if voorstel.begrensd == "minimum":
        rows.append([_("Raised to the minimum of the policy"), fmt.money(beleid.minimum_cent)])
    elif voorstel.begrensd == "maximum":
        rows.append([_("Capped at the maximum of the policy"), fmt.money(beleid.maximum_cent)])
    if voorstel.afgezien:
        rows.append([_("Waived for urgent reasons (dringende redenen)"), fmt.money(0)])
    b.table(
        [_("Step"), _("Amount")],
        rows,
        [130, 50],
        right=(1,),
        total=[_("Proposed fine"), fmt.money(voorstel.bedrag_cent)],
    )
    draagkracht = fine.get("draagkracht_cent")
    if voorstel.aflossing_per_maand_cent is not None and draagkracht is not None:
        per_month = voorstel.aflossing_per_maand_cent
        line = _(
            "Recovery from the draagkracht: {share} of {draagkracht} = {amount} per month.",
            share=percent(beleid.draagkracht_pct),
            draagkracht=fmt.money(draagkracht),
            amount=fmt.money(per_month),
        )
        if (months := voorstel.aflossing_maanden) is not None:
            line += " " + _("The fine is then paid off in about {months} months.", months=months)
        b.para(line)
        if voorstel.te_lang(beleid):
            b.para(
                _(
                    "Weigh proportionality: this is longer than the {max} months the team's "
                    "policy holds reasonable. Lower the fine, waive it for urgent reasons, or "
                    "write down why a longer repayment is fair.",
                    max=beleid.max_aflossing_maanden,
                )
            )
    elif not voorstel.bedrag_cent:
        b.para(_("No fine is proposed, so nothing is recovered."))
    else:
        b.para(_("The draagkracht has not been established yet: no monthly recovery computed."))


def _policy(b: Builder, blame: str, beleid: BoeteBeleid) -> None:
    b.subheading(_("The team's fine policy"))
    rows = []
    for key, label in VERWIJTBAARHEID.items():
        name = _(label)
        if key == blame:
            name = _("{verwijtbaarheid} (this fine)", verwijtbaarheid=name)
        rows.append([name, percent(int(beleid.percentages.get(key, 0)))])
    b.table([_("Verwijtbaarheid"), _("Percentage of the basis")], rows, [115, 65], right=(1,))
    b.fields(
        [
            (_("Minimum fine"), fmt.money(beleid.minimum_cent)),
            (_("Maximum fine"), fmt.money(beleid.maximum_cent)),
            (_("Fixed amount without benadeling"), fmt.money(beleid.zonder_benadeling_cent)),
            (
                _("Recovered per month"),
                _("{share} of the draagkracht", share=percent(beleid.draagkracht_pct)),
            ),
            (
                _("Longest repayment"),
                _("{months} months", months=beleid.max_aflossing_maanden),
            ),
        ],
        62 * mm,
    )
    b.small(
        _("Amounts and percentages are policy parameters set by the teamleider, not rules of law.")
    )


@dataclass
class FineTalkData:
    """Everything the preparation sheet for the confrontatiegesprek shows."""

    fine: Record
    voorstel: Voorstel  # the proposed fine, computed from the team's policy
    beleid: BoeteBeleid
    notes: list[Record]  # the reconsideration notes, oldest first
    resident: Record
    case: Record | None
    colleagues: dict[str, Record]  # every user: id -> record (name, role)
    region: str  # the werkplein's name (the team's region setting)
    made_at: str  # ISO moment the document is made
    user_id: str  # who makes it


def _klantmanager(fine: Record, case: Record | None, colleagues: dict[str, Record]) -> str:
    if fine.get("gesprek_klantmanager_id") in colleagues:  # named when the talk was planned
        return colleague(colleagues, fine["gesprek_klantmanager_id"])
    if case is not None and case.get("owner_id") in colleagues:
        return colleague(colleagues, case["owner_id"])
    return _("the resident's klantmanager (the fine is not linked to a case)")


def render(data: FineTalkData) -> Rendered:
    fine, resident, case = data.fine, data.resident, data.case
    status_label = vocab(BOETE_STATUS, fine["status"])
    b = Builder(
        letterhead(data.region, resident.get("gemeente")),
        title=_("Preparation of the confrontatiegesprek"),
        reference=fine["id"],
        subject=_("Internal preparation sheet for the confrontatiegesprek about a fine"),
        keywords="Werkplein; boete; confrontatiegesprek; intern",
    )
    b.title(
        _("Preparation of the confrontatiegesprek"),
        _("{name} · {status}", name=display_name(resident), status=status_label),
    )
    b.markup(
        f"<font color='#{MARK.hexval()[2:]}'><b>"
        + text(_("Internal: not for the resident"))
        + "</b></font>"
    )

    b.heading(_("Resident"))
    b.fields(
        [
            (_("Name"), display_name(resident)),
            (_("BSN"), resident.get("bsn")),
            (_("Address"), fmt.address(resident)),
            (_("Case"), case["title"] if case else _("not linked to a case")),
        ]
    )
    _breach(b, fine)

    b.heading(_("Proposed fine"))
    _calculation(b, fine, data.voorstel, data.beleid)
    _policy(b, fine["verwijtbaarheid"], data.beleid)
    _the_talk(b, data)
    _agenda(b, fine)

    b.heading(_("Reconsideration notes"))
    if data.notes:
        for note in data.notes:
            b.subheading(
                _(
                    "{moment} · {name}",
                    moment=fmt.moment(note.get("written_at")),
                    name=colleague(data.colleagues, note.get("author_id")),
                )
            )
            b.para(note.get("text"))
    else:
        b.para(_("No reconsideration notes yet."))

    made_by(b, data.made_at, colleague(data.colleagues, data.user_id))
    return Rendered(b.render(), resident["id"], f"boete:{fine['id']}")


def _breach(b: Builder, fine: Record) -> None:
    b.heading(_("The breach"))
    b.fields(
        [
            (_("Breach"), fine.get("overtreding")),
            (
                _("Date of the breach"),
                fmt.date(fine["overtreding_op"]) if fine.get("overtreding_op") else _("not known"),
            ),
            (
                _("Benadelingsbedrag"),
                fmt.money(fine["benadelingsbedrag_cent"])
                if fine.get("benadelingsbedrag_cent")
                else _("no benadeling established"),
            ),
            (_("Verwijtbaarheid"), vocab(VERWIJTBAARHEID, fine["verwijtbaarheid"])),
        ]
    )


def _the_talk(b: Builder, data: FineTalkData) -> None:
    """Draagkracht and dringende redenen, the talk itself and, once held, its outcome."""
    fine = data.fine
    b.heading(_("Draagkracht and dringende redenen"))
    draagkracht = fine.get("draagkracht_cent")
    b.fields(
        [
            (
                _("Draagkracht per month"),
                fmt.money(draagkracht) if draagkracht is not None else _("not established yet"),
            ),
            (_("Explanation"), fine.get("draagkracht_toelichting") or _("none")),
            (_("Dringende redenen"), fine.get("dringende_redenen") or _("none recorded")),
            (_("Waive the fine"), fmt.yes_no(bool(fine.get("afzien")))),
        ]
    )

    b.heading(_("The talk"))
    b.fields(
        [
            (
                _("Date and time"),
                fmt.moment(fine["gesprek_op"]) if fine.get("gesprek_op") else _("not planned yet"),
            ),
            (_("Behandelaar"), colleague(data.colleagues, fine.get("behandelaar_id"))),
            (_("Klantmanager"), _klantmanager(fine, data.case, data.colleagues)),
        ]
    )
    b.small(_("The confrontatiegesprek is held together with the klantmanager."))

    if fine["status"] == "afgerond":
        b.heading(_("Outcome"))
        b.fields(
            [
                (
                    _("Held on"),
                    fmt.moment(fine["gesprek_gehouden_op"])
                    if fine.get("gesprek_gehouden_op")
                    else _("not recorded"),
                ),
                (_("Outcome of the talk"), fine.get("gesprek_uitkomst")),
                (_("Fine set at"), fmt.money(fine.get("vastgesteld_bedrag_cent"))),
            ]
        )


def _agenda(b: Builder, fine: Record) -> None:
    b.heading(_("Agenda"))
    agenda = [a for a in fine.get("gesprek_agenda") or [] if str(a).strip()]
    if agenda:
        b.small(_("Write your notes under each point during the talk."))
        b.space(1)
        for number, item in enumerate(agenda, start=1):
            b.add(_agenda_item(number, item))
    else:
        b.para(_("No agenda has been set. Write your notes here during the talk."))
        b.add(NoteLines(BODY_WIDTH, lines=2 * NOTE_LINES))
