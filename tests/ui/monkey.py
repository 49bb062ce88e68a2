"""A randomized working session in the real app, while a colleague's laptop syncs into it.

    python tests/ui/monkey.py WORKDIR SECONDS SEED

Builds a teamleider demo profile with a shared folder and a klantmanager colleague, starts the
app (``AppController``: unlock window, main window), and for ``SECONDS`` does what a hurried
person does, chosen by ``SEED``: random keys and text into whatever has the focus, clicks on
visible buttons, scrolls and scrollbar arrows, resizes, page changes, F9 (sync), lock and
unlock. Meanwhile a second thread plays the colleague: it writes and syncs every second or so,
so changes arrive in the profile while the person works. Modal dialogs and popups are closed
by a timer, as a person would dismiss them.

Faulthandler is on (a segmentation fault prints every thread's stack). The run fails (exit 1)
on any Qt warning or unhandled Python error; it prints ``ALIVE <actions>`` when it ends well.
Used by tests/ui/test_monkey.py (short) and benchmarks/monkey.py (long).
"""

from __future__ import annotations

import faulthandler
import os
import random
import sys
import threading
import time
import traceback
from pathlib import Path
from types import TracebackType

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("WERKPLEIN_TEST_KDF", "1")
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from PySide6.QtCore import (
    QMessageLogContext,
    QPoint,
    QTimer,
    QtMsgType,
    qInstallMessageHandler,
)
from PySide6.QtCore import Qt as QtNs
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractScrollArea,
    QApplication,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QScrollBar,
    QTextEdit,
    QWidget,
)

from tests.conftest import PASSPHRASE, make_demo, run_clock
from ui.app import AppController, configure_application
from ui.main_window import MainWindow
from ui.tasks import tasks
from werkplein.services.session import Session
from werkplein.services.sharing import join
from werkplein.store.profile import TEST_ITERATIONS

IGNORED_WARNINGS = ("This plugin does not support",)  # the offscreen platform's notes
KEYS = [
    QtNs.Key.Key_Tab,
    QtNs.Key.Key_Backtab,
    QtNs.Key.Key_Return,
    QtNs.Key.Key_Escape,
    QtNs.Key.Key_Up,
    QtNs.Key.Key_Down,
    QtNs.Key.Key_Left,
    QtNs.Key.Key_Right,
    QtNs.Key.Key_PageDown,
    QtNs.Key.Key_PageUp,
    QtNs.Key.Key_Home,
    QtNs.Key.Key_End,
    QtNs.Key.Key_Space,
    QtNs.Key.Key_Backspace,
    QtNs.Key.Key_Delete,
    QtNs.Key.Key_F2,
    QtNs.Key.Key_F4,
    QtNs.Key.Key_F9,
]
CHORDS = [
    (QtNs.Key.Key_S, QtNs.KeyboardModifier.ControlModifier),
    (QtNs.Key.Key_Return, QtNs.KeyboardModifier.ControlModifier),
    (QtNs.Key.Key_F, QtNs.KeyboardModifier.ControlModifier),
    (QtNs.Key.Key_H, QtNs.KeyboardModifier.ControlModifier),
    (QtNs.Key.Key_Down, QtNs.KeyboardModifier.AltModifier),
    (QtNs.Key.Key_Left, QtNs.KeyboardModifier.AltModifier),
]
TEXTS = ["Jansen", "9-12-2026 10:00", "9 dec", "1.234,50", "Belt vrijdag terug.", "x", "31-2", ""]
# what a person may click, and what ends the session instead of testing it
FORBIDDEN_TEXT = ("afsluiten", "quit", "opnieuw starten", "restart")


class Problems:
    def __init__(self) -> None:
        self.lines: list[str] = []

    def qt_message(self, kind: QtMsgType, _context: QMessageLogContext, text: str) -> None:
        if kind in (QtMsgType.QtDebugMsg, QtMsgType.QtInfoMsg):
            return
        if text.startswith(IGNORED_WARNINGS):
            return
        self.lines.append(f"Qt: {text}")

    def unhandled(
        self, kind: type[BaseException], exc: BaseException, tb: TracebackType | None
    ) -> None:
        text = "".join(traceback.format_exception(kind, exc, tb))
        self.lines.append(text)
        print(text, file=sys.stderr, flush=True)  # also when it ends the program


