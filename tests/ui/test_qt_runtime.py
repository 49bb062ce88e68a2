"""The Qt binding itself: it must survive long use (a guard on the PySide6 version pin), and
the suite's event loop must survive a test that ran the real application loop."""

from __future__ import annotations

import os
import subprocess
import sys

from PySide6.QtCore import QCoreApplication, QEvent, QTimer
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from .conftest import drain_quit, nested_loops_run

SCRIPT = """
from PySide6.QtWidgets import QApplication, QWidget
app = QApplication([])
w = QWidget()
w.show()
for _ in range(20000):
    app.processEvents()
    w.isVisible()
print("alive")
"""


def test_many_qt_calls_do_not_exhaust_none_refcount() -> None:
    """PySide6 6.12.0 on Python 3.11 loses a reference to None per call; after ~5 000 calls
    the interpreter aborts with 'none_dealloc'. An app open all day must not."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-500:]
    assert "alive" in result.stdout


def test_a_quit_event_left_behind_is_drained(qapp: QApplication, qtbot: QtBot) -> None:
    """The guard of tests/ui/conftest.py: a Quit event handled outside QApplication.exec()
    (what ui.app.run() leaves behind) stops every later nested event loop until drained."""
    QCoreApplication.postEvent(qapp, QEvent(QEvent.Type.Quit))
    qapp.processEvents()  # handled now, outside exec(): Qt's "quit now" flag stays set
    assert not nested_loops_run()  # qtbot.wait and friends would return at once
    assert drain_quit(qapp)
    assert nested_loops_run()
    fired: list[bool] = []
    QTimer.singleShot(10, lambda: fired.append(True))
    qtbot.waitUntil(lambda: bool(fired), timeout=2000)  # timers run again

    QCoreApplication.postEvent(qapp, QEvent(QEvent.Type.Quit))  # still queued: removed
    assert not drain_quit(qapp)
    assert nested_loops_run()


def test_qt_own_dialogs_speak_the_apps_language(qtbot: QtBot) -> None:
    """File dialogs, message box buttons and context menus come from Qt's catalogs: they
    follow the app's language, and switch with it."""
    from PySide6.QtCore import QLocale
    from PySide6.QtWidgets import QMessageBox

    from ui.app import set_language
    from werkplein import i18n

    def button_texts() -> list[str]:
        box = QMessageBox()
        box.setStandardButtons(QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Cancel)
        texts = sorted(b.text().replace("&", "") for b in box.buttons())
        box.deleteLater()
        return texts

    before = i18n.language()
    try:
        set_language("nl")
        assert button_texts() == ["Annuleren", "Opslaan"]
        assert QCoreApplication.translate("QFileDialog", "Look in:") == "Zoeken in:"
        assert QLocale().language() == QLocale.Language.Dutch  # the calendar's month names
        set_language("en")
        assert button_texts() == ["Cancel", "Save"]
        assert QCoreApplication.translate("QFileDialog", "Look in:") == "Look in:"
    finally:
        set_language(before)
