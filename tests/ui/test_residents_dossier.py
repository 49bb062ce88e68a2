"""Inwoners (search as you type) and the dossier with its tabs, the warm handover dialog and
the history dialog, on a demo region in a real encrypted profile."""

from __future__ import annotations

import datetime as dt
import shutil
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QApplication, QLineEdit
from pytestqt.qtbot import QtBot

from tests.conftest import PASSPHRASE, make_demo, today
from ui.main_window import MainWindow
from ui.pages import residents as residents_module
from ui.pages.dossier import DossierPage
from ui.pages.handover_dialog import HandoverDialog
from ui.pages.residents import BATCH, ResidentsModel, ResidentsPage
from ui.tasks import tasks
from ui.widgets.history import HistoryDialog
from werkplein.domain import bsn as bsn_rules
from werkplein.domain.records import display_name
from werkplein.services.session import Session
from werkplein.store.clock import FixedClock
from werkplein.store.search import ResidentHit
from werkplein.store.store import Record
from werkplein.sync.snapshots import HISTORY_FROM

from .conftest import local_time

RESIDENTS = 40

OpenWindow = Callable[..., MainWindow]


@pytest.fixture(scope="module")
def demo_templates(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """One demo profile per role, built once for the module and copied per test."""
    built: dict[str, Path] = {}
    root = tmp_path_factory.mktemp("demo")
    for role in ("klantmanager", "werkcoach"):
        built[role] = make_demo(root / role, residents=RESIDENTS, seed=1, role=role)
    return built


@pytest.fixture
def open_window(
    qtbot: QtBot, tmp_path: Path, demo_templates: dict[str, Path], clock: FixedClock
) -> Iterator[OpenWindow]:
    windows: list[MainWindow] = []

    def make(role: str = "klantmanager") -> MainWindow:
        folder = tmp_path / role
        shutil.copytree(demo_templates[role], folder)
        window = MainWindow(Session.open(folder, PASSPHRASE, clock=clock))
        windows.append(window)
        window.show()
        window.raise_()
        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow)  # shortcuts and focus need the active window
        return window

    yield make
    tasks().wait_idle(5000 / 1000)
    # Delete the windows now: a failed test's traceback would keep a locked window alive,
    # and a later language switch would then reach its deleted screens.
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


def dossier_page(window: MainWindow) -> DossierPage:
    page = window.detail
    assert isinstance(page, DossierPage)
    return page


def shown_ids(page: ResidentsPage) -> list[str]:
    return [
        page.model.data(page.model.index(row, 0), Qt.ItemDataRole.UserRole)
        for row in range(page.model.rowCount())
    ]


def all_cells(model: object) -> list[str]:
    from PySide6.QtCore import QAbstractItemModel

    assert isinstance(model, QAbstractItemModel)
    return [
        str(model.data(model.index(r, c)))
        for r in range(model.rowCount())
        for c in range(model.columnCount())
    ]


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


def a_resident(window: MainWindow, where: str = "", params: tuple[str, ...] = ()) -> Record:
    records = session_of(window).store.find("inwoner", where, params, "last_name", limit=1)
    assert records
    return records[0]


def resident_with(window: MainWindow, entity: str) -> Record:
    """The first resident that has a record of ``entity`` (a fine, a household member...)."""
    store = session_of(window).store
    linked = store.find(entity, "", (), "", limit=1)
    assert linked
    return store.require("inwoner", linked[0]["inwoner_id"])


# ---------------------------------------------------------------------------- search


def test_typing_part_of_a_name_shows_that_resident_with_a_masked_bsn(
    qtbot: QtBot, open_window: OpenWindow
) -> None:
    window = open_window()
    resident = a_resident(window)
    page = residents_page(window)
    assert page.search_edit.hasFocus()

    search(qtbot, page, resident["last_name"][:4])

    assert resident["id"] in shown_ids(page)
    count = page.model.rowCount()
    expected = "1 inwoner gevonden" if count == 1 else f"{count} inwoners gevonden"
    assert page.count_label.text() == expected
    cells = all_cells(page.model)
    assert resident["bsn"] not in " ".join(cells)  # never the whole BSN on screen
    assert bsn_rules.mask(resident["bsn"]) in cells
    row = shown_ids(page).index(resident["id"])
    assert page.model.data(page.model.index(row, 2)) == dt.date.fromisoformat(
        resident["birth_date"]
    ).strftime("%d-%m-%Y")
    assert page.model.headerData(5, Qt.Orientation.Horizontal) == "Gevonden in"


