"""Saving a document (PDF) from the app: one flow for every screen.

A document is personal data leaving the encrypted store, so the flow says so: the first time
in a session in a message box, after every save in the status bar. It asks where to save
(a suggested file name without personal data, in the last folder used or the Documents
folder), asks again before writing into the team's shared folder (default: no), and writes
the document in a worker (rendering takes 100 ms or more). The core writes the file under a
temporary name, refuses the shared folder without the confirmation and logs the export.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import weakref
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, QStandardPaths, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QMainWindow, QMessageBox, QPushButton, QWidget

from ui.pages.base import Navigator
from ui.tasks import Progress, TaskHandle, run_task
from werkplein.domain.dates import local_day
from werkplein.i18n import N_, _
from werkplein.services.session import Session

NOTICE = N_(
    "This document holds personal data without encryption. Keep it in a safe place and "
    "delete it when you no longer need it."
)
SAVED = N_("Saved: {name}. It holds personal data unencrypted: keep it safe.")
OPEN_FOLDER_SECONDS = 20  # how long the status bar offers to show the saved file

# (session of the worker, the file, confirmed into the shared folder) -> writes the file
Job = Callable[[Session, Path, bool], None]

# sessions that have seen the notice in a message box (once per unlock)
_warned: weakref.WeakSet[Session] = weakref.WeakSet()


# Suggested file names: a kind and a date, never anything about the person.
FILE_NAMES = {
    "decision": N_("decision-{date}.pdf"),
    "draft": N_("decision-draft-{date}.pdf"),
    "letter": N_("letter-{date}.pdf"),
    "casus": N_("case-anonymous-{date}.pdf"),
    "inzage": N_("subject-access-{date}.pdf"),
    "visit": N_("home-visit-{date}.pdf"),
    "handover": N_("handover-{date}.pdf"),
    "fine_talk": N_("confrontation-talk-{date}.pdf"),
}


# ---------------------------------------------------------------------- names and folders
def today(session: Session) -> dt.date:
    return session.today()


def file_name(session: Session, kind: str, stamp: str | None = None) -> str:
    """``besluit-2026-10-01.pdf``: the kind of document and the date of a stored date or
    moment (today when there is none)."""
    date = local_day(stamp) if stamp else today(session).isoformat()
    return _(FILE_NAMES[kind], date=date)


def documents_folder() -> Path:
    found = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    folder = Path(found) if found else Path.home()
    return folder if folder.is_dir() else Path.home()


def start_folder(session: Session) -> Path:
    """The folder used last on this laptop, else the user's Documents folder."""
    return session.settings.export_folder() or documents_folder()


def remember_folder(session: Session, folder: Path) -> None:
    with contextlib.suppress(Exception):  # a preference; never a reason to stop an export
        session.settings.set_export_folder(folder)


def as_pdf(path: Path) -> Path:
    return path if path.suffix.lower() == ".pdf" else path.with_name(path.name + ".pdf")


def open_folder(folder: Path) -> bool:
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))


# ---------------------------------------------------------------------- questions
def notice_text() -> str:
    return _(NOTICE)


def show_notice_once(parent: QWidget, session: Session) -> bool:
    """The personal-data notice, the first time in this session. False: the user stopped."""
    if session in _warned:
        return True
    box = QMessageBox(
        QMessageBox.Icon.Information, _("Personal data"), notice_text(), parent=parent
    )
    box.setObjectName("exportNotice")
    box.setInformativeText(_("You see this message once each time you unlock Werkplein."))
    box.setStandardButtons(QMessageBox.StandardButton.Ok | QMessageBox.StandardButton.Cancel)
    box.button(QMessageBox.StandardButton.Ok).setText(_("Continue"))
    box.button(QMessageBox.StandardButton.Cancel).setText(_("Cancel"))
    box.setDefaultButton(QMessageBox.StandardButton.Ok)
    if box.exec() != QMessageBox.StandardButton.Ok:
        return False
    _warned.add(session)
    return True


