"""Fault injection against a real share: damaged and foreign files, a revoked laptop, the share
vanishing mid-sync, concurrent syncs, a full disk, and a byte search of the share."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import PASSPHRASE
from tests.sync.conftest import Team
from tests.sync.test_sync import GENERAL, new_resident
from werkplein.errors import DeviceRevoked, DiskFull, ShareUnavailable, SyncCancelled
from werkplein.store.clock import iso
from werkplein.sync import crypto, engine
from werkplein.sync.files import CERT, bundle_name, content_hash, seal_envelope
from werkplein.sync.report import SyncReport


def bundles(team: Team, name: str) -> list[Path]:
    return sorted((team.share / "devices" / team.laptops[name].store.device_id).glob("*.wpb"))


def rejected(report: SyncReport) -> dict[str, str]:
    return {r.path: r.reason for r in report.rejected}


@pytest.fixture
def pair(team: Team) -> Team:
    """A teamleider and a klantmanager that have exchanged everything."""
    team.found()
    team.add("km", "klantmanager")
    team.sync_all()
    return team


def test_a_truncated_file_is_skipped_reported_and_repaired_by_its_writer(pair: Team) -> None:
    tl, km = pair.laptops["tl"], pair.laptops["km"]
    inwoner = new_resident(tl)
    pair.sync("tl")
    newest = bundles(pair, "tl")[-1]
    newest.write_bytes(newest.read_bytes()[:-40])

    report = pair.sync("km")
    rel = f"devices/{tl.store.device_id}/{newest.name}"
    assert rejected(report) == {rel: "damaged"}
    assert km.store.get("inwoner", inwoner) is None  # nothing of it applied

    pair.sync("tl")  # the writer notices and rewrites the bundle from its profile
    report = pair.sync("km")
    assert report.rejected == []
    assert km.store.get("inwoner", inwoner)["last_name"] == "Jansen"
    assert km.store.digest() == tl.store.digest()


def test_a_flipped_byte_fails_the_signature_even_under_a_matching_name(pair: Team) -> None:
    tl, km = pair.laptops["tl"], pair.laptops["km"]
    inwoner = new_resident(tl)
    pair.sync("tl")
    newest = bundles(pair, "tl")[-1]
    data = bytearray(newest.read_bytes())
    data[len(data) // 2] ^= 0x01
    newest.unlink()
    forged = newest.with_name(bundle_name(int(newest.name[:8]), bytes(data)))
    forged.write_bytes(bytes(data))

    report = pair.sync("km")
    assert rejected(report) == {f"devices/{tl.store.device_id}/{forged.name}": "bad-signature"}
    assert km.store.get("inwoner", inwoner) is None
    assert km.store.integrity_problems() == []


def test_foreign_files_are_skipped_and_the_rest_still_syncs(pair: Team) -> None:
    tl, km = pair.laptops["tl"], pair.laptops["km"]
    inwoner = new_resident(tl)
    pair.sync("tl")
    folder = pair.share / "devices" / tl.store.device_id
    (folder / "desktop.ini").write_text("[.ShellClassInfo]\n")
    copy = bundles(pair, "tl")[-1]
    conflicted = folder / f"{copy.stem} (Conflicted copy {tl.today().isoformat()}).wpb"
    shutil.copy(copy, conflicted)
    (pair.share / "devices" / "Thumbs.db").write_bytes(b"\0\0")

    # a laptop nobody invited: its own keys, a self-signed certificate, a bundle
    intruder = "01a20000-0000-7000-8000-000000000001"
    sign = crypto.SigningKey.generate()
    own = pair.share / "devices" / intruder
    cert = {"kind": "cert", "team": "x", "device": intruder, "sign_key": sign.public_hex()}
    own.mkdir()
    (own / CERT).write_bytes(seal_envelope({**cert, "signer": "self"}, {}, sign))
    junk = seal_envelope({"kind": "bundle", "seq": 1}, {}, sign)
    (own / bundle_name(1, junk)).write_bytes(junk)

    report = pair.sync("km")
    reasons = rejected(report)
    base = f"devices/{tl.store.device_id}"
    assert reasons[f"{base}/desktop.ini"] == "foreign"
    assert reasons[f"{base}/{conflicted.name}"] == "foreign"
    assert reasons["devices/Thumbs.db"] == "foreign"
    assert reasons[f"devices/{intruder}/{bundle_name(1, junk)}"] == "unknown-device"
    assert km.store.get("inwoner", inwoner)["last_name"] == "Jansen"  # the rest applied
    assert intruder not in {d.device_id for d in km.sharing.devices()}


def test_a_revoked_laptop_is_pinned_and_refused(team: Team) -> None:
    tl = team.found()
    km = team.add("km", "klantmanager")
    wc = team.add("wc", "werkcoach")
    before = new_resident(km, bsn="999990019")
    team.sync_all()
    pin = tl.sharing.revoke(km.store.device_id)
    assert pin == len(bundles(team, "km"))

    # the lost laptop, in other hands, writes on; its files reach the share
    after = new_resident(km, bsn="999990020", last_name="Achteraf")
    with pytest.raises(DeviceRevoked):
        km.sharing.sync()
    engine.Sync(km.store)._export()  # even when written past the refusal
    assert len(bundles(team, "km")) == pin + 1

    report = team.sync("wc")
    late = f"devices/{km.store.device_id}/{bundles(team, 'km')[-1].name}"
    assert rejected(report)[late] == "revoked"
    for session in (tl, wc):
        assert session.store.get("inwoner", before) is not None
    team.sync("tl")
    for session in (tl, wc):
        assert session.store.get("inwoner", after) is None
    assert [d.revoked for d in wc.sharing.devices() if d.device_id == km.store.device_id] == [True]


def test_the_share_vanishing_mid_sync_loses_nothing_and_the_next_sync_resumes(
    pair: Team, tmp_path: Path
) -> None:
    tl, km = pair.laptops["tl"], pair.laptops["km"]
    ids = [new_resident(tl, bsn=b) for b in ("999990019", "999990020", "999990032")]
    for i in ids:  # three bundles
        tl.residents.update(i, street="Kerkstraat")
        pair.sync("tl")
    away = tmp_path / "unplugged"

    def unplug(done: int, _total: int) -> None:
        if done == 1 and pair.share.exists():
            pair.share.rename(away)

    with pytest.raises(ShareUnavailable):
        km.sharing.sync(progress=unplug)
    applied_part = km.store.change_count()
    away.rename(pair.share)
    report = km.sharing.sync()
    assert report.received_changes > 0
    assert km.store.change_count() > applied_part
    assert km.store.digest() == tl.store.digest()


def test_cancel_keeps_what_was_exchanged(pair: Team) -> None:
    tl, km = pair.laptops["tl"], pair.laptops["km"]
    new_resident(tl)
    pair.sync("tl")
    with pytest.raises(SyncCancelled):
        km.sharing.sync(cancelled=lambda: True)
    km.sharing.sync()
    assert km.store.digest() == tl.store.digest()


def test_a_full_local_disk_applies_nothing_and_the_next_sync_completes(pair: Team) -> None:
    tl, km = pair.laptops["tl"], pair.laptops["km"]
    with tl.store.write(tl.user.id) as w:
        for n in range(300):
            w.put(
                "signaal",
                None,
                {
                    "titel": f"Signaal {n}",
                    "omschrijving": "x" * 400,
                    "ingediend_door": tl.user.id,
                    "status": "nieuw",
                },
            )
    pair.sync("tl")
    pages = km.store.conn.execute("PRAGMA page_count").fetchone()[0]
    km.store.conn.execute(f"PRAGMA max_page_count = {pages + 5}")
    before = km.store.change_count(), km.store.digest()
    with pytest.raises(DiskFull):
        km.sharing.sync()
    assert (km.store.change_count(), km.store.digest()) == before
    km.store.conn.execute("PRAGMA max_page_count = 1073741823")
    km.sharing.sync()
    assert km.store.counts()["signals"] == 300
    assert km.store.digest() == tl.store.digest()


def _cli_sync(data_dir: Path, env: dict[str, str]) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "werkplein", "sync", "--data-dir", str(data_dir), "--json"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )


def test_concurrent_sync_processes_against_one_share(team: Team) -> None:
    tl = team.found()
    km = team.add("km", "klantmanager")
    for n, bsn in enumerate(("999990019", "999990020", "999990032")):
        new_resident(tl if n % 2 else km, bsn=bsn)
    env = {**os.environ, "WERKPLEIN_PASSPHRASE": PASSPHRASE}
    # two laptops at once, and one laptop twice at once
    procs = [_cli_sync(team.root / name, env) for name in ("tl", "km", "km", "tl")]
    for proc in procs:
        _out, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, err.decode()
    for name in ("tl", "km"):
        seqs = [p.name[:8] for p in bundles(team, name)]
        assert len(seqs) == len(set(seqs))  # no sequence number written twice
    team.sync_all()
    assert tl.store.digest() == km.store.digest()
    assert tl.store.counts()["residents"] == 3


def test_nothing_personal_is_readable_on_the_share(team: Team) -> None:
    tl = team.found()
    km = team.add("km", "klantmanager")
    boa = team.add("boa", "boete_ambtenaar")
    secrets = ["999990019", "Zwanenburg", "Klaproosstraat", "Wilhelmina", "Schuldhulpvraag"]
    inwoner = new_resident(
        km,
        bsn="999990019",
        first_names="Wilhelmina",
        last_name="Zwanenburg",
        street="Klaproosstraat",
    )
    km.residents.write_note(inwoner, "Schuldhulpvraag besproken")
    team.sync_all()
    boa.fines.open(inwoner, "Verzwegen Kroonjuwelen", benadelingsbedrag_cent=99_000)
    team.sync_all()
    secrets += ["Verzwegen Kroonjuwelen", "Collega km", "Collega boa", "Lid tl"]
    blobs = [p.read_bytes() for p in team.share.rglob("*") if p.is_file()]
    names = " ".join(str(p.relative_to(team.share)) for p in team.share.rglob("*"))
    assert len(blobs) > 5
    for secret in secrets:
        for form in {secret, secret.lower(), secret.upper()}:
            needle = form.encode()
            assert not any(needle in blob for blob in blobs), secret
            assert not any(form.encode("utf-16-le") in blob for blob in blobs), secret
            assert form not in names
    assert tl.store.counts()["fines"] == 1


def test_a_new_laptop_catches_up_from_a_snapshot_after_pruning(
    team: Team, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(engine, "SNAPSHOT_EVERY", 4)
    tl = team.found()
    km = team.add("km", "klantmanager")
    inwoner = new_resident(km)
    for street in ("Aweg", "Bweg", "Cweg", "Dweg", "Eweg"):
        team.tick()
        km.residents.update(inwoner, street=street)
        team.sync_all()
    snapshots = list((team.share / "snapshots").glob("*.wps"))
    assert 1 <= len(snapshots) <= engine.SNAPSHOTS_KEPT
    team.sync_all()
    km_first = [p for p in bundles(team, "km") if p.name.startswith("00000001-")]
    assert km_first == []  # pruned: every laptop has it and a snapshot covers it

    wc = team.add("wc", "werkcoach")
    used = wc.store.rows("SELECT count(*) FROM sync_applied WHERE name LIKE 'snapshot:%'")
    assert used[0][0] >= 1  # it started from the snapshot, not from bundle 1
    assert wc.store.get("inwoner", inwoner)["street"] == "Eweg"
    team.sync_all()
    assert tl.store.digest() == km.store.digest()
    assert wc.store.digest(GENERAL) == tl.store.digest(GENERAL)
    assert wc.store.integrity_problems() == []


def test_content_hash_names_match(pair: Team) -> None:
    for path in bundles(pair, "tl"):
        assert path.name[9:25] == content_hash(path.read_bytes())


def test_boete_data_smuggled_under_the_general_key_is_refused(team: Team) -> None:
    """A modified client on a werkcoach laptop cannot push fines past the second key."""
    tl = team.found()
    wc = team.add("wc", "werkcoach")
    inwoner = new_resident(tl)
    team.sync_all()
    forged = [
        "01a20000-0000-7000-8000-00000000f001",
        wc.store.hlc.tick(),
        wc.store.device_id,
        wc.user.id,
        iso(wc.clock.now()),
        "boete",
        "01a20000-0000-7000-8000-00000000f002",
        "insert",
        json.dumps(
            {
                "inwoner_id": [None, inwoner],
                "overtreding": [None, "Verzonnen"],
                "status": [None, "x"],
            }
        ),
        None,
    ]
    sync = engine.Sync(wc.store)
    payload = {"changes": [forged], "audit": [], "last_change": 0, "last_audit": 0}
    key = sync.keys.key_for("g")
    assert key is not None
    data = sync._bundle_bytes(sync._next_seq(), "g", key, payload)
    seq = sync._next_seq()
    (sync.own / bundle_name(seq, data)).write_bytes(data)

    report = team.sync("tl")
    assert rejected(report) == {
        f"devices/{wc.store.device_id}/{bundle_name(seq, data)}": "wrong-channel"
    }
    assert tl.store.counts()["fines"] == 0
