"""A laptop killed (SIGKILL) at every step of a revocation and of a restore leaves a consistent
state from which the same operation finishes: the profile passes ``check``, the revoked laptop
reads nothing written afterwards, no key generation is issued twice, and nothing is lost.

Each operation runs in a child process (kill_child.py) that kills itself right after its N-th
durable step (a file renamed into place, a committed transaction), for N = 1, 2, ... until it
finishes without being killed.
"""

from __future__ import annotations

import contextlib
import shutil
import signal
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import PASSPHRASE
from tests.sync.conftest import START, Team
from tests.sync.test_restore import notes
from tests.sync.test_sync import GENERAL, new_resident
from werkplein.errors import DeviceRevoked
from werkplein.services.session import Session
from werkplein.store.clock import FixedClock, iso
from werkplein.store.profile import has_profile
from werkplein.store.restore import restore_backup
from werkplein.sync import engine, keys
from werkplein.sync import team as team_module

pytestmark = pytest.mark.slow
CHILD = Path(__file__).with_name("kill_child.py")
MAX_STEPS = 40


def run_child(*args: str) -> subprocess.CompletedProcess[str]:
    env = {
        "PATH": "/usr/bin:/bin",
        "WERKPLEIN_NOW": iso(START),
        "WERKPLEIN_TEST_KDF": "1",
        "WERKPLEIN_TEST_PASSPHRASE": PASSPHRASE,
        "PYTHONDONTWRITEBYTECODE": "1",
    }
    return subprocess.run(
        [sys.executable, str(CHILD), *args],
        check=False,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def every_kill(
    work: Path, template: Path, args: Callable[[int], list[str]], check: Callable[[int], None]
) -> int:
    """Kill after step 1, 2, ... on a fresh copy of ``template`` each time (at the same path,
    since profiles name their share by path); ``check`` each outcome. Returns the steps."""
    for kill_at in range(1, MAX_STEPS):
        shutil.rmtree(work)
        shutil.copytree(template, work)
        result = run_child(*args(kill_at))
        if result.returncode == 0:
            steps = int(result.stdout.strip().rsplit("=", 1)[1])
            assert steps == kill_at - 1
            check(kill_at)
            return steps
        assert result.returncode == -signal.SIGKILL, result.stderr
        check(kill_at)
    raise AssertionError("the operation never finished")


def reopen(work: Path, names: list[str]) -> Team:
    team = Team(work, work / "share")
    for name in names:
        clock = FixedClock(START)
        team.laptops[name] = Session.open(work / name, PASSPHRASE, clock=clock)
        team.clocks[name] = clock
    return team


def test_a_revocation_killed_at_any_step_finishes_and_locks_the_laptop_out(
    tmp_path: Path,
) -> None:
    work, template = tmp_path / "work", tmp_path / "template"
    built = Team(work, work / "share")
    tl = built.found()
    km = built.add("km", "klantmanager")
    built.add("wc", "werkcoach")
    ba = built.add("ba", "boete_ambtenaar")
    inwoner = new_resident(tl)
    built.sync_all()
    ba.fines.open(inwoner, "Niet gemeld")
    km.residents.write_note(inwoner, "Van de klantmanager, voor het verlies.")
    built.sync_all()
    lost = km.store.device_id
    built.close()
    shutil.copytree(work, template)

    def check(kill_at: int) -> None:
        team = reopen(work, ["tl", "km", "wc", "ba"])
        try:
            tl, km, wc, ba = (team.laptops[n] for n in ("tl", "km", "wc", "ba"))
            assert tl.store.integrity_problems() == [], kill_at
            stolen = team_module.require_team(km.store)
            team.sync("tl")  # the next sync finishes a rotation that was cut off
            if not any(d.revoked for d in tl.sharing.devices() if d.device_id == lost):
                tl.sharing.revoke(lost)  # the teamleider tries again
            team.laptops.pop("km")
            for _round in range(2):
                for name in ("tl", "wc", "ba"):
                    team.sync(name)
            wc.residents.write_note(inwoner, f"Na de intrekking {kill_at}")
            for _round in range(2):
                for name in ("tl", "wc", "ba"):
                    team.sync(name)
            share = team_module.share_of(tl.store)
            roster = team_module.load_roster(tl.store, share, team_module.require_team(tl.store))
            assert not keys.rotation_due(tl.store, share, roster), kill_at
            held = {
                n: team_module.require_team(s.store)
                for n, s in (("tl", tl), ("wc", wc), ("ba", ba))
            }
            assert {k.current for k in held.values()} == {held["tl"].current}
            for number, (team_key, _fines) in held["tl"].later.items():
                assert held["wc"].later[number][0] == team_key  # never two keys for one number
                assert held["ba"].later[number] == held["tl"].later[number]
            assert stolen.generation(held["tl"].current) is None
            assert tl.store.digest() == ba.store.digest()
            assert wc.store.digest(GENERAL) == tl.store.digest(GENERAL)
            for session in (tl, wc, ba):
                assert session.store.integrity_problems() == [], kill_at
                texts = notes(session, inwoner)
                assert "Van de klantmanager, voor het verlies." in texts
                assert f"Na de intrekking {kill_at}" in texts
            with contextlib.suppress(DeviceRevoked):
                km.sharing.sync()  # the lost laptop, with its whole profile
            assert f"Na de intrekking {kill_at}" not in notes(km, inwoner)
            km.close()
        finally:
            team.close()

    steps = every_kill(work, template, lambda k: ["revoke", str(work), lost, str(k)], check)
    assert steps >= 4  # revocation, key file, keys kept, snapshot: each one was cut


def test_a_restore_killed_at_any_step_loses_nothing(tmp_path: Path) -> None:
    work, template = tmp_path / "work", tmp_path / "template"
    built = Team(work, work / "share")
    tl = built.found()
    built.add("km", "klantmanager")
    inwoner = new_resident(tl)
    built.sync_all()
    backup = tmp_path / "tl.backup"
    tl.store.backup(backup, PASSPHRASE)
    after_backup = {f"Na de back-up {n}" for n in range(5)}
    for text in sorted(after_backup):
        tl.residents.write_note(inwoner, text)
    built.sync("tl")
    built.laptops.pop("tl").close()  # lost
    built.close()
    shutil.copytree(work, template)

    def check(kill_at: int) -> None:
        restored_dir = work / "restored"
        if not has_profile(restored_dir):  # cut off before the profile appeared: again
            restore_backup(backup, restored_dir, PASSPHRASE)
        team = reopen(work, ["km", "restored"])
        try:
            restored, km = team.laptops["restored"], team.laptops["km"]
            assert restored.store.integrity_problems() == [], kill_at
            written = {t for t in notes(restored, inwoner) if t.startswith("Na het terugzetten")}
            restored.sharing.sync()
            assert after_backup <= notes(restored, inwoner), kill_at
            restored.residents.write_note(inwoner, f"Daarna {kill_at}")
            restored.sharing.sync()
            assert engine.pending(restored.store) == 0
            team.sync("km")
            assert (after_backup | written | {f"Daarna {kill_at}"}) <= notes(km, inwoner)
            assert km.store.digest() == restored.store.digest()
            for session in (restored, km):
                assert session.store.integrity_problems() == [], kill_at
        finally:
            team.close()

    steps = every_kill(work, template, lambda k: ["restore", str(work), str(backup), str(k)], check)
    assert steps >= 5
