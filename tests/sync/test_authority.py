"""What the services forbid, a bundle must not achieve: attacks by enrolled laptops with their
own legitimate keys (a klantmanager and a werkcoach running a patched app), each refused when
applied, reported, never blocking the laptop's later honest changes, and the same on every
honest laptop."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import PASSPHRASE, make_demo, run_clock
from tests.core.test_services import complete_case
from tests.sync.conftest import Team, change_row, forge, payload
from tests.sync.test_sync import new_resident
from werkplein.domain.roles import Role
from werkplein.services.policy import BOETE_BELEID, REGION, price_id
from werkplein.services.session import Session
from werkplein.store.clock import iso
from werkplein.sync import engine


def refused(report: engine.SyncReport) -> dict[tuple[str | None, str | None], str]:
    """(entity, record) -> reason of every refused change in a sync report."""
    return {(r.entity, r.record): r.reason for r in report.rejected if r.entity}


def converged(team: Team) -> None:
    """Honest laptops hold the same data and pass every check; the attacker too."""
    team.sync_all()
    digests = {n: s.store.digest() for n, s in team.laptops.items() if n != "wc"}
    assert len(set(digests.values())) == 1, digests
    for session in team.laptops.values():
        assert session.store.integrity_problems() == []


def team_of_four(team: Team) -> Team:
    team.found()
    for name, role in (("km", "klantmanager"), ("wc", "werkcoach"), ("ba", "boete_ambtenaar")):
        team.add(name, role)
    team.sync_all()
    return team


def test_a_klantmanager_cannot_approve_or_set_a_deviating_decision(team: Team) -> None:
    team_of_four(team)
    km, tl = team.laptops["km"], team.laptops["tl"]
    casus_id = complete_case(km, new_resident(km), afwijking=True)
    besluit_id = km.decisions.draft(casus_id, uitkomst="toegekend", motivering="Maatwerk.")
    km.decisions.submit(besluit_id)
    team.sync_all()
    now = iso(km.clock.now())
    approve = change_row(
        km,
        "besluit",
        besluit_id,
        {
            "status": "vastgesteld",
            "goedgekeurd_door": tl.user.id,
            "goedgekeurd_op": now,
            "vastgesteld_door": km.user.id,
            "vastgesteld_op": now,
        },
    )
    self_set = change_row(
        km,
        "besluit",
        besluit_id,
        {"status": "vastgesteld", "vastgesteld_door": km.user.id, "vastgesteld_op": now},
    )
    forge(team, "km", payload(approve))
    forge(team, "km", payload(self_set))
    report = team.sync("tl")
    assert refused(report)[("besluit", besluit_id)] in {"not-allowed", "needs-approval"}
    assert len([r for r in report.rejected if r.record == besluit_id]) == 2
    assert tl.store.require("besluit", besluit_id)["status"] == "ter_goedkeuring"
    assert tl.decisions.awaiting_approval()[0]["id"] == besluit_id
    converged(team)


def test_policy_prices_region_and_roles_are_the_teamleiders(team: Team) -> None:
    team_of_four(team)
    km, tl, wc = team.laptops["km"], team.laptops["tl"], team.laptops["wc"]
    before_prices = tl.policy.prices()
    attacks = [
        change_row(
            km,
            "prijs",
            price_id("bijstand_maand"),
            {"code": "bijstand_maand", "omschrijving": "x", "bedrag_cent": 1},
        ),
        change_row(km, "instelling", REGION, {"value": {"naam": "Nep", "gemeenten": ["X"]}}),
        change_row(km, "instelling", BOETE_BELEID, {"value": {"percentages": {}}}),
        change_row(km, "gebruiker", wc.user.id, {"role": "teamleider"}),
        change_row(km, "gebruiker", tl.user.id, {"role": "werkcoach"}),
    ]
    forge(team, "km", payload(*attacks))
    report = team.sync("tl")
    assert len(refused(report)) == len(attacks)
    assert set(refused(report).values()) == {"not-allowed"}
    assert tl.policy.prices() == before_prices
    assert tl.policy.region().naam != "Nep"
    assert tl.store.require("gebruiker", tl.user.id)["role"] == "teamleider"
    assert tl.store.require("gebruiker", wc.user.id)["role"] == "werkcoach"
    # the teamleider still acts as one: her own revocation of the laptop works
    tl.sharing.revoke(km.store.device_id)
    assert Session.for_store(tl.store.reopen()).user.role is Role.TEAMLEIDER
    team.laptops.pop("km").close()
    converged(team)


def test_fines_are_written_only_by_who_may_edit_them(team: Team) -> None:
    team_of_four(team)
    km, ba, tl = team.laptops["km"], team.laptops["ba"], team.laptops["tl"]
    inwoner = new_resident(tl)
    team.sync_all()
    boete_id = ba.fines.open(inwoner, "Inkomsten niet doorgegeven", benadelingsbedrag_cent=90_000)
    team.sync_all()
    close = change_row(
        km,
        "boete",
        boete_id,
        {"vastgesteld_bedrag_cent": 1, "afzien": True, "status": "afgerond"},
    )
    path = forge(team, "km", payload(close), channel="h")
    report = team.sync("tl")
    assert refused(report) == {("boete", boete_id): "not-allowed"}
    assert any(r.path == path and r.laptop == km.store.device_id for r in report.rejected)
    fine = tl.store.require("boete", boete_id)
    assert fine["vastgesteld_bedrag_cent"] is None
    assert not fine["afzien"]
    converged(team)


def test_no_audit_entry_or_change_in_a_colleagues_name(team: Team) -> None:
    team_of_four(team)
    km, tl = team.laptops["km"], team.laptops["tl"]
    inwoner = new_resident(tl)
    team.sync_all()
    entry = [
        km.store.ids(),
        km.store.device_id,
        iso(km.clock.now()),
        tl.user.id,
        inwoner,
        "view",
        "dossier",
        "0" * 64,
        "1" * 64,
    ]
    as_teamleider = change_row(
        km, "inwoner", inwoner, {"street": "Nepstraat"}, author_id=tl.user.id
    )
    forge(team, "km", payload(as_teamleider, audit=[entry]))
    report = team.sync("tl")
    assert refused(report) == {
        ("inwoner", inwoner): "not-its-author",
        ("audit", inwoner): "not-its-author",
    }
    assert tl.store.require("inwoner", inwoner)["street"] != "Nepstraat"
    assert tl.store.rows("SELECT count(*) FROM audit_log WHERE id = ?", (entry[0],))[0][0] == 0
    converged(team)


def test_a_colleagues_note_cannot_be_replaced_under_its_op_id(team: Team) -> None:
    team_of_four(team)
    km, wc, tl = team.laptops["km"], team.laptops["wc"], team.laptops["tl"]
    inwoner = new_resident(tl)
    team.sync_all()
    note_id = wc.residents.write_note(inwoner, "Gesprek ging goed, volgende week verder.")
    team.sync("wc")
    team.sync("km")  # the klantmanager reads the werkcoach's note and its op id
    [(op_id, record_id)] = km.store.rows(
        "SELECT op_id, record_id FROM change_log WHERE entity = 'notitie' AND record_id = ?",
        (note_id,),
    )
    note = km.store.require("notitie", note_id)
    forged = change_row(
        km,
        "notitie",
        record_id,
        {
            "inwoner_id": inwoner,
            "text": "Inwoner werkt niet mee.",
            "author_id": km.user.id,
            "written_at": note["written_at"],
        },
        kind="insert",
        op_id=op_id,
    )
    forge(team, "km", payload(forged))
    team.sync("km")
    fresh = team.add("nieuw", "klantmanager")  # has seen neither yet: both arrive now
    for session in (tl, fresh):
        session.sharing.sync()
        assert session.store.require("notitie", note_id)["text"].startswith("Gesprek ging goed")
        reasons = session.store.rows("SELECT reason FROM sync_refused WHERE op_id = ?", (op_id,))
        assert reasons, "the forged note is refused and recorded"
    converged(team)


def test_a_set_decision_is_what_setting_it_wrote_whatever_the_stamp(team: Team) -> None:
    team_of_four(team)
    km, tl = team.laptops["km"], team.laptops["tl"]
    casus_id = complete_case(km, new_resident(km))
    besluit_id = km.decisions.draft(casus_id, uitkomst="toegekend", motivering="Past bij doel.")
    [(first_hlc,)] = km.store.rows(
        "SELECT min(hlc) FROM change_log WHERE entity = 'besluit' AND record_id = ?",
        (besluit_id,),
    )
    km.decisions.set(besluit_id)
    team.sync_all()
    wc = team.laptops["wc"]
    # the werkcoach may not, and nobody may after setting: stamped below the freeze
    rewrite = change_row(
        km,
        "besluit",
        besluit_id,
        {"uitkomst": "afgewezen", "motivering": "Toch niet."},
        hlc=first_hlc,
    )
    forge(team, "km", payload(rewrite))
    report = team.sync("tl")
    assert refused(report) == {("besluit", besluit_id): "decision-set"}
    for session in (tl, km, wc):
        session.sharing.sync()
        decision = session.store.require("besluit", besluit_id)
        assert (decision["uitkomst"], decision["status"]) == ("toegekend", "vastgesteld")
        assert decision["motivering"] == "Past bij doel."
        assert decision["toets"]["besluit"]["uitkomst"] == "toegekend"
    assert tl.sharing.conflicts() == []
    converged(team)


def test_a_refusal_never_blocks_the_laptops_later_changes(team: Team) -> None:
    team_of_four(team)
    km, tl = team.laptops["km"], team.laptops["tl"]
    inwoner = new_resident(km)
    forge(team, "km", payload(change_row(km, "instelling", REGION, {"value": {"naam": "X"}})))
    km.residents.update(inwoner, street="Eerlijkeweg")
    team.sync("km")
    report = team.sync("tl")
    assert refused(report) == {("instelling", REGION): "not-allowed"}
    assert tl.store.require("inwoner", inwoner)["street"] == "Eerlijkeweg"
    assert json.loads(json.dumps(report.to_json()))["rejected"][0]["laptop"] == km.store.device_id
    converged(team)


# ---------------------------------------------------------------------- the property
ATTACKS = ("price", "region", "role", "author", "fine", "note")


@settings(
    max_examples=8,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(
    steps=st.lists(
        st.one_of(
            st.tuples(st.just("edit"), st.sampled_from(("tl", "km2")), st.sampled_from("ABC")),
            st.tuples(st.just("attack"), st.sampled_from(ATTACKS)),
            st.tuples(st.just("sync"), st.sampled_from(("tl", "km", "km2"))),
        ),
        min_size=3,
        max_size=14,
    )
)
def test_honest_laptops_converge_beside_a_misbehaving_one(steps: list[tuple[str, ...]]) -> None:
    """One klantmanager laptop forges changes between honest edits; whatever the order of
    syncing, the honest laptops end equal, hold every honest edit and none of the forgeries."""
    with tempfile.TemporaryDirectory() as tmp:
        team = Team(Path(tmp), Path(tmp) / "share")
        try:
            _property(team, steps)
        finally:
            team.close()


def _property(team: Team, steps: list[tuple[str, ...]]) -> None:
    tl = team.found()
    km = team.add("km", "klantmanager")
    team.add("km2", "klantmanager")
    team.add("ba", "boete_ambtenaar")
    inwoner = new_resident(tl)
    team.sync_all()
    boete_id = team.laptops["ba"].fines.open(inwoner, "Niet gemeld")
    team.sync_all()
    last: str | None = None
    for step in steps:
        if step[0] == "edit":
            session = team.laptops[step[1]]
            value = f"Straat {step[2]}"
            if session.store.require("inwoner", inwoner)["street"] != value:
                session.residents.update(inwoner, street=value)
                last = value
        elif step[0] == "sync":
            team.sync(step[1])
        else:
            _attack(team, km, tl, inwoner, boete_id, step[1])
    team.sync_all(rounds=3)
    honest = [team.laptops[n] for n in ("tl", "km2", "ba")]
    assert len({s.store.digest() for s in honest}) == 1
    record = tl.store.require("inwoner", inwoner)
    assert record["first_names"] != "Vervalst"
    if last is not None and not tl.sharing.conflicts():
        assert record["street"] == last or record["street"].startswith("Straat")
    assert tl.policy.region().naam != "Nep"
    assert tl.store.require("gebruiker", tl.user.id)["role"] == "teamleider"
    assert tl.store.require("boete", boete_id)["vastgesteld_bedrag_cent"] is None
    assert tl.store.rows("SELECT count(*) FROM notitie WHERE text = 'Vervalst'")[0][0] == 0
    for session in honest:
        assert session.store.integrity_problems() == []


def _attack(team: Team, km: Session, tl: Session, inwoner: str, boete_id: str, kind: str) -> None:
    rows = {
        "price": lambda: change_row(
            km, "prijs", price_id("fiets"), {"code": "fiets", "omschrijving": "x", "bedrag_cent": 1}
        ),
        "region": lambda: change_row(km, "instelling", REGION, {"value": {"naam": "Nep"}}),
        "role": lambda: change_row(km, "gebruiker", tl.user.id, {"role": "werkcoach"}),
        "author": lambda: change_row(
            km, "inwoner", inwoner, {"first_names": "Vervalst"}, author_id=tl.user.id
        ),
        "note": lambda: change_row(
            km,
            "notitie",
            "01a20000-0000-7000-8000-00000000beef",
            {
                "inwoner_id": inwoner,
                "text": "Vervalst",
                "author_id": km.user.id,
                "written_at": iso(km.clock.now()),
            },
            kind="insert",
        ),
    }
    if kind == "fine":
        row = change_row(km, "boete", boete_id, {"vastgesteld_bedrag_cent": 1})
        forge(team, "km", payload(row), channel="h")
    else:
        forge(team, "km", payload(rows[kind]()))


def test_an_honest_working_day_on_a_demo_region_refuses_nothing(tmp_path: Path) -> None:
    """The root laptop brings its history (many authors on one laptop); then every role works
    through the services: nothing any laptop does honestly is refused anywhere."""
    make_demo(tmp_path / "tl", residents=12, seed=4, role="teamleider")
    team = Team(tmp_path, tmp_path / "share")
    clock = run_clock()
    tl = Session.open(tmp_path / "tl", PASSPHRASE, clock=clock)
    tl.sharing.create_share(team.share)
    team.laptops["tl"], team.clocks["tl"] = tl, clock
    try:
        for name, role in (("km", "klantmanager"), ("wc", "werkcoach"), ("ba", "boete_ambtenaar")):
            team.add(name, role)
        team.sync_all()
        km, wc, ba = team.laptops["km"], team.laptops["wc"], team.laptops["ba"]
        inwoner = tl.store.find("inwoner", limit=1)[0]["id"]
        km.residents.write_note(inwoner, "Huisbezoek gepland.")
        visit = km.visits.plan(inwoner, iso(clock.now()), medewerkers=[wc.user.id])
        handover = km.handovers.send(
            inwoner, wc.user.id, situatie="Situatie", wens_inwoner="Werk", afspraken="Bellen"
        )
        casus_id = complete_case(km, inwoner, afwijking=True)
        besluit_id = km.decisions.draft(casus_id, uitkomst="toegekend", motivering="Maatwerk.")
        km.decisions.submit(besluit_id)
        boete_id = ba.fines.open(inwoner, "Niet gemeld", benadelingsbedrag_cent=10_000)
        team.sync_all()
        wc.handovers.accept(handover)
        wc.visits.observe(visit, "werk", "Wil graag in de zorg werken.")
        tl.decisions.approve(besluit_id, "Akkoord.")
        ba.fines.add_reconsideration(boete_id, "Werktraject loopt.")
        tl.signals.review(tl.signals.all()[0]["id"], "doorgezet", "Naar beleid.")
        tl.policy.set_price("fiets", "Fiets", 25_000, "stuk")
        team.sync_all(rounds=3)
        for name, session in team.laptops.items():
            assert session.store.rows("SELECT reason FROM sync_refused") == [], name
        assert tl.store.require("besluit", besluit_id)["status"] == "vastgesteld"
        converged(team)
    finally:
        team.close()


def test_a_klantmanager_registers_a_fine_and_nothing_more(team: Team) -> None:
    """A klantmanager may register a fine (for a boete-ambtenaar to take over), never weigh,
    change or assign one; tried with the klantmanager laptop's own keys."""
    team_of_four(team)
    km, ba, tl = team.laptops["km"], team.laptops["ba"], team.laptops["tl"]
    inwoner = new_resident(tl)
    team.sync_all()
    boete_id = km.fines.open(inwoner, "Bijbaan niet gemeld", benadelingsbedrag_cent=40_000)
    assert km.store.require("boete", boete_id)["behandelaar_id"] is None  # nobody's yet
    report = team.sync("km")
    assert report.rejected == []
    team.sync_all()
    assert tl.store.require("boete", boete_id)["overtreding"] == "Bijbaan niet gemeld"
    ba.fines.take_over(boete_id)
    team.sync_all()
    assert km.store.require("boete", boete_id)["behandelaar_id"] == ba.user.id

    weigh = change_row(km, "boete", boete_id, {"verwijtbaarheid": "opzet"})
    assign = change_row(
        km,
        "boete",
        km.store.ids(),
        {"inwoner_id": inwoner, "overtreding": "x", "status": "voorbereiding",
         "behandelaar_id": ba.user.id},
        kind="insert",
    )  # fmt: skip
    finished = change_row(
        km,
        "boete",
        km.store.ids(),
        {"inwoner_id": inwoner, "overtreding": "x", "status": "afgerond"},
        kind="insert",
    )
    for row in (weigh, assign, finished):
        forge(team, "km", payload(row), channel="h")
    report = team.sync("tl")
    assert set(refused(report).values()) == {"not-allowed"}
    assert len([r for r in report.rejected if r.entity == "boete"]) == 3
    assert tl.store.require("boete", boete_id)["verwijtbaarheid"] == "normaal"
    converged(team)


