"""The teamleider erases one resident on their request (AVG art. 17): with a reason, after a
check that no duty to keep applies, on a worker (it rewrites pages of the database)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLayout,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ui import mute
from ui.tasks import Progress, TaskHandle, run_task
from ui.widgets import ErrorLabel
from werkplein.errors import WerkpleinError
from werkplein.i18n import _
from werkplein.services.session import Session
from werkplein.services.types import Erased


class EraseDialog(QDialog):
    def __init__(self, session: Session, inwoner_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("eraseDialog")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.session = session
        self.inwoner_id = inwoner_id
        self.task: TaskHandle | None = None
        self.intro = QLabel(self)
        self.intro.setWordWrap(True)
        self.note = QLabel(self)
        self.note.setWordWrap(True)
        mute(self.note)
        self.reason_label = QLabel(self)
        self.reason_edit = QLineEdit(self)
        self.reason_label.setBuddy(self.reason_edit)
        self.sure = QCheckBox(self)
        self.error_label = ErrorLabel(self)
        self.buttons = QDialogButtonBox(self)
        self.erase_button = QPushButton(self)
        self.erase_button.setEnabled(False)
        self.buttons.addButton(self.erase_button, QDialogButtonBox.ButtonRole.DestructiveRole)
        self.cancel_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.erase_button.clicked.connect(self.erase)
        self.buttons.rejected.connect(self.reject)
        self.sure.toggled.connect(self._update)
        self.reason_edit.textChanged.connect(self._update)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow(self.reason_label, self.reason_edit)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.note)
        layout.addLayout(form)
        layout.addWidget(self.sure)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)
        layout.setSizeConstraint(QLayout.SizeConstraint.SetMinimumSize)  # wrapped text whole
        self.setMinimumWidth(70 * self.fontMetrics().averageCharWidth())
        self.setWindowTitle(_("Erase on request"))
        self.intro.setText(
            _(
                "Erase everything about this resident, on their request (AVG article 17): "
                "details, household, notes, cases, decisions, visits, handovers, fines and "
                "plans, and their history. This cannot be undone."
            )
        )
        self.note.setText(
            _(
                "On a werkplein every laptop erases them at its next sync, and what is on the "
                "shared folder can no longer be read. The audit log keeps that you erased them, "
                "with their id. Documents already exported (PDF) are not reached: delete those "
                "yourself."
            )
        )
        self.reason_label.setText(_("&Reason:"))
        self.reason_edit.setAccessibleName(_("Reason"))
        self.reason_edit.setPlaceholderText(_("e.g. request of 3 December, letter on file"))
        self.sure.setText(_("I &understand this cannot be undone"))
        self.erase_button.setText(_("&Erase"))
        self.cancel_button.setText(_("Cancel"))
        self.reason_edit.setFocus()

    def check(self) -> bool:
        """Whether a duty to keep allows erasing now; else the reason is shown here."""
        self.error_label.clear_error()
        try:
            self.session.retention.may_erase(self.inwoner_id)
        except WerkpleinError as exc:
            self.error_label.show_error(exc)
            self.adjustSize()  # room for the reason, the wrapped text above kept whole
            return False
        return True

    @Slot()
    def _update(self) -> None:
        ready = self.sure.isChecked() and bool(self.reason_edit.text().strip())
        self.erase_button.setEnabled(ready and self.task is None)

    @Slot()
    def erase(self) -> None:
        if not self.check():
            return
        reason = self.reason_edit.text()
        inwoner_id = self.inwoner_id

        def work(session: Session, _progress: Progress) -> Erased:
            return session.retention.erase_now(inwoner_id, reason)

        for widget in (self.reason_edit, self.sure, self.erase_button, self.cancel_button):
            widget.setEnabled(False)
        self.task = run_task(self, self.session, work, on_done=self._done, on_error=self._failed)

    def reject(self) -> None:
        if self.task is None:  # while erasing, it finishes first (it cannot be half done)
            super().reject()

    def _done(self, _erased: Erased) -> None:
        self.task = None
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self.task = None
        for widget in (self.reason_edit, self.sure, self.cancel_button):
            widget.setEnabled(True)
        self._update()
        if isinstance(exc, WerkpleinError):
            self.error_label.show_error(exc)
        else:
            raise exc
