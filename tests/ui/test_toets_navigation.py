"""Finding one's way in a case: it opens at the step in progress, Ctrl+Return works wherever
the focus is, the decision's buttons stay under the pointer, and a set decision says what
changing the steps means before anything changes."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from ui.main_window import MainWindow
from ui.pages.toets import DECISION_INDEX

from .test_toets import click, fill_steps, folder, new_case, open_page, session_of, stored, window

__all__ = ["folder", "window"]  # the fixtures, shared with test_toets.py


def test_a_case_opens_at_the_step_in_progress(window: MainWindow) -> None:
    session = session_of(window)
    casus_id = new_case(session)
    fill_steps(session, casus_id, upto=2)
    page = open_page(window, casus_id)
    assert page.current == 2  # step 3, the first one not complete
    assert page.stack.currentIndex() == 2
    assert page.step_list.currentRow() == 2

    done = session.cases.open(stored(window, casus_id)["inwoner_id"], "Alles klaar")
    fill_steps(session, done, upto=4)
    assert open_page(window, done).current == DECISION_INDEX


def test_ctrl_return_completes_the_step_from_the_step_list(
    qtbot: QtBot, window: MainWindow
) -> None:
    session = session_of(window)
    casus_id = new_case(session)
    page = open_page(window, casus_id)
    qtbot.keyClicks(page.effect.effect_edit, "Zelf naar mijn werk fietsen.")
    page.step_list.setFocus()
    qtbot.keyClick(page.step_list, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert stored(window, casus_id)["stap1_gereed"]
    assert page.current == 1  # on to step 2


def test_the_decision_buttons_stay_where_they_were_after_a_save(
    qtbot: QtBot, window: MainWindow
) -> None:
    session = session_of(window)
    casus_id = new_case(session)
    fill_steps(session, casus_id, upto=4, deviates=True)
    page = open_page(window, casus_id)
    panel = page.decision_panel
    assert page.current == DECISION_INDEX
    panel.outcome_combo.setCurrentIndex(1)
    qtbot.keyClicks(panel.motivation_edit, "Past bij het doel van de inwoner.")
    before = panel.submit_button.mapTo(window, panel.submit_button.rect().topLeft())
    click(qtbot, panel.save_button)
    assert panel.decisions  # the list of versions appeared above the form
    after = panel.submit_button.mapTo(window, panel.submit_button.rect().topLeft())
    assert after == before


def test_a_set_decision_locks_the_steps_until_a_new_version(
    qtbot: QtBot, window: MainWindow
) -> None:
    session = session_of(window)
    casus_id = new_case(session)
    fill_steps(session, casus_id, upto=4)
    besluit_id = session.decisions.draft(
        casus_id, uitkomst="toegekend", motivering="Past bij het doel."
    )
    session.decisions.set(besluit_id)
    page = open_page(window, casus_id)
    page.go_to(2)
    assert not page.can_edit()
    assert page.banner.isVisible()
    assert "nieuwe versie" in page.banner.text()
    assert not page.complete_button.isVisible()
    assert "vastgesteld" in page.step_list.item(DECISION_INDEX).text()
    before = stored(window, casus_id)

    click(qtbot, page.new_version_button)

    assert page.can_edit()
    assert not page.banner.isVisible()
    assert page.current == 0
    assert "concept" in page.step_list.item(DECISION_INDEX).text()  # shown consistently
    versions = session.decisions.for_case(casus_id)
    assert [d["status"] for d in versions] == ["vastgesteld", "concept"]
    assert stored(window, casus_id) == before  # nothing in the steps changed by itself
