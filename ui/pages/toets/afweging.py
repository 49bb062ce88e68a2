"""Step 3, de afweging: the leefgebieden weighed, and the costs for society."""

from __future__ import annotations

from PySide6.QtCore import (
    Qt,
)
from PySide6.QtGui import (
    QFont,
)
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QGroupBox,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from ui import error_text, mute
from ui.format import format_money, scaled_font
from ui.pages.toets.common import _label, _text, _text_edit, costs_verdict
from ui.pages.toets.costs import CostLines
from ui.pages.toets.panel import StepPanel
from ui.widgets.tables import Fields
from werkplein.domain.vocab import AFWEGING
from werkplein.errors import WerkpleinError
from werkplein.i18n import _
from werkplein.services.session import Session


class AfwegingPanel(StepPanel):
    """Step 3: the effects checklist and the costs of the intervention against doing nothing."""

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(3, parent)
        self.session = session
        self._case: Fields = {}
        self.checklist_box = QGroupBox(self.form)
        grid = QVBoxLayout(self.checklist_box)
        self.item_edits: dict[str, QPlainTextEdit] = {}
        self.item_labels: dict[str, QLabel] = {}
        for key in AFWEGING:
            edit = _text_edit(self.checklist_box, 2)
            edit.setObjectName(f"afweging_{key}")
            edit.textChanged.connect(self.changed)
            label = _label(self.checklist_box, edit)
            grid.addWidget(label)
            grid.addWidget(edit)
            grid.addSpacing(4)
            self.item_edits[key] = edit
            self.item_labels[key] = label
        self.costs_box = QGroupBox(self.form)
        self.costs_intro = _label(self.costs_box)
        mute(self.costs_intro)
        self.intervention = CostLines("kosten_interventie", self.costs_box)
        self.nothing = CostLines("kosten_niets_doen", self.costs_box)
        self.summary = QFrame(self.costs_box)
        self.summary.setObjectName("costsSummary")
        self.summary.setFrameShape(QFrame.Shape.StyledPanel)
        summary_grid = QGridLayout(self.summary)
        self.sum_labels: dict[str, tuple[QLabel, QLabel]] = {}
        for row, key in enumerate(("interventie", "niets_doen", "verschil")):
            caption, amount = QLabel(self.summary), QLabel(self.summary)
            amount.setObjectName(f"sum_{key}")
            amount.setAlignment(Qt.AlignmentFlag.AlignRight)
            amount.setFont(scaled_font(self.font(), 1.0, QFont.Weight.DemiBold))
            summary_grid.addWidget(caption, row, 0)
            summary_grid.addWidget(amount, row, 1)
            self.sum_labels[key] = (caption, amount)
        self.verdict_label = _label(self.summary)
        self.verdict_label.setObjectName("costsVerdict")
        self.verdict_label.setFont(scaled_font(self.font(), 1.05, QFont.Weight.DemiBold))
        summary_grid.addWidget(self.verdict_label, 3, 0, 1, 2)
        costs_column = QVBoxLayout(self.costs_box)
        costs_column.addWidget(self.costs_intro)
        costs_column.addWidget(self.intervention)
        costs_column.addSpacing(8)
        costs_column.addWidget(self.nothing)
        costs_column.addSpacing(8)
        costs_column.addWidget(self.summary)
        column = QVBoxLayout(self.form)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.checklist_box)
        column.addSpacing(8)
        column.addWidget(self.costs_box)
        for side in (self.intervention, self.nothing):
            side.changed.connect(self.changed)
            side.changed.connect(self.show_costs)

    def retranslate(self) -> None:
        super().retranslate()
        self.checklist_box.setTitle(_("Effects checklist"))
        for key, label in self.item_labels.items():
            text = _(AFWEGING[key])
            label.setText(text)
            self.item_edits[key].setAccessibleName(text)
        self.costs_box.setTitle(_("Costs for society"))
        self.costs_intro.setText(
            _(
                "Choose items from the team's price list: what the intervention costs, and what "
                "it costs society if we do nothing."
            )
        )
        self.intervention.retranslate(_("Intervention"))
        self.nothing.retranslate(_("Doing nothing"))
        self.sum_labels["interventie"][0].setText(_("Intervention costs"))
        self.sum_labels["niets_doen"][0].setText(_("Doing nothing costs"))
        self.sum_labels["verschil"][0].setText(_("Difference"))
        self.show_costs()

    def values(self) -> Fields:
        weighed = {k: t for k, e in self.item_edits.items() if (t := _text(e.toPlainText()))}
        return {
            "afweging": weighed,
            "kosten_interventie": self.intervention.lines(),
            "kosten_niets_doen": self.nothing.lines(),
        }

    def load(self, case: Fields) -> None:
        self._case = case
        weighed = case.get("afweging") or {}
        for key, edit in self.item_edits.items():
            edit.setPlainText(weighed.get(key) or "")
        self.intervention.set_lines(case.get("kosten_interventie") or [])
        self.nothing.set_lines(case.get("kosten_niets_doen") or [])
        self.show_costs()

    def set_prices(self, prices: dict[str, Fields]) -> None:
        self.intervention.set_prices(prices)
        self.nothing.set_prices(prices)

    def set_editable(self, editable: bool) -> None:
        for edit in self.item_edits.values():
            edit.setReadOnly(not editable)
        self.intervention.set_editable(editable)
        self.nothing.set_editable(editable)

    def first_field(self) -> QWidget:
        return next(iter(self.item_edits.values()))

    def show_costs(self) -> None:
        """Totals and difference, computed by the core on the lines as they are on screen."""
        lines = {
            "kosten_interventie": self.intervention.lines(),
            "kosten_niets_doen": self.nothing.lines(),
        }
        try:
            costs = self.session.cases.costs({**self._case, **lines})
        except WerkpleinError as exc:
            self.verdict_label.setText(error_text(exc))
            for _caption, amount in self.sum_labels.values():
                amount.setText("—")
            return
        sums = {
            "interventie": costs.interventie_cent,
            "niets_doen": costs.niets_doen_cent,
            "verschil": abs(costs.verschil_cent),
        }
        for key, cents in sums.items():
            self.sum_labels[key][1].setText(format_money(cents))
        self.intervention.total_label.setText(
            _("Total: {amount}", amount=format_money(costs.interventie_cent))
        )
        self.nothing.total_label.setText(
            _("Total: {amount}", amount=format_money(costs.niets_doen_cent))
        )
        verdict = costs_verdict(costs)
        self.verdict_label.setText(verdict)
        self.summary.setAccessibleName(verdict)
