"""The shell: Mijn werk per role, navigation and back, the idle lock dropping everything."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from tests.conftest import make_demo
from ui.main_window import MainWindow
from werkplein.services.session import Session
from werkplein.store.clock import FixedClock

WindowFor = Callable[[Path], MainWindow]


@pytest.fixture(scope="module")
def demo_dirs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    base = tmp_path_factory.mktemp("demo")
    return {
        role: make_demo(base / role, residents=40, seed=2, role=role)
        for role in ("klantmanager", "teamleider", "werkcoach")
    }


@pytest.fixture
def window_for(qtbot: QtBot, passphrase: str, clock: FixedClock) -> WindowFor:
    """``window_for(folder)`` -> an active main window on the profile, on the test's clock."""

    def make(folder: Path) -> MainWindow:
        return open_window(qtbot, Session.open(folder, passphrase, clock=clock))

    return make


def open_window(qtbot: QtBot, session: Session) -> MainWindow:
    window = MainWindow(session)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    return window


def test_my_work_lists_the_klantmanagers_visits_and_opens_one(
    qtbot: QtBot, demo_dirs: dict[str, Path], window_for: WindowFor
) -> None:
    window = window_for(demo_dirs["klantmanager"])
    visits = window.welcome.work.lists["visits"]
    assert visits.texts()
    assert all("·" in text for text in visits.texts())
    assert "approvals" not in window.welcome.work.lists  # not a teamleider
    assert window.page_title.text() == "Mijn werk"
    visits.list.setCurrentRow(0)
    visits.list.setFocus()
    qtbot.keyClick(visits.list, Qt.Key.Key_Return)
    assert window._current[0] == "visit"
    assert window.back_button.isVisible()
    window.back()
    assert window._current == ("home", None)


def test_teamleider_sees_decisions_awaiting_approval(
    demo_dirs: dict[str, Path], window_for: WindowFor
) -> None:
    window = window_for(demo_dirs["teamleider"])
    assert window.session is not None
    waiting = window.session.decisions.awaiting_approval()
    assert waiting  # the demo leaves some for the teamleider
    assert len(window.welcome.work.lists["approvals"].texts()) == len(waiting)
    assert "approvals" in window._nav_keys


def test_werkcoach_sees_no_fines_anywhere(
    demo_dirs: dict[str, Path], window_for: WindowFor
) -> None:
    window = window_for(demo_dirs["werkcoach"])
    assert "talks" not in window.welcome.work.lists
    assert "fines" not in window.welcome.tiles
    assert window.welcome.work.lists["handovers"].texts()  # the demo hands over to the werkcoach
    assert "approvals" not in window._nav_keys


def test_shortcuts_move_between_screens(
    qtbot: QtBot, demo_dirs: dict[str, Path], window_for: WindowFor
) -> None:
    window = window_for(demo_dirs["klantmanager"])
    qtbot.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert window._current == ("residents", None)
    assert window.nav_list.currentRow() == window._nav_keys.index("residents")
    qtbot.keyClick(window, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    assert window._current == ("home", None)
    qtbot.keyClick(window, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    assert window._current == ("residents", None)


def test_idle_lock_closes_the_session_and_drops_every_screen(
    qtbot: QtBot, demo_dirs: dict[str, Path], window_for: WindowFor
) -> None:
    window = window_for(demo_dirs["klantmanager"])
    store = window.session.store if window.session else None
    assert store is not None
    window.go("residents")
    with qtbot.waitSignal(window.locked, timeout=5000):
        window.set_idle_minutes(0.002)  # ~120 ms
    assert window.session is None
    assert store.conn is None
    assert window.pages == {}
    assert window.detail is None
    texts = " ".join(label.text() for label in window.findChildren(type(window.page_title)))
    assert "Sanne" not in texts


def test_idle_timer_restarts_on_input(
    qtbot: QtBot, demo_dirs: dict[str, Path], window_for: WindowFor
) -> None:
    window = window_for(demo_dirs["klantmanager"])
    window.set_idle_minutes(0.01)  # 600 ms
    for _ in range(6):
        qtbot.wait(200)
        qtbot.keyClick(window.nav_list, Qt.Key.Key_Down)
    assert window.session is not None  # kept alive by typing for 1.2 s
    assert window.session.store.meta("ui.idle_lock_minutes") == "0.01"
