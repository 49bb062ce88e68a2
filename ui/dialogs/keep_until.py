"""The teamleider keeps a dossier beyond its destruction date: until a day, for a reason."""

from __future__ import annotations

from PySide6.QtCore import Qt, Slot
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

from ui import mute
from ui.widgets import ErrorLabel
from ui.widgets.dates import DateField
from werkplein.errors import WerkpleinError
from werkplein.i18n import _
from werkplein.services.session import Session


class KeepUntilDialog(QDialog):
    def __init__(self, session: Session, inwoner_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("keepUntilDialog")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.session = session
        self.inwoner_id = inwoner_id
        self.intro = QLabel(self)
        self.intro.setWordWrap(True)
        mute(self.intro)
        self.until_label = QLabel(self)
        self.until_edit = DateField(session.today, self, optional=True)
        self.until_label.setBuddy(self.until_edit)
        self.reason_label = QLabel(self)
        self.reason_edit = QLineEdit(self)
        self.reason_label.setBuddy(self.reason_edit)
        self.error_label = ErrorLabel(self)
        self.buttons = QDialogButtonBox(self)
        self.keep_button = QPushButton(self)
        self.buttons.addButton(self.keep_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.cancel_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.keep)
        self.buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow(self.until_label, self.until_edit)
        form.addRow(self.reason_label, self.reason_edit)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(70 * self.fontMetrics().averageCharWidth())
        self.setWindowTitle(_("Keep the dossier longer"))
        self.intro.setText(
            _(
                "Keep this dossier beyond its destruction date, for example while an objection "
                "or a court case runs. Leave the date empty to stop keeping it longer."
            )
        )
        self.until_label.setText(_("Keep &until:"))
        self.until_edit.setAccessibleName(_("Keep until"))
        self.reason_label.setText(_("&Reason:"))
        self.reason_edit.setAccessibleName(_("Reason"))
        self.reason_edit.setPlaceholderText(_("e.g. objection pending"))
        self.keep_button.setText(_("&Keep"))
        self.cancel_button.setText(_("Cancel"))
        self.until_edit.setFocus()

    @Slot()
    def keep(self) -> None:
        self.error_label.clear_error()
        try:
            until = self.until_edit.checked_value()
            self.session.retention.keep_until(
                self.inwoner_id, until.isoformat() if until else None, self.reason_edit.text()
            )
        except WerkpleinError as exc:
            self.error_label.show_error(exc)
            return
        self.accept()