def test_a_bsn_finds_exactly_that_resident_and_late_answers_are_dropped(
    qtbot: QtBot, open_window: OpenWindow
) -> None:
    window = open_window()
    resident = a_resident(window)
    page = residents_page(window)

    search(qtbot, page, resident["bsn"])

    assert shown_ids(page) == [resident["id"]]
    assert page.count_label.text() == "1 inwoner gevonden"
    assert page.model.data(page.model.index(0, 5)) == "BSN"

    # an answer to an older query (typed before the BSN) arriving late is dropped
    stale = session_of(window).residents.search("7", limit=10)
    page._on_results(page._generation - 1, "7", None, stale)
    assert shown_ids(page) == [resident["id"]]


def test_the_gemeente_filter_narrows_the_results(qtbot: QtBot, open_window: OpenWindow) -> None:
    window = open_window()
    page = residents_page(window)
    search(qtbot, page, "7")  # every demo postcode starts with 7: all residents
    everyone = page.model.rowCount()
    assert everyone == RESIDENTS
    gemeenten = {page.model.data(page.model.index(r, 4)) for r in range(everyone)}
    assert len(gemeenten) > 1
    assert page.gemeente_combo.itemText(0) == "Alle gemeenten"

    index = page.gemeente_combo.findText("Lindendal")
    assert index > 0
    page.gemeente_combo.setCurrentIndex(index)
    qtbot.waitUntil(lambda: page._shown_query == ("7", "Lindendal"), timeout=5000)

    narrowed = page.model.rowCount()
    assert 0 < narrowed < everyone
    assert {page.model.data(page.model.index(r, 4)) for r in range(narrowed)} == {"Lindendal"}


def test_an_empty_search_explains_itself(qtbot: QtBot, open_window: OpenWindow) -> None:
    window = open_window()
    page = residents_page(window)
    assert "Begin te typen" in page.table.placeholder()

    search(qtbot, page, "Qxzwy")

    assert page.model.rowCount() == 0
    assert page.count_label.text() == "Geen inwoners gevonden"
    assert "Qxzwy" in page.table.placeholder()


def test_enter_opens_the_dossier_titled_with_the_name(
    qtbot: QtBot, open_window: OpenWindow
) -> None:
    window = open_window()
    resident = a_resident(window)
    page = residents_page(window)
    search(qtbot, page, resident["last_name"])
    qtbot.keyClick(page.search_edit, Qt.Key.Key_Down)
    assert page.table.hasFocus()
    row = shown_ids(page).index(resident["id"])
    page.table.setCurrentIndex(page.model.index(row, 0))

    qtbot.keyClick(page.table, Qt.Key.Key_Return)

    dossier = dossier_page(window)
    assert window._current == ("dossier", resident["id"])
    assert dossier.title() == display_name(resident)
    assert window.page_title.text() == display_name(resident)
    assert dossier.overview.values["bsn"].text() == resident["bsn"]  # in full, in the dossier


# ---------------------------------------------------------------------------- dossier


def test_the_dossier_shows_household_and_timeline(qtbot: QtBot, open_window: OpenWindow) -> None:
    window = open_window()
    resident = resident_with(window, "gezinslid")
    window.open_dossier(resident["id"])
    page = dossier_page(window)
    store = session_of(window).store

    members = store.find("gezinslid", "inwoner_id = ?", (resident["id"],))
    household = page.overview.household_model
    assert sorted(r.cells[0] for r in household.rows()) == sorted(m["name"] for m in members)
    assert page.tabs.tabText(0) == "Overzicht"

    page.tabs.setCurrentWidget(page.timeline_tab)
    timeline = page.timeline_tab.model
    notes = store.find("notitie", "inwoner_id = ?", (resident["id"],))
    assert timeline.rowCount() >= len(notes) > 0
    stamps = [r.sort_key(0) for r in timeline.rows()]
    assert stamps == sorted(stamps, reverse=True)  # newest first
    kinds = {r.cells[1] for r in timeline.rows()}
    assert "Notitie" in kinds


