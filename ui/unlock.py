"""The unlock window: the first screen, asking for the passphrase of one profile folder.

The key derivation (PBKDF2, about 0.2 s) runs in a ``QThreadPool`` worker so the window keeps
painting; that worker only derives and checks the key and opens nothing. SQLCipher connections
belong to the thread that made them, so the store is opened afterwards in the GUI thread with
the derived key (no second KDF) and the new ``Session`` leaves through ``unlocked``.

The window names only the folder it was given and never hints at other profiles.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QRunnable, QSize, Qt, QThreadPool, Signal, Slot
from PySide6.QtGui import QCloseEvent, QFont, QShowEvent
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from ui import ERROR_COLOUR, LANGUAGE_NAMES, error_text, mute
from werkplein import i18n
from werkplein.errors import ProfileNotFound, WerkpleinError
from werkplein.i18n import N_, _
from werkplein.services.session import Session
from werkplein.store import profile
from werkplein.store.store import Store

log = logging.getLogger(__name__)


def detached(exc: BaseException) -> BaseException:
    """The exception without traceback or chain: their frames hold the passphrase."""
    exc.__traceback__ = None
    exc.__cause__ = None
    exc.__context__ = None
    return exc


class UnlockSignals(QObject):
    """Results of an ``UnlockTask``; lives in the GUI thread, so slots run there."""

    succeeded = Signal(object, object)  # (profile.Header, key: bytes)
    failed = Signal(object)  # the exception, traceback dropped


class UnlockTask(QRunnable):
    """Derive the key and check it against the profile header. Reads only, writes nothing."""

    def __init__(self, data_dir: Path, passphrase: str, signals: UnlockSignals) -> None:
        super().__init__()
        self._data_dir = data_dir
        self._passphrase = passphrase
        self.signals = signals

    def run(self) -> None:
        passphrase, self._passphrase = self._passphrase, ""
        try:
            header, key = profile.unlock(self._data_dir, passphrase)
        except WerkpleinError as exc:
            self.signals.failed.emit(detached(exc))
        except Exception as exc:
            log.exception("unlock failed unexpectedly")
            self.signals.failed.emit(detached(exc))
        else:
            self.signals.succeeded.emit(header, key)


class UnlockWindow(QWidget):
    """Asks for the passphrase; emits ``unlocked(Session)`` with the store open in this thread."""

    unlocked = Signal(object)  # Session
    language_chosen = Signal(str)  # a code from i18n.LANGUAGES

    def __init__(self, data_dir: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("unlockWindow")
        self._data_dir = data_dir
        self._error: BaseException | None = None
        self._busy = False
        self._closed = False
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._signals = UnlockSignals(self)
        self._signals.succeeded.connect(self._on_key)
        self._signals.failed.connect(self._on_failed)
        self._build()
        self.retranslate()
        if not profile.has_profile(data_dir):
            self._show_error(ProfileNotFound())
            self.passphrase_edit.setEnabled(False)
            self.unlock_button.setEnabled(False)

    # ------------------------------------------------------------------ layout
    def _build(self) -> None:
        self.setMinimumWidth(440)

        icon = QLabel(self)
        icon.setPixmap(QApplication.windowIcon().pixmap(QSize(56, 56)))
        icon.setAlignment(Qt.AlignmentFlag.AlignTop)
        icon.setAccessibleName("Werkplein")
        self.title_label = QLabel(self)
        title_font = QFont(self.font())
        title_font.setPointSizeF(title_font.pointSizeF() * 1.8)
        title_font.setWeight(QFont.Weight.DemiBold)
        self.title_label.setFont(title_font)
        self.subtitle_label = QLabel(self)
        self.subtitle_label.setWordWrap(True)
        mute(self.subtitle_label)

        heading = QVBoxLayout()
        heading.setSpacing(2)
        heading.addWidget(self.title_label)
        heading.addWidget(self.subtitle_label)
        top = QHBoxLayout()
        top.setSpacing(16)
        top.addWidget(icon)
        top.addLayout(heading, 1)

        self.profile_caption = QLabel(self)
        self.profile_value = QLabel(self._data_dir.name or str(self._data_dir), self)
        self.profile_value.setTextFormat(Qt.TextFormat.PlainText)
        self.profile_value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        bold = QFont(self.font())
        bold.setWeight(QFont.Weight.DemiBold)
        self.profile_value.setFont(bold)

        self.passphrase_label = QLabel(self)
        self.passphrase_edit = QLineEdit(self)
        self.passphrase_edit.setObjectName("passphrase")
        self.passphrase_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase_edit.setMinimumWidth(260)
        self.passphrase_label.setBuddy(self.passphrase_edit)
        self.passphrase_edit.returnPressed.connect(self.submit)

        self.error_label = QLabel(self)
        self.error_label.setObjectName("unlockError")
        self.error_label.setWordWrap(True)
        self.error_label.setTextFormat(Qt.TextFormat.PlainText)
        self.error_label.setStyleSheet(f"color: {ERROR_COLOUR};")
        self.error_label.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)

        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.form.setHorizontalSpacing(12)
        self.form.setVerticalSpacing(10)
        self.form.addRow(self.profile_caption, self.profile_value)
        self.form.addRow(self.passphrase_label, self.passphrase_edit)
        self.form.addRow("", self.error_label)
        self.form.setRowVisible(self.error_label, False)

        self.language_label = QLabel(self)
        self.language_combo = QComboBox(self)
        for code in i18n.LANGUAGES:
            self.language_combo.addItem(LANGUAGE_NAMES.get(code, code), code)
        self.language_label.setBuddy(self.language_combo)
        self.language_combo.activated.connect(self._on_language_activated)

        self.unlock_button = QPushButton(self)
        self.unlock_button.setObjectName("unlockButton")
        self.unlock_button.setDefault(True)
        self.unlock_button.setAutoDefault(True)
        self.unlock_button.clicked.connect(self.submit)

        bottom = QHBoxLayout()
        bottom.setSpacing(8)
        bottom.addWidget(self.language_label)
        bottom.addWidget(self.language_combo)
        bottom.addStretch(1)
        bottom.addWidget(self.unlock_button)

        outer = QVBoxLayout(self)
        outer.setContentsMargins(32, 28, 32, 24)
        outer.setSpacing(0)
        outer.addLayout(top)
        outer.addSpacing(24)
        outer.addLayout(self.form)
        outer.addSpacing(24)
        outer.addStretch(1)
        outer.addLayout(bottom)

        QWidget.setTabOrder(self.passphrase_edit, self.unlock_button)
        QWidget.setTabOrder(self.unlock_button, self.language_combo)
        self.passphrase_edit.setFocus()

    def retranslate(self) -> None:
        """Set every text in the active language; also re-words a shown error."""
        self.setWindowTitle(_("Werkplein — Unlock"))
        self.title_label.setText("Werkplein")
        self.subtitle_label.setText(_("Unlock your profile to continue working."))
        self.profile_caption.setText(_("Profile:"))
        self.profile_value.setToolTip(_("The profile folder on this computer"))
        self.passphrase_label.setText(_("&Passphrase:"))
        self.passphrase_edit.setAccessibleName(_("Passphrase"))
        self.error_label.setAccessibleName(_("Error"))
        self.language_label.setText(_("&Language:"))
        self.language_combo.setAccessibleName(_("Language"))
        index = self.language_combo.findData(i18n.language())
        self.language_combo.blockSignals(True)
        self.language_combo.setCurrentIndex(max(index, 0))
        self.language_combo.blockSignals(False)
        self._update_button_text()
        if self._error is not None:
            self._show_error(self._error)

    def _update_button_text(self) -> None:
        idle, busy = _("&Unlock"), _("Unlocking…")
        metrics = self.unlock_button.fontMetrics()
        widest = max(metrics.horizontalAdvance(t.replace("&", "")) for t in (idle, busy))
        self.unlock_button.setMinimumWidth(widest + 40)
        self.unlock_button.setText(busy if self._busy else idle)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # ------------------------------------------------------------------ state
    @property
    def busy(self) -> bool:
        return self._busy

    @property
    def error_message(self) -> str:
        """The error line as shown, or "" when there is none."""
        return self.error_label.text() if self._error is not None else ""

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        self.passphrase_edit.setEnabled(not busy)
        self.unlock_button.setEnabled(not busy)
        self.language_combo.setEnabled(not busy)
        self._update_button_text()
        if busy:
            self.setCursor(Qt.CursorShape.BusyCursor)
        else:
            self.unsetCursor()

    def _show_error(self, exc: BaseException) -> None:
        self._error = exc
        text = error_text(exc)
        self.error_label.setText(text)
        self.form.setRowVisible(self.error_label, True)
        self.passphrase_edit.setAccessibleDescription(text)

    def _clear_error(self) -> None:
        self._error = None
        self.error_label.clear()
        self.form.setRowVisible(self.error_label, False)
        self.passphrase_edit.setAccessibleDescription("")

    def _focus_passphrase(self) -> None:
        self.passphrase_edit.setFocus(Qt.FocusReason.OtherFocusReason)
        self.passphrase_edit.selectAll()

    # ------------------------------------------------------------------ unlocking
    @Slot()
    def submit(self) -> None:
        if self._busy or not self.passphrase_edit.isEnabled():
            return
        passphrase = self.passphrase_edit.text()
        if not passphrase:
            self._show_error(WerkpleinError(N_("Enter the passphrase of this profile.")))
            self._focus_passphrase()
            return
        self._clear_error()
        self._set_busy(True)
        self._pool.start(UnlockTask(self._data_dir, passphrase, self._signals))

    @Slot(object, object)
    def _on_key(self, header: profile.Header, key: bytes) -> None:
        if self._closed:
            return  # closed while the key was derived: open nothing
        try:
            store = Store.open_with_key(self._data_dir, header, key)
            session = Session.for_store(store)
        except Exception as exc:
            if not isinstance(exc, WerkpleinError):
                log.exception("opening the unlocked profile failed")
            self._on_failed(detached(exc))
            return
        self.passphrase_edit.clear()
        self._set_busy(False)
        self.unlocked.emit(session)

    @Slot(object)
    def _on_failed(self, exc: BaseException) -> None:
        self._set_busy(False)
        self._show_error(exc)
        self._focus_passphrase()

    @Slot(int)
    def _on_language_activated(self, index: int) -> None:
        code = self.language_combo.itemData(index)
        if isinstance(code, str) and code != i18n.language():
            self.language_chosen.emit(code)

    def showEvent(self, event: QShowEvent) -> None:
        self._closed = False
        super().showEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        # a running KDF takes a fraction of a second; let it end before the signals go away
        self._closed = True
        self._pool.waitForDone()
        self.passphrase_edit.clear()
        super().closeEvent(event)
