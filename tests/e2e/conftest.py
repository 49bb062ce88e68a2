"""End-to-end fixtures: the real ``werkplein`` command line, run as a subprocess.

Every call runs ``python -m werkplein`` with the cheap test KDF (``WERKPLEIN_TEST_KDF=1``), a
passphrase in ``WERKPLEIN_PASSPHRASE``, Qt off-screen and no terminal on stdin, and checks that
no traceback ever reaches the user.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import TEST_NOW
from werkplein import i18n
from werkplein.domain.bsn import check_digit_for
from werkplein.store.clock import NOW_ENV, iso

PASSPHRASE = "correct horse battery staple"
CLI_TIMEOUT = 120

RunCli = Callable[..., subprocess.CompletedProcess[str]]

IMPORT_HEADER = (
    "bsn",
    "voornamen",
    "achternaam",
    "geboortedatum",
    "straat",
    "huisnummer",
    "postcode",
    "woonplaats",
    "gemeente",
)


def cli_env(
    env: Mapping[str, str | None] | None = None, passphrase: str | None = PASSPHRASE
) -> dict[str, str]:
    """The environment of one CLI call. A value of None in ``env`` removes that variable."""
    out = {
        k: v for k, v in os.environ.items() if not k.startswith("WERKPLEIN_") and k != "LANGUAGE"
    }
    out.update(
        {
            NOW_ENV: iso(TEST_NOW),  # the run's clock (running from there in the subprocess)
            "WERKPLEIN_TEST_KDF": "1",
            "QT_QPA_PLATFORM": "offscreen",
            "PYTHONDONTWRITEBYTECODE": "1",
        }
    )
    if passphrase is not None:  # None: no WERKPLEIN_PASSPHRASE at all
        out["WERKPLEIN_PASSPHRASE"] = passphrase
    for key, value in (env or {}).items():
        if value is None:
            out.pop(key, None)
        else:
            out[key] = value
    return out


def run(
    *args: str | os.PathLike[str],
    env: Mapping[str, str | None] | None = None,
    passphrase: str | None = PASSPHRASE,
    cwd: Path | None = None,
    **popen: Any,
) -> subprocess.CompletedProcess[str]:
    proc = subprocess.run(
        [sys.executable, "-m", "werkplein", *map(str, args)],
        env=cli_env(env, passphrase),
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=CLI_TIMEOUT,
        check=False,
        cwd=cwd,
        **popen,
    )
    assert "Traceback" not in proc.stderr, proc.stderr
    assert "Traceback" not in proc.stdout, proc.stdout
    return proc


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Every test here runs the CLI in subprocesses: slow. The runs at other dates
    (tests/other_dates.sh) keep the ones marked ``dates``."""
    here = Path(__file__).parent
    for item in items:
        if here in item.path.parents:
            item.add_marker(pytest.mark.slow)


@pytest.fixture(scope="session")
def run_cli() -> RunCli:
    """``run_cli(*args, env=None, passphrase=PASSPHRASE)`` -> CompletedProcess (text)."""
    return run


# ---------------------------------------------------------------------- helpers
def one_line(proc: subprocess.CompletedProcess[str]) -> str:
    """The single stderr line of a user error (exit 1)."""
    lines = proc.stderr.splitlines()
    assert len(lines) == 1, proc.stderr
    assert lines[0].strip(), proc.stderr
    return lines[0]


def assert_translated(dutch: str, english: str) -> None:
    """The Dutch line holds no English phrase (no run of three words of the English line): a
    message with an untranslated part such as a reason in parentheses fails this."""

    def runs(text: str) -> set[tuple[str, ...]]:
        words = re.findall(r"[a-z]+", text.lower())
        return {tuple(words[i : i + 3]) for i in range(len(words) - 2)}

    shared = runs(dutch) & runs(english)
    assert not shared, f"untranslated English in {dutch!r}: {sorted(shared)}"


def message(error: Any, lang: str = "nl") -> str:
    """What the CLI prints for ``error`` (a WerkpleinError) in ``lang``."""
    previous = i18n.language()
    i18n.set_language(lang)
    try:
        return str(error.message())
    finally:
        i18n.set_language(previous)


