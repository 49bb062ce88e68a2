"""The Qt binding itself must survive long use (a guard on the PySide6 version pin)."""

from __future__ import annotations

import os
import subprocess
import sys

SCRIPT = """
from PySide6.QtWidgets import QApplication, QWidget
app = QApplication([])
w = QWidget()
w.show()
for _ in range(20000):
    app.processEvents()
    w.isVisible()
print("alive")
"""


def test_many_qt_calls_do_not_exhaust_none_refcount() -> None:
    """PySide6 6.12.0 on Python 3.11 loses a reference to None per call; after ~5 000 calls
    the interpreter aborts with 'none_dealloc'. An app open all day must not."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-500:]
    assert "alive" in result.stdout
