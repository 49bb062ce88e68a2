"""Join a team with an invitation code: the app's side of ``werkplein share join``.

A new colleague has no profile yet. The teamleider gave them a one-time code; with it and the
team's shared folder the core (``sharing.join``) makes a new profile on this laptop and does the
first sync, and on any failure leaves nothing behind (no profile folder content, no device
folder on the share). The dialog checks what it can first, in the user's language, then runs
the join on a worker (``ui.tasks``) with progress and a Stop button. The new profile is opened
afterwards in the GUI thread, with the key the worker already has (no second KDF), as the
unlock window does, and leaves through ``joined``.
"""

from __future__ import annotations

import itertools
import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QEvent, Qt, Signal, Slot
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ui import mute
from ui.tasks import Progress, TaskHandle, tasks
from ui.widgets import ErrorLabel
from werkplein.errors import (
    DiskFull,
    InvalidCode,
    ProfileExists,
    ShareInUse,
    ShareUnavailable,
    StorageUnavailable,
    SyncCancelled,
    WerkpleinError,
    WrongShare,
)
from werkplein.i18n import N_, _
from werkplein.services import profiles, sharing
from werkplein.services.session import Session
from werkplein.services.types import Clock, SyncReport

log = logging.getLogger(__name__)


class JoinStopped(WerkpleinError):
    msgid = N_(
        "Joining was stopped. Nothing was left behind: no profile was made and the shared "
        "folder is as it was. The invitation code can still be used."
    )


class FormProblem(WerkpleinError):
    """A field that must be filled in differently before the join can start."""


def new_profile_folder(data_dir: Path) -> Path:
    """Where a joined profile goes by default: ``data_dir`` itself when it holds no profile,
    else the first free folder next to it (``profiel-2``, ``profiel-3``, ...)."""
    data_dir = data_dir.absolute()
    if not profiles.has_profile(data_dir):
        return data_dir
    n = 2
    while True:
        candidate = data_dir.with_name(f"{data_dir.name}-{n}")
        if not candidate.exists():
            return candidate
        n += 1


def detached(exc: BaseException) -> BaseException:
    """The exception without traceback or chain: their frames hold the passphrase."""
    exc.__traceback__ = None
    exc.__cause__ = None
    exc.__context__ = None
    return exc


@dataclass(frozen=True)
class Joined:
    """What the worker hands back: how to open the new profile here (no KDF) and the first
    sync's report. The worker's own session is already closed."""

    open_session: Callable[[], Session]
    report: SyncReport


def run_join(
    data_dir: Path,
    passphrase: str,
    share: Path,
    code: str,
    *,
    kdf_iterations: int | None,
    clock: Clock | None,
    progress: Progress,
) -> Joined:
    """On a worker: the join, stoppable at every bundle received. The store the core opened
    belongs to this thread, so it is closed here; the GUI thread opens its own."""

    def report(done: int, total: int) -> None:
        if progress.cancelled:
            raise SyncCancelled()  # the core then removes what it made
        progress.report(done, total)

    try:
        session, sync_report = sharing.join(
            data_dir,
            passphrase,
            share,
            code,
            kdf_iterations=kdf_iterations,
            clock=clock,
            progress=report,
        )
        try:
            open_session = session.opener()
        finally:
            session.close()
        return Joined(open_session, sync_report)
    except SyncCancelled:
        raise JoinStopped() from None
    except WerkpleinError as exc:
        raise detached(exc) from None
    except Exception as exc:
        log.exception("joining failed unexpectedly")
        raise detached(exc) from None


