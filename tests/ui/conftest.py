"""UI fixtures: Qt without a display, real encrypted profiles with the cheap test KDF, all on
the test's clock (``tests/conftest.py``), and the date texts the screens are expected to show.

Two guards run around every UI test:

- ``_one_clock``: nothing in a test may fall back to the process clock. A profile, session,
  window or controller made without the test's clock fails at once, naming the way to pass it.
- ``_nested_loops_run``: a Quit event that reaches the application outside
  ``QApplication.exec()`` (``ui.app.run`` leaves one behind, see ``drain_quit``) is drained, so
  ``qtbot.wait``, ``waitUntil`` and ``waitSignal`` keep running timers in every later test.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

# before pytest-qt makes the QApplication: the suite never needs a display
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QCoreApplication, QEvent, QEventLoop, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from ui.app import AppController, configure_application
from werkplein.services.session import Session
from werkplein.store.clock import FixedClock
from werkplein.store.profile import TEST_ITERATIONS

MakeProfile = Callable[..., Path]
MakeController = Callable[[Path], AppController]

# the modules that fall back to the process clock when they are given none
PROCESS_CLOCK_USERS = (
    "werkplein.store.store",
    "werkplein.demo",
    "werkplein.services.sharing",
    "ui.app",
)


@pytest.fixture(autouse=True)
def _application(qapp: QApplication) -> None:
    configure_application(qapp)


@pytest.fixture(autouse=True)
def _one_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    """A test that makes a store, demo, team member or app without the test's clock fails."""

    def refuse() -> FixedClock:
        raise AssertionError(
            "made without the test's clock: pass clock=clock (the fixture) or run_clock(), "
            "e.g. Session.open(folder, PASSPHRASE, clock=clock)"
        )

    for module in PROCESS_CLOCK_USERS:
        monkeypatch.setattr(f"{module}.process_clock", refuse)


# ---------------------------------------------------------------------- the event loop


def nested_loops_run() -> bool:
    """Whether a nested event loop (what qtbot.wait, waitUntil and waitSignal run) still runs.

    A Quit event delivered while ``QApplication.exec()`` is not running calls
    ``QCoreApplication::exit()``, which sets the thread's "quit now" flag; until the next
    ``QApplication.exec()`` clears it, every ``QEventLoop.exec()`` returns -1 at once: waits
    return immediately and timers never fire."""
    loop = QEventLoop()
    timer = QTimer(loop)
    timer.setSingleShot(True)
    timer.timeout.connect(lambda: loop.exit(0))
    timer.start(0)
    return loop.exec() == 0


def drain_quit(app: QCoreApplication) -> bool:
    """Drop a Quit event left behind and clear the flag one already set; True if there was one.

    ``ui.app.run()`` leaves one behind whenever its last window closes while the application
    quits: closing the last window posts a Quit event (quit on last window closed) and an
    explicit ``quit()`` (or the ``aboutToQuit -> shutdown`` that closes the windows while
    ``exec()`` is still running) ends the loop before that event is handled. It stays queued
    after ``run()`` returns and pytest-qt's ``processEvents()`` after the test delivers it."""
    QCoreApplication.removePostedEvents(app, QEvent.Type.Quit)
    if nested_loops_run():
        return False
    QTimer.singleShot(0, app.quit)  # exec() clears the flag when it starts and when it ends
    app.exec()
    return True


@pytest.fixture(autouse=True)
def _nested_loops_run(qapp: QApplication) -> Iterator[None]:
    drain_quit(qapp)  # whatever ran before this test (a module fixture, another suite)
    yield
    drain_quit(qapp)


# ---------------------------------------------------------------------- profiles and the app


@pytest.fixture
def make_profile(tmp_path: Path, passphrase: str, clock: FixedClock) -> MakeProfile:
    """``make_profile(role=..., folder=...)`` -> the folder of a new, closed profile."""

    def make(role: str = "klantmanager", folder: str = "p") -> Path:
        data_dir = tmp_path / folder
        Session.create(
            data_dir,
            passphrase,
            "Test Medewerker",
            role,
            kdf_iterations=TEST_ITERATIONS,
            clock=clock,
        ).close()
        return data_dir

    return make


@pytest.fixture
def profile_dir(make_profile: MakeProfile) -> Path:
    return make_profile()


@pytest.fixture
def make_controller(qtbot: QtBot, clock: FixedClock) -> Iterator[MakeController]:
    """A started app (unlock window shown) on a folder, on the test's clock; shut down after
    the test."""
    started: list[AppController] = []

    def make(data_dir: Path) -> AppController:
        controller = AppController(data_dir, clock=clock)
        controller.start()
        assert controller.unlock_window is not None
        qtbot.waitExposed(controller.unlock_window)
        started.append(controller)
        return controller

    yield make
    for controller in started:
        controller.shutdown()


@pytest.fixture
def controller(make_controller: MakeController, profile_dir: Path) -> AppController:
    return make_controller(profile_dir)


# ---------------------------------------------------------------------- expected date texts
# Written out here rather than asked of babel or the app, so a wrong day or a UTC date where
# the local one is meant shows as a difference.

DAGEN = ("maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag")
MAANDEN = (
    "januari", "februari", "maart", "april", "mei", "juni",
    "juli", "augustus", "september", "oktober", "november", "december",
)  # fmt: skip
MND = ("jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec")
DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip


def dutch_day(day: dt.date) -> str:
    """``maandag 23 november 2026`` (the full date, as on the home screen)."""
    return f"{DAGEN[day.weekday()]} {day.day} {MAANDEN[day.month - 1]} {day.year}"


def english_day(day: dt.date) -> str:
    """``Monday, 23 November 2026`` (British English, the app's English)."""
    return f"{DAYS[day.weekday()]}, {day.day} {MONTHS[day.month - 1]} {day.year}"


def dutch_short_day(day: dt.date) -> str:
    """``23 nov 2026`` (a date in a table column)."""
    return f"{day.day} {MND[day.month - 1]} {day.year}"


def local_time(stamp: str) -> dt.datetime:
    """A stored UTC moment (``...Z``) as the computer's local time (aware)."""
    return dt.datetime.fromisoformat(stamp.replace("Z", "+00:00")).astimezone()


def stamp_at(day: dt.date, hour: int, minute: int = 0) -> str:
    """The stored form (UTC, to the minute) of ``hour:minute`` local time on ``day``."""
    local = dt.datetime.combine(day, dt.time(hour, minute)).astimezone()
    return local.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%MZ")


def next_working_day(day: dt.date) -> dt.date:
    """The first Monday-to-Friday after ``day``."""
    day += dt.timedelta(days=1)
    while day.weekday() >= 5:
        day += dt.timedelta(days=1)
    return day


def answer_next_question(button_text: str) -> list[str]:
    """Click the button holding ``button_text`` in the next modal question, as a person does;
    returns (after the question was answered) the question's text, to check what it asked."""
    asked: list[str] = []

    def answer() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(20, answer)  # not shown yet
            return
        asked.append(box.text())
        button = next(b for b in box.buttons() if button_text in b.text().replace("&", ""))
        button.click()

    QTimer.singleShot(0, answer)
    return asked
