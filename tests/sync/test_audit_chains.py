"""The audit chain verifies on every laptop of an ordinary team, whichever key channels it
receives and in whatever order it syncs, and every laptop's backup restores; tampering is still
found; a failed restore leaves nothing behind."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import PASSPHRASE
from tests.sync.conftest import Team
from tests.sync.test_sync import new_resident
from werkplein.store.restore import BackupUnreadable, restore_backup

ROLES = (("km", "klantmanager"), ("wc", "werkcoach"), ("ba", "boete_ambtenaar"))


def ordinary_team(team: Team) -> tuple[str, str]:
    tl = team.found()
    for name, role in ROLES:
        team.add(name, role)
    inwoner = new_resident(tl)
    team.sync_all()
    boete_id = team.laptops["ba"].fines.open(inwoner, "Niet gemeld", benadelingsbedrag_cent=5000)
    team.sync_all()
    return inwoner, boete_id


def work(team: Team, who: str, inwoner: str, boete_id: str, step: int) -> None:
    """What each role does on an ordinary day; every action leaves audit entries."""
    session = team.laptops[who]
    if who in ("ba", "tl", "km"):
        session.fines.get(boete_id)  # a view of a fine: its entry travels under the fine key
    session.residents.dossier(inwoner)
    session.residents.write_note(inwoner, f"Notitie {step} van {who}")
    if who == "ba":
        session.fines.add_reconsideration(boete_id, f"Overweging {step}")


@settings(
    max_examples=6,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(order=st.lists(st.sampled_from(("tl", "km", "wc", "ba")), min_size=4, max_size=16))
def test_check_passes_on_every_laptop_after_any_order_of_syncs(order: list[str]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        team = Team(Path(tmp), Path(tmp) / "share")
        try:
            inwoner, boete_id = ordinary_team(team)
            for step, who in enumerate(order):
                work(team, who, inwoner, boete_id, step)
                team.sync(who)
            team.sync_all()
            for name, session in team.laptops.items():
                assert session.store.integrity_problems() == [], name
        finally:
            team.close()


def test_every_laptops_backup_restores_and_verifies(team: Team, tmp_path: Path) -> None:
    inwoner, boete_id = ordinary_team(team)
    for step, (who, _role) in enumerate((*ROLES, ("tl", ""))):
        work(team, who, inwoner, boete_id, step)
    team.sync_all()
    for name, session in team.laptops.items():
        backup = tmp_path / f"{name}.backup"
        session.store.backup(backup, PASSPHRASE)
        restore_backup(backup, tmp_path / f"restored-{name}", PASSPHRASE)


def test_an_edited_or_removed_entry_is_still_found(team: Team) -> None:
    inwoner, boete_id = ordinary_team(team)
    work(team, "ba", inwoner, boete_id, 1)
    team.sync_all()
    wc = team.laptops["wc"]
    conn = wc.store.conn
    conn.execute("DROP TRIGGER audit_log_no_update")
    conn.execute(
        "UPDATE audit_log SET action = 'view' WHERE seq = (SELECT max(seq) FROM audit_log "
        "WHERE device_id <> ?)",
        (wc.store.device_id,),
    )
    assert any("edited" in p for p in wc.store.integrity_problems())


def test_a_failed_restore_leaves_nothing_and_a_retry_works(team: Team, tmp_path: Path) -> None:
    tl = team.found()
    new_resident(tl)
    backup = tmp_path / "tl.backup"
    tl.store.backup(backup, PASSPHRASE)
    target = tmp_path / "terug"
    with pytest.raises(BackupUnreadable):
        restore_backup(backup, target, "een verkeerde wachtwoordzin")
    assert not target.exists()
    target.mkdir()
    (target / "notities.txt").write_text("van de gebruiker")
    with pytest.raises(BackupUnreadable):
        restore_backup(backup, target, "een verkeerde wachtwoordzin")
    assert [p.name for p in target.iterdir()] == ["notities.txt"]  # only what was there
    (target / "notities.txt").unlink()
    restore_backup(backup, target, PASSPHRASE)
    assert (target / "profile.json").is_file()
