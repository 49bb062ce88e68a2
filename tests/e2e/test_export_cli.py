"""The export commands exactly as the issue wrote them, through the real command line."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from tests import pdftools
from tests.conftest import days, make_demo, today
from tests.e2e.conftest import PASSPHRASE, RunCli, one_line

pytestmark = [pytest.mark.slow, pytest.mark.dates]


@pytest.fixture(scope="module")
def profile(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("cli-export") / "teamleider"
    make_demo(folder, residents=30, seed=5, role="teamleider")
    return folder


# the year up to today: the demo was built over the past year, so it holds every set decision
FROM, TO = days(-365), days(0)


def rows(folder: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO((folder / "overzicht.csv").read_text("utf-8"))))


def test_export_decisions_then_one_decision_and_its_letter(
    run_cli: RunCli, profile: Path, tmp_path: Path
) -> None:
    out = tmp_path / "besluiten"
    proc = run_cli(
        "export",
        "decisions",
        "--data-dir",
        profile,
        "--from",
        FROM,
        "--to",
        f"{today():%d-%m-%Y}",  # the command takes both orders of a date
        "--out",
        out,
    )
    assert proc.returncode == 0, proc.stderr
    found = rows(out)
    assert found
    assert list(found[0])[:6] == [
        "besluit_id",
        "casus_id",
        "gemeente",
        "vastgesteld_op",
        "uitkomst",
        "afwijking_beleid",
    ]
    assert len(list(out.glob("besluit-*.pdf"))) == len(found)
    assert f"{len(found)} besluiten geëxporteerd" in proc.stdout

    gemeente = found[0]["gemeente"]
    per = tmp_path / "per-gemeente"
    proc = run_cli(
        "export",
        "decisions",
        "--data-dir",
        profile,
        "--from",
        FROM,
        "--to",
        TO,
        "--out",
        per,
        "--gemeente",
        gemeente,
    )
    assert proc.returncode == 0, proc.stderr
    assert {r["gemeente"] for r in rows(per)} == {gemeente}

    besluit = found[0]["besluit_id"]
    pdf = tmp_path / "besluit.pdf"
    proc = run_cli("export", "decision", "--data-dir", profile, "--id", besluit, "--out", pdf)
    assert proc.returncode == 0, proc.stderr
    assert "Gemotiveerd besluit" in pdftools.text(pdf)
    assert "persoonsgegevens zonder versleuteling" in proc.stderr
    letter = tmp_path / "brief.pdf"
    proc = run_cli(
        "export", "decision", "--data-dir", profile, "--id", besluit, "--out", letter, "--letter"
    )
    assert proc.returncode == 0, proc.stderr
    assert "bezwaar" in pdftools.text(letter)


def test_export_errors_are_one_clear_line(run_cli: RunCli, profile: Path, tmp_path: Path) -> None:
    proc = run_cli(
        "export", "decision", "--data-dir", profile, "--id", "onbekend", "--out", tmp_path / "x.pdf"
    )
    assert proc.returncode == 1
    assert one_line(proc).startswith("Niet gevonden")
    proc = run_cli(
        "export",
        "decisions",
        "--data-dir",
        profile,
        "--from",
        FROM,
        "--to",
        TO,
        "--out",
        tmp_path / "g",
        "--gemeente",
        "Nergens",
    )
    assert proc.returncode == 1
    assert "kies een van" in one_line(proc)
    proc = run_cli(
        "export",
        "decisions",
        "--data-dir",
        profile,
        "--from",
        "gisteren",
        "--to",
        TO,
        "--out",
        tmp_path / "d",
    )
    assert proc.returncode == 2
    proc = run_cli(
        "export",
        "decision",
        "--data-dir",
        profile,
        "--id",
        "x",
        "--out",
        tmp_path / "y.pdf",
        passphrase="wrong passphrase!",
    )
    assert proc.returncode == 1
    assert "wachtwoordzin" in one_line(proc)
    proc = run_cli(
        "--lang",
        "en",
        "export",
        "decisions",
        "--data-dir",
        profile,
        "--from",
        FROM,
        "--to",
        TO,
        "--out",
        tmp_path / "h",
        "--gemeente",
        "Nowhere",
    )
    assert "choose one of" in one_line(proc)
    assert list(tmp_path.iterdir()) == []


def test_export_into_the_share_needs_the_flag(
    run_cli: RunCli, profile: Path, tmp_path: Path
) -> None:
    from werkplein.services.session import Session

    share = tmp_path / "share"
    share.mkdir()
    with Session.open(profile, PASSPHRASE) as session:
        previous = session.store.meta("sync.share_folder")
        session.store.set_meta("sync.share_folder", str(share))
        besluit = session.store.find("besluit", "status = 'vastgesteld'")[0]["id"]
    try:
        proc = run_cli(
            "export", "decision", "--data-dir", profile, "--id", besluit, "--out", share / "b.pdf"
        )
        assert proc.returncode == 1
        assert "gedeelde map" in one_line(proc)
        assert list(share.iterdir()) == []
        proc = run_cli(
            "export",
            "decision",
            "--data-dir",
            profile,
            "--id",
            besluit,
            "--out",
            share / "b.pdf",
            "--into-share",
        )
        assert proc.returncode == 0, proc.stderr
        assert (share / "b.pdf").exists()
    finally:
        with Session.open(profile, PASSPHRASE) as session:
            session.store.set_meta("sync.share_folder", previous or "")
