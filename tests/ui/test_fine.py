"""The boete workspace: the proposal computed in the open, the weighing, reconsideration notes,
the confrontatiegesprek and who may change what; on a demo profile of a boete-ambtenaar."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from tests.conftest import PASSPHRASE, days, make_demo, today
from ui.main_window import MainWindow
from ui.pages.fine import FinePage
from ui.pages.fine import page as fine_module
from werkplein.domain.roles import Role
from werkplein.services.session import Session, User
from werkplein.store.clock import FixedClock, iso

from .conftest import dutch_day, stamp_at


@pytest.fixture(scope="module")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("fine") / "demo"
    return make_demo(folder, residents=40, seed=1, role="boete_ambtenaar")


@pytest.fixture
def demo(demo_template: Path, tmp_path: Path) -> Path:
    """A fresh copy of the demo profile with one known fine: € 800,00, normale verwijtbaarheid,
    draagkracht € 200,00 per month."""
    folder = tmp_path / "demo"
    shutil.copytree(demo_template, folder)
    return folder


def open_fine(session: Session) -> str:
    resident = session.store.find("inwoner", "", (), "id", limit=1)[0]["id"]
    boete_id = session.fines.open(
        resident,
        "Inkomsten niet doorgegeven",
        overtreding_op=days(-114),  # some months ago
        benadelingsbedrag_cent=80_000,
        verwijtbaarheid="normaal",
    )
    session.fines.update(boete_id, draagkracht_cent=20_000)
    return boete_id


@pytest.fixture
def boete_id(demo: Path, clock: FixedClock) -> str:
    with Session.open(demo, PASSPHRASE, clock=clock) as session:
        return open_fine(session)


def as_role(session: Session, role: Role) -> Session:
    """The same open profile, used as the demo's colleague with ``role``."""
    record = session.store.find("gebruiker", "role = ?", (role.value,), limit=1)[0]
    return Session(session.store, User(record["id"], record["name"], role))


@pytest.fixture
def window(qtbot: QtBot, demo: Path, clock: FixedClock) -> MainWindow:
    main = MainWindow(Session.open(demo, PASSPHRASE, clock=clock))
    qtbot.addWidget(main)
    main.show()
    main.activateWindow()
    qtbot.waitUntil(main.isActiveWindow)  # Ctrl+S needs an active window
    return main


def show_fine(window: MainWindow, boete_id: str) -> FinePage:
    window.open_fine(boete_id)
    page = window.detail
    assert isinstance(page, FinePage)
    assert page.fine is not None
    return page


def plain(text: str) -> str:
    """Babel puts a no-break space between € and the amount; compare with a plain one."""
    return text.replace("\xa0", " ")


def stored(window: MainWindow, boete_id: str) -> dict[str, object]:
    assert window.session is not None
    return dict(window.session.store.require("boete", boete_id))


# ---------------------------------------------------------------------- the proposal


def test_calculation_panel_shows_the_sum_in_dutch_money(window: MainWindow, boete_id: str) -> None:
    page = show_fine(window, boete_id)
    panel = page.calculation

    assert window.page_title.text().startswith("Boete — ")
    assert plain(page.benadeling_edit.text()) == "€ 800,00"
    assert plain(page.draagkracht_edit.text()) == "€ 200,00"
    assert plain(panel.heading.text()) == "Voorgestelde boete"
    assert plain(panel.steps_label.text()) == "€ 800,00 × 50% (normale verwijtbaarheid) = € 400,00"
    assert plain(panel.amount_label.text()) == "€ 400,00"
    assert plain(panel.recovery_label.text()) == (
        "Terugbetaling: € 20,00 per maand (10% van een draagkracht van € 200,00 per maand); "
        "afbetaald in ongeveer 20 maanden"
    )
    assert "maximum € 10.000,00" in plain(panel.policy_label.text())
    assert "Voorgestelde boete: € 400,00" in plain(panel.accessibleName())
    assert not page.calculation.preview_label.isVisibleTo(page)


def test_a_repayment_beyond_the_policy_is_flagged(window: MainWindow, boete_id: str) -> None:
    assert window.session is not None
    window.session.fines.update(boete_id, draagkracht_cent=2_000)  # € 2 a month for € 400
    page = show_fine(window, boete_id)
    text = plain(page.calculation.recovery_label.text())
    assert "afbetaald in ongeveer 200 maanden" in text
    assert "⚠ Langer dan de 36 maanden die het beleid evenredig vindt" in text


