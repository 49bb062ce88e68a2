"""The profile folder: KDF strength, unlocking, the header file and what it may hold."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import run_clock
from werkplein.errors import (
    DatabaseDamaged,
    ProfileExists,
    ProfileNotFound,
    WeakPassphrase,
    WrongPassphrase,
)
from werkplein.services.session import Session
from werkplein.store import profile
from werkplein.store.clock import FixedClock, iso
from werkplein.store.profile import TEST_ITERATIONS
from werkplein.store.store import Store

PASSPHRASE = "correct horse battery staple"  # the conftest passphrase

RESIDENT = {
    "bsn": "123456782",
    "first_names": "Quirijntje",
    "last_name": "Zwaluwstaart",
    "birth_date": "1981-04-12",
    "street": "Kievitsbloemhof",
    "house_number": "7",
    "postcode": "9999 ZZ",
    "city": "Oudewater",
    "gemeente": "Oudewater",
}


def snapshot(folder: Path) -> dict[str, tuple[int, str, int]]:
    """Every file under ``folder``: relative path -> (size, sha256, mtime in ns)."""
    out: dict[str, tuple[int, str, int]] = {}
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            st = path.stat()
            digest = hashlib.sha256(path.read_bytes()).hexdigest()
            out[str(path.relative_to(folder))] = (st.st_size, digest, st.st_mtime_ns)
    return out


def listing(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*"))


@pytest.fixture(scope="module")
def profile_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A closed profile with one user, one resident and one note, made once per module."""
    data_dir = tmp_path_factory.mktemp("template") / "profile"
    clock = run_clock()
    session = Session.create(
        data_dir,
        PASSPHRASE,
        "Wilhelmina Test",
        "klantmanager",
        kdf_iterations=TEST_ITERATIONS,
        clock=clock,
    )
    with session.store.write(session.user.id) as w:
        rid, _ = w.put("inwoner", None, RESIDENT)
        w.put(
            "notitie",
            None,
            {
                "inwoner_id": rid,
                "text": "Gesprek over de schuldhulp",
                "author_id": session.user.id,
                "written_at": iso(clock.now()),
            },
        )
    session.close()
    return data_dir


@pytest.fixture
def filled_profile(profile_template: Path, tmp_path: Path, passphrase: str) -> Path:
    """A private copy of the template profile for one test."""
    assert passphrase == PASSPHRASE
    data_dir = tmp_path / "profile"
    shutil.copytree(profile_template, data_dir)
    return data_dir


# ---------------------------------------------------------------------- unlocking


def test_wrong_passphrase_raises_and_changes_nothing(filled_profile: Path) -> None:
    before_list = listing(filled_profile)
    before = snapshot(filled_profile)
    dir_mtime = filled_profile.stat().st_mtime_ns

    with pytest.raises(WrongPassphrase):
        Store.open(filled_profile, "not the right passphrase")
    with pytest.raises(WrongPassphrase):
        Session.open(filled_profile, "correct horse battery stapl")
    with pytest.raises(WrongPassphrase):
        profile.unlock(filled_profile, "")

    assert listing(filled_profile) == before_list
    assert snapshot(filled_profile) == before
    assert filled_profile.stat().st_mtime_ns == dir_mtime


def test_correct_passphrase_opens_with_the_data(
    filled_profile: Path, passphrase: str, clock: FixedClock
) -> None:
    with Store.open(filled_profile, passphrase, clock=clock) as store:
        residents = store.find("inwoner")
        assert [r["last_name"] for r in residents] == ["Zwaluwstaart"]
        assert residents[0]["bsn"] == "123456782"
        assert store.counts()["notes"] == 1
        assert store.counts()["users"] == 1
        assert store.integrity_problems() == []
    session = Session.open(filled_profile, passphrase, clock=clock)
    try:
        assert session.user.name == "Wilhelmina Test"
    finally:
        session.close()


def test_unlock_returns_the_key_that_matches_the_check_value(
    filled_profile: Path, passphrase: str
) -> None:
    header, key = profile.unlock(filled_profile, passphrase)
    assert len(key) == 32
    assert key == profile.derive_key(passphrase, header.salt, header.iterations)
    assert profile.key_check(key) == header.key_check
    assert header.iterations == TEST_ITERATIONS


def test_open_keeps_the_device_id(filled_profile: Path, passphrase: str) -> None:
    with Store.open(filled_profile, passphrase) as first:
        device = first.device_id
    with Store.open(filled_profile, passphrase) as second:
        assert second.device_id == device


@pytest.mark.parametrize("weak", ["", "kort", "1234567", "abcdefg"])
def test_weak_passphrase_is_refused_and_nothing_is_created(tmp_path: Path, weak: str) -> None:
    data_dir = tmp_path / "profile"
    with pytest.raises(WeakPassphrase) as excinfo:
        Store.create(data_dir, weak, kdf_iterations=TEST_ITERATIONS)
    assert excinfo.value.params == {"minimum": profile.MIN_PASSPHRASE}
    assert not data_dir.exists()
    with pytest.raises(WeakPassphrase):
        Session.create(data_dir, weak, "Naam", "klantmanager", kdf_iterations=TEST_ITERATIONS)
    assert not data_dir.exists()