def test_ctrl_tab_moves_between_tabs(qtbot: QtBot, open_window: OpenWindow) -> None:
    window = open_window()
    window.open_dossier(a_resident(window)["id"])
    page = dossier_page(window)
    page.overview.household_view.setFocus()
    assert page.tabs.currentIndex() == 0

    qtbot.keyClick(
        page.overview.household_view, Qt.Key.Key_Tab, Qt.KeyboardModifier.ControlModifier
    )

    assert page.tabs.currentIndex() == 1
    assert page.timeline_tab.view.hasFocus()  # the keyboard lands in the new tab


def test_a_note_written_in_the_notes_tab_is_stored_and_on_the_timeline(
    qtbot: QtBot, open_window: OpenWindow
) -> None:
    window = open_window()
    resident = a_resident(window)
    window.open_dossier(resident["id"])
    page = dossier_page(window)
    store = session_of(window).store
    before = len(store.find("notitie", "inwoner_id = ?", (resident["id"],)))

    qtbot.keyClick(page, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert page.tabs.currentWidget() is page.notes_tab
    assert page.notes_tab.note_edit.hasFocus()
    qtbot.mouseClick(page.notes_tab.save_button, Qt.MouseButton.LeftButton)  # nothing written
    assert page.notes_tab.error_label.isVisible()
    assert "Schrijf eerst de notitie" in page.notes_tab.error_label.text()
    qtbot.keyClicks(page.notes_tab.note_edit, "Belt morgen terug over de fiets.")
    combo = page.notes_tab.area_combo
    combo.setCurrentIndex(combo.findData("werk"))
    qtbot.mouseClick(page.notes_tab.save_button, Qt.MouseButton.LeftButton)

    notes = store.find("notitie", "inwoner_id = ?", (resident["id"],), "written_at DESC")
    assert len(notes) == before + 1
    note = next(n for n in notes if n["text"] == "Belt morgen terug over de fiets.")
    assert note["leefgebied"] == "werk"
    assert page.notes_tab.note_edit.toPlainText() == ""
    assert not page.notes_tab.error_label.isVisible()
    assert page.tabs.tabText(page.tabs.indexOf(page.notes_tab)) == f"Notities ({before + 1})"
    descriptions = [r.cells[2] for r in page.timeline_tab.model.rows()]
    assert "Werk en daginvulling: Belt morgen terug over de fiets." in descriptions


def test_fines_tab_only_for_roles_that_may_see_fines(qtbot: QtBot, open_window: OpenWindow) -> None:
    klantmanager = open_window("klantmanager")
    fined = resident_with(klantmanager, "boete")
    klantmanager.open_dossier(fined["id"])
    assert any(t.startswith("Boetes") for t in dossier_page(klantmanager).tab_titles())

    werkcoach = open_window("werkcoach")
    werkcoach.open_dossier(fined["id"])
    page = dossier_page(werkcoach)
    assert page.fines_tab is None
    assert not any(t.startswith("Boetes") for t in page.tab_titles())
    assert not page.cases_tab.new_case_button.isVisibleTo(page)  # a werkcoach opens no case


def test_a_new_case_from_the_dossier_opens_the_case(qtbot: QtBot, open_window: OpenWindow) -> None:
    window = open_window()
    resident = a_resident(window)
    window.open_dossier(resident["id"])
    page = dossier_page(window)
    page.tabs.setCurrentWidget(page.cases_tab)

    qtbot.mouseClick(page.cases_tab.new_case_button, Qt.MouseButton.LeftButton)
    dialog = page.case_dialog
    assert dialog is not None
    assert dialog.isVisible()
    dialog.setTextValue("Fiets voor school")
    dialog.accept()

    cases = session_of(window).store.find("casus", "inwoner_id = ? AND title = ?",
                                          (resident["id"], "Fiets voor school"))  # fmt: skip
    assert len(cases) == 1
    assert window._current == ("case", cases[0]["id"])


def test_cases_show_their_step_progress(qtbot: QtBot, open_window: OpenWindow) -> None:
    window = open_window()
    store = session_of(window).store
    case = store.find("casus", "stap1_gereed = 1 AND stap2_gereed = 0", (), "", limit=1)[0]
    window.open_dossier(case["inwoner_id"])
    page = dossier_page(window)
    model = page.cases_tab.cases_model
    row = model.row_of(case["id"])
    assert model.rows()[row].cells[3] == "stap 2 van 4: Grondwaarde"

    page.tabs.setCurrentWidget(page.cases_tab)
    page.cases_tab.cases_view.setFocus()
    page.cases_tab.cases_view.setCurrentIndex(model.index(row, 0))
    qtbot.keyClick(page.cases_tab.cases_view, Qt.Key.Key_Return)
    assert window._current == ("case", case["id"])


def test_the_handover_dialog_sends_a_handover(qtbot: QtBot, open_window: OpenWindow) -> None:
    window = open_window()
    resident = a_resident(window)
    window.open_dossier(resident["id"])
    page = dossier_page(window)
    store = session_of(window).store
    werkcoach = store.find("gebruiker", "role = 'werkcoach'")[0]

    qtbot.keyClick(
        page, Qt.Key.Key_O, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    )
    dialog = page.handover_dialog
    assert isinstance(dialog, HandoverDialog)
    assert dialog.situation_edit.toPlainText().startswith(display_name(resident))  # prefilled
    receivers = [dialog.receiver_combo.itemText(i) for i in range(dialog.receiver_combo.count())]
    assert f"{werkcoach['name']} (werkcoach)" in receivers
    assert not any(session_of(window).user.name in r for r in receivers)  # not to oneself

    dialog.wish_edit.clear()
    qtbot.mouseClick(dialog.send_button, Qt.MouseButton.LeftButton)
    errors = dialog.errors()
    assert "⚠ Kies de collega die het overneemt." in errors
    assert any("wat de inwoner wil" in e for e in errors)
    assert dialog.isVisible()
    assert not store.find("overdracht", "inwoner_id = ?", (resident["id"],))

    assert dialog.choose_receiver(werkcoach["id"])
    qtbot.keyClicks(dialog.wish_edit, "Aan het werk in de zorg.")
    qtbot.mouseClick(dialog.send_button, Qt.MouseButton.LeftButton)

    sent = store.find("overdracht", "inwoner_id = ?", (resident["id"],))
    assert len(sent) == 1
    assert sent[0]["status"] == "verzonden"
    assert sent[0]["naar_id"] == werkcoach["id"]
    assert sent[0]["wens_inwoner"] == "Aan het werk in de zorg."
    assert not dialog.isVisible()
    assert page.handovers_tab.model.rowCount() == 1
    assert page.handovers_tab.model.rows()[0].cells[3] == "verzonden"


def test_the_toekomstplan_is_made_and_edited_in_place(
    qtbot: QtBot, open_window: OpenWindow
) -> None:
    window = open_window()
    store = session_of(window).store
    planned = {p["inwoner_id"] for p in store.find("toekomstplan")}
    resident = next(r for r in store.find("inwoner", "", (), "last_name") if r["id"] not in planned)
    window.open_dossier(resident["id"])
    page = dossier_page(window)
    tab = page.plan_tab
    page.tabs.setCurrentWidget(tab)
    assert tab.create_button.isVisible()

    qtbot.mouseClick(tab.create_button, Qt.MouseButton.LeftButton)
    plans = store.find("toekomstplan", "inwoner_id = ?", (resident["id"],))
    assert len(plans) == 1
    assert tab.model.rowCount() == 7
    assert tab.model.headerData(0, Qt.Orientation.Vertical) == "Wonen"
    assert tab.model.headerData(1, Qt.Orientation.Horizontal) == "Afspraken"

    tab.view.setFocus()
    tab.view.setCurrentIndex(tab.model.index(0, 1))
    qtbot.keyClick(tab.view, Qt.Key.Key_Return)  # Enter edits
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit)
    qtbot.keyClicks(editor, "Huurachterstand samen aflossen")
    qtbot.keyClick(editor, Qt.Key.Key_Return)  # Enter saves

    def saved() -> bool:
        rows = store.find("plan_regel", "plan_id = ? AND leefgebied = 'wonen'", (plans[0]["id"],))
        return bool(rows) and rows[0]["afspraken"] == "Huurachterstand samen aflossen"

    qtbot.waitUntil(saved, timeout=3000)
    qtbot.waitUntil(lambda: tab.model.text(0, 1) == "Huurachterstand samen aflossen")


