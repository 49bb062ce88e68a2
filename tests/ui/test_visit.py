"""Huisbezoek mode: observations saved as they are typed, quick notes, the checklist, the end
of the visit, and a visit whose process is killed mid-note."""

from __future__ import annotations

import datetime as dt
import itertools
import os
import queue
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import IO

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QPalette
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from tests.conftest import TEST_NOW, moment, today
from ui.main_window import MainWindow
from ui.pages.visit import PAGE_FONT_SCALE, VisitPage
from werkplein.domain import bsn
from werkplein.domain.roles import Role
from werkplein.services.session import Session
from werkplein.store.clock import NOW_ENV, FixedClock, iso

from .conftest import MakeProfile, dutch_day
from .visit_child import FIRST_PART, NOTE, SECOND_PART

ROOT = Path(__file__).resolve().parents[2]
CHILD = Path(__file__).with_name("visit_child.py")
PLANNED = moment(1, 10)  # the visit: tomorrow at 10:00, the computer's time


def valid_bsn(first_eight: str = "99999001") -> str:
    for start in range(int(first_eight), int(first_eight) + 100):
        digit = bsn.check_digit_for(str(start))
        if digit is not None:
            return f"{start}{digit}"
    raise AssertionError("no BSN")


def plan_visit(session: Session) -> str:
    inwoner_id = session.residents.create(
        bsn=valid_bsn(),
        first_names="Fatima",
        last_name="Bakker",
        birth_date="1984-03-12",
        gemeente="Lindendal",
    )
    return session.visits.plan(inwoner_id, PLANNED, doel="Heronderzoek")


@pytest.fixture
def visit_folder(make_profile: MakeProfile, passphrase: str, clock: FixedClock) -> tuple[Path, str]:
    folder = make_profile()
    with Session.open(folder, passphrase, clock=clock) as session:
        visit_id = plan_visit(session)
    return folder, visit_id


@pytest.fixture
def window(
    qtbot: QtBot, visit_folder: tuple[Path, str], passphrase: str, clock: FixedClock
) -> Iterator[MainWindow]:
    folder, _visit_id = visit_folder
    main = MainWindow(Session.open(folder, passphrase, clock=clock))
    qtbot.addWidget(main)
    main.show()
    qtbot.waitExposed(main)
    yield main
    main.close()


@pytest.fixture
def page(window: MainWindow, visit_folder: tuple[Path, str]) -> VisitPage:
    window.open_visit(visit_folder[1])
    detail = window.detail
    assert isinstance(detail, VisitPage)
    assert detail.visit is not None  # shown, so loaded
    return detail


def stored(window: MainWindow, visit_id: str) -> dict[str, object]:
    assert window.session is not None
    return window.session.store.require("huisbezoek", visit_id)


# ---------------------------------------------------------------------- the screen


def test_shows_the_resident_the_time_and_the_purpose_in_large_text(
    page: VisitPage, window: MainWindow
) -> None:
    assert page.name_label.text() == "Fatima Bakker"
    tomorrow = today() + dt.timedelta(days=1)
    assert page.when_label.text() == f"Gepland op {dutch_day(tomorrow)}, 10:00"
    assert page.status_label.text() == "Status: gepland"
    assert page.purpose_label.text() == "Doel: Heronderzoek"
    assert window.page_title.text() == "Huisbezoek"
    # scaled from the system font, not a fixed pixel size
    base = QFont(window.font()).pointSizeF()
    assert page.font().pointSizeF() == pytest.approx(base * PAGE_FONT_SCALE)
    assert page.editors["wonen"].font().pointSizeF() == pytest.approx(base * PAGE_FONT_SCALE)
    areas = [page.areas_model.item(r).text() for r in range(page.areas_model.rowCount())]
    assert areas[:2] == ["Wonen", "Inkomen"]
    assert len(areas) == 7
    assert page.observation_label.text() == "&Observaties: Wonen"
    assert page.observation_label.buddy() is page.editors["wonen"]
    assert page.editors["wonen"].accessibleName() == "Observaties: Wonen"
    assert page.complete_button.text() == "Huisbezoek &afronden"
    assert page.saved_label.text() == "Wordt vanzelf opgeslagen terwijl u typt"
    checklist = [page.checklist_model.item(r).text() for r in range(8)]
    assert checklist[0] == "Identiteit gecontroleerd"


