"""Text typed and not saved survives a killed program: the toets steps, the decision and the
fine keep a draft as they are typed (ui/drafts.py), and it comes back when the screen opens
again; saving drops it. The child (draft_child.py) is killed with SIGKILL after the draft was
kept, as a crash or a flat battery would end it."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from ui.main_window import MainWindow
from ui.pages.fine import FinePage
from ui.pages.toets import DECISION_INDEX, ToetsPage
from werkplein.services.session import Session
from werkplein.store.clock import NOW_ENV, FixedClock, iso

from .conftest import MakeProfile
from .draft_child import DECISION_TEXT, FINE_NOTE, FINE_REASONS, STEP_TEXT
from .test_toets import fill_steps, new_case
from .test_visit import Lines

ROOT = Path(__file__).resolve().parents[2]
CHILD = Path(__file__).with_name("draft_child.py")


@pytest.fixture
def records(make_profile: MakeProfile, passphrase: str, clock: FixedClock) -> dict[str, str]:
    """A teamleider's profile with a fresh case, a case whose four steps are done, a fine."""
    folder = make_profile(role="teamleider")
    with Session.open(folder, passphrase, clock=clock) as session:
        fresh = new_case(session)
        inwoner_id = session.store.require("casus", fresh)["inwoner_id"]
        done = session.cases.open(inwoner_id, "Alles klaar")
        fill_steps(session, done, upto=4)
        fine = session.fines.open(inwoner_id, "Inkomsten niet doorgegeven")
    return {"folder": str(folder), "step": fresh, "decision": done, "fine": fine}


def kill_while_typed(folder: str, kind: str, record_id: str, passphrase: str, now: str) -> None:
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "WERKPLEIN_LANG": "nl",
        "PYTHONPATH": str(ROOT),
        NOW_ENV: now,
    }
    proc = subprocess.Popen(
        [sys.executable, str(CHILD), folder, kind, record_id],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        cwd=ROOT,
    )
    output = Lines(proc)
    try:
        assert proc.stdin is not None
        proc.stdin.write(passphrase + "\n")
        proc.stdin.flush()
        line = output.next()
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=10)
        output.join()
        assert proc.stderr is not None
        errors = proc.stderr.read()
        for stream in (proc.stdin, proc.stdout, proc.stderr):
            if stream is not None:
                stream.close()
    assert line == "KEPT", errors[-2000:]
    assert proc.returncode == -signal.SIGKILL


def reopen(qtbot: QtBot, folder: str, passphrase: str, clock: FixedClock) -> MainWindow:
    window = MainWindow(Session.open(Path(folder), passphrase, clock=clock))
    qtbot.addWidget(window)
    window.show()
    return window


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
def test_a_toets_step_typed_and_not_saved_survives_a_kill(
    qtbot: QtBot, records: dict[str, str], passphrase: str, clock: FixedClock
) -> None:
    casus_id = records["step"]
    kill_while_typed(records["folder"], "step", casus_id, passphrase, iso(clock.now()))

    window = reopen(qtbot, records["folder"], passphrase, clock)
    session = window.session
    assert session is not None
    assert session.store.require("casus", casus_id)["beoogd_effect"] is None  # not saved
    window.open_case(casus_id)
    page = window.detail
    assert isinstance(page, ToetsPage)
    assert page.effect.effect_edit.toPlainText() == STEP_TEXT  # but back on screen
    assert "niet had opgeslagen" in window.statusBar().currentMessage()
    assert page.save_button.isVisible()
    page.save()
    assert session.store.require("casus", casus_id)["beoogd_effect"] == STEP_TEXT
    assert session.drafts.get(f"toets:{casus_id}") is None  # saved: no draft any more
    window.close()


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
def test_a_draft_decision_survives_a_kill(
    qtbot: QtBot, records: dict[str, str], passphrase: str, clock: FixedClock
) -> None:
    casus_id = records["decision"]
    kill_while_typed(records["folder"], "decision", casus_id, passphrase, iso(clock.now()))

    window = reopen(qtbot, records["folder"], passphrase, clock)
    session = window.session
    assert session is not None
    assert session.decisions.for_case(casus_id) == []
    window.open_case(casus_id)
    page = window.detail
    assert isinstance(page, ToetsPage)
    assert page.current == DECISION_INDEX
    panel = page.decision_panel
    assert panel.motivation_edit.toPlainText() == DECISION_TEXT
    assert panel.outcome_combo.currentIndex() == 1
    assert panel.save()
    [decision] = session.decisions.for_case(casus_id)
    assert decision["motivering"] == DECISION_TEXT
    assert session.drafts.get(f"toets:{casus_id}") is None
    window.close()


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
def test_a_fines_weighing_and_note_survive_a_kill(
    qtbot: QtBot, records: dict[str, str], passphrase: str, clock: FixedClock
) -> None:
    boete_id = records["fine"]
    kill_while_typed(records["folder"], "fine", boete_id, passphrase, iso(clock.now()))

    window = reopen(qtbot, records["folder"], passphrase, clock)
    session = window.session
    assert session is not None
    window.open_fine(boete_id)
    page = window.detail
    assert isinstance(page, FinePage)
    assert page.redenen_edit.toPlainText() == FINE_REASONS
    assert page.new_note_edit.toPlainText() == FINE_NOTE
    assert page.dirty_label.text() == "Niet opgeslagen wijzigingen"
    page.save()
    assert session.store.require("boete", boete_id)["dringende_redenen"] == FINE_REASONS
    page.add_note()
    assert [n["text"] for n in session.fines.reconsiderations(boete_id)] == [FINE_NOTE]
    assert session.drafts.get(f"boete:{boete_id}") is None
    window.close()


