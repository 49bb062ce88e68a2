"""Documents from the app: the save flow (the personal-data notice, the shared folder), the
decision and the letter from the decision screen, the dossier's documents, the boete sheet, and
the teamleider's export of a period with progress and Stop.

The only fakes are the answers a person would give: the file and folder dialogs and the
message boxes. The PDFs are real files written by the real core on a real encrypted profile.
"""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from tests.conftest import PASSPHRASE, make_demo, today
from tests.ui.test_accessibility import missed_by_tab, unnamed
from ui import export as export_ui
from ui.main_window import MainWindow
from ui.pages.approvals import ApprovalsPage
from ui.pages.dossier import DossierPage
from ui.pages.exports import ExportsDialog, ExportsPage
from ui.pages.fine import FinePage
from ui.pages.toets import DECISION_INDEX, ToetsPage
from ui.tasks import Progress, tasks
from ui.widgets.dates import DateField
from werkplein import i18n
from werkplein.domain.roles import Role
from werkplein.services.session import Session, User
from werkplein.store.clock import FixedClock

from .conftest import local_time

NOTICE_NL = "Dit document bevat persoonsgegevens zonder versleuteling."


def batch_period() -> tuple[dt.date, dt.date]:
    """A period holding every decision the demo set (in its last 60 days), up to today."""
    return today() - dt.timedelta(days=90), today()


def typed(day: dt.date) -> str:
    """A date as typed into the period fields."""
    return f"{day:%d-%m-%Y}"


@pytest.fixture(scope="module")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("export-ui") / "demo"
    return make_demo(folder, residents=40, seed=1, role="teamleider")


