"""No plaintext on disk, passphrase change, encrypted backups, folder permissions."""

from __future__ import annotations

import array
import contextlib
import datetime as dt
import errno
import fcntl
import os
import sqlite3
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import sqlcipher3

from werkplein.errors import (
    DatabaseDamaged,
    ProfileExists,
    WerkpleinError,
    WrongPassphrase,
)
from werkplein.store import audit, profile, schema
from werkplein.store.clock import FixedClock, iso
from werkplein.store.entities import ENTITIES
from werkplein.store.profile import TEST_ITERATIONS
from werkplein.store.store import Store

NEW_PASSPHRASE = "Vier Paarden Hooiberg Nijlpaard"

RESIDENTS: list[dict[str, Any]] = [
    {
        "bsn": "123456782",
        "first_names": "Quirijntje Aleida",
        "prefix": "van der",
        "last_name": "Zwaluwstaart",
        "birth_date": "1981-04-12",
        "street": "Kievitsbloemhof",
        "house_number": "17",
        "postcode": "9999 ZZ",
        "city": "Oudewater",
        "gemeente": "Oudewater",
        "phone": "0612398745",
        "email": "q.zwaluwstaart@voorbeeld.nl",
    },
    {
        "bsn": "987654321",
        "first_names": "Barendina",
        "last_name": "Klaproosveld",
        "birth_date": "1990-02-28",
        "street": "Wulpenrietkade",
        "house_number": "3",
        "postcode": "8888 YY",
        "city": "Montfoort",
        "gemeente": "Montfoort",
    },
]
NOTES = [
    "Schuldsaneringstraject besproken, zorgen om het Voedselbankpakket",
    "Kraamzorgindicatie aangevraagd via de huisarts",
    "Afspraak met Wilhelminapolder-bewindvoerder",
]
FINE_NOTE = "Vakantiegeldverzwijging gemeld door de Belastingdienst"
CASE_TITLE = "Gezinshereniging en Inburgeringsvoorziening"
USER_NAME = "Wilhelmientje Testbeeld"

PERSONAL: list[str] = [
    USER_NAME,
    CASE_TITLE,
    FINE_NOTE,
    *NOTES,
    *(w for note in NOTES for w in note.split() if len(w) >= 12),
    *(str(v) for r in RESIDENTS for k, v in r.items() if k not in {"house_number"}),
    "Zwaluwstaart",
    "Quirijntje",
    "Vakantiegeldverzwijging",
    "Inburgeringsvoorziening",
]


# ---------------------------------------------------------------------- helpers


def files_under(*roots: Path) -> list[Path]:
    out: list[Path] = []
    for root in roots:
        if root.is_file():
            out.append(root)
        elif root.is_dir():
            out.extend(p for p in sorted(root.rglob("*")) if p.is_file())
    return out


def plaintext_hits(needles: list[str | bytes], *roots: Path) -> list[tuple[str, str, str]]:
    """(file, needle, encoding) for every needle found in any file under ``roots``.

    Text needles are searched case-insensitively in UTF-8, UTF-16-LE and UTF-16-BE (full-text
    indexes store lower-case tokens); byte needles as they are."""
    patterns: list[tuple[str, str, bytes]] = []
    for needle in needles:
        if isinstance(needle, bytes):
            patterns.append((needle.hex(), "raw", needle))
            continue
        for encoding in ("utf-8", "utf-16-le", "utf-16-be"):
            patterns.append((needle, encoding, needle.lower().encode(encoding)))
    hits = []
    for path in files_under(*roots):
        data = path.read_bytes()
        lowered = data.lower()
        for label, encoding, pattern in patterns:
            haystack = data if encoding == "raw" else lowered
            if pattern in haystack:
                hits.append((path.name, label, encoding))
    return hits


def secrets_of(folder: Path, passphrase: str) -> list[str | bytes]:
    _header, key = profile.unlock(folder, passphrase)
    return [passphrase, key, key.hex(), key.hex().upper(), f"x'{key.hex()}'"]


