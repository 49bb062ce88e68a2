"""The dossier's cases tab: every case with its toets progress and decision."""

from __future__ import annotations

from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QPushButton,
    QWidget,
)

from ui.format import format_day

# Values the store keeps in Dutch words; shown in the active language.
from ui.pages.dossier.common import Tab, _heading, _keep_current, _label, step_progress
from ui.shortcuts import key as shortcut
from ui.widgets import RecordView, Row, RowsModel
from werkplein.domain.vocab import (
    BESLUIT_STATUS,
    CASUS_STATUS,
    UITKOMSTEN,
)
from werkplein.i18n import N_, _
from werkplein.services.residents import Dossier


class CasesTab(Tab):
    """Cases with their progress through the four steps, and the decisions."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.new_case_button = QPushButton(self)
        self.casus_button = QPushButton(self)
        self.casus_button.setObjectName("exportCasus")
        self.cases_heading = _heading("", self)
        self.cases_model = RowsModel(
            (N_("Case"), N_("Opened on"), N_("Status"), N_("Progress")), self
        )
        self.cases_view = RecordView(self)
        self.cases_view.setObjectName("casesView")
        self.cases_view.setModel(self.cases_model)
        self.cases_view.setSortingEnabled(True)
        self.decisions_heading = _heading("", self)
        self.decisions_model = RowsModel(
            (N_("Case"), N_("Outcome"), N_("Status"), N_("Version"), N_("Date")), self
        )
        self.decisions_view = RecordView(self)
        self.decisions_view.setObjectName("decisionsView")
        self.decisions_view.setModel(self.decisions_model)
        self.decisions_view.setSortingEnabled(True)
        self.decisions_view.set_stretch_column(0)
        heading_row = QHBoxLayout()
        heading_row.addWidget(self.cases_heading)
        heading_row.addStretch(1)
        heading_row.addWidget(self.new_case_button)
        heading_row.addWidget(self.casus_button)
        self.column.addLayout(heading_row)
        self.column.addWidget(self.cases_view, 3)
        self.column.addWidget(self.decisions_heading)
        self.column.addWidget(self.decisions_view, 2)

    def retranslate(self) -> None:
        self.cases_heading.setText(_("Cases"))
        self.decisions_heading.setText(_("Decisions"))
        self.new_case_button.setText(_("&New case…"))
        self.new_case_button.setAccessibleName(_("Open a new case"))
        self.new_case_button.setToolTip(
            QKeySequence(shortcut("new_case")).toString(QKeySequence.SequenceFormat.NativeText)
        )
        self.casus_button.setText(_("&Anonymous case (PDF)…"))
        self.casus_button.setAccessibleName(
            _("Save the chosen case without personal details, for the casusoverleg, as a PDF")
        )
        self.cases_view.setAccessibleName(_("Cases"))
        self.cases_view.set_placeholder(_("No cases yet. Press “New case” to start one."))
        self.decisions_view.setAccessibleName(_("Decisions"))
        self.decisions_view.set_placeholder(_("No decisions yet."))
        self.cases_model.retranslate()
        self.decisions_model.retranslate()

    def show_dossier(self, dossier: Dossier) -> None:
        rows = []
        for case in dossier.cases:
            progress, done = step_progress(case)
            if case.get("status") != "open":
                progress = _label(CASUS_STATUS, case.get("status"))
            rows.append(
                Row(
                    case["id"],
                    (
                        case.get("title") or "",
                        format_day(case.get("opened_on")),
                        _label(CASUS_STATUS, case.get("status")),
                        progress,
                    ),
                    sort_keys=(None, case.get("opened_on") or "", None, done),
                )
            )
        _keep_current(self.cases_view, self.cases_model, lambda: self.cases_model.set_rows(rows))
        titles = {c["id"]: c.get("title") or "" for c in dossier.cases}
        decisions = []
        for decision in sorted(
            dossier.decisions,
            key=lambda d: d.get("vastgesteld_op") or d.get("ingediend_op") or "",
            reverse=True,
        ):
            when = (
                decision.get("vastgesteld_op")
                or decision.get("ingediend_op")
                or decision.get("periode_van")
            )
            decisions.append(
                Row(
                    decision["id"],
                    (
                        titles.get(decision.get("casus_id") or "", ""),
                        _label(UITKOMSTEN, decision.get("uitkomst")),
                        _label(BESLUIT_STATUS, decision.get("status")),
                        str(decision.get("versie") or ""),
                        format_day(when),
                    ),
                    sort_keys=(None, None, None, decision.get("versie") or 0, when or ""),
                    extra={"casus_id": decision.get("casus_id")},
                )
            )
        _keep_current(
            self.decisions_view,
            self.decisions_model,
            lambda: self.decisions_model.set_rows(decisions),
        )

    def release(self) -> None:
        self.cases_model.clear()
        self.decisions_model.clear()