def test_changing_verwijtbaarheid_updates_the_proposal_and_stores_it(
    qtbot: QtBot, window: MainWindow, boete_id: str
) -> None:
    page = show_fine(window, boete_id)
    page.verwijtbaarheid_combo.setCurrentIndex(page.verwijtbaarheid_combo.findData("opzet"))

    # shown at once as a preview, not stored yet
    assert plain(page.calculation.steps_label.text()) == "€ 800,00 × 100% (opzet) = € 800,00"
    assert page.calculation.preview_label.isVisibleTo(page)
    assert plain(page.dirty_label.text()) == "Niet opgeslagen wijzigingen"
    assert stored(window, boete_id)["verwijtbaarheid"] == "normaal"

    # Dutch money input, then Ctrl+S
    page.benadeling_edit.clear()
    qtbot.keyClicks(page.benadeling_edit, "1.234,50")
    assert plain(page.calculation.amount_label.text()) == "€ 1.234,50"
    page.benadeling_edit.setFocus()
    qtbot.keyClick(page.benadeling_edit, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)

    record = stored(window, boete_id)
    assert record["verwijtbaarheid"] == "opzet"
    assert record["benadelingsbedrag_cent"] == 123_450
    assert record["voorgesteld_bedrag_cent"] == 123_450
    assert plain(page.calculation.amount_label.text()) == "€ 1.234,50"
    assert not page.calculation.preview_label.isVisibleTo(page)
    assert plain(page.dirty_label.text()) == ""
    assert window.statusBar().currentMessage() == "De weging van de boete is opgeslagen."


def test_an_amount_that_is_not_one_is_refused_in_dutch(
    qtbot: QtBot, window: MainWindow, boete_id: str
) -> None:
    page = show_fine(window, boete_id)
    page.draagkracht_edit.clear()
    qtbot.keyClicks(page.draagkracht_edit, "twee tientjes")
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)

    assert page.weigh_error.isVisibleTo(page)
    assert plain(page.weigh_error.text()) == "⚠ draagkracht: vul een bedrag in zoals 1.234,50"
    assert stored(window, boete_id)["draagkracht_cent"] == 20_000


def test_waiving_without_reasons_shows_the_dutch_error_and_changes_nothing(
    qtbot: QtBot, window: MainWindow, boete_id: str
) -> None:
    page = show_fine(window, boete_id)
    assert window.session is not None
    versions = len(window.session.store.history("boete", boete_id))
    page.afzien_check.setFocus()
    qtbot.keyClick(page.afzien_check, Qt.Key.Key_Space)
    assert page.afzien_check.isChecked()
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)

    assert page.weigh_error.isVisibleTo(page)
    assert plain(page.weigh_error.text()) == (
        "⚠ dringende redenen: beschrijf ze voordat u van de boete afziet"
    )
    after = stored(window, boete_id)
    assert not after["afzien"]
    assert after["voorgesteld_bedrag_cent"] == 40_000
    assert len(window.session.store.history("boete", boete_id)) == versions


def test_waiving_with_reasons_makes_the_proposal_zero(
    qtbot: QtBot, window: MainWindow, boete_id: str
) -> None:
    page = show_fine(window, boete_id)
    qtbot.keyClicks(page.redenen_edit, "Lopend werktraject met uitzicht op werk.")
    page.afzien_check.setChecked(True)
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)

    assert not page.weigh_error.isVisibleTo(page)
    assert plain(page.calculation.amount_label.text()) == "€ 0,00"
    assert "Afgezien wegens dringende redenen: € 0,00" in plain(page.calculation.steps_label.text())
    assert plain(page.calculation.recovery_label.text()) == "Er valt niets terug te betalen."
    record = stored(window, boete_id)
    assert record["afzien"]
    assert record["dringende_redenen"] == "Lopend werktraject met uitzicht op werk."
    assert record["voorgesteld_bedrag_cent"] == 0


# ---------------------------------------------------------------------- notes and the talk


def test_a_reconsideration_note_is_added(qtbot: QtBot, window: MainWindow, boete_id: str) -> None:
    page = show_fine(window, boete_id)
    assert page.notes_model.rowCount() == 1  # the "no notes yet" line
    qtbot.keyClicks(page.new_note_edit, "Inwoner toont aan dat de loonstrook te laat kwam.")
    qtbot.mouseClick(page.add_note_button, Qt.MouseButton.LeftButton)

    assert window.session is not None
    notes = window.session.fines.reconsiderations(boete_id)
    assert [n["text"] for n in notes] == ["Inwoner toont aan dat de loonstrook te laat kwam."]
    item = page.notes_model.item(0).text()
    assert "Miriam de Zwart" in item
    assert item.endswith("Inwoner toont aan dat de loonstrook te laat kwam.")
    assert page.new_note_edit.toPlainText() == ""