def populate(store: Store, user_id: str) -> dict[str, str]:
    ids: dict[str, str] = {}
    now = store.clock.now()
    with store.write(user_id) as w:
        for n, values in enumerate(RESIDENTS):
            ids[f"r{n}"], _ = w.put("inwoner", None, values)
        for n, text in enumerate(NOTES):
            w.put(
                "notitie",
                None,
                {
                    "inwoner_id": ids["r0"],
                    "text": text,
                    "author_id": user_id,
                    "written_at": iso(now + dt.timedelta(minutes=n)),
                    "leefgebied": "financien",
                },
            )
        ids["c0"], _ = w.put(
            "casus",
            None,
            {
                "inwoner_id": ids["r0"],
                "title": CASE_TITLE,
                "status": "open",
                "opened_on": (store.clock.today() - dt.timedelta(days=22)).isoformat(),
                "beoogd_effect": "Rust in het Zwaluwstaart-huishouden",
            },
        )
        ids["b0"], _ = w.put(
            "boete",
            None,
            {"inwoner_id": ids["r1"], "overtreding": "inlichtingenplicht", "status": "open"},
        )
        w.put(
            "boete_notitie",
            None,
            {
                "boete_id": ids["b0"],
                "inwoner_id": ids["r1"],
                "text": FINE_NOTE,
                "author_id": user_id,
                "written_at": iso(now + dt.timedelta(hours=1)),
            },
        )
    store.audit(user_id, audit.Action.VIEW, ids["r0"])
    return ids


@pytest.fixture
def profile_dir(tmp_path: Path) -> Path:
    return tmp_path / "profile"


@pytest.fixture
def store(profile_dir: Path, passphrase: str, clock: FixedClock) -> Iterator[Store]:
    s = Store.create(profile_dir, passphrase, kdf_iterations=TEST_ITERATIONS, clock=clock)
    yield s
    s.close()


@pytest.fixture
def filled(store: Store) -> Store:
    with store.write(None) as w:
        user_id, _ = w.put("gebruiker", None, {"name": USER_NAME, "role": "klantmanager"})
    populate(store, user_id)
    return store


_FS_IOC_GETFLAGS = 0x80086601
_FS_IOC_SETFLAGS = 0x40086602
_FS_IMMUTABLE_FL = 0x10


def _set_immutable(folder: Path, on: bool) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        flags = array.array("l", [0])
        fcntl.ioctl(fd, _FS_IOC_GETFLAGS, flags)
        flags[0] = flags[0] | _FS_IMMUTABLE_FL if on else flags[0] & ~_FS_IMMUTABLE_FL
        fcntl.ioctl(fd, _FS_IOC_SETFLAGS, flags)
    finally:
        os.close(fd)


@contextlib.contextmanager
def unwritable(folder: Path) -> Iterator[None]:
    """Make ``folder`` refuse new files, also when the suite runs as root (immutable flag)."""
    as_root = os.geteuid() == 0
    if as_root:
        _set_immutable(folder, True)
    else:
        folder.chmod(0o500)
    try:
        probe = folder / "probe"
        with pytest.raises(OSError, match=r"denied|not permitted|Read-only") as excinfo:
            probe.write_bytes(b"x")
        assert excinfo.value.errno in (errno.EACCES, errno.EPERM, errno.EROFS)
        yield
    finally:
        if as_root:
            _set_immutable(folder, False)
        else:
            folder.chmod(0o700)


def open_plain(path: Path, passphrase: str) -> Any:
    """Open a backup the way any SQLCipher 4 tool would: passphrase, default settings."""
    conn = sqlcipher3.connect(str(path))
    quoted = passphrase.replace("'", "''")
    conn.execute(f"PRAGMA key = '{quoted}'")
    return conn


# ---------------------------------------------------------------------- no plaintext on disk


