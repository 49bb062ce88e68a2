"""Signalen (log one through the dialog, the teamleider's review board) and Instellingen (idle
lock, language, share folder, the team's price list and fine policy and who may change them)."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from tests.conftest import PASSPHRASE, make_demo
from ui.main_window import MainWindow
from ui.pages.settings import SettingsPage
from ui.pages.signals import SignalsPage
from werkplein.services.session import Session
from werkplein.store.clock import FixedClock

from .conftest import MakeProfile

MakeWindow = Callable[[Path], MainWindow]


def plain(text: str) -> str:
    return text.replace("\xa0", " ")


@pytest.fixture
def make_window(qtbot: QtBot, clock: FixedClock) -> MakeWindow:
    """``make_window(folder)`` -> an active main window on the profile, on the test's clock."""

    def make(folder: Path) -> MainWindow:
        window = MainWindow(Session.open(folder, PASSPHRASE, clock=clock))
        qtbot.addWidget(window)
        window.show()
        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow)  # shortcuts need an active window
        return window

    return make


def signals_page(window: MainWindow) -> SignalsPage:
    window.go("signals")
    page = window.pages["signals"]
    assert isinstance(page, SignalsPage)
    return page


def settings_page(window: MainWindow) -> SettingsPage:
    window.go("settings")
    page = window.pages["settings"]
    assert isinstance(page, SettingsPage)
    return page


def column_texts(page: SignalsPage, column: int) -> list[str]:
    return [page.model.item(row, column).text() for row in range(page.model.rowCount())]


# ---------------------------------------------------------------------- signals


def test_logging_a_signal_through_the_dialog_stores_it(
    qtbot: QtBot, make_window: MakeWindow, make_profile: MakeProfile
) -> None:
    window = make_window(make_profile(role="werkcoach"))
    page = signals_page(window)
    assert page.empty_label.isVisibleTo(page)
    assert page.model.columnCount() == 4  # no "logged by" column: these are your own

    window.nav_list.setFocus()  # the shortcut works while the screen is shown
    qtbot.keyClick(
        window.nav_list,
        Qt.Key.Key_S,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    dialog = page.dialog
    assert dialog is not None
    qtbot.waitExposed(dialog)
    assert dialog.windowTitle() == "Signaal melden"
    assert dialog.privacy_label.text() == (
        "Noem geen namen of BSN's: een signaal gaat over de regel, niet over een persoon."
    )
    assert dialog.title_label.buddy() is dialog.title_edit

    # a BSN is refused, and nothing is stored
    qtbot.keyClicks(dialog.title_edit, "Reiskosten bij werkstart")
    qtbot.keyClicks(dialog.description_edit, "Meneer met BSN 111222333 kon niet naar zijn werk.")
    qtbot.mouseClick(dialog.log_button, Qt.MouseButton.LeftButton)
    assert dialog.error_label.text().startswith("⚠ De tekst lijkt een BSN te bevatten.")
    assert dialog.isVisible()
    assert window.session is not None
    assert window.session.signals.all() == []

    dialog.description_edit.clear()
    qtbot.keyClicks(dialog.description_edit, "De eerste maand werken kost geld vooraf.")
    dialog.rule_combo.setCurrentText("Participatiewet art. 35")
    qtbot.mouseClick(dialog.log_button, Qt.MouseButton.LeftButton)

    qtbot.waitUntil(lambda: page.dialog is None)
    signals = window.session.signals.all()
    assert [(s["titel"], s["regeling"], s["status"]) for s in signals] == [
        ("Reiskosten bij werkstart", "Participatiewet art. 35", "nieuw")
    ]
    assert column_texts(page, 1) == ["Reiskosten bij werkstart"]
    assert column_texts(page, 3) == ["● nieuw"]
    assert page.selected_id() == signals[0]["id"]
    assert page.detail_text.text() == "De eerste maand werken kost geld vooraf."
    assert page.detail_reaction.text() == "Nog geen reactie van de teamleider."
    assert not page.empty_label.isVisibleTo(page)
    assert not page.review_box.isVisibleTo(page)  # only the teamleider reviews


def test_cancelling_the_dialog_stores_nothing(
    qtbot: QtBot, make_window: MakeWindow, make_profile: MakeProfile
) -> None:
    window = make_window(make_profile())
    page = signals_page(window)
    qtbot.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
    dialog = page.dialog
    assert dialog is not None
    qtbot.keyClicks(dialog.title_edit, "Half bedacht")
    qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.dialog is None)
    assert window.session is not None
    assert window.session.signals.all() == []


