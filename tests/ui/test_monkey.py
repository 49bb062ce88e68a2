"""A randomized working session ends alive: random keys, clicks, scrolls, resizes, page changes
and lock/unlock for a bounded time, while a colleague's laptop syncs changes into the profile
(tests/ui/monkey.py; a longer run is benchmarks/monkey.py)."""

from __future__ import annotations

import os
import random
import subprocess
import sys
from pathlib import Path

MONKEY = Path(__file__).with_name("monkey.py")
SECONDS = 20


def test_a_random_session_with_a_colleague_syncing_ends_alive(tmp_path: Path) -> None:
    seed = int(os.environ.get("WERKPLEIN_MONKEY_SEED") or random.randrange(1_000_000))
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "WERKPLEIN_TEST_KDF": "1"}
    result = subprocess.run(
        [sys.executable, "-X", "faulthandler", str(MONKEY), str(tmp_path), str(SECONDS), str(seed)],
        capture_output=True,
        text=True,
        env=env,
        timeout=SECONDS + 240,
        check=False,
        cwd=tmp_path,  # whatever the session writes by a relative path stays in the test's folder
    )
    report = f"seed {seed} (rerun with WERKPLEIN_MONKEY_SEED={seed})\n{result.stderr[-4000:]}"
    assert result.returncode == 0, report
    assert result.stdout.startswith("ALIVE "), report
    actions = int(result.stdout.split()[1])
    assert actions > 100, report  # it really did something
    assert "the colleague synced 0 times" not in result.stdout, report
