"""Invitations give access once and only in time, judged by the teamleider's laptop: a code
used after its 14 days gives no access whatever the joining laptop's clock says, and a code
whose secret file is put back (from a cloud recycle bin) enrols no second laptop."""

from __future__ import annotations

import datetime as dt

from tests.conftest import PASSPHRASE
from tests.sync.conftest import Team
from tests.sync.test_sync import new_resident
from werkplein.services.session import Session
from werkplein.services.sharing import join
from werkplein.store.clock import FixedClock
from werkplein.store.profile import TEST_ITERATIONS
from werkplein.sync import crypto, engine
from werkplein.sync import team as team_module
from werkplein.sync.files import seal_envelope


def refused_certs(report: engine.SyncReport) -> dict[str, str]:
    return {r.path: r.reason for r in report.rejected if r.path.endswith("device.cert")}


def joined(team: Team, folder: str, code: str, clock: FixedClock) -> Session:
    session, _report = join(
        team.root / folder,
        PASSPHRASE,
        team.share,
        code,
        kdf_iterations=TEST_ITERATIONS,
        clock=clock,
    )
    team.laptops[folder], team.clocks[folder] = session, clock
    return session


def test_a_new_laptop_waits_until_the_teamleider_admits_it(team: Team) -> None:
    tl = team.found()
    km = team.add("km", "klantmanager")
    inwoner = new_resident(tl, "999990020")
    wc_code = tl.sharing.invite("Wim Coach", "werkcoach")  # syncs: the resident is on the share
    wc = joined(team, "wc", wc_code, FixedClock(tl.clock.now()))
    assert not wc.sharing.state().admitted
    # the werkcoach's work waits: the klantmanager does not trust the laptop before admission
    note = wc.residents.write_note(inwoner, "Kennismaking gehad.")
    wc.sharing.sync()
    report = team.sync("km")
    assert refused_certs(report)[f"devices/{wc.store.device_id}/device.cert"] == "not-admitted"
    assert km.store.get("notitie", note) is None
    team.sync("tl")  # the teamleider's laptop admits it, by its own clock
    wc.sharing.sync()
    assert wc.sharing.state().admitted
    team.sync("km")
    assert km.store.get("notitie", note) is not None


def test_a_code_used_after_14_days_gives_no_access_whatever_the_clock(team: Team) -> None:
    tl = team.found()
    km = team.add("km", "klantmanager")
    code = tl.sharing.invite("Laat", "klantmanager")
    team.tick(minutes=15 * 24 * 60)  # every honest laptop: 15 days later
    set_back = FixedClock(tl.clock.now() - dt.timedelta(days=15))  # its clock set back
    late = joined(team, "late", code, set_back)  # the joining laptop believes it is in time
    inwoner = new_resident(late, "999990032")
    late.sharing.sync()
    report = team.sync("tl")
    assert refused_certs(report)[f"devices/{late.store.device_id}/device.cert"] == (
        "invitation-expired"
    )
    team.sync("km")
    for session in (tl, km):
        assert session.store.get("inwoner", inwoner) is None
        assert late.store.device_id not in {d.device_id for d in session.sharing.devices()}
    assert not late.sharing.state().admitted


def test_a_code_whose_secret_is_put_back_enrols_no_second_laptop(team: Team) -> None:
    tl = team.found()
    code = tl.sharing.invite("Wim", "werkcoach")
    file_id = crypto.code_file_id(code)
    secret = team.share / "team" / "invites" / f"{file_id}{team_module.SECRET_SUFFIX}"
    kept = secret.read_bytes()
    first = joined(team, "wc", code, FixedClock(tl.clock.now()))
    assert not secret.exists()  # used: the joining laptop removed it
    team.sync("tl")  # admitted
    secret.write_bytes(kept)  # back from a recycle bin
    second = joined(team, "wc2", code, FixedClock(tl.clock.now()))
    report = team.sync("tl")
    assert refused_certs(report)[f"devices/{second.store.device_id}/device.cert"] == (
        "invitation-used"
    )
    devices = {d.device_id for d in tl.sharing.devices()}
    assert first.store.device_id in devices
    assert second.store.device_id not in devices


def test_two_laptops_with_one_code_before_admission_are_both_refused(team: Team) -> None:
    """Neither can be told from the other, so a person decides: the teamleider invites again."""
    tl = team.found()
    code = tl.sharing.invite("Wim", "werkcoach")
    file_id = crypto.code_file_id(code)
    secret = team.share / "team" / "invites" / f"{file_id}{team_module.SECRET_SUFFIX}"
    kept = secret.read_bytes()
    a = joined(team, "a", code, FixedClock(tl.clock.now()))
    secret.write_bytes(kept)
    b = joined(team, "b", code, FixedClock(tl.clock.now()))
    report = team.sync("tl")
    reasons = refused_certs(report)
    for session in (a, b):
        assert reasons[f"devices/{session.store.device_id}/device.cert"] == "invitation-used"


def test_an_admission_file_planted_without_a_teamleiders_key_is_ignored(
    team: Team,
) -> None:
    tl = team.found()
    km = team.add("km", "klantmanager")
    code = tl.sharing.invite("Wim", "werkcoach")
    wc = joined(team, "wc", code, FixedClock(tl.clock.now()))
    # the klantmanager (not a teamleider) writes an admission with her own key
    sign = team_module.signing_key(km.store)
    keys = team_module.require_team(km.store)
    head = {
        "kind": "admission",
        "team": keys.team_id,
        "signer": km.store.device_id,
        "device": wc.store.device_id,
        "sign_key": crypto.SigningKey.from_hex(
            wc.store.meta(team_module.META_SIGN) or ""
        ).public_hex(),
        "invite": crypto.code_file_id(code),
        "admitted_at": "2020-01-01T00:00:00.000Z",
    }
    admitted = team.share / "team" / "admitted"
    admitted.mkdir(exist_ok=True)
    (admitted / f"{wc.store.device_id}.admitted").write_bytes(seal_envelope(head, {}, sign))
    report = team.sync("km")
    assert refused_certs(report)[f"devices/{wc.store.device_id}/device.cert"] == "not-admitted"
    assert wc.store.device_id not in {d.device_id for d in km.sharing.devices()}
