"""The dialogs, checked as tests/ui/test_accessibility.py checks the screens: every control
the keyboard reaches has a name a screen reader says, Tab and Shift+Tab visit every one and come
back, the focus shows as a ring, in Dutch and in English, and the text follows a 16 pt system
font. Dialogs: log a signal, a warm handover, plan a visit, the history of a record, a new fine,
keep a dossier longer, erase on request."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication, QDialog, QWidget
from pytestqt.qtbot import QtBot

from tests.conftest import PASSPHRASE, make_demo
from tests.ui.test_accessibility import (
    BIG,
    missed_by_tab,
    reachable,
    text_size_problems,
    unnamed,
)
from ui import focus
from ui.app import set_language
from ui.dialogs.erase import EraseDialog
from ui.dialogs.keep_until import KeepUntilDialog
from ui.dialogs.new_fine import NewFineDialog
from ui.dialogs.plan_visit import PlanVisitDialog
from ui.main_window import MainWindow
from ui.pages.handover_dialog import HandoverDialog
from ui.pages.signal_dialog import SignalDialog
from ui.widgets.history import HistoryDialog
from werkplein.services.session import Session
from werkplein.store.clock import FixedClock

MakeDialog = Callable[[Session, str, QWidget], QDialog]

DIALOGS: dict[str, MakeDialog] = {
    "signal": lambda s, _i, parent: SignalDialog(s, parent),
    "handover": lambda s, i, parent: HandoverDialog(s, i, parent=parent),
    "plan visit": PlanVisitDialog,
    "history": lambda s, i, parent: HistoryDialog(s, "inwoner", i, parent=parent),
    "new fine": lambda s, _i, parent: NewFineDialog(s, parent),
    "keep until": KeepUntilDialog,
    "erase": EraseDialog,
}


@pytest.fixture(scope="module")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("a11y-dialogs") / "demo"
    return make_demo(folder, residents=12, seed=1, role="teamleider")


@pytest.fixture
def window(
    qtbot: QtBot, tmp_path: Path, demo_template: Path, clock: FixedClock
) -> Iterator[MainWindow]:
    shutil.copytree(demo_template, tmp_path / "demo")
    main = MainWindow(Session.open(tmp_path / "demo", PASSPHRASE, clock=clock))
    main.resize(1280, 800)
    main.show()
    main.activateWindow()
    qtbot.waitUntil(main.isActiveWindow)
    yield main
    for dialog in main.findChildren(QDialog):  # closed here, not during a later test
        if shiboken6.isValid(dialog) and dialog.isVisible():
            dialog.close()
    if shiboken6.isValid(main):
        main.close()


def open_dialog(qtbot: QtBot, window: MainWindow, key: str) -> QDialog:
    session = window.session
    assert session is not None
    inwoner_id = str(session.store.find("inwoner", "", (), "last_name", limit=1)[0]["id"])
    dialog = DIALOGS[key](session, inwoner_id, window)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    return dialog


@pytest.mark.parametrize("language", ["nl", "en"])
@pytest.mark.parametrize("key", list(DIALOGS))
def test_every_dialog_is_named_tabs_around_and_shows_its_focus(
    qtbot: QtBot, window: MainWindow, key: str, language: str
) -> None:
    set_language(language)
    try:
        dialog = open_dialog(qtbot, window, key)
        assert unnamed(dialog) == [], f"{key}: controls without an accessible name"
        assert missed_by_tab(qtbot, dialog) == [], f"{key}: Tab never reaches these"
        first = reachable(dialog)[0]
        first.setFocus()
        qtbot.waitUntil(lambda: QApplication.focusWidget() is first)
        ring = dialog.findChild(focus.FocusRing, "focusRing")
        assert ring is not None
        assert ring.isVisible()
        assert ring.target is first
    finally:
        set_language("nl")


def test_the_dialogs_follow_a_16_pt_system_font(
    qtbot: QtBot, qapp: QApplication, window: MainWindow
) -> None:
    original = QFont(qapp.font())
    font = QFont(original)
    font.setPointSizeF(BIG)
    qapp.setFont(font)
    try:
        problems: list[str] = []
        for key in DIALOGS:
            dialog = open_dialog(qtbot, window, key)
            problems += [f"{key}: {p}" for p in text_size_problems(dialog)]
            dialog.close()
        assert problems == []
    finally:
        qapp.setFont(original)
