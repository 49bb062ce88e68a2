"""Revocations that stick: a revoked laptop's accepted bundles are pinned by content, so a
rewritten old bundle is refused as much as a new one; every laptop keeps the revocation and
passes it on, so deleting the file undoes nothing, also for a laptop that had not synced since
and for one that joins later."""

from __future__ import annotations

import contextlib

import pytest

from tests.sync.conftest import Team, change_row, forge, payload
from tests.sync.test_faults import bundles, rejected
from tests.sync.test_sync import new_resident
from werkplein.errors import DeviceRevoked
from werkplein.services.policy import REGION
from werkplein.sync import team as team_module
from werkplein.sync.files import EnvelopeError, parse_envelope


def test_a_rewritten_bundle_below_the_pin_is_refused_everywhere(team: Team) -> None:
    tl = team.found()
    km = team.add("km", "klantmanager")
    wc = team.add("wc", "werkcoach")
    inwoner = new_resident(tl)
    team.sync_all()
    note = km.residents.write_note(inwoner, "Echte notitie van de klantmanager.")
    team.sync("km")
    [first] = [p for p in bundles(team, "km") if p.stat().st_size][-1:]
    team.sync("tl")  # the teamleider applied it; the werkcoach has not yet
    tl.sharing.revoke(km.store.device_id)

    # the lost laptop replaces its last accepted bundle with other content, same number
    first.unlink()
    forged = forge(team, "km", payload(change_row(km, "instelling", REGION, {"value": {}})))
    forged_path = team.share / forged
    forged_path.rename(first.with_name(f"{first.name[:8]}-{forged_path.name[9:]}"))
    snapshots = team.share / "snapshots"
    kept = {p.name: p.read_bytes() for p in snapshots.iterdir()}
    for path in snapshots.iterdir():  # first without a snapshot: the pin alone decides
        path.unlink()
    report = team.sync("wc")
    assert "revoked" in set(rejected(report).values())
    assert wc.store.get("instelling", REGION) is None  # nothing of the rewritten file
    for name, data in kept.items():  # with the snapshot the revocation wrote: the original
        (snapshots / name).write_bytes(data)
    team.sync("wc")
    assert wc.store.get("notitie", note) is not None
    assert wc.store.digest(["notitie", "instelling"]) == tl.store.digest(["notitie", "instelling"])


def test_deleting_the_revocation_undoes_nothing(team: Team) -> None:
    tl = team.found()
    km = team.add("km", "klantmanager")
    team.add("wc", "werkcoach")
    inwoner = new_resident(tl)
    team.sync_all()
    tl.sharing.revoke(km.store.device_id)
    team.sync("tl")  # its copy of the revocation is in its own folder now
    (team.share / "team" / "revoked" / f"{km.store.device_id}.revoked").unlink()
    later = km.residents.write_note(inwoner, "Na de intrekking geschreven.")
    forged = forge(team, "km", payload(change_row(km, "inwoner", inwoner, {"street": "Nepstraat"})))
    with contextlib.suppress(DeviceRevoked):  # the lost laptop syncs on, if it can
        km.sharing.sync()
    for name in ("wc",):  # had not synced since the revocation
        assert rejected(team.sync(name))[forged] == "revoked"
        session = team.laptops[name]
        assert session.store.get("notitie", later) is None
        assert session.store.require("inwoner", inwoner)["street"] != "Nepstraat"
        devices = {d.device_id: d for d in session.sharing.devices()}
        assert devices[km.store.device_id].revoked
    fresh = team.add("nieuw", "klantmanager")  # joins after the file was deleted
    team.sync("tl")
    assert rejected(fresh.sharing.sync())[forged] == "revoked"
    assert fresh.store.get("notitie", later) is None
    assert {d.device_id: d for d in fresh.sharing.devices()}[km.store.device_id].revoked


