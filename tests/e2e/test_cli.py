"""The CLI contract, end to end: exit codes, one-line messages in the user's language, and
profiles that a failed command leaves exactly as they were."""

from __future__ import annotations

import re
import resource
import signal
from pathlib import Path
from typing import Any

import pytest

from werkplein import __version__
from werkplein.cli import PassphraseMissing, UnexpectedError
from werkplein.errors import (
    DatabaseDamaged,
    DiskFull,
    ProfileExists,
    ProfileNotFound,
    WrongPassphrase,
)
from werkplein.store.restore import BackupUnreadable

from .conftest import (
    PASSPHRASE,
    RunCli,
    assert_translated,
    database_file,
    message,
    one_line,
    resident_rows,
    snapshot,
    status,
    write_csv,
)

WRONG = "wrong passphrase 123"
NEW = "a brand new passphrase"
SQLITE_PLAIN = b"SQLite format 3\x00"


@pytest.fixture
def shared_profile(demo_template: Path) -> Path:
    """A demo profile that these tests only read (and assert they did not change)."""
    return demo_template


def _corrupt_middle(path: Path, size: int = 64) -> None:
    """Overwrite bytes in the middle of the file and at seven more places spread over its
    second half, so the damage reaches pages that every full read of the data touches."""
    data = bytearray(path.read_bytes())
    for eighth in range(8):
        at = len(data) // 2 + eighth * len(data) // 16
        data[at : at + size] = b"\xa5" * size
    path.write_bytes(bytes(data))


# ---------------------------------------------------------------------- version, init, status
def test_version(run_cli: RunCli) -> None:
    proc = run_cli("--version")
    assert proc.returncode == 0
    assert proc.stdout.strip() == f"werkplein {__version__}"


def test_init_then_status(run_cli: RunCli, tmp_path: Path) -> None:
    profile = tmp_path / "nieuw"
    proc = run_cli("init", "--data-dir", profile, "--name", "Jan Jansen", "--role", "werkcoach")
    assert proc.returncode == 0, proc.stderr
    assert "Jan Jansen" in proc.stdout
    result = status(run_cli, profile)
    assert result["counts"]["users"] == 1
    assert result["counts"]["residents"] == 0
    assert isinstance(result["schema_version"], int)
    assert result["schema_version"] >= 1
    assert isinstance(result["device_id"], str)
    assert result["device_id"]
    assert re.fullmatch(r"[0-9a-f]{64}", result["digest"])
    assert result["user"] == {"id": result["user"]["id"], "name": "Jan Jansen", "role": "werkcoach"}
    assert result["kdf_iterations"] == 1000  # the test KDF is reported, never silent
    # the database on disk is encrypted, not a plain SQLite file
    assert not database_file(profile).read_bytes().startswith(SQLITE_PLAIN)
    # status twice gives the same answer
    assert status(run_cli, profile) == result


def test_init_into_existing_profile_changes_nothing(run_cli: RunCli, profile: Path) -> None:
    before = snapshot(profile)
    proc = run_cli("init", "--data-dir", profile, "--name", "Ander", "--role", "werkcoach")
    assert proc.returncode == 1
    line = one_line(proc)
    assert line == message(ProfileExists())
    assert line != message(ProfileExists(), "en")  # Dutch by default
    assert proc.stdout == ""
    assert snapshot(profile) == before
    assert status(run_cli, profile)["user"]["name"] == "Test Medewerker"


def test_init_with_a_weak_passphrase_is_refused(run_cli: RunCli, tmp_path: Path) -> None:
    data_dir = tmp_path / "zwak"
    proc = run_cli(
        "init", "--data-dir", data_dir, "--name", "A", "--role", "werkcoach", passphrase="kort"
    )
    assert proc.returncode == 1
    one_line(proc)
    assert not (data_dir / "profile.json").exists()


