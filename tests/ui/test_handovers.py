"""Warme overdrachten: the werkcoach's inbox, reading one, accepting with a joint intake,
returning with (and without) a comment; the klantmanager's sent handovers and their answers."""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from tests.conftest import PASSPHRASE, make_demo, today
from ui.main_window import MainWindow
from ui.pages.handovers import HandoverList, HandoversPage
from werkplein.services.session import Session
from werkplein.store.clock import FixedClock

from .conftest import dutch_day, dutch_short_day, local_time, next_working_day, stamp_at

KM_NAME = "Sanne Verbeek"


@pytest.fixture(scope="module")
def demo_folders(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """One demo per owner role, built once; every test works on its own copy."""
    base = tmp_path_factory.mktemp("handover-demos")
    folders = {}
    for role in ("werkcoach", "klantmanager"):
        folders[role] = make_demo(base / role, residents=20, seed=1, role=role)
    return folders


def moment(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, minute))


def open_window(qtbot: QtBot, folder: Path, clock: FixedClock) -> MainWindow:
    window = MainWindow(Session.open(folder, PASSPHRASE, clock=clock))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


@pytest.fixture
def werkcoach(
    qtbot: QtBot, demo_folders: dict[str, Path], tmp_path: Path, clock: FixedClock
) -> Iterator[MainWindow]:
    folder = tmp_path / "werkcoach"
    shutil.copytree(demo_folders["werkcoach"], folder)
    window = open_window(qtbot, folder, clock)
    yield window
    window.close()


@pytest.fixture
def klantmanager(
    qtbot: QtBot, demo_folders: dict[str, Path], tmp_path: Path, clock: FixedClock
) -> Iterator[MainWindow]:
    folder = tmp_path / "klantmanager"
    shutil.copytree(demo_folders["klantmanager"], folder)
    window = open_window(qtbot, folder, clock)
    yield window
    window.close()


def handovers_page(window: MainWindow) -> HandoversPage:
    window.go("handovers")
    page = window.pages["handovers"]
    assert isinstance(page, HandoversPage)
    return page


def session_of(window: MainWindow) -> Session:
    assert window.session is not None
    return window.session


def table(handover_list: HandoverList) -> list[list[str]]:
    proxy = handover_list.proxy
    return [
        [str(proxy.index(row, column).data()) for column in range(proxy.columnCount())]
        for row in range(proxy.rowCount())
    ]


def select_row(handover_list: HandoverList, row: int) -> str:
    handover_list.view.setCurrentIndex(handover_list.proxy.index(row, 0))
    handover_id = handover_list.current_id()
    assert handover_id is not None
    return handover_id


# ---------------------------------------------------------------------- the inbox


def test_the_werkcoach_sees_the_handovers_waiting_in_the_inbox(werkcoach: MainWindow) -> None:
    session = session_of(werkcoach)
    waiting = session.handovers.inbox()
    assert len(waiting) == 4  # the demo leaves every third handover unanswered

    page = handovers_page(werkcoach)

    assert werkcoach.page_title.text() == "Overdrachten"
    assert page.tabs.currentWidget() is page.inbox
    assert page.tabs.tabText(0) == "Voor &mij (4)"
    assert page.tabs.tabText(1) == "&Verstuurd door mij (0)"
    headers = [page.inbox.proxy.headerData(c, Qt.Orientation.Horizontal) for c in range(4)]
    assert headers == ["Inwoner", "Van", "Verstuurd op", "Status"]
    rows = table(page.inbox)
    names = session.residents.names([h["inwoner_id"] for h in waiting])
    assert sorted(r[0] for r in rows) == sorted(names.values())
    assert {r[1] for r in rows} == {KM_NAME}
    assert {r[3] for r in rows} == {"nieuw"}  # none opened yet on this laptop
    sent_on = [dutch_short_day(local_time(h["verzonden_op"]).date()) for h in waiting]
    assert sorted(r[2] for r in rows) == sorted(sent_on)  # "15 nov 2026", the local day
    assert page.inbox.view.accessibleName() == "Overdrachten voor u"
    assert not page.content.isVisible()  # nothing opened until the user chooses one
    assert page.placeholder.text() == "Kies een overdracht in de lijst om die te lezen."


def test_choosing_a_handover_shows_the_whole_story_and_logs_the_view(
    werkcoach: MainWindow,
) -> None:
    page = handovers_page(werkcoach)
    handover_id = select_row(page.inbox, 0)
    session = session_of(werkcoach)
    record = session.store.require("overdracht", handover_id)

    assert page.content.isVisible()
    assert page.name_label.text() == table(page.inbox)[0][0]
    assert page.meta_label.text().startswith(f"Van {KM_NAME} (klantmanager), verstuurd op ")
    assert page.story_titles["wens_inwoner"].text() == "Wat de inwoner wil"
    assert page.story_texts["situatie"].text() == record["situatie"]
    assert page.story_texts["wens_inwoner"].text() == record["wens_inwoner"]
    assert page.story_texts["contactvoorkeur"].text() == (
        record["contactvoorkeur"] or "(niets ingevuld)"
    )
    assert page.answer_box.isVisible()
    assert not page.reply_box.isVisible()
    logged = session.store.rows(
        "SELECT action FROM audit_log WHERE detail = ?", (f"overdracht:{handover_id}",)
    )
    assert logged  # NEN 7513: reading a handover is a view of the dossier


