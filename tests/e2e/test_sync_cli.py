"""The sync CLI contract, verbatim as municipal IT scripts use it: share create / invite / join
/ revoke, sync --json with ``rejected``, status --json with ``conflicts`` and ``pending``."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

from werkplein.errors import DeviceRevoked, InvalidCode, ShareUnavailable

from .conftest import RunCli, message, one_line, status

TL_PASS = "teamleider passphrase 1"
KM_PASS = "klantmanager passphrase 2"
WC_PASS = "werkcoach passphrase 3"

pytestmark = pytest.mark.dates  # the run's day matters: kept in the runs at other dates


def ok(proc: Any) -> Any:
    assert proc.returncode == 0, proc.stderr
    return proc


def sync_json(run_cli: RunCli, data_dir: Path, passphrase: str, *extra: str) -> dict[str, Any]:
    proc = ok(run_cli("sync", "--data-dir", data_dir, "--json", *extra, passphrase=passphrase))
    return json.loads(proc.stdout)


def invite(run_cli: RunCli, tl: Path, name: str, role: str) -> str:
    proc = ok(
        run_cli(
            "share", "invite", "--data-dir", tl, "--name", name, "--role", role, passphrase=TL_PASS
        )
    )
    return proc.stdout.strip().splitlines()[-1]


def test_the_whole_team_through_the_cli(run_cli: RunCli, tmp_path: Path) -> None:
    tl, km, wc, share = tmp_path / "tl", tmp_path / "km", tmp_path / "wc", tmp_path / "share"
    ok(
        run_cli(
            "demo",
            "--data-dir",
            tl,
            "--residents",
            "12",
            "--role",
            "teamleider",
            passphrase=TL_PASS,
        )
    )
    ok(run_cli("share", "create", "--data-dir", tl, "--share", share, passphrase=TL_PASS))

    km_code = invite(run_cli, tl, "Kim Manager", "klantmanager")
    wc_code = invite(run_cli, tl, "Wim Coach", "werkcoach")
    ok(
        run_cli(
            "share",
            "join",
            "--data-dir",
            km,
            "--share",
            share,
            "--code",
            km_code,
            passphrase=KM_PASS,
        )
    )
    ok(
        run_cli(
            "share",
            "join",
            "--data-dir",
            wc,
            "--share",
            share,
            "--code",
            wc_code,
            passphrase=WC_PASS,
        )
    )

    # the code was for one laptop only
    again = run_cli(
        "share",
        "join",
        "--data-dir",
        tmp_path / "x",
        "--share",
        share,
        "--code",
        km_code,
        passphrase=KM_PASS,
    )
    assert again.returncode == 1
    assert one_line(again) == message(InvalidCode())
    assert not (tmp_path / "x").exists()

    s_tl, s_km = status(run_cli, tl, passphrase=TL_PASS), status(run_cli, km, passphrase=KM_PASS)
    assert s_km["user"]["name"] == "Kim Manager"
    assert s_km["user"]["role"] == "klantmanager"
    assert s_tl["digest"] == s_km["digest"]
    assert s_tl["pending"] == 0
    assert s_km["conflicts"] == 0
    s_wc = status(run_cli, wc, passphrase=WC_PASS)
    assert s_wc["counts"]["fines"] == 0  # the werkcoach never gets boete data
    assert s_wc["counts"]["residents"] == s_tl["counts"]["residents"]

    # a foreign file on the share is reported, not fatal
    tl_folder = share / "devices" / s_tl["device_id"]  # the klantmanager reads this folder
    (tl_folder / "desktop.ini").write_text("[.ShellClassInfo]\n")
    report = sync_json(run_cli, km, KM_PASS)
    assert {
        "file": f"devices/{tl_folder.name}/desktop.ini",
        "reason": "foreign",
        "laptop": tl_folder.name,
        "entity": None,
        "record": None,
    } in report["rejected"]

    # hostile files, no keys needed: the sync still exits 0 and names them
    deep = b"[" * 100_000 + b"]" * 100_000
    head = b"WPLN\x01" + len(deep).to_bytes(4, "big") + deep + bytes(64)
    (share / "team" / "invites" / f"{'d' * 24}.invite").write_bytes(head)
    if hasattr(os, "symlink"):
        os.symlink("/dev/zero", share / "snapshots" / f"{'f' * 16}-{'0' * 16}.wps")
    report = sync_json(run_cli, km, KM_PASS)  # ok(): exit 0
    reasons = {r["file"]: r["reason"] for r in report["rejected"]}
    assert reasons["team/invites/" + "d" * 24 + ".invite"] == "too-large"
    if hasattr(os, "symlink"):
        assert reasons["snapshots/" + "f" * 16 + "-" + "0" * 16 + ".wps"] == "not-a-file"

    # revoke the werkcoach's laptop; it cannot sync any more (exit 1)
    devices = json.loads(
        ok(run_cli("share", "devices", "--data-dir", tl, "--json", passphrase=TL_PASS)).stdout
    )
    wc_device = next(d["device_id"] for d in devices if d["name"] == "Wim Coach")
    ok(run_cli("share", "revoke", "--data-dir", tl, "--device", wc_device, passphrase=TL_PASS))
    refused = run_cli("sync", "--data-dir", wc, passphrase=WC_PASS)
    assert refused.returncode == 1
    assert one_line(refused) == message(DeviceRevoked())


def test_sync_exit_codes(run_cli: RunCli, tmp_path: Path) -> None:
    tl, share = tmp_path / "tl", tmp_path / "share"
    ok(
        run_cli(
            "init", "--data-dir", tl, "--name", "Tess", "--role", "teamleider", passphrase=TL_PASS
        )
    )
    ok(run_cli("share", "create", "--data-dir", tl, "--share", share, passphrase=TL_PASS))
    assert sync_json(run_cli, tl, TL_PASS)["rejected"] == []

    wrong = run_cli("sync", "--data-dir", tl, passphrase="not the passphrase")
    assert wrong.returncode == 1

    share.rename(tmp_path / "away")
    gone = run_cli("sync", "--data-dir", tl, "--json", passphrase=TL_PASS)
    assert gone.returncode == 1
    assert gone.stdout == ""
    assert one_line(gone) == message(ShareUnavailable(reason="folder not found"))
    # --share points at the folder where it is now (another drive letter, another mount)
    assert sync_json(run_cli, tl, TL_PASS, "--share", str(tmp_path / "away"))["rejected"] == []
