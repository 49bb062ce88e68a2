"""Writing a document to disk: complete or not at all, never under a personal name."""

from __future__ import annotations

import errno
from pathlib import Path

from werkplein.errors import ExportNotWritten
from werkplein.i18n import N_
from werkplein.store import files

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


temp_name = files.temp_beside


def write_atomic(target: Path, data: bytes) -> None:
    """``store.files.atomic_write``, with what went wrong said in the user's words."""
    if target.is_dir():
        raise ExportNotWritten(reason=_REASONS[errno.EISDIR])
    try:
        files.atomic_write(target, data, temp=temp_name(target))
    except OSError as exc:
        raise not_written(exc) from exc


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