def test_a_draft_is_the_typists_own(
    records: dict[str, str], passphrase: str, clock: FixedClock
) -> None:
    from werkplein.domain.roles import Role
    from werkplein.services.session import User

    with Session.open(Path(records["folder"]), passphrase, clock=clock) as session:
        session.drafts.keep("toets:x", {"steps": {"beoogd_effect": "mijn tekst"}})
        other = Session(session.store, User("someone-else", "Ander", Role.KLANTMANAGER))
        assert other.drafts.get("toets:x") is None
        kept = session.drafts.get("toets:x")
        assert kept is not None
        assert kept[0] == {"steps": {"beoogd_effect": "mijn tekst"}}
        session.drafts.discard("toets:x")
        assert session.drafts.get("toets:x") is None


def test_a_handover_being_written_comes_back_and_cancel_drops_it(
    qtbot: QtBot, records: dict[str, str], passphrase: str, clock: FixedClock
) -> None:
    from ui.pages.handover_dialog import HandoverDialog

    with Session.open(Path(records["folder"]), passphrase, clock=clock) as session:
        inwoner_id = session.store.require("casus", records["step"])["inwoner_id"]
        key = f"overdracht:new:{inwoner_id}"
        first = HandoverDialog(session, inwoner_id)
        qtbot.addWidget(first)
        assert session.drafts.get(key) is None  # the prefill alone is no draft
        first.wish_edit.setPlainText("")
        qtbot.keyClicks(first.wish_edit, "Zelf weer werken, in de zorg.")
        qtbot.waitUntil(lambda: session.drafts.get(key) is not None, timeout=5000)
        # the program ends here without the dialog closing (a crash): a new one has the text
        again = HandoverDialog(session, inwoner_id)
        qtbot.addWidget(again)
        assert again.wish_edit.toPlainText() == "Zelf weer werken, in de zorg."
        assert again.restored is not None
        assert not again.restored_label.isHidden()
        again.reject()  # cancelled on purpose: gone
        assert session.drafts.get(key) is None


def test_a_signal_being_written_comes_back(
    qtbot: QtBot, records: dict[str, str], passphrase: str, clock: FixedClock
) -> None:
    from ui.pages.signal_dialog import SignalDialog

    with Session.open(Path(records["folder"]), passphrase, clock=clock) as session:
        first = SignalDialog(session)
        qtbot.addWidget(first)
        qtbot.keyClicks(first.title_edit, "Reiskosten naar werk te laag")
        qtbot.waitUntil(lambda: session.drafts.get("signaal:new") is not None, timeout=5000)
        again = SignalDialog(session)
        qtbot.addWidget(again)
        assert again.title_edit.text() == "Reiskosten naar werk te laag"
        again.description_edit.setPlainText("De vergoeding dekt de bus niet.")
        again.submit()
        assert again.signal_id is not None
        assert session.drafts.get("signaal:new") is None  # logged: no draft any more


