"""``werkplein import residents``: the caseload export of the municipal system, end to end.

All or nothing: one bad row refuses the whole file, naming every bad line and no personal data;
a re-import changes only what really changed."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import pytest

from werkplein.cli import UnexpectedError
from werkplein.errors import ImportRefused, NotAllowed

from .conftest import (
    IMPORT_HEADER,
    RunCli,
    assert_translated,
    csv_text,
    invalid_bsn,
    message,
    one_line,
    resident_rows,
    snapshot,
    status,
    valid_bsns,
    write_csv,
)

SHUFFLED = (
    "postcode",
    "Achternaam",
    "opmerking",  # an extra column, ignored
    "gemeente",
    "BSN",
    "huisnummer",
    " voornamen ",
    "woonplaats",
    "geboortedatum",
    "straat",
)


def _dd_mm_yyyy(iso: str) -> str:
    year, month, day = iso.split("-")
    return f"{day}-{month}-{year}"


def _reshape(rows: Iterable[Mapping[str, str]], *, dutch_dates: bool) -> list[dict[str, str]]:
    """The same residents as the municipal export writes them under the SHUFFLED header."""
    out = []
    for i, row in enumerate(rows):
        new = {
            "postcode": row["postcode"],
            "Achternaam": row["achternaam"],
            "opmerking": f"vrije tekst, met komma; en puntkomma {i}",
            "gemeente": row["gemeente"],
            "BSN": row["bsn"],
            "huisnummer": row["huisnummer"],
            " voornamen ": row["voornamen"],
            "woonplaats": row["woonplaats"],
            "geboortedatum": row["geboortedatum"],
            "straat": row["straat"],
        }
        if dutch_dates:
            new["geboortedatum"] = _dd_mm_yyyy(row["geboortedatum"])
        out.append(new)
    return out


def _import(
    run_cli: RunCli, data_dir: Path, csv_file: Path, **kwargs: Any
) -> tuple[int, list[int], str]:
    """Run the import in English; returns (exit code, [total, new, updated, unchanged], stderr)."""
    proc = run_cli(
        "--lang", "en", "import", "residents", "--data-dir", data_dir, csv_file, **kwargs
    )
    numbers = [int(n) for n in re.findall(r"\d+", proc.stdout)] if proc.returncode == 0 else []
    return proc.returncode, numbers, proc.stderr


def _import_nl(run_cli: RunCli, data_dir: Path, csv_file: Path) -> str:
    """Run a refused import (default language) and return its one stderr line."""
    proc = run_cli("import", "residents", "--data-dir", data_dir, csv_file)
    assert proc.returncode == 1, proc.stdout
    assert proc.stdout == ""
    return one_line(proc)


def _bad_lines(line: str) -> list[int]:
    """The line numbers an ImportRefused message names (its ``{lines}`` part: 'N (problem)')."""
    sentinel = "@@"
    prefix, suffix = message(ImportRefused([(0, sentinel)])).split(f"0 ({sentinel})")
    assert line.startswith(prefix), line
    assert line.endswith(suffix), line
    return [int(n) for n in re.findall(r"(?:^|; )(\d+) \(", line[len(prefix) :])]


def _assert_no_personal_data(line: str, rows: Iterable[Mapping[str, str]]) -> None:
    for row in rows:
        for key in ("bsn", "voornamen", "achternaam", "straat", "geboortedatum"):
            value = row.get(key, "")
            if value:
                assert value not in line, f"{key} value leaked into the message: {line}"


def _state(run_cli: RunCli, data_dir: Path) -> tuple[str, dict[str, int], int]:
    return _triple(status(run_cli, data_dir))


def _triple(result: Mapping[str, Any]) -> tuple[str, dict[str, int], int]:
    return result["digest"], result["counts"], result["changes"]


# ---------------------------------------------------------------------- valid files
@pytest.mark.parametrize(
    "variant",
    ["semicolon-bom-iso", "comma-bom-dutch-dates-shuffled-crlf", "semicolon-shuffled-dutch-dates"],
)
def test_valid_csv_imports(
    run_cli: RunCli, profile: Path, tmp_path: Path, fresh_status: dict[str, Any], variant: str
) -> None:
    rows = resident_rows(12)
    rows[4]["voornamen"] = "Zoë Anaïs"
    rows[5]["achternaam"] = "Şahin-Öztürk"
    rows[6]["straat"] = "Kerkstraat, achterhuis"  # a quoted field holding the delimiter
    path = tmp_path / "export.csv"
    if variant == "semicolon-bom-iso":
        write_csv(path, rows, bom=True, delimiter=";")
    elif variant == "comma-bom-dutch-dates-shuffled-crlf":
        shaped = _reshape(rows, dutch_dates=True)
        write_csv(path, shaped, bom=True, columns=SHUFFLED, delimiter=",", line_end="\r\n")
    else:
        shaped = _reshape(rows, dutch_dates=True)
        write_csv(path, shaped, bom=False, columns=SHUFFLED, delimiter=";")
    changes = fresh_status["changes"]

    code, numbers, stderr = _import(run_cli, profile, path)
    assert code == 0, stderr
    assert numbers == [12, 12, 0, 0]
    result = status(run_cli, profile)
    assert result["counts"]["residents"] == 12
    assert result["changes"] == changes + 12
    assert run_cli("check", "--data-dir", profile).returncode == 0

    # nothing personal lies on disk in plain text: not in the database, its WAL, or the log
    for name, (data, _mtime) in snapshot(profile).items():
        for row in rows:
            for value in (row["bsn"], row["achternaam"]):
                assert value.encode("utf-8") not in data, f"{value!r} in plain text in {name}"


def test_reimport_of_the_same_file_changes_nothing(
    run_cli: RunCli, profile: Path, tmp_path: Path
) -> None:
    path = write_csv(tmp_path / "export.csv", resident_rows(10), bom=True)
    code, numbers, stderr = _import(run_cli, profile, path)
    assert (code, numbers) == (0, [10, 10, 0, 0]), stderr
    digest, counts, changes = _state(run_cli, profile)

    code, numbers, stderr = _import(run_cli, profile, path)
    assert (code, numbers) == (0, [10, 0, 0, 10]), stderr
    assert _state(run_cli, profile) == (digest, counts, changes)


def test_same_residents_written_differently_are_unchanged(
    run_cli: RunCli, profile: Path, tmp_path: Path
) -> None:
    """Another delimiter, DD-MM-YYYY dates, a BOM, shuffled columns, a postcode without space
    and a BSN that lost its leading zero in a spreadsheet: the same data, so no change."""
    rows = resident_rows(6)
    leading_zero = valid_bsns(1, start=1_000_000)[0]
    assert leading_zero.startswith("0")
    rows[0]["bsn"] = leading_zero
    first = write_csv(tmp_path / "eerste.csv", rows, delimiter=";")
    assert _import(run_cli, profile, first)[:2] == (0, [6, 6, 0, 0])
    before = _state(run_cli, profile)

    shaped = _reshape(rows, dutch_dates=True)
    shaped[0]["BSN"] = leading_zero.lstrip("0")
    shaped[1]["postcode"] = shaped[1]["postcode"].replace(" ", "").lower()
    second = write_csv(tmp_path / "tweede.csv", shaped, bom=True, columns=SHUFFLED, delimiter=",")
    code, numbers, stderr = _import(run_cli, profile, second)
    assert (code, numbers) == (0, [6, 0, 0, 6]), stderr
    assert _state(run_cli, profile) == before


def test_only_the_changed_resident_is_updated(
    run_cli: RunCli, profile: Path, tmp_path: Path
) -> None:
    rows = resident_rows(8)
    assert _import(run_cli, profile, write_csv(tmp_path / "a.csv", rows))[:2] == (
        0,
        [8, 8, 0, 0],
    )
    digest, counts, changes = _state(run_cli, profile)

    rows[3]["straat"] = "Nieuwe Dorpsstraat"
    code, numbers, stderr = _import(run_cli, profile, write_csv(tmp_path / "b.csv", rows))
    assert (code, numbers) == (0, [8, 0, 1, 7]), stderr
    new_digest, new_counts, new_changes = _state(run_cli, profile)
    assert new_counts == counts
    assert new_changes == changes + 1
    assert new_digest != digest


# ---------------------------------------------------------------------- refused files
def _spoil(row: dict[str, str], kind: str) -> None:
    if kind == "elfproef":
        row["bsn"] = invalid_bsn(row["bsn"])
    elif kind == "date":
        row["geboortedatum"] = "31-02-1980"
    elif kind == "missing":
        row["achternaam"] = ""
    else:  # pragma: no cover
        raise AssertionError(kind)


@pytest.mark.parametrize(
    ("at_3", "at_6"), [("elfproef", "date"), ("date", "missing"), ("missing", "elfproef")]
)
def test_bad_rows_refuse_the_whole_file(
    run_cli: RunCli, profile: Path, tmp_path: Path, at_3: str, at_6: str
) -> None:
    base = resident_rows(6)
    assert _import(run_cli, profile, write_csv(tmp_path / "basis.csv", base))[0] == 0
    before = _state(run_cli, profile)
    files_before = {
        name: data for name, (data, _mtime) in snapshot(profile).items() if "logs" not in name
    }

    # an update of every known resident, three new ones, and bad rows at lines 3 and 6
    rows = [dict(r, straat=r["straat"] + " bis") for r in base] + resident_rows(3, 20_000_000)
    _spoil(rows[1], at_3)  # line 3 (line 1 is the header)
    _spoil(rows[4], at_6)  # line 6
    path = write_csv(tmp_path / "fout.csv", rows)
    line = _import_nl(run_cli, profile, path)
    assert _bad_lines(line) == [3, 6]
    _assert_no_personal_data(line, rows)
    assert _state(run_cli, profile) == before
    after = {name: data for name, (data, _m) in snapshot(profile).items() if "logs" not in name}
    assert after == files_before

    # the same in English names the same lines
    proc = run_cli("import", "residents", "--data-dir", profile, path, env={"WERKPLEIN_LANG": "en"})
    assert proc.returncode == 1
    english = one_line(proc)
    assert re.findall(r"(?:: |; )(\d+) \(", english) == ["3", "6"]
    assert_translated(line, english)


def test_duplicate_bsn_in_one_file_is_refused(
    run_cli: RunCli, profile: Path, tmp_path: Path, fresh_status: dict[str, Any]
) -> None:
    before = _triple(fresh_status)
    rows = resident_rows(5)
    rows[1]["bsn"] = valid_bsns(1, start=1_000_000)[0]  # starts with 0
    # line 7 repeats line 3, written as a spreadsheet does: without the leading zero
    rows.append(dict(rows[1], bsn=rows[1]["bsn"][1:], voornamen="Iemandx", achternaam="Andersx"))
    line = _import_nl(run_cli, profile, write_csv(tmp_path / "dubbel.csv", rows))
    assert _bad_lines(line) == [7]
    assert "3" in line.split("7 (", 1)[1]  # names the line it repeats
    _assert_no_personal_data(line, rows)
    assert _state(run_cli, profile) == before


def test_non_utf8_file_is_refused(
    run_cli: RunCli, profile: Path, tmp_path: Path, fresh_status: dict[str, Any]
) -> None:
    before = _triple(fresh_status)
    rows = resident_rows(4)
    rows[2]["voornamen"] = "Zoë"
    path = tmp_path / "ansi.csv"
    path.write_bytes(csv_text(rows).encode("cp1252"))
    line = _import_nl(run_cli, profile, path)
    _assert_no_personal_data(line, rows)
    assert _state(run_cli, profile) == before


def test_other_refusals_name_the_right_lines(
    run_cli: RunCli, profile: Path, tmp_path: Path, fresh_status: dict[str, Any]
) -> None:
    before = _triple(fresh_status)
    rows = resident_rows(4)

    # a missing column refuses the file at its header
    columns = [c for c in IMPORT_HEADER if c != "postcode"]
    line = _import_nl(run_cli, profile, write_csv(tmp_path / "kolom.csv", rows, columns=columns))
    assert _bad_lines(line) == [1]
    assert "postcode" in line

    # an empty file and a file with only a header
    (tmp_path / "leeg.csv").write_bytes(b"")
    assert _bad_lines(_import_nl(run_cli, profile, tmp_path / "leeg.csv")) == [1]
    header_only = write_csv(tmp_path / "kop.csv", [])
    assert _bad_lines(_import_nl(run_cli, profile, header_only)) == [1]

    # a blank line does not shift the line numbers: they are the lines of the file
    text = csv_text(rows).splitlines()
    bad = dict(rows[3], geboortedatum="1980-13-01")
    text = [text[0], text[1], "", text[2], csv_text([bad]).splitlines()[1]]
    path = tmp_path / "leegregel.csv"
    path.write_text("\n".join(text) + "\n", encoding="utf-8")
    line = _import_nl(run_cli, profile, path)
    assert _bad_lines(line) == [5]
    _assert_no_personal_data(line, [*rows, bad])

    assert _state(run_cli, profile) == before


@pytest.mark.parametrize("kind", ["FileNotFoundError", "IsADirectoryError"])
def test_an_unreadable_file_is_a_user_error(
    run_cli: RunCli, profile: Path, tmp_path: Path, fresh_status: dict[str, Any], kind: str
) -> None:
    """A mistyped file name is the most user-actionable error there is: one clear line, not
    "an unexpected error occurred, see the log" (and no crash report in the log)."""
    before = _triple(fresh_status)
    target = tmp_path / "bestaat-niet.csv" if kind == "FileNotFoundError" else tmp_path
    line = _import_nl(run_cli, profile, target)
    assert line != message(UnexpectedError(kind=kind))
    assert _state(run_cli, profile) == before
    log = (profile / "logs" / "werkplein.log").read_text(encoding="utf-8")
    assert "unexpected error" not in log


def test_a_role_without_import_rights_is_refused(run_cli: RunCli, tmp_path: Path) -> None:
    data_dir = tmp_path / "werkcoach"
    proc = run_cli("init", "--data-dir", data_dir, "--name", "W. Coach", "--role", "werkcoach")
    assert proc.returncode == 0, proc.stderr
    before = _state(run_cli, data_dir)
    line = _import_nl(run_cli, data_dir, write_csv(tmp_path / "a.csv", resident_rows(3)))
    assert line.startswith(message(NotAllowed(role="@@", action="@@")).split("@@")[0])
    assert _state(run_cli, data_dir) == before
