"""The unlock window: the first screen, choosing the profile and asking for its passphrase.

The key derivation (PBKDF2, about 0.2 s) runs on a worker (``ui.tasks``) so the window keeps
painting; that worker only derives and checks the key and opens nothing. SQLCipher connections
belong to the thread that made them, so the store is opened afterwards in the GUI thread with
the derived key (no second KDF) and the new ``Session`` leaves through ``unlocked``.

A laptop may hold several profiles (a work profile, the demo): the window lists the folders
next to the one it was given that hold a ``profile.json``, plus that folder itself, plus "Other
folder…". It shows folder names only and never reads ``profile.json`` for more: nothing there
names a person, and the window gives no hint whether a profile exists for some user name.

"I have an invitation code" opens ``JoinTeamDialog``: a new colleague joins the team and gets
a new profile (in the chosen folder when it holds none, else in a new folder next to it),
which then opens as after an unlock.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QEvent, QSize, Qt, Signal, Slot
from PySide6.QtGui import QCloseEvent, QFont, QShowEvent
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QFileDialog,
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
from ui.dialogs.join_team import JoinTeamDialog
from ui.format import scaled_font
from ui.tasks import TaskHandle, tasks
from werkplein import i18n
from werkplein.errors import ProfileNotFound, WerkpleinError
from werkplein.i18n import N_, _
from werkplein.services import profiles
from werkplein.services.session import Session
from werkplein.services.types import Clock

log = logging.getLogger(__name__)


# "I have an invitation code" when the folder holds a profile: a link under the passphrase
# (the link colour, left aligned), with a visible frame when it has the keyboard focus
JOIN_LINK_STYLE = (
    "QPushButton { color: palette(link); border: 1px solid transparent; padding: 2px 1px;"
    " text-align: left; }"
    " QPushButton:hover { text-decoration: underline; }"
    " QPushButton:focus { border: 1px dotted palette(link); }"
)


class NoProfileHere(ProfileNotFound):
    """The unlock window's words for a folder without a profile: the way on is the button
    under it (the CLI's ProfileNotFound points to ``werkplein init``)."""

    msgid = N_(
        "There is no Werkplein profile in this folder yet. Did your teamleider give you an "
        "invitation code? Then join your team with the button below."
    )


def detached(exc: BaseException) -> BaseException:
    """The exception without traceback or chain: their frames hold the passphrase."""
    exc.__traceback__ = None
    exc.__cause__ = None
    exc.__context__ = None
    return exc


def find_profiles(data_dir: Path) -> list[Path]:
    """``data_dir`` (also when it does not exist yet) and the folders next to it that hold a
    profile, by name. Only the presence of ``profile.json`` is checked; nothing is read."""
    data_dir = data_dir.absolute()
    found = {data_dir}
    try:
        siblings = list(data_dir.parent.iterdir())
    except OSError:  # no such parent, or not ours to read: just the given folder
        siblings = []
    for folder in siblings:
        try:
            if folder.is_dir() and profiles.has_profile(folder):
                found.add(folder)
        except OSError:
            continue
    return sorted(found, key=lambda folder: (folder.name.casefold(), str(folder)))


def folder_label(folder: Path, others: list[Path]) -> str:
    """The folder's name; with its parent's name when another listed folder has that name."""
    name = folder.name or str(folder)
    if any(o != folder and o.name == folder.name for o in others):
        return f"{name} ({folder.parent.name or folder.parent})"
    return name


def derive_key(data_dir: Path, passphrase: str) -> tuple[profiles.Header, bytes]:
    """Derive the key and check it against the profile header (on a worker: the KDF takes a
    moment). Reads only, writes nothing. An error leaves without traceback or chain."""
    try:
        return profiles.derive_key(data_dir, passphrase)
    except WerkpleinError as exc:
        raise detached(exc) from None
    except Exception as exc:
        log.exception("unlock failed unexpectedly")
        raise detached(exc) from None


class UnlockWindow(QWidget):
    """Asks for the profile and its passphrase; emits ``unlocked(Session)`` with the store open
    in this thread, on the given clock.

    ``data_dir`` is the folder the app was started on: it and the profile folders next to it
    are offered. ``selected`` (default ``data_dir``) is preselected, e.g. the profile that was
    open before the app locked."""

    unlocked = Signal(object)  # Session
    language_chosen = Signal(str)  # a code from i18n.LANGUAGES

    def __init__(
        self,
        data_dir: Path,
        parent: QWidget | None = None,
        *,
        selected: Path | None = None,
        clock: Clock | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("unlockWindow")
        self._clock = clock  # the session's clock, given to the opened store
        self._data_dir = (selected or data_dir).absolute()
        self._folders = find_profiles(data_dir)
        if self._data_dir not in self._folders:
            self._folders.append(self._data_dir)
        self._profile_index = 0
        self._has_profile = False
        self._error: BaseException | None = None
        self._busy = False
        self._closed = False
        self._task: TaskHandle | None = None
        self.join_dialog: JoinTeamDialog | None = None
        self._build()
        self.retranslate()
        self._use_folder(self._data_dir, force=True)
        self._focus_first()

    # ------------------------------------------------------------------ layout
    def _build(self) -> None:
        self.after_crash = False
        self.setMinimumWidth(440)

        icon = QLabel(self)
        icon.setPixmap(QApplication.windowIcon().pixmap(QSize(56, 56)))
        icon.setAlignment(Qt.AlignmentFlag.AlignTop)
        icon.setAccessibleName("Werkplein")
        self.title_label = QLabel(self)
        self.title_label.setFont(scaled_font(self.font(), 1.8, QFont.Weight.DemiBold))
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

        self.profile_label = QLabel(self)
        self.profile_combo = QComboBox(self)
        self.profile_combo.setObjectName("profile")
        self.profile_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.profile_combo.setMinimumContentsLength(16)
        self.profile_label.setBuddy(self.profile_combo)
        self._fill_profiles()
        self.profile_combo.currentIndexChanged.connect(self._on_profile_changed)
        self.profile_combo.activated.connect(self._on_profile_activated)

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
        self.form.addRow(self.profile_label, self.profile_combo)
        self.form.addRow(self.passphrase_label, self.passphrase_edit)
        self.form.addRow("", self.error_label)
        self.form.setRowVisible(self.error_label, False)

        self.join_button = QPushButton(self)
        self.join_button.setObjectName("joinTeamButton")
        self.join_button.setAutoDefault(False)
        self.join_button.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
        self.join_button.clicked.connect(self.open_join_dialog)
        self.form.addRow("", self.join_button)

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

        QWidget.setTabOrder(self.profile_combo, self.passphrase_edit)
        QWidget.setTabOrder(self.passphrase_edit, self.unlock_button)
        QWidget.setTabOrder(self.unlock_button, self.join_button)
        QWidget.setTabOrder(self.join_button, self.language_combo)

    def _fill_profiles(self) -> None:
        """One item per folder (its path as data) and "Other folder…" (no data) last."""
        combo = self.profile_combo
        combo.blockSignals(True)
        combo.clear()
        for folder in self._folders:
            combo.addItem(folder_label(folder, self._folders), str(folder))
        combo.insertSeparator(combo.count())
        combo.addItem("", None)  # "Other folder…"; its text is set in retranslate()
        index = combo.findData(str(self._data_dir))
        self._profile_index = max(index, 0)
        combo.setCurrentIndex(self._profile_index)
        combo.blockSignals(False)

    def _focus_first(self) -> None:
        """The passphrase when the chosen folder holds a profile, else the profile choice."""
        if self.passphrase_edit.isEnabled():
            self.passphrase_edit.setFocus()
        else:
            self.profile_combo.setFocus()

    def retranslate(self) -> None:
        """Set every text in the active language; also re-words a shown error."""
        self.setWindowTitle(_("Werkplein — Unlock"))
        self.title_label.setText("Werkplein")
        self.subtitle_label.setText(
            _(
                "Werkplein stopped unexpectedly last time. Unlock your profile to continue "
                "where you were."
            )
            if self.after_crash
            else _("Unlock your profile to continue working.")
        )
        self.profile_label.setText(_("Pro&file:"))
        self.profile_combo.setAccessibleName(_("Profile"))
        self.profile_combo.setToolTip(_("The profile folder on this computer"))
        self.profile_combo.setItemText(self.profile_combo.count() - 1, _("Other folder…"))
        self.passphrase_label.setText(_("&Passphrase:"))
        self.passphrase_edit.setAccessibleName(_("Passphrase"))
        self.error_label.setAccessibleName(_("Error"))
        self.join_button.setText(_("I have an &invitation code"))
        self.join_button.setAccessibleName(_("I have an invitation code"))
        self.join_button.setToolTip(_("Join a team with the code your teamleider gave you"))
        self.language_label.setText(_("&Language:"))
        self.language_combo.setAccessibleName(_("Language"))
        index = self.language_combo.findData(i18n.language())
        self.language_combo.blockSignals(True)
        self.language_combo.setCurrentIndex(max(index, 0))
        self.language_combo.blockSignals(False)
        self._update_button_text()
        if self._error is not None:
            self._show_error(self._error)

    def set_after_crash(self, after_crash: bool) -> None:
        """Say that the last run stopped unexpectedly (the unlock reopens where it was)."""
        self.after_crash = after_crash
        self.retranslate()

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
    def data_dir(self) -> Path:
        """The chosen profile folder: the passphrase is checked against this one."""
        return self._data_dir

    def profile_names(self) -> list[str]:
        """The folders offered, as shown (without "Other folder…")."""
        return [
            self.profile_combo.itemText(i)
            for i in range(self.profile_combo.count())
            if isinstance(self.profile_combo.itemData(i), str)
        ]

    @property
    def error_message(self) -> str:
        """The error line as shown, or "" when there is none."""
        return self.error_label.text() if self._error is not None else ""

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        self.passphrase_edit.setEnabled(not busy and self._has_profile)
        self.unlock_button.setEnabled(not busy and self._has_profile)
        self.profile_combo.setEnabled(not busy)
        self.join_button.setEnabled(not busy)
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

    # ------------------------------------------------------------------ the profile
    def select_folder(self, folder: Path) -> None:
        """Choose ``folder`` (added to the list when it is not there yet)."""
        folder = folder.absolute()
        combo = self.profile_combo
        index = combo.findData(str(folder))
        if index < 0:
            self._folders.append(folder)
            index = combo.count() - 2  # before the separator and "Other folder…"
            combo.blockSignals(True)
            combo.insertItem(index, folder_label(folder, self._folders), str(folder))
            for i, known in enumerate(self._folders[:-1]):  # a name may now need its parent
                combo.setItemText(i, folder_label(known, self._folders))
            combo.blockSignals(False)
        combo.setCurrentIndex(index)

    def _folder_at(self, index: int) -> Path | None:
        data = self.profile_combo.itemData(index)
        return Path(data) if isinstance(data, str) else None

    @Slot(int)
    def _on_profile_changed(self, index: int) -> None:
        folder = self._folder_at(index)
        if folder is None:
            return  # "Other folder…": the dialog opens once it is activated
        self._profile_index = index
        self._use_folder(folder)

    @Slot(int)
    def _on_profile_activated(self, index: int) -> None:
        if self._folder_at(index) is None:
            self.choose_other_folder()

    def choose_other_folder(self) -> None:
        """Ask for a folder; cancelling keeps the profile that was chosen."""
        chosen = QFileDialog.getExistingDirectory(
            self, _("Choose a profile folder"), str(self._data_dir.parent)
        )
        if chosen:
            self.select_folder(Path(chosen))
        else:
            self.profile_combo.setCurrentIndex(self._profile_index)
        self.profile_combo.setFocus(Qt.FocusReason.OtherFocusReason)

    def _use_folder(self, folder: Path, *, force: bool = False) -> None:
        """Check the passphrase against ``folder`` from now on; a shown error is for the
        folder chosen before, so it goes (unless this folder holds no profile at all)."""
        if folder == self._data_dir and not force:
            return
        self._data_dir = folder
        self._has_profile = profiles.has_profile(folder)
        # without a profile here, joining a team is the way on: a full button, else a link
        self.join_button.setFlat(self._has_profile)
        self.join_button.setStyleSheet(JOIN_LINK_STYLE if self._has_profile else "")
        self._clear_error()
        if not self._has_profile:
            self._show_error(NoProfileHere())
        self._set_busy(False)

    # ------------------------------------------------------------------ unlocking
    @Slot()
    def submit(self) -> None:
        if self._busy or not self._has_profile:
            return
        passphrase = self.passphrase_edit.text()
        if not passphrase:
            self._show_error(WerkpleinError(N_("Enter the passphrase of this profile.")))
            self._focus_passphrase()
            return
        self._clear_error()
        self._set_busy(True)
        data_dir = self._data_dir
        self._task = tasks().start(
            self,
            lambda _progress: derive_key(data_dir, passphrase),
            on_done=self._on_key,
            on_error=self._on_failed,
        )

    def _on_key(self, unlocked: tuple[profiles.Header, bytes]) -> None:
        header, key = unlocked
        if self._closed:
            return  # closed while the key was derived: open nothing
        try:
            session = Session.open_with_key(self._data_dir, header, key, clock=self._clock)
        except Exception as exc:
            if not isinstance(exc, WerkpleinError):
                log.exception("opening the unlocked profile failed")
            self._on_failed(detached(exc))
            return
        self.passphrase_edit.clear()
        self._set_busy(False)
        self.unlocked.emit(session)

    def _on_failed(self, exc: BaseException) -> None:
        self._set_busy(False)
        self._show_error(exc)
        self._focus_passphrase()

    # ------------------------------------------------------------------ joining a team
    @Slot()
    def open_join_dialog(self) -> JoinTeamDialog:
        """Open the join dialog (window-modal) for the chosen folder; the joined profile opens
        as after an unlock."""
        if self.join_dialog is not None:
            self.join_dialog.raise_()
            self.join_dialog.activateWindow()
            return self.join_dialog
        dialog = JoinTeamDialog(self._data_dir, self, clock=self._clock)
        dialog.joined.connect(self._on_joined)
        dialog.destroyed.connect(self._forget_join_dialog)
        self.join_dialog = dialog
        dialog.open()
        return dialog

    @Slot()
    def _forget_join_dialog(self) -> None:
        self.join_dialog = None

    def _on_joined(self, session: Session) -> None:
        self.join_dialog = None
        if self._closed:
            session.close()  # the window went away meanwhile: open nothing
            return
        self.passphrase_edit.clear()
        self.unlocked.emit(session)

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
        if self._task is not None:
            self._task.wait()
        if self.join_dialog is not None:
            self.join_dialog.stop_and_wait()  # a join stops, leaving nothing behind
        self.passphrase_edit.clear()
        super().closeEvent(event)
