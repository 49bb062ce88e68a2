"""Restoring an encrypted backup (see ``Store.backup``) into a new profile folder."""

from __future__ import annotations

import contextlib
from pathlib import Path

import sqlcipher3

from werkplein.errors import WerkpleinError
from werkplein.i18n import N_
from werkplein.store import profile
from werkplein.store.db import DatabaseError, translate
from werkplein.store.store import RECOVER_KEY, Store


class BackupUnreadable(WerkpleinError):
    msgid = N_("The backup cannot be opened: the passphrase is wrong or the file is damaged.")


def restore_backup(source: Path, data_dir: Path, passphrase: str) -> None:
    """Copy the backup into ``data_dir`` (new or empty), encrypted under a fresh salt. A
    restore that fails leaves the folder as it was, so a retry works."""
    if not source.is_file():
        raise BackupUnreadable()
    before = profile.contents(data_dir)
    profile.prepare_new_profile_dir(data_dir)
    try:
        _restore(source, data_dir, passphrase)
    except BaseException:
        profile.remove_created(data_dir, before)
        raise


def _restore(source: Path, data_dir: Path, passphrase: str) -> None:
    header, key = profile.new_header(passphrase, profile.kdf_iterations_for_new_profile())
    target = data_dir / header.database
    quoted = passphrase.replace("'", "''")
    conn = sqlcipher3.connect(str(source), isolation_level=None)
    try:
        conn.execute("PRAGMA cipher_log_level = NONE")
        conn.execute(f"PRAGMA key = '{quoted}'")
        conn.execute("PRAGMA temp_store = MEMORY")
        try:
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except DatabaseError:
            raise BackupUnreadable() from None
        version = int(conn.execute("PRAGMA user_version").fetchone()[0])
        conn.execute(f"ATTACH DATABASE ? AS restored KEY \"x'{key.hex()}'\"", (str(target),))
        conn.execute("SELECT sqlcipher_export('restored')")
        conn.execute(f"PRAGMA restored.user_version = {version}")
        conn.execute("DETACH DATABASE restored")
    except DatabaseError as exc:
        with contextlib.suppress(FileNotFoundError):
            target.unlink()
        raise translate(exc) from exc
    finally:
        conn.close()
    with Store.open_with_key(data_dir, header, key) as store:  # migrates an older backup
        if store.integrity_problems():
            raise BackupUnreadable()
        if store.meta("sync.team"):  # part of a team: what it wrote after the backup comes back
            store.set_meta(RECOVER_KEY, "1")
    # the profile appears last, whole: a restore cut off before this left no profile (a retry
    # works), and never one that would write before it recovered
    profile.write_header(data_dir, header)


def restored_in_team(data_dir: Path, passphrase: str) -> bool:
    """Whether a restored profile waits for its first sync (see RECOVER_KEY)."""
    with Store.open(data_dir, passphrase) as store:
        return store.recovering