def test_the_teamleider_reviews_a_signal(
    qtbot: QtBot, make_window: MakeWindow, tmp_path: Path
) -> None:
    folder = make_demo(tmp_path / "demo", residents=8, seed=1, role="teamleider")
    window = make_window(folder)
    page = signals_page(window)
    assert page.review_box.isVisibleTo(page)
    assert page.model.columnCount() == 5
    titles = column_texts(page, 1)
    assert sorted(titles) == [
        "Boete na kleine fout",
        "Reiskosten bij werkstart",
        "Toeslagen en bijstand botsen",
    ]
    assert set(column_texts(page, 4)) == {"Sanne Verbeek", "Ruben Aydın", "Miriam de Zwart"}

    page.table.selectRow(titles.index("Reiskosten bij werkstart"))
    signal_id = page.selected_id()
    assert signal_id is not None
    assert page.detail_title.text() == "Reiskosten bij werkstart"
    assert "door Ruben Aydın" in page.detail_meta.text()
    page.status_combo.setCurrentIndex(page.status_combo.findData("doorgezet"))
    page.reaction_edit.clear()
    qtbot.keyClicks(page.reaction_edit, "Voorschot reiskosten besproken met beleid.")
    qtbot.mouseClick(page.review_button, Qt.MouseButton.LeftButton)

    assert window.session is not None
    record = window.session.store.require("signaal", signal_id)
    assert record["status"] == "doorgezet"
    assert record["reactie"] == "Voorschot reiskosten besproken met beleid."
    assert page.selected_id() == signal_id  # the selection survives the reload
    row = column_texts(page, 1).index("Reiskosten bij werkstart")
    assert page.model.item(row, 3).text() == "➜ doorgezet naar beleid"
    assert page.detail_reaction.text() == (
        "Reactie van de teamleider: Voorschot reiskosten besproken met beleid."
    )
    assert window.statusBar().currentMessage() == "De beoordeling is opgeslagen."

    # the theme groups it; the table shows how often each theme came back per quarter
    assert page.themes.isVisibleTo(page)
    unthemed = page.themes.model.rows()[-1]
    assert unthemed.cells[0] == "(nog geen thema)"
    assert unthemed.cells[-1] == "3"
    page.theme_combo.setEditText("Reiskosten")
    qtbot.mouseClick(page.review_button, Qt.MouseButton.LeftButton)
    assert window.session.store.require("signaal", signal_id)["thema"] == "Reiskosten"
    rows = {r.cells[0]: r.cells for r in page.themes.model.rows()}
    assert rows["Reiskosten"][-1] == "1"
    assert rows["(nog geen thema)"][-1] == "2"
    header = page.themes.model.headerData(4, Qt.Orientation.Horizontal)
    assert re.fullmatch(r"K[1-4] \d{4}", str(header))  # the newest quarter, in Dutch
    assert page.theme_combo.findText("Reiskosten") >= 0  # offered for the next signal


# ---------------------------------------------------------------------- settings: this computer


def test_the_idle_minutes_apply_at_once_and_persist(
    qtbot: QtBot, make_window: MakeWindow, make_profile: MakeProfile
) -> None:
    folder = make_profile()
    window = make_window(folder)
    page = settings_page(window)
    assert page.idle_spin.value() == 5
    assert window.idle.interval_ms == 5 * 60_000
    assert page.idle_label.buddy() is page.idle_spin

    page.idle_spin.setFocus()
    page.idle_spin.selectAll()
    qtbot.keyClicks(page.idle_spin, "12")
    assert window.idle.interval_ms == 5 * 60_000  # not while typing
    qtbot.keyClick(page.idle_spin, Qt.Key.Key_Return)

    assert window.idle.interval_ms == 12 * 60_000
    assert window.session is not None
    assert window.session.store.meta("ui.idle_lock_minutes") == "12"
    assert window.statusBar().currentMessage() == "Werkplein vergrendelt nu na 12 minuten."
    window.close()

    again = make_window(folder)
    assert again.idle.interval_ms == 12 * 60_000
    assert settings_page(again).idle_spin.value() == 12


def test_the_language_goes_through_the_windows_language_path(
    qtbot: QtBot, make_window: MakeWindow, make_profile: MakeProfile
) -> None:
    window = make_window(make_profile())
    page = settings_page(window)
    assert page.language_combo.currentText() == "Nederlands"
    with qtbot.waitSignal(window.language_chosen, timeout=1000) as chosen:
        page.language_combo.setCurrentIndex(page.language_combo.findData("en"))
    assert chosen.args == ["en"]


