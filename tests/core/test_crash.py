"""A run that ends without closing leaves a trace in the log (frames only) and the way back."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

from werkplein import logs
from werkplein.crash import FATAL, RESUME, RUNNING, CrashGuard

SECRET = "Brouwer-Waardhoek-123456782"  # what the crashing program holds: never in a log

CRASHING_CHILD = textwrap.dedent(
    """
    import faulthandler, sys
    from pathlib import Path
    from werkplein.crash import CrashGuard

    def show_resident(name):
        faulthandler._sigsegv()  # what a crash inside Qt looks like to Python

    guard = CrashGuard(Path(sys.argv[1]))
    guard.start()
    show_resident(sys.argv[2])
    """
)


def crash_a_run(folder: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONFAULTHANDLER": ""}
    return subprocess.run(
        [sys.executable, "-c", CRASHING_CHILD, str(folder), SECRET],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
    )


def test_a_segmentation_fault_is_in_the_log_at_the_next_start(tmp_path: Path) -> None:
    result = crash_a_run(tmp_path)
    assert result.returncode == -11  # SIGSEGV
    assert (tmp_path / logs.LOG_DIR / RUNNING).is_file()
    assert (tmp_path / logs.LOG_DIR / FATAL).stat().st_size > 0

    guard = CrashGuard(tmp_path)
    guard.start()
    try:
        assert guard.previous_run_crashed
        assert guard.resume_pending()
    finally:
        guard.stop()
    log = (tmp_path / logs.LOG_DIR / logs.LOG_FILE).read_text(encoding="utf-8")
    assert "the previous run stopped on a fatal error" in log
    assert "Segmentation fault" in log
    assert "show_resident" in log  # the Python frames: where it happened
    for path in (tmp_path / logs.LOG_DIR).iterdir():
        assert SECRET.encode() not in path.read_bytes(), path.name  # frames, never values
    assert not (tmp_path / logs.LOG_DIR / FATAL).exists()
    assert not (tmp_path / logs.LOG_DIR / RUNNING).exists()


def test_a_clean_run_leaves_nothing_to_report(tmp_path: Path) -> None:
    first = CrashGuard(tmp_path)
    first.start()
    first.stop()
    second = CrashGuard(tmp_path)
    second.start()
    try:
        assert not second.previous_run_crashed
        assert not second.take_resume()
    finally:
        second.stop()
    assert sorted(p.name for p in (tmp_path / logs.LOG_DIR).iterdir()) == [logs.LOG_FILE]


def test_the_marker_of_a_run_still_going_is_not_a_crash(tmp_path: Path) -> None:
    folder = tmp_path / logs.LOG_DIR
    folder.mkdir()
    with subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"]) as other:
        try:
            (folder / RUNNING).write_text(str(other.pid), encoding="ascii")
            guard = CrashGuard(tmp_path)
            guard.start()
            guard.stop()
            assert not guard.previous_run_crashed
        finally:
            other.kill()


def test_a_restart_asked_for_resumes_once(tmp_path: Path) -> None:
    guard = CrashGuard(tmp_path)
    guard.start()
    guard.request_resume()
    guard.stop()
    assert (tmp_path / logs.LOG_DIR / RESUME).is_file()
    again = CrashGuard(tmp_path)
    again.start()
    try:
        assert not again.previous_run_crashed  # it closed cleanly
        assert again.take_resume()
        assert not again.take_resume()
    finally:
        again.stop()


def test_an_unhandled_error_is_logged_by_type_and_frames(tmp_path: Path) -> None:
    guard = CrashGuard(tmp_path)
    guard.start()
    try:
        try:
            raise ValueError(f"no such resident {SECRET}")
        except ValueError as exc:
            sys.excepthook(type(exc), exc, exc.__traceback__)
    finally:
        guard.stop()
    log = (tmp_path / logs.LOG_DIR / logs.LOG_FILE).read_text(encoding="utf-8")
    assert "unhandled error\nbuiltins.ValueError" in log
    assert "test_crash.py" in log
    assert SECRET not in log
    assert sys.excepthook is sys.__excepthook__ or "crash" not in sys.excepthook.__module__
