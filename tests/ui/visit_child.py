"""The app process that test_visit.py kills mid-visit (not a test module itself).

    python tests/ui/visit_child.py FOLDER VISIT_ID MODE   (the passphrase on stdin)

Opens the profile in a real MainWindow (offscreen), opens the huisbezoek, types an observation
for "wonen" with real key events, waits until the page shows "Opgeslagen om …" and prints
SAVED; adds a quick note with Enter and prints NOTE. Then, by MODE:

- ``idle``: prints IDLE and runs the event loop, as an app left open on the table does;
- ``typing``: types more of the observation, prints TYPED and freezes without returning to the
  event loop, so the debounce timer can never fire: the text typed after the last save is on
  screen only, as it is in the last few hundred milliseconds before a crash.

The parent kills the process with SIGKILL after the last line. Only fixed markers are printed,
never what was typed.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from ui.app import configure_application
from ui.main_window import MainWindow
from ui.pages.visit import VisitPage
from werkplein import i18n
from werkplein.services.session import Session

FIRST_PART = "Woning is netjes, maar er zit schimmel in de badkamer."
SECOND_PART = " Verhuurder is nog niet gebeld."
NOTE = "Belt vrijdag terug over de huurtoeslag."
DEADLINE_S = 20


def emit(marker: str) -> None:
    print(marker, flush=True)


def wait_until(condition: Callable[[], bool]) -> None:
    deadline = time.monotonic() + DEADLINE_S
    while not condition():
        if time.monotonic() > deadline:
            emit("TIMEOUT")
            raise SystemExit(3)
        QApplication.processEvents()
        time.sleep(0.01)


def main() -> int:
    folder, visit_id, mode = sys.argv[1:4]
    passphrase = sys.stdin.readline().rstrip("\n")
    i18n.set_language("nl")
    app = QApplication([])
    configure_application(app)
    window = MainWindow(Session.open(Path(folder), passphrase))
    window.show()
    window.open_visit(visit_id)
    page = window.detail
    assert isinstance(page, VisitPage)
    wait_until(lambda: page.visit is not None)

    editor = page.editors["wonen"]
    QTest.keyClicks(editor, FIRST_PART)
    wait_until(lambda: page.saved_label.text().startswith("✓ Opgeslagen om"))
    emit("SAVED")

    QTest.keyClicks(page.note_edit, NOTE)
    QTest.keyClick(page.note_edit, Qt.Key.Key_Return)
    wait_until(lambda: not page.note_edit.text())
    emit("NOTE")

    if mode == "typing":
        QTest.keyClicks(editor, SECOND_PART)
        emit("TYPED")
        time.sleep(600)  # frozen mid-note: no event loop, so no timer fires
        return 1
    emit("IDLE")
    return app.exec()


if __name__ == "__main__":
    raise SystemExit(main())