def test_the_share_folder_is_remembered_on_this_computer(
    qtbot: QtBot, make_window: MakeWindow, make_profile: MakeProfile, tmp_path: Path
) -> None:
    window = make_window(make_profile())
    page = settings_page(window)
    assert page.sync_state.text()  # the sync state, in words
    assert "latere versie" not in page.sync_state.text()  # sync is part of this version
    page.set_share_folder(str(tmp_path / "share"))
    assert window.session is not None
    assert window.session.store.meta("sync.share_folder") == str(tmp_path / "share")
    assert page.share_edit.text() == str(tmp_path / "share")
    qtbot.mouseClick(page.clear_share_button, Qt.MouseButton.LeftButton)
    assert window.session.store.meta("sync.share_folder") == ""


# ---------------------------------------------------------------------- settings: the team


def test_the_teamleider_changes_a_price_and_the_fine_policy(
    qtbot: QtBot, make_window: MakeWindow, make_profile: MakeProfile
) -> None:
    window = make_window(make_profile(role="teamleider"))
    page = settings_page(window)
    session = window.session
    assert session is not None
    assert not page.team_note.isVisibleTo(page)

    # change a price
    assert page.select_price("fiets")
    assert page.code_edit.text() == "fiets"
    assert page.code_edit.isReadOnly()
    page.amount_edit.clear()
    qtbot.keyClicks(page.amount_edit, "525,50")
    qtbot.mouseClick(page.save_price_button, Qt.MouseButton.LeftButton)
    assert session.policy.prices()["fiets"]["bedrag_cent"] == 52_550
    row = next(
        r
        for r in range(page.price_model.rowCount())
        if page.price_model.item(r, 0).text() == "fiets"
    )
    assert plain(page.price_model.item(row, 2).text()) == "€ 525,50"

    # a new price, then remove it
    qtbot.mouseClick(page.new_price_button, Qt.MouseButton.LeftButton)
    assert not page.code_edit.isReadOnly()
    qtbot.keyClicks(page.code_edit, "taxi")
    qtbot.keyClicks(page.description_edit, "Taxirit naar de rechtbank")
    qtbot.keyClicks(page.amount_edit, "1.250")
    qtbot.keyClicks(page.unit_edit, "per rit")
    qtbot.mouseClick(page.save_price_button, Qt.MouseButton.LeftButton)
    assert session.policy.prices()["taxi"] == {
        "code": "taxi",
        "omschrijving": "Taxirit naar de rechtbank",
        "bedrag_cent": 125_000,
        "eenheid": "per rit",
    }
    assert page.selected_code() == "taxi"
    qtbot.mouseClick(page.remove_price_button, Qt.MouseButton.LeftButton)
    assert "taxi" not in session.policy.prices()

    # the fine policy; a minimum above the maximum is refused in Dutch first
    page.minimum_edit.clear()
    qtbot.keyClicks(page.minimum_edit, "20.000")
    qtbot.mouseClick(page.save_policy_button, Qt.MouseButton.LeftButton)
    assert plain(page.policy_error.text()) == "⚠ minimum: mag niet hoger zijn dan het maximum"
    assert session.policy.boete_beleid().minimum_cent == 0

    page.minimum_edit.clear()
    qtbot.keyClicks(page.minimum_edit, "50")
    page.percentage_spins["normaal"].setValue(60)
    page.maximum_edit.clear()
    qtbot.keyClicks(page.maximum_edit, "5.000,00")
    page.draagkracht_spin.setValue(15)
    qtbot.mouseClick(page.save_policy_button, Qt.MouseButton.LeftButton)
    assert not page.policy_error.isVisibleTo(page)
    beleid = session.policy.boete_beleid()
    assert beleid.percentages["normaal"] == 60
    assert beleid.minimum_cent == 5_000
    assert beleid.maximum_cent == 500_000
    assert beleid.draagkracht_pct == 15
    voorstel = session.fines.proposal(
        {"benadelingsbedrag_cent": 100_000, "verwijtbaarheid": "normaal", "draagkracht_cent": 1000}
    )
    assert voorstel.bedrag_cent == 60_000
    assert voorstel.aflossing_per_maand_cent == 150


