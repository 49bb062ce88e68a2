"""Every file on the share is hostile until checked, and no file stops, hangs or exhausts a sync.

Two kinds of attacker: anyone who can write to the office share (no keys: links, FIFOs, files
where folders belong, junk, deep JSON, renamed snapshots), and an enrolled laptop running a
patched app with its own legitimate keys (malformed rows, bombs, stamps far in the future). In
every case: the file is refused and reported, everything else is applied, the sync returns,
every laptop still opens and passes ``check``, and the honest laptops converge.
"""

from __future__ import annotations

import json
import os
import sys
import threading
import time
import tracemalloc
import zlib
from pathlib import Path

import pytest

from tests.sync.conftest import Team, change_row, forge, payload
from tests.sync.test_faults import rejected
from tests.sync.test_sync import new_resident
from werkplein.services.session import Session
from werkplein.sync import bounds, engine
from werkplein.sync.files import (
    FORMAT,
    MAGIC,
    SNAPSHOT_RE,
    bundle_name,
    content_hash,
)
from werkplein.sync.report import SyncReport

POSIX = pytest.mark.skipif(sys.platform == "win32", reason="links and FIFOs as POSIX makes them")


@pytest.fixture
def trio(team: Team) -> Team:
    """A teamleider, a klantmanager and a werkcoach that have exchanged everything."""
    team.found()
    team.add("km", "klantmanager")
    team.add("wc", "werkcoach")
    team.sync_all()
    return team


def healthy(team: Team) -> None:
    """Every laptop opens, passes its integrity check, and all hold the same data."""
    for session in team.laptops.values():
        assert session.store.integrity_problems() == []
        reopened = Session.for_store(session.store.reopen())
        assert reopened.user == session.user
        reopened.close()
    team.sync_all()
    digests = {name: s.store.digest() for name, s in team.laptops.items() if name in ("tl", "km")}
    assert len(set(digests.values())) == 1, digests


def synced_within(team: Team, name: str, seconds: float) -> SyncReport:
    """Sync ``name`` in a thread; fail (not hang) when it takes longer than ``seconds``."""
    result: list[SyncReport | BaseException] = []

    def run() -> None:  # on its own connection, as the app's sync worker does
        session = team.laptops[name].reopen()
        try:
            result.append(session.sharing.sync())
        except BaseException as exc:
            result.append(exc)
        finally:
            session.close()

    worker = threading.Thread(target=run, daemon=True)
    worker.start()
    worker.join(seconds)
    assert not worker.is_alive(), f"the sync of {name} hangs"
    [outcome] = result
    assert not isinstance(outcome, BaseException), outcome
    return outcome


# ---------------------------------------------------------------------- files, no keys needed
@POSIX
def test_a_link_to_an_endless_device_is_refused_unread(trio: Team) -> None:
    snapshots = trio.share / "snapshots"
    name = f"{'f' * 16}-{'0' * 16}.wps"
    os.symlink("/dev/zero", snapshots / name)
    bundle = trio.share / "devices" / trio.laptops["tl"].store.device_id / bundle_name(99, b"")
    os.symlink("/dev/zero", bundle)
    inwoner = new_resident(trio.laptops["tl"], "999990032")
    trio.sync("tl")

    tracemalloc.start()
    report = synced_within(trio, "km", 30)
    _now, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert rejected(report)[f"snapshots/{name}"] == "not-a-file"
    assert rejected(report)[f"devices/{trio.laptops['tl'].store.device_id}/{bundle.name}"] == (
        "not-a-file"
    )
    assert peak < 50 * 1024 * 1024
    assert trio.laptops["km"].store.get("inwoner", inwoner) is not None
    healthy(trio)


@POSIX
def test_a_fifo_never_hangs_a_sync(trio: Team) -> None:
    tl = trio.laptops["tl"]
    os.mkfifo(trio.share / "snapshots" / f"{'e' * 16}-{'1' * 16}.wps")
    os.mkfifo(trio.share / "devices" / tl.store.device_id / bundle_name(7, b"fifo"))
    os.mkfifo(trio.share / "team" / "invites" / f"{'a' * 24}.invite")
    inwoner = new_resident(tl, "999990044")
    trio.sync("tl")
    report = synced_within(trio, "km", 30)
    assert set(rejected(report).values()) >= {"not-a-file"}
    assert trio.laptops["km"].store.get("inwoner", inwoner) is not None
    healthy(trio)


