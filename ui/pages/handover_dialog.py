"""Compose a warme overdracht: the receiver gets the whole story (situation, what the resident
wants, agreements, risks, how to reach them), so the resident never has to tell it again.

The form starts from ``session.handovers.prefill``; the sender checks and completes it. What is
missing is said next to the field, in the user's language; the dialog stays open until the
handover is sent or the user cancels.
"""

from __future__ import annotations

import itertools

from PySide6.QtCore import QEvent, QSize, Qt, Signal, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ui import error_text, mute
from ui.drafts import DraftKeeper
from ui.widgets import ErrorLabel
from werkplein.domain.roles import role_label
from werkplein.errors import WerkpleinError
from werkplein.i18n import _
from werkplein.services.session import Session

TEXT_LINES = 3  # starting height of the text fields, in lines


class LinesEdit(QPlainTextEdit):
    """A text field that asks for room for a few lines, and grows with the dialog."""

    def __init__(self, lines: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._lines = lines
        self.setTabChangesFocus(True)  # Tab moves on, as in every other field

    def sizeHint(self) -> QSize:
        hint = super().sizeHint()
        margin = 2 * int(self.document().documentMargin()) + 2 * self.frameWidth()
        return QSize(hint.width(), self.fontMetrics().lineSpacing() * self._lines + margin)

    def minimumSizeHint(self) -> QSize:
        return self.sizeHint()


def _text_edit(parent: QWidget, lines: int = TEXT_LINES) -> QPlainTextEdit:
    return LinesEdit(lines, parent)


class HandoverDialog(QDialog):
    """A warm handover of one resident to a colleague."""

    sent = Signal(str)  # the new handover's id

    def __init__(
        self,
        session: Session,
        inwoner_id: str,
        *,
        casus_id: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("handoverDialog")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.session = session
        self.inwoner_id = inwoner_id
        self.casus_id = casus_id
        self.handover_id: str | None = None

        self.intro = QLabel(self)
        self.intro.setWordWrap(True)
        mute(self.intro)
        self.receiver_label = QLabel(self)
        self.receiver_combo = QComboBox(self)
        self.receiver_label.setBuddy(self.receiver_combo)
        self.situation_label = QLabel(self)
        self.situation_edit = _text_edit(self, 4)
        self.situation_label.setBuddy(self.situation_edit)
        self.wish_label = QLabel(self)
        self.wish_edit = _text_edit(self)
        self.wish_label.setBuddy(self.wish_edit)
        self.agreements_label = QLabel(self)
        self.agreements_edit = _text_edit(self)
        self.agreements_label.setBuddy(self.agreements_edit)
        self.risks_label = QLabel(self)
        self.risks_edit = _text_edit(self, 2)
        self.risks_label.setBuddy(self.risks_edit)
        self.contact_label = QLabel(self)
        self.contact_edit = QLineEdit(self)
        self.contact_label.setBuddy(self.contact_edit)
        self.field_errors = {
            "receiver": ErrorLabel(self),
            "situatie": ErrorLabel(self),
            "wens_inwoner": ErrorLabel(self),
        }
        self.error_label = ErrorLabel(self)

        self.buttons = QDialogButtonBox(self)
        self.send_button = QPushButton(self)
        self.send_button.setDefault(False)
        self.send_button.setAutoDefault(False)
        self.buttons.addButton(self.send_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.cancel_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.send)
        self.buttons.rejected.connect(self.reject)

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow(self.receiver_label, self.receiver_combo)
        form.addRow("", self.field_errors["receiver"])
        form.addRow(self.situation_label, self.situation_edit)
        form.addRow("", self.field_errors["situatie"])
        form.addRow(self.wish_label, self.wish_edit)
        form.addRow("", self.field_errors["wens_inwoner"])
        form.addRow(self.agreements_label, self.agreements_edit)
        form.addRow(self.risks_label, self.risks_edit)
        form.addRow(self.contact_label, self.contact_edit)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(form, 1)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)
        order = [
            self.receiver_combo,
            self.situation_edit,
            self.wish_edit,
            self.agreements_edit,
            self.risks_edit,
            self.contact_edit,
            self.send_button,
            self.cancel_button,
        ]
        for first, second in itertools.pairwise(order):
            self.setTabOrder(first, second)

        chars = self.fontMetrics().averageCharWidth()
        self.resize(max(110 * chars, self.sizeHint().width()), self.sizeHint().height())
        self.retranslate()
        self._fill_receivers()
        self._prefill()
        self._prefilled = self._typed()
        # what is typed is kept as it is typed, and comes back after a crash (ui/drafts.py)
        self.drafts = DraftKeeper(self, session, self._draft_values, self._restore_draft)
        self.restored = self.drafts.attach(f"overdracht:new:{inwoner_id}")
        self.restored_label = QLabel(self.restored or "", self)
        self.restored_label.setObjectName("draftRestored")
        self.restored_label.setWordWrap(True)
        self.restored_label.setVisible(self.restored is not None)
        layout.insertWidget(1, self.restored_label)
        for edit in (self.situation_edit, self.wish_edit, self.agreements_edit, self.risks_edit):
            edit.textChanged.connect(self.drafts.changed)
        self.contact_edit.textEdited.connect(self.drafts.changed)
        self.receiver_combo.currentIndexChanged.connect(self.drafts.changed)
        self.finished.connect(lambda _result: self.drafts.saved())  # sent, or cancelled
        self.receiver_combo.setFocus()

    # ------------------------------------------------------------------ data
    def _fill_receivers(self) -> None:
        """Active colleagues, as "Name (role)"."""
        try:
            users = self.session.handovers.receivers()
        except Exception as exc:  # shown in the dialog; sending is then impossible anyway
            self._show_error(exc)
            users = []
        self.receiver_combo.clear()
        self.receiver_combo.addItem(_("Choose a colleague…"), None)
        for user in users:
            try:
                role = role_label(user["role"])
            except ValueError:
                role = str(user["role"])
            self.receiver_combo.addItem(f"{user['name']} ({role})", user["id"])

    def _prefill(self) -> None:
        try:
            draft = self.session.handovers.prefill(self.inwoner_id)
        except Exception as exc:
            self._show_error(exc)
            return
        self.situation_edit.setPlainText(draft.get("situatie", ""))
        self.wish_edit.setPlainText(draft.get("wens_inwoner", ""))
        self.agreements_edit.setPlainText(draft.get("afspraken", ""))
        self.risks_edit.setPlainText(draft.get("risicos", ""))
        self.contact_edit.setText(draft.get("contactvoorkeur", ""))

    def _typed(self) -> dict[str, str | None]:
        return {
            "naar_id": self.receiver(),
            "situatie": self.situation_edit.toPlainText(),
            "wens_inwoner": self.wish_edit.toPlainText(),
            "afspraken": self.agreements_edit.toPlainText(),
            "risicos": self.risks_edit.toPlainText(),
            "contactvoorkeur": self.contact_edit.text(),
        }

    def _draft_values(self) -> dict[str, str | None] | None:
        typed = self._typed()
        return typed if typed != self._prefilled else None

    def _restore_draft(self, draft: dict[str, object]) -> None:
        receiver = draft.get("naar_id")
        if isinstance(receiver, str):
            self.choose_receiver(receiver)
        for name, edit in (
            ("situatie", self.situation_edit),
            ("wens_inwoner", self.wish_edit),
            ("afspraken", self.agreements_edit),
            ("risicos", self.risks_edit),
        ):
            edit.setPlainText(str(draft.get(name) or ""))
        self.contact_edit.setText(str(draft.get("contactvoorkeur") or ""))

    def choose_receiver(self, user_id: str) -> bool:
        index = self.receiver_combo.findData(user_id)
        if index >= 0:
            self.receiver_combo.setCurrentIndex(index)
        return index >= 0

    def receiver(self) -> str | None:
        data = self.receiver_combo.currentData()
        return data if isinstance(data, str) else None

    # ------------------------------------------------------------------ sending
    def _missing(self) -> dict[str, str]:
        problems: dict[str, str] = {}
        if self.receiver() is None:
            problems["receiver"] = _("Choose the colleague who takes over.")
        if not self.situation_edit.toPlainText().strip():
            problems["situatie"] = _("Describe the situation, so the colleague need not ask.")
        if not self.wish_edit.toPlainText().strip():
            problems["wens_inwoner"] = _("Write down what the resident wants, in their own words.")
        return problems

    @Slot()
    def send(self) -> None:
        self._clear_errors()
        problems = self._missing()
        if problems:
            for name, text in problems.items():
                self.field_errors[name].setText("⚠ " + text)
                self.field_errors[name].setVisible(True)
            first = next(iter(problems))
            {
                "receiver": self.receiver_combo,
                "situatie": self.situation_edit,
                "wens_inwoner": self.wish_edit,
            }[first].setFocus(Qt.FocusReason.OtherFocusReason)
            self.error_label.setText(_("The handover has not been sent yet: see above."))
            self.error_label.setVisible(True)
            return
        receiver = self.receiver()
        assert receiver is not None
        try:
            self.handover_id = self.session.handovers.send(
                self.inwoner_id,
                receiver,
                situatie=self.situation_edit.toPlainText(),
                wens_inwoner=self.wish_edit.toPlainText(),
                afspraken=self.agreements_edit.toPlainText(),
                risicos=self.risks_edit.toPlainText(),
                contactvoorkeur=self.contact_edit.text(),
                casus_id=self.casus_id,
            )
        except WerkpleinError as exc:
            self._show_error(exc)
            return
        self.sent.emit(self.handover_id)
        self.accept()

    def _clear_errors(self) -> None:
        for label in [*self.field_errors.values(), self.error_label]:
            label.clear()
            label.setVisible(False)

    def _show_error(self, exc: BaseException) -> None:
        self.error_label.setText("⚠ " + error_text(exc))
        self.error_label.setVisible(True)

    def errors(self) -> list[str]:
        """The error texts shown now (for tests and screen-reader checks)."""
        return [
            label.text()
            for label in [*self.field_errors.values(), self.error_label]
            if label.isVisibleTo(self) and label.text()
        ]

    # ------------------------------------------------------------------ texts
    def retranslate(self) -> None:
        self.setWindowTitle(_("Warm handover"))
        self.intro.setText(
            _(
                "The colleague receives the whole story, so the resident does not have to tell "
                "it again. Check what has been filled in from the dossier and complete it."
            )
        )
        self.receiver_label.setText(_("&To:"))
        self.receiver_combo.setAccessibleName(_("Colleague who takes over"))
        if self.receiver_combo.count():
            self.receiver_combo.setItemText(0, _("Choose a colleague…"))
        self.situation_label.setText(_("&Situation:"))
        self.situation_edit.setAccessibleName(_("Situation"))
        self.wish_label.setText(_("&What the resident wants:"))
        self.wish_edit.setAccessibleName(_("What the resident wants"))
        self.wish_edit.setPlaceholderText(_("In the resident's own words"))
        self.agreements_label.setText(_("A&greements:"))
        self.agreements_edit.setAccessibleName(_("Agreements"))
        self.risks_label.setText(_("&Risks:"))
        self.risks_edit.setAccessibleName(_("Risks"))
        self.contact_label.setText(_("&Contact preference:"))
        self.contact_edit.setAccessibleName(_("Contact preference"))
        self.send_button.setText(_("Se&nd handover"))
        self.cancel_button.setText(_("Cancel"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def clear(self) -> None:
        """Drop what the form shows (on lock); what was typed is kept as a draft first."""
        self.drafts.release()  # keeps it, and lets go: the close that follows drops nothing
        for edit in (
            self.situation_edit,
            self.wish_edit,
            self.agreements_edit,
            self.risks_edit,
        ):
            edit.clear()
        self.contact_edit.clear()
