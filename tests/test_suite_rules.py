"""The suite's own rules hold: a Qt warning fails a test (except the offscreen platform's notes
about a missing window manager), and a hung test prints every thread's stack."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
pytestmark = pytest.mark.slow  # subprocesses; nothing here depends on the date


def run_inner(tmp_path: Path, body: str, *options: str) -> subprocess.CompletedProcess[str]:
    """Run one test file with the project's pytest settings; returns the finished process."""
    (tmp_path / "test_inner.py").write_text(body, encoding="utf-8")
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:cacheprovider",
            "-c",
            str(ROOT / "pyproject.toml"),
            "--rootdir",
            str(tmp_path),
            *options,
            str(tmp_path / "test_inner.py"),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        cwd=tmp_path,
        env=env,
    )


QT_TEST = """
from PySide6.QtCore import qWarning

def test_inner(qapp):
    qWarning({message!r})
"""


def test_a_qt_warning_fails_the_test(tmp_path: Path) -> None:
    proc = run_inner(tmp_path, QT_TEST.format(message="QObject: a stray warning"))
    assert proc.returncode == 1, proc.stdout
    assert "Qt messages with level WARNING or above emitted" in proc.stdout
    assert "a stray warning" in proc.stdout


def test_the_offscreen_platforms_notes_do_not(tmp_path: Path) -> None:
    proc = run_inner(
        tmp_path, QT_TEST.format(message="This plugin does not support propagateSizeHints()")
    )
    assert proc.returncode == 0, proc.stdout


def test_a_hung_test_prints_its_stack(tmp_path: Path, pytestconfig: pytest.Config) -> None:
    assert float(pytestconfig.getini("faulthandler_timeout")) > 0
    body = "import time\n\ndef test_inner():\n    time.sleep(3)\n"
    proc = run_inner(tmp_path, body, "-o", "faulthandler_timeout=1")
    assert "Timeout" in proc.stderr
    assert "test_inner.py" in proc.stderr  # the stack shows where it hangs