def confirm_share(parent: QWidget, *, folder: bool = False) -> bool:
    """Writing into the team's shared folder: asked every time, the answer defaults to No."""
    text = (
        _(
            "The folder you chose is inside the shared folder of the werkplein. The documents "
            "hold personal data without encryption, and everyone with access to the shared "
            "folder can read them."
        )
        if folder
        else _(
            "The folder you chose is inside the shared folder of the werkplein. This document "
            "holds personal data without encryption, and everyone with access to the shared "
            "folder can read it."
        )
    )
    box = QMessageBox(
        QMessageBox.Icon.Warning, _("Save in the shared folder?"), text, parent=parent
    )
    box.setObjectName("exportShareWarning")
    box.setInformativeText(_("Do you want to save it there anyway?"))
    box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
    box.button(QMessageBox.StandardButton.Yes).setText(_("Yes, save it there"))
    box.button(QMessageBox.StandardButton.No).setText(_("No"))
    box.setDefaultButton(QMessageBox.StandardButton.No)
    box.setEscapeButton(QMessageBox.StandardButton.No)
    return box.exec() == QMessageBox.StandardButton.Yes


def offer_folder(parent: QWidget, folder: Path) -> None:
    """For a while, a button in the status bar that shows the saved file in its folder."""
    window = parent.window()
    if not isinstance(window, QMainWindow):
        return
    bar = window.statusBar()
    for old in bar.findChildren(QPushButton, "exportShowFolder"):
        bar.removeWidget(old)
        old.deleteLater()
    button = QPushButton(_("Show in folder"), bar)
    button.setObjectName("exportShowFolder")
    button.setAccessibleName(_("Show the saved document in its folder"))
    button.setAutoDefault(False)
    button.clicked.connect(lambda: open_folder(folder))
    bar.addPermanentWidget(button)

    def drop() -> None:
        bar.removeWidget(button)
        button.deleteLater()

    QTimer.singleShot(OPEN_FOLDER_SECONDS * 1000, button, drop)
    locked = getattr(window, "locked", None)
    if locked is not None:  # the path may say something: gone when the app locks
        locked.connect(button.deleteLater, Qt.ConnectionType.SingleShotConnection)


# ---------------------------------------------------------------------- the flow
class DocumentExport(QObject):
    """The save flow of one screen: ask, write in a worker, report.

    ``save(title, suggested_name, job)`` asks where (and about the notice and the shared
    folder), then runs ``job(session, path, into_share)`` in a worker. ``busy_changed`` lets
    the screen disable its buttons while a document is written; ``saved`` carries the path.
    """

    busy_changed = Signal(bool)
    saved = Signal(object)  # Path
    failed = Signal(object)  # the exception

    def __init__(self, page: QWidget, session: Session, nav: Navigator) -> None:
        super().__init__(page)
        self.page = page
        self.session = session
        self.nav = nav
        self.task: TaskHandle | None = None

    @property
    def busy(self) -> bool:
        return self.task is not None

    def ask_path(self, title: str, suggested: str) -> Path | None:
        """The save dialog, in the last folder used; None when the user cancels."""
        start = start_folder(self.session) / suggested
        chosen, _filter = QFileDialog.getSaveFileName(
            self.page, title, str(start), _("PDF documents (*.pdf)")
        )
        if not chosen:
            return None
        return as_pdf(Path(chosen))

    def save(self, title: str, suggested: str, job: Job) -> TaskHandle | None:
        """The whole flow; returns the running task (None when the user stopped)."""
        if self.busy:
            self.nav.show_status(_("A document is still being saved. Please wait a moment."))
            return None
        if not show_notice_once(self.page, self.session):
            return None
        path = self.ask_path(title, suggested)
        if path is None:
            return None
        remember_folder(self.session, path.parent)
        into_share = self.session.exports.into_share(path)
        if into_share and not confirm_share(self.page):
            self.nav.show_status(_("Nothing was saved."))
            return None
        return self.run(path, job, into_share=into_share)

    def run(self, path: Path, job: Job, *, into_share: bool) -> TaskHandle:
        def work(session: Session, _progress: Progress) -> Path:
            job(session, path, into_share)
            return path

        self.nav.show_status(_("Saving {name}…", name=path.name))
        self.task = run_task(self, self.session, work, on_done=self._done, on_error=self._error)
        self.busy_changed.emit(True)
        return self.task

    def _finish(self) -> None:
        self.task = None
        self.busy_changed.emit(False)

    def _done(self, path: object) -> None:
        assert isinstance(path, Path)
        # The status bar shows its widgets again (queued) when one is added, over a message:
        # add the button now, show the message once that has happened.
        offer_folder(self.page, path.parent)
        QTimer.singleShot(0, self, lambda: self._saved(path))

    def _saved(self, path: Path) -> None:
        self.nav.show_status(_(SAVED, name=path.name))
        self._finish()
        self.saved.emit(path)

    def _error(self, exc: BaseException) -> None:
        self._finish()
        self.nav.show_error(exc)
        self.failed.emit(exc)