def test_no_personal_data_or_secrets_in_any_file(
    filled: Store, profile_dir: Path, tmp_path: Path, passphrase: str
) -> None:
    store = filled
    # the data is really there (so the search below is not vacuous)
    assert {r["last_name"] for r in store.find("inwoner")} == {"Zwaluwstaart", "Klaproosveld"}
    hits = store.rows("SELECT rowid FROM notitie_fts WHERE notitie_fts MATCH 'kraamzorgindicatie'")
    assert len(hits) == 1

    old_secrets = secrets_of(profile_dir, passphrase)
    needles: list[str | bytes] = [*PERSONAL, *old_secrets]

    wal = profile_dir / f"{store.header.database}-wal"
    assert wal.is_file()
    assert wal.stat().st_size > 0
    assert plaintext_hits(needles, profile_dir) == []  # while open, WAL not checkpointed

    store.change_passphrase(NEW_PASSPHRASE)
    needles += [NEW_PASSPHRASE, *secrets_of(profile_dir, NEW_PASSPHRASE)]
    with store.write(None) as w:  # fresh WAL content under the new key
        w.put("inwoner", None, {**RESIDENTS[1], "bsn": "111222333", "phone": "0687654321"})
    needles.append("0687654321")
    assert plaintext_hits(needles, profile_dir) == []

    backup = tmp_path / "usb" / "werkplein-backup.db"
    backup.parent.mkdir()
    store.backup(backup, NEW_PASSPHRASE)
    assert backup.stat().st_size > 0
    assert plaintext_hits(needles, profile_dir, backup.parent) == []

    reader = store.reopen()
    try:
        assert reader.counts()["residents"] == 3
        assert plaintext_hits(needles, profile_dir, backup.parent) == []
    finally:
        reader.close()
    store.close()

    assert len(files_under(profile_dir)) == 2  # profile.json and one database file
    assert plaintext_hits(needles, tmp_path) == []


def test_the_search_finds_plaintext_when_it_is_there(tmp_path: Path) -> None:
    """Control: the same data in an unencrypted SQLite file is found by the search."""
    conn = sqlite3.connect(tmp_path / "plain.db")
    conn.execute("CREATE TABLE t (a TEXT)")
    conn.execute("INSERT INTO t VALUES (?)", (RESIDENTS[0]["street"],))
    conn.commit()
    conn.close()
    (tmp_path / "utf16.txt").write_bytes("x QUIRIJNTJE y".encode("utf-16-le"))
    (tmp_path / "key.bin").write_bytes(b"\x00" + bytes(range(32)) + b"\x00")
    hits = plaintext_hits(["Kievitsbloemhof", "Quirijntje", bytes(range(32))], tmp_path)
    assert ("plain.db", "Kievitsbloemhof", "utf-8") in hits
    assert ("utf16.txt", "Quirijntje", "utf-16-le") in hits
    assert ("key.bin", bytes(range(32)).hex(), "raw") in hits


def test_database_file_is_not_a_plain_sqlite_file(filled: Store, profile_dir: Path) -> None:
    path = profile_dir / filled.header.database
    assert not path.read_bytes().startswith(b"SQLite format 3\x00")
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        with pytest.raises(sqlite3.DatabaseError):
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    finally:
        conn.close()


# ---------------------------------------------------------------------- passphrase change


def test_change_passphrase(
    filled: Store, profile_dir: Path, passphrase: str, clock: FixedClock
) -> None:
    store = filled
    old_db = store.header.database
    kinds = [name for name in ENTITIES if name != "prijs"]
    kinds_digest = store.digest(kinds)
    digest = store.digest()
    counts = store.counts()
    changes = store.change_count()
    device = store.device_id
    audit_rows = store.rows("SELECT * FROM audit_log ORDER BY seq")

    store.change_passphrase(NEW_PASSPHRASE)

    # the store stays usable on the new file, with the same safe settings
    assert store.header.database != old_db
    assert store.rows("PRAGMA journal_mode") == [("wal",)]
    assert store.rows("PRAGMA temp_store") == [(2,)]  # MEMORY: no plaintext temp files
    assert store.digest() == digest
    with store.write(None) as w:
        w.put("prijs", None, {"code": "X", "omschrijving": "Na wissel", "bedrag_cent": 1})
    assert store.integrity_problems() == []
    assert not (profile_dir / old_db).exists()
    store.close()

    names = sorted(p.name for p in profile_dir.iterdir())
    new_db = profile.read_header(profile_dir).database
    assert names == sorted(["profile.json", new_db])
    assert profile.stale_database_files(profile_dir, profile.read_header(profile_dir)) == []

    with pytest.raises(WrongPassphrase):
        Store.open(profile_dir, passphrase)
    with Store.open(profile_dir, NEW_PASSPHRASE, clock=clock) as again:
        assert again.device_id == device
        assert again.digest(kinds) == kinds_digest
        assert again.counts() == {**counts, "prices": 1}
        assert again.change_count() == changes + 1
        assert again.rows("SELECT * FROM audit_log ORDER BY seq")[: len(audit_rows)] == (audit_rows)
        assert again.integrity_problems() == []
        notes = again.rows("SELECT rowid FROM notitie_fts WHERE notitie_fts MATCH 'kraamzorg*'")
        assert len(notes) == 1
        assert again.schema_version() == schema.LATEST