def test_planning_the_talk_and_recording_the_outcome_make_the_page_read_only(
    qtbot: QtBot, window: MainWindow, boete_id: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = show_fine(window, boete_id)
    assert page.talk.agenda_model.rowCount() == 6  # the prefilled agenda, in Dutch
    assert page.talk.agenda_model.stringList()[1] == "Het verhaal van de inwoner horen"
    # proposed: a week from the user's today, at 10:00
    next_week = today() + dt.timedelta(days=7)
    assert page.talk.when_edit.value() == dt.datetime.combine(next_week, dt.time(10))
    talk_day = today() + dt.timedelta(days=9)
    # typed as a person types it, over what was proposed
    page.talk.when_edit.edit.selectAll()
    qtbot.keyClicks(page.talk.when_edit.edit, f"{talk_day:%d-%m-%Y} 10:30")
    page.talk.agenda_view.setCurrentIndex(page.talk.agenda_model.index(1, 0))
    qtbot.mouseClick(page.talk.remove_item_button, Qt.MouseButton.LeftButton)
    assert page.talk.klantmanager_combo.count() > 1  # the klantmanagers who can join
    page.talk.klantmanager_combo.setCurrentIndex(1)
    joining = page.talk.klantmanager_combo.currentData()
    qtbot.mouseClick(page.talk.plan_button, Qt.MouseButton.LeftButton)

    record = stored(window, boete_id)
    assert record["status"] == "gesprek_gepland"
    assert record["gesprek_klantmanager_id"] == joining
    assert record["gesprek_op"] == stamp_at(talk_day, 10, 30)
    agenda = record["gesprek_agenda"]
    assert isinstance(agenda, list)
    assert len(agenda) == 5
    assert "Het verhaal van de inwoner horen" not in agenda
    assert plain(page.talk.state_label.text()) == f"Gepland op {dutch_day(talk_day)} om 10:30."
    assert plain(page.status_label.text()).startswith("Status: gesprek gepland · behandeld door ")

    qtbot.keyClicks(page.talk.outcome_edit, "Inwoner erkent de fout.")
    page.talk.final_amount_edit.clear()
    qtbot.keyClicks(page.talk.final_amount_edit, "300")
    asked: list[str] = []

    def decline(_parent: object, _title: str, text: str) -> bool:
        asked.append(text)
        return False

    monkeypatch.setattr(fine_module, "confirm", decline)
    qtbot.mouseClick(page.talk.outcome_button, Qt.MouseButton.LeftButton)
    assert "€ 300,00" in plain(asked[0])
    assert stored(window, boete_id)["status"] == "gesprek_gepland"  # declined: nothing changed

    monkeypatch.setattr(fine_module, "confirm", lambda *_a: True)
    qtbot.mouseClick(page.talk.outcome_button, Qt.MouseButton.LeftButton)
    # planned for a day to come: when was it really held?
    assert "werkelijk is gehouden" in page.talk.outcome_error.text()
    assert stored(window, boete_id)["status"] == "gesprek_gepland"
    assert window.session is not None
    held = window.session.clock.now().astimezone() - dt.timedelta(hours=1)
    page.talk.held_edit.edit.selectAll()
    qtbot.keyClicks(page.talk.held_edit.edit, f"{held:%d-%m-%Y %H:%M}")
    qtbot.mouseClick(page.talk.outcome_button, Qt.MouseButton.LeftButton)
    record = stored(window, boete_id)
    assert record["status"] == "afgerond"
    assert record["gesprek_gehouden_op"] == iso(held.replace(second=0, microsecond=0))
    assert record["vastgesteld_bedrag_cent"] == 30_000
    assert record["gesprek_uitkomst"] == "Inwoner erkent de fout."

    assert not page.editable
    assert (
        plain(page.readonly_label.text())
        == "Deze boete is afgerond en kan niet meer worden gewijzigd."
    )
    assert page.benadeling_edit.isReadOnly()
    assert page.redenen_edit.isReadOnly()
    assert not page.verwijtbaarheid_combo.isEnabled()
    assert not page.afzien_check.isEnabled()
    for button in (
        page.save_button,
        page.add_note_button,
        page.talk.plan_button,
        page.talk.outcome_button,
    ):
        assert not button.isVisibleTo(page)
    assert page.talk.outcome_edit.isVisibleTo(page)  # the outcome stays readable
    assert plain(page.talk.final_amount_edit.text()) == "€ 300,00"
    assert "Afgerond; vastgesteld bedrag € 300,00." in plain(page.talk.state_label.text())


# ---------------------------------------------------------------------- who may do what


def test_a_klantmanager_sees_the_fine_read_only(
    qtbot: QtBot, demo: Path, boete_id: str, clock: FixedClock
) -> None:
    opened = Session.open(demo, PASSPHRASE, clock=clock)
    window = MainWindow(as_role(opened, Role.KLANTMANAGER))
    qtbot.addWidget(window)
    window.show()
    page = show_fine(window, boete_id)

    assert not page.editable
    assert page.readonly_label.isVisibleTo(page)
    assert plain(page.readonly_label.text()) == (
        "U kunt deze boete lezen. Alleen de boete-ambtenaar of de teamleider kan hem wijzigen."
    )
    assert plain(page.calculation.amount_label.text()) == "€ 400,00"  # the sum is visible
    assert page.benadeling_edit.isReadOnly()
    assert not page.verwijtbaarheid_combo.isEnabled()
    assert not page.save_button.isVisibleTo(page)
    assert not page.new_note_edit.isVisibleTo(page)
    assert not page.talk.plan_button.isVisibleTo(page)
    page.save()  # the shortcut path does nothing either
    assert opened.store.require("boete", boete_id)["verwijtbaarheid"] == "normaal"


def test_a_werkcoach_gets_the_refusal_instead_of_fine_data(
    qtbot: QtBot, demo: Path, boete_id: str, clock: FixedClock
) -> None:
    opened = Session.open(demo, PASSPHRASE, clock=clock)
    session = as_role(opened, Role.WERKCOACH)
    page = FinePage(session, _Nav(), None, boete_id)
    qtbot.addWidget(page)
    page.show()

    assert page.fine is None
    assert page.message_label.isVisibleTo(page)
    assert plain(page.message_label.text()) == "⚠ Uw rol (werkcoach) mag dit niet: boetes inzien."
    assert not page.scroll_area.isVisibleTo(page)
    assert plain(page.benadeling_edit.text()) == ""
    opened.close()


class _Nav:
    """A navigator for a page shown on its own."""

    def open_dossier(self, inwoner_id: str) -> None: ...
    def open_case(self, casus_id: str) -> None: ...
    def open_visit(self, visit_id: str) -> None: ...
    def open_fine(self, boete_id: str) -> None: ...
    def go(self, key: str) -> None: ...
    def back(self) -> None: ...
    def data_changed(self, source: object = None) -> None: ...
    def show_error(self, exc: BaseException) -> None:
        raise exc

    def show_status(self, text: str) -> None: ...


def test_switching_language_keeps_what_was_typed(window: MainWindow, boete_id: str) -> None:
    from ui.app import set_language

    page = show_fine(window, boete_id)
    page.verwijtbaarheid_combo.setCurrentIndex(page.verwijtbaarheid_combo.findData("opzet"))
    set_language("en")

    assert page.verwijtbaarheid_combo.currentText() == "intent"
    assert page.dirty_label.text() == "Unsaved changes"
    assert plain(page.benadeling_edit.text()) == "€800.00"
    assert plain(page.calculation.steps_label.text()) == "€800.00 × 100% (intent) = €800.00"
    assert page.status_label.text().startswith("Status: in preparation · handled by ")
    assert window.page_title.text().startswith("Fine — ")
    assert stored(window, boete_id)["verwijtbaarheid"] == "normaal"


# ---------------------------------------------------------------------- the Boetes screen


def test_the_boete_ambtenaar_has_a_fines_screen_with_filters(
    qtbot: QtBot, window: MainWindow, boete_id: str
) -> None:
    from ui.pages.fines import FinesPage

    assert "fines" in window._nav_keys
    qtbot.keyClick(window, Qt.Key.Key_6, Qt.KeyboardModifier.ControlModifier)
    page = window.pages["fines"]
    assert isinstance(page, FinesPage)
    assert window.page_title.text() == "Boetes"
    session = window.session
    assert session is not None
    mine_open = [
        f for f in session.fines.listing(status="open") if f["behandelaar_id"] == session.user.id
    ]
    assert page.mine_check.isChecked()  # a boete-ambtenaar starts with their own
    assert page.model.rowCount() == len(mine_open)
    assert boete_id in {page.model.key(r) for r in range(page.model.rowCount())}
    page.mine_check.setChecked(False)
    page.status_combo.setCurrentIndex(page.status_combo.findData(None))  # every fine
    every = session.fines.listing()
    assert page.model.rowCount() == len(every) > len(mine_open)
    page.status_combo.setCurrentIndex(page.status_combo.findData("afgerond"))
    statuses = {page.model.index(r, 3).data() for r in range(page.model.rowCount())}
    assert statuses <= {"afgerond"}
    # typing narrows the list; Enter opens the chosen fine
    page.status_combo.setCurrentIndex(page.status_combo.findData("open"))
    qtbot.keyClicks(page.search_edit, "Inkomsten niet doorgegeven")
    assert page.model.rowCount() == 1
    page.view.setFocus()
    page.view.setCurrentIndex(page.model.index(0, 0))
    qtbot.keyClick(page.view, Qt.Key.Key_Return)
    assert window._current == ("fine", boete_id)


def test_a_new_fine_is_registered_from_the_fines_screen(
    qtbot: QtBot, window: MainWindow, clock: FixedClock
) -> None:
    from ui.dialogs.new_fine import NewFineDialog
    from ui.pages.fines import FinesPage

    window.go("fines")
    page = window.pages["fines"]
    assert isinstance(page, FinesPage)
    dialog = page.new_fine()
    assert isinstance(dialog, NewFineDialog)
    session = window.session
    assert session is not None
    resident = session.store.find("inwoner", "", (), "last_name", limit=1)[0]
    qtbot.keyClicks(dialog.search_edit, resident["last_name"])
    dialog.search()  # (the typing pause)
    dialog.choose(resident["id"])
    assert dialog.inwoner_id() == resident["id"]
    # nothing typed as the breach: refused with the reason, nothing made
    before = len(session.fines.listing())
    qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)
    assert dialog.error_label.isVisible()
    assert len(session.fines.listing()) == before
    qtbot.keyClicks(dialog.breach_edit, "Vakantiegeld niet gemeld")
    breach_day = today() - dt.timedelta(days=40)
    qtbot.keyClicks(dialog.date_edit.edit, f"{breach_day.day}-{breach_day.month}-{breach_day.year}")
    qtbot.keyClicks(dialog.amount_edit, "450,00")
    qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)

    made = [f for f in session.fines.listing() if f["overtreding"] == "Vakantiegeld niet gemeld"]
    assert len(made) == 1
    assert made[0]["inwoner_id"] == resident["id"]
    assert made[0]["overtreding_op"] == breach_day.isoformat()
    assert made[0]["benadelingsbedrag_cent"] == 45_000
    assert made[0]["behandelaar_id"] == session.user.id
    assert window._current == ("fine", made[0]["id"])  # it opens, to do the weighing
    assert window.statusBar().currentMessage() == "De boete is geregistreerd."


