"""The frozen app (PyInstaller folder in dist/werkplein) passes installer/smoke_test.py.

Building takes minutes, so the suite never builds: it tests the bundle that
``installer/build_linux.sh`` left behind, and skips (saying so) when there is none.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
EXE = ROOT / "dist" / "werkplein" / ("werkplein.exe" if sys.platform == "win32" else "werkplein")
SMOKE_TEST = ROOT / "installer" / "smoke_test.py"


@pytest.mark.slow
def test_frozen_build_passes_the_smoke_test() -> None:
    if not EXE.is_file():
        pytest.skip("no frozen build in dist/werkplein: run installer/build_linux.sh")
    proc = subprocess.run(
        [sys.executable, str(SMOKE_TEST), str(EXE), "--no-timings"],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="replace",
        timeout=600,
        check=False,
        cwd=ROOT,
    )
    assert proc.returncode == 0, (
        "the frozen build failed its smoke test (rebuild with installer/build_linux.sh if the "
        f"source changed since)\n--- stdout\n{proc.stdout}\n--- stderr\n{proc.stderr}"
    )
    assert "[smoke] all checks passed" in proc.stdout