def test_a_werkcoach_may_edit_the_toekomstplan_but_a_read_only_model_refuses(
    qtbot: QtBot, open_window: OpenWindow
) -> None:
    window = open_window("werkcoach")
    plan = session_of(window).store.find("toekomstplan", "", (), "", limit=1)[0]
    window.open_dossier(plan["inwoner_id"])
    tab = dossier_page(window).plan_tab
    assert tab.model.flags(tab.model.index(0, 0)) & Qt.ItemFlag.ItemIsEditable
    tab.model.set_panels([tab.model.panel(0)], editable=False)
    assert not tab.model.setData(tab.model.index(0, 0), "anders")


def test_plan_a_home_visit(qtbot: QtBot, open_window: OpenWindow) -> None:
    window = open_window()
    resident = a_resident(window)
    window.open_dossier(resident["id"])
    page = dossier_page(window)
    before = page.visits_tab.model.rowCount()

    page.ask_plan_visit()
    dialog = page.visit_dialog
    assert dialog is not None
    tomorrow_at_ten = dt.datetime.combine(today() + dt.timedelta(days=1), dt.time(10))
    assert dialog.when_edit.value() == tomorrow_at_ten  # the proposal
    qtbot.keyClicks(dialog.purpose_edit, "Kennismaking")
    qtbot.mouseClick(dialog.plan_button, Qt.MouseButton.LeftButton)

    visits = session_of(window).store.find("huisbezoek", "inwoner_id = ? AND doel = ?",
                                           (resident["id"], "Kennismaking"))  # fmt: skip
    assert len(visits) == 1
    assert local_time(visits[0]["gepland_op"]) == tomorrow_at_ten.astimezone()
    assert page.visits_tab.model.rowCount() == before + 1
    row = page.visits_tab.model.row_of(visits[0]["id"])
    page.visits_tab.view.setFocus()
    page.visits_tab.view.setCurrentIndex(page.visits_tab.model.index(row, 0))
    qtbot.keyClick(page.visits_tab.view, Qt.Key.Key_Return)
    assert window._current == ("visit", visits[0]["id"])


