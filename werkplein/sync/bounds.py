"""Every file on the share is hostile until checked: bound first, parse last.

Anyone who can write to the office share can put anything there: a symlink to ``/dev/zero``, a
FIFO that never answers, a file where a folder belongs, a gigabyte of zeros compressed into a
megabyte, JSON nested a million levels deep. Each of those must be refused within fixed limits,
before the work it would cause, and reported, while the rest of the sync goes on:

- **type**: only regular files are opened (never through a symlink, never a FIFO or device), a
  folder only where a folder belongs (``scan``);
- **size**: at most ``limit`` bytes are ever read from one file (``read_file``);
- **inflation**: a compressed section inflates to at most ``MAX_INFLATED`` bytes (``inflate``);
- **JSON**: at most ``MAX_DEPTH`` levels and ``MAX_ITEMS`` values, checked on the bytes before
  ``json.loads`` builds anything (``load_json``).

With these limits one sync holds at most a few file reads and one inflated section in memory at
a time: the peak stays far below the 300 MB the README states, whatever the share holds.
"""

from __future__ import annotations

import json
import os
import re
import stat
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

# what a file of each kind may weigh on the share
MAX_SMALL_FILE = 256 * 1024  # certificates, states, invitations, revocations, the marker
MAX_BUNDLE_FILE = 32 * 1024 * 1024  # one bundle: its sections are written below 8 MiB inflated
MAX_SNAPSHOT_FILE = 256 * 1024 * 1024  # a snapshot: many sections of at most MAX_INFLATED each
MAX_HEADER = 64 * 1024  # an envelope's header (ids, sizes, numbers)
# what a section may inflate to, and the JSON inside it
MAX_INFLATED = 16 * 1024 * 1024
MAX_DEPTH = 32
MAX_ITEMS = 1_000_000
_CHUNK = 1024 * 1024
TMP_PREFIX = ".tmp-"  # a file being written (files.atomic_write); readers never see it


class Refused(Exception):
    """A file or value outside the limits. ``reason`` is a short code for the report."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


# ---------------------------------------------------------------------- files and folders
@dataclass(frozen=True)
class Entry:
    name: str
    kind: str  # "file", "folder" or "other" (a symlink, FIFO, device, socket)


def scan(folder: Path) -> list[Entry]:
    """The entries of ``folder``, sorted by name, without following links; [] when the folder
    does not exist. Temporary files of atomic writes (``.tmp-``) are left out."""
    try:
        with os.scandir(folder) as it:
            entries = [Entry(e.name, _kind(e)) for e in it if not e.name.startswith(TMP_PREFIX)]
    except (FileNotFoundError, NotADirectoryError):
        return []
    return sorted(entries, key=lambda e: e.name)


def _kind(entry: os.DirEntry[str]) -> str:
    try:
        if entry.is_symlink():
            return "other"
        if entry.is_dir(follow_symlinks=False):
            return "folder"
        if entry.is_file(follow_symlinks=False):
            return "file"
    except OSError:
        pass
    return "other"


_OPEN_FLAGS = (
    os.O_RDONLY
    | getattr(os, "O_NOFOLLOW", 0)  # a symlink fails to open (ELOOP)
    | getattr(os, "O_NONBLOCK", 0)  # a FIFO opens at once instead of waiting for a writer
    | getattr(os, "O_BINARY", 0)
)


def read_file(path: Path, limit: int) -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes. ``FileNotFoundError`` when it is
    not there; ``Refused`` for a link, FIFO, device or folder, or a larger file (also one that
    grows while being read)."""
    try:
        before = os.lstat(path)
    except NotADirectoryError as exc:  # a file where a folder of the path belongs
        raise Refused("not-a-file") from exc
    if not stat.S_ISREG(before.st_mode):
        raise Refused("not-a-file")
    if before.st_size > limit:
        raise Refused("too-large")
    try:
        fd = os.open(path, _OPEN_FLAGS)
    except FileNotFoundError:
        raise
    except OSError as exc:  # ELOOP: replaced by a link since the lstat
        raise Refused("not-a-file") from exc
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode) or (st.st_dev, st.st_ino) != (
            before.st_dev,
            before.st_ino,
        ):
            raise Refused("not-a-file")
        parts: list[bytes] = []
        size = 0
        while size <= limit:
            chunk = os.read(fd, min(_CHUNK, limit + 1 - size))
            if not chunk:
                break
            parts.append(chunk)
            size += len(chunk)
        if size > limit:
            raise Refused("too-large")
        return b"".join(parts)
    finally:
        os.close(fd)


# ---------------------------------------------------------------------- content
def inflate(data: bytes, limit: int = MAX_INFLATED) -> bytes:
    """zlib-inflate at most ``limit`` bytes; a bomb stops at the limit, not at the memory."""
    inflater = zlib.decompressobj()
    try:
        out = inflater.decompress(data, limit + 1)
    except zlib.error as exc:
        raise Refused("damaged") from exc
    if len(out) > limit or inflater.unconsumed_tail:
        raise Refused("too-large")
    if not inflater.eof or inflater.unused_data:
        raise Refused("damaged")
    return out


_STRING = re.compile(rb'"[^"\\]*(?:\\.[^"\\]*)*"', re.DOTALL)  # unrolled: one pass


def check_json(data: bytes, *, depth: int = MAX_DEPTH, items: int = MAX_ITEMS) -> None:
    """Refuse JSON nested deeper than ``depth`` or holding more than ``items`` values, by
    looking at its bytes only (strings blanked), before anything is built from it."""
    bare = _STRING.sub(b'""', data)
    if bare.count(b",") + bare.count(b"[") + bare.count(b"{") > items:
        raise Refused("too-many")
    brackets = bare.translate(None, delete=bytes(set(range(256)) - set(b"[]{}")))
    for _level in range(depth):
        if not brackets:
            return
        shorter = brackets.replace(b"[]", b"").replace(b"{}", b"")
        if shorter == brackets:
            raise Refused("damaged")  # brackets that do not pair
        brackets = shorter
    if brackets:
        raise Refused("too-deep")


def load_json(data: bytes, *, depth: int = MAX_DEPTH, items: int = MAX_ITEMS) -> Any:
    """``json.loads`` within the limits; ``Refused`` for anything else."""
    check_json(data, depth=depth, items=items)
    try:
        return json.loads(data)
    except (ValueError, RecursionError) as exc:  # UnicodeDecodeError is a ValueError
        raise Refused("damaged") from exc


def load_value(text: str, *, items: int = MAX_ITEMS) -> Any:
    """A small JSON value inside a row (a change's fields), within an item limit counted on
    its characters (commas in text count too: a conservative bound) and the interpreter's own
    nesting limit (json raises RecursionError long before memory runs out)."""
    if text.count(",") + text.count("[") + text.count("{") > items:
        raise Refused("too-many")
    try:
        return json.loads(text)
    except (ValueError, RecursionError) as exc:
        raise Refused("damaged") from exc


def chunks(rows: list[Any], budget: int) -> Iterator[list[Any]]:
    """Split ``rows`` into runs whose JSON stays under about ``budget`` bytes (writers use this
    so that what they write stays within what every reader accepts)."""
    run: list[Any] = []
    size = 0
    for row in rows:
        weight = len(json.dumps(row, separators=(",", ":"), ensure_ascii=False)) + 1
        if run and size + weight > budget:
            yield run
            run, size = [], 0
        run.append(row)
        size += weight
    if run:
        yield run
