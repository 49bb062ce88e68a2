"""Sync in the app, between real encrypted profiles through a real shared folder: the status
bar's state, the sync action in a worker with its summary, automatic sync when the folder
comes back, a folder that is gone, cancel, and conflicts settled side by side."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from tests.conftest import PASSPHRASE
from tests.sync.conftest import Team, change_row, forge, payload
from tests.ui.test_accessibility import missed_by_tab, unnamed
from ui.main_window import MainWindow
from ui.pages.conflicts import ConflictsPage
from ui.pages.settings import SettingsPage
from ui.tasks import tasks
from ui.team import CodeDialog
from werkplein.errors import DeviceRevoked
from werkplein.services.policy import price_id
from werkplein.services.session import Session
from werkplein.services.sharing import join
from werkplein.store.clock import FixedClock
from werkplein.store.profile import TEST_ITERATIONS

WAIT = 8000  # ms; a sync between two test profiles takes a fraction of that


@pytest.fixture
def team(tmp_path: Path) -> Iterator[Team]:
    t = Team(tmp_path, tmp_path / "share")
    yield t
    tasks().wait_idle(WAIT / 1000)
    t.close()


def new_resident(session: Session) -> str:
    return session.residents.create(
        bsn="999990019",
        first_names="Anna",
        last_name="Jansen",
        birth_date="1980-01-01",
        gemeente="Lindendal",
        street="Dorpsstraat",
    )


def window_for(qtbot: QtBot, session: Session) -> MainWindow:
    window = MainWindow(session)  # on the laptop's clock (tests/sync/conftest.py: Team)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    qtbot.waitUntil(lambda: window.sync_controller.state is not None, timeout=WAIT)
    qtbot.waitUntil(lambda: not window.sync_controller.syncing, timeout=WAIT)
    return window


def indicator(window: MainWindow) -> str:
    return window.sync_indicator.full_text()


def wait_synced(qtbot: QtBot, window: MainWindow) -> None:
    qtbot.waitUntil(lambda: not window.sync_controller.syncing, timeout=WAIT)
    # the state is checked again after every sync
    qtbot.waitUntil(lambda: "Synchroniseren" not in indicator(window), timeout=WAIT)


def test_an_edit_waits_in_the_status_bar_and_the_sync_action_sends_it(
    qtbot: QtBot, team: Team
) -> None:
    tl = team.found()
    km = team.add("km", "klantmanager")
    inwoner = new_resident(km)
    team.sync_all()
    window = window_for(qtbot, km)
    synced_at = team.clocks["km"].local()  # today on the laptop's clock: the time alone
    assert indicator(window).split(" · ")[:2] == [
        "Gedeelde map bereikbaar",
        f"laatst gesynchroniseerd {synced_at:%H:%M}",
    ]
    assert "wacht" not in indicator(window)
    assert window.sync_indicator.accessibleName() == indicator(window)
    assert "conflicts" in window._nav_keys  # this laptop is part of a werkplein

    team.tick()
    km.residents.update(inwoner, street="Molenweg")
    window.data_changed(None)  # what a screen does after saving
    qtbot.waitUntil(lambda: "1 wijziging wacht" in indicator(window), timeout=WAIT)
    assert "1 wijziging van u is nog niet verstuurd." in window.welcome.sync_label.text()

    window.sync_action.trigger()  # F9
    assert window.sync_controller.syncing  # the sync runs in a worker: the window goes on
    assert window.sync_progress.isVisible()
    assert window.sync_cancel.isVisible()
    assert indicator(window) == "Synchroniseren…"
    wait_synced(qtbot, window)
    assert window.statusBar().currentMessage() == (
        "Gesynchroniseerd: 1 wijziging verstuurd, 0 ontvangen."
    )
    assert "wacht" not in indicator(window)
    assert not window.sync_progress.isVisible()

    tl.sharing.sync()
    assert tl.store.get("inwoner", inwoner)["street"] == "Molenweg"

    # a colleague's change waits on the share; pressing the indicator fetches it
    team.tick()
    tl.residents.update(inwoner, phone="0612345678")
    tl.sharing.sync()
    window.sync_controller.check()
    qtbot.waitUntil(lambda: "1 binnengekomen" in indicator(window), timeout=WAIT)
    qtbot.mouseClick(window.sync_indicator, Qt.MouseButton.LeftButton)
    wait_synced(qtbot, window)
    assert km.store.get("inwoner", inwoner)["phone"] == "0612345678"
    assert "ontvangen" in window.statusBar().currentMessage()
    assert "binnengekomen" not in indicator(window)


def test_a_conflict_from_two_laptops_is_settled_side_by_side_by_keyboard(
    qtbot: QtBot, team: Team
) -> None:
    tl = team.found()
    km = team.add("km", "klantmanager")
    inwoner = new_resident(km)
    team.sync_all()
    team.tick()
    km.residents.update(inwoner, street="Molenweg")
    team.tick()
    tl.residents.update(inwoner, street="Kerkstraat")
    tl.sharing.sync()

    # the window finds the share reachable with something to exchange: it syncs by itself
    window = window_for(qtbot, km)
    qtbot.waitUntil(
        lambda: (
            window.sync_controller.state is not None and window.sync_controller.state.conflicts == 1
        ),
        timeout=WAIT,
    )
    assert window.sync_controller.last_report is not None  # the automatic sync ran
    assert "1 conflict" in indicator(window)
    welcome = window.welcome
    assert "1 conflict wacht op uw keuze." in welcome.sync_label.text()
    nav_row = window._nav_keys.index("conflicts")
    assert window.nav_list.item(nav_row).text() == "Conflicten (1)"
    assert welcome.conflicts_button.isVisible()
    qtbot.mouseClick(welcome.conflicts_button, Qt.MouseButton.LeftButton)

    page = window.pages["conflicts"]
    assert isinstance(page, ConflictsPage)
    assert window.stack.currentWidget() is page
    assert page.model.rowCount() == 1
    assert page.model.rows()[0].cells[:3] == ["Anna Jansen", "Inwoner", "Straat"]
    assert page.heading.text() == "Straat (inwoner) · Anna Jansen"
    values = [card.value_label.text() for card in page.cards]
    assert values == ["Kerkstraat", "Molenweg"]
    assert page.cards[0].caption.text() == "Waarde 1 · staat er nu in"
    assert page.cards[0].meta.text().startswith("Gewijzigd door Lid tl op ")
    assert page.cards[1].meta.text().endswith("(op deze laptop)")
    assert unnamed(page) == []  # every control has a name a screen reader says

    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    page.view.setFocus()
    qtbot.keyClick(page.view, Qt.Key.Key_Return)  # Enter: to the values
    assert QApplication.focusWidget() is page.cards[0].keep_button
    qtbot.keyClick(page.cards[0].keep_button, Qt.Key.Key_Tab)
    keep = page.cards[1].keep_button
    assert QApplication.focusWidget() is keep
    assert keep.accessibleName() == "Waarde 2 houden: Molenweg"
    assert missed_by_tab(qtbot, page) == []
    keep.setFocus()
    qtbot.keyClick(keep, Qt.Key.Key_Space)

    assert km.store.get("inwoner", inwoner)["street"] == "Molenweg"
    assert km.sharing.conflicts() == []
    assert page.model.rowCount() == 0
    assert not page.cards
    assert window.statusBar().currentMessage().startswith("De waarde is bewaard.")
    qtbot.waitUntil(lambda: "conflict" not in indicator(window), timeout=WAIT)
    assert window.nav_list.item(nav_row).text() == "Conflicten"

    window.sync_now()
    wait_synced(qtbot, window)
    tl.sharing.sync()
    assert tl.store.get("inwoner", inwoner)["street"] == "Molenweg"
    assert tl.sharing.conflicts() == []


def test_a_share_that_is_gone_is_shown_and_the_sync_waits_for_it(
    qtbot: QtBot, team: Team, tmp_path: Path
) -> None:
    tl = team.found()
    km = team.add("km", "klantmanager")
    inwoner = new_resident(km)
    team.sync_all()
    window = window_for(qtbot, km)

    team.share.rename(tmp_path / "elsewhere")  # the laptop left the office
    team.tick()
    km.residents.update(inwoner, street="Molenweg")  # work goes on at the kitchen table
    window.sync_controller.check()
    qtbot.waitUntil(lambda: "Geen verbinding" in indicator(window), timeout=WAIT)
    assert indicator(window) == (
        "Geen verbinding met de gedeelde map — uw werk staat veilig op deze laptop"
        " · 1 wijziging wacht"
    )
    assert "De gedeelde map is nu niet bereikbaar." in window.welcome.sync_label.text()

    window.sync_action.trigger()
    assert window.sync_controller.syncing  # nothing waits on the share on the UI thread
    qtbot.waitUntil(lambda: window.findChild(QMessageBox, "errorBox") is not None, timeout=WAIT)
    box = window.findChild(QMessageBox, "errorBox")
    assert isinstance(box, QMessageBox)
    assert "De gedeelde map is niet bereikbaar" in box.text()
    assert "veilig op deze laptop" in box.text()
    box.close()
    assert not window.sync_controller.syncing
    assert km.store.get("inwoner", inwoner)["street"] == "Molenweg"

    # back at the office: the next check finds the folder and sends what waited
    (tmp_path / "elsewhere").rename(team.share)
    window.sync_controller.check()
    qtbot.waitUntil(lambda: window.sync_controller.last_report is not None, timeout=WAIT)
    wait_synced(qtbot, window)
    assert window.sync_controller.last_report.sent_changes == 1
    assert "wacht" not in indicator(window)
    tl.sharing.sync()
    assert tl.store.get("inwoner", inwoner)["street"] == "Molenweg"


def test_stopping_a_sync_keeps_everything_for_the_next_one(qtbot: QtBot, team: Team) -> None:
    tl = team.found()
    km = team.add("km", "klantmanager")
    inwoner = new_resident(km)
    team.sync_all()
    window = window_for(qtbot, km)
    team.tick()
    km.residents.update(inwoner, street="Molenweg")

    # hold the sync's worker until Stop was pressed, so the engine sees the cancel
    gate = threading.Event()
    pool = ThreadPoolExecutor(1)
    pool.submit(gate.wait, WAIT / 1000)
    window.sync_controller.executor = pool
    window.sync_action.trigger()
    assert window.sync_cancel.isVisible()
    qtbot.mouseClick(window.sync_cancel, Qt.MouseButton.LeftButton)
    assert not window.sync_cancel.isEnabled()
    gate.set()
    qtbot.waitUntil(lambda: not window.sync_controller.syncing, timeout=WAIT)
    pool.shutdown(wait=True)

    assert window.statusBar().currentMessage() == (
        "Het synchroniseren is gestopt. Wat al was uitgewisseld, blijft bewaard; "
        "synchroniseer opnieuw om af te ronden."
    )
    assert window.findChild(QMessageBox, "errorBox") is None  # asked for: no error dialog
    qtbot.waitUntil(lambda: "1 wijziging wacht" in indicator(window), timeout=WAIT)
    assert tl.sharing.sync().received_changes == 0  # nothing half-sent

    window.sync_controller.executor = None
    window.sync_now()
    wait_synced(qtbot, window)
    assert window.sync_controller.last_report is not None
    assert window.sync_controller.last_report.sent_changes == 1
    tl.sharing.sync()
    assert tl.store.get("inwoner", inwoner)["street"] == "Molenweg"


def test_the_teamleider_invites_a_colleague_and_removes_a_lost_laptop(
    qtbot: QtBot, team: Team, tmp_path: Path
) -> None:
    tl = team.found()
    km = team.add("km", "klantmanager")
    window = window_for(qtbot, tl)
    window.go("settings")
    page = window.pages["settings"]
    assert isinstance(page, SettingsPage)
    panel = page.team_panel
    assert panel is not None
    assert sorted((c[0], c[1], c[3]) for c in (r.cells for r in panel.model.rows())) == [
        ("Collega km", "klantmanager", "actief"),
        ("Lid tl", "teamleider", "deze laptop"),
    ]

    panel.start_invite("Collega wc", "werkcoach")
    assert not panel.invite_button.isEnabled()  # the invitation is being written
    qtbot.waitUntil(lambda: panel.findChild(CodeDialog) is not None, timeout=WAIT)
    dialog = panel.findChild(CodeDialog)
    assert isinstance(dialog, CodeDialog)
    code = dialog.code_edit.text()
    assert dialog.code_edit.isReadOnly()
    assert dialog.code_edit.accessibleName()
    dialog.close()
    wc_clock = FixedClock(team.clocks["tl"].now())  # a new laptop in the team
    wc, _report = join(
        tmp_path / "wc",
        PASSPHRASE,
        team.share,
        code,
        kdf_iterations=TEST_ITERATIONS,
        clock=wc_clock,
    )
    team.laptops["wc"], team.clocks["wc"] = wc, wc_clock
    assert wc.user.name == "Collega wc"
    assert wc.user.role.value == "werkcoach"

    window.sync_now()
    wait_synced(qtbot, window)
    assert "Collega wc" in {r.cells[0] for r in panel.model.rows()}

    # km's laptop was lost: remove it
    lost = km.store.device_id
    panel.view.selectRow(panel.model.row_of(lost))
    assert panel.revoke_button.isEnabled()
    panel.start_revoke(lost)
    qtbot.waitUntil(lambda: lost in panel.devices and panel.devices[lost].revoked, timeout=WAIT)
    assert panel.model.rows()[panel.model.row_of(lost)].cells[3] == "ingetrokken"
    assert not panel.revoke_button.isEnabled()
    assert window.statusBar().currentMessage() == "De laptop is uit het team gehaald."
    with pytest.raises(DeviceRevoked):
        km.sharing.sync()


def test_a_new_laptop_says_it_waits_for_admission(qtbot: QtBot, team: Team) -> None:
    team.found()
    km = team.add("km", "klantmanager")  # the teamleider's laptop has not synced since
    window = window_for(qtbot, km)
    window.go("settings")
    page = window.pages["settings"]
    assert isinstance(page, SettingsPage)
    assert page.sync_state.text().startswith("Wacht op toelating:")
    assert indicator(window) == "Wacht op toelating door de teamleider"


def test_only_the_teamleider_manages_the_team(qtbot: QtBot, team: Team) -> None:
    team.found()
    km = team.add("km", "klantmanager")
    team.sync_all()  # the teamleider's laptop admits it
    window = window_for(qtbot, km)
    window.go("settings")
    page = window.pages["settings"]
    assert isinstance(page, SettingsPage)
    assert page.team_panel is None
    assert page.sync_state.text().startswith("De gedeelde map is bereikbaar.")


def test_locking_during_a_sync_stops_it_and_drops_its_result(qtbot: QtBot, team: Team) -> None:
    team.found()
    km = team.add("km", "klantmanager")
    inwoner = new_resident(km)
    team.sync_all()
    window = window_for(qtbot, km)
    km.residents.update(inwoner, street="Molenweg")
    gate = threading.Event()
    pool = ThreadPoolExecutor(1)
    pool.submit(gate.wait, WAIT / 1000)
    window.sync_controller.executor = pool
    window.sync_now()
    with qtbot.waitSignal(window.locked, timeout=WAIT):
        window.lock()
    assert window.session is None
    assert not window.sync_controller.syncing
    gate.set()
    pool.shutdown(wait=True)
    qtbot.wait(50)  # the worker's (cancelled) result reaches a locked window: dropped
    assert window.findChild(QMessageBox, "errorBox") is None
    assert "gestopt" not in window.statusBar().currentMessage()
    assert window.sync_controller.state is None


def test_the_teamleider_sees_what_a_laptop_tried_and_was_refused(qtbot: QtBot, team: Team) -> None:
    tl = team.found()
    km = team.add("km", "klantmanager")
    team.sync_all()
    price = change_row(
        km,
        "prijs",
        price_id("bijstand_maand"),
        {"code": "bijstand_maand", "omschrijving": "x", "bedrag_cent": 1},
    )
    forge(team, "km", payload(price))
    team.sync("tl")
    window = window_for(qtbot, tl)
    assert "refused" in window._nav_keys
    window.go("refused")
    page = window.pages["refused"]
    assert window.page_title.text() == "Geweigerde wijzigingen"
    rows = [[page.model.index(r, c).data() for c in range(4)] for r in range(page.model.rowCount())]
    assert [row[1:] for row in rows] == [
        ["Collega km (klantmanager)", "Prijs", "De rol van de gebruiker mag dit niet"]
    ]
    assert rows[0][0]  # when, in words
    km_window = window_for(qtbot, km)
    assert "refused" not in km_window._nav_keys  # only the teamleider sees it