class JoinTeamDialog(QDialog):
    """Asks for the shared folder, the invitation code, a new passphrase (twice) and the folder
    for the new profile; joins on a worker; emits ``joined(Session)`` with the new profile open
    in this thread, on the given clock, and closes."""

    joined = Signal(object)  # Session

    def __init__(
        self,
        data_dir: Path,
        parent: QWidget | None = None,
        *,
        clock: Clock | None = None,
        kdf_iterations: int | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("joinTeamDialog")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self._clock = clock  # the join and the opened session run on it
        self._kdf_iterations = kdf_iterations  # None: the core's choice (WERKPLEIN_TEST_KDF)
        self._error: BaseException | None = None
        self._busy = False
        self._stopping = False
        self._close_when_stopped = False
        self._task: TaskHandle | None = None
        self.problem_field: QWidget | None = None  # the field the shown problem is about
        self.report: SyncReport | None = None  # the first sync's, once joined
        self._build(new_profile_folder(data_dir))
        self.retranslate()
        self._set_busy(False)
        self.share_edit.setFocus()

    # ------------------------------------------------------------------ layout
    def _build(self, profile_dir: Path) -> None:
        self.intro_label = QLabel(self)
        self.intro_label.setWordWrap(True)

        self.share_label = QLabel(self)
        self.share_edit = QLineEdit(self)
        self.share_edit.setObjectName("joinShare")
        self.share_label.setBuddy(self.share_edit)
        self.share_button = QPushButton(self)
        self.share_button.setObjectName("joinChooseShare")
        self.share_button.setAutoDefault(False)
        self.share_button.clicked.connect(self.choose_share)

        self.code_label = QLabel(self)
        self.code_edit = QLineEdit(self)
        self.code_edit.setObjectName("joinCode")
        self.code_edit.setPlaceholderText("XXXXX-XXXXX-XXXXX-XXXXX-XXXXX")
        self.code_label.setBuddy(self.code_edit)

        self.passphrase_label = QLabel(self)
        self.passphrase_edit = QLineEdit(self)
        self.passphrase_edit.setObjectName("joinPassphrase")
        self.passphrase_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase_label.setBuddy(self.passphrase_edit)
        self.repeat_label = QLabel(self)
        self.repeat_edit = QLineEdit(self)
        self.repeat_edit.setObjectName("joinPassphraseRepeat")
        self.repeat_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.repeat_label.setBuddy(self.repeat_edit)
        self.passphrase_hint = QLabel(self)
        self.passphrase_hint.setWordWrap(True)
        mute(self.passphrase_hint)

        self.profile_label = QLabel(self)
        self.profile_edit = QLineEdit(str(profile_dir), self)
        self.profile_edit.setObjectName("joinProfileFolder")
        self.profile_label.setBuddy(self.profile_edit)
        self.profile_button = QPushButton(self)
        self.profile_button.setObjectName("joinChooseProfile")
        self.profile_button.setAutoDefault(False)
        self.profile_button.clicked.connect(self.choose_profile_folder)

        share_row = QHBoxLayout()
        share_row.setSpacing(6)
        share_row.addWidget(self.share_edit, 1)
        share_row.addWidget(self.share_button)
        profile_row = QHBoxLayout()
        profile_row.setSpacing(6)
        profile_row.addWidget(self.profile_edit, 1)
        profile_row.addWidget(self.profile_button)

        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.form.setHorizontalSpacing(12)
        self.form.setVerticalSpacing(10)
        self.form.addRow(self.share_label, share_row)
        self.form.addRow(self.code_label, self.code_edit)
        self.form.addRow(self.passphrase_label, self.passphrase_edit)
        self.form.addRow(self.repeat_label, self.repeat_edit)
        self.form.addRow("", self.passphrase_hint)
        self.form.addRow(self.profile_label, profile_row)

        self.progress_label = QLabel(self)
        self.progress_label.setObjectName("joinProgressText")
        self.progress_label.setWordWrap(True)
        self.progress_bar = QProgressBar(self)
        self.progress_bar.setObjectName("joinProgress")
        self.progress_bar.setTextVisible(False)

        self.error_label = ErrorLabel(self)
        self.error_label.setObjectName("joinError")

        self.buttons = QDialogButtonBox(self)
        self.join_button = QPushButton(self)
        self.join_button.setObjectName("joinButton")
        self.join_button.setDefault(True)
        self.join_button.setAutoDefault(True)
        self.buttons.addButton(self.join_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.cancel_button = QPushButton(self)
        self.cancel_button.setObjectName("joinCancel")
        self.cancel_button.setAutoDefault(False)
        self.buttons.addButton(self.cancel_button, QDialogButtonBox.ButtonRole.RejectRole)
        self.join_button.clicked.connect(self.start)
        self.cancel_button.clicked.connect(self._on_cancel_clicked)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 16)
        layout.setSpacing(0)
        layout.addWidget(self.intro_label)
        layout.addSpacing(16)
        layout.addLayout(self.form)
        layout.addSpacing(16)
        layout.addWidget(self.progress_label)
        layout.addSpacing(4)
        layout.addWidget(self.progress_bar)
        layout.addWidget(self.error_label)
        layout.addSpacing(16)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(90 * self.fontMetrics().averageCharWidth())

        order = [
            self.share_edit,
            self.share_button,
            self.code_edit,
            self.passphrase_edit,
            self.repeat_edit,
            self.profile_edit,
            self.profile_button,
            self.join_button,
            self.cancel_button,
        ]
        for before, after in itertools.pairwise(order):
            QWidget.setTabOrder(before, after)

    def retranslate(self) -> None:
        """Set every text in the active language; also re-words a shown error."""
        self.setWindowTitle(_("Join a team"))
        self.intro_label.setText(
            _(
                "Your teamleider gave you a one-time invitation code. With it, this laptop gets "
                "a profile of its own, protected by a new passphrase, and receives the team's "
                "data from the shared folder."
            )
        )
        self.share_label.setText(_("&Shared folder:"))
        self.share_edit.setAccessibleName(_("Shared folder"))
        self.share_edit.setToolTip(_("The team's folder on the office network"))
        self.share_button.setText(_("C&hoose…"))
        self.share_button.setAccessibleName(_("Choose the shared folder"))
        self.code_label.setText(_("&Invitation code:"))
        self.code_edit.setAccessibleName(_("Invitation code"))
        self.passphrase_label.setText(_("&New passphrase:"))
        self.passphrase_edit.setAccessibleName(_("New passphrase"))
        self.repeat_label.setText(_("&Repeat the passphrase:"))
        self.repeat_edit.setAccessibleName(_("Repeat the passphrase"))
        self.passphrase_hint.setText(
            _(
                "You type this passphrase every time you unlock Werkplein. Nobody can recover "
                "it, not even the teamleider."
            )
        )
        self.profile_label.setText(_("&Profile folder:"))
        self.profile_edit.setAccessibleName(_("Profile folder"))
        self.profile_edit.setToolTip(_("The new profile's folder on this computer"))
        self.profile_button.setText(_("&Change…"))
        self.profile_button.setAccessibleName(_("Choose the profile folder"))
        self.progress_bar.setAccessibleName(_("Progress of joining"))
        self.join_button.setText(_("&Join"))
        self._update_cancel_text()
        if self._error is not None:
            self._show_error(self._error)

    def _update_cancel_text(self) -> None:
        if self._stopping:
            self.cancel_button.setText(_("Stopping…"))
        elif self._busy:
            self.cancel_button.setText(_("S&top"))
        else:
            self.cancel_button.setText(_("Cancel"))

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
        """The error as shown (without the warning sign), or "" when there is none."""
        return self.error_label.text().removeprefix("⚠ ") if self._error is not None else ""

    @property
    def profile_folder(self) -> Path:
        return Path(self.profile_edit.text().strip()).expanduser()

    @property
    def share_folder(self) -> Path:
        return Path(self.share_edit.text().strip()).expanduser()

    def _inputs(self) -> list[QWidget]:
        return [
            self.share_edit,
            self.share_button,
            self.code_edit,
            self.passphrase_edit,
            self.repeat_edit,
            self.profile_edit,
            self.profile_button,
        ]

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        if not busy:
            self._stopping = False
        for widget in self._inputs():
            widget.setEnabled(not busy)
        self.join_button.setEnabled(not busy)
        self.cancel_button.setEnabled(not self._stopping)
        self.progress_label.setVisible(busy)
        self.progress_bar.setVisible(busy)
        self._update_cancel_text()
        self._fit()
        if busy:
            self.setCursor(Qt.CursorShape.BusyCursor)
        else:
            self.unsetCursor()

    def _show_error(self, exc: BaseException) -> None:
        self._error = exc
        self.error_label.show_error(exc)
        self._fit()

    def _fit(self) -> None:
        """Grow to the height the shown rows need (the progress, an error of a few lines), so
        that no wrapped text is squeezed; the width stays as the person left it."""
        layout = self.layout()
        if layout is None or not self.isVisible():
            return
        layout.activate()
        width = self.width()
        need = (
            layout.heightForWidth(width)
            if layout.hasHeightForWidth()
            else layout.sizeHint().height()
        )
        if need > self.height():
            self.resize(width, need)

    def _clear_error(self) -> None:
        self._error = None
        self.error_label.clear_error()

    # ------------------------------------------------------------------ folders
    @Slot()
    def choose_share(self) -> None:
        start = self.share_edit.text().strip() or str(Path.home())
        chosen = QFileDialog.getExistingDirectory(self, _("Choose the team's shared folder"), start)
        if chosen:
            self.share_edit.setText(str(Path(chosen)))
        self.share_edit.setFocus(Qt.FocusReason.OtherFocusReason)

    @Slot()
    def choose_profile_folder(self) -> None:
        current = self.profile_folder
        chosen = QFileDialog.getExistingDirectory(
            self, _("Choose a folder for the new profile"), str(current.parent)
        )
        if chosen:
            self.profile_edit.setText(str(Path(chosen)))
        self.profile_edit.setFocus(Qt.FocusReason.OtherFocusReason)

    # ------------------------------------------------------------------ joining
    def check(self) -> tuple[Path, str, str, Path]:
        """What the join needs, checked in the order of the fields; the first problem raises
        (a WerkpleinError), with ``problem_field`` set to the field to correct."""
        self.problem_field = None
        share_text = self.share_edit.text().strip()
        if not share_text:
            raise self._problem(
                self.share_edit, FormProblem(N_("Choose the team's shared folder."))
            )
        share = self.share_folder.absolute()
        if not share.is_dir():
            raise self._problem(
                self.share_edit,
                FormProblem(
                    N_(
                        "This shared folder cannot be found. Check the path, and whether this "
                        "laptop is connected to the office network."
                    )
                ),
            )
        code = self.code_edit.text().strip()
        if not code:
            raise self._problem(
                self.code_edit,
                FormProblem(N_("Enter the invitation code your teamleider gave you.")),
            )
        passphrase = self.passphrase_edit.text()
        try:
            profiles.check_passphrase_strength(passphrase)
        except WerkpleinError as exc:
            detached(exc)
            raise self._problem(self.passphrase_edit, exc) from None
        if self.repeat_edit.text() != passphrase:
            raise self._problem(
                self.repeat_edit,
                FormProblem(N_("The two passphrases differ. Type the same passphrase twice.")),
            )
        if not self.profile_edit.text().strip():
            raise self._problem(
                self.profile_edit, FormProblem(N_("Choose a folder for the new profile."))
            )
        profile_dir = self.profile_folder.absolute()
        if profiles.has_profile(profile_dir):
            raise self._problem(self.profile_edit, ProfileExists())
        if profile_dir == share or profile_dir.is_relative_to(share):
            raise self._problem(
                self.profile_edit,
                FormProblem(
                    N_(
                        "The profile belongs on this laptop, not in the shared folder. Choose "
                        "another folder."
                    )
                ),
            )
        return share, code, passphrase, profile_dir

    def _problem(self, field: QWidget, exc: WerkpleinError) -> WerkpleinError:
        self.problem_field = field
        return exc

    @Slot()
    def start(self) -> None:
        """Check the fields; when they hold what a join needs, join on a worker."""
        if self._busy:
            return
        try:
            share, code, passphrase, profile_dir = self.check()
        except WerkpleinError as exc:
            self._show_error(exc)
            field = self.problem_field
            if field is not None:
                field.setFocus(Qt.FocusReason.OtherFocusReason)
                if isinstance(field, QLineEdit):
                    field.selectAll()
            return
        self._clear_error()
        self._set_busy(True)
        self._on_progress(0, 0)
        clock, iterations = self._clock, self._kdf_iterations
        self._task = tasks().start(
            self,
            lambda progress: run_join(
                profile_dir,
                passphrase,
                share,
                code,
                kdf_iterations=iterations,
                clock=clock,
                progress=progress,
            ),
            on_done=self._on_joined,
            on_error=self._on_failed,
            on_progress=self._on_progress,
        )
        self.cancel_button.setFocus(Qt.FocusReason.OtherFocusReason)

    def stop(self) -> None:
        """Stop a running join; the core removes what it made. The dialog says so."""
        if not self._busy or self._task is None:
            return
        self._stopping = True
        self._task.cancel()
        self.cancel_button.setEnabled(False)
        self._update_cancel_text()
        self.progress_label.setText(_("Stopping…"))

    def stop_and_wait(self, timeout_s: float = 30) -> None:
        """Stop a running join and wait until the core has removed what it made (the window
        it belongs to is closing: nothing may be left half made)."""
        task = self._task
        if task is None:
            return
        task.cancel()
        task.wait(timeout_s)

    def _on_progress(self, done: int, total: int) -> None:
        if self._stopping:
            return
        if total <= 0:
            self.progress_bar.setRange(0, 0)  # the profile is made: no figures yet
            self.progress_label.setText(_("Making the profile on this laptop…"))
        else:
            self.progress_bar.setRange(0, total)
            self.progress_bar.setValue(done)
            self.progress_label.setText(
                _("Receiving the team's data: {done} of {total} files", done=done, total=total)
            )

    def _on_joined(self, joined: Joined) -> None:
        self._task = None
        try:
            session = joined.open_session()
        except Exception as exc:
            if not isinstance(exc, WerkpleinError):
                log.exception("opening the joined profile failed")
            self._on_failed(detached(exc))
            return
        self.report = joined.report
        self.passphrase_edit.clear()
        self.repeat_edit.clear()
        self._set_busy(False)
        self._close_when_stopped = False
        self.accept()
        self.joined.emit(session)

    def _on_failed(self, exc: BaseException) -> None:
        self._task = None
        self._set_busy(False)
        if self._close_when_stopped and isinstance(exc, JoinStopped):
            super().reject()  # closed while joining: it stopped, as asked
            return
        self._close_when_stopped = False
        self._show_error(exc)
        field = self._field_for(exc)
        field.setFocus(Qt.FocusReason.OtherFocusReason)
        if isinstance(field, QLineEdit):
            field.selectAll()

    def _field_for(self, exc: BaseException) -> QWidget:
        """The field to correct after a failed join (the Join button when it is none)."""
        if isinstance(exc, InvalidCode):
            return self.code_edit
        if isinstance(exc, ShareUnavailable | WrongShare | ShareInUse):
            return self.share_edit
        if isinstance(exc, ProfileExists | DiskFull | StorageUnavailable):
            return self.profile_edit
        return self.join_button

    # ------------------------------------------------------------------ closing
    @Slot()
    def _on_cancel_clicked(self) -> None:
        """Cancel before the join, Stop during it (the dialog stays and says it stopped)."""
        if self._busy:
            self.stop()
        else:
            self.reject()

    def reject(self) -> None:
        """Escape or the window's close button: while joining, stop, and close once the core
        has removed what it made; else close."""
        if self._busy:
            self._close_when_stopped = True
            self.stop()
            return
        self.passphrase_edit.clear()
        self.repeat_edit.clear()
        super().reject()