# ---------------------------------------------------------------------- wrong / missing passphrase
@pytest.mark.parametrize("command", ["status", "check", "backup"])
@pytest.mark.parametrize("lang", ["nl", "en-env", "en-flag"])
def test_wrong_passphrase_is_one_line_and_changes_nothing(
    run_cli: RunCli, shared_profile: Path, tmp_path: Path, command: str, lang: str
) -> None:
    before = snapshot(shared_profile)
    out = tmp_path / "backup.wpb"
    args: list[str | Path] = [command, "--data-dir", shared_profile]
    if command == "backup":
        args += ["--out", out]
    env = {"WERKPLEIN_LANG": "en"} if lang == "en-env" else None
    if lang == "en-flag":
        args = ["--lang", "en", *args]
    proc = run_cli(*args, env=env, passphrase=WRONG)
    assert proc.returncode == 1
    line = one_line(proc)
    assert proc.stdout == ""
    if lang == "nl":
        assert line == message(WrongPassphrase())
        assert_translated(line, message(WrongPassphrase(), "en"))
        assert "wachtwoord" in line.lower()
    else:
        assert line == message(WrongPassphrase(), "en")
        assert "passphrase" in line.lower()
    assert snapshot(shared_profile) == before
    assert not out.exists()
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    "args",
    [
        ["status"],
        ["check"],
        ["init", "--name", "A", "--role", "werkcoach"],
    ],
)
def test_no_passphrase_and_no_tty(
    run_cli: RunCli, shared_profile: Path, tmp_path: Path, args: list[str]
) -> None:
    data_dir = tmp_path / "nieuw" if args[0] == "init" else shared_profile
    before = snapshot(shared_profile)
    proc = run_cli(*args, "--data-dir", data_dir, passphrase=None)
    assert proc.returncode == 1
    assert one_line(proc) == message(PassphraseMissing())
    assert not (tmp_path / "nieuw" / "profile.json").exists()
    assert snapshot(shared_profile) == before


def test_no_profile_in_the_folder(run_cli: RunCli, tmp_path: Path) -> None:
    for command in ("status", "check"):
        proc = run_cli(command, "--data-dir", tmp_path / "leeg")
        assert proc.returncode == 1
        assert one_line(proc) == message(ProfileNotFound())
    assert not (tmp_path / "leeg").exists()


# ---------------------------------------------------------------------- usage
@pytest.mark.parametrize(
    "args",
    [
        ["bestaat-niet"],
        ["init", "--data-dir", "x", "--role", "werkcoach"],
        ["init", "--data-dir", "x", "--name", "A", "--role", "directeur"],
        ["import", "residents", "--data-dir", "x"],
        ["demo", "--data-dir", "x", "--residents", "0"],
        ["status", "--data-dir", "x", "--onbekend"],
    ],
)
def test_usage_errors_exit_2(run_cli: RunCli, tmp_path: Path, args: list[str]) -> None:
    proc = run_cli(*args, cwd=tmp_path)
    assert proc.returncode == 2, proc.stderr
    assert "usage" in proc.stderr.lower() or "gebruik" in proc.stderr.lower()
    assert not (tmp_path / "x").exists()


def test_gui_takes_data_dir_too(run_cli: RunCli) -> None:
    """Every other command is run with --data-dir in these tests; the desktop app takes it too."""
    proc = run_cli("gui", "--help")
    assert proc.returncode == 0, proc.stderr
    assert "--data-dir" in proc.stdout


def test_data_dir_before_the_subcommand(run_cli: RunCli, profile: Path, tmp_path: Path) -> None:
    proc = run_cli("--data-dir", profile, "status", "--json")
    assert proc.returncode == 0, proc.stderr
    assert '"users": 1' in proc.stdout
    assert run_cli("--data-dir", profile, "check").returncode == 0
    csv_file = write_csv(tmp_path / "inwoners.csv", resident_rows(3))
    proc = run_cli("--data-dir", profile, "import", "residents", csv_file)
    assert proc.returncode == 0, proc.stderr
    assert status(run_cli, profile)["counts"]["residents"] == 3
    # and a new profile made that way lands in that folder
    other = tmp_path / "ander"
    proc = run_cli("--data-dir", other, "init", "--name", "B", "--role", "teamleider")
    assert proc.returncode == 0, proc.stderr
    assert (other / "profile.json").is_file()


# ---------------------------------------------------------------------- demo
@pytest.mark.dates
def test_demo_is_deterministic_per_seed(run_cli: RunCli, tmp_path: Path) -> None:
    digests = {}
    for name, seed in (("a", "3"), ("b", "3"), ("c", "4")):
        data_dir = tmp_path / name
        proc = run_cli("demo", "--data-dir", data_dir, "--residents", "5", "--seed", seed)
        assert proc.returncode == 0, proc.stderr
        result = status(run_cli, data_dir)
        assert result["counts"]["residents"] == 5
        digests[name] = result["digest"]
    assert digests["a"] == digests["b"]
    assert digests["a"] != digests["c"]
    # demo into an existing profile is refused and changes nothing
    before = snapshot(tmp_path / "a")
    proc = run_cli("demo", "--data-dir", tmp_path / "a", "--residents", "5", "--seed", "4")
    assert proc.returncode == 1
    assert one_line(proc) == message(ProfileExists())
    assert snapshot(tmp_path / "a") == before