def test_only_a_teamleider_keeps_a_dossier_longer(team: Team) -> None:
    team_of_four(team)
    km, tl = team.laptops["km"], team.laptops["tl"]
    inwoner = new_resident(km)
    team.sync_all()
    keep = change_row(
        km, "inwoner", inwoner, {"bewaren_tot": "2099-01-01", "bewaren_reden": "Zelf bedacht"}
    )
    forge(team, "km", payload(keep))
    report = team.sync("tl")
    assert refused(report) == {("inwoner", inwoner): "not-allowed"}
    assert tl.store.require("inwoner", inwoner)["bewaren_tot"] is None
    until = "2099-01-01"
    tl.retention.keep_until(inwoner, until, "Rechtszaak loopt")
    team.sync_all()
    assert km.store.require("inwoner", inwoner)["bewaren_tot"] == until
    converged(team)


def test_a_klantmanager_cannot_overwrite_a_fine_under_an_insert(team: Team) -> None:
    """A patched laptop labels a change to an existing fine "insert": still refused, whether
    the fine is a colleague's or one it registered itself and a boete-ambtenaar took over."""
    team_of_four(team)
    km, ba, tl = team.laptops["km"], team.laptops["ba"], team.laptops["tl"]
    inwoner = new_resident(tl)
    team.sync_all()
    theirs = ba.fines.open(inwoner, "Vermogen verzwegen", benadelingsbedrag_cent=500_000)
    ours = km.fines.open(inwoner, "Bijbaan niet gemeld", benadelingsbedrag_cent=40_000)
    team.sync_all()
    ba.fines.take_over(ours)
    ba.fines.update(ours, verwijtbaarheid="opzet")
    team.sync_all()
    soften = {"status": "voorbereiding", "behandelaar_id": None, "verwijtbaarheid": "geen",
              "benadelingsbedrag_cent": 1, "afzien": True}  # fmt: skip
    for boete_id in (theirs, ours):
        forge(team, "km", payload(change_row(km, "boete", boete_id, soften, kind="insert")),
              channel="h")  # fmt: skip
    report = team.sync("tl")
    assert refused(report) == {("boete", theirs): "not-allowed", ("boete", ours): "not-allowed"}
    assert tl.store.require("boete", ours)["verwijtbaarheid"] == "opzet"
    assert tl.store.require("boete", ours)["behandelaar_id"] == ba.user.id
    assert tl.store.require("boete", theirs)["benadelingsbedrag_cent"] == 500_000
    converged(team)