def test_passphrase_of_minimum_length_is_accepted(tmp_path: Path) -> None:
    with Store.create(tmp_path / "p", "a" * profile.MIN_PASSPHRASE, kdf_iterations=1000) as s:
        assert s.schema_version() > 0
    with Store.open(tmp_path / "p", "a" * profile.MIN_PASSPHRASE) as s:
        assert s.integrity_problems() == []


def test_weak_new_passphrase_is_refused_on_change(filled_profile: Path, passphrase: str) -> None:
    before_list = listing(filled_profile)
    header_bytes = (filled_profile / "profile.json").read_bytes()
    store = Store.open(filled_profile, passphrase)
    try:
        with pytest.raises(WeakPassphrase):
            store.change_passphrase("short")
        assert store.counts()["residents"] == 1
    finally:
        store.close()
    assert listing(filled_profile) == before_list
    assert (filled_profile / "profile.json").read_bytes() == header_bytes
    Store.open(filled_profile, passphrase).close()


# ---------------------------------------------------------------------- KDF strength


def test_production_default_is_sqlcipher4_strength() -> None:
    assert profile.DEFAULT_ITERATIONS == 256_000
    assert profile.TEST_ITERATIONS < profile.DEFAULT_ITERATIONS
    assert profile.TEST_KDF_ENV == "WERKPLEIN_TEST_KDF"


@pytest.mark.parametrize("value", [None, "", "0", "true", "yes", "TRUE", " 1", "2"])
def test_cheap_kdf_needs_the_explicit_switch(
    monkeypatch: pytest.MonkeyPatch, value: str | None
) -> None:
    if value is None:
        monkeypatch.delenv(profile.TEST_KDF_ENV, raising=False)
    else:
        monkeypatch.setenv(profile.TEST_KDF_ENV, value)
    assert profile.kdf_iterations_for_new_profile() == 256_000


