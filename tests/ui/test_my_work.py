"""Mijn werk tells the truth: what is overdue comes first and says so, a joint intake is on
both people's list, the teamleider's answers reach the klantmanager, a received handover is
new until opened, and a laptop that is not on a team says a submitted decision waits."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from ui.main_window import MainWindow
from ui.pages.handovers import HandoversPage
from werkplein.domain.roles import Role
from werkplein.services.session import Session, User
from werkplein.store.clock import FixedClock, iso

from .conftest import MakeProfile
from .test_home_shell import open_window


def colleague(session: Session, role: Role, name: str) -> Session:
    """A colleague's session on the same store, as if their work had arrived by sync."""
    with session.store.write(None) as w:
        uid, _c = w.put("gebruiker", None, {"name": name, "role": role.value, "active": True})
    return Session(session.store, User(uid, name, role))


def new_resident(session: Session) -> str:
    return session.residents.create(
        bsn="123456782",
        first_names="Fenna",
        last_name="Zwaluwstaart",
        birth_date="14-03-1988",
        gemeente="Lindendal",
    )


@pytest.fixture
def session(make_profile: MakeProfile, passphrase: str, clock: FixedClock) -> Iterator[Session]:
    opened = Session.open(make_profile(), passphrase, clock=clock)
    yield opened
    opened.close()


def texts(window: MainWindow, key: str) -> list[str]:
    return window.welcome.work.lists[key].texts()


def test_an_overdue_visit_says_so_and_comes_first(
    qtbot: QtBot, session: Session, clock: FixedClock
) -> None:
    inwoner_id = new_resident(session)
    now = clock.now()
    session.visits.plan(inwoner_id, iso(now + dt.timedelta(days=1)), doel="Later")
    session.visits.plan(inwoner_id, iso(now + dt.timedelta(hours=2)), doel="Vandaag")
    clock.advance(hours=5)  # the one of today has passed and was not done
    window = open_window(qtbot, session)
    visits = texts(window, "visits")
    assert visits[0].startswith("te laat · ")
    assert visits[0].endswith("· Vandaag")
    assert not visits[1].startswith("te laat")
    assert visits[1].endswith("· Later")
    assert window.welcome.work.lists["visits"].title_label.text() == (
        "Huisbezoeken: te laat en de komende 7 dagen"
    )


def test_a_joint_intake_is_on_both_peoples_list(
    qtbot: QtBot, session: Session, clock: FixedClock
) -> None:
    werkcoach = colleague(session, Role.WERKCOACH, "Wim Werkcoach")
    inwoner_id = new_resident(session)
    handover_id = session.handovers.send(
        inwoner_id, werkcoach.user.id, situatie="Schulden op orde.", wens_inwoner="Werk."
    )
    intake = clock.now() + dt.timedelta(days=2)
    werkcoach.handovers.accept(handover_id, intake_op=iso(intake))

    mine = open_window(qtbot, session)
    assert len(texts(mine, "intakes")) == 1
    assert texts(mine, "intakes")[0].endswith("· Fenna Zwaluwstaart · met Wim Werkcoach")
    theirs = open_window(qtbot, werkcoach)
    assert texts(theirs, "intakes")[0].endswith(f"· met {session.user.name}")


def test_the_teamleiders_answers_reach_the_klantmanager(qtbot: QtBot, session: Session) -> None:
    from .test_toets import fill_steps, new_case

    teamleider = colleague(session, Role.TEAMLEIDER, "Tessa Teamleider")
    casus_id = new_case(session)
    fill_steps(session, casus_id, upto=4, deviates=True)
    first = session.decisions.draft(casus_id, uitkomst="toegekend", motivering="Past.")
    session.decisions.submit(first)
    teamleider.decisions.send_back(first, "Eerst met de werkcoach overleggen.")

    window = open_window(qtbot, session)
    answers = texts(window, "answers")
    assert answers == ["teruggestuurd · Sevda Kaya: Eerst met de werkcoach overleggen."]

    session.decisions.update_draft(first, motivering="Overlegd; past bij het doel.")
    session.decisions.submit(first)
    teamleider.decisions.approve(first, "Goed onderbouwd.")
    window.data_changed()
    window.go("home")
    assert texts(window, "answers") == ["goedgekeurd · Sevda Kaya: Goed onderbouwd."]


def test_a_received_handover_is_new_until_opened(
    qtbot: QtBot, session: Session, passphrase: str
) -> None:
    klantmanager = colleague(session, Role.KLANTMANAGER, "Kees Klantmanager")
    inwoner_id = new_resident(session)
    handover_id = klantmanager.handovers.send(
        inwoner_id, session.user.id, situatie="Verhuisd.", wens_inwoner="Rust."
    )
    window = open_window(qtbot, session)
    assert texts(window, "handovers")[0].startswith("nieuw · ")
    assert texts(window, "handovers")[0].endswith("· van Kees Klantmanager")

    window.open_handover(handover_id)  # as a click on Mijn werk does
    page = window.pages["handovers"]
    assert isinstance(page, HandoversPage)
    assert page.handover is not None
    assert page.handover["id"] == handover_id
    row = page.inbox.model.row_of(handover_id)
    assert page.inbox.model.index(row, 3).data() == "verzonden"  # no longer new
    window.go("home")
    assert not texts(window, "handovers")[0].startswith("nieuw")
    assert session.settings.seen("overdracht") == {handover_id}


def test_a_laptop_not_on_a_team_says_a_submitted_decision_waits(
    qtbot: QtBot, session: Session
) -> None:
    from .test_toets import click, fill_steps, new_case, open_page

    casus_id = new_case(session)
    fill_steps(session, casus_id, upto=4, deviates=True)
    window = open_window(qtbot, session)
    page = open_page(window, casus_id)
    panel = page.decision_panel
    panel.outcome_combo.setCurrentIndex(1)
    qtbot.keyClicks(panel.motivation_edit, "Past bij het doel van de inwoner.")
    click(qtbot, panel.submit_button)
    assert "nog niet aan een team gekoppeld" in window.statusBar().currentMessage()
    assert "teamleider gestuurd" not in window.statusBar().currentMessage()
    assert "nog niet aan een team gekoppeld" in panel.state_detail.text()


def test_a_klantmanager_registers_a_fine_for_a_boete_ambtenaar(
    qtbot: QtBot, session: Session
) -> None:
    from ui.pages.fines import FinesPage

    inwoner_id = new_resident(session)
    window = open_window(qtbot, session)
    window.go("fines")
    page = window.pages["fines"]
    assert isinstance(page, FinesPage)
    assert page.new_button.isVisible()
    assert not page.mine_check.isChecked()  # a klantmanager handles none
    dialog = page.new_fine()
    assert dialog is not None
    qtbot.keyClicks(dialog.search_edit, "Zwaluwstaart")
    dialog.search()  # (the typing pause)
    dialog.choose(inwoner_id)
    qtbot.keyClicks(dialog.breach_edit, "Bijbaan niet gemeld")
    qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)
    [fine] = session.fines.listing()
    assert fine["behandelaar_id"] is None  # a boete-ambtenaar takes it over
    assert window._current == ("fine", fine["id"])
    assert "behandeld door niemand" in window.detail.status_label.text()  # type: ignore[union-attr]
