"""The unlock window, the main window and locking, on a real encrypted profile."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

import werkplein
from tests.conftest import today
from ui.app import AppController, run
from ui.main_window import MainWindow
from ui.unlock import NoProfileHere, UnlockWindow
from werkplein import i18n
from werkplein.errors import WrongPassphrase
from werkplein.store import profile
from werkplein.store.clock import FixedClock
from werkplein.store.store import Store

from .conftest import MakeController, MakeProfile, dutch_day, english_day, nested_loops_run


def unlock_window(controller: AppController) -> UnlockWindow:
    assert controller.unlock_window is not None
    return controller.unlock_window


def type_and_enter(qtbot: QtBot, window: UnlockWindow, passphrase: str) -> None:
    window.passphrase_edit.setText(passphrase)
    qtbot.keyClick(window.passphrase_edit, Qt.Key.Key_Return)


def unlock(qtbot: QtBot, controller: AppController, passphrase: str) -> MainWindow:
    type_and_enter(qtbot, unlock_window(controller), passphrase)
    qtbot.waitUntil(lambda: controller.main_window is not None, timeout=5000)
    assert controller.main_window is not None
    return controller.main_window


def wait_for_error(qtbot: QtBot, window: UnlockWindow) -> str:
    qtbot.waitUntil(lambda: bool(window.error_message) and not window.busy, timeout=5000)
    return window.error_message


# ---------------------------------------------------------------------- unlock window


def test_unlock_window_is_dutch_and_names_only_the_folder(controller: AppController) -> None:
    window = unlock_window(controller)
    assert window.windowTitle() == "Werkplein — Ontgrendelen"
    assert window.unlock_button.text() == "&Ontgrendelen"
    assert window.passphrase_label.text() == "&Wachtwoordzin:"
    assert window.passphrase_label.buddy() is window.passphrase_edit
    assert window.passphrase_edit.accessibleName() == "Wachtwoordzin"
    assert window.passphrase_edit.echoMode() == window.passphrase_edit.EchoMode.Password
    assert window.profile_combo.currentText() == "p"  # the folder name, not the full path
    assert window.profile_label.text() == "&Profiel:"
    assert window.profile_label.buddy() is window.profile_combo
    assert window.profile_combo.accessibleName() == "Profiel"
    assert window.minimumWidth() >= 420
    assert window.passphrase_edit.hasFocus()
    assert not window.error_message


def test_wrong_passphrase_shows_the_error_and_keeps_the_window(
    qtbot: QtBot, controller: AppController
) -> None:
    window = unlock_window(controller)
    type_and_enter(qtbot, window, "wrong horse battery staple")

    assert wait_for_error(qtbot, window) == WrongPassphrase().message()
    assert window.error_label.isVisible()
    assert window.isVisible()
    assert controller.main_window is None
    assert window.passphrase_edit.isEnabled()
    assert window.passphrase_edit.hasFocus()
    assert window.passphrase_edit.selectedText() == "wrong horse battery staple"
    assert window.unlock_button.text() == "&Ontgrendelen"


@pytest.mark.skipif(
    WrongPassphrase().message() == WrongPassphrase.msgid,
    reason="core catalog (werkplein.po) has no Dutch text for WrongPassphrase yet",
)
def test_wrong_passphrase_error_is_in_dutch(qtbot: QtBot, controller: AppController) -> None:
    window = unlock_window(controller)
    type_and_enter(qtbot, window, "wrong horse battery staple")
    error = wait_for_error(qtbot, window)
    assert error != WrongPassphrase.msgid
    assert "wachtwoordzin" in error.lower()


def test_empty_passphrase_asks_for_one_without_unlocking(
    qtbot: QtBot, controller: AppController, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[Path] = []
    monkeypatch.setattr(profile, "unlock", lambda data_dir, _p: calls.append(data_dir))
    window = unlock_window(controller)
    type_and_enter(qtbot, window, "")
    assert window.error_message == "Vul de wachtwoordzin van dit profiel in."
    assert not window.busy
    assert calls == []


def test_missing_profile_is_reported_and_input_disabled(
    make_controller: MakeController, tmp_path: Path
) -> None:
    empty = tmp_path / "leeg"
    empty.mkdir()
    window = unlock_window(make_controller(empty))
    assert window.error_message == NoProfileHere().message()
    assert not window.passphrase_edit.isEnabled()
    assert not window.unlock_button.isEnabled()


def test_key_is_derived_off_the_gui_thread_while_the_button_shows_busy(
    qtbot: QtBot,
    controller: AppController,
    passphrase: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    release = threading.Event()
    threads: list[threading.Thread] = []
    real_unlock = profile.unlock

    def slow_unlock(data_dir: Path, secret: str) -> tuple[profile.Header, bytes]:
        threads.append(threading.current_thread())
        release.wait(timeout=5)
        return real_unlock(data_dir, secret)

    monkeypatch.setattr(profile, "unlock", slow_unlock)
    window = unlock_window(controller)
    type_and_enter(qtbot, window, passphrase)

    qtbot.waitUntil(lambda: bool(threads), timeout=5000)
    assert window.busy
    assert not window.unlock_button.isEnabled()
    assert not window.passphrase_edit.isEnabled()
    assert window.unlock_button.text() == "Bezig met ontgrendelen…"
    qtbot.wait(50)  # the GUI thread keeps running while the KDF works
    assert controller.main_window is None

    release.set()
    qtbot.waitUntil(lambda: controller.main_window is not None, timeout=5000)
    assert threads[0] is not threading.main_thread()


# ---------------------------------------------------------------------- main window


def test_right_passphrase_opens_the_main_window(
    qtbot: QtBot, controller: AppController, passphrase: str
) -> None:
    main = unlock(qtbot, controller, passphrase)

    assert main.windowTitle() == "Werkplein — Test Medewerker (klantmanager)"
    assert main.welcome.greeting_label.text() == "Welkom, Test Medewerker"
    assert main.welcome.role_label.text() == "U bent aangemeld als klantmanager."
    assert main.welcome.date_label.text() == dutch_day(today())
    assert main.welcome.tiles["residents"].caption_label.text() == "Inwoners"
    assert main.welcome.tiles["residents"].number_label.text() == "0"
    assert main.file_menu.title() == "&Bestand"
    assert main.lock_action.text() == "&Vergrendelen"
    assert main.lock_action.shortcut() == QKeySequence("Ctrl+L")
    assert main.quit_action.text() == "&Afsluiten"
    assert main.quit_action.shortcut() == QKeySequence("Ctrl+Q")
    assert main.about_action.text() == "&Over Werkplein"
    assert main.profile_status.text() == "Profiel: p"
    assert controller.unlock_window is None
    assert main.session is not None
    assert main.session.store.conn is not None


def test_counts_are_formatted_in_the_active_locale(
    qtbot: QtBot,
    controller: AppController,
    passphrase: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    real_counts = Store.counts
    monkeypatch.setattr(Store, "counts", lambda self: {**real_counts(self), "residents": 12345})
    main = unlock(qtbot, controller, passphrase)
    tile = main.welcome.tiles["residents"]
    assert tile.number_label.text() == "12.345"
    assert tile.accessibleName() == "Inwoners: 12.345"

    controller.set_language("en")
    assert tile.number_label.text() == "12,345"


def test_werkcoach_sees_no_fine_count(
    qtbot: QtBot, make_profile: MakeProfile, make_controller: MakeController, passphrase: str
) -> None:
    coach = make_controller(make_profile(role="werkcoach", folder="coach"))
    main = unlock(qtbot, coach, passphrase)
    assert main.windowTitle() == "Werkplein — Test Medewerker (werkcoach)"
    assert "fines" not in main.welcome.tiles
    assert "residents" in main.welcome.tiles

    manager = make_controller(make_profile(role="klantmanager", folder="km"))
    assert "fines" in unlock(qtbot, manager, passphrase).welcome.tiles


def test_ctrl_l_locks_back_to_the_unlock_window(
    qtbot: QtBot, controller: AppController, passphrase: str
) -> None:
    main = unlock(qtbot, controller, passphrase)
    qtbot.waitExposed(main)
    main.activateWindow()
    qtbot.waitUntil(main.isActiveWindow)
    assert main.session is not None
    store = main.session.store

    qtbot.keyClick(main, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)

    assert store.conn is None
    assert main.session is None
    assert main.findChild(QWidget, "welcomePanel") is None  # no widget keeps the name
    assert not main.isVisible()
    assert controller.main_window is None
    window = unlock_window(controller)
    qtbot.waitExposed(window)
    assert window.isVisible()
    assert window.passphrase_edit.text() == ""

    # and it opens again
    assert unlock(qtbot, controller, passphrase).session is not None


def test_quit_closes_the_session(qtbot: QtBot, controller: AppController, passphrase: str) -> None:
    main = unlock(qtbot, controller, passphrase)
    assert main.session is not None
    store = main.session.store
    main.quit_action.trigger()
    assert not main.isVisible()
    assert store.conn is None


def test_about_names_the_version(
    qtbot: QtBot,
    controller: AppController,
    passphrase: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(
        QMessageBox, "about", lambda _parent, title, text: shown.append((title, text))
    )
    unlock(qtbot, controller, passphrase).about_action.trigger()
    assert shown
    title, text = shown[0]
    assert title == "Over Werkplein"
    assert werkplein.__version__ in text
    assert "Licentie: EUPL-1.2" in text


# ---------------------------------------------------------------------- language


def test_language_switch_to_english_and_back(
    qtbot: QtBot, controller: AppController, passphrase: str
) -> None:
    window = unlock_window(controller)
    type_and_enter(qtbot, window, "wrong horse battery staple")
    wait_for_error(qtbot, window)

    window.language_combo.setFocus()
    qtbot.keyClick(window.language_combo, Qt.Key.Key_Down)  # Nederlands -> English
    assert i18n.language() == "en"
    assert window.windowTitle() == "Werkplein — Unlock"
    assert window.unlock_button.text() == "&Unlock"
    assert window.passphrase_label.text() == "&Passphrase:"
    assert window.subtitle_label.text() == "Unlock your profile to continue working."
    assert window.error_message == WrongPassphrase.msgid  # the shown error is re-worded

    main = unlock(qtbot, controller, passphrase)
    assert main.file_menu.title() == "&File"
    assert main.lock_action.text() == "&Lock"
    assert main.welcome.greeting_label.text() == "Welcome, Test Medewerker"
    assert main.welcome.date_label.text() == english_day(today())
    assert main.welcome.tiles["residents"].caption_label.text() == "Residents"
    assert main.language_actions["en"].isChecked()

    main.language_actions["nl"].trigger()
    assert i18n.language() == "nl"
    assert main.file_menu.title() == "&Bestand"
    assert main.welcome.greeting_label.text() == "Welkom, Test Medewerker"
    assert main.welcome.date_label.text() == dutch_day(today())


# ---------------------------------------------------------------------- run()


def test_run_shows_the_unlock_window_and_returns_the_exit_code(
    qapp: QApplication, profile_dir: Path, clock: FixedClock
) -> None:
    seen: list[str] = []

    def look_and_close() -> None:
        try:
            for widget in QApplication.topLevelWidgets():
                if isinstance(widget, UnlockWindow) and widget.isVisible():
                    seen.append(widget.windowTitle())
                    widget.close()
        finally:
            QApplication.quit()

    QTimer.singleShot(0, look_and_close)
    assert run(profile_dir, clock=clock) == 0
    assert nested_loops_run()  # run() left no Quit event behind
    assert seen == ["Werkplein — Ontgrendelen"]
    assert qapp.applicationName() == "Werkplein"
    assert not qapp.windowIcon().isNull()


# ---------------------------------------------------------------------- after a crash


def test_after_a_crash_the_unlock_says_so_and_reopens_where_the_person_was(
    qtbot: QtBot, make_controller: MakeController, profile_dir: Path, passphrase: str
) -> None:
    from werkplein.crash import CrashGuard

    first = make_controller(profile_dir)
    window = unlock(qtbot, first, passphrase)
    window.go("signals")  # the place is kept in the profile as the person moves
    first.shutdown()

    guard = CrashGuard(profile_dir)
    guard.start()
    try:
        guard.request_resume()  # as a crash (or a restart the app asked for) leaves it
        controller = make_controller(profile_dir)
        controller.guard = guard
        controller._discard_unlock_window()
        controller.start()
        assert "onverwacht" in unlock_window(controller).subtitle_label.text()
        reopened = unlock(qtbot, controller, passphrase)
        assert reopened._current == ("signals", None)
        assert "terug waar u was" in reopened.statusBar().currentMessage()
        assert not guard.resume_pending()  # once
    finally:
        guard.stop()


def test_an_unhandled_error_offers_a_clean_restart(
    qtbot: QtBot,
    controller: AppController,
    passphrase: str,
    monkeypatch: pytest.MonkeyPatch,
    profile_dir: Path,
) -> None:
    from PySide6.QtCore import QProcess

    from werkplein.crash import CrashGuard

    started: list[tuple[str, list[str]]] = []
    monkeypatch.setattr(QProcess, "startDetached", lambda p, a: started.append((p, a)) or True)
    quits: list[bool] = []
    monkeypatch.setattr(QApplication.instance(), "quit", lambda: quits.append(True))
    unlock(qtbot, controller, passphrase)
    guard = CrashGuard(profile_dir)
    guard.start()
    controller.guard = guard
    try:
        controller.on_unhandled(KeyError("x"))
        controller.on_unhandled(KeyError("again"))  # one question at a time
        boxes = [w for w in QApplication.topLevelWidgets() if w.objectName() == "crashBox"]
        assert len(boxes) == 1
        box = boxes[0]
        assert isinstance(box, QMessageBox)
        assert "KeyError" in box.text()
        restart = next(b for b in box.buttons() if "Opnieuw" in b.text())
        restart.click()
        assert started
        assert started[0][0] == __import__("sys").executable
        assert quits == [True]
        assert guard.resume_pending()
    finally:
        guard.stop()
