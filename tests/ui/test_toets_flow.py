"""The whole way of a maatwerk decision, end to end through the real core on a real encrypted
profile: unlock, find the resident, open the dossier and the case, do the four steps, draft the
decision and submit it; then a teamleider approves it. And the four steps by keyboard alone."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QCheckBox, QRadioButton, QWidget
from pytestqt.qtbot import QtBot

from tests.conftest import make_demo
from ui.app import AppController
from ui.main_window import MainWindow
from ui.pages.approvals import ApprovalsPage
from ui.pages.dossier import DossierPage
from ui.pages.residents import ResidentsPage
from ui.pages.toets import ToetsPage
from werkplein.domain.roles import Role
from werkplein.services.session import Session, User
from werkplein.store.clock import FixedClock

from .conftest import MakeController, MakeProfile, answer_next_question

NBSP = "\u00a0"
RESIDENT = ("Wilhelmina", "Oostervelt")
EFFECT = "Ik wil die baan aannemen zonder dat de deurwaarder mijn loon pakt."
DEVIATION = "De beleidsregel zegt lenen; aflossen voorkomt een huisuitzetting en houdt het werk."


def click(qtbot: QtBot, widget: Any) -> None:
    assert widget.isVisible(), widget.objectName()
    assert widget.isEnabled(), widget.objectName()
    if isinstance(widget, QCheckBox | QRadioButton):  # on the box itself, as people do
        qtbot.mouseClick(widget, Qt.MouseButton.LeftButton, pos=QPoint(8, widget.height() // 2))
    else:
        qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None
    return widget


def press(
    qtbot: QtBot, key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier
) -> None:
    qtbot.keyClick(focused(), key, modifier)


def type_text(qtbot: QtBot, text: str) -> None:
    qtbot.keyClicks(focused(), text)


def tab(qtbot: QtBot, times: int = 1) -> None:
    for _n in range(times):
        press(qtbot, Qt.Key.Key_Tab)


def toets_page(window: MainWindow) -> ToetsPage:
    page = window.detail
    assert isinstance(page, ToetsPage)
    return page


# ---------------------------------------------------------------------- end to end


def prepare_profile(folder: Path, passphrase: str, clock: FixedClock) -> tuple[str, str]:
    """A demo region plus one resident of ours with a new case; returns (resident, case)."""
    make_demo(folder, passphrase=passphrase, residents=40, seed=2)
    with Session.open(folder, passphrase, clock=clock) as session:
        inwoner_id = session.residents.create(
            bsn="999990019",
            first_names=RESIDENT[0],
            last_name=RESIDENT[1],
            birth_date="1990-06-15",
            gemeente="Beekveld",
        )
        casus_id = session.cases.open(inwoner_id, "Kleine schulden aflossen zodat werk lukt")
    return inwoner_id, casus_id


def unlock(qtbot: QtBot, controller: AppController, passphrase: str) -> MainWindow:
    window = controller.unlock_window
    assert window is not None
    qtbot.keyClicks(window.passphrase_edit, passphrase)
    qtbot.keyClick(window.passphrase_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: controller.main_window is not None, timeout=10000)
    assert controller.main_window is not None
    qtbot.waitExposed(controller.main_window)
    return controller.main_window


def find_resident(qtbot: QtBot, window: MainWindow) -> None:
    """Ctrl+F, type the surname; Enter on the one result opens the dossier."""
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    page = window.pages["residents"]
    assert isinstance(page, ResidentsPage)
    assert focused() is page.search_edit
    qtbot.keyClicks(page.search_edit, RESIDENT[1])
    qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=5000)
    qtbot.keyClick(page.search_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: isinstance(window.detail, DossierPage), timeout=5000)


def open_case_from_dossier(
    qtbot: QtBot, window: MainWindow, inwoner_id: str, casus_id: str
) -> None:
    """The cases tab of the dossier; Enter on the case opens the toets."""
    dossier = window.detail
    assert isinstance(dossier, DossierPage)
    assert dossier.inwoner_id == inwoner_id
    assert window.stack.currentWidget() is dossier
    dossier.tabs.setCurrentWidget(dossier.cases_tab)
    view, model = dossier.cases_tab.cases_view, dossier.cases_tab.cases_model
    row = next(r for r in range(model.rowCount()) if model.key(r) == casus_id)
    view.setFocus()
    view.setCurrentIndex(model.index(row, 0))
    qtbot.keyClick(view, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: isinstance(window.detail, ToetsPage), timeout=5000)


def test_a_deviating_decision_from_unlock_to_approval(
    qtbot: QtBot,
    tmp_path: Path,
    passphrase: str,
    make_controller: MakeController,
    clock: FixedClock,
) -> None:
    folder = tmp_path / "regio"
    inwoner_id, casus_id = prepare_profile(folder, passphrase, clock)
    controller = make_controller(folder)
    window = unlock(qtbot, controller, passphrase)
    km = window.session
    assert km is not None
    assert km.user.role is Role.KLANTMANAGER

    find_resident(qtbot, window)
    open_case_from_dossier(qtbot, window, inwoner_id, casus_id)
    page = toets_page(window)
    assert page.casus_id == casus_id
    assert page.case_title.text() == "Kleine schulden aflossen zodat werk lukt"
    assert page.case_meta.text().startswith("Inwoner: Wilhelmina Oostervelt")

    # 1. beoogd effect
    qtbot.keyClicks(page.effect.effect_edit, EFFECT)
    qtbot.keyClicks(page.effect.means_edit, "Een lening")
    click(qtbot, page.complete_button)
    # 2. grondwaarde
    grond = page.grondwaarde
    assert page.current == 1
    click(qtbot, grond.law_checks["pw"])
    click(qtbot, grond.law_checks["wgs"])
    click(qtbot, grond.fits.buttons[0])
    qtbot.keyClicks(grond.explain_edit, "Werk en geen schulden: zelfstandig meedoen.")
    click(qtbot, page.complete_button)
    # 3. afweging, with the costs
    afweging = page.afweging
    assert page.current == 2
    for edit in afweging.item_edits.values():
        qtbot.keyClicks(edit, "Besproken met de inwoner.")
    combo = afweging.intervention.price_combo
    combo.setCurrentIndex(combo.findData("kleine_schulden"))
    click(qtbot, afweging.intervention.add_button)
    combo = afweging.nothing.price_combo
    combo.setCurrentIndex(combo.findData("bijstand_maand"))
    afweging.nothing.count_spin.setValue(12)
    click(qtbot, afweging.nothing.add_button)
    combo.setCurrentIndex(combo.findData("huisuitzetting"))
    click(qtbot, afweging.nothing.add_button)
    assert afweging.sum_labels["niets_doen"][1].text() == f"€{NBSP}23.600,00"
    assert afweging.verdict_label.text() == (
        f"De interventie is goedkoper voor de samenleving: niets doen kost €{NBSP}22.600,00 meer."
    )
    click(qtbot, page.complete_button)
    # 4. juridische toets, deviating from policy
    juridisch = page.juridisch
    assert page.current == 3
    qtbot.keyClicks(juridisch.article_edit, "35")
    click(qtbot, juridisch.add_button)
    juridisch.law_combo.setCurrentIndex(3)  # Wet gemeentelijke schuldhulpverlening
    qtbot.keyClicks(juridisch.article_edit, "3")
    click(qtbot, juridisch.add_button)
    click(qtbot, juridisch.lawful.buttons[0])
    click(qtbot, juridisch.deviates.buttons[0])
    assert not page.complete_button.isEnabled()  # a deviation needs its motivation
    assert "Motiveer schriftelijk" in page.status_label.text()
    qtbot.keyClicks(juridisch.motivation_edit, DEVIATION)
    click(qtbot, page.complete_button)
    case = km.store.require("casus", casus_id)
    assert [case[f"stap{n}_gereed"] for n in (1, 2, 3, 4)] == [True] * 4

    # the decision, submitted for approval
    decision_panel = page.decision_panel
    assert page.current == 4
    decision_panel.outcome_combo.setCurrentIndex(
        decision_panel.outcome_combo.findData("toegekend_voorwaarden")
    )
    qtbot.keyClicks(decision_panel.conditions_edit, "Meewerken aan budgetbeheer")
    qtbot.keyClicks(decision_panel.motivation_edit, "Aflossen kost minder dan niets doen.")
    click(qtbot, decision_panel.submit_button)
    [decision] = km.decisions.for_case(casus_id)
    assert decision["status"] == "ter_goedkeuring"
    assert decision["opgesteld_door"] == km.user.id

    # a teamleider on the same profile (no sync between laptops yet)
    store = km.store
    with store.write(None) as writer:
        tl_id, _change = writer.put(
            "gebruiker", None, {"name": "Joke Teamleider", "role": "teamleider", "active": True}
        )
    teamleider = Session(store.reopen(), User(tl_id, "Joke Teamleider", Role.TEAMLEIDER))
    tl_window = MainWindow(teamleider)
    qtbot.addWidget(tl_window)
    tl_window.show()
    qtbot.waitExposed(tl_window)
    tl_window.go("approvals")
    approvals = tl_window.pages["approvals"]
    assert isinstance(approvals, ApprovalsPage)
    assert tl_window.page_title.text() == "Besluiten ter goedkeuring"
    ours = next(r for r in approvals.model.rows if r["id"] == decision["id"])
    assert (ours["name"], ours["case_title"]) == (
        "Wilhelmina Oostervelt",
        "Kleine schulden aflossen zodat werk lukt",
    )
    row = next(
        r
        for r in range(approvals.proxy.rowCount())
        if approvals.proxy.index(r, 0).data(Qt.ItemDataRole.UserRole) == decision["id"]
    )
    rect = approvals.view.visualRect(approvals.proxy.index(row, 1))
    qtbot.mouseClick(approvals.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert approvals.selected is not None
    assert approvals.selected["id"] == decision["id"]
    motivation = approvals.detail.toPlainText().replace(NBSP, " ")
    for expected in (
        EFFECT,
        "Stap 4: Juridische toets",
        "Wet gemeentelijke schuldhulpverlening, artikel 3",
        DEVIATION,
        "niets doen kost € 22.600,00 meer",
        "Meewerken aan budgetbeheer",
        "toegekend onder voorwaarden",
    ):
        assert expected in motivation
    assert not approvals.send_back_button.isEnabled()  # sending back needs a comment
    qtbot.keyClicks(approvals.comment_edit, "Akkoord, goed gemotiveerd.")
    declined = answer_next_question("Annuleren")  # first thought better of it
    click(qtbot, approvals.approve_button)
    assert declined
    assert "Wilhelmina Oostervelt" in declined[0]
    assert km.store.require("besluit", decision["id"])["status"] == "ter_goedkeuring"
    answer_next_question("Goedkeuren en vaststellen")
    click(qtbot, approvals.approve_button)

    approved = km.store.require("besluit", decision["id"])
    assert approved["status"] == "vastgesteld"
    assert approved["goedgekeurd_door"] == tl_id
    assert approved["goedkeuring_opmerking"] == "Akkoord, goed gemotiveerd."
    assert approved["toets"]["motivering_afwijking"] == DEVIATION
    assert decision["id"] not in [r["id"] for r in approvals.model.rows]
    assert tl_window.statusBar().currentMessage() == "Het besluit is goedgekeurd en vastgesteld."

    # back at the klantmanager's laptop the case shows the set decision and who approved it
    window.open_case(casus_id)
    page = toets_page(window)
    page.go_to(4)
    assert page.decision_panel.state_label.text() == "Versie 1: vastgesteld"
    assert "Goedgekeurd door Joke Teamleider." in page.decision_panel.state_detail.text()
    tl_window.close()


# ---------------------------------------------------------------------- keyboard alone


def test_the_four_steps_by_keyboard_alone(
    qtbot: QtBot, make_profile: MakeProfile, passphrase: str, clock: FixedClock
) -> None:
    folder = make_profile()
    session = Session.open(folder, passphrase, clock=clock)
    inwoner_id = session.residents.create(
        bsn="999990019", last_name="Kaya", birth_date="1980-01-01", gemeente="Lindendal"
    )
    casus_id = session.cases.open(inwoner_id, "Fiets voor de kinderen")
    window = MainWindow(session)
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    window.open_case(casus_id)
    page = toets_page(window)
    assert focused() is page.step_list  # a new screen: the keyboard starts at the steps

    # 1: Tab into the effect, type, Tab to the means, type, Ctrl+Enter completes
    tab(qtbot)
    assert focused() is page.effect.effect_edit
    type_text(qtbot, "Mijn kinderen fietsen zelf naar school.")
    tab(qtbot)
    type_text(qtbot, "Een busvergoeding")
    press(qtbot, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)

    # 2: focus lands on the first law; Space ticks it, Tab to the radios, Space chooses
    grond = page.grondwaarde
    assert focused() is grond.law_checks["pw"]
    press(qtbot, Qt.Key.Key_Space)
    tab(qtbot, 4)
    assert focused() is grond.fits.buttons[0]
    press(qtbot, Qt.Key.Key_Space)
    tab(qtbot)
    type_text(qtbot, "Zelfstandig meedoen is de bedoeling van de wet.")
    press(qtbot, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)  # Ctrl+S saves
    assert session.store.require("casus", casus_id)["wetten"] == ["pw"]
    press(qtbot, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)

    # 3: nine questions, then a cost line: Tab to the price list, choose, Space adds
    afweging = page.afweging
    assert focused() is afweging.first_field()
    for number in range(len(afweging.item_edits)):
        type_text(qtbot, f"Gewogen {number}.")
        tab(qtbot)
    assert focused() is afweging.intervention.view
    tab(qtbot)
    assert focused() is afweging.intervention.price_combo
    press(qtbot, Qt.Key.Key_Home)
    while afweging.intervention.price_combo.currentData() != "fiets":
        press(qtbot, Qt.Key.Key_Down)
    tab(qtbot)
    press(qtbot, Qt.Key.Key_Up)  # two bicycles
    tab(qtbot)
    assert focused() is afweging.intervention.add_button
    press(qtbot, Qt.Key.Key_Space)
    assert afweging.intervention.lines() == [{"code": "fiets", "aantal": 2}]
    press(qtbot, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)

    # 4: law (already Participatiewet), Tab to the article, Enter adds; Space/arrows choose
    juridisch = page.juridisch
    assert focused() is juridisch.law_combo
    tab(qtbot)
    type_text(qtbot, "35")
    tab(qtbot)
    type_text(qtbot, "bijzondere bijstand")
    press(qtbot, Qt.Key.Key_Return)
    assert juridisch.values()["instrumenten"] == [
        {"wet": "Participatiewet", "artikel": "35", "toelichting": "bijzondere bijstand"}
    ]
    assert focused() is juridisch.article_edit
    tab(qtbot, 2)  # the explanation, then the radios (Add is disabled until an article is typed)
    assert focused() is juridisch.lawful.buttons[0]
    press(qtbot, Qt.Key.Key_Space)
    tab(qtbot)
    assert focused() in juridisch.deviates.buttons
    press(qtbot, Qt.Key.Key_Right)  # on to "nee", Space chooses it: it does not deviate
    assert focused() is juridisch.deviates.buttons[1]
    press(qtbot, Qt.Key.Key_Space)
    assert juridisch.deviates.value() is False
    press(qtbot, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)

    case = session.store.require("casus", casus_id)
    assert [case[f"stap{n}_gereed"] for n in (1, 2, 3, 4)] == [True] * 4
    assert case["beoogd_effect"] == "Mijn kinderen fietsen zelf naar school."
    assert case["gevraagd_middel"] == "Een busvergoeding"
    assert (case["grondwaarde_past"], case["rechtmatig"], case["afwijking_beleid"]) == (
        "ja",
        True,
        False,
    )
    assert case["kosten_interventie"] == [{"code": "fiets", "aantal": 2}]
    assert page.current == 4  # the decision is next
    assert focused() is page.decision_panel.outcome_combo

    # and back through the steps with Ctrl+PgUp
    press(qtbot, Qt.Key.Key_PageUp, Qt.KeyboardModifier.ControlModifier)
    assert page.current == 3
    window.close()
