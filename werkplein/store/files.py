"""Writing a file so that a reader, or the program after a crash, finds the whole new file or
the old one, never half of it: the one way the core writes a file (the profile header, a
backup's rename, bundles and snapshots on the share, exported documents)."""

from __future__ import annotations

import contextlib
import os
import secrets
from pathlib import Path


def temp_beside(target: Path) -> Path:
    """A hidden name in the target's folder that says nothing about the content."""
    return target.with_name(f".werkplein-{secrets.token_hex(6)}.part")


def atomic_write(target: Path, data: bytes, *, temp: Path | None = None) -> None:
    """Write ``data`` under a temporary name in the same folder (``temp``, default
    ``temp_beside``), flush it to disk, rename it over ``target`` and make the rename durable.
    On any failure the temporary file is removed and ``target`` is as it was."""
    tmp = temp or temp_beside(target)
    try:
        with tmp.open("xb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    with contextlib.suppress(OSError):  # not every file system syncs a folder
        fsync_dir(target.parent)


def fsync_dir(folder: Path) -> None:
    """Make a rename in ``folder`` durable (POSIX; Windows cannot open a folder for this)."""
    if os.name == "nt":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
