"""The proposed fine, computed in the open from the team's policy."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

from ui import mute
from ui.format import format_money, scaled_font
from ui.pages.fine.common import Heading
from werkplein.domain.boete import BoeteBeleid, Voorstel
from werkplein.domain.vocab import VERWIJTBAARHEID
from werkplein.i18n import _


class CalculationPanel(QFrame):
    """The proposed fine, every step of it in words: basis × percentage = amount, the policy's
    minimum or maximum, the waiver, and what is recovered per month."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("calculationPanel")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setStyleSheet(
            "QFrame#calculationPanel { background: palette(base); border: 1px solid palette(mid);"
            " border-radius: 8px; }"
        )
        self.heading = Heading(self)
        self.preview_label = QLabel(self)
        self.preview_label.setWordWrap(True)
        mute(self.preview_label)
        self.steps_label = QLabel(self)
        self.steps_label.setObjectName("calculationSteps")
        self.steps_label.setWordWrap(True)
        self.steps_label.setTextFormat(Qt.TextFormat.PlainText)
        self.steps_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.amount_label = QLabel(self)
        self.amount_label.setObjectName("proposedAmount")
        self.amount_label.setFont(scaled_font(self.font(), 1.6, QFont.Weight.DemiBold))
        self.amount_label.setTextFormat(Qt.TextFormat.PlainText)
        self.recovery_label = QLabel(self)
        self.recovery_label.setObjectName("recovery")
        self.recovery_label.setWordWrap(True)
        self.recovery_label.setTextFormat(Qt.TextFormat.PlainText)
        self.policy_label = QLabel(self)
        self.policy_label.setObjectName("policyFigures")
        self.policy_label.setWordWrap(True)
        self.policy_label.setTextFormat(Qt.TextFormat.PlainText)
        mute(self.policy_label)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 14, 18, 14)
        layout.setSpacing(6)
        layout.addWidget(self.heading)
        layout.addWidget(self.preview_label)
        layout.addWidget(self.steps_label)
        layout.addWidget(self.amount_label)
        layout.addWidget(self.recovery_label)
        layout.addSpacing(6)
        layout.addWidget(self.policy_label)
        layout.addStretch(1)
        self.setFocusPolicy(Qt.FocusPolicy.TabFocus)  # a screen reader can land on the sum
        self.setMinimumWidth(300)

    def show_proposal(
        self,
        voorstel: Voorstel,
        beleid: BoeteBeleid,
        verwijtbaarheid: str,
        *,
        has_benadeling: bool,
        draagkracht_cent: int | None,
        preview: bool,
    ) -> None:
        blame = _(VERWIJTBAARHEID[verwijtbaarheid])
        raw = voorstel.basis_cent * voorstel.percentage // 100
        if has_benadeling:
            steps = [
                _(
                    "{basis} × {percentage}% ({blame}) = {amount}",
                    basis=format_money(voorstel.basis_cent),
                    percentage=voorstel.percentage,
                    blame=blame,
                    amount=format_money(raw),
                )
            ]
        else:
            raw = voorstel.basis_cent if voorstel.percentage else 0
            steps = [
                _(
                    "No benadeling: the policy's fixed amount of {basis} applies ({blame}) = "
                    "{amount}",
                    basis=format_money(voorstel.basis_cent),
                    blame=blame,
                    amount=format_money(raw),
                )
            ]
        if voorstel.begrensd == "minimum":
            steps.append(
                _(
                    "Raised to the policy minimum of {amount}",
                    amount=format_money(beleid.minimum_cent),
                )
            )
        elif voorstel.begrensd == "maximum":
            steps.append(
                _(
                    "Capped at the policy maximum of {amount}",
                    amount=format_money(beleid.maximum_cent),
                )
            )
        if voorstel.afgezien:
            steps.append(
                _("Waived for urgent reasons: {amount}", amount=format_money(0)),
            )
        self.steps_label.setText("\n".join(steps))
        self.amount_label.setText(format_money(voorstel.bedrag_cent))
        if voorstel.aflossing_per_maand_cent is not None and draagkracht_cent is not None:
            recovery = _(
                "Recovery: {amount} per month ({percentage}% of a draagkracht of {draagkracht} "
                "per month)",
                amount=format_money(voorstel.aflossing_per_maand_cent),
                percentage=beleid.draagkracht_pct,
                draagkracht=format_money(draagkracht_cent),
            )
            if (months := voorstel.aflossing_maanden) is not None:
                recovery += "; " + _("paid off in about {months} months", months=months)
            if voorstel.te_lang(beleid):
                recovery += "\n⚠ " + _(
                    "Longer than the {max} months the policy holds proportionate: lower the "
                    "fine, waive it, or motivate the longer repayment.",
                    max=beleid.max_aflossing_maanden,
                )
        elif not voorstel.bedrag_cent:
            recovery = _("Nothing to recover.")
        else:
            recovery = _("Enter the draagkracht to see the monthly recovery.")
        self.recovery_label.setText(recovery)
        percentages = ", ".join(
            f"{_(VERWIJTBAARHEID[code])} {beleid.percentages.get(code, 0)}%"
            for code in VERWIJTBAARHEID
        )
        self.policy_label.setText(
            _(
                "Team policy (set by the teamleider): {percentages}; minimum {minimum}, "
                "maximum {maximum}; without benadeling {fixed}; recovery {draagkracht}% of "
                "the draagkracht.",
                percentages=percentages,
                minimum=format_money(beleid.minimum_cent),
                maximum=format_money(beleid.maximum_cent),
                fixed=format_money(beleid.zonder_benadeling_cent),
                draagkracht=beleid.draagkracht_pct,
            )
        )
        self.preview_label.setText(_("Preview of your changes: not saved yet.") if preview else "")
        self.preview_label.setVisible(preview)
        self.setAccessibleName(
            " ".join(
                [
                    *steps,
                    _("Proposed fine: {amount}", amount=self.amount_label.text()),
                    recovery,
                ]
            )
        )

    def clear(self) -> None:
        for label in (self.steps_label, self.amount_label, self.recovery_label):
            label.clear()
        self.setAccessibleName("")