class Answers:
    """What the person answers: the file or folder chosen, and the message boxes' buttons."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.save_as: Path | None = None
        self.folder: Path | None = None
        self.suggested: list[str] = []
        self.boxes: list[tuple[str, str]] = []  # (object name, text) of each box shown
        self.replies: dict[str, QMessageBox.StandardButton] = {
            "exportNotice": QMessageBox.StandardButton.Ok,
            "exportShareWarning": QMessageBox.StandardButton.No,
        }
        monkeypatch.setattr(QFileDialog, "getSaveFileName", self._save_file_name)
        monkeypatch.setattr(QFileDialog, "getExistingDirectory", self._existing_directory)

        def exec_box(box: QMessageBox) -> int:  # instead of showing it: the answer
            return self._exec(box)

        monkeypatch.setattr(QMessageBox, "exec", exec_box)

    def _save_file_name(self, _parent: QWidget, _title: str, start: str, _filter: str) -> Any:
        self.suggested.append(start)
        return (str(self.save_as) if self.save_as else "", "")

    def _existing_directory(self, _parent: QWidget, _title: str, _start: str) -> str:
        return str(self.folder) if self.folder else ""

    def _exec(self, box: QMessageBox) -> int:
        self.boxes.append((box.objectName(), box.text()))
        return int(self.replies.get(box.objectName(), QMessageBox.StandardButton.Cancel))

    def names(self) -> list[str]:
        return [name for name, _text in self.boxes]


@pytest.fixture
def answers(monkeypatch: pytest.MonkeyPatch) -> Answers:
    return Answers(monkeypatch)


OpenWindow = Callable[[str], MainWindow]


@pytest.fixture
def open_window(
    qtbot: QtBot, tmp_path: Path, demo_template: Path, clock: FixedClock
) -> Iterator[OpenWindow]:
    """``open_window(role)`` -> a main window on a copy of the demo, as that role."""
    windows: list[MainWindow] = []

    def make(role: str = "teamleider") -> MainWindow:
        folder = tmp_path / "demo"
        if not folder.exists():
            shutil.copytree(demo_template, folder)
        session = Session.open(folder, PASSPHRASE, clock=clock)
        if role != session.user.role:
            record = session.store.find("gebruiker", "role = ?", (role,), limit=1)[0]
            session = Session(session.store, User(record["id"], record["name"], Role(role)))
        window = MainWindow(session)
        window.resize(1280, 800)
        window.show()
        windows.append(window)
        return window

    yield make
    tasks().wait_idle(10000 / 1000)
    for window in windows:
        if shiboken6.isValid(window):
            window.close()
            shiboken6.delete(window)


def session_of(window: MainWindow) -> Session:
    assert window.session is not None
    return window.session


def click(qtbot: QtBot, button: QPushButton) -> None:
    assert button.isVisible(), button.objectName()
    assert button.isEnabled(), button.objectName()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def wait_saved(qtbot: QtBot, window: MainWindow, exporter: export_ui.DocumentExport) -> str:
    qtbot.waitUntil(lambda: not exporter.busy, timeout=15000)
    return window.statusBar().currentMessage()


def assert_pdf(path: Path) -> None:
    assert path.is_file(), path
    assert path.read_bytes().startswith(b"%PDF")
    assert not [p for p in path.parent.iterdir() if p.name.endswith(".part")]


def decision_screen(window: MainWindow, casus_id: str) -> ToetsPage:
    window.open_case(casus_id)
    page = window.detail
    assert isinstance(page, ToetsPage)
    page.go_to(DECISION_INDEX)
    return page


def case_whose_latest_decision(session: Session, status: str) -> str:
    for case in session.store.find("casus", "", (), "opened_on"):
        decisions = session.decisions.for_case(case["id"])
        if decisions and decisions[-1]["status"] == status:
            return str(case["id"])
    raise AssertionError(f"no case with a latest decision {status}")


# ---------------------------------------------------------------------- one document


def test_the_decision_as_pdf_from_the_decision_screen(
    qtbot: QtBot, open_window: OpenWindow, answers: Answers, tmp_path: Path
) -> None:
    window = open_window("teamleider")
    session = session_of(window)
    casus_id = case_whose_latest_decision(session, "vastgesteld")
    panel = decision_screen(window, casus_id).decision_panel
    decision = panel.selected
    assert decision is not None
    assert decision["status"] == "vastgesteld"
    answers.save_as = tmp_path / "out" / "mijn-besluit"  # without .pdf: it is added
    answers.save_as.parent.mkdir()

    click(qtbot, panel.pdf_button)
    assert answers.names() == ["exportNotice"]  # the notice, the first time in the session
    assert NOTICE_NL in answers.boxes[0][1]
    message = wait_saved(qtbot, window, panel.documents)
    saved = tmp_path / "out" / "mijn-besluit.pdf"
    assert_pdf(saved)
    assert message == (  # and a reminder after every save
        "Opgeslagen: mijn-besluit.pdf. "
        "Het bevat onversleutelde persoonsgegevens: bewaar het veilig."
    )
    # the suggested name: a kind and a date, in the Documents folder, nothing about the person
    suggested = Path(answers.suggested[0])
    set_on = local_time(decision["vastgesteld_op"]).date()  # the day as the user saw it
    assert suggested.name == f"besluit-{set_on.isoformat()}.pdf"
    resident = session.residents.get(decision["inwoner_id"])
    for personal in (resident["last_name"], resident["bsn"]):
        assert personal not in answers.suggested[0]
    assert window.statusBar().findChild(QPushButton, "exportShowFolder") is not None

    # the second time: no notice box, and the dialog starts in the folder used last
    click(qtbot, panel.pdf_button)
    wait_saved(qtbot, window, panel.documents)
    assert answers.names() == ["exportNotice"]
    assert Path(answers.suggested[1]).parent == saved.parent
    # a cancelled save dialog writes nothing and asks nothing more
    answers.save_as = None
    before = sorted(saved.parent.iterdir())
    click(qtbot, panel.pdf_button)
    assert not panel.documents.busy
    assert sorted(saved.parent.iterdir()) == before


def test_the_letter_only_for_a_set_decision(
    qtbot: QtBot, open_window: OpenWindow, answers: Answers, tmp_path: Path
) -> None:
    window = open_window("teamleider")
    session = session_of(window)
    draft_case = case_whose_latest_decision(session, "concept")
    panel = decision_screen(window, draft_case).decision_panel
    assert panel.selected is not None
    assert panel.selected["status"] == "concept"
    assert panel.pdf_button.isEnabled()
    assert panel.letter_button.isVisible()
    assert not panel.letter_button.isEnabled()
    assert "vastgesteld" in panel.letter_button.toolTip()

    set_case = case_whose_latest_decision(session, "vastgesteld")
    panel = decision_screen(window, set_case).decision_panel
    assert panel.letter_button.isEnabled()
    answers.save_as = tmp_path / "brief.pdf"
    click(qtbot, panel.letter_button)
    assert Path(answers.suggested[0]).name.startswith("brief-")
    wait_saved(qtbot, window, panel.documents)
    assert_pdf(tmp_path / "brief.pdf")


def test_the_shared_folder_is_asked_about_and_no_writes_nothing(
    qtbot: QtBot, open_window: OpenWindow, answers: Answers, tmp_path: Path
) -> None:
    window = open_window("teamleider")
    session = session_of(window)
    share = tmp_path / "share"
    (share / "team").mkdir(parents=True)
    session.store.set_meta("sync.share_folder", str(share))
    casus_id = case_whose_latest_decision(session, "vastgesteld")
    panel = decision_screen(window, casus_id).decision_panel
    answers.save_as = share / "team" / "besluit.pdf"

    click(qtbot, panel.pdf_button)
    assert answers.names() == ["exportNotice", "exportShareWarning"]
    assert "gedeelde map" in answers.boxes[1][1]
    assert not panel.documents.busy
    assert not answers.save_as.exists()
    assert window.statusBar().currentMessage() == "Er is niets opgeslagen."

    answers.replies["exportShareWarning"] = QMessageBox.StandardButton.Yes
    click(qtbot, panel.pdf_button)
    assert answers.names()[-1] == "exportShareWarning"  # asked every time
    wait_saved(qtbot, window, panel.documents)
    assert_pdf(answers.save_as)


def test_the_dossier_documents_and_who_sees_the_inzage(
    qtbot: QtBot, open_window: OpenWindow, answers: Answers, tmp_path: Path
) -> None:
    window = open_window("klantmanager")
    session = session_of(window)
    visit = session.store.find("huisbezoek", "", (), "gepland_op", limit=1)[0]
    window.open_dossier(visit["inwoner_id"])
    page = window.detail
    assert isinstance(page, DossierPage)
    assert page.dossier is not None

    answers.save_as = tmp_path / "inzage.pdf"
    click(qtbot, page.overview.inzage_button)
    assert Path(answers.suggested[-1]).name == f"inzage-{today().isoformat()}.pdf"
    wait_saved(qtbot, window, page.documents)
    assert_pdf(tmp_path / "inzage.pdf")

    page.tabs.setCurrentWidget(page.visits_tab)
    view = page.visits_tab.view
    view.setCurrentIndex(view.model().index(0, 0))
    answers.save_as = tmp_path / "huisbezoek.pdf"
    click(qtbot, page.visit_pdf_button)
    assert Path(answers.suggested[-1]).name.startswith("huisbezoek-")
    wait_saved(qtbot, window, page.documents)
    assert_pdf(tmp_path / "huisbezoek.pdf")

    # the anonymous case: a case must be chosen first
    page.tabs.setCurrentWidget(page.cases_tab)
    page.cases_tab.cases_view.setCurrentIndex(page.cases_tab.cases_view.model().index(-1, -1))
    count = len(answers.suggested)
    click(qtbot, page.cases_tab.casus_button)
    assert len(answers.suggested) == count  # no dialog: it said to choose a case
    assert "casus" in window.statusBar().currentMessage()
    cases = page.cases_tab.cases_view
    cases.setCurrentIndex(cases.model().index(0, 0))
    answers.save_as = tmp_path / "casus.pdf"
    click(qtbot, page.cases_tab.casus_button)
    assert Path(answers.suggested[-1]).name.startswith("casus-anoniem-")
    wait_saved(qtbot, window, page.documents)
    assert_pdf(tmp_path / "casus.pdf")
    assert answers.names().count("exportNotice") == 1

    # a werkcoach may not make an inzage: the action is not there
    werkcoach = open_window("werkcoach")
    werkcoach.open_dossier(visit["inwoner_id"])
    coach_page = werkcoach.detail
    assert isinstance(coach_page, DossierPage)
    assert coach_page.overview.inzage_button.isHidden()
    assert not coach_page.cases_tab.casus_button.isHidden()
    assert not page.overview.inzage_button.isHidden()  # the klantmanager's


def test_the_preparation_for_the_confrontatiegesprek(
    qtbot: QtBot, open_window: OpenWindow, answers: Answers, tmp_path: Path
) -> None:
    window = open_window("boete_ambtenaar")
    session = session_of(window)
    fine = session.store.find("boete", "", (), "overtreding_op", limit=1)[0]
    window.open_fine(fine["id"])
    page = window.detail
    assert isinstance(page, FinePage)
    answers.save_as = tmp_path / "gesprek.pdf"
    click(qtbot, page.talk.pdf_button)
    assert Path(answers.suggested[0]).name.startswith("confrontatiegesprek-")
    wait_saved(qtbot, window, page.documents)
    assert_pdf(tmp_path / "gesprek.pdf")


# ---------------------------------------------------------------------- the teamleider's batch


def retype(qtbot: QtBot, field: DateField, text: str) -> None:
    """Select what the field shows and type over it, key by key, as a person does."""
    field.edit.setFocus()
    field.edit.selectAll()
    qtbot.keyClicks(field.edit, text)


def open_batch(window: MainWindow) -> ExportsPage:
    window.go("approvals")
    approvals = window.pages["approvals"]
    assert isinstance(approvals, ApprovalsPage)
    assert approvals.batch_button.isVisible()
    approvals.batch_button.click()
    dialog = approvals.batch_dialog
    assert isinstance(dialog, ExportsDialog)
    assert dialog.isVisible()
    return dialog.page


def test_the_teamleider_exports_a_period_with_progress(
    qtbot: QtBot, open_window: OpenWindow, answers: Answers, tmp_path: Path
) -> None:
    window = open_window("teamleider")
    session = session_of(window)
    page = open_batch(window)
    last_of_previous_month = today().replace(day=1) - dt.timedelta(days=1)
    assert page.period() == (  # the previous month, of the user's today
        last_of_previous_month.replace(day=1).isoformat(),
        last_of_previous_month.isoformat(),
    )
    assert page.gemeente_combo.itemText(0) == "Alle gemeenten"
    assert page.gemeente_combo.count() == 1 + len(session.policy.region().gemeenten)
    start, end = batch_period()
    expected = session.decisions.set_between(start.isoformat(), end.isoformat())
    assert expected

    retype(qtbot, page.from_edit, typed(start))
    retype(qtbot, page.until_edit, typed(end))
    assert page.period() == (start.isoformat(), end.isoformat())
    answers.folder = tmp_path / "archief"
    answers.folder.mkdir()
    click(qtbot, page.choose_button)
    assert page.folder_edit.text() == str(answers.folder)
    folder_name = f"besluiten-{start.isoformat()}-{end.isoformat()}"
    assert folder_name in page.target_label.text()
    click(qtbot, page.export_button)
    assert page.stop_button.isEnabled()
    qtbot.waitUntil(page.result_label.isVisible, timeout=30000)

    out = answers.folder / folder_name
    names = sorted(p.name for p in out.iterdir())
    pdfs = [n for n in names if n.startswith("besluit-")]
    assert len(pdfs) == len(expected)
    assert {"overzicht.csv", "overzicht.pdf"} <= set(names)
    for name in [*pdfs, "overzicht.pdf"]:
        assert_pdf(out / name)
    csv = (out / "overzicht.csv").read_text(encoding="utf-8").splitlines()
    assert len(csv) == 1 + len(expected)
    assert page.progress_bar.maximum() == len(expected) + 1
    assert page.progress_bar.value() == page.progress_bar.maximum()
    assert f"{len(expected)} besluiten geëxporteerd naar {out}" in page.result_label.text()
    assert "overzicht.csv" in page.result_label.text()
    assert page.open_button.isVisible()
    notice = "Deze documenten bevatten persoonsgegevens zonder versleuteling."
    assert notice in page.notice_label.text()
    assert "onversleutelde persoonsgegevens" in window.statusBar().currentMessage()
    assert not page.stop_button.isEnabled()

    # again: a new folder beside the first, the first one untouched
    click(qtbot, page.export_button)
    qtbot.waitUntil(lambda: page.task is None, timeout=30000)
    assert (answers.folder / f"{folder_name}-2").is_dir()
    assert sorted(p.name for p in out.iterdir()) == names


def test_stop_during_the_batch_leaves_no_files(
    qtbot: QtBot,
    open_window: OpenWindow,
    answers: Answers,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # the worker waits after its first progress report until Stop is pressed (or 10 s)
    report = Progress.report

    def report_then_wait(self: Progress, done: int, total: int) -> None:
        report(self, done, total)
        if done == 1:
            self._cancel.wait(10)

    monkeypatch.setattr(Progress, "report", report_then_wait)
    window = open_window("teamleider")
    page = open_batch(window)
    start, end = batch_period()
    assert session_of(window).decisions.set_between(start.isoformat(), end.isoformat())
    retype(qtbot, page.from_edit, typed(start))
    retype(qtbot, page.until_edit, typed(end))
    folder = tmp_path / "archief"
    folder.mkdir()
    page.folder_edit.setText(str(folder))
    click(qtbot, page.export_button)
    qtbot.waitUntil(lambda: page.progress_bar.value() == 1, timeout=15000)
    assert "1 van" in page.progress_label.text()
    click(qtbot, page.stop_button)
    qtbot.waitUntil(lambda: page.task is None, timeout=15000)
    assert list(folder.iterdir()) == []
    assert page.result_label.text() == (
        "Het exporteren is gestopt. Er zijn geen documenten achtergebleven."
    )
    assert not page.open_button.isVisible()
    assert page.export_button.isEnabled()


def test_the_batch_is_the_teamleiders_and_asks_before_the_share(
    qtbot: QtBot, open_window: OpenWindow, answers: Answers, tmp_path: Path
) -> None:
    klantmanager = open_window("klantmanager")
    assert "approvals" not in klantmanager._nav_keys
    window = open_window("teamleider")
    session = session_of(window)
    share = tmp_path / "share"
    share.mkdir()
    session.store.set_meta("sync.share_folder", str(share))
    page = open_batch(window)
    page.folder_edit.setText(str(share))
    click(qtbot, page.export_button)
    assert answers.names() == ["exportShareWarning"]
    assert page.task is None
    assert list(share.iterdir()) == []
    # an impossible period is said, and cannot be started
    until = page.until_edit.value()
    assert until is not None
    retype(qtbot, page.from_edit, typed(until + dt.timedelta(days=1)))
    assert "eindigt" in page.target_label.text()
    assert not page.export_button.isEnabled()
    # a date that is not one is said too, and cannot be started
    retype(qtbot, page.from_edit, "31-2")
    assert "bestaat niet" in page.target_label.text()
    assert not page.export_button.isEnabled()


def test_the_export_screens_in_english(open_window: OpenWindow) -> None:
    i18n.set_language("en")
    window = open_window("teamleider")
    page = open_batch(window)
    assert page.export_button.text() == "&Export"
    assert "personal data" in page.notice_label.text()
    assert page.gemeente_combo.itemText(0) == "All gemeenten"


def test_the_batch_window_is_named_and_tabs_around(
    qtbot: QtBot, open_window: OpenWindow, answers: Answers, tmp_path: Path
) -> None:
    window = open_window("teamleider")
    page = open_batch(window)
    dialog = page.window()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    page.folder_edit.setText(str(tmp_path))
    click(qtbot, page.export_button)
    qtbot.waitUntil(lambda: page.task is None, timeout=30000)
    assert page.open_button.isVisible()
    assert unnamed(dialog) == []
    assert missed_by_tab(qtbot, dialog) == []