def test_locking_saves_the_toets_and_leaves_no_draft_to_undo_later_work(
    qtbot: QtBot, records: dict[str, str], passphrase: str, clock: FixedClock
) -> None:
    casus_id = records["step"]
    window = reopen(qtbot, records["folder"], passphrase, clock)
    session = window.session
    assert session is not None
    window.open_case(casus_id)
    page = window.detail
    assert isinstance(page, ToetsPage)
    qtbot.keyClicks(page.effect.effect_edit, "Oud")
    qtbot.waitUntil(lambda: session.drafts.get(f"toets:{casus_id}") is not None, timeout=5000)
    page.release()  # what locking does
    assert session.store.require("casus", casus_id)["beoogd_effect"] == "Oud"
    assert session.drafts.get(f"toets:{casus_id}") is None  # nothing to bring "Oud" back
    window.close()


def test_locking_keeps_a_handover_being_written(
    qtbot: QtBot, records: dict[str, str], passphrase: str, clock: FixedClock
) -> None:
    from ui.pages.handover_dialog import HandoverDialog

    with Session.open(Path(records["folder"]), passphrase, clock=clock) as session:
        inwoner_id = session.store.require("casus", records["step"])["inwoner_id"]
        key = f"overdracht:new:{inwoner_id}"
        dialog = HandoverDialog(session, inwoner_id)  # deletes itself when closed
        dialog.show()
        qtbot.keyClicks(dialog.risks_edit, "Geen")
        qtbot.waitUntil(lambda: session.drafts.get(key) is not None, timeout=5000)
        dialog.clear()  # what locking does to an open dialog, then closes it
        dialog.close()
        kept = session.drafts.get(key)
        assert kept is not None
        assert "Geen" in str(kept[0].get("risicos"))


def test_a_draft_keeps_the_day_it_understood_not_the_word(
    qtbot: QtBot, records: dict[str, str], passphrase: str, clock: FixedClock
) -> None:
    """ "morgen" typed today comes back as today's tomorrow, not as the next day's."""
    import datetime as dt

    casus_id = records["decision"]
    window = reopen(qtbot, records["folder"], passphrase, clock)
    session = window.session
    assert session is not None
    window.open_case(casus_id)
    page = window.detail
    assert isinstance(page, ToetsPage)
    panel = page.decision_panel
    panel.outcome_combo.setCurrentIndex(1)
    panel.period_check.setChecked(True)
    panel.from_edit.edit.selectAll()
    qtbot.keyClicks(panel.from_edit.edit, "morgen")
    key = f"toets:{casus_id}"
    qtbot.waitUntil(lambda: session.drafts.get(key) is not None, timeout=5000)
    kept = session.drafts.get(key)
    assert kept is not None
    tomorrow = clock.today() + dt.timedelta(days=1)
    assert kept[0]["decision"]["van"] == tomorrow.isoformat()
    window.close()


def test_a_first_talk_date_typed_is_kept(
    qtbot: QtBot, records: dict[str, str], passphrase: str, clock: FixedClock
) -> None:
    boete_id = records["fine"]
    window = reopen(qtbot, records["folder"], passphrase, clock)
    session = window.session
    assert session is not None
    window.open_fine(boete_id)
    page = window.detail
    assert isinstance(page, FinePage)
    page.talk.when_edit.edit.selectAll()
    qtbot.keyClicks(page.talk.when_edit.edit, "9-12-2030 14:00")
    key = f"boete:{boete_id}"
    qtbot.waitUntil(lambda: session.drafts.get(key) is not None, timeout=5000)
    kept = session.drafts.get(key)
    assert kept is not None
    assert kept[0]["talk"]["when"] == "09-12-2030 14:00"
    window.close()
