"""Application start and the flow between windows: unlock -> main window -> (lock) -> unlock.

``AppController`` owns the app-wide state (which window is open, the language) so the windows
stay unaware of each other. ``run()`` is the entry point used by ``werkplein gui`` and the
installer.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import (
    QCoreApplication,
    QEvent,
    QLibraryInfo,
    QLocale,
    QObject,
    QProcess,
    Qt,
    QTimer,
    QTranslator,
    Slot,
)
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

import werkplein
from ui import ICON_PATH, focus
from ui.main_window import MainWindow
from ui.unlock import UnlockWindow
from werkplein import hardening, i18n, logs
from werkplein.crash import CrashGuard
from werkplein.i18n import _
from werkplein.services.session import Session
from werkplein.services.types import Clock, process_clock

APP_NAME = "Werkplein"
ORGANISATION = "Werkplein"


def configure_application(app: QApplication) -> None:
    """Names (used by QSettings and the desktop), version, the window icon, and the focus and
    read-only looks (ui/focus.py)."""
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(ORGANISATION)
    app.setApplicationVersion(werkplein.__version__)
    app.setDesktopFileName("werkplein")
    if ICON_PATH.is_file():
        app.setWindowIcon(QIcon(str(ICON_PATH)))
    focus.install(app)  # a focus ring and a read-only look anyone can see (WCAG 2.4.7, 1.4.11)


QT_LOCALES = {"nl": QLocale.Language.Dutch, "en": QLocale.Language.English}
_qt_translator: list[QTranslator] = []  # the one installed for Qt's own texts, if any


def use_qt_language(language: str) -> bool:
    """Qt's own texts (file dialogs, message box buttons, context menus) and its calendar and
    number formats in ``language``, from the catalogs shipped with PySide6 (``qtbase_nl.qm``).
    False when no catalog was found (English then, Qt's source language)."""
    app = QCoreApplication.instance()
    if app is None:
        return False
    for old in _qt_translator:
        app.removeTranslator(old)
    _qt_translator.clear()
    country = QLocale.Country.Netherlands if language == "nl" else QLocale.Country.UnitedKingdom
    QLocale.setDefault(QLocale(QT_LOCALES.get(language, QLocale.Language.Dutch), country))
    translator = QTranslator(app)
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if not translator.load(f"qtbase_{language}", folder):
        return False
    app.installTranslator(translator)
    _qt_translator.append(translator)
    return True


def set_language(language: str) -> None:
    """Switch the language and let every open window re-set its texts (Qt's LanguageChange)."""
    i18n.set_language(language)
    use_qt_language(language)
    for widget in QApplication.topLevelWidgets():
        QCoreApplication.sendEvent(widget, QEvent(QEvent.Type.LanguageChange))


class AppController(QObject):
    """Shows the unlock window, then the main window; locking returns to the unlock window."""

    def __init__(
        self,
        data_dir: Path,
        *,
        clock: Clock | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.data_dir = data_dir  # given at start: it and the profiles next to it are offered
        self.profile_dir = data_dir  # the profile last unlocked: preselected after a lock
        self.clock = clock or process_clock()  # every session opened here runs on it
        self.unlock_window: UnlockWindow | None = None
        self.main_window: MainWindow | None = None
        self.guard: CrashGuard | None = None  # set by run(): the crash traces of this run
        self._error_box: QMessageBox | None = None

    def start(self) -> None:
        self._show_unlock()

    @property
    def session(self) -> Session | None:
        return self.main_window.session if self.main_window is not None else None

    def _show_unlock(self) -> None:
        window = UnlockWindow(self.data_dir, selected=self.profile_dir, clock=self.clock)
        window.unlocked.connect(self._on_unlocked)
        window.language_chosen.connect(self.set_language)
        if self.guard is not None and self.guard.resume_pending():
            window.set_after_crash(True)
        window.show()
        window.raise_()
        window.activateWindow()
        self.unlock_window = window

    @Slot(object)
    def _on_unlocked(self, session: Session) -> None:
        self.profile_dir = session.profile.folder
        main = MainWindow(session)
        main.locked.connect(self._on_locked)
        main.language_chosen.connect(self.set_language)
        main.show()
        main.activateWindow()
        self.main_window = main
        self._discard_unlock_window()
        if self.guard is not None and self.guard.take_resume():
            main.resume_last_place()

    @Slot()
    def _on_locked(self) -> None:
        main, self.main_window = self.main_window, None
        # show the unlock window before closing the main one, or Qt sees no window and quits
        self._show_unlock()
        if main is not None:
            main.close()
            main.deleteLater()

    def _discard_unlock_window(self) -> None:
        window, self.unlock_window = self.unlock_window, None
        if window is not None:
            window.close()
            window.deleteLater()

    @Slot(str)
    def set_language(self, language: str) -> None:
        set_language(language)

    def on_unhandled(self, exc: BaseException) -> None:
        """A bug reached the event loop: it is logged (by the guard); the person is told and
        may restart cleanly, back where they were after the unlock."""
        if self._error_box is not None:
            return  # one question at a time, however often the bug repeats
        parent = self.main_window or self.unlock_window
        box = QMessageBox(
            QMessageBox.Icon.Critical,
            _("Werkplein"),
            _(
                "Something went wrong in Werkplein ({kind}). What you saved is kept. Restart "
                "Werkplein to continue safely; after unlocking you are back where you were.",
                kind=type(exc).__name__,
            ),
            parent=parent,
        )
        box.setObjectName("crashBox")
        restart = box.addButton(_("&Restart Werkplein"), QMessageBox.ButtonRole.AcceptRole)
        box.addButton(_("&Continue"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(restart)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self._error_box = box

        def answered() -> None:
            self._error_box = None
            if box.clickedButton() is restart:
                self.restart()

        box.finished.connect(answered)
        box.destroyed.connect(self._forget_error_box)  # a lock closes it without an answer
        box.open()

    @Slot()
    def _forget_error_box(self) -> None:
        self._error_box = None

    def restart(self) -> None:
        """Close everything as on quit, then start the app again on the same folder."""
        if self.guard is not None:
            self.guard.request_resume()
        program, arguments = restart_command()
        QProcess.startDetached(program, arguments)
        app = QCoreApplication.instance()
        if app is not None:
            app.quit()

    @Slot()
    def shutdown(self) -> None:
        """Close the session and every window (on quit, and in tests)."""
        main, self.main_window = self.main_window, None
        if main is not None:
            main.close_session()
            main.close()
            main.deleteLater()
        self._discard_unlock_window()


def run(data_dir: Path, argv: list[str] | None = None, *, clock: Clock | None = None) -> int:
    """Start the desktop app on the profile in ``data_dir``; returns the exit code.

    ``argv`` goes to Qt (``-platform offscreen`` and friends); default ``sys.argv``. ``clock``
    is the sessions' clock (default: the program's clock, ``WERKPLEIN_NOW`` or the computer's).
    """
    hardening.harden_process()  # also when started without the CLI (tests, embedding)
    existing = QApplication.instance()
    if existing is None:
        app = QApplication(list(sys.argv if argv is None else argv))
    elif isinstance(existing, QApplication):
        app = existing
    else:
        raise RuntimeError("a non-widget QCoreApplication is already running")
    configure_application(app)
    use_qt_language(i18n.language())
    controller = AppController(data_dir, clock=clock)
    guard = CrashGuard(data_dir)
    try:
        guard.start()
    except OSError:  # an unwritable logs folder: the app works on without crash traces
        logs.logger.warning("crash traces are not armed")
    controller.guard = guard
    logged = sys.excepthook

    def unhandled(kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        logged(kind, exc, tb)
        controller.on_unhandled(exc)

    sys.excepthook = unhandled
    app.aboutToQuit.connect(controller.shutdown)
    try:
        controller.start()
        _smoke_test_hooks(app, controller)
        return int(app.exec())
    finally:
        app.aboutToQuit.disconnect(controller.shutdown)
        controller.shutdown()
        guard.stop()  # also restores the exception hook
        # closing the last window posted a Quit that exec() did not see; delivered later (the
        # application is reused, e.g. in tests) it would end every nested event loop at once
        QCoreApplication.removePostedEvents(app, QEvent.Type.Quit)


def restart_command() -> tuple[str, list[str]]:
    """The program and arguments that started this app (a frozen build is its own program)."""
    if getattr(sys, "frozen", False):
        return sys.executable, sys.argv[1:]
    return sys.executable, sys.argv


SMOKE_QUIT_ENV = "WERKPLEIN_QUIT_AFTER_MS"  # the installer's smoke test: start, show, quit
SMOKE_SHOT_ENV = "WERKPLEIN_SMOKE_SCREENSHOT"  # ... and save what the window showed (PNG)


def _smoke_test_hooks(app: QApplication, controller: AppController) -> None:
    """For the frozen build's smoke test (installer/): quit cleanly after a while, after
    saving a picture of the unlock window. Unset in normal use."""
    delay = os.environ.get(SMOKE_QUIT_ENV)
    if not delay:
        return

    def finish() -> None:
        shot = os.environ.get(SMOKE_SHOT_ENV)
        window = controller.unlock_window
        if shot and window is not None:
            window.grab().save(shot)
        app.quit()

    QTimer.singleShot(int(delay), finish)