def test_a_revoked_laptop_reads_nothing_written_after_its_revocation(team: Team) -> None:
    """Whoever holds the lost laptop and its passphrase has every key it ever had, and still
    opens no bundle (either key), no snapshot and no key file written afterwards."""
    tl = team.found()
    km = team.add("km", "klantmanager")
    wc = team.add("wc", "werkcoach")
    ba = team.add("ba", "boete_ambtenaar")
    inwoner = new_resident(tl)
    team.sync_all()
    boete_id = ba.fines.open(inwoner, "Niet gemeld")
    team.sync_all()
    stolen_keys = team_module.require_team(km.store)  # all the lost laptop holds
    before = set(team.share.rglob("*"))
    tl.sharing.revoke(km.store.device_id)
    team.sync("tl")
    waiting = {d.device_id: d.new_keys for d in tl.sharing.devices()}
    assert not waiting[wc.store.device_id]  # the teamleider sees who has yet to pick them up
    # the others pick up the new keys at their next sync, also one that was away meanwhile
    for name in ("ba", "wc"):
        team.sync(name)
    assert all(d.new_keys for d in tl.sharing.devices())
    ba.fines.add_reconsideration(boete_id, "Na de intrekking.")
    wc.residents.write_note(inwoner, "Na de intrekking, algemeen.")
    tl.residents.write_note(inwoner, "Ook van de teamleider.")
    for _round in range(2):
        for name in ("tl", "wc", "ba"):
            team.sync(name)
    for session in (tl, wc, ba):
        assert team_module.require_team(session.store).current == 1
    assert team_module.require_team(wc.store).key_for("h") is None  # never the fine key

    written = [p for p in set(team.share.rglob("*")) - before if p.is_file()]
    sealed = [p for p in written if p.suffix in {".wpb", ".wps", ".keys"} and p.name != "state.wps"]
    assert {p.suffix for p in sealed} == {".wpb", ".wps", ".keys"}
    channels = set()
    for path in sealed:
        env = parse_envelope(path.read_bytes())
        channels.add(env.header.get("channel"))
        for section in env.sections:
            channel = section.split(":", 1)[0]
            for key in filter(None, (stolen_keys.key_for("g", 0), stolen_keys.key_for("h", 0))):
                with pytest.raises(EnvelopeError):
                    env.open(section, key)
            del channel
    assert {"g", "h"} <= channels
    # and the laptop itself, syncing with its own profile, gets none of it
    with contextlib.suppress(DeviceRevoked):
        km.sharing.sync()
    assert team_module.require_team(km.store).current == 0
    assert not [
        n
        for n in km.store.find("notitie", "inwoner_id = ?", (inwoner,))
        if "Na de intrekking" in n["text"]
    ]


def test_a_key_file_removed_from_the_share_is_issued_again_with_what_it_carried(
    team: Team,
) -> None:
    """Someone with write access removes the newest key file. The teamleider's next sync
    issues the next generation, which carries the earlier ones: a laptop that was away reads
    what was written under the removed generation, and the lost laptop still nothing."""
    tl = team.found()
    km = team.add("km", "klantmanager")
    wc = team.add("wc", "werkcoach")
    lost = team.add("lost", "klantmanager")
    inwoner = new_resident(tl)
    team.sync_all()
    tl.sharing.revoke(lost.store.device_id)
    team.sync("km")
    assert team_module.require_team(km.store).current == 1
    km.residents.write_note(inwoner, "Onder generatie 1.")
    team.sync("km")
    (team.share / "team" / "keys" / "000001.keys").unlink()
    team.sync("tl")
    assert team_module.require_team(tl.store).current == 2
    assert (team.share / "team" / "keys" / "000002.keys").is_file()
    team.sync("wc")  # away until now: it never saw generation 1's file
    held = team_module.require_team(wc.store)
    assert held.current == 2
    assert held.generation(1) == (team_module.require_team(tl.store).generation(1)[0], None)
    assert "Onder generatie 1." in {
        n["text"] for n in wc.store.find("notitie", "inwoner_id = ?", (inwoner,))
    }
    stolen = team_module.require_team(lost.store)
    assert stolen.generation(1) is None
    assert stolen.generation(2) is None


def test_key_files_planted_on_the_share_neither_stall_nor_skip_a_rotation(team: Team) -> None:
    """Anyone with write access plants key files: one with a far-off number (so the next
    generation would be numbered past what laptops read), and one in place of the newest that
    no teamleider signed (so the rotation would look done). Neither counts."""
    tl = team.found()
    km = team.add("km", "klantmanager")
    lost = team.add("lost", "klantmanager")
    inwoner = new_resident(tl)
    team.sync_all()
    keys_dir = team.share / "team" / "keys"
    keys_dir.mkdir(parents=True, exist_ok=True)
    (keys_dir / "999999.keys").write_bytes(b"not a key file")
    tl.sharing.revoke(lost.store.device_id)
    assert team_module.require_team(tl.store).current == 1
    (keys_dir / "000001.keys").write_bytes((keys_dir / "999999.keys").read_bytes())
    team.sync("tl")  # the newest generation's file is no longer authentic: issued again
    assert team_module.require_team(tl.store).current == 2
    team.sync("km")
    assert team_module.require_team(km.store).current == 2
    tl.residents.write_note(inwoner, "Na het planten.")
    team.sync("tl")
    team.sync("km")
    assert "Na het planten." in {
        n["text"] for n in km.store.find("notitie", "inwoner_id = ?", (inwoner,))
    }
