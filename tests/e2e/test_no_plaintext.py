"""After real use through the CLI, no personal data is readable anywhere in the profile folder:
not in the database, its WAL, profile.json, the logs, or any file name."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from werkplein.services.session import Session

PASSPHRASE = "geheime wachtwoordzin 2026"
CSV = (
    "bsn;voornamen;achternaam;geboortedatum;straat;huisnummer;postcode;woonplaats;gemeente\n"
    "123456782;Wubbo Jelmer;Klaverkamp;07-04-1979;Zwanenbloemhof;3;7311 AB;Ter Linde;Lindendal\n"
)


def cli(*args: str) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "WERKPLEIN_TEST_KDF": "1",
        "WERKPLEIN_PASSPHRASE": PASSPHRASE,
        "QT_QPA_PLATFORM": "offscreen",
    }
    return subprocess.run(
        [sys.executable, "-m", "werkplein", *args],
        capture_output=True,
        text=True,
        env=env,
        stdin=subprocess.DEVNULL,
        check=False,
    )


@pytest.mark.slow
def test_profile_folder_holds_no_plaintext_after_cli_use(tmp_path: Path) -> None:
    data = tmp_path / "profiel"
    csv_file = tmp_path / "caseload.csv"
    csv_file.write_text(CSV, encoding="utf-8")
    for args in (
        ("demo", "--data-dir", str(data), "--residents", "40", "--seed", "7"),
        ("import", "residents", "--data-dir", str(data), str(csv_file)),
        ("import", "residents", "--data-dir", str(data), str(tmp_path / "missing.csv")),
        ("status", "--data-dir", str(data), "--json"),
        ("check", "--data-dir", str(data)),
    ):
        result = cli(*args)
        assert "Traceback" not in result.stderr
        assert "onverwacht" not in result.stderr  # every failure here is a known one

    with Session.open(data, PASSPHRASE) as session:
        rows = session.store.rows("SELECT bsn, first_names, last_name, street, phone FROM inwoner")
        notes = session.store.rows("SELECT text FROM notitie LIMIT 20")
    secrets = {v for row in rows for v in row if v and len(v) >= 5}
    secrets |= {w for (text,) in notes for w in text.split() if len(w) >= 9}
    assert {"123456782", "Klaverkamp", "Zwanenbloemhof"} <= secrets
    assert len(secrets) > 50

    files = [p for p in data.rglob("*") if p.is_file()]
    assert any(p.parent.name == "logs" for p in files)  # the log was written, and is searched
    blobs = {p: p.read_bytes() for p in files}
    for secret in secrets:
        for encoded in (secret.encode("utf-8"), secret.encode("utf-16-le")):
            for path, blob in blobs.items():
                assert encoded not in blob, f"plaintext in {path.name}"
        assert all(secret not in str(p) for p in files)
