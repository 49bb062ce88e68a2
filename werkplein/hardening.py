"""What the process does to keep personal data out of crash files.

A crashed process normally leaves a core dump (Linux, macOS) or a crash dump with memory
(Windows Error Reporting): a copy of everything the process held, names, BSNs and the
passphrase included, unencrypted, often in a shared place. ``harden_process`` turns that off for
the app and the CLI, first thing at start:

- POSIX: no core file (``RLIMIT_CORE`` 0); on Linux also "not dumpable" (``PR_SET_DUMPABLE``
  0), which also keeps other programs of the same user from reading the process's memory;
- Windows: no fault dialog and no Windows Error Reporting for this process.

Keys and passphrases are dropped at lock (``Store.close`` forgets the key, the unlock window
clears its field) as far as Python allows: it cannot wipe immutable strings.
"""

from __future__ import annotations

import contextlib
import ctypes
import sys

PR_SET_DUMPABLE = 4
PR_GET_DUMPABLE = 3
SEM_FAILCRITICALERRORS = 0x0001
SEM_NOGPFAULTERRORBOX = 0x0002
WER_FAULT_REPORTING_NO_UI = 0x0020
WER_FAULT_REPORTING_FLAG_DISABLE_THREAD_SUSPENSION = 0x0004


def harden_process() -> None:
    """No core dump, no crash dump with memory; never fails (a refusal leaves the default)."""
    if sys.platform == "win32":  # pragma: no cover - not run on the Linux CI
        with contextlib.suppress(Exception):
            kernel32 = ctypes.WinDLL("kernel32")  # type: ignore[attr-defined,unused-ignore]
            kernel32.SetErrorMode(SEM_FAILCRITICALERRORS | SEM_NOGPFAULTERRORBOX)
            kernel32.WerSetFlags(WER_FAULT_REPORTING_NO_UI)
            kernel32.WerAddExcludedApplication(sys.executable, False)
        return
    with contextlib.suppress(ImportError, ValueError, OSError):
        import resource

        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    if sys.platform.startswith("linux"):
        with contextlib.suppress(OSError, AttributeError):
            ctypes.CDLL(None, use_errno=True).prctl(PR_SET_DUMPABLE, 0, 0, 0, 0)


def dumpable() -> bool | None:
    """Linux: whether the process may leave a core dump (None elsewhere)."""
    if not sys.platform.startswith("linux"):
        return None
    return bool(ctypes.CDLL(None).prctl(PR_GET_DUMPABLE, 0, 0, 0, 0))
