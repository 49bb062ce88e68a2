"""Revocations that stick: a revoked laptop's accepted bundles are pinned by content, so a
rewritten old bundle is refused as much as a new one; every laptop keeps the revocation and
passes it on, so deleting the file undoes nothing, also for a laptop that had not synced since
and for one that joins later."""

from __future__ import annotations

import contextlib

from tests.sync.conftest import Team, change_row, forge, payload
from tests.sync.test_faults import bundles, rejected
from tests.sync.test_sync import new_resident
from werkplein.errors import DeviceRevoked
from werkplein.services.policy import REGION


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
