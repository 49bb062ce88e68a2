"""Every laptop shows the same thing: the drieluik, decision versions and handover intakes are
one record per thing on every laptop, so what two colleagues did offline meets as an ordinary
conflict (shown the same everywhere) instead of each screen showing the other's text."""

from __future__ import annotations

from tests.conftest import moment
from tests.core.test_services import complete_case
from tests.sync.conftest import Team
from tests.sync.test_sync import new_resident


def test_two_klantmanagers_filling_one_leefgebied_offline_see_one_conflict(team: Team) -> None:
    tl = team.found()
    a = team.add("a", "klantmanager")
    b = team.add("b", "klantmanager")
    inwoner = new_resident(tl)
    team.sync_all()
    plan_id = a.plans.create(inwoner, "Werk en rust")
    team.sync_all()
    a.plans.set_row(plan_id, "werk", afspraken="Sollicitatietraining")
    b.plans.set_row(plan_id, "werk", afspraken="Vrijwilligerswerk eerst")
    team.sync_all()
    shown = {name: s.plans.drieluik(plan_id) for name, s in team.laptops.items()}
    assert len({repr(panels) for panels in shown.values()}) == 1  # the same on every screen
    conflicts = {name: s.sharing.conflicts() for name, s in team.laptops.items()}
    assert all(len(c) == 1 and c[0].field == "afspraken" for c in conflicts.values())
    # the correction of one shows on every laptop, its own included
    a.sharing.resolve("plan_regel", conflicts["a"][0].record_id, "afspraken", "Beide, eerst werk")
    team.sync_all()
    for session in team.laptops.values():
        werk = next(p for p in session.plans.drieluik(plan_id) if p.leefgebied == "werk")
        assert werk.afspraken == "Beide, eerst werk"
        assert session.sharing.conflicts() == []


def test_two_offline_drafts_of_one_version_are_one_decision(team: Team) -> None:
    tl = team.found()
    a = team.add("a", "klantmanager")
    b = team.add("b", "klantmanager")
    casus_id = complete_case(tl, new_resident(tl))
    team.sync_all()
    a.decisions.draft(casus_id, uitkomst="toegekend", motivering="A")
    b.decisions.draft(casus_id, uitkomst="afgewezen", motivering="B")
    team.sync_all()
    for session in team.laptops.values():
        versions = [d["versie"] for d in session.decisions.for_case(casus_id)]
        assert versions == [1]
        fields = {c.field for c in session.sharing.conflicts()}
        assert fields == {"uitkomst", "motivering", "opgesteld_door"}  # all of it, visible


def test_accepting_a_handover_keeps_the_intake_its_sender_planned(team: Team) -> None:
    tl = team.found()
    km = team.add("km", "klantmanager")
    wc = team.add("wc", "werkcoach")
    inwoner = new_resident(km)
    team.sync_all()
    handover = km.handovers.send(
        inwoner, wc.user.id, situatie="S", wens_inwoner="Werk", afspraken="Bellen"
    )
    intake = moment(5, 10)
    km.handovers.plan_intake(handover, intake)
    team.sync_all()
    wc.handovers.accept(handover)  # no intake of its own
    team.sync_all()
    for session in (km, wc, tl):
        assert session.store.require("overdracht", handover)["intake_op"] == intake


def test_catching_up_from_a_snapshot_shows_no_conflict_the_others_do_not_have(team: Team) -> None:
    """A laptop away holds an old version; meanwhile a colleague replaced it twice. The snapshot
    carries only the newest (its parent, the middle one, was compacted away): without more,
    the old version would look like a second head here, a conflict nobody else has."""
    tl = team.found()
    a = team.add("a", "klantmanager")
    b = team.add("b", "klantmanager")
    inwoner = new_resident(tl)
    team.sync_all()
    for street in ("Beekweg", "Cederlaan"):
        team.tick()
        a.residents.update(inwoner, street=street)
        team.sync("a")
        team.sync("tl")
    team.prune_to_snapshot()
    report = team.sync("b")
    assert report.snapshot_used is not None  # b could not read a's pruned bundles
    assert b.residents.history_begins() is not None  # its history screen says so
    assert a.residents.history_begins() is None
    for session in (tl, a, b):
        assert session.store.get("inwoner", inwoner)["street"] == "Cederlaan"
        assert session.sharing.conflicts() == []
    # what b writes next replaces the newest street on every laptop, also without a conflict
    team.tick()
    b.residents.update(inwoner, street="Dijkstraat")
    team.sync_all()
    for session in (tl, a, b):
        assert session.store.get("inwoner", inwoner)["street"] == "Dijkstraat"
        assert session.sharing.conflicts() == []


def test_a_real_conflict_survives_the_snapshot_catch_up(team: Team) -> None:
    """What the snapshot does not cover (b's edit the teamleider never received) stays a
    head: the conflict with a's edit is shown on b as it will be everywhere."""
    tl = team.found()
    a = team.add("a", "klantmanager")
    b = team.add("b", "klantmanager")
    inwoner = new_resident(tl)
    team.sync_all()
    b.residents.update(inwoner, street="Bosweg")  # offline, not sent
    for street in ("Beekweg", "Cederlaan"):
        team.tick()
        a.residents.update(inwoner, street=street)
        team.sync("a")
        team.sync("tl")
    team.prune_to_snapshot()
    team.sync("b")
    team.sync_all()
    for session in (tl, a, b):
        conflicts = session.sharing.conflicts()
        assert [(c.record_id, c.field) for c in conflicts] == [(inwoner, "street")]
        assert sorted(side.value for side in conflicts[0].sides) == ["Bosweg", "Cederlaan"]
