"""Importing the caseload from the app: in a worker, with progress, all or nothing."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from ui.main_window import MainWindow
from werkplein.domain import bsn as bsn_rules
from werkplein.services.residents import ImportResult
from werkplein.services.session import Session
from werkplein.store.clock import FixedClock

HEADER = "bsn;voornamen;achternaam;geboortedatum;straat;huisnummer;postcode;woonplaats;gemeente\n"


def write_csv(path: Path, count: int, *, bad_line: int | None = None) -> Path:
    lines = [HEADER]
    number = 10_000_000
    while len(lines) <= count:
        number += 1
        first = f"{number:08d}"
        digit = bsn_rules.check_digit_for(first)
        if digit is None:
            continue
        bsn = f"{first}{digit}"
        if bad_line is not None and len(lines) + 1 == bad_line:
            bsn = first + str((digit + 1) % 10)  # fails the elfproef
        lines.append(
            f"{bsn};Kees;Testpersoon{len(lines)};01-02-1980;Molenweg;3;7311 AB;Ter Linde;"
            "Lindendal\n"
        )
    path.write_text("".join(lines), encoding="utf-8")
    return path


def window_for(qtbot: QtBot, folder: Path, passphrase: str, clock: FixedClock) -> MainWindow:
    window = MainWindow(Session.open(folder, passphrase, clock=clock))
    qtbot.addWidget(window)
    window.show()
    return window


def test_import_runs_in_a_worker_and_reports(
    qtbot: QtBot, profile_dir: Path, passphrase: str, tmp_path: Path, clock: FixedClock
) -> None:
    window = window_for(qtbot, profile_dir, passphrase, clock)
    csv_file = write_csv(tmp_path / "caseload.csv", 600)
    with qtbot.waitSignal(window.import_finished, timeout=30_000) as finished:
        window.import_residents(csv_file)
        assert window.import_dialog is not None  # progress with a cancel button
    result = finished.args[0]
    assert isinstance(result, ImportResult)
    assert result.created == 600
    assert window.session is not None
    assert window.session.store.counts()["residents"] == 600
    assert "600" in window.statusBar().currentMessage()


def test_refused_file_changes_nothing_and_says_why(
    qtbot: QtBot, profile_dir: Path, passphrase: str, tmp_path: Path, clock: FixedClock
) -> None:
    window = window_for(qtbot, profile_dir, passphrase, clock)
    csv_file = write_csv(tmp_path / "bad.csv", 50, bad_line=7)
    with qtbot.waitSignal(window.import_finished, timeout=30_000):
        window.import_residents(csv_file)
    box = window.findChild(QMessageBox, "errorBox")
    assert box is not None
    assert "7" in box.text()
    assert "elfproef" in box.text()
    assert window.session is not None
    assert window.session.store.counts()["residents"] == 0


def test_cancelled_import_changes_nothing(
    qtbot: QtBot, profile_dir: Path, passphrase: str, tmp_path: Path, clock: FixedClock
) -> None:
    window = window_for(qtbot, profile_dir, passphrase, clock)
    csv_file = write_csv(tmp_path / "big.csv", 3000)
    with qtbot.waitSignal(window.import_finished, timeout=30_000):
        task = window.import_residents(csv_file)
        assert task is not None
        task.progress.cancel()
    assert window.session is not None
    assert window.session.store.counts()["residents"] == 0