def _printed_passphrase(stdout: str) -> str:
    last = stdout.strip().splitlines()[-1]
    return last.rsplit(": ", 1)[1].strip().strip("'\"")


def test_demo_without_passphrase_prints_one_that_opens_it(run_cli: RunCli, tmp_path: Path) -> None:
    data_dir = tmp_path / "demo"
    proc = run_cli("demo", "--data-dir", data_dir, "--residents", "3", passphrase=None)
    assert proc.returncode == 0, proc.stderr
    chosen = _printed_passphrase(proc.stdout)
    assert chosen
    assert run_cli("check", "--data-dir", data_dir, passphrase=chosen).returncode == 0
    assert status(run_cli, data_dir, passphrase=chosen)["counts"]["residents"] == 3
    assert run_cli("status", "--data-dir", data_dir, passphrase=WRONG).returncode == 1


def test_demo_with_passphrase_set_uses_it(run_cli: RunCli, tmp_path: Path) -> None:
    data_dir = tmp_path / "demo"
    proc = run_cli("demo", "--data-dir", data_dir, "--residents", "3")
    assert proc.returncode == 0, proc.stderr
    assert PASSPHRASE not in proc.stdout
    assert status(run_cli, data_dir)["counts"]["residents"] == 3


def test_demo_with_an_empty_passphrase_variable_never_hides_the_passphrase(
    run_cli: RunCli, tmp_path: Path
) -> None:
    """WERKPLEIN_PASSPHRASE="" (e.g. an unset variable in a script): either refuse, or make a
    profile whose passphrase the user is told. Never a profile nobody can open."""
    data_dir = tmp_path / "demo"
    proc = run_cli("demo", "--data-dir", data_dir, "--residents", "3", passphrase="")
    if proc.returncode == 1:
        one_line(proc)
        assert not (data_dir / "profile.json").exists()
        return
    assert proc.returncode == 0, proc.stderr
    assert len(proc.stdout.strip().splitlines()) >= 2, "the chosen passphrase was not printed"
    chosen = _printed_passphrase(proc.stdout)
    assert run_cli("check", "--data-dir", data_dir, passphrase=chosen).returncode == 0


# ---------------------------------------------------------------------- check
def test_check_healthy_and_damaged(run_cli: RunCli, demo_profile: Path) -> None:
    data_dir = demo_profile
    proc = run_cli("check", "--data-dir", data_dir)
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr == ""

    _corrupt_middle(database_file(data_dir))
    proc = run_cli("check", "--data-dir", data_dir)
    assert proc.returncode == 1
    line = one_line(proc)
    assert line != message(UnexpectedError(kind="DatabaseError"))
    proc_en = run_cli("check", "--data-dir", data_dir, env={"WERKPLEIN_LANG": "en"})
    assert proc_en.returncode == 1
    assert "damaged" in one_line(proc_en)
    assert line != one_line(proc_en)


def test_status_on_a_damaged_profile_says_it_is_damaged(
    run_cli: RunCli, demo_profile: Path
) -> None:
    """A damaged database is the user's situation to act on (restore a backup), not a crash."""
    data_dir = demo_profile
    _corrupt_middle(database_file(data_dir))
    proc = run_cli("status", "--data-dir", data_dir, "--json")
    assert proc.returncode == 1
    assert proc.stdout == ""
    assert one_line(proc) == message(DatabaseDamaged())


# ---------------------------------------------------------------------- passphrase, backup, restore
def test_passphrase_change(run_cli: RunCli, profile: Path) -> None:
    digest = status(run_cli, profile)["digest"]
    proc = run_cli("passphrase", "--data-dir", profile, env={"WERKPLEIN_NEW_PASSPHRASE": NEW})
    assert proc.returncode == 0, proc.stderr

    proc = run_cli("status", "--data-dir", profile)
    assert proc.returncode == 1
    assert one_line(proc) == message(WrongPassphrase())
    assert status(run_cli, profile, passphrase=NEW)["digest"] == digest
    assert run_cli("check", "--data-dir", profile, passphrase=NEW).returncode == 0
    # the old encrypted copy is gone: one database file (plus its WAL companions at most)
    assert [p.name for p in profile.glob("werkplein-*.db")] == [database_file(profile).name]


