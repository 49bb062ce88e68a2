"""When the app stops without closing: a trace in the log, and the way back.

While the app runs, ``logs/running`` holds its process id, and Python's faulthandler is armed
to write the stack of every thread to ``logs/fatal.log`` on a segmentation fault or an abort.
Those stacks are file names, line numbers and function names: no values, so no personal data.
An unhandled Python exception is logged the same way (``logs.crash_report``).

The next start finds what was left: it moves the fatal trace into ``werkplein.log`` and says
that the last run ended unexpectedly (``previous_run_crashed``), so the app can reopen where
the person was after the unlock. A restart the app asks for itself (``request_resume``) leaves
the same sign.
"""

from __future__ import annotations

import contextlib
import faulthandler
import os
import sys
import threading
from pathlib import Path
from types import TracebackType
from typing import IO

from werkplein import logs

RUNNING = "running"  # the process id of the app while it runs
FATAL = "fatal.log"  # faulthandler's output
RESUME = "resume"  # reopen the last place after the next unlock


class CrashGuard:
    """Arm the crash traces for one run of the app in ``data_dir`` (``start``/``stop``)."""

    def __init__(self, data_dir: Path) -> None:
        self.folder = data_dir / logs.LOG_DIR
        self.previous_run_crashed = False
        self._fatal: IO[str] | None = None
        self._hooks: tuple[object, object] | None = None
        self._was_enabled = False  # faulthandler armed before (e.g. by pytest): re-armed after

    def start(self) -> None:
        logs.setup(self.folder.parent)
        self.previous_run_crashed = self._collect_previous()
        if self.previous_run_crashed:
            (self.folder / RESUME).touch()
        (self.folder / RUNNING).write_text(str(os.getpid()), encoding="ascii")
        self._fatal = (self.folder / FATAL).open("a", encoding="utf-8")
        self._was_enabled = faulthandler.is_enabled()
        faulthandler.enable(self._fatal, all_threads=True)
        self._hooks = (sys.excepthook, threading.excepthook)
        sys.excepthook = _log_unhandled
        threading.excepthook = _log_unhandled_in_thread
        logs.logger.info("app started, pid %s", os.getpid())

    def stop(self) -> None:
        """The app closes as it should: nothing to report next time."""
        if self._hooks is not None:
            sys.excepthook, threading.excepthook = self._hooks  # type: ignore[assignment]
            self._hooks = None
        if self._fatal is not None:
            faulthandler.disable()
            if self._was_enabled:
                faulthandler.enable(sys.__stderr__ or sys.stderr, all_threads=True)
            self._fatal.close()
            self._fatal = None
            with contextlib.suppress(OSError):
                if (self.folder / FATAL).stat().st_size == 0:
                    (self.folder / FATAL).unlink()
        with contextlib.suppress(FileNotFoundError):
            (self.folder / RUNNING).unlink()
        logs.logger.info("app closed")

    def request_resume(self) -> None:
        """The next unlock reopens the last place (before a restart the app asks for)."""
        (self.folder / RESUME).touch()

    def resume_pending(self) -> bool:
        return (self.folder / RESUME).is_file()

    def take_resume(self) -> bool:
        """Whether to reopen the last place now (once)."""
        try:
            (self.folder / RESUME).unlink()
        except FileNotFoundError:
            return False
        return True

    def _collect_previous(self) -> bool:
        running = self.folder / RUNNING
        crashed = False
        if running.is_file():
            pid = running.read_text(encoding="ascii", errors="replace").strip()
            crashed = not (pid.isdigit() and int(pid) != os.getpid() and _alive(int(pid)))
        fatal = self.folder / FATAL
        if fatal.is_file():
            trace = fatal.read_text(encoding="utf-8", errors="replace").strip()
            if trace:
                logs.logger.error("the previous run stopped on a fatal error\n%s", trace)
                crashed = True
            fatal.unlink()
        if crashed:
            logs.logger.warning("the previous run ended without closing")
        return crashed


def _alive(pid: int) -> bool:
    """Another app still running on this folder (its marker is not a crash)."""
    if sys.platform == "win32":  # os.kill(pid, 0) would send Ctrl+C there
        return _alive_on_windows(pid)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    except OSError:
        return False
    return True


def _alive_on_windows(pid: int) -> bool:
    import ctypes

    kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined,unused-ignore]
    handle = kernel32.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
    if not handle:
        return False
    try:
        code = ctypes.c_ulong()
        ok = kernel32.GetExitCodeProcess(handle, ctypes.byref(code))
        return bool(ok) and code.value == 259  # STILL_ACTIVE
    finally:
        kernel32.CloseHandle(handle)


def _log_unhandled(kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
    logs.logger.error("unhandled error\n%s", logs.crash_report(exc, tb))


def _log_unhandled_in_thread(args: threading.ExceptHookArgs) -> None:
    if args.exc_value is not None:
        logs.logger.error(
            "unhandled error in thread %s\n%s",
            args.thread.name if args.thread else "?",
            logs.crash_report(args.exc_value, args.exc_traceback),
        )
