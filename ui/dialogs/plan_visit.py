"""Plan a huisbezoek: when, and what for."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import (
    QEvent,
    Qt,
    Signal,
    Slot,
)
from PySide6.QtWidgets import (
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
            self.visit_id = self.session.visits.plan(
                self.inwoner_id, self.moment(), doel=self.purpose_edit.text()
            )
        except WerkpleinError as exc:
            self.error_label.setText("⚠ " + error_text(exc))
            self.error_label.setVisible(True)
            return
        self.planned.emit(self.visit_id)
        self.accept()