def build_team(workdir: Path) -> tuple[Path, Path]:
    """The teamleider's demo profile with a share, and a klantmanager who joined."""
    mine = make_demo(workdir / "teamleider", residents=12, seed=7, role="teamleider")
    share = workdir / "share"
    with Session.open(mine, PASSPHRASE, clock=run_clock()) as session:
        session.sharing.create_share(share)
        code = session.sharing.invite("Collega Klantmanager", "klantmanager")
    colleague, _report = join(
        workdir / "klantmanager",
        PASSPHRASE,
        share,
        code,
        kdf_iterations=TEST_ITERATIONS,
        clock=run_clock(),
    )
    colleague.close()
    with Session.open(mine, PASSPHRASE, clock=run_clock()) as session:
        session.sharing.sync()  # admits the colleague
    return mine, workdir / "klantmanager"


def colleague_works(
    folder: Path, stop: threading.Event, problems: Problems, done: list[int]
) -> None:
    """The other laptop: a change and a sync every second or so, until told to stop."""
    rng = random.Random(99)
    try:
        with Session.open(folder, PASSPHRASE, clock=run_clock()) as session:
            residents = [r["id"] for r in session.residents.search("", limit=20)]
            # time.sleep, not stop.wait(timeout): under libfaketime a timed wait on a lock
            # never ends (its deadline is on the faked clock, the kernel waits on the real one)
            while not stop.is_set():
                time.sleep(rng.uniform(0.4, 1.5))
                if stop.is_set():
                    break
                if residents:
                    street = rng.choice(["Dorpsstraat", "Kerkweg", "Molenlaan", "Esdoorn"])
                    session.residents.update(rng.choice(residents), street=street)
                session.sharing.sync()
                done.append(1)
    except Exception:
        problems.lines.append("colleague: " + traceback.format_exc())


class Monkey:
    def __init__(self, controller: AppController, rng: random.Random) -> None:
        self.controller = controller
        self.rng = rng
        self.actions = 0
        self.counts: dict[str, int] = {}

    @property
    def window(self) -> MainWindow | None:
        return self.controller.main_window

    def unlock_if_locked(self) -> None:
        unlock = self.controller.unlock_window
        if self.window is None and unlock is not None and not unlock.busy:
            unlock.passphrase_edit.setText(PASSPHRASE)
            QTest.keyClick(unlock.passphrase_edit, QtNs.Key.Key_Return)

    def step(self) -> None:
        window = self.window
        if window is None:
            self.unlock_if_locked()
            return
        self.actions += 1
        action = self.rng.choices(
            [self.navigate, self.key, self.type_text, self.click, self.scroll, self.resize,
             self.lock],
            weights=[12, 30, 14, 24, 10, 4, 1],
        )[0]  # fmt: skip
        self.counts[action.__name__] = self.counts.get(action.__name__, 0) + 1
        action(window)

    def target(self, window: MainWindow) -> QWidget:
        focused = QApplication.focusWidget()
        return focused if focused is not None and focused.isVisible() else window

    def navigate(self, window: MainWindow) -> None:
        window.go(self.rng.choice(window._nav_keys))

    def key(self, window: MainWindow) -> None:
        if self.rng.random() < 0.25:
            key, modifier = self.rng.choice(CHORDS)
            QTest.keyClick(self.target(window), key, modifier)
        else:
            QTest.keyClick(self.target(window), self.rng.choice(KEYS))

    def type_text(self, window: MainWindow) -> None:
        target = self.target(window)
        if isinstance(target, QLineEdit | QPlainTextEdit | QTextEdit):
            QTest.keyClicks(target, self.rng.choice(TEXTS))

    def visible(self, window: MainWindow, kind: type[QWidget]) -> list[QWidget]:
        return [w for w in window.findChildren(kind) if w.isVisible() and w.isEnabled()]

    def click(self, window: MainWindow) -> None:
        buttons = [
            b
            for b in self.visible(window, QAbstractButton)
            if isinstance(b, QAbstractButton)
            and not any(word in b.text().lower() for word in FORBIDDEN_TEXT)
        ]
        if buttons:
            button = self.rng.choice(buttons)
            QTest.mouseClick(button, QtNs.MouseButton.LeftButton)

    def scroll(self, window: MainWindow) -> None:
        bars = [b for b in self.visible(window, QScrollBar) if isinstance(b, QScrollBar)]
        if bars and self.rng.random() < 0.6:
            bar = self.rng.choice(bars)
            # a click on an arrow at either end, as the second crash was reported
            end = bar.width() - 3, bar.height() - 3
            point = QPoint(3, 3) if self.rng.random() < 0.5 else QPoint(*end)
            for _ in range(self.rng.randint(1, 6)):
                QTest.mouseClick(bar, QtNs.MouseButton.LeftButton, pos=point)
            return
        areas = self.visible(window, QAbstractScrollArea)
        if areas:
            area = self.rng.choice(areas)
            assert isinstance(area, QAbstractScrollArea)
            area.verticalScrollBar().setValue(
                self.rng.randint(0, max(area.verticalScrollBar().maximum(), 0))
            )

    def resize(self, window: MainWindow) -> None:
        window.resize(self.rng.randint(900, 1700), self.rng.randint(600, 1050))

    def lock(self, window: MainWindow) -> None:
        QTest.keyClick(window, QtNs.Key.Key_L, QtNs.KeyboardModifier.ControlModifier)