def test_a_change_from_a_newer_version_waits_until_the_laptop_is_updated(team: Team) -> None:
    from tests.core.test_services import draft
    from werkplein.store.entities import ENTITIES

    team.found()
    km = team.add("km", "klantmanager")
    old = team.add("old", "klantmanager")
    team.sync_all()
    besluit_id = draft(km, complete_case(km, new_resident(km, "999990019")))
    team.sync_all()
    km.decisions.set(besluit_id)  # writes the kenmerk, a field the old version does not know
    team.sync("km")
    fields = ENTITIES["besluit"].fields
    kenmerk = fields.pop("kenmerk")
    try:
        report = team.sync("old")
    finally:
        fields["kenmerk"] = kenmerk
    assert {r.reason for r in report.rejected} == {"newer-version"}
    assert report.waiting >= 1
    assert old.store.require("besluit", besluit_id)["status"] == "concept"  # not yet
    assert old.store.rows("SELECT count(*) FROM sync_refused")[0][0] == 0  # nothing lost
    team.sync("old")  # updated
    record = old.store.require("besluit", besluit_id)
    assert record["status"] == "vastgesteld"
    assert record["kenmerk"] == km.store.require("besluit", besluit_id)["kenmerk"]


def test_a_kenmerk_is_the_setting_laptops_own(team: Team) -> None:
    from tests.core.test_services import draft

    tl = team.found()
    km = team.add("km", "klantmanager")
    team.sync_all()
    real = draft(tl, complete_case(tl, new_resident(tl, "999990019")))
    tl.decisions.set(real)
    team.sync_all()
    kenmerk = tl.store.require("besluit", real)["kenmerk"]
    other = draft(km, complete_case(km, new_resident(km, "999990020")))
    with km.store.write(km.user.id) as w:  # a patched app: a colleague's kenmerk on its draft
        w.put("besluit", other, {"kenmerk": kenmerk})
    team.sync_all()
    assert ("not-its-kenmerk",) in tl.store.rows("SELECT reason FROM sync_refused")
    assert tl.decisions.get(kenmerk)["id"] == real  # still found, and only the real one
