"""Plan a huisbezoek: when, what for, for which case, and with whom (a joint visit: both see
it on Mijn werk)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import (
    QEvent,
    Qt,
    Signal,
    Slot,
)
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ui import error_text
from ui.widgets import ErrorLabel

# Values the store keeps in Dutch words; shown in the active language.
from ui.widgets.dates import DateTimeField
from werkplein.domain.roles import role_label
from werkplein.errors import WerkpleinError
from werkplein.i18n import _
from werkplein.services.session import Session
from werkplein.services.types import iso


class PlanVisitDialog(QDialog):
    """Plan a home visit: when and what for."""

    planned = Signal(str)  # the new visit's id

    def __init__(self, session: Session, inwoner_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("planVisitDialog")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.session = session
        self.inwoner_id = inwoner_id
        self.visit_id: str | None = None
        self.when_label = QLabel(self)
        self.when_edit = DateTimeField(session.today, self)
        tomorrow = session.today() + dt.timedelta(days=1)
        self.when_edit.set_value(dt.datetime.combine(tomorrow, dt.time(10)))
        self.when_label.setBuddy(self.when_edit)
        self.purpose_label = QLabel(self)
        self.purpose_edit = QLineEdit(self)
        self.purpose_label.setBuddy(self.purpose_edit)
        self.case_label = QLabel(self)
        self.case_combo = QComboBox(self)
        self.case_combo.setObjectName("visitCase")
        self.case_label.setBuddy(self.case_combo)
        self.cases = [
            c for c in session.cases.for_resident(inwoner_id) if c.get("status") == "open"
        ]
        self.with_label = QLabel(self)
        self.with_combo = QComboBox(self)
        self.with_combo.setObjectName("visitColleague")
        self.with_label.setBuddy(self.with_combo)
        me = session.user.id
        colleagues = [
            c for c in session.colleagues().values() if c["id"] != me and c.get("active", True)
        ]
        # werkcoaches first: a joint visit is usually with the werkcoach
        self.colleagues = sorted(
            colleagues, key=lambda c: (c.get("role") != "werkcoach", str(c.get("name")))
        )
        self.error_label = ErrorLabel(self)
        self.buttons = QDialogButtonBox(self)
        self.plan_button = QPushButton(self)
        self.buttons.addButton(self.plan_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.cancel_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.plan)
        self.buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow(self.when_label, self.when_edit)
        form.addRow(self.purpose_label, self.purpose_edit)
        form.addRow(self.case_label, self.case_combo)
        form.addRow(self.with_label, self.with_combo)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(80 * self.fontMetrics().averageCharWidth())
        self.retranslate()
        self.when_edit.setFocus()

    def retranslate(self) -> None:
        self.setWindowTitle(_("Plan a home visit"))
        self.when_label.setText(_("&Date and time:"))
        self.when_edit.setAccessibleName(_("Date and time of the visit"))
        self.purpose_label.setText(_("&Purpose:"))
        self.purpose_edit.setAccessibleName(_("Purpose of the visit"))
        self.purpose_edit.setPlaceholderText(_("e.g. getting to know each other, toekomstplan"))
        self.case_label.setText(_("&Case:"))
        self.case_combo.setAccessibleName(_("Case the visit is for"))
        case = self.case_combo.currentData()
        self.case_combo.clear()
        self.case_combo.addItem(_("— none —"), None)
        for c in self.cases:
            self.case_combo.addItem(str(c.get("title") or ""), c["id"])
        if len(self.cases) == 1 and case is None:
            case = self.cases[0]["id"]  # the one open case, chosen already
        self.case_combo.setCurrentIndex(max(self.case_combo.findData(case), 0))
        self.with_label.setText(_("&Together with:"))
        self.with_combo.setAccessibleName(_("Colleague who comes along (a joint visit)"))
        chosen = self.with_combo.currentData()
        self.with_combo.clear()
        self.with_combo.addItem(_("— nobody, I go alone —"), None)
        for c in self.colleagues:
            self.with_combo.addItem(f"{c['name']} ({role_label(str(c.get('role')))})", c["id"])
        self.with_combo.setCurrentIndex(max(self.with_combo.findData(chosen), 0))
        self.plan_button.setText(_("&Plan visit"))
        self.cancel_button.setText(_("Cancel"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def moment(self) -> str:
        """The typed local date and time, stored in UTC; ValidationFailed when it is not one."""
        local = self.when_edit.checked_value()
        assert local is not None  # a required field
        return iso(local.astimezone(dt.UTC))

    @Slot()
    def plan(self) -> None:
        try:
            colleague = self.with_combo.currentData()
            self.visit_id = self.session.visits.plan(
                self.inwoner_id,
                self.moment(),
                doel=self.purpose_edit.text(),
                casus_id=self.case_combo.currentData(),
                medewerkers=[colleague] if colleague else None,
            )
        except WerkpleinError as exc:
            self.error_label.setText("⚠ " + error_text(exc))
            self.error_label.setVisible(True)
            return
        self.planned.emit(self.visit_id)
        self.accept()