def test_accepting_with_a_joint_intake_stores_status_and_date(
    qtbot: QtBot, werkcoach: MainWindow
) -> None:
    page = handovers_page(werkcoach)
    handover_id = select_row(page.inbox, 1)
    page.intake_check.setChecked(True)
    # proposed: the next working day after the user's today, at 10:00
    assert page.intake_edit.value() == moment(next_working_day(today()), 10)
    intake = today() + dt.timedelta(days=3)
    page.intake_edit.edit.selectAll()
    qtbot.keyClicks(page.intake_edit.edit, f"{intake:%d-%m-%Y} 10:30")

    page.accept_button.click()

    record = session_of(werkcoach).store.require("overdracht", handover_id)
    assert record["status"] == "geaccepteerd"
    assert record["intake_op"] == stamp_at(intake, 10, 30)
    assert record["beantwoord_op"]
    assert len(table(page.inbox)) == 3
    assert page.tabs.tabText(0) == "Voor &mij (3)"
    # the answered handover stays on screen with its answer
    assert page.handover is not None
    assert page.handover["id"] == handover_id
    assert not page.answer_box.isVisible()
    assert page.reply_status.text().startswith("geaccepteerd op ")
    assert page.reply_intake.text() == f"{dutch_day(intake)}, 10:30"
    assert werkcoach.statusBar().currentMessage() == (
        f"Overdracht geaccepteerd. Gezamenlijke intake op {dutch_day(intake)}, 10:30."
    )


def test_accepting_without_an_intake_leaves_the_date_empty(werkcoach: MainWindow) -> None:
    page = handovers_page(werkcoach)
    handover_id = select_row(page.inbox, 0)
    assert not page.intake_edit.isEnabled()
    page.accept_shortcut.activated.emit()  # Ctrl+Shift+A

    record = session_of(werkcoach).store.require("overdracht", handover_id)
    assert (record["status"], record["intake_op"]) == ("geaccepteerd", None)


def test_returning_needs_a_comment(qtbot: QtBot, werkcoach: MainWindow) -> None:
    page = handovers_page(werkcoach)
    handover_id = select_row(page.inbox, 2)
    session = session_of(werkcoach)
    changes = session.store.change_count()

    qtbot.mouseClick(page.return_button, Qt.MouseButton.LeftButton)

    assert page.answer_error.isVisible()
    assert page.answer_error.text() == (
        "⚠ Schrijf eerst een opmerking: de afzender moet weten waarom u de overdracht terugstuurt."
    )
    record = session.store.require("overdracht", handover_id)
    assert (record["status"], record["reactie"]) == ("verzonden", None)
    assert session.store.change_count() == changes
    assert len(table(page.inbox)) == 4

    qtbot.keyClicks(page.comment_edit, "Eerst schuldhulp, dan starten we samen.")
    qtbot.mouseClick(page.return_button, Qt.MouseButton.LeftButton)

    record = session.store.require("overdracht", handover_id)
    assert record["status"] == "teruggestuurd"
    assert record["reactie"] == "Eerst schuldhulp, dan starten we samen."
    assert not page.answer_error.isVisible()
    assert len(table(page.inbox)) == 3
    assert page.reply_comment.text() == "Eerst schuldhulp, dan starten we samen."


def test_open_dossier_goes_to_the_resident(werkcoach: MainWindow) -> None:
    page = handovers_page(werkcoach)
    handover_id = select_row(page.inbox, 0)
    inwoner_id = session_of(werkcoach).store.require("overdracht", handover_id)["inwoner_id"]
    page.dossier_button.click()
    assert werkcoach._current == ("dossier", inwoner_id)


# ---------------------------------------------------------------------- sent handovers


def test_the_sender_sees_the_answers_and_plans_the_joint_intake(
    qtbot: QtBot, klantmanager: MainWindow
) -> None:
    page = handovers_page(klantmanager)
    assert page.tabs.currentWidget() is page.sent  # nothing waiting: the sent list opens
    rows = table(page.sent)
    assert len(rows) == 12
    assert {r[3] for r in rows} == {"verzonden", "geaccepteerd", "teruggestuurd"}
    assert page.sent.proxy.headerData(1, Qt.Orientation.Horizontal) == "Aan"

    returned = next(i for i, r in enumerate(rows) if r[3] == "teruggestuurd")
    select_row(page.sent, returned)
    assert page.reply_box.isVisible()
    assert not page.answer_box.isVisible()
    assert page.reply_status.text().startswith("teruggestuurd op ")
    assert page.reply_comment.text() == "Eerst de schulden regelen, daarna starten we samen."
    assert not page.plan_button.isVisible()  # nothing to plan for a returned handover

    accepted = next(i for i, r in enumerate(rows) if r[3] == "geaccepteerd")
    handover_id = select_row(page.sent, accepted)
    assert page.plan_button.isVisible()
    assert page.plan_button.text() == "Intake ver&zetten"  # the demo planned one already
    moved_to = today() + dt.timedelta(days=8)
    page.plan_edit.edit.selectAll()
    qtbot.keyClicks(page.plan_edit.edit, f"{moved_to.day}/{moved_to.month} 9u")
    page.plan_button.click()

    record = session_of(klantmanager).store.require("overdracht", handover_id)
    assert record["intake_op"] == stamp_at(moved_to, 9)
    assert page.reply_intake.text() == f"{dutch_day(moved_to)}, 09:00"


def test_lock_drops_every_handover(klantmanager: MainWindow) -> None:
    page = handovers_page(klantmanager)
    select_row(page.sent, 0)
    page.release()
    assert page.sent.model.rows == []
    assert page.handover is None
    assert page.name_label.text() == ""
    assert all(not label.text() for label in page.story_texts.values())
