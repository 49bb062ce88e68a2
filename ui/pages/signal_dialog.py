"""Signaal melden: a short dialog where any professional flags a rule that makes residents get
stuck. A signal is about the rule, never about a person: the dialog says so, refuses a text
that holds a valid BSN, and asks to confirm a text that holds a resident's name or street, or a
postcode (services/signals.py)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Slot
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

from ui import ERROR_COLOUR, error_text, mute
from ui.drafts import DraftKeeper
from werkplein.domain.vocab import WETTEN
from werkplein.errors import WerkpleinError
from werkplein.i18n import _
from werkplein.logs import log_crash
from werkplein.services.session import Session
from werkplein.services.signals import MayIdentify


class SignalDialog(QDialog):
    """Title, description and the rule or regulation concerned; logs the signal on accept."""

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("signalDialog")
        self.session = session
        self.signal_id: str | None = None
        self.warned: tuple[str, str, str] | None = None  # the text the person was warned about
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("M") * 52)

        self.intro_label = QLabel(self)
        self.intro_label.setWordWrap(True)
        self.privacy_label = QLabel(self)
        self.privacy_label.setObjectName("privacyNote")
        self.privacy_label.setWordWrap(True)
        self.privacy_label.setTextFormat(Qt.TextFormat.PlainText)
        self.privacy_label.setStyleSheet(
            "QLabel#privacyNote { background: palette(alternate-base);"
            " border: 1px solid palette(mid); border-radius: 6px; padding: 8px 12px; }"
        )

        self.title_edit = QLineEdit(self)
        self.title_edit.setObjectName("signalTitle")
        self.title_label = QLabel(self)
        self.title_label.setBuddy(self.title_edit)
        self.description_edit = QPlainTextEdit(self)
        self.description_edit.setObjectName("signalDescription")
        self.description_edit.setTabChangesFocus(True)
        self.description_edit.setMinimumHeight(self.fontMetrics().lineSpacing() * 6)
        self.description_label = QLabel(self)
        self.description_label.setBuddy(self.description_edit)
        self.rule_combo = QComboBox(self)
        self.rule_combo.setObjectName("signalRule")
        self.rule_combo.setEditable(True)
        self.rule_combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.rule_label = QLabel(self)
        self.rule_label.setBuddy(self.rule_combo)
        self.rule_hint = QLabel(self)
        self.rule_hint.setWordWrap(True)
        mute(self.rule_hint)

        self.error_label = QLabel(self)
        self.error_label.setObjectName("signalError")
        self.error_label.setWordWrap(True)
        self.error_label.setTextFormat(Qt.TextFormat.PlainText)
        self.error_label.setStyleSheet(f"color: {ERROR_COLOUR};")
        self.error_label.hide()

        self.buttons = QDialogButtonBox(self)
        self.log_button = QPushButton(self)
        self.log_button.setObjectName("logSignal")
        self.log_button.setDefault(True)
        self.cancel_button = QPushButton(self)
        self.buttons.addButton(self.log_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(self.cancel_button, QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow(self.title_label, self.title_edit)
        form.addRow(self.description_label, self.description_edit)
        form.addRow(self.rule_label, self.rule_combo)
        form.addRow("", self.rule_hint)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 18, 20, 16)
        layout.setSpacing(10)
        layout.addWidget(self.intro_label)
        layout.addWidget(self.privacy_label)
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)
        QWidget.setTabOrder(self.title_edit, self.description_edit)
        QWidget.setTabOrder(self.description_edit, self.rule_combo)
        QWidget.setTabOrder(self.rule_combo, self.log_button)
        QWidget.setTabOrder(self.log_button, self.cancel_button)
        self.retranslate()
        # what is typed is kept as it is typed, and comes back after a crash (ui/drafts.py)
        self.drafts = DraftKeeper(self, session, self._draft_values, self._restore_draft)
        self.restored = self.drafts.attach("signaal:new")
        self.restored_label = QLabel(self.restored or "", self)
        self.restored_label.setObjectName("draftRestored")
        self.restored_label.setWordWrap(True)
        self.restored_label.setVisible(self.restored is not None)
        layout.insertWidget(1, self.restored_label)
        for changed in (
            self.title_edit.textEdited,
            self.description_edit.textChanged,
            self.rule_combo.currentTextChanged,
        ):
            changed.connect(self._text_changed)
        self.title_edit.textEdited.connect(self.drafts.changed)
        self.description_edit.textChanged.connect(self.drafts.changed)
        self.rule_combo.currentTextChanged.connect(self.drafts.changed)
        self.finished.connect(lambda _result: self.drafts.saved())  # logged, or cancelled
        self.title_edit.setFocus()

    def retranslate(self) -> None:
        self.setWindowTitle(_("Log a signal"))
        self.intro_label.setText(
            _(
                "Where does a rule make residents get stuck? Describe the situation in general "
                "terms. The teamleider collects signals and passes patterns on to policy."
            )
        )
        self.privacy_label.setText(
            _("Do not mention names or BSNs: a signal is about the rule, not about a person.")
        )
        self.title_label.setText(_("&Title:"))
        self.title_edit.setAccessibleName(_("Title of the signal"))
        self.title_edit.setPlaceholderText(
            _("In a few words, e.g. Travel costs when starting work")
        )
        self.description_label.setText(_("&Description:"))
        self.description_edit.setAccessibleName(_("Description of the signal"))
        self.description_edit.setPlaceholderText(
            _("What happens, to whom in general, and why it gets in the way.")
        )
        self.rule_label.setText(_("&Rule or regulation:"))
        self.rule_combo.setAccessibleName(_("Rule or regulation concerned"))
        current = self.rule_combo.currentText()
        self.rule_combo.clear()
        self.rule_combo.addItems([_(name) for name in WETTEN.values()])
        self.rule_combo.setCurrentText(current)
        self.rule_hint.setText(
            _("Choose a law or type the rule, e.g. Participatiewet art. 58. May be left empty.")
        )
        self.log_button.setText(_("&Log signal"))
        self.log_button.setAccessibleName(_("Log signal"))
        self.cancel_button.setText(_("Cancel"))
        self.cancel_button.setAccessibleName(_("Cancel"))

    def values(self) -> tuple[str, str, str]:
        return (
            self.title_edit.text(),
            self.description_edit.toPlainText(),
            self.rule_combo.currentText(),
        )

    def release(self) -> None:
        """The app locks: keep what was typed as a draft, then let go (the close after this
        drops nothing)."""
        self.drafts.release()

    def _draft_values(self) -> dict[str, str] | None:
        titel, omschrijving, regeling = self.values()
        if not (titel.strip() or omschrijving.strip()):
            return None
        return {"titel": titel, "omschrijving": omschrijving, "regeling": regeling}

    def _restore_draft(self, draft: dict[str, object]) -> None:
        self.title_edit.setText(str(draft.get("titel") or ""))
        self.description_edit.setPlainText(str(draft.get("omschrijving") or ""))
        self.rule_combo.setEditText(str(draft.get("regeling") or ""))

    @Slot()
    def _text_changed(self) -> None:
        """A warned text that changes is checked anew before it is logged."""
        if self.warned is not None and self.warned != self.values():
            self.warned = None
            self.log_button.setText(_("&Log signal"))

    def show_error(self, exc: BaseException) -> None:
        self.error_label.setText("⚠ " + error_text(exc))
        self.error_label.setAccessibleName(self.error_label.text())
        self.error_label.show()

    @Slot()
    def submit(self) -> None:
        """Log the signal; on a problem the dialog stays open and says what to change."""
        self.error_label.hide()
        titel, omschrijving, regeling = self.values()
        confirmed = self.warned == (titel, omschrijving, regeling)  # "Log anyway", unchanged
        try:
            self.signal_id = self.session.signals.log(
                titel, omschrijving, regeling, confirmed=confirmed
            )
        except MayIdentify as exc:
            self.warned = (titel, omschrijving, regeling)
            self.show_error(exc)
            self.log_button.setText(_("&Log anyway"))
            return
        except Exception as exc:
            if not isinstance(exc, WerkpleinError):
                log_crash(exc)  # type and frames only, never the text
            self.show_error(exc)
            return
        self.accept()
