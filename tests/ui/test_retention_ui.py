"""The dossier says when it may be destroyed; the teamleider keeps it longer, with a reason."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from tests.conftest import PASSPHRASE, TEST_NOW
from tests.core.test_services import new_resident
from ui.dialogs.keep_until import KeepUntilDialog
from ui.pages.dossier import DossierPage
from werkplein.services.session import Session
from werkplein.store.clock import FixedClock
from werkplein.store.profile import TEST_ITERATIONS

from .test_home_shell import open_window


def old_dossier(folder: Path, role: str) -> str:
    past = FixedClock(TEST_NOW - dt.timedelta(days=12 * 366))
    with Session.create(
        folder, PASSPHRASE, "Tessa", role, kdf_iterations=TEST_ITERATIONS, clock=past
    ) as then:
        inwoner_id = new_resident(then)
        then.cases.close(then.cases.open(inwoner_id, "Oud"))
    return inwoner_id


def test_the_teamleider_keeps_an_old_dossier_longer(
    qtbot: QtBot, tmp_path: Path, clock: FixedClock
) -> None:
    inwoner_id = old_dossier(tmp_path / "p", "teamleider")
    window = open_window(qtbot, Session.open(tmp_path / "p", PASSPHRASE, clock=clock))
    window.open_dossier(inwoner_id)
    page = window.detail
    assert isinstance(page, DossierPage)
    assert "Bewaartermijn: het dossier is beëindigd op" in page.overview.summary.text()
    assert page.overview.keep_button.isVisible()
    dialog = page.keep_longer()
    assert isinstance(dialog, KeepUntilDialog)
    until = clock.today() + dt.timedelta(days=500)
    qtbot.keyClicks(dialog.until_edit.edit, f"{until:%d-%m-%Y}")
    qtbot.keyClicks(dialog.reason_edit, "Bezwaar loopt")
    dialog.keep()
    assert "Bewaard tot" in page.overview.summary.text()
    assert "Bezwaar loopt" in page.overview.summary.text()
    session = window.session
    assert session is not None
    assert session.retention.due() == []


def test_a_klantmanager_reads_the_retention_but_cannot_keep_longer(
    qtbot: QtBot, tmp_path: Path, clock: FixedClock
) -> None:
    inwoner_id = old_dossier(tmp_path / "p", "klantmanager")
    window = open_window(qtbot, Session.open(tmp_path / "p", PASSPHRASE, clock=clock))
    window.open_dossier(inwoner_id)
    page = window.detail
    assert isinstance(page, DossierPage)
    assert "Bewaartermijn:" in page.overview.summary.text()
    assert not page.overview.keep_button.isVisible()


def test_the_destruction_list_is_saved_for_the_archive_and_destroyed(
    qtbot: QtBot, tmp_path: Path, clock: FixedClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tests.pdftools import text as pdf_text
    from ui.pages import destruction as destruction_module
    from ui.pages.destruction import DestructionPage

    inwoner_id = old_dossier(tmp_path / "p", "teamleider")
    session = Session.open(tmp_path / "p", PASSPHRASE, clock=clock)
    window = open_window(qtbot, session)
    assert "destruction" in window._nav_keys
    window.go("destruction")
    page = window.pages["destruction"]
    assert isinstance(page, DestructionPage)
    assert page.model.rowCount() == 1
    assert page.chosen() == [inwoner_id]  # none selected: all
    archive = tmp_path / "archief"
    archive.mkdir()
    page.save_list(folder=archive, reason="Bewaartermijn verstreken (selectielijst)")
    [pdf] = archive.glob("*.pdf")
    [table] = archive.glob("*.csv")
    rows = table.read_text(encoding="utf-8-sig").splitlines()
    assert rows[0] == "inwoner_id;gemeente;category;ended_on;destroy_on"
    assert rows[1].startswith(f"{inwoner_id};Lindendal;dossier;")
    text = pdf_text(pdf)
    assert "Vernietigingslijst" in text
    assert inwoner_id[:8] in text
    for name in ("Zwaluwstaart", "Fenna", "123456782"):
        assert name not in text + table.read_text(encoding="utf-8-sig")
    monkeypatch.setattr(destruction_module, "confirm", lambda *_a, **_k: True)
    page.destroy_dossiers(reason="Bewaartermijn verstreken (selectielijst)")
    assert page.progress_bar.isVisible()  # on a worker, with a stop button
    assert page.stop_button.isVisible()
    qtbot.waitUntil(lambda: page.task is None, timeout=10_000)
    assert not page.progress_bar.isVisible()
    assert page.model.rowCount() == 0
    assert session.store.get("inwoner", inwoner_id) is None
    assert window.statusBar().currentMessage() == "1 dossier vernietigd."


def test_the_teamleider_erases_a_resident_on_request(
    qtbot: QtBot, tmp_path: Path, clock: FixedClock
) -> None:
    from ui.dialogs.erase import EraseDialog

    inwoner_id = old_dossier(tmp_path / "p", "teamleider")
    session = Session.open(tmp_path / "p", PASSPHRASE, clock=clock)
    running = session.residents.create(
        bsn="100000009", first_names="Joris", last_name="Ansems",
        birth_date="01-02-1970", gemeente="Lindendal",
    )  # fmt: skip
    session.cases.open(running, "Werk")
    window = open_window(qtbot, session)
    window.open_dossier(running)
    page = window.detail
    assert isinstance(page, DossierPage)
    assert page.overview.erase_button.isVisible()
    refused = page.erase_on_request()
    assert isinstance(refused, EraseDialog)
    assert "loopt nog" in refused.error_label.text()  # the duty to keep, at once
    refused.reject()

    window.open_dossier(inwoner_id)
    page = window.detail
    assert isinstance(page, DossierPage)
    dialog = page.erase_on_request()
    assert dialog.error_label.text() == ""
    assert not dialog.erase_button.isEnabled()
    qtbot.keyClicks(dialog.reason_edit, "Verzoek van 3 december")
    assert not dialog.erase_button.isEnabled()  # not before it is confirmed
    dialog.sure.setChecked(True)
    assert dialog.erase_button.isEnabled()
    with qtbot.waitSignal(dialog.accepted, timeout=10_000):
        dialog.erase_button.click()
    assert session.store.get("inwoner", inwoner_id) is None
    assert session.store.get("inwoner", running) is not None
    assert window._current[0] == "residents"
    assert window.statusBar().currentMessage().startswith("De inwoner is gewist")
