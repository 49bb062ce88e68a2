"""Sync through a real shared folder between real encrypted profiles: enrolment, roles and
keys, merge per field, conflicts, set decisions, append-only notes, clocks that are off."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from tests.conftest import PASSPHRASE
from tests.sync.conftest import Team
from werkplein.errors import (
    AlreadyInTeam,
    InvalidCode,
    NotAllowed,
    NotInTeam,
    ShareInUse,
    WrongShare,
)
from werkplein.services.session import Session
from werkplein.services.sharing import join
from werkplein.store.clock import FixedClock, iso
from werkplein.store.entities import ENTITIES, HANDHAVING
from werkplein.store.profile import TEST_ITERATIONS
from werkplein.sync import engine
from werkplein.sync.files import parse_envelope

GENERAL = sorted(n for n in ENTITIES if n not in HANDHAVING)


def new_resident(session: Session, bsn: str = "999990019", **extra: str) -> str:
    values = {
        "bsn": bsn,
        "first_names": "Anna",
        "last_name": "Jansen",
        "birth_date": "1980-01-01",
        "gemeente": "Lindendal",
        "street": "Dorpsstraat",
        **extra,
    }
    return session.residents.create(**values)


def test_invited_colleagues_join_and_converge(team: Team) -> None:
    tl = team.found()
    km = team.add("km", "klantmanager")
    wc = team.add("wc", "werkcoach")
    inwoner = new_resident(km)
    team.sync_all()

    digests = {name: s.store.digest() for name, s in team.laptops.items()}
    assert len(set(digests.values())) == 1
    assert wc.store.get("inwoner", inwoner)["last_name"] == "Jansen"
    assert wc.user.name == "Collega wc"
    assert wc.user.role.value == "werkcoach"
    names = {d.name for d in tl.sharing.devices()}
    assert names == {"Lid tl", "Collega km", "Collega wc"}  # the roster synced
    assert {d.role for d in wc.sharing.devices()} == {"teamleider", "klantmanager", "werkcoach"}


def test_werkcoach_never_receives_boete_data_even_from_the_share(team: Team) -> None:
    team.found()
    boa = team.add("boa", "boete_ambtenaar")
    km = team.add("km", "klantmanager")
    wc = team.add("wc", "werkcoach")
    inwoner = new_resident(km)
    team.sync_all()
    boete_id = boa.fines.open(inwoner, "Inkomsten niet gemeld", benadelingsbedrag_cent=120_000)
    team.sync_all()

    assert km.store.get("boete", boete_id) is not None
    assert wc.store.get("boete", boete_id) is None
    assert wc.store.counts()["fines"] == 0
    assert wc.store.digest(GENERAL) == km.store.digest(GENERAL) == boa.store.digest(GENERAL)
    assert km.store.digest() == boa.store.digest()

    from werkplein.sync.team import team_keys

    keys = team_keys(wc.store)
    assert keys is not None
    assert keys.handhaving_key is None
    # the fine's bundle is on the share, but the werkcoach's keys do not open it
    boa_folder = team.share / "devices" / boa.store.device_id
    h_bundles = [
        p
        for p in boa_folder.glob("*.wpb")
        if parse_envelope(p.read_bytes()).header["channel"] == "h"
    ]
    assert h_bundles
    env = parse_envelope(h_bundles[0].read_bytes())
    with pytest.raises(Exception, match="does-not-decrypt"):
        env.open("h", keys.team_key)

    # every trace of the fine travels with it: views and exports of it too
    boa.fines.get(boete_id)  # audited: "viewed boete:<id>"
    km.fines.get(boete_id)
    boa.exports.fine_talk(boete_id, team.root / "gesprek.pdf")
    team.sync_all()
    details = [str(r[0]) for r in wc.store.rows("SELECT detail FROM audit_log")]
    assert details, "the werkcoach does get the audit entries about general data"
    assert not [d for d in details if "boete" in d]
    km_details = [str(r[0]) for r in km.store.rows("SELECT detail FROM audit_log")]
    assert f"boete:{boete_id}" in km_details


def test_concurrent_edits_of_one_field_become_a_conflict_people_settle(team: Team) -> None:
    tl = team.found()
    km = team.add("km", "klantmanager")
    inwoner = new_resident(km)
    team.sync_all()
    team.tick()
    km.residents.update(inwoner, street="Molenweg")
    team.tick()
    tl.residents.update(inwoner, street="Kerkstraat", phone="0612345678")
    team.sync_all()

    for session in (tl, km):
        record = session.store.get("inwoner", inwoner)
        assert record["street"] == "Kerkstraat"  # the later stamp shows, the other is kept
        assert record["phone"] == "0612345678"  # a field only one side changed merges quietly
        conflicts = session.sharing.conflicts()
        assert [(c.entity, c.field) for c in conflicts] == [("inwoner", "street")]
        assert [s.value for s in conflicts[0].sides] == ["Kerkstraat", "Molenweg"]
    assert engine.conflict_count(km.store) == 1

    km.sharing.resolve("inwoner", inwoner, "street", "Molenweg")
    team.sync_all()
    for session in (tl, km):
        assert session.store.get("inwoner", inwoner)["street"] == "Molenweg"
        assert session.sharing.conflicts() == []
    assert tl.store.digest() == km.store.digest()


def test_sequential_edits_are_no_conflict(team: Team) -> None:
    tl = team.found()
    km = team.add("km", "klantmanager")
    inwoner = new_resident(km)
    team.sync_all()
    km.residents.update(inwoner, street="Molenweg")
    team.sync_all()
    team.tick()
    tl.residents.update(inwoner, street="Kerkstraat")
    team.sync_all()
    assert km.store.get("inwoner", inwoner)["street"] == "Kerkstraat"
    assert km.sharing.conflicts() == []
    assert tl.sharing.conflicts() == []


def test_same_value_written_on_both_sides_is_no_conflict(team: Team) -> None:
    tl = team.found()
    km = team.add("km", "klantmanager")
    inwoner = new_resident(km)
    team.sync_all()
    km.residents.update(inwoner, street="Molenweg")
    tl.residents.update(inwoner, street="Molenweg")
    team.sync_all()
    assert km.sharing.conflicts() == []
    assert tl.sharing.conflicts() == []


def test_notes_are_append_only_and_never_conflict(team: Team) -> None:
    tl = team.found()
    km = team.add("km", "klantmanager")
    inwoner = new_resident(km)
    team.sync_all()
    km.residents.write_note(inwoner, "Gesprek aan de keukentafel")
    tl.residents.write_note(inwoner, "Telefonisch contact")
    team.sync_all()
    for session in (tl, km):
        texts = {n["text"] for n in session.store.find("notitie")}
        assert texts == {"Gesprek aan de keukentafel", "Telefonisch contact"}
        assert session.sharing.conflicts() == []


def test_a_deletion_syncs_as_a_tombstone(team: Team) -> None:
    tl = team.found()
    km = team.add("km", "klantmanager")
    inwoner = new_resident(km)
    team.sync_all()
    with tl.store.write(tl.user.id) as w:
        w.delete("inwoner", inwoner)
    team.sync_all()
    assert km.store.get("inwoner", inwoner)["deleted"] is True
    assert km.residents.search("Jansen") == []


def test_a_set_decision_never_changes_on_any_laptop(team: Team) -> None:
    tl = team.found()
    km = team.add("km", "klantmanager")
    inwoner = new_resident(km)
    team.sync_all()
    besluit = "besluit-1"
    with km.store.write(km.user.id) as w:
        w.put(
            "besluit",
            besluit,
            {
                "casus_id": "c1",
                "inwoner_id": inwoner,
                "versie": 1,
                "uitkomst": "maatwerk",
                "status": "concept",
                "motivering": "Eerste",
            },
        )
    team.sync_all()
    team.tick()
    with tl.store.write(tl.user.id) as w:  # the teamleider sets it
        w.put(
            "besluit",
            besluit,
            {"status": "vastgesteld", "vastgesteld_op": tl.today().isoformat()},
        )
    team.tick()
    with km.store.write(km.user.id) as w:  # meanwhile, offline, the klantmanager edits the text
        w.put("besluit", besluit, {"motivering": "Later gewijzigd"})
    team.sync_all()
    for session in (tl, km):
        record = session.store.get("besluit", besluit)
        assert record["status"] == "vastgesteld"
        assert record["motivering"] == "Eerste"
    assert tl.store.digest() == km.store.digest()


def test_a_laptop_six_hours_behind_still_orders_after_what_it_has_seen(team: Team) -> None:
    tl = team.found()
    km = team.add("km", "klantmanager", clock_offset_h=-6)
    inwoner = new_resident(tl)
    tl.residents.update(inwoner, street="Kerkstraat")
    team.sync_all()
    team.tick()
    km.residents.update(inwoner, street="Molenweg")  # seen Kerkstraat; its clock says 03:00
    team.sync_all()
    for session in (tl, km):
        assert session.store.get("inwoner", inwoner)["street"] == "Molenweg"
        assert session.sharing.conflicts() == []


def test_a_laptop_six_hours_ahead_converges(team: Team) -> None:
    tl = team.found()
    km = team.add("km", "klantmanager", clock_offset_h=6)
    inwoner = new_resident(tl)
    team.sync_all()
    km.residents.update(inwoner, street="Molenweg")
    team.sync_all()
    team.tick()
    tl.residents.update(inwoner, street="Kerkstraat")  # after seeing 15:00, tl stamps later
    team.sync_all()
    for session in (tl, km):
        assert session.store.get("inwoner", inwoner)["street"] == "Kerkstraat"
    assert tl.store.digest() == km.store.digest()


def test_status_counts_pending_changes_until_they_are_on_the_share(team: Team) -> None:
    tl = team.found()
    assert engine.pending(tl.store) == 0
    new_resident(tl)
    assert engine.pending(tl.store) == 1
    state = tl.sharing.state()
    assert state.joined
    assert state.reachable
    assert state.pending == 1
    assert state.incoming == 0
    tl.sharing.sync()
    assert engine.pending(tl.store) == 0


def test_sync_is_idempotent(team: Team) -> None:
    team.found()
    km = team.add("km", "klantmanager")
    new_resident(km)
    team.sync_all()
    before = km.store.change_count(), km.store.digest()
    report = team.sync("km")
    assert report.received_changes == 0
    assert report.sent_changes == 0
    assert (km.store.change_count(), km.store.digest()) == before


def test_only_a_teamleider_invites(team: Team) -> None:
    team.found()
    km = team.add("km", "klantmanager")
    with pytest.raises(NotAllowed):
        km.sharing.invite("Iemand", "werkcoach")


def test_a_code_works_once(team: Team, tmp_path: Path) -> None:
    tl = team.found()
    code = tl.sharing.invite("Wim", "werkcoach")
    first, _ = join(tmp_path / "a", PASSPHRASE, team.share, code, kdf_iterations=TEST_ITERATIONS)
    first.close()
    with pytest.raises(InvalidCode):
        join(tmp_path / "b", PASSPHRASE, team.share, code, kdf_iterations=TEST_ITERATIONS)
    assert not (tmp_path / "b").exists()  # nothing left behind


def test_a_wrong_or_malformed_code_changes_nothing(team: Team, tmp_path: Path) -> None:
    team.found()
    before = sorted(p.relative_to(team.share) for p in team.share.rglob("*"))
    for code in ["ABCDE-FGHJK-MNPQR-STVWX-YZ012", "kort", ""]:
        with pytest.raises(InvalidCode):
            join(tmp_path / "x", PASSPHRASE, team.share, code, kdf_iterations=TEST_ITERATIONS)
    assert not (tmp_path / "x").exists()
    assert sorted(p.relative_to(team.share) for p in team.share.rglob("*")) == before


def test_an_expired_invitation_is_refused(team: Team, tmp_path: Path) -> None:
    """A code works for 14 days after it was made (on the inviter's clock)."""
    tl = team.found()
    code = tl.sharing.invite("Wim", "werkcoach")
    late = FixedClock(tl.clock.now() + dt.timedelta(days=15))
    with pytest.raises(InvalidCode):
        join(
            tmp_path / "w",
            PASSPHRASE,
            team.share,
            code,
            kdf_iterations=TEST_ITERATIONS,
            clock=late,
        )
    assert not (tmp_path / "w").exists()
    in_time = FixedClock(tl.clock.now() + dt.timedelta(days=13))
    session, _ = join(
        tmp_path / "w", PASSPHRASE, team.share, code, kdf_iterations=TEST_ITERATIONS, clock=in_time
    )
    assert session.user.name == "Wim"
    session.close()


def test_the_code_is_forgiving_about_case_and_spaces(team: Team, tmp_path: Path) -> None:
    tl = team.found()
    code = tl.sharing.invite("Wim", "werkcoach")
    typed = code.lower().replace("-", " ")
    session, _ = join(tmp_path / "w", PASSPHRASE, team.share, typed, kdf_iterations=TEST_ITERATIONS)
    assert session.user.name == "Wim"
    session.close()


def test_share_create_refuses_a_folder_in_use_and_a_second_team(team: Team, tmp_path: Path) -> None:
    tl = team.found()
    with pytest.raises(AlreadyInTeam):
        tl.sharing.create_share(tmp_path / "other")
    busy = tmp_path / "busy"
    busy.mkdir()
    (busy / "notulen.docx").write_bytes(b"x")
    other = Session.create(
        tmp_path / "tl2", PASSPHRASE, "Ander", "teamleider", kdf_iterations=TEST_ITERATIONS
    )
    with pytest.raises(ShareInUse):
        other.sharing.create_share(busy)
    with pytest.raises(NotInTeam):
        other.sharing.sync()
    other.close()


def test_sync_against_another_werkpleins_share_is_refused(team: Team, tmp_path: Path) -> None:
    team.found()
    other = Session.create(
        tmp_path / "tl2", PASSPHRASE, "Ander", "teamleider", kdf_iterations=TEST_ITERATIONS
    )
    other.sharing.create_share(tmp_path / "share2")
    with pytest.raises(WrongShare):
        other.sharing.sync(team.share)
    other.close()


def test_history_shows_colleagues_changes_with_author(team: Team) -> None:
    tl = team.found()
    km = team.add("km", "klantmanager")
    inwoner = new_resident(km)
    team.sync_all()
    tl.residents.update(inwoner, street="Kerkstraat")
    team.sync_all()
    history = km.store.history("inwoner", inwoner)
    assert [c.kind for c in history] == ["insert", "update"]
    assert history[1].author_id == tl.user.id
    assert history[1].fields["street"] == ("Dorpsstraat", "Kerkstraat")


def test_audit_entries_travel_and_every_chain_verifies(team: Team) -> None:
    tl = team.found()
    km = team.add("km", "klantmanager")
    inwoner = new_resident(km)
    km.residents.dossier(inwoner)  # a view is audited
    team.sync_all()
    rows = tl.store.rows(
        "SELECT action FROM audit_log WHERE inwoner_id = ? AND user_id = ?", (inwoner, km.user.id)
    )
    assert {r[0] for r in rows} >= {"create", "view"}
    assert tl.store.integrity_problems() == []
    assert km.store.integrity_problems() == []


def test_sync_report_json_shape(team: Team) -> None:
    team.found()
    report = team.sync("tl").to_json()
    assert set(report) >= {"sent", "received", "rejected", "conflicts"}
    json.dumps(report)


def test_a_completed_visit_stays_as_completed_on_every_laptop(team: Team) -> None:
    team.found()
    km = team.add("km", "klantmanager")
    wc = team.add("wc", "werkcoach")
    team.sync_all()
    inwoner = new_resident(km)
    when = iso(team.clocks["km"].now() - dt.timedelta(hours=1))
    visit = km.visits.plan(inwoner, when, doel="Kennismaken", medewerkers=[wc.user.id])
    team.sync_all()
    km.visits.observe(visit, "werk", "Eerste indruk")
    km.visits.complete(visit)
    team.tick(30)
    wc.visits.observe(visit, "werk", "Later veranderd")  # offline: not yet seen as completed
    wc.visits.observe(visit, "gezin", "Nog iets")
    team.sync_all()
    for name, session in team.laptops.items():
        record = session.store.require("huisbezoek", visit)
        assert record["status"] == "uitgevoerd", name
        assert record["obs_werk"] == "Eerste indruk", name
        assert record["obs_gezin"] is None, name
        assert session.sharing.conflicts() == [], name
    assert len({s.store.digest() for s in team.laptops.values() if s is not wc}) == 1