def status(run_cli: RunCli, data_dir: Path, **kwargs: Any) -> dict[str, Any]:
    proc = run_cli("status", "--data-dir", data_dir, "--json", **kwargs)
    assert proc.returncode == 0, proc.stderr
    result: dict[str, Any] = json.loads(proc.stdout)
    return result


def snapshot(folder: Path) -> dict[str, tuple[bytes, int]]:
    """Bytes and mtime of every file under ``folder``."""
    return {
        str(p.relative_to(folder)): (p.read_bytes(), p.stat().st_mtime_ns)
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def database_file(data_dir: Path) -> Path:
    header = json.loads((data_dir / "profile.json").read_text(encoding="utf-8"))
    return data_dir / str(header["database"])


def valid_bsns(count: int, start: int = 10_000_000) -> list[str]:
    """``count`` different BSNs that pass the elfproef."""
    out: list[str] = []
    n = start
    while len(out) < count:
        n += 1
        first = f"{n:08d}"
        digit = check_digit_for(first)
        if digit is not None:
            out.append(f"{first}{digit}")
    return out


def invalid_bsn(valid: str) -> str:
    """A nine-digit number that fails the elfproef."""
    last = (int(valid[-1]) + 1) % 10
    return valid[:-1] + str(last)


def resident_rows(count: int, start: int = 10_000_000) -> list[dict[str, str]]:
    return [
        {
            "bsn": bsn,
            "voornamen": f"Voornaamx{i}",
            "achternaam": f"Achternaamx{i}",
            "geboortedatum": f"19{60 + i % 40}-{1 + i % 12:02d}-{1 + i % 28:02d}",
            "straat": f"Kerkstraatx{i}",
            "huisnummer": str(1 + i % 150),
            "postcode": f"{7100 + i % 800} AB",
            "woonplaats": "Lindendal",
            "gemeente": "Lindendal",
        }
        for i, bsn in enumerate(valid_bsns(count, start))
    ]


def csv_text(
    rows: Iterable[Mapping[str, str]],
    *,
    columns: Sequence[str] = IMPORT_HEADER,
    delimiter: str = ";",
    line_end: str = "\n",
) -> str:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator=line_end)
    writer.writerow(columns)
    for row in rows:
        writer.writerow([row.get(c, "") for c in columns])
    return buffer.getvalue()


def write_csv(
    path: Path, rows: Iterable[Mapping[str, str]], *, bom: bool = False, **kw: Any
) -> Path:
    data = csv_text(rows, **kw).encode("utf-8")
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + data)
    return path


def copy_profile(template: Path, target: Path) -> Path:
    """A copy of a closed profile folder (what a user does when moving to a new laptop)."""
    shutil.copytree(template, target)
    return target


@pytest.fixture(scope="session")
def profile_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One profile made with ``werkplein init``; tests get copies (see ``profile``)."""
    data_dir = tmp_path_factory.mktemp("template") / "profiel"
    proc = run(
        "init", "--data-dir", data_dir, "--name", "Test Medewerker", "--role", "klantmanager"
    )
    assert proc.returncode == 0, proc.stderr
    return data_dir


@pytest.fixture(scope="session")
def fresh_status(run_cli: RunCli, profile_template: Path) -> dict[str, Any]:
    """``status --json`` of a fresh profile (every ``profile`` copy starts out like this)."""
    return status(run_cli, profile_template)


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One small demo region (seed 7); tests only read it or get copies (``demo_profile``)."""
    data_dir = tmp_path_factory.mktemp("demo-template") / "profiel"
    proc = run("demo", "--data-dir", data_dir, "--residents", "5", "--seed", "7")
    assert proc.returncode == 0, proc.stderr
    return data_dir


@pytest.fixture
def profile(profile_template: Path, tmp_path: Path) -> Path:
    """A fresh copy of a profile made with ``werkplein init`` (one user, nothing else)."""
    return copy_profile(profile_template, tmp_path / "profiel")


@pytest.fixture
def demo_profile(demo_template: Path, tmp_path: Path) -> Path:
    return copy_profile(demo_template, tmp_path / "demo")