def test_a_file_where_a_folder_belongs_and_the_reverse(trio: Team) -> None:
    tl = trio.laptops["tl"]
    fake_device = "01a20000-0000-7000-8000-0000000000aa"
    (trio.share / "devices" / fake_device).write_bytes(b"not a folder")
    (trio.share / "devices" / tl.store.device_id / bundle_name(50, b"x")).mkdir()
    inwoner = new_resident(tl, "999990056")
    trio.sync("tl")
    report = trio.sync("km")
    reasons = rejected(report)
    assert reasons[f"devices/{fake_device}"] == "not-a-folder"
    assert reasons[f"devices/{tl.store.device_id}/{bundle_name(50, b'x')}"] == "not-a-file"
    assert trio.laptops["km"].store.get("inwoner", inwoner) is not None
    assert engine.incoming(trio.laptops["km"].store) == 0  # the status line copes too
    healthy(trio)


def test_junk_at_a_laptops_next_number_does_not_shift_or_stop_it(trio: Team) -> None:
    km = trio.laptops["km"]
    sync = engine.Sync(km.store)
    junk_name = bundle_name(sync._next_seq(), b"junk")
    (sync.own / junk_name).write_bytes(b"junk")  # anyone with write access to the share
    inwoner = new_resident(km, "999990068")
    report = trio.sync("km")
    assert rejected(report)[f"devices/{km.store.device_id}/{junk_name}"] == "foreign"
    # the laptop wrote its bundle under its own number, next to the junk
    ours = [p.name for p in sync.own.glob(f"{junk_name[:8]}-*.wpb") if p.name != junk_name]
    assert len(ours) == 1
    trio.sync("tl")  # the others apply the laptop's real bundle of that number
    assert trio.laptops["tl"].store.get("inwoner", inwoner) is not None
    healthy(trio)


def test_deep_json_in_an_invitation_header_is_refused_before_parsing(trio: Team) -> None:
    head = b"[" * 200_000 + b"]" * 200_000
    data = MAGIC + bytes([FORMAT]) + len(head).to_bytes(4, "big") + head + b"\0" * 64
    (trio.share / "team" / "invites" / f"{'b' * 24}.invite").write_bytes(data)
    deep = b'{"kind":' + b"[" * 5000 + b"]" * 5000 + b"}"
    data = MAGIC + bytes([FORMAT]) + len(deep).to_bytes(4, "big") + deep + b"\0" * 64
    (trio.share / "team" / "invites" / f"{'c' * 24}.invite").write_bytes(data)
    for name in ("tl", "km", "wc"):
        report = trio.sync(name)
        reasons = rejected(report)
        assert reasons["team/invites/" + "b" * 24 + ".invite"] == "too-large"
        assert reasons["team/invites/" + "c" * 24 + ".invite"] == "too-deep"
    healthy(trio)


def test_an_old_snapshot_renamed_to_look_new_is_refused(team: Team, tmp_path: Path) -> None:
    tl = team.found()
    new_resident(tl, "999990020")
    team.sync("tl")
    old = engine.Sync(tl.store).write_snapshot()
    newer_resident = new_resident(tl, "999990081")
    team.sync("tl")
    engine.Sync(tl.store).write_snapshot()
    source = team.share / "snapshots" / old
    renamed = f"{'f' * 16}-{SNAPSHOT_RE.fullmatch(old).group(2)}.wps"  # type: ignore[union-attr]
    source.rename(team.share / "snapshots" / renamed)

    km = team.add("km", "klantmanager")  # joins from the newest snapshot by its signed stamp
    report = team.sync("km")
    assert rejected(report)[f"snapshots/{renamed}"] == "damaged"
    assert km.store.get("inwoner", newer_resident) is not None
    healthy(team)


