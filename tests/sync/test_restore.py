"""A restored laptop loses nothing: what it wrote after the backup comes back from its own
folder on the share, its numbering and audit chains continue after it, and what it writes next
reaches the team. Until that first sync it refuses to write (and says why)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import PASSPHRASE, run_clock
from tests.sync.conftest import Team
from tests.sync.test_sync import new_resident
from werkplein.errors import SyncFirst
from werkplein.services.session import Session
from werkplein.store.profile import TEST_ITERATIONS
from werkplein.store.restore import restore_backup
from werkplein.sync import engine


def notes(session: Session, inwoner: str) -> set[str]:
    return {n["text"] for n in session.store.find("notitie", "inwoner_id = ?", (inwoner,))}


def test_restore_after_losing_the_laptop_loses_nothing_either_way(
    team: Team, tmp_path: Path
) -> None:
    tl = team.found()
    km = team.add("km", "klantmanager")
    inwoner = new_resident(tl)
    team.sync_all()
    backup = tmp_path / "tl.backup"
    tl.store.backup(backup, PASSPHRASE)
    after_backup = {f"Na de back-up {n}" for n in range(5)}
    for text in sorted(after_backup):
        tl.residents.write_note(inwoner, text)
    team.sync("tl")
    team.laptops.pop("tl").close()  # the laptop is lost

    restore_backup(backup, tmp_path / "teruggezet", PASSPHRASE)
    restored = Session.open(tmp_path / "teruggezet", PASSPHRASE, clock=team.clocks["tl"])
    team.laptops["tl"] = restored
    assert not (notes(restored, inwoner) & after_backup)
    with pytest.raises(SyncFirst):
        restored.residents.write_note(inwoner, "Te vroeg")
    with pytest.raises(SyncFirst):
        restored.residents.dossier(inwoner)  # even a view: its audit entry would fork the chain
    restored.sharing.sync()
    assert after_backup <= notes(restored, inwoner)  # back from the share
    new = {f"Na het terugzetten {n}" for n in range(3)}
    for text in sorted(new):
        restored.residents.write_note(inwoner, text)
    assert engine.pending(restored.store) == 3
    restored.sharing.sync()
    assert engine.pending(restored.store) == 0
    team.sync("km")
    assert (after_backup | new) <= notes(km, inwoner)
    assert km.store.digest() == restored.store.digest()
    for session in (restored, km):
        assert session.store.integrity_problems() == []


def test_a_restored_laptop_outside_a_team_writes_at_once(tmp_path: Path) -> None:
    clock = run_clock()
    alone = Session.create(
        tmp_path / "alleen",
        PASSPHRASE,
        "Alleen",
        "klantmanager",
        kdf_iterations=TEST_ITERATIONS,
        clock=clock,
    )
    inwoner = new_resident(alone)
    alone.store.backup(tmp_path / "a.backup", PASSPHRASE)
    alone.close()
    restore_backup(tmp_path / "a.backup", tmp_path / "terug", PASSPHRASE)
    with Session.open(tmp_path / "terug", PASSPHRASE, clock=clock) as back:
        back.residents.write_note(inwoner, "Gewoon verder")
