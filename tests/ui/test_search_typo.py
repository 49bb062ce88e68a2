"""Inwoners: a name with a typo, the last four digits of a BSN and the words of a matching note,
on a demo region in a real encrypted profile."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from tests.conftest import PASSPHRASE, make_demo
from ui.main_window import MainWindow
from ui.pages.residents import BSN, FOUND, NAME, ResidentsPage
from ui.tasks import tasks
from werkplein.domain import bsn as bsn_rules
from werkplein.i18n import _
from werkplein.services.session import Session
from werkplein.store.clock import FixedClock

OpenWindow = Callable[[], MainWindow]


@pytest.fixture(scope="module")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_demo(tmp_path_factory.mktemp("demo") / "p", residents=12, seed=3)


@pytest.fixture
def open_window(
    qtbot: QtBot, tmp_path: Path, demo_template: Path, clock: FixedClock
) -> Iterator[OpenWindow]:
    windows: list[MainWindow] = []

    def make() -> MainWindow:
        folder = tmp_path / "p"
        shutil.copytree(demo_template, folder)
        window = MainWindow(Session.open(folder, PASSPHRASE, clock=clock))
        windows.append(window)
        window.show()
        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow)
        return window

    yield make
    tasks().wait_idle(5)
    for window in windows:
        if shiboken6.isValid(window):
            window.close()
            shiboken6.delete(window)


def session_of(window: MainWindow) -> Session:
    assert window.session is not None
    return window.session


def residents_page(window: MainWindow) -> ResidentsPage:
    window.focus_search()
    page = window.pages["residents"]
    assert isinstance(page, ResidentsPage)
    return page


def search(qtbot: QtBot, page: ResidentsPage, text: str) -> None:
    page.search_edit.clear()
    qtbot.keyClicks(page.search_edit, text)
    qtbot.waitUntil(
        lambda: (
            not page.timer.isActive()
            and not page._searching
            and page._shown_query is not None
            and page._shown_query[0] == text
        ),
        timeout=5000,
    )


def rows(page: ResidentsPage) -> list[tuple[str, str, str]]:
    """(id, name, found in) of every row shown."""
    model = page.model
    return [
        (
            model.data(model.index(row, 0), Qt.ItemDataRole.UserRole),
            model.data(model.index(row, NAME)),
            model.data(model.index(row, FOUND)),
        )
        for row in range(model.rowCount())
    ]


def new_resident(window: MainWindow, last_name: str, first_names: str, bsn: str) -> str:
    demo = session_of(window).store.find("inwoner", "", (), "last_name", limit=1)[0]
    return session_of(window).residents.create(
        bsn=bsn,
        first_names=first_names,
        last_name=last_name,
        birth_date="1971-05-04",
        street=demo["street"],
        house_number="3",
        postcode=demo["postcode"],
        city=demo["city"],
        gemeente=demo["gemeente"],
    )


def unused_bsn(window: MainWindow, start: int) -> str:
    store = session_of(window).store
    while True:
        start += 1
        bsn = f"{start:09d}"
        if bsn_rules.is_valid(bsn) and not store.find("inwoner", "bsn = ?", (bsn,)):
            return bsn


def test_a_name_with_a_typo_is_found_after_the_exact_matches(
    qtbot: QtBot, open_window: OpenWindow
) -> None:
    window = open_window()
    page = residents_page(window)
    hendrika = new_resident(window, "Brouwersma", "Hendrika", unused_bsn(window, 611223300))
    search(qtbot, page, "brouwrsma")
    shown = rows(page)
    assert (hendrika, "Hendrika Brouwersma", _("similar name")) in shown
    assert {found for _id, _name, found in shown} == {_("similar name")}

    exact = new_resident(window, "Brouwrsma", "Jan", unused_bsn(window, 611224400))
    search(qtbot, page, "brouwrsma")  # now an exact match comes first
    assert [(rid, found) for rid, _name, found in rows(page)][:2] == [
        (exact, _("name")),
        (hendrika, _("similar name")),
    ]
    # the "found in" column is wide enough for its longest word
    width = page.table.fontMetrics().horizontalAdvance(_("similar name"))
    assert page.table.columnWidth(FOUND) > width

    search(qtbot, page, "xyzzyq")
    assert rows(page) == []


def test_the_last_four_digits_shown_in_the_list_find_the_resident(
    qtbot: QtBot, open_window: OpenWindow
) -> None:
    window = open_window()
    page = residents_page(window)
    resident = session_of(window).store.find("inwoner", "", (), "last_name", limit=1)[0]
    masked = bsn_rules.mask(resident["bsn"])
    search(qtbot, page, masked.lstrip("*"))
    model = page.model
    assert model.data(model.index(0, 0), Qt.ItemDataRole.UserRole) == resident["id"]
    assert model.data(model.index(0, BSN)) == masked
    assert model.data(model.index(0, FOUND)) == _("BSN")


def test_a_note_hit_shows_the_matching_words_under_the_list(
    qtbot: QtBot, open_window: OpenWindow
) -> None:
    window = open_window()
    page = residents_page(window)
    residents = session_of(window).store.find("inwoner", "", (), "last_name", limit=2)
    first, second = residents
    notes = session_of(window).residents
    notes.write_note(first["id"], "Samen naar kringloopwinkel Zwaluwnest voor een kast.")
    notes.write_note(second["id"], "Mevrouw werkt twee ochtenden bij de Zwaluwnest-winkel.")
    assert not page.snippet_label.isVisible()

    search(qtbot, page, "zwaluwn")
    shown = rows(page)
    assert [found for _id, _name, found in shown] == [_("note"), _("note")]
    newest = shown[0]
    assert newest[0] == second["id"]  # the newest note first
    label = page.snippet_label
    assert label.isVisible()
    assert label.textFormat() == Qt.TextFormat.RichText
    assert "<b>Zwaluwnest</b>" in label.text()
    assert _("In a note on {name}:", name=newest[1]) in label.text()
    assert "Zwaluwnest-winkel" in label.accessibleName()
    assert "\ue000" not in label.accessibleName()
    model = page.model
    tooltip = model.data(model.index(0, FOUND), Qt.ItemDataRole.ToolTipRole)
    assert tooltip == "Mevrouw werkt twee ochtenden bij de Zwaluwnest-winkel."
    spoken = model.data(model.index(0, FOUND), Qt.ItemDataRole.AccessibleTextRole)
    assert spoken == _("note: {snippet}", snippet=tooltip)

    # moving to the other row shows that row's note
    page.table.setFocus()
    page.table.setCurrentIndex(model.index(1, 0))
    assert "kringloopwinkel <b>Zwaluwnest</b>" in label.text()
    assert _("In a note on {name}:", name=shown[1][1]) in label.text()

    # a search without note hits, and locking, leave no note text on the screen
    search(qtbot, page, first["last_name"])
    assert not label.isVisible()
    search(qtbot, page, "zwaluwn")
    assert label.isVisible()
    page.release()
    assert label.text() == ""
    assert not label.isVisible()
