"""Opening SQLCipher connections with a raw key, and mapping SQLite errors to user errors."""

from __future__ import annotations

import errno
import sqlite3
from pathlib import Path
from typing import Any

import sqlcipher3

from werkplein.errors import DatabaseDamaged, DiskFull, StorageUnavailable, WerkpleinError
from werkplein.i18n import N_

Connection = Any  # sqlcipher3.Connection (the module ships no type stubs)
DatabaseError = sqlcipher3.dbapi2.DatabaseError
OperationalError = sqlcipher3.dbapi2.OperationalError
IntegrityError = sqlcipher3.dbapi2.IntegrityError

SQLITE_PERM, SQLITE_BUSY, SQLITE_LOCKED, SQLITE_READONLY, SQLITE_IOERR = 3, 5, 6, 8, 10
SQLITE_CORRUPT, SQLITE_FULL, SQLITE_CANTOPEN, SQLITE_NOTADB = 11, 13, 14, 26

PAGE_CACHE_KIB = 64 * 1024  # 64 MiB: keeps re-encryption of scattered index pages down


def connect(path: Path, key: bytes, *, readonly: bool = False) -> Connection:
    """Open ``path`` with the 32-byte raw ``key`` (no KDF: that was paid once at unlock).

    Settings that keep plaintext off the disk and data safe: temp files in memory, full sync,
    foreign keys on. The Store switches to WAL only after it has checked the schema version, so
    a database it must refuse is not touched. The key is checked before this is called (see
    profile.py), so a failure here means a damaged file, not a wrong passphrase.
    """
    uri = f"file:{path}?mode=ro" if readonly else f"file:{path}"
    try:
        conn = sqlcipher3.connect(uri, uri=True, isolation_level=None, check_same_thread=True)
        conn.execute("PRAGMA cipher_log_level = NONE")
        conn.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
        conn.execute("PRAGMA temp_store = MEMORY")
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        conn.execute("PRAGMA synchronous = FULL")
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute(f"PRAGMA cache_size = -{PAGE_CACHE_KIB}")
        conn.execute("PRAGMA busy_timeout = 10000")
    except DatabaseError as exc:
        raise translate(exc) from exc
    return conn


def translate(exc: BaseException, *, writing: bool = False) -> WerkpleinError:
    """Map an environment error (disk full, read-only, damaged) to a user error.

    ``writing``: the error came from writing a transaction. SQLite reports a refused write as
    SQLITE_FULL only for ENOSPC; a full quota (EDQUOT) or a file size limit (EFBIG) arrives as
    SQLITE_IOERR, and for the user that is the same situation: free up space."""
    if isinstance(exc, WerkpleinError):
        return exc
    code = getattr(exc, "sqlite_errorcode", None)
    if code is not None:  # decide by the SQLite result code, not by words in the message
        primary = code & 0xFF  # (the message may hold a path such as ".../readonly/x.db")
        if primary == SQLITE_FULL or (writing and primary == SQLITE_IOERR):
            return DiskFull()
        if primary in (SQLITE_CANTOPEN, SQLITE_READONLY, SQLITE_PERM, SQLITE_IOERR):
            return StorageUnavailable(reason=N_("cannot write the file"))
        if primary in (SQLITE_BUSY, SQLITE_LOCKED):
            return StorageUnavailable(reason=N_("in use by another Werkplein window"))
        if primary in (SQLITE_CORRUPT, SQLITE_NOTADB):
            return DatabaseDamaged()
    text = str(exc).lower()
    if "disk is full" in text or "database or disk is full" in text:
        return DiskFull()
    if isinstance(exc, OSError) and exc.errno in (errno.ENOSPC, errno.EFBIG, errno.EDQUOT):
        return DiskFull()
    if "not a database" in text or "malformed" in text or "corrupt" in text:
        return DatabaseDamaged()
    if "readonly" in text or "read-only" in text:
        return StorageUnavailable(reason=N_("read-only"))
    if "locked" in text or "busy" in text:
        return StorageUnavailable(reason=N_("in use by another Werkplein window"))
    if isinstance(exc, OSError):
        return StorageUnavailable(reason=exc.strerror or type(exc).__name__)
    if isinstance(exc, sqlite3.Error | DatabaseError):
        return DatabaseDamaged()
    return WerkpleinError()
