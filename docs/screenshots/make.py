"""Render the main screens of the app on a demo profile and save PNGs (offscreen).

    .venv/bin/python docs/screenshots/make.py [OUT_DIR] [--lang en]

Used to look at every screen as a person would, and to refresh the README's pictures.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
import tempfile
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from PySide6.QtWidgets import QApplication, QWidget

from ui.app import configure_application
from ui.main_window import MainWindow
from werkplein import i18n
from werkplein.demo import (
    DEMO_PASSPHRASE,
    SHOWCASE_DAY,
    build_demo,
    showcase_clock,
)
from werkplein.services.session import Session
from werkplein.store.profile import TEST_ITERATIONS


def main() -> int:
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    out = Path(args[0] if args else "docs/screenshots")
    lang = "en" if "--lang" in sys.argv and sys.argv[-1] == "en" else "nl"
    i18n.set_language(lang)
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication([])
    configure_application(app)  # type: ignore[arg-type]
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "demo"
        build_demo(
            data,
            DEMO_PASSPHRASE,
            residents=300,
            seed=1,
            kdf_iterations=TEST_ITERATIONS,
            today=SHOWCASE_DAY,
        )
        session = Session.open(data, DEMO_PASSPHRASE, clock=showcase_clock())
        window = MainWindow(session)
        window.resize(1280, 800)
        window.show()
        shots = [("home", lambda: window.go("home"))]
        shoot(app, window, shots + extra_shots(window, session), out, lang)
        dialog_shots(app, window, session, out, lang)
        window.close()
        session.close()
        lead = Path(tmp) / "teamleider"
        build_demo(
            lead,
            DEMO_PASSPHRASE,
            residents=300,
            seed=1,
            role="teamleider",
            kdf_iterations=TEST_ITERATIONS,
            today=SHOWCASE_DAY,
        )
        session = Session.open(lead, DEMO_PASSPHRASE, clock=showcase_clock())
        window = MainWindow(session)
        window.resize(1280, 800)
        window.show()
        shoot(
            app,
            window,
            [("approvals", lambda: window.go("approvals")), ("fines", lambda: window.go("fines"))],
            out,
            lang,
        )
        someone = session.store.find("casus", "", (), "opened_on", limit=1)[0]["inwoner_id"]
        shoot(
            app,
            window,
            [
                ("destruction", lambda: window.go("destruction")),
                ("signals-teamleider", lambda: window.go("signals")),
                ("dossier-teamleider", lambda: window.open_dossier(someone)),
            ],
            out,
            lang,
        )
        erase = getattr(window.detail, "erase_on_request", None)
        if callable(erase):
            save_dialog(app, erase(), out / f"erase-{lang}.png")
        fines = window.pages["fines"]
        new_fine = getattr(fines, "new_fine", None)
        dialog = new_fine() if callable(new_fine) else None
        if dialog is not None:
            save_dialog(app, dialog, out / f"new-fine-{lang}.png")
        window.close()
        session.close()
        unlock_shots(app, Path(tmp) / "nieuw", out, lang)
    return 0


def unlock_shots(app: QApplication, empty: Path, out: Path, lang: str) -> None:
    """A new colleague's first start: no profile yet, and the join dialog."""
    from ui.unlock import UnlockWindow

    empty.mkdir()
    window = UnlockWindow(empty, clock=showcase_clock())
    save_dialog(app, window, out / f"unlock-new-{lang}.png", close=False)
    save_dialog(app, window.open_join_dialog(), out / f"join-{lang}.png")
    window.close()


def shoot(
    app: QApplication, window: MainWindow, shots: list[tuple[str, Any]], out: Path, lang: str
) -> None:
    for name, show in shots:
        show()
        for _ in range(5):
            app.processEvents()
        path = out / f"{name}-{lang}.png"
        window.grab().save(str(path))
        print(path)


def save_dialog(app: QApplication, dialog: QWidget, path: Path, *, close: bool = True) -> None:
    dialog.show()
    for _ in range(5):
        app.processEvents()
    dialog.grab().save(str(path))
    print(path)
    if close:
        dialog.close()


def dialog_shots(
    app: QApplication, window: MainWindow, session: Session, out: Path, lang: str
) -> None:
    """The dialogs with the one date field: plan a visit (typed as a person types)."""
    from PySide6.QtTest import QTest

    from ui.dialogs.plan_visit import PlanVisitDialog

    inwoner = session.store.find("inwoner", "", (), "last_name", limit=1)[0]["id"]
    dialog = PlanVisitDialog(session, inwoner, window)
    dialog.when_edit.edit.selectAll()
    QTest.keyClicks(dialog.when_edit.edit, "9 dec 10u")
    QTest.keyClicks(dialog.purpose_edit, "Kennismaking")
    save_dialog(app, dialog, out / f"plan-visit-{lang}.png")


def extra_shots(window: MainWindow, session: Session) -> list[tuple[str, object]]:
    """Screens that need a record: the first resident with a case, its case, a visit."""
    shots: list[tuple[str, object]] = []
    case = session.store.find("casus", "stap4_gereed = 1", (), "opened_on", limit=1)
    visit = session.store.find("huisbezoek", "status = 'gepland'", (), "gepland_op", limit=1)
    fine = session.store.find("boete", "", (), "overtreding_op", limit=1)
    for key in ("residents", "signals", "settings", "handovers"):
        shots.append((key, lambda k=key: window.go(k)))
    if case:
        shots.append(("dossier", lambda: window.open_dossier(case[0]["inwoner_id"])))
        shots.append(("toets", lambda: window.open_case(case[0]["id"])))
    if visit:
        shots.append(("huisbezoek", lambda: window.open_visit(visit[0]["id"])))
    if fine:
        shots.append(("boete", lambda: window.open_fine(fine[0]["id"])))
    _ = dt
    return shots


if __name__ == "__main__":
    raise SystemExit(main())
