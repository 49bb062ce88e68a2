"""The dossier says when it may be destroyed; the teamleider keeps it longer, with a reason."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

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