def test_passphrase_change_without_new_passphrase_changes_nothing(
    run_cli: RunCli, profile: Path
) -> None:
    before = snapshot(profile)
    proc = run_cli("passphrase", "--data-dir", profile)
    assert proc.returncode == 1
    one_line(proc)
    weak = run_cli("passphrase", "--data-dir", profile, env={"WERKPLEIN_NEW_PASSPHRASE": "kort"})
    assert weak.returncode == 1
    one_line(weak)
    assert (profile / "profile.json").read_bytes() == before["profile.json"][0]
    assert run_cli("check", "--data-dir", profile).returncode == 0


def test_backup_then_restore(run_cli: RunCli, shared_profile: Path, tmp_path: Path) -> None:
    original = status(run_cli, shared_profile)
    backup = tmp_path / "werkplein.backup"
    proc = run_cli("backup", "--data-dir", shared_profile, "--out", backup)
    assert proc.returncode == 0, proc.stderr
    assert backup.is_file()
    assert not backup.read_bytes().startswith(SQLITE_PLAIN)

    restored = tmp_path / "hersteld"
    proc = run_cli("restore", "--data-dir", restored, "--from", backup)
    assert proc.returncode == 0, proc.stderr
    result = status(run_cli, restored)
    assert result["digest"] == original["digest"]
    assert result["counts"] == original["counts"]
    assert run_cli("check", "--data-dir", restored).returncode == 0

    # never over an existing profile
    before = snapshot(restored)
    proc = run_cli("restore", "--data-dir", restored, "--from", backup)
    assert proc.returncode == 1
    assert one_line(proc) == message(ProfileExists())
    assert snapshot(restored) == before

    # a wrong passphrase opens nothing
    proc = run_cli("restore", "--data-dir", tmp_path / "fout", "--from", backup, passphrase=WRONG)
    assert proc.returncode == 1
    assert one_line(proc) == message(BackupUnreadable())
    assert not (tmp_path / "fout" / "profile.json").exists()


def test_backup_into_a_missing_folder_is_not_called_damage(
    run_cli: RunCli, profile: Path, tmp_path: Path
) -> None:
    """The profile is fine; only the target folder is missing. Telling the user the database
    is damaged and to restore a backup would send them the wrong way."""
    before = status(run_cli, profile)
    out = tmp_path / "bestaat-niet" / "b.bak"
    proc = run_cli("backup", "--data-dir", profile, "--out", out)
    assert proc.returncode == 1
    line = one_line(proc)
    assert run_cli("check", "--data-dir", profile).returncode == 0
    assert status(run_cli, profile)["digest"] == before["digest"]
    assert line != message(DatabaseDamaged())
    assert line != message(UnexpectedError(kind="OperationalError"))
    proc_en = run_cli("backup", "--data-dir", profile, "--out", out, env={"WERKPLEIN_LANG": "en"})
    assert proc_en.returncode == 1
    assert_translated(line, one_line(proc_en))


# ---------------------------------------------------------------------- full disk
def _limit_file_size(limit: int) -> None:
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))


def test_full_disk_is_a_clear_message(
    run_cli: RunCli, profile: Path, tmp_path: Path, fresh_status: dict[str, Any]
) -> None:
    """No file may grow beyond a limit just above the current database size: the import cannot
    be saved. Expect exit 1, one line saying the disk is full, and an intact profile."""
    csv_file = write_csv(tmp_path / "inwoners.csv", resident_rows(2000))
    before = fresh_status
    limit = database_file(profile).stat().st_size + 64 * 1024

    proc = run_cli(
        "import",
        "residents",
        "--data-dir",
        profile,
        csv_file,
        preexec_fn=lambda: _limit_file_size(limit),
    )
    assert proc.returncode == 1
    line = one_line(proc)
    assert proc.stdout == ""

    proc_check = run_cli("check", "--data-dir", profile)
    assert proc_check.returncode == 0, proc_check.stdout + proc_check.stderr
    after = status(run_cli, profile)
    assert after["counts"] == before["counts"]
    assert after["digest"] == before["digest"]
    assert after["changes"] == before["changes"]

    # the message says what happened: the disk is full (not "damaged, restore a backup")
    assert line == message(DiskFull())