def test_typing_an_observation_saves_it_after_the_debounce(
    qtbot: QtBot, page: VisitPage, window: MainWindow, visit_folder: tuple[Path, str]
) -> None:
    visit_id = visit_folder[1]
    qtbot.keyClicks(page.editors["wonen"], "Woning is netjes")
    # nothing written on every keystroke: the save waits for a pause in typing
    assert stored(window, visit_id)["obs_wonen"] is None
    assert bool(page.has_unsaved)

    qtbot.waitUntil(lambda: stored(window, visit_id)["obs_wonen"] == "Woning is netjes")
    assert not page.has_unsaved
    # the time on the session's clock, as the computer shows it
    assert page.saved_label.text() == f"✓ Opgeslagen om {TEST_NOW.astimezone():%H:%M}"
    assert page.areas_model.item(0).text() == "Wonen •"
    assert page.areas_model.item(0).data(Qt.ItemDataRole.AccessibleTextRole) == "Wonen, ingevuld"


def test_switching_leefgebied_saves_at_once(
    qtbot: QtBot, page: VisitPage, window: MainWindow, visit_folder: tuple[Path, str]
) -> None:
    visit_id = visit_folder[1]
    qtbot.keyClicks(page.editors["wonen"], "Huur is te hoog")
    assert stored(window, visit_id)["obs_wonen"] is None

    qtbot.keyClick(page.areas_view, Qt.Key.Key_Down)  # no event loop turn: no timer fired

    assert stored(window, visit_id)["obs_wonen"] == "Huur is te hoog"
    assert page.editor_stack.currentWidget() is page.editors["inkomen"]
    assert page.observation_label.text() == "&Observaties: Inkomen"
    assert page.note_area_combo.currentData() == "inkomen"
    qtbot.keyClicks(page.editors["inkomen"], "Bijstand")
    page.show_area("gezin")
    assert stored(window, visit_id)["obs_inkomen"] == "Bijstand"


def test_release_saves_pending_text_and_then_clears_the_screen(
    qtbot: QtBot, page: VisitPage, window: MainWindow, visit_folder: tuple[Path, str]
) -> None:
    visit_id = visit_folder[1]
    qtbot.keyClicks(page.editors["gezondheid"], "Slaapt slecht")
    qtbot.keyClicks(page.note_edit, "Half getypte notitie")
    page.release()

    assert stored(window, visit_id)["obs_gezondheid"] == "Slaapt slecht"
    assert all(not editor.toPlainText() for editor in page.editors.values())
    assert page.note_edit.text() == ""
    assert page.name_label.text() == ""
    assert page.checklist_model.rowCount() == 0
    assert page.notes_model.rowCount() == 0
    assert not page.has_unsaved


def test_locking_saves_pending_text(
    qtbot: QtBot,
    page: VisitPage,
    window: MainWindow,
    visit_folder: tuple[Path, str],
    passphrase: str,
    clock: FixedClock,
) -> None:
    folder, visit_id = visit_folder
    qtbot.keyClicks(page.editors["netwerk"], "Zus woont in de buurt")
    window.lock()  # before the debounce fired

    assert window.session is None
    with Session.open(folder, passphrase, clock=clock) as session:
        assert session.store.require("huisbezoek", visit_id)["obs_netwerk"] == (
            "Zus woont in de buurt"
        )


def test_a_quick_note_is_stored_with_the_visit_and_its_leefgebied(
    qtbot: QtBot, page: VisitPage, window: MainWindow, visit_folder: tuple[Path, str]
) -> None:
    visit_id = visit_folder[1]
    page.show_area("financien")
    page.note_area_combo.setCurrentIndex(page.note_area_combo.findData("gezin"))
    qtbot.keyClicks(page.note_edit, "Dochter start in januari op het mbo")
    qtbot.keyClick(page.note_edit, Qt.Key.Key_Return)

    assert page.note_edit.text() == ""
    assert window.session is not None
    notes = window.session.store.find("notitie", "huisbezoek_id = ?", (visit_id,))
    assert [(n["text"], n["leefgebied"]) for n in notes] == [
        ("Dochter start in januari op het mbo", "gezin")
    ]
    assert notes[0]["inwoner_id"] == stored(window, visit_id)["inwoner_id"]
    shown = page.notes_model.item(0).text()
    assert "Gezin en opvoeding — Dochter start in januari op het mbo" in shown
    assert page.notes_model.rowCount() == 1  # the "no notes yet" line is gone

    qtbot.keyClick(page.note_edit, Qt.Key.Key_Return)  # an empty note is not stored
    assert len(window.session.store.find("notitie", "huisbezoek_id = ?", (visit_id,))) == 1


def test_ticking_the_checklist_is_stored(
    qtbot: QtBot, page: VisitPage, window: MainWindow, visit_folder: tuple[Path, str]
) -> None:
    visit_id = visit_folder[1]
    view = page.checklist_view
    view.setCurrentIndex(page.checklist_model.index(2, 0))
    qtbot.keyClick(view, Qt.Key.Key_Space)

    checklist = stored(window, visit_id)["checklist"]
    assert isinstance(checklist, list)
    assert [e["done"] for e in checklist] == [False, False, True, *[False] * 5]
    assert checklist[2]["item"] == "Woonsituatie gezien"
    assert page.checklist_model.item(2).checkState() == Qt.CheckState.Checked

    qtbot.keyClick(view, Qt.Key.Key_Space)
    checklist = stored(window, visit_id)["checklist"]
    assert isinstance(checklist, list)
    assert not any(e["done"] for e in checklist)


