"""The Omgekeerde Toets screen: the steps in order, step 4 locked until 1-3 are complete,
reopening after a change, the costs in Dutch money, a deviating decision sent for approval,
read-only for a werkcoach; and the money helpers."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QCheckBox, QRadioButton
from pytestqt.qtbot import QtBot

from tests.conftest import days, make_demo
from ui.app import set_language
from ui.format import format_money
from ui.main_window import MainWindow
from ui.pages.approvals import ApprovalsPage
from ui.pages.toets import DONE, LOCKED, OPEN, ToetsPage
from ui.widgets.money import parse_money
from werkplein import i18n
from werkplein.domain import bsn
from werkplein.domain.vocab import AFWEGING
from werkplein.services.session import Session
from werkplein.store.clock import FixedClock

from .conftest import MAANDEN, MakeProfile, answer_next_question, local_time

NBSP = "\u00a0"


# ---------------------------------------------------------------------- money helpers


@pytest.mark.parametrize(
    ("text", "cents"),
    [
        ("1.234,50", 123_450),
        ("1234,50", 123_450),
        ("1234.50", 123_450),
        ("€ 12", 1_200),
        ("€12,-", 1_200),
        (f"€{NBSP}53.500,00", 5_350_000),
        ("12,5", 1_250),
        ("1.234", 123_400),
        ("0,05", 5),
    ],
)
def test_parse_money_reads_what_people_type(text: str, cents: int) -> None:
    assert parse_money(text) == cents


@pytest.mark.parametrize("text", ["", "€", "twaalf", "1,2,3", "1.234.5", "12,345,6", "1.23.456"])
def test_parse_money_refuses_what_is_not_an_amount(text: str) -> None:
    with pytest.raises(ValueError, match="not an amount"):
        parse_money(text)


def test_format_money_follows_the_language() -> None:
    assert format_money(5_350_000) == f"€{NBSP}53.500,00"
    assert parse_money(format_money(123_456)) == 123_456
    i18n.set_language("en")
    assert format_money(5_350_000) == "€53,500.00"


# ---------------------------------------------------------------------- fixtures


def valid_bsn(start: int = 99999101) -> str:
    for number in range(start, start + 100):
        digit = bsn.check_digit_for(str(number))
        if digit is not None:
            return f"{number}{digit}"
    raise AssertionError("no BSN")


def new_case(session: Session, title: str = "Fiets in plaats van busvergoeding") -> str:
    inwoner_id = session.residents.create(
        bsn=valid_bsn(),
        first_names="Sevda",
        last_name="Kaya",
        birth_date="1988-05-02",
        gemeente="Lindendal",
    )
    return session.cases.open(inwoner_id, title)


def fill_steps(session: Session, casus_id: str, upto: int = 4, *, deviates: bool = False) -> None:
    """Complete steps 1..upto through the services (the UI is tested elsewhere)."""
    cases = session.cases
    if upto >= 1:
        cases.update(casus_id, beoogd_effect="Mijn kinderen komen zelf op school.")
        cases.complete_step(casus_id, 1)
    if upto >= 2:
        cases.update(
            casus_id,
            wetten=["pw"],
            grondwaarde_past="ja",
            grondwaarde_toelichting="Zelfstandig meedoen.",
        )
        cases.complete_step(casus_id, 2)
    if upto >= 3:
        cases.update(
            casus_id,
            afweging=dict.fromkeys(AFWEGING, "Besproken."),
            kosten_interventie=[{"code": "fiets", "aantal": 2}],
            kosten_niets_doen=[{"code": "uithuisplaatsing", "aantal": 1}],
        )
        cases.complete_step(casus_id, 3)
    if upto >= 4:
        cases.update(
            casus_id,
            instrumenten=[{"wet": "Participatiewet", "artikel": "35", "toelichting": ""}],
            rechtmatig=True,
            afwijking_beleid=deviates,
            motivering_afwijking="De beleidsregel past hier niet." if deviates else None,
        )
        cases.complete_step(casus_id, 4)


def show_active(qtbot: QtBot, window: MainWindow) -> None:
    """Shown and active: window shortcuts only reach the active window."""
    window.show()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)


@pytest.fixture
def folder(make_profile: MakeProfile) -> Path:
    return make_profile()


@pytest.fixture
def window(qtbot: QtBot, folder: Path, passphrase: str, clock: FixedClock) -> Iterator[MainWindow]:
    main = MainWindow(Session.open(folder, passphrase, clock=clock))
    qtbot.addWidget(main)
    main.resize(1200, 800)
    show_active(qtbot, main)
    yield main
    main.close()


def session_of(window: MainWindow) -> Session:
    assert window.session is not None
    return window.session


def open_page(window: MainWindow, casus_id: str) -> ToetsPage:
    window.open_case(casus_id)
    page = window.detail
    assert isinstance(page, ToetsPage)
    assert page.case is not None  # shown, so loaded
    return page


def stored(window: MainWindow, casus_id: str) -> dict[str, Any]:
    return session_of(window).store.require("casus", casus_id)


def item_state(page: ToetsPage, row: int) -> tuple[str, str]:
    """What the step list says about a step: its symbol kind and its visible text."""
    item = page.step_list.item(row)
    return item.data(Qt.ItemDataRole.UserRole), item.text()


def click(qtbot: QtBot, widget: Any) -> None:
    assert widget.isVisible(), widget.objectName()
    assert widget.isEnabled(), widget.objectName()
    if isinstance(widget, QCheckBox | QRadioButton):  # on the box itself, as people do
        qtbot.mouseClick(widget, Qt.MouseButton.LeftButton, pos=QPoint(8, widget.height() // 2))
    else:
        qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


# ---------------------------------------------------------------------- the steps


def test_step_four_is_locked_until_steps_one_to_three_are_complete(
    qtbot: QtBot, window: MainWindow
) -> None:
    casus_id = new_case(session_of(window))
    page = open_page(window, casus_id)

    assert item_state(page, 3) == (LOCKED, "4. Juridische toets\nvergrendeld")
    assert page.step_list.item(3).data(Qt.ItemDataRole.AccessibleTextRole) == (
        "Stap 4, Juridische toets: vergrendeld"
    )
    page.go_to(3)
    panel = page.juridisch
    assert not panel.form.isEnabled()
    assert panel.locked_row.isVisible()
    explanation = "Rond eerst stap 1 tot en met 3 af: de juridische toets sluit het proces af."
    assert panel.locked_label.text() == explanation
    assert page.status_label.text() == explanation
    assert not page.complete_button.isEnabled()

    fill_steps(session_of(window), casus_id, upto=2)
    window.data_changed(None)  # another screen wrote: the visible page reloads
    assert item_state(page, 3)[0] == LOCKED  # two of three is not enough
    assert not panel.form.isEnabled()

    fill_steps_3_only(session_of(window), casus_id)
    window.data_changed(None)
    assert item_state(page, 3) == (OPEN, "4. Juridische toets\nopen")
    assert panel.form.isEnabled()
    assert not panel.locked_row.isVisible()
    assert page.status_label.text().startswith("Nog nodig om deze stap af te ronden:")
    assert "• Noem de juridische instrumenten: de wet en het artikel." in page.status_label.text()
    assert not page.complete_button.isEnabled()


def fill_steps_3_only(session: Session, casus_id: str) -> None:
    session.cases.update(casus_id, afweging=dict.fromkeys(AFWEGING, "Besproken."))
    session.cases.complete_step(casus_id, 3)


def test_completing_the_steps_in_order_through_the_ui(qtbot: QtBot, window: MainWindow) -> None:
    casus_id = new_case(session_of(window))
    page = open_page(window, casus_id)

    # step 2 cannot be completed before step 1
    page.go_to(1)
    assert not page.complete_button.isEnabled()
    assert (
        "• Doorloop de stappen op volgorde: rond eerst de vorige stap af."
        in page.status_label.text()
    )

    page.go_to(0)
    effect = page.effect.effect_edit
    assert not page.complete_button.isEnabled()
    assert "Beschrijf het effect" in page.status_label.text()
    qtbot.keyClicks(effect, "Ik wil dat mijn kinderen zelf naar school kunnen.")
    assert page.complete_button.isEnabled()
    click(qtbot, page.complete_button)
    assert stored(window, casus_id)["stap1_gereed"] is True
    assert item_state(page, 0) == (DONE, "1. Beoogd effect\n✓ afgerond")
    assert page.current == 1  # on to the next step
    assert window.statusBar().currentMessage() == "Stap 1 is afgerond."

    grond = page.grondwaarde
    click(qtbot, grond.law_checks["pw"])
    click(qtbot, grond.fits.buttons[1])  # deels
    qtbot.keyClicks(grond.explain_edit, "Het effect past bij zelfstandig meedoen.")
    click(qtbot, page.complete_button)
    case = stored(window, casus_id)
    assert (case["stap2_gereed"], case["wetten"], case["grondwaarde_past"]) == (
        True,
        ["pw"],
        "deels",
    )

    afweging = page.afweging
    for number, edit in enumerate(afweging.item_edits.values()):
        qtbot.keyClicks(edit, f"Afgewogen punt {number}.")
    click(qtbot, page.complete_button)
    assert stored(window, casus_id)["stap3_gereed"] is True
    assert item_state(page, 3)[0] == OPEN  # unlocked now

    juridisch = page.juridisch
    assert juridisch.form.isEnabled()
    qtbot.keyClicks(juridisch.article_edit, "35")
    qtbot.keyClicks(juridisch.note_edit, "bijzondere bijstand")
    click(qtbot, juridisch.add_button)
    click(qtbot, juridisch.lawful.buttons[0])
    click(qtbot, juridisch.deviates.buttons[1])
    click(qtbot, page.complete_button)

    case = stored(window, casus_id)
    assert [case[f"stap{n}_gereed"] for n in (1, 2, 3, 4)] == [True, True, True, True]
    assert case["instrumenten"] == [
        {"wet": "Participatiewet", "artikel": "35", "toelichting": "bijzondere bijstand"}
    ]
    assert (case["rechtmatig"], case["afwijking_beleid"]) == (True, False)
    assert [item_state(page, row)[0] for row in range(4)] == [DONE] * 4
    assert page.current == 4  # the decision comes last


def test_changing_step_two_after_completion_reopens_steps_two_to_four(
    qtbot: QtBot, window: MainWindow
) -> None:
    casus_id = new_case(session_of(window))
    fill_steps(session_of(window), casus_id)
    page = open_page(window, casus_id)
    assert [item_state(page, row)[0] for row in range(4)] == [DONE] * 4

    page.go_to(1)
    assert not page.reopen_label.isVisible()
    explain = page.grondwaarde.explain_edit
    explain.moveCursor(explain.textCursor().MoveOperation.End)
    qtbot.keyClicks(explain, " En het houdt het gezin op de been.")
    assert page.reopen_label.isVisible()
    assert page.reopen_label.text() == (
        "⚠ Als u deze wijziging opslaat, gaan stap 2, 3 en 4 weer open. Rond ze daarna opnieuw af."
    )
    assert stored(window, casus_id)["stap2_gereed"] is True  # nothing saved yet

    qtbot.keyClick(explain, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)  # Ctrl+S

    case = stored(window, casus_id)
    assert case["grondwaarde_toelichting"].endswith("op de been.")
    assert [case[f"stap{n}_gereed"] for n in (1, 2, 3, 4)] == [True, False, False, False]
    assert item_state(page, 0)[0] == DONE
    assert item_state(page, 1) == (OPEN, "2. Grondwaarde\nopen")
    assert item_state(page, 2) == (OPEN, "3. Afweging\nopen")
    assert item_state(page, 3) == (LOCKED, "4. Juridische toets\nvergrendeld")
    assert window.statusBar().currentMessage() == "Opgeslagen. Stap 2, 3 en 4 zijn weer open."
    assert not page.reopen_label.isVisible()
    assert page.complete_button.isEnabled()  # step 2 can be completed again at once


def test_leaving_a_step_saves_it(qtbot: QtBot, window: MainWindow) -> None:
    casus_id = new_case(session_of(window))
    page = open_page(window, casus_id)
    qtbot.keyClicks(page.effect.means_edit, "Een busabonnement")
    qtbot.keyClick(page, Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)
    assert page.current == 1
    assert stored(window, casus_id)["gevraagd_middel"] == "Een busabonnement"
    assert stored(window, casus_id)["stap1_gereed"] is False


def test_what_was_typed_is_kept_when_the_app_locks(
    qtbot: QtBot, window: MainWindow, folder: Path, passphrase: str, clock: FixedClock
) -> None:
    casus_id = new_case(session_of(window))
    page = open_page(window, casus_id)
    qtbot.keyClicks(page.effect.effect_edit, "Weer zelf de boodschappen doen.")
    qtbot.keyClick(page.effect.effect_edit, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert window.session is None  # locked
    with Session.open(folder, passphrase, clock=clock) as session:
        case = session.store.require("casus", casus_id)
    assert case["beoogd_effect"] == "Weer zelf de boodschappen doen."


def test_the_costs_panel_shows_the_totals_in_dutch_money(qtbot: QtBot, window: MainWindow) -> None:
    casus_id = new_case(session_of(window))
    fill_steps(session_of(window), casus_id, upto=3)
    page = open_page(window, casus_id)
    page.go_to(2)
    panel = page.afweging

    model = panel.intervention.model
    assert [model.index(0, c).data() for c in range(4)] == [
        "Een fiets",
        "2",
        f"€{NBSP}450,00",
        f"€{NBSP}900,00",
    ]
    assert panel.sum_labels["interventie"][1].text() == f"€{NBSP}900,00"
    assert panel.sum_labels["niets_doen"][1].text() == f"€{NBSP}53.500,00"
    assert panel.sum_labels["verschil"][1].text() == f"€{NBSP}52.600,00"
    assert panel.verdict_label.text() == (
        f"De interventie is goedkoper voor de samenleving: niets doen kost €{NBSP}52.600,00 meer."
    )

    # add a line through the UI: the totals follow at once, and Save stores it
    combo = panel.intervention.price_combo
    combo.setCurrentIndex(combo.findData("kleine_schulden"))
    assert combo.currentText() == f"Kleine schulden aflossen (€{NBSP}1.000,00 eenmalig)"
    click(qtbot, panel.intervention.add_button)
    assert panel.sum_labels["interventie"][1].text() == f"€{NBSP}1.900,00"
    assert panel.intervention.total_label.text() == f"Totaal: €{NBSP}1.900,00"
    assert panel.sum_labels["verschil"][1].text() == f"€{NBSP}51.600,00"
    assert not page.reopen_label.isHidden()  # step 3 was complete: a change reopens it
    click(qtbot, page.save_button)
    assert stored(window, casus_id)["kosten_interventie"] == [
        {"code": "fiets", "aantal": 2},
        {"code": "kleine_schulden", "aantal": 1},
    ]

    # doing nothing made cheaper than the intervention: the sentence turns round
    panel.nothing.view.selectRow(0)
    click(qtbot, panel.nothing.remove_button)
    assert panel.sum_labels["niets_doen"][1].text() == f"€{NBSP}0,00"
    assert panel.verdict_label.text() == (
        f"Niets doen is goedkoper voor de samenleving: de interventie kost €{NBSP}1.900,00 meer."
    )


def test_a_deviating_decision_is_drafted_and_submitted_for_approval(
    qtbot: QtBot, window: MainWindow
) -> None:
    casus_id = new_case(session_of(window))
    fill_steps(session_of(window), casus_id, deviates=True)
    page = open_page(window, casus_id)
    page.go_to(4)
    panel = page.decision_panel
    assert panel.empty_label.isVisible()
    assert panel.submit_button.isVisible()
    assert not panel.set_button.isVisible()  # deviating: not set by the klantmanager alone
    assert not panel.submit_button.isEnabled()
    assert "• Kies de uitkomst." in panel.reason_label.text()

    panel.outcome_combo.setCurrentIndex(panel.outcome_combo.findData("toegekend_voorwaarden"))
    qtbot.keyClicks(panel.conditions_edit, "Meewerken aan budgetbeheer")
    click(qtbot, panel.review_check)
    qtbot.keyClicks(panel.motivation_edit, "Maatwerk voorkomt hogere kosten.")
    assert panel.submit_button.isEnabled()
    assert panel.reason_label.text() == (
        "Dit besluit wijkt af van beleid: een teamleider keurt het goed voordat het wordt "
        "vastgesteld."
    )
    click(qtbot, panel.save_button)
    [draft] = session_of(window).decisions.for_case(casus_id)
    assert (draft["status"], draft["voorwaarden"]) == ("concept", ["Meewerken aan budgetbeheer"])
    assert draft["heroverweging_op"] == days(150)  # the default: about five months on
    assert panel.state_label.text() == "Versie 1: concept"

    click(qtbot, panel.submit_button)

    [decision] = session_of(window).decisions.for_case(casus_id)
    assert decision["status"] == "ter_goedkeuring"
    assert panel.state_label.text() == "Versie 1: ter goedkeuring"
    assert panel.state_detail.text().splitlines()[0].endswith("wacht op een teamleider.")
    assert panel.conditions_edit.isReadOnly()
    assert not panel.outcome_combo.isEnabled()
    assert not panel.save_button.isVisible()
    assert not panel.submit_button.isVisible()
    assert item_state(page, 4) == (OPEN, "5. Besluit\nter goedkeuring")
    # this laptop is on no team: it cannot have gone to a teamleider yet, and says so
    assert (
        window.statusBar()
        .currentMessage()
        .startswith("Deze laptop is nog niet aan een team gekoppeld")
    )


def test_a_decision_that_does_not_deviate_is_set_and_then_only_gets_new_versions(
    qtbot: QtBot, window: MainWindow
) -> None:
    casus_id = new_case(session_of(window))
    fill_steps(session_of(window), casus_id)
    page = open_page(window, casus_id)
    page.go_to(4)
    panel = page.decision_panel
    assert not panel.submit_button.isVisible()
    panel.outcome_combo.setCurrentIndex(panel.outcome_combo.findData("toegekend"))
    qtbot.keyClicks(panel.motivation_edit, "Een fiets is goedkoper en helpt meteen.")
    click(qtbot, panel.set_button)
    [decision] = session_of(window).decisions.for_case(casus_id)
    assert decision["status"] == "vastgesteld"
    assert item_state(page, 4) == (DONE, "5. Besluit\n✓ vastgesteld")
    assert panel.motivation_edit.isReadOnly()
    assert "door Test Medewerker" in panel.state_detail.text()

    click(qtbot, panel.new_version_button)
    versions = session_of(window).decisions.for_case(casus_id)
    assert [(d["versie"], d["status"]) for d in versions] == [(1, "vastgesteld"), (2, "concept")]
    assert panel.selected is not None
    assert panel.selected["versie"] == 2
    assert not panel.motivation_edit.isReadOnly()


def test_a_werkcoach_sees_the_case_read_only(
    qtbot: QtBot, tmp_path: Path, passphrase: str, clock: FixedClock
) -> None:
    folder = make_demo(
        tmp_path / "wc", passphrase=passphrase, residents=12, seed=3, role="werkcoach"
    )
    session = Session.open(folder, passphrase, clock=clock)
    [case] = session.store.find("casus", "stap4_gereed = 1", (), "opened_on", limit=1)
    before = session.store.require("casus", case["id"])
    window = MainWindow(session)
    qtbot.addWidget(window)
    show_active(qtbot, window)
    page = open_page(window, case["id"])

    assert page.banner.isVisible()
    assert page.banner.text() == (
        "Alleen lezen: uw rol (werkcoach) mag deze casus lezen, maar de toets en het besluit "
        "niet wijzigen."
    )
    assert page.effect.effect_edit.isReadOnly()
    assert page.effect.effect_edit.toPlainText() == before["beoogd_effect"]
    page.go_to(1)
    assert not any(c.isEnabled() for c in page.grondwaarde.law_checks.values())
    assert not page.save_button.isVisible()
    assert not page.complete_button.isVisible()
    assert page.status_label.text() == "Deze stap is afgerond."
    page.go_to(2)
    afweging = page.afweging
    assert not afweging.intervention.add_button.isVisible()
    assert afweging.sum_labels["interventie"][1].text().startswith("€")
    page.go_to(3)
    assert not page.juridisch.article_edit.isVisible()
    page.go_to(4)
    decision = page.decision_panel
    for button in (
        decision.save_button,
        decision.submit_button,
        decision.set_button,
        decision.new_version_button,
    ):
        assert not button.isVisible()
    assert not decision.outcome_combo.isEnabled()

    # typing, saving and completing by keyboard change nothing; moving between steps works
    page.go_to(0)
    effect = page.effect.effect_edit
    qtbot.keyClicks(effect, "extra")
    qtbot.keyClick(effect, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(effect, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(effect, Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)
    assert page.current == 1  # the shortcuts are live
    assert session.store.require("casus", case["id"]) == before
    window.close()


def test_the_page_follows_a_language_switch(qtbot: QtBot, window: MainWindow) -> None:
    casus_id = new_case(session_of(window))
    fill_steps(session_of(window), casus_id, upto=3)
    page = open_page(window, casus_id)
    set_language("en")  # as the View > Language menu does
    assert item_state(page, 0) == (DONE, "1. Beoogd effect\n✓ completed")
    assert page.complete_button.text() == "&Complete step"
    afweging = page.afweging
    assert afweging.sum_labels["niets_doen"][1].text() == "€53,500.00"
    assert afweging.verdict_label.text() == (
        "The intervention is cheaper for society: doing nothing costs €52,600.00 more."
    )


# ---------------------------------------------------------------------- approvals


def test_the_teamleider_opens_a_case_and_sends_a_decision_back_with_a_comment(
    qtbot: QtBot, tmp_path: Path, passphrase: str, clock: FixedClock
) -> None:
    folder = make_demo(
        tmp_path / "tl", passphrase=passphrase, residents=40, seed=4, role="teamleider"
    )
    session = Session.open(folder, passphrase, clock=clock)
    waiting = session.decisions.awaiting_approval()
    assert waiting
    window = MainWindow(session)
    qtbot.addWidget(window)
    show_active(qtbot, window)
    qtbot.keyClick(window, Qt.Key.Key_4, Qt.KeyboardModifier.ControlModifier)  # Ctrl+4
    page = window.pages["approvals"]
    assert isinstance(page, ApprovalsPage)
    assert window.stack.currentWidget() is page
    assert page.proxy.rowCount() == len(waiting)
    names = session.residents.names([d["inwoner_id"] for d in waiting])
    first = page.model.rows[page.proxy.mapToSource(page.proxy.index(0, 0)).row()]
    assert page.proxy.index(0, 0).data() == names[first["inwoner_id"]]
    submitted = local_time(first["ingediend_op"])  # shown in the computer's time
    month = MAANDEN[submitted.month - 1]
    assert page.proxy.index(0, 3).data() == (
        f"{submitted.day} {month} {submitted.year} {submitted:%H:%M}"  # 23 november 2026 10:15
    )
    # who submitted it: the colleague whose change sent it, from the change log
    submitter = session.decisions.awaiting_approval()[0]["ingediend_door"]
    assert submitter is not None
    assert page.proxy.index(0, 2).data() == session.user_names()[submitter]
    chosen = page.selected  # the first row is chosen when the screen opens
    assert chosen is not None
    assert chosen["id"] == first["id"]
    assert "Waarom het besluit afwijkt van beleid" in page.detail.toPlainText()

    # Enter on the row opens its case in the toets screen
    page.view.setFocus()
    qtbot.keyClick(page.view, Qt.Key.Key_Return)
    toets_page = window.detail
    assert isinstance(toets_page, ToetsPage)
    assert toets_page.casus_id == first["casus_id"]
    toets_page.go_to(4)
    assert toets_page.decision_panel.state_label.text() == "Versie 1: ter goedkeuring"
    assert toets_page.decision_panel.state_detail.text().endswith(
        "U keurt het goed of stuurt het terug onder Goedkeuren (Ctrl+4)."
    )
    window.back()
    assert window.stack.currentWidget() is page

    # sending back needs a comment
    assert not page.send_back_button.isEnabled()
    assert page.hint_label.text() == (
        "Schrijf een opmerking voor de klantmanager om het besluit terug te sturen."
    )
    qtbot.keyClicks(page.comment_edit, "Graag eerst overleg met de werkcoach.")
    assert page.send_back_button.isEnabled()
    asked = answer_next_question("Terugsturen")
    click(qtbot, page.send_back_button)
    assert asked
    assert asked[0].startswith(f"Het besluit voor {names[first['inwoner_id']]} terugsturen naar ")
    sent_back = session.store.require("besluit", chosen["id"])
    assert sent_back["status"] == "afgekeurd"
    assert sent_back["goedkeuring_opmerking"] == "Graag eerst overleg met de werkcoach."
    assert chosen["id"] not in [r["id"] for r in page.model.rows]
    assert page.proxy.rowCount() == len(waiting) - 1
    assert window.statusBar().currentMessage() == (
        "Het besluit is teruggestuurd naar de klantmanager."
    )
    # nothing is chosen after the answer: an Enter too many opens no other case
    assert page.selected is None
    assert not page.view.selectionModel().hasSelection()
    qtbot.keyClick(QApplication.focusWidget() or page, Qt.Key.Key_Return)
    assert window.stack.currentWidget() is page
    window.close()
