"""Crash safety: an import killed with SIGKILL leaves either nothing or everything, and a
healthy profile that the same import then completes."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from .conftest import RunCli, cli_env, database_file, resident_rows, status, write_csv

RESIDENTS = 30_000
GROWTH_KILL_BYTES = 1024 * 1024  # the import is writing its transaction to disk
DEADLINE_S = 90


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except FileNotFoundError:
        return 0


@pytest.mark.slow
def test_import_killed_midway_is_all_or_nothing(
    run_cli: RunCli, profile: Path, tmp_path: Path, fresh_status: dict[str, Any]
) -> None:
    csv_file = write_csv(tmp_path / "groot.csv", resident_rows(RESIDENTS), delimiter=";")
    db = database_file(profile)
    wal = db.with_name(db.name + "-wal")
    db_size = _size(db)
    before = fresh_status
    assert before["counts"]["residents"] == 0

    # The import builds its one transaction in memory and then writes it to the write-ahead
    # log: kill it while it does, so the WAL holds part of an uncommitted (or just committed)
    # transaction. (A store that committed in batches would show residents in between.)
    proc = subprocess.Popen(
        [sys.executable, "-m", "werkplein", "import", "residents", "--data-dir", profile, csv_file],
        env=cli_env(),
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    started = time.monotonic()
    try:
        while proc.poll() is None and time.monotonic() - started < DEADLINE_S:
            # (should the store ever leave WAL mode, the database file itself grows instead)
            if _size(wal) > GROWTH_KILL_BYTES or _size(db) > db_size + GROWTH_KILL_BYTES:
                proc.send_signal(signal.SIGKILL)
                break
            time.sleep(0.005)
        proc.wait(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert proc.stderr is not None
    with proc.stderr:
        stderr = proc.stderr.read().decode("utf-8", "replace")
    assert proc.returncode == -signal.SIGKILL, (
        f"the import was not caught mid-way (exit {proc.returncode}): {stderr}"
    )

    check = run_cli("check", "--data-dir", profile)
    assert check.returncode == 0, check.stdout + check.stderr
    after_kill = status(run_cli, profile)
    assert after_kill["counts"]["residents"] in (0, RESIDENTS)
    if after_kill["counts"]["residents"] == 0:
        assert after_kill["digest"] == before["digest"]
        assert after_kill["changes"] == before["changes"]

    # the same import run again completes: every resident is there, each logged once
    done = run_cli("import", "residents", "--data-dir", profile, csv_file)
    assert done.returncode == 0, done.stderr
    final = status(run_cli, profile)
    assert final["counts"]["residents"] == RESIDENTS
    assert final["changes"] == before["changes"] + RESIDENTS