def test_change_passphrase_twice_and_back(
    filled: Store, profile_dir: Path, passphrase: str
) -> None:
    digest = filled.digest()
    filled.change_passphrase(NEW_PASSPHRASE)
    filled.change_passphrase(passphrase)
    filled.close()
    with pytest.raises(WrongPassphrase):
        Store.open(profile_dir, NEW_PASSPHRASE)
    with Store.open(profile_dir, passphrase) as again:
        assert again.digest() == digest
    assert len(files_under(profile_dir)) == 2


def test_stale_database_from_an_interrupted_change_is_removed(
    filled: Store, profile_dir: Path, passphrase: str
) -> None:
    """A crash after the copy was written but before profile.json switched leaves a file that
    the next open removes; the profile still opens with the old passphrase."""
    digest = filled.digest()
    filled.close()
    stale = profile_dir / "werkplein-0123456789ab.db"
    stale.write_bytes(os.urandom(4096))
    (profile_dir / "werkplein-0123456789ab.db-wal").write_bytes(b"")
    with Store.open(profile_dir, passphrase) as store:
        assert store.digest() == digest
    assert len(files_under(profile_dir)) == 2
    assert not stale.exists()


def test_failed_passphrase_change_keeps_the_store_usable(
    filled: Store, profile_dir: Path, passphrase: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The disk fills up while profile.json is switched: the old passphrase and the open
    store must keep working, and the half-made copy must be gone."""
    digest = filled.digest()
    header_bytes = (profile_dir / "profile.json").read_bytes()

    def disk_full(*_args: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(profile, "write_header", disk_full)
    with pytest.raises((OSError, WerkpleinError)):
        filled.change_passphrase(NEW_PASSPHRASE)
    monkeypatch.undo()

    assert (profile_dir / "profile.json").read_bytes() == header_bytes
    assert [p.name for p in profile_dir.glob("werkplein-*.db")] == [filled.header.database]
    # the open store still works
    assert filled.digest() == digest
    with filled.write(None) as w:
        w.put("prijs", None, {"code": "Y", "omschrijving": "Na mislukte wissel", "bedrag_cent": 2})
    filled.close()
    with Store.open(profile_dir, passphrase) as again:
        assert again.counts()["prices"] == 1
    with pytest.raises(WrongPassphrase):
        Store.open(profile_dir, NEW_PASSPHRASE)


# ---------------------------------------------------------------------- backup


def test_backup_opens_with_plain_sqlcipher_and_the_passphrase(
    filled: Store, tmp_path: Path, passphrase: str
) -> None:
    out = tmp_path / "backup.db"
    filled.backup(out, passphrase)
    counts = filled.counts()

    conn = open_plain(out, passphrase)
    try:
        assert conn.execute("PRAGMA cipher_integrity_check").fetchall() == []
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert conn.execute("PRAGMA kdf_iter").fetchone()[0] in ("256000", 256000)
        assert conn.execute("PRAGMA user_version").fetchone()[0] == schema.LATEST
        names = {r[0] for r in conn.execute("SELECT last_name FROM inwoner")}
        assert names == {"Zwaluwstaart", "Klaproosveld"}
        bsn = conn.execute("SELECT bsn FROM inwoner WHERE last_name = 'Zwaluwstaart'")
        assert bsn.fetchone()[0] == "123456782"
        assert conn.execute("SELECT count(*) FROM notitie").fetchone()[0] == counts["notes"]
        fts = conn.execute("SELECT count(*) FROM notitie_fts WHERE notitie_fts MATCH 'huisarts'")
        assert fts.fetchone()[0] == 1
        log = conn.execute("SELECT count(*) FROM change_log").fetchone()[0]
        assert log == filled.change_count()
        assert audit.verify(conn) == []
        device = conn.execute("SELECT value FROM meta WHERE key = 'device_id'").fetchone()[0]
        assert device == filled.device_id
    finally:
        conn.close()

    wrong = open_plain(out, "not the passphrase at all")
    try:
        with pytest.raises(sqlcipher3.dbapi2.DatabaseError):
            wrong.execute("SELECT count(*) FROM sqlite_master").fetchone()
    finally:
        wrong.close()


def test_backup_after_passphrase_change_uses_the_new_passphrase(
    filled: Store, tmp_path: Path, passphrase: str
) -> None:
    filled.change_passphrase(NEW_PASSPHRASE)
    out = tmp_path / "backup.db"
    with pytest.raises(WrongPassphrase):
        filled.backup(out, passphrase)
    assert not out.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["profile"]
    filled.backup(out, NEW_PASSPHRASE)
    conn = open_plain(out, NEW_PASSPHRASE)
    try:
        assert conn.execute("SELECT count(*) FROM inwoner").fetchone()[0] == 2
    finally:
        conn.close()


def test_backup_is_written_atomically(filled: Store, tmp_path: Path, passphrase: str) -> None:
    target = tmp_path / "usb"
    target.mkdir()
    out = target / "backup.db"
    filled.backup(out, passphrase)
    assert sorted(p.name for p in target.iterdir()) == ["backup.db"]

    # replacing an older backup leaves only the new one
    with filled.write(None) as w:
        w.put("prijs", None, {"code": "N", "omschrijving": "Nieuw", "bedrag_cent": 3})
    first = out.read_bytes()
    filled.backup(out, passphrase)
    assert sorted(p.name for p in target.iterdir()) == ["backup.db"]
    assert out.read_bytes() != first


def test_backup_to_unwritable_folder_leaves_nothing(
    filled: Store, tmp_path: Path, profile_dir: Path, passphrase: str
) -> None:
    target = tmp_path / "stick"
    target.mkdir()
    before = sorted(p.name for p in profile_dir.iterdir())
    with unwritable(target), pytest.raises(WerkpleinError):
        filled.backup(target / "backup.db", passphrase)
    assert list(target.iterdir()) == []
    assert sorted(p.name for p in profile_dir.iterdir()) == before
    assert filled.integrity_problems() == []
    with filled.write(None) as w:  # the store is not stuck with an attached database
        w.put("prijs", None, {"code": "R", "omschrijving": "Daarna", "bedrag_cent": 4})
    assert "export" not in {row[1] for row in filled.rows("PRAGMA database_list")}


def test_backup_to_unwritable_folder_is_not_reported_as_damage(
    filled: Store, tmp_path: Path, passphrase: str
) -> None:
    """The profile is fine; telling the user to restore a backup would be wrong."""
    target = tmp_path / "stick"
    target.mkdir()
    with unwritable(target), pytest.raises(WerkpleinError) as excinfo:
        filled.backup(target / "backup.db", passphrase)
    assert not isinstance(excinfo.value, DatabaseDamaged)


def test_backup_onto_a_folder_leaves_no_temp_file(
    filled: Store, tmp_path: Path, passphrase: str
) -> None:
    target = tmp_path / "usb"
    (target / "backup.db").mkdir(parents=True)
    with pytest.raises((OSError, WerkpleinError)):
        filled.backup(target / "backup.db", passphrase)
    assert sorted(p.name for p in target.iterdir()) == ["backup.db"]
    assert list((target / "backup.db").iterdir()) == []


# ---------------------------------------------------------------------- permissions


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_profile_folder_is_private(tmp_path: Path, passphrase: str) -> None:
    old_umask = os.umask(0)
    try:
        nested = tmp_path / "a" / "b" / "profile"
        Store.create(nested, passphrase, kdf_iterations=TEST_ITERATIONS).close()
        assert _mode(nested) == 0o700

        existing = tmp_path / "existing"
        existing.mkdir(mode=0o777)
        existing.chmod(0o777)
        with Store.create(existing, passphrase, kdf_iterations=TEST_ITERATIONS) as store:
            assert _mode(existing) == 0o700
            store.change_passphrase(NEW_PASSPHRASE)
        assert _mode(existing) == 0o700
    finally:
        os.umask(old_umask)
    with pytest.raises(ProfileExists):
        Store.create(existing, passphrase, kdf_iterations=TEST_ITERATIONS)
    assert _mode(existing) == 0o700
