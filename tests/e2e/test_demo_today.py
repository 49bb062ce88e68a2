"""The demo lives: it is built around the day it runs, the same seed and day give the same
region, ``--today`` reproduces one, and ``--renew`` replaces a demo region of another day (never a
real profile). ``WERKPLEIN_NOW`` moves a command's clock; a bad value is a clear error."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from tests.conftest import PASSPHRASE, TEST_NOW, run_clock
from tests.e2e.conftest import RunCli, one_line, snapshot, status
from werkplein.demo import DEMO_DAY_KEY, build_demo
from werkplein.domain.dates import local_day
from werkplein.services.session import Session
from werkplein.store.clock import FixedClock, iso
from werkplein.store.profile import TEST_ITERATIONS

pytestmark = pytest.mark.dates  # the run's day matters: kept in the runs at other dates


def test_the_demo_region_is_built_around_today(tmp_path: Path) -> None:
    clock = run_clock()
    today = clock.today()
    summary = build_demo(
        tmp_path / "demo", PASSPHRASE, residents=30, kdf_iterations=TEST_ITERATIONS, clock=clock
    )
    assert summary["today"] == today.isoformat()
    week = (today + dt.timedelta(days=7)).isoformat()
    with Session.open(tmp_path / "demo", PASSPHRASE, clock=clock) as km:
        coming = km.visits.planned(until=week)
        assert coming, "Mijn werk shows visits in the coming 7 days"
        assert all(local_day(v["gepland_op"]) >= today.isoformat() for v in coming)
        done = km.store.find("huisbezoek", "status = 'uitgevoerd'")
        assert done
        # carried out at the planned time (the visit's own time, not when Afronden was clicked)
        assert all(
            dt.datetime.fromisoformat(v["gepland_op"].replace("Z", "+00:00"))
            == dt.datetime.fromisoformat(v["uitgevoerd_op"].replace("Z", "+00:00"))
            for v in done
        )
        assert local_day(max(v["uitgevoerd_op"] for v in done)) <= today.isoformat()
        decisions = km.store.find("besluit", "heroverweging_op IS NOT NULL")
        assert any(d["heroverweging_op"] > today.isoformat() for d in decisions)
        # nothing was changed after the moment the region was made
        [(last,)] = km.store.conn.execute("SELECT max(at) FROM change_log").fetchall()
        assert last <= iso(clock.now())
        assert km.store.meta(DEMO_DAY_KEY) == today.isoformat()


def test_the_same_seed_and_day_give_the_same_region(run_cli: RunCli, tmp_path: Path) -> None:
    day = (TEST_NOW + dt.timedelta(days=40)).date().isoformat()
    digests = []
    for name in ("a", "b"):
        proc = run_cli(
            "demo", "--data-dir", tmp_path / name, "--residents", "5", "--seed", "3", "--today", day
        )
        assert proc.returncode == 0, proc.stderr
        assert day in proc.stdout
        digests.append(status(run_cli, tmp_path / name)["digest"])
    proc = run_cli("demo", "--data-dir", tmp_path / "c", "--residents", "5", "--seed", "3")
    assert proc.returncode == 0, proc.stderr
    assert run_clock().today().isoformat() in proc.stdout  # without --today: the run's day
    assert digests[0] == digests[1]
    assert status(run_cli, tmp_path / "c")["digest"] != digests[0]


def test_renew_replaces_only_a_demo_region_of_another_day(run_cli: RunCli, tmp_path: Path) -> None:
    demo = tmp_path / "demo"
    old_day = (run_clock().today() - dt.timedelta(days=9)).isoformat()
    args = ("demo", "--data-dir", demo, "--residents", "4")
    assert run_cli(*args, "--today", old_day).returncode == 0
    old_digest = status(run_cli, demo)["digest"]

    proc = run_cli(*args, "--renew")
    assert proc.returncode == 0, proc.stderr
    assert run_clock().today().isoformat() in proc.stdout
    renewed = status(run_cli, demo)["digest"]
    assert renewed != old_digest

    before = snapshot(demo)
    proc = run_cli(*args, "--renew")  # already of today: nothing changes
    assert proc.returncode == 0, proc.stderr
    assert "al van die dag" in proc.stdout
    assert snapshot(demo) == before

    real = tmp_path / "echt"
    assert (
        run_cli("init", "--data-dir", real, "--name", "Echt", "--role", "teamleider").returncode
        == 0
    )
    before = snapshot(real)
    proc = run_cli("demo", "--data-dir", real, "--residents", "4", "--renew")
    assert proc.returncode == 1
    assert "staat al een Werkplein-profiel" in one_line(proc)
    assert snapshot(real) == before


def test_werkplein_now_moves_a_commands_clock(run_cli: RunCli, tmp_path: Path) -> None:
    leap = "2028-02-29T10:00Z"
    proc = run_cli(
        "demo", "--data-dir", tmp_path / "d", "--residents", "3", env={"WERKPLEIN_NOW": leap}
    )
    assert proc.returncode == 0, proc.stderr
    assert "2028-02-29" in proc.stdout
    with Session.open(tmp_path / "d", PASSPHRASE, clock=FixedClock(TEST_NOW)) as session:
        assert session.store.meta(DEMO_DAY_KEY) == "2028-02-29"

    proc = run_cli("status", "--data-dir", tmp_path / "d", env={"WERKPLEIN_NOW": "morgen"})
    assert proc.returncode == 1
    assert "WERKPLEIN_NOW" in one_line(proc)
    proc = run_cli(
        "--lang", "en", "status", "--data-dir", tmp_path / "d", env={"WERKPLEIN_NOW": "x"}
    )
    assert "is not a date or moment" in one_line(proc)