# ---------------------------------------------------------------------- bundles, own keys
def test_malformed_bundles_from_an_enrolled_laptop_are_refused_whole(trio: Team) -> None:
    """A patched app on the klantmanager's laptop, with her own keys."""
    km, tl = trio.laptops["km"], trio.laptops["tl"]
    inwoner = new_resident(tl, "999990093")
    trio.sync_all()
    good = change_row(km, "inwoner", inwoner, {"street": "Kerkstraat"})
    short = good[:5]
    not_a_clock = [good[0], "not-a-clock", *good[2:]]
    wrong_type = change_row(km, "inwoner", inwoner, {"birth_date": 19800101})
    bad_json = [*good[:8], "{not json", None]
    deep_json = [*good[:8], "[" * 200_000 + "]" * 200_000, None]
    attempts = {
        "short": forge(trio, "km", payload(short)),
        "clock": forge(trio, "km", payload(not_a_clock)),
        "type": forge(trio, "km", payload(wrong_type)),
        "json": forge(trio, "km", payload(bad_json)),
        "deep": forge(trio, "km", payload(deep_json)),
        "list": forge(trio, "km", b"[1, 2, 3]"),
        "not-json": forge(trio, "km", b"\xff\xfe garbage"),
        "not-zlib": forge(trio, "km", b"plain bytes", compress=False),
    }
    km.residents.update(inwoner, street="Molenweg")  # the laptop's next, honest change
    report = trio.sync("km")
    for name in ("tl", "wc"):
        report = trio.sync(name)
        reasons = rejected(report)
        assert {reasons[path] for path in attempts.values()} <= {
            "malformed",
            "too-deep",
            "too-many",
            "damaged",
        }
        assert all(path in reasons for path in attempts.values())
        assert trio.laptops[name].store.require("inwoner", inwoner)["street"] == "Molenweg"
        refused = trio.laptops[name].store.rows("SELECT count(*) FROM sync_refused")[0][0]
        assert refused == len(attempts)
    healthy(trio)


def test_a_decompression_bomb_stops_at_the_limit(trio: Team) -> None:
    km = trio.laptops["km"]
    bomb = zlib.compress(b"[" + b" " * (bounds.MAX_INFLATED * 4) + b"]", 9)
    assert len(bomb) < 200_000
    path = forge(trio, "km", bomb, compress=False)
    inwoner = new_resident(km, "999990111")
    trio.sync("km")
    tracemalloc.start()
    started = time.monotonic()
    report = trio.sync("tl")
    _now, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert rejected(report)[path] == "too-large"
    assert peak < bounds.MAX_INFLATED * 3, peak
    assert time.monotonic() - started < 20
    assert trio.laptops["tl"].store.get("inwoner", inwoner) is not None
    healthy(trio)


def test_a_stamp_far_in_the_future_waits_and_drags_no_clock(trio: Team) -> None:
    km, tl = trio.laptops["km"], trio.laptops["tl"]
    inwoner = new_resident(tl, "999990032")
    trio.sync_all()
    row = change_row(km, "inwoner", inwoner, {"street": "Toekomstlaan"}, hlc="f" * 16)
    path = forge(trio, "km", payload(row))
    for _again in range(2):  # held, not dropped: it waits for this laptop's clock
        report = trio.sync("tl")
        assert rejected(report)[path] == "clock-ahead"
        assert report.waiting == 1
    assert tl.store.require("inwoner", inwoner)["street"] != "Toekomstlaan"
    before = tl.store.hlc.last
    tl.residents.update(inwoner, street="Nu-straat")
    after = tl.store.hlc.last
    assert len(after) == 16
    assert after > before
    assert int(after[:12], 16) < int(tl.clock.now().timestamp() * 1000) + 60_000  # not dragged
    healthy(trio)


def test_an_unknown_role_in_a_synced_record_never_locks_a_profile(trio: Team) -> None:
    km, tl = trio.laptops["km"], trio.laptops["tl"]
    row = change_row(km, "gebruiker", tl.user.id, {"role": "keizer"})
    forge(trio, "km", payload(row))
    trio.sync("km")
    trio.sync("tl")
    reopened = Session.for_store(tl.store.reopen())
    assert reopened.user.role.value == "teamleider"  # from the signed roster
    reopened.close()
    assert tl.store.integrity_problems() == []


def test_content_hash_names_are_checked_for_snapshots_too(team: Team) -> None:
    tl = team.found()
    name = engine.Sync(tl.store).write_snapshot()
    data = (team.share / "snapshots" / name).read_bytes()
    assert SNAPSHOT_RE.fullmatch(name).group(2) == content_hash(data)  # type: ignore[union-attr]
    header = json.loads(data[9 : 9 + int.from_bytes(data[5:9], "big")])
    assert name.startswith(header["stamp"] + "-")