def test_cheap_kdf_with_the_switch(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(profile.TEST_KDF_ENV, "1")
    assert profile.kdf_iterations_for_new_profile() == TEST_ITERATIONS


def test_new_profile_without_switch_records_production_strength(
    tmp_path: Path, passphrase: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(profile.TEST_KDF_ENV, raising=False)
    Store.create(tmp_path / "p", passphrase).close()
    raw = json.loads((tmp_path / "p" / "profile.json").read_text(encoding="utf-8"))
    assert raw["kdf"] == {
        "name": "pbkdf2-hmac-sha512",
        "iterations": 256_000,
        "salt": raw["kdf"]["salt"],
    }
    assert profile.read_header(tmp_path / "p").iterations == 256_000


def test_new_profile_with_switch_records_cheap_strength(
    tmp_path: Path, passphrase: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(profile.TEST_KDF_ENV, "1")
    Store.create(tmp_path / "p", passphrase).close()
    assert profile.read_header(tmp_path / "p").iterations == TEST_ITERATIONS


def test_passphrase_change_keeps_the_kdf_strength(tmp_path: Path, passphrase: str) -> None:
    with Store.create(tmp_path / "p", passphrase, kdf_iterations=TEST_ITERATIONS) as store:
        store.change_passphrase("an entirely new passphrase")
    assert profile.read_header(tmp_path / "p").iterations == TEST_ITERATIONS


# ---------------------------------------------------------------------- profile.json


def test_profile_json_holds_no_personal_data_and_no_key(
    filled_profile: Path, passphrase: str
) -> None:
    text = (filled_profile / "profile.json").read_text(encoding="utf-8")
    raw = json.loads(text)
    assert set(raw) == {"format", "database", "kdf", "key_check"}
    assert set(raw["kdf"]) == {"name", "iterations", "salt"}
    assert raw["format"] == profile.FORMAT
    assert raw["database"].startswith("werkplein-")
    assert (filled_profile / raw["database"]).is_file()

    header, key = profile.unlock(filled_profile, passphrase)
    lowered = text.lower()
    for secret in (passphrase, key.hex(), key.hex()[:16], key.hex()[-16:]):
        assert secret.lower() not in lowered
    assert key not in text.encode("utf-8")
    assert header.key_check != key
    assert len(bytes.fromhex(raw["kdf"]["salt"])) == 16
    personal = [*RESIDENT.values(), "Wilhelmina", "Test", "schuldhulp", "klantmanager"]
    for word in personal:
        if word in ("7",):
            continue
        assert word.lower() not in lowered, word


def test_two_profiles_get_different_salts_and_file_names(tmp_path: Path, passphrase: str) -> None:
    Store.create(tmp_path / "a", passphrase, kdf_iterations=TEST_ITERATIONS).close()
    Store.create(tmp_path / "b", passphrase, kdf_iterations=TEST_ITERATIONS).close()
    a = profile.read_header(tmp_path / "a")
    b = profile.read_header(tmp_path / "b")
    assert a.salt != b.salt
    assert a.key_check != b.key_check
    assert a.database != b.database


def _changed(good: dict[str, Any], path: tuple[str, ...], value: object) -> bytes:
    raw = json.loads(json.dumps(good))
    target = raw
    for key in path[:-1]:
        target = target[key]
    if value is KeyError:
        del target[path[-1]]
    else:
        target[path[-1]] = value
    return json.dumps(raw).encode("utf-8")


_FIXED_CORRUPTIONS: dict[str, bytes] = {
    "empty": b"",
    "open-brace": b"{",
    "not-utf8": b"\xff\xfe\x00garbage",
    "null": b"null",
    "list": b"[]",
    "string": b'"profile"',
}
_FIELD_CORRUPTIONS: dict[str, tuple[tuple[str, ...], object]] = {
    "format-2": (("format",), 2),
    "no-format": (("format",), KeyError),
    "no-database": (("database",), KeyError),
    "database-outside": (("database",), "../elsewhere.db"),
    "database-absolute": (("database",), "/etc/passwd"),
    "database-missing": (("database",), "werkplein-missing.db"),
    "kdf-name": (("kdf", "name"), "scrypt"),
    "salt-not-hex": (("kdf", "salt"), "not hex"),
    "no-salt": (("kdf", "salt"), KeyError),
    "iterations-text": (("kdf", "iterations"), "many"),
    "iterations-null": (("kdf", "iterations"), None),
    "iterations-zero": (("kdf", "iterations"), 0),
    "iterations-negative": (("kdf", "iterations"), -5),
    "key-check-not-hex": (("key_check",), "zz"),
    "no-kdf": (("kdf",), KeyError),
}


@pytest.mark.parametrize("corruption", [*_FIXED_CORRUPTIONS, "truncated", *_FIELD_CORRUPTIONS])
def test_corrupted_profile_json_is_reported_as_damaged(
    filled_profile: Path, passphrase: str, corruption: str
) -> None:
    path = filled_profile / "profile.json"
    original = path.read_bytes()
    if corruption in _FIXED_CORRUPTIONS:
        data = _FIXED_CORRUPTIONS[corruption]
    elif corruption == "truncated":
        data = original[: len(original) // 2]
    else:
        keys, value = _FIELD_CORRUPTIONS[corruption]
        data = _changed(json.loads(original), keys, value)
    path.write_bytes(data)
    before = snapshot(filled_profile)

    with pytest.raises(DatabaseDamaged):
        Store.open(filled_profile, passphrase)

    assert snapshot(filled_profile) == before
    path.write_bytes(original)
    Store.open(filled_profile, passphrase).close()


def test_missing_database_file_is_reported_as_damaged(
    filled_profile: Path, passphrase: str
) -> None:
    header = profile.read_header(filled_profile)
    (filled_profile / header.database).unlink()
    with pytest.raises(DatabaseDamaged):
        Store.open(filled_profile, passphrase)
    assert listing(filled_profile) == ["profile.json"]


def test_missing_folder_is_profile_not_found(tmp_path: Path, passphrase: str) -> None:
    missing = tmp_path / "nowhere" / "profile"
    with pytest.raises(ProfileNotFound):
        Store.open(missing, passphrase)
    with pytest.raises(ProfileNotFound):
        Session.open(missing, passphrase)
    assert not missing.exists()
    assert not (tmp_path / "nowhere").exists()


def test_empty_folder_is_profile_not_found(tmp_path: Path, passphrase: str) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(ProfileNotFound):
        Store.open(empty, passphrase)
    assert listing(empty) == []
    assert not profile.has_profile(empty)


def test_create_over_existing_profile_is_refused_and_changes_nothing(
    filled_profile: Path, passphrase: str
) -> None:
    before_list = listing(filled_profile)
    before = snapshot(filled_profile)
    with pytest.raises(ProfileExists):
        Store.create(filled_profile, passphrase, kdf_iterations=TEST_ITERATIONS)
    with pytest.raises(ProfileExists):
        Store.create(filled_profile, "another good passphrase", kdf_iterations=TEST_ITERATIONS)
    with pytest.raises(ProfileExists):
        Session.create(
            filled_profile, passphrase, "Iemand", "werkcoach", kdf_iterations=TEST_ITERATIONS
        )
    assert listing(filled_profile) == before_list
    assert snapshot(filled_profile) == before
    with Store.open(filled_profile, passphrase) as store:
        assert store.counts()["residents"] == 1


def test_create_in_existing_empty_folder_works(tmp_path: Path, passphrase: str) -> None:
    folder = tmp_path / "empty"
    folder.mkdir(mode=0o755)
    with Store.create(folder, passphrase, kdf_iterations=TEST_ITERATIONS) as store:
        assert store.schema_version() > 0
    assert profile.has_profile(folder)
    assert (folder.stat().st_mode & 0o777) == 0o700


def test_header_round_trip() -> None:
    header, key = profile.new_header("a good passphrase", TEST_ITERATIONS)
    again = profile.Header.from_json(header.to_json())
    assert again == header
    assert profile.key_check(key) == header.key_check
    assert header.database.endswith(".db")
    assert "/" not in header.database
    assert os.sep not in header.database