def test_the_history_dialog_shows_a_changed_field(qtbot: QtBot, open_window: OpenWindow) -> None:
    window = open_window()
    resident = a_resident(window)
    session_of(window).residents.update(resident["id"], street="Nieuwe Laan")
    window.open_dossier(resident["id"])
    page = dossier_page(window)

    qtbot.keyClick(page, Qt.Key.Key_H, Qt.KeyboardModifier.ControlModifier)
    dialog = page.history_dialog
    assert isinstance(dialog, HistoryDialog)
    dialog.field_combo.setCurrentIndex(dialog.field_combo.findData("street"))
    rows = dialog.rows()
    assert [r.cells[2:] for r in rows] == [
        ("Straat", resident["street"], "Nieuwe Laan"),
        ("Straat", "(leeg)", resident["street"]),
    ]
    assert all(r.cells[0] for r in rows)


# ---------------------------------------------------------------------------- lock


def test_lock_leaves_no_model_with_rows(
    qtbot: QtBot, open_window: OpenWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = open_window()
    resident = resident_with(window, "gezinslid")
    residents = residents_page(window)
    search(qtbot, residents, "7")
    assert residents.model.rowCount() > 0
    window.open_dossier(resident["id"])
    dossier = dossier_page(window)
    dossier.compose_handover()
    assert dossier.handover_dialog is not None
    assert any(m.rowCount() for m in dossier.models())

    counts: dict[str, list[int]] = {}
    for name, page in (("residents", residents), ("dossier", dossier)):
        original = page.release

        def release(
            page: object = page, name: str = name, original: Callable[[], None] = original
        ) -> None:
            original()
            models = [residents.model] if name == "residents" else dossier.models()
            counts[name] = [m.rowCount() for m in models]

        monkeypatch.setattr(page, "release", release)

    window.lock()

    assert counts["residents"] == [0]
    assert counts["dossier"]
    assert set(counts["dossier"]) == {0}
    assert window.session is None


def test_switching_language_retranslates_the_pages(qtbot: QtBot, open_window: OpenWindow) -> None:
    from ui.app import set_language

    window = open_window()
    page = residents_page(window)
    window.open_dossier(a_resident(window)["id"])
    try:
        set_language("en")
        assert page.gemeente_combo.itemText(0) == "All gemeenten"
        assert dossier_page(window).tabs.tabText(0) == "Overview"
    finally:
        set_language("nl")
    assert dossier_page(window).tabs.tabText(0) == "Overzicht"


# ---------------------------------------------------------------------------- speed


def fake_hits(count: int) -> list[ResidentHit]:
    return [
        ResidentHit(
            id=f"r{n:03d}",
            bsn=f"{100000000 + n}",
            name=f"Inwoner {count - n:03d}",
            birth_date="1980-02-01",
            address=f"Molenweg {n}, 7311 AB Ter Linde",
            gemeente="Lindendal",
            matched_in="name",
        )
        for n in range(count)
    ]


def test_the_model_hands_out_rows_in_batches_and_sorts_all_of_them() -> None:
    model = ResidentsModel()
    model.set_hits(fake_hits(120))
    root = QModelIndex()
    assert model.total() == 120
    assert model.rowCount() == BATCH == 50
    assert model.canFetchMore(root)
    assert model.hit(BATCH) is None  # not fetched yet

    model.fetchMore(root)
    assert model.rowCount() == 100
    model.fetchMore(root)
    assert model.rowCount() == 120
    assert not model.canFetchMore(root)

    model.sort(0, Qt.SortOrder.AscendingOrder)  # over all results, not just the first batch
    assert model.data(model.index(0, 0)) == "Inwoner 001"
    assert model.rowCount() == 120
    model.set_hits(fake_hits(3))
    assert model.rowCount() == 3
    assert not model.canFetchMore(root)
    assert model.data(model.index(0, 0)) == "Inwoner 001"  # the chosen order is kept


def test_scrolling_down_fetches_more_rows(
    qtbot: QtBot, open_window: OpenWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(residents_module, "BATCH", 4)
    window = open_window()
    page = residents_page(window)
    search(qtbot, page, "7")  # all 40 residents
    qtbot.wait(20)  # the view fills its visible rows first
    shown = page.model.rowCount()
    assert page.model.total() == RESIDENTS
    assert 0 < shown < RESIDENTS
    assert page.count_label.text() == f"{RESIDENTS} inwoners gevonden"  # all, not only shown

    page.table.setFocus()
    for _n in range(RESIDENTS):  # the keyboard reaches every resident, a screenful at a time
        qtbot.keyClick(page.table, Qt.Key.Key_PageDown)
    qtbot.waitUntil(lambda: page.model.rowCount() == RESIDENTS, timeout=5000)
    assert page.table.currentIndex().row() > shown


def test_searches_run_on_one_worker_connection_closed_on_lock(
    qtbot: QtBot, open_window: OpenWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[tuple[Session, threading.Thread]] = []
    shown_on: list[threading.Thread] = []
    real_opener = Session.opener
    real_set_hits = ResidentsModel.set_hits

    def opener(self: Session) -> Callable[[], Session]:
        open_session = real_opener(self)

        def counted() -> Session:
            own = open_session()
            opened.append((own, threading.current_thread()))
            return own

        return counted

    def set_hits(self: ResidentsModel, hits: list[ResidentHit]) -> None:
        shown_on.append(threading.current_thread())
        real_set_hits(self, hits)

    monkeypatch.setattr(Session, "opener", opener)
    monkeypatch.setattr(ResidentsModel, "set_hits", set_hits)
    window = open_window()
    page = residents_page(window)
    resident = a_resident(window)
    before = len(opened)  # other screens' workers (Mijn werk) open their own

    for text in ("7", resident["last_name"], resident["bsn"]):
        search(qtbot, page, text)
    assert shown_ids(page) == [resident["id"]]

    mine = opened[before:]
    assert len(mine) == 1  # one connection for every search: its cache stays warm
    own, thread = mine[0]
    assert thread is not threading.main_thread()
    assert shown_on
    assert set(shown_on) == {threading.main_thread()}
    assert own.store.conn is not None

    window.lock()
    assert own.store.conn is None  # closed with the profile
    assert page._lane is None


def test_the_history_dialog_says_when_a_snapshot_began_it(
    qtbot: QtBot, open_window: OpenWindow
) -> None:
    window = open_window()
    resident = a_resident(window)
    session = session_of(window)
    dialog = HistoryDialog(session, "inwoner", resident["id"])
    qtbot.addWidget(dialog)
    assert "kopie van de gedeelde map" not in dialog.intro.text()  # a full history here
    session.store.set_meta(HISTORY_FROM, "2026-03-02T09:15:00Z")
    dialog = HistoryDialog(session, "inwoner", resident["id"])
    qtbot.addWidget(dialog)
    text = dialog.intro.text()
    assert "kopie van de gedeelde map van 2 mrt 2026" in text
    assert "kunnen hier ontbreken" in text
