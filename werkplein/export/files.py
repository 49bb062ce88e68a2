"""Writing a document to disk: complete or not at all, never under a personal name."""

from __future__ import annotations

import contextlib
import errno
import os
import secrets
from pathlib import Path

from werkplein.errors import ExportNotWritten
from werkplein.i18n import N_
from werkplein.store.profile import fsync_dir

_REASONS = {
    errno.ENOSPC: N_("the disk is full"),
    errno.EDQUOT: N_("the disk is full"),
    errno.EACCES: N_("you may not write in this folder"),
    errno.EPERM: N_("you may not write in this folder"),
    errno.EROFS: N_("the disk is read-only"),
    errno.ENOENT: N_("the folder does not exist"),
    errno.ENOTDIR: N_("the folder does not exist"),
    errno.EISDIR: N_("a folder has that name"),
}


def not_written(exc: OSError) -> ExportNotWritten:
    reason = _REASONS.get(exc.errno or 0) or exc.strerror or type(exc).__name__
    return ExportNotWritten(reason=reason)


def temp_name(target: Path) -> Path:
    """A hidden name beside the target that says nothing about its content."""
    return target.with_name(f".werkplein-{secrets.token_hex(6)}.part")


def write_atomic(target: Path, data: bytes) -> None:
    """Write ``data`` under a temporary name in the same folder, flush it to disk, then rename
    it to ``target`` (replacing an older file of that name). On any failure the temporary
    file is removed and ``target`` is as it was."""
    if target.is_dir():
        raise ExportNotWritten(reason=_REASONS[errno.EISDIR])
    tmp = temp_name(target)
    try:
        with tmp.open("xb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, target)
    except OSError as exc:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise not_written(exc) from exc
    with contextlib.suppress(OSError):
        fsync_dir(target.parent)


def inside(path: Path, folder: Path | None) -> bool:
    """Is ``path`` (a file or folder to be written) inside ``folder``?"""
    if folder is None:
        return False
    try:
        target = path.expanduser().resolve()
        root = folder.expanduser().resolve()
    except OSError:
        return False
    return target == root or root in target.parents
