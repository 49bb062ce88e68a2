"""Logging that never holds personal data.

Log lines carry record ids, counts and action names only. For a crash, the log gets the
exception type and the stack frames (file, line, function) but not the exception's message or
local values, because those could hold a name or a BSN.
"""

from __future__ import annotations

import logging
import logging.handlers
import traceback
from pathlib import Path
from types import TracebackType

LOG_DIR = "logs"
LOG_FILE = "werkplein.log"
logger = logging.getLogger("werkplein")


def setup(data_dir: Path) -> None:
    """Log to ``DATA_DIR/logs/werkplein.log`` (rotated, 3 x 1 MB)."""
    folder = data_dir / LOG_DIR
    folder.mkdir(parents=True, exist_ok=True)
    target = str(folder / LOG_FILE)
    if any(getattr(h, "baseFilename", None) == target for h in logger.handlers):
        return
    handler = logging.handlers.RotatingFileHandler(
        target, maxBytes=1_000_000, backupCount=3, encoding="utf-8"
    )
    handler.setFormatter(_ClockFormatter("%(asctime)s %(levelname)s %(name)s %(message)s"))
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)


class _ClockFormatter(logging.Formatter):
    """Log lines are stamped by the program's clock, like everything else it writes."""

    def formatTime(self, record: logging.LogRecord, datefmt: str | None = None) -> str:
        from werkplein.store.clock import process_clock

        return process_clock().local().isoformat(sep=" ", timespec="milliseconds")


def crash_report(exc: BaseException, tb: TracebackType | None = None) -> str:
    """The shape of a crash without its content: type and frames only."""
    frames = traceback.extract_tb(tb or exc.__traceback__)
    lines = [f"{type(exc).__module__}.{type(exc).__qualname__}"]
    lines += [f"  {Path(f.filename).name}:{f.lineno} in {f.name}" for f in frames]
    return "\n".join(lines)


def log_crash(exc: BaseException) -> None:
    logger.error("unexpected error\n%s", crash_report(exc))
