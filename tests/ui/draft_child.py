"""The app process that test_drafts.py kills while a form holds unsaved text (not a test
module itself).

    python tests/ui/draft_child.py FOLDER KIND RECORD_ID   (the passphrase on stdin)

Opens the profile in a real MainWindow (offscreen) and the record's screen, types into a form
with real key events, and waits until the draft is kept in the profile (the keeper's pause),
then prints KEPT and runs the event loop, as an app left open does. The parent kills it with
SIGKILL. KIND: ``step`` (step 1 of a case), ``decision`` (the decision of a case whose steps
are done) or ``fine`` (the weighing and a reconsideration note of a fine). Only fixed markers
are printed, never what was typed.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from tests.ui.visit_child import emit, wait_until
from ui.app import configure_application
from ui.main_window import MainWindow
from ui.pages.fine import FinePage
from ui.pages.toets import ToetsPage
from werkplein import i18n
from werkplein.services.session import Session

STEP_TEXT = "Ik wil zelf naar mijn werk kunnen fietsen."
DECISION_TEXT = "Past bij het doel van de inwoner en voorkomt hogere kosten."
FINE_REASONS = "Lopend werktraject zou stuklopen."
FINE_NOTE = "Besproken met de klantmanager."


def main() -> int:
    folder, kind, record_id = sys.argv[1:4]
    passphrase = sys.stdin.readline().rstrip("\n")
    i18n.set_language("nl")
    app = QApplication([])
    configure_application(app)
    session = Session.open(Path(folder), passphrase)
    window = MainWindow(session)
    window.show()
    if kind == "fine":
        window.open_fine(record_id)
        fine = window.detail
        assert isinstance(fine, FinePage)
        QTest.keyClicks(fine.redenen_edit, FINE_REASONS)
        QTest.keyClicks(fine.new_note_edit, FINE_NOTE)
        key = f"boete:{record_id}"
    else:
        window.open_case(record_id)
        page = window.detail
        assert isinstance(page, ToetsPage)
        if kind == "step":
            QTest.keyClicks(page.effect.effect_edit, STEP_TEXT)
        else:
            panel = page.decision_panel
            panel.outcome_combo.setCurrentIndex(1)
            QTest.keyClicks(panel.motivation_edit, DECISION_TEXT)
        key = f"toets:{record_id}"
    wait_until(lambda: session.drafts.get(key) is not None)
    emit("KEPT")
    return app.exec()


if __name__ == "__main__":
    raise SystemExit(main())