def test_a_klantmanager_cannot_change_the_team_settings(
    qtbot: QtBot, make_window: MakeWindow, make_profile: MakeProfile
) -> None:
    window = make_window(make_profile(role="klantmanager"))
    page = settings_page(window)

    assert page.team_note.isVisibleTo(page)
    assert page.team_note.text().startswith("Alleen de teamleider kan de prijslijst")
    assert page.price_model.rowCount() == 10  # the figures are readable
    assert plain(page.maximum_edit.text()) == "€ 10.000,00"
    for spin in [*page.percentage_spins.values(), page.draagkracht_spin]:
        assert not spin.isEnabled()
    for edit in (page.minimum_edit, page.maximum_edit, page.fixed_edit, page.amount_edit):
        assert not edit.isEnabled()
    assert not page.save_policy_button.isEnabled()
    assert not page.save_price_button.isEnabled()
    assert not page.price_editor.isVisibleTo(page)
    page.save_policy()  # does nothing
    assert window.session is not None
    assert window.session.store.find("instelling", "id = ?", ("boete.beleid",)) == []
    # the settings of this computer stay the klantmanager's own
    assert page.idle_spin.isEnabled()
    assert page.language_combo.isEnabled()


@pytest.mark.parametrize("role", ["werkcoach", "boete_ambtenaar"])
def test_other_roles_see_the_team_settings_read_only(
    qtbot: QtBot, make_window: MakeWindow, make_profile: MakeProfile, role: str
) -> None:
    window = make_window(make_profile(role=role))
    page = settings_page(window)
    assert not page.save_policy_button.isEnabled()
    assert not page.percentage_spins["opzet"].isEnabled()


def test_the_teamleider_sets_the_retention_periods(
    qtbot: QtBot, make_window: MakeWindow, make_profile: MakeProfile
) -> None:
    window = make_window(make_profile(role="teamleider"))
    page = settings_page(window)
    session = window.session
    assert session is not None
    assert page.retention_spins["dossier"].value() == 10
    assert page.retention_spins["dossier_boete"].value() == 20
    page.retention_spins["dossier"].setValue(12)
    page.retention_spins["dossier_boete"].setValue(11)  # shorter than a dossier: refused
    qtbot.mouseClick(page.save_retention_button, Qt.MouseButton.LeftButton)
    assert page.retention_error.isVisible()
    assert session.policy.retention_periods() == {"dossier": 10, "dossier_boete": 20}
    page.retention_spins["dossier_boete"].setValue(25)
    qtbot.mouseClick(page.save_retention_button, Qt.MouseButton.LeftButton)
    assert session.policy.retention_periods() == {"dossier": 12, "dossier_boete": 25}


def test_other_roles_read_the_retention_periods(
    make_window: MakeWindow, make_profile: MakeProfile
) -> None:
    page = settings_page(make_window(make_profile()))
    assert not page.retention_spins["dossier"].isEnabled()
    assert not page.save_retention_button.isEnabled()


def test_a_resident_named_in_a_signal_is_warned_about_and_needs_a_confirmation(
    qtbot: QtBot, make_window: MakeWindow, make_profile: MakeProfile
) -> None:
    window = make_window(make_profile())
    assert window.session is not None
    window.session.residents.create(
        bsn="123456782", first_names="Fenna", last_name="Brouwer", birth_date="14-03-1988",
        street="Kastanjelaan", house_number="12", postcode="7311AB", city="Waardhoek",
        gemeente="Lindendal",
    )  # fmt: skip
    page = signals_page(window)
    qtbot.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
    dialog = page.dialog
    assert dialog is not None
    qtbot.keyClicks(dialog.title_edit, "Reiskosten")
    qtbot.keyClicks(dialog.description_edit, "Mevrouw Brouwer uit Waardhoek kon niet starten.")
    qtbot.mouseClick(dialog.log_button, Qt.MouseButton.LeftButton)
    assert "'Brouwer'" in dialog.error_label.text()
    assert "Waardhoek" not in dialog.error_label.text()  # a town names no one
    assert dialog.log_button.text() == "Toch &melden"
    assert window.session.signals.all() == []
    # a changed text is checked anew: a street and a postcode are warned about too
    dialog.description_edit.setPlainText("Iemand aan de Kastanjelaan, 7311 AB, kon niet starten.")
    assert dialog.log_button.text() == "Signaal &melden"
    qtbot.mouseClick(dialog.log_button, Qt.MouseButton.LeftButton)
    assert "'Kastanjelaan'" in dialog.error_label.text()
    assert "'7311 AB'" in dialog.error_label.text()
    qtbot.mouseClick(dialog.log_button, Qt.MouseButton.LeftButton)  # log anyway
    qtbot.waitUntil(lambda: page.dialog is None)
    assert len(window.session.signals.all()) == 1