def test_a_colleagues_fine_can_be_taken_over(
    qtbot: QtBot, window: MainWindow, demo: Path, clock: FixedClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    session = window.session
    assert session is not None
    with session.store.write(None) as w:
        uid, _c = w.put(
            "gebruiker",
            None,
            {"name": "Bas Vertrokken", "role": "boete_ambtenaar", "active": False},
        )
    gone = Session(session.store, User(uid, "Bas Vertrokken", Role.BOETE_AMBTENAAR))
    boete_id = open_fine(gone)
    page = show_fine(window, boete_id)
    assert "behandeld door Bas Vertrokken" in page.status_label.text()
    assert page.take_over_button.isVisible()
    asked: list[str] = []

    def answer(_parent: object, _title: str, text: str, *_a: object) -> bool:
        asked.append(text)
        return True

    monkeypatch.setattr(fine_module, "confirm", answer)
    qtbot.mouseClick(page.take_over_button, Qt.MouseButton.LeftButton)
    assert "in plaats van Bas Vertrokken" in asked[0]
    assert stored(window, boete_id)["behandelaar_id"] == session.user.id
    assert not page.take_over_button.isVisible()
    assert f"behandeld door {session.user.name}" in page.status_label.text()
    history = session.store.history("boete", boete_id)
    assert history[-1].fields["behandelaar_id"] == (uid, session.user.id)  # who had it before