def test_completing_the_visit_asks_about_open_items_and_sets_uitgevoerd(
    qtbot: QtBot,
    page: VisitPage,
    window: MainWindow,
    visit_folder: tuple[Path, str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    visit_id = visit_folder[1]
    asked: list[str] = []
    answer = [False]

    def confirm(_title: str, text: str, _yes: str) -> bool:
        asked.append(text)
        return answer[0]

    monkeypatch.setattr(page, "_confirm", confirm)
    qtbot.keyClicks(page.editors["werk"], "Zoekt werk in de zorg")
    qtbot.mouseClick(page.complete_button, Qt.MouseButton.LeftButton)
    assert asked == [
        "8 punten van de checklist zijn nog niet afgevinkt. Wilt u het huisbezoek toch afronden?"
    ]
    assert stored(window, visit_id)["status"] == "gepland"  # the user went back
    assert stored(window, visit_id)["obs_werk"] == "Zoekt werk in de zorg"  # but saved

    answer[0] = True
    qtbot.mouseClick(page.complete_button, Qt.MouseButton.LeftButton)
    record = stored(window, visit_id)
    assert record["status"] == "uitgevoerd"
    assert record["uitgevoerd_op"]
    assert page.status_label.text().startswith("Status: uitgevoerd (")
    assert not page.complete_button.isEnabled()
    assert not page.cancel_button.isEnabled()
    # the observations are locked; a note is an addendum, with its own time and author
    assert page.editors["werk"].isReadOnly()
    field = page.editors["werk"].palette()  # and it looks it: no white field to type in
    assert field.color(QPalette.ColorRole.Base) == field.color(QPalette.ColorRole.Window)
    assert not page.checklist_view.isEnabled()
    assert page.note_edit.isEnabled()
    assert page.note_label.text().startswith("&Addendum: het bezoek is afgerond")


def test_planning_links_the_case_and_a_colleague_for_a_joint_visit(
    qtbot: QtBot, window: MainWindow
) -> None:
    from ui.dialogs.plan_visit import PlanVisitDialog
    from werkplein.services.session import User

    session = window.session
    assert session is not None
    inwoner_id = session.residents.create(
        bsn=valid_bsn("99999002"), first_names="Sanne", last_name="Visser",
        birth_date="02-02-1990", gemeente="Lindendal",
    )  # fmt: skip
    casus_id = session.cases.open(inwoner_id, "Werk vinden")
    with session.store.write(None) as w:
        coach, _c = w.put("gebruiker", None, {"name": "Wim", "role": "werkcoach", "active": True})
    dialog = PlanVisitDialog(session, inwoner_id, window)
    qtbot.addWidget(dialog)
    assert dialog.case_combo.currentData() == casus_id  # the one open case, chosen
    assert dialog.with_combo.itemText(1) == "Wim (werkcoach)"
    dialog.with_combo.setCurrentIndex(1)
    dialog.plan()
    assert dialog.visit_id is not None
    visit = session.store.require("huisbezoek", dialog.visit_id)
    assert visit["casus_id"] == casus_id
    assert visit["medewerkers"] == [session.user.id, coach]
    wim = Session(session.store, User(coach, "Wim", Role.WERKCOACH))
    assert [v["id"] for v in wim.visits.planned()] == [dialog.visit_id]


def test_cancelling_makes_the_visit_read_only(
    qtbot: QtBot,
    page: VisitPage,
    window: MainWindow,
    visit_folder: tuple[Path, str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(page, "_confirm", lambda *_args: True)
    qtbot.mouseClick(page.cancel_button, Qt.MouseButton.LeftButton)
    assert stored(window, visit_folder[1])["status"] == "geannuleerd"
    assert page.editors["wonen"].isReadOnly()
    assert not page.note_edit.isEnabled()
    assert page.status_label.text() == "Status: geannuleerd"


# ---------------------------------------------------------------------- crash


class Lines:
    """The child's stdout lines, read by a thread (select() on a buffered pipe can miss lines
    that already sit in Python's buffer)."""

    def __init__(self, proc: subprocess.Popen[str]) -> None:
        self._queue: queue.Queue[str] = queue.Queue()
        assert proc.stdout is not None
        stdout = proc.stdout
        self._thread = threading.Thread(target=self._read, args=(stdout,), daemon=True)
        self._thread.start()

    def join(self) -> None:
        self._thread.join(timeout=10)

    def _read(self, stdout: IO[str]) -> None:
        for line in stdout:
            self._queue.put(line.strip())
        self._queue.put("<end of output>")

    def next(self, timeout: float = 30) -> str:
        try:
            return self._queue.get(timeout=timeout)
        except queue.Empty:
            return "<no output>"


@pytest.mark.slow
@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
@pytest.mark.parametrize("mode", ["idle", "typing"])
def test_a_visit_whose_process_is_killed_mid_note_keeps_the_note(
    visit_folder: tuple[Path, str], passphrase: str, mode: str, clock: FixedClock
) -> None:
    """What is guaranteed: everything on screen when "Opgeslagen om …" appeared, and every
    quick note added with Enter. Text typed after the last save (at most the last ~400 ms, or
    1.5 s of typing without a pause) may be lost: in ``typing`` the process freezes before the
    debounce can fire, so exactly that part is lost, and nothing else."""
    folder, visit_id = visit_folder
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "WERKPLEIN_LANG": "nl",
        "PYTHONPATH": str(ROOT),
        NOW_ENV: iso(clock.now()),  # the child's clock starts at the test's moment
    }
    proc = subprocess.Popen(
        [sys.executable, str(CHILD), str(folder), visit_id, mode],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        cwd=ROOT,
    )
    output = Lines(proc)
    last = "TYPED" if mode == "typing" else "IDLE"
    try:
        assert proc.stdin is not None
        proc.stdin.write(passphrase + "\n")
        proc.stdin.flush()
        lines = [output.next()]
        while lines[-1] not in (last, "TIMEOUT", "<no output>", "<end of output>"):
            lines.append(output.next())
    finally:
        proc.send_signal(signal.SIGKILL)  # mid-visit, whatever it was doing
        proc.wait(timeout=10)
        output.join()  # the pipe is at its end once the process is gone
        assert proc.stderr is not None
        errors = proc.stderr.read()
        for stream in (proc.stdin, proc.stdout, proc.stderr):
            if stream is not None:
                stream.close()
    assert lines == ["SAVED", "NOTE", last], errors[-2000:]
    assert proc.returncode == -signal.SIGKILL

    with Session.open(folder, passphrase, clock=clock) as session:
        assert session.store.integrity_problems() == []
        visit = session.store.require("huisbezoek", visit_id)
        assert visit["obs_wonen"] == FIRST_PART  # never FIRST_PART + (part of) SECOND_PART
        assert SECOND_PART.strip() not in (visit["obs_wonen"] or "")
        notes = session.store.find("notitie", "huisbezoek_id = ?", (visit_id,))
        assert [(n["text"], n["leefgebied"]) for n in notes] == [(NOTE, "wonen")]
        assert visit["status"] == "gepland"


def test_enter_goes_to_the_field_and_leaving_it_saves_at_once(
    qtbot: QtBot, page: VisitPage, window: MainWindow, visit_folder: tuple[Path, str]
) -> None:
    window.activateWindow()
    editor = page.editors["wonen"]
    page.areas_view.setFocus()
    qtbot.waitUntil(page.areas_view.hasFocus)
    qtbot.keyClick(page.areas_view, Qt.Key.Key_Return)  # Enter on a leefgebied: write
    qtbot.waitUntil(editor.hasFocus)
    qtbot.keyClicks(editor, "Trap is steil")
    page.note_edit.setFocus()  # Tab, or a click elsewhere
    assert stored(window, visit_folder[1])["obs_wonen"] == "Trap is steil"


def test_typing_without_a_pause_still_saves_regularly(
    qtbot: QtBot, page: VisitPage, window: MainWindow, visit_folder: tuple[Path, str]
) -> None:
    # every keystroke restarts the debounce (60 s here: it cannot fire during the test); the cap
    # saves anyway, 300 ms after the first unsaved keystroke, however fast the typing goes on
    page._save_timer.setInterval(60_000)
    page._max_timer.setInterval(300)
    editor = page.editors["gezin"]
    saves: list[object] = []
    page.saved.connect(lambda: saves.append(stored(window, visit_folder[1])["obs_gezin"]))
    words = itertools.cycle(("Kinderen ", "gaan ", "naar ", "school ", "met ", "de ", "fiets "))
    typed = ""
    deadline = time.monotonic() + 20
    while len(saves) < 2 and time.monotonic() < deadline:  # no pause: only the loop's turn
        word = next(words)
        qtbot.keyClicks(editor, word)
        typed += word
        QApplication.processEvents()
    assert len(saves) >= 2, "the cap did not save while typing went on"
    for saved in saves:
        assert isinstance(saved, str)
        assert saved.endswith(" ")  # saved between two words, with everything typed until then
        assert typed.startswith(saved)
    assert len(saves[0]) < len(saves[1])  # each save took what was typed since
    qtbot.keyClicks(editor, "verder")  # and the next keystroke starts both timers again
    assert page.has_unsaved
    assert page._save_timer.isActive()
    assert page._max_timer.isActive()
