"""`werkplein retention`: the vernietigingslijst for municipal IT scripts (issue contract)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from tests.conftest import PASSPHRASE, TEST_NOW
from tests.core.test_services import new_resident
from werkplein.services.session import Session
from werkplein.store.clock import FixedClock
from werkplein.store.profile import TEST_ITERATIONS

from .conftest import RunCli, one_line


def profile_with_an_old_dossier(folder: Path, role: str = "teamleider") -> str:
    past = FixedClock(TEST_NOW - dt.timedelta(days=12 * 366))
    with Session.create(
        folder, PASSPHRASE, "Tessa", role, kdf_iterations=TEST_ITERATIONS, clock=past
    ) as then:
        inwoner_id = new_resident(then)
        then.cases.close(then.cases.open(inwoner_id, "Oud"))
    return inwoner_id


def test_retention_lists_the_dossiers_past_their_date(run_cli: RunCli, tmp_path: Path) -> None:
    folder = tmp_path / "p"
    inwoner_id = profile_with_an_old_dossier(folder)
    proc = run_cli("retention", "--data-dir", folder, "--json")
    assert proc.returncode == 0, proc.stderr
    listed = json.loads(proc.stdout)
    assert [row["inwoner_id"] for row in listed] == [inwoner_id]
    assert set(listed[0]) >= {"inwoner_id", "gemeente", "ended_on", "destroy_on"}
    assert listed[0]["destroy_on"] <= TEST_NOW.date().isoformat()
    text = run_cli("retention", "--data-dir", folder)
    assert text.returncode == 0
    assert inwoner_id in text.stdout
    assert "Zwaluwstaart" not in text.stdout + proc.stdout  # ids and dates only


def test_retention_is_the_teamleiders(run_cli: RunCli, tmp_path: Path) -> None:
    folder = tmp_path / "p"
    profile_with_an_old_dossier(folder, role="klantmanager")
    proc = run_cli("retention", "--data-dir", folder, "--json")
    assert proc.returncode == 1
    assert one_line(proc) == (
        "Uw rol (klantmanager) mag dit niet: de vernietigingslijst van dossiers bijhouden."
    )


def test_erase_and_destroy_through_the_cli(run_cli: RunCli, tmp_path: Path) -> None:
    folder = tmp_path / "p"
    profile_with_an_old_dossier(folder)
    out = tmp_path / "inzage.pdf"
    assert run_cli("export", "inzage", "--data-dir", folder, "--bsn", "123456782",
                   "--out", out).returncode == 0  # fmt: skip
    refused = run_cli("erase", "--data-dir", folder, "--bsn", "100000009", "--reason", "x")
    assert refused.returncode == 1  # no such resident
    done = run_cli(
        "erase", "--data-dir", folder, "--bsn", "123456782", "--reason", "Verzoek inwoner"
    )
    assert done.returncode == 0, done.stderr
    gone = run_cli("export", "inzage", "--data-dir", folder, "--bsn", "123456782",
                   "--out", tmp_path / "again.pdf")  # fmt: skip
    assert gone.returncode == 1
    destroyed = run_cli("retention", "destroy", "--data-dir", folder, "--reason", "Jaarlijks",
                        "--json")  # fmt: skip
    assert destroyed.returncode == 0, destroyed.stderr
    assert json.loads(destroyed.stdout) == {"destroyed": 0}  # the only one is erased already
    assert run_cli("check", "--data-dir", folder).returncode == 0


def test_erase_is_refused_with_the_reason_while_the_dossier_runs(
    run_cli: RunCli, tmp_path: Path
) -> None:
    folder = tmp_path / "p"
    with Session.create(
        folder, PASSPHRASE, "Tessa", "teamleider", kdf_iterations=TEST_ITERATIONS,
        clock=FixedClock(TEST_NOW),
    ) as session:  # fmt: skip
        session.cases.open(new_resident(session), "Loopt nog")
    proc = run_cli("erase", "--data-dir", folder, "--bsn", "123456782", "--reason", "Verzoek")
    assert proc.returncode == 1
    assert one_line(proc) == (
        "Dit dossier loopt nog (een open casus, een besluitperiode, een boete, een gepland "
        "huisbezoek of een overdracht): het kan niet worden gewist."
    )