def dismiss_dialogs() -> None:
    """Close what a person would close: a modal dialog, a popup menu, a calendar."""
    popup = QApplication.activePopupWidget()
    if popup is not None:
        popup.close()
    modal = QApplication.activeModalWidget()
    if modal is not None and modal.objectName() != "crashBox":
        modal.close()
    for menu in QApplication.topLevelWidgets():
        if isinstance(menu, QMenu) and menu.isVisible():
            menu.close()


def run(workdir: Path, seconds: float, seed: int) -> int:
    faulthandler.enable(all_threads=True)
    problems = Problems()
    qInstallMessageHandler(problems.qt_message)
    sys.excepthook = problems.unhandled
    mine, theirs = build_team(workdir)

    app = QApplication.instance() or QApplication([])
    assert isinstance(app, QApplication)
    configure_application(app)
    controller = AppController(mine, clock=run_clock())
    controller.start()
    stop = threading.Event()
    synced: list[int] = []
    colleague = threading.Thread(
        target=colleague_works, args=(theirs, stop, problems, synced), name="colleague"
    )
    colleague.start()
    dismisser = QTimer()
    dismisser.timeout.connect(dismiss_dialogs)
    dismisser.start(150)

    monkey = Monkey(controller, random.Random(seed))
    deadline = time.monotonic() + seconds
    try:
        while time.monotonic() < deadline:
            monkey.step()
            end = time.monotonic() + monkey.rng.uniform(0, 0.05)
            while time.monotonic() < end:
                app.processEvents()
            app.processEvents()
    finally:
        stop.set()
        colleague.join(30)
        dismisser.stop()
        tasks().wait_idle(30)
        controller.shutdown()
        app.processEvents()
    if problems.lines:
        print("\n".join(problems.lines), file=sys.stderr)
        print(f"PROBLEMS {len(problems.lines)} after {monkey.actions} actions", flush=True)
        return 1
    counts = ", ".join(f"{k} {v}" for k, v in sorted(monkey.counts.items()))
    print(f"ALIVE {monkey.actions} ({counts}; the colleague synced {len(synced)} times)")
    return 0


if __name__ == "__main__":
    workdir_arg, seconds_arg, seed_arg = sys.argv[1:4]
    sys.exit(run(Path(workdir_arg), float(seconds_arg), int(seed_arg)))
