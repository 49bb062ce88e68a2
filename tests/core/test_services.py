"""The services: roles enforced in the core, the toets order, the decision workflow, audit."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.conftest import days, moment, today
from werkplein.domain.roles import Role
from werkplein.domain.vocab import AFWEGING
from werkplein.errors import (
    ImmutableRecord,
    NotAllowed,
    NotFound,
    RuleViolation,
    ValidationFailed,
)
from werkplein.services.session import Session, User
from werkplein.store.clock import iso


def colleague(session: Session, role: Role, name: str = "Collega") -> Session:
    """A colleague's session on the same store, as if their work had arrived by sync."""
    with session.store.write(None) as w:
        uid, _c = w.put("gebruiker", None, {"name": name, "role": role.value, "active": True})
    return Session(session.store, User(uid, name, role))


def new_resident(session: Session, bsn: str = "123456782") -> str:
    return session.residents.create(
        bsn=bsn,
        first_names="Fenna",
        last_name="Zwaluwstaart",
        birth_date="14-03-1988",
        street="Kastanjelaan",
        house_number="12",
        postcode="7311ab",
        city="Lindendal",
        gemeente="Lindendal",
    )


def complete_case(session: Session, inwoner_id: str, *, afwijking: bool = False) -> str:
    cases = session.cases
    casus_id = cases.open(inwoner_id, "Fiets voor de kinderen")
    cases.update(casus_id, beoogd_effect="Mijn kinderen fietsen zelf naar school.")
    cases.complete_step(casus_id, 1)
    cases.update(casus_id, wetten=["pw"], grondwaarde_past="ja", grondwaarde_toelichting="Meedoen.")
    cases.complete_step(casus_id, 2)
    cases.update(
        casus_id,
        afweging=dict.fromkeys(AFWEGING, "gewogen"),
        kosten_interventie=[{"code": "fiets", "aantal": 2}],
        kosten_niets_doen=[{"code": "uithuisplaatsing", "aantal": 1}],
    )
    cases.complete_step(casus_id, 3)
    cases.update(
        casus_id,
        instrumenten=[{"wet": "Participatiewet", "artikel": "35"}],
        rechtmatig=True,
        afwijking_beleid=afwijking,
        motivering_afwijking="Maatwerk: goedkoper dan niets doen." if afwijking else None,
    )
    cases.complete_step(casus_id, 4)
    return casus_id


def month_start(months: int) -> str:
    """The first day of the month ``months`` calendar months after this one (ISO)."""
    year, month = divmod(today().month - 1 + months, 12)
    return dt.date(today().year + year, month + 1, 1).isoformat()


def month_end(months: int) -> str:
    """The last day of the month ``months`` calendar months after this one (ISO)."""
    return (dt.date.fromisoformat(month_start(months + 1)) - dt.timedelta(days=1)).isoformat()


def draft(session: Session, casus_id: str) -> str:
    """Six months of help from next month on, reviewed in the last month."""
    return session.decisions.draft(
        casus_id,
        uitkomst="toegekend",
        voorwaarden=["Fiets onderhouden"],
        periode_van=month_start(1),
        periode_tot=month_end(6),
        heroverweging_op=month_start(6),
        motivering="De fiets brengt de kinderen zelf naar school.",
    )


def test_resident_validation(session: Session) -> None:
    with pytest.raises(ValidationFailed) as bad_bsn:
        new_resident(session, bsn="123456789")
    assert "elfproef" in bad_bsn.value.message()
    inwoner_id = new_resident(session)
    record = session.residents.get(inwoner_id)
    assert record["postcode"] == "7311 AB"
    assert record["birth_date"] == "1988-03-14"
    with pytest.raises(ValidationFailed):
        new_resident(session)  # same BSN twice
    with pytest.raises(ValidationFailed):
        session.residents.update(inwoner_id, birth_date="31-02-1990")


def test_update_writes_only_real_changes(session: Session) -> None:
    inwoner_id = new_resident(session)
    before = session.store.change_count()
    assert not session.residents.update(inwoner_id, street="Kastanjelaan", city="Lindendal")
    assert session.store.change_count() == before
    changes = session.residents.update(inwoner_id, street="Molenweg", city="Lindendal")
    assert [dict(c.fields) for c in changes.changes] == [{"street": ("Kastanjelaan", "Molenweg")}]


def test_steps_in_order_and_step_four_last(session: Session) -> None:
    inwoner_id = new_resident(session)
    casus_id = session.cases.open(inwoner_id, "Werk en schulden")
    with pytest.raises(RuleViolation):
        session.cases.complete_step(casus_id, 1)  # nothing filled in
    session.cases.update(casus_id, beoogd_effect="Ik wil werken zonder beslag op mijn loon.")
    session.cases.complete_step(casus_id, 1)
    session.cases.update(
        casus_id,
        instrumenten=[{"wet": "Participatiewet", "artikel": "35"}],
        rechtmatig=True,
        afwijking_beleid=False,
    )
    with pytest.raises(RuleViolation) as order:
        session.cases.complete_step(casus_id, 4)
    assert "stap 1 tot en met 3" in order.value.message()
    states = session.cases.step_states(session.store.require("casus", casus_id))
    assert [s.complete for s in states] == [True, False, False, False]
    assert not states[3].can_complete


def test_editing_a_completed_step_reopens_the_later_ones(session: Session) -> None:
    casus_id = complete_case(session, new_resident(session))
    session.cases.update(casus_id, grondwaarde_toelichting="Nieuwe toelichting.")
    case = session.store.require("casus", casus_id)
    assert [case[f"stap{n}_gereed"] for n in (1, 2, 3, 4)] == [True, False, False, False]


def test_decision_only_set_when_all_four_steps_complete(session: Session) -> None:
    inwoner_id = new_resident(session)
    casus_id = session.cases.open(inwoner_id, "Leeg")
    besluit_id = draft(session, casus_id)
    with pytest.raises(RuleViolation):
        session.decisions.set(besluit_id)
    casus2 = complete_case(session, inwoner_id)
    besluit2 = draft(session, casus2)
    session.decisions.set(besluit2)
    decision = session.store.require("besluit", besluit2)
    assert decision["status"] == "vastgesteld"
    assert decision["toets"]["beoogd_effect"].startswith("Mijn kinderen")
    assert decision["toets"]["kosten"]["verschil_cent"] == 5_350_000 - 90_000


def test_a_set_decision_never_changes_and_a_change_makes_a_new_version(session: Session) -> None:
    casus_id = complete_case(session, new_resident(session))
    first = draft(session, casus_id)
    session.decisions.set(first)
    with pytest.raises(RuleViolation):
        session.decisions.update_draft(first, motivering="anders")
    with pytest.raises(ImmutableRecord), session.store.write(session.user.id) as w:
        w.put("besluit", first, {"motivering": "direct in de store"})
    second = session.decisions.new_version(first, heroverweging_op=month_start(4))
    versions = session.decisions.for_case(casus_id)
    assert [(d["versie"], d["status"]) for d in versions] == [(1, "vastgesteld"), (2, "concept")]
    assert versions[1]["vorige_versie_id"] == first
    assert session.store.require("besluit", first)["heroverweging_op"] == month_start(6)
    assert second == versions[1]["id"]


def test_deviating_decision_needs_a_teamleider(make_session) -> None:  # type: ignore[no-untyped-def]
    km = make_session("klantmanager")
    casus_id = complete_case(km, new_resident(km), afwijking=True)
    besluit_id = draft(km, casus_id)
    with pytest.raises(RuleViolation):
        km.decisions.set(besluit_id)  # deviates: approval first
    km.decisions.submit(besluit_id)
    with pytest.raises(NotAllowed):
        km.decisions.approve(besluit_id)
    werkcoach = colleague(km, Role.WERKCOACH)
    with pytest.raises(NotAllowed):
        werkcoach.decisions.approve(besluit_id)
    tl = colleague(km, Role.TEAMLEIDER, "Teamleider")
    tl.decisions.send_back(besluit_id, "Motiveer de kosten beter.")
    assert km.store.require("besluit", besluit_id)["status"] == "afgekeurd"
    km.decisions.update_draft(besluit_id, motivering="Beter gemotiveerd, met kosten.")
    km.decisions.submit(besluit_id)
    assert [d["id"] for d in tl.decisions.awaiting_approval()] == [besluit_id]
    tl.decisions.approve(besluit_id, "Akkoord.")
    decision = km.store.require("besluit", besluit_id)
    assert decision["status"] == "vastgesteld"
    assert decision["goedgekeurd_door"] == tl.user.id
    assert decision["afwijking_beleid"] is True


def test_teamleider_does_not_approve_own_decision(make_session) -> None:  # type: ignore[no-untyped-def]
    tl = make_session("teamleider")
    casus_id = complete_case(tl, new_resident(tl), afwijking=True)
    besluit_id = draft(tl, casus_id)
    tl.decisions.submit(besluit_id)
    with pytest.raises(RuleViolation):
        tl.decisions.approve(besluit_id)


def test_werkcoach_never_sees_fines(session: Session) -> None:
    inwoner_id = new_resident(session)
    ba = colleague(session, Role.BOETE_AMBTENAAR)
    boete_id = ba.fines.open(
        inwoner_id, "Inkomsten niet gemeld", benadelingsbedrag_cent=100_000, verwijtbaarheid="opzet"
    )
    werkcoach = colleague(session, Role.WERKCOACH)
    with pytest.raises(NotAllowed):
        werkcoach.fines.get(boete_id)
    with pytest.raises(NotAllowed):
        werkcoach.fines.for_resident(inwoner_id)
    with pytest.raises(NotAllowed):
        werkcoach.residents.history("boete", boete_id)
    assert werkcoach.residents.dossier(inwoner_id).fines is None
    assert [f["id"] for f in session.residents.dossier(inwoner_id).fines or []] == [boete_id]
    with pytest.raises(NotAllowed):
        session.fines.update(boete_id, verwijtbaarheid="normaal")  # klantmanager reads only


def test_fine_is_computed_in_the_open_and_can_be_waived(session: Session) -> None:
    inwoner_id = new_resident(session)
    ba = colleague(session, Role.BOETE_AMBTENAAR)
    boete_id = ba.fines.open(
        inwoner_id, "Loonstrook vergeten", benadelingsbedrag_cent=80_000, verwijtbaarheid="normaal"
    )
    assert ba.fines.get(boete_id)["voorgesteld_bedrag_cent"] == 40_000
    changes = ba.fines.update(boete_id, verwijtbaarheid="grove_schuld")
    stored = ba.fines.get(boete_id)
    assert stored["voorgesteld_bedrag_cent"] == 60_000
    # the write says what it changed: the field typed and the proposal computed from it
    assert changes.record_ids == {boete_id}
    assert {"verwijtbaarheid", "voorgesteld_bedrag_cent"} <= set(changes.changes[0].fields)
    before = {**stored, "verwijtbaarheid": "normaal", "voorgesteld_bedrag_cent": 40_000}
    assert changes.applied_to(before, "boete") == stored
    with pytest.raises(ValidationFailed):
        ba.fines.update(boete_id, afzien=True)  # no urgent reasons given
    ba.fines.update(boete_id, afzien=True, dringende_redenen="Lopend werktraject.")
    assert ba.fines.get(boete_id)["voorgesteld_bedrag_cent"] == 0
    ba.fines.add_reconsideration(boete_id, "Besproken met de werkcoach.")
    ba.fines.plan_talk(boete_id, moment(8, hour=11))
    with pytest.raises(RuleViolation):
        ba.fines.record_outcome(boete_id, "Afgezien", 10_000)
    with pytest.raises(RuleViolation) as early:  # before the planned moment: when was it?
        ba.fines.record_outcome(boete_id, "Afgezien wegens dringende redenen.", 0)
    assert "werkelijk" in early.value.message()
    with pytest.raises(ValidationFailed):  # never in the future
        ba.fines.record_outcome(boete_id, "Afgezien.", 0, gehouden_op=moment(2, hour=11))
    held = iso(ba.clock.now())
    ba.fines.record_outcome(boete_id, "Afgezien wegens dringende redenen.", 0, gehouden_op=held)
    assert ba.fines.get(boete_id)["gesprek_gehouden_op"] == held
    with pytest.raises(RuleViolation):
        ba.fines.update(boete_id, verwijtbaarheid="opzet")
    assert len(ba.fines.reconsiderations(boete_id)) == 1


def test_fine_policy_only_by_teamleider_and_used_for_proposals(session: Session) -> None:
    from werkplein.domain.boete import BoeteBeleid

    with pytest.raises(NotAllowed):
        session.policy.set_boete_beleid(BoeteBeleid())
    tl = colleague(session, Role.TEAMLEIDER)
    tl.policy.set_boete_beleid(BoeteBeleid(percentages={"normaal": 20}))
    ba = colleague(session, Role.BOETE_AMBTENAAR)
    boete_id = ba.fines.open(
        new_resident(session), "x", benadelingsbedrag_cent=10_000, verwijtbaarheid="normaal"
    )
    assert ba.fines.get(boete_id)["voorgesteld_bedrag_cent"] == 2_000


def test_price_list_is_configurable(session: Session) -> None:
    tl = colleague(session, Role.TEAMLEIDER)
    assert tl.policy.prices()["uithuisplaatsing"]["bedrag_cent"] == 5_350_000
    tl.policy.set_price("fiets", "Fiets met verlichting", 60_000, "eenmalig")
    casus_id = complete_case(session, new_resident(session))
    costs = session.cases.costs(session.store.require("casus", casus_id))
    assert costs.interventie_cent == 120_000
    tl.policy.remove_price("fiets")
    with pytest.raises(ValidationFailed):
        session.cases.costs(session.store.require("casus", casus_id))


def test_handover_accept_return_and_only_the_receiver_answers(session: Session) -> None:
    inwoner_id = new_resident(session)
    wc = colleague(session, Role.WERKCOACH, "Werkcoach")
    draft_text = session.handovers.prefill(inwoner_id)
    assert "Zwaluwstaart" in draft_text["situatie"]
    h1 = session.handovers.send(
        inwoner_id, wc.user.id, situatie=draft_text["situatie"], wens_inwoner="Werk in de zorg"
    )
    assert [h["id"] for h in wc.handovers.inbox()] == [h1]
    with pytest.raises(NotAllowed):
        session.handovers.accept(h1)  # the sender cannot accept their own handover
    wc.handovers.accept(h1, intake_op=days(9))
    with pytest.raises(RuleViolation):
        wc.handovers.return_(h1, "te laat")
    h2 = session.handovers.send(inwoner_id, wc.user.id, situatie="x", wens_inwoner="y")
    wc.handovers.return_(h2, "Eerst schuldhulp.")
    assert session.store.require("overdracht", h2)["reactie"] == "Eerst schuldhulp."
    with pytest.raises(RuleViolation):
        session.handovers.send(inwoner_id, session.user.id, situatie="x", wens_inwoner="y")


def test_visit_saves_each_observation_and_quick_note(session: Session) -> None:
    inwoner_id = new_resident(session)
    visit_id = session.visits.plan(inwoner_id, moment(1, hour=11), doel="Kennismaking")
    session.visits.observe(visit_id, "wonen", "Vocht in de slaapkamer.")
    first_item = session.store.require("huisbezoek", visit_id)["checklist"][0]["item"]
    assert first_item == "Identiteit gecontroleerd"  # stored in the user's language
    session.visits.tick(visit_id, first_item, True)
    note_id = session.visits.quick_note(visit_id, "Zus helpt met de kinderen.", "netwerk")
    visit = session.store.require("huisbezoek", visit_id)
    assert visit["obs_wonen"] == "Vocht in de slaapkamer."
    assert visit["checklist"][0] == {"item": first_item, "done": True}
    assert session.store.require("notitie", note_id)["huisbezoek_id"] == visit_id
    assert [v["id"] for v in session.visits.planned()] == [visit_id]
    with pytest.raises(ValidationFailed):
        session.visits.observe(visit_id, "hobby", "x")
    session.visits.complete(visit_id)
    assert session.visits.planned() == []


def test_a_completed_visit_is_locked_and_takes_addenda(session: Session) -> None:
    from werkplein.errors import RuleViolation

    inwoner_id = new_resident(session)
    casus_id = session.cases.open(inwoner_id, "Werk")
    wc = colleague(session, Role.WERKCOACH, "Wim Werkcoach")
    planned = session.today() - dt.timedelta(days=1)
    visit_id = session.visits.plan(
        inwoner_id, f"{planned.isoformat()}T09:00:00.000Z", casus_id=casus_id,
        medewerkers=[wc.user.id],
    )  # fmt: skip
    visit = session.store.require("huisbezoek", visit_id)
    assert visit["casus_id"] == casus_id
    assert visit["medewerkers"] == [session.user.id, wc.user.id]  # a joint visit
    assert [v["id"] for v in wc.visits.planned()] == [visit_id]  # on both Mijn werk lists
    session.visits.observe(visit_id, "wonen", "Vocht in de slaapkamer.")
    session.visits.complete(visit_id)  # the next morning: the visit's own time
    done = session.store.require("huisbezoek", visit_id)
    assert done["uitgevoerd_op"] == f"{planned.isoformat()}T09:00:00.000Z"
    with pytest.raises(RuleViolation) as locked:
        session.visits.observe(visit_id, "wonen", "Later veranderd.")
    assert "addendum" in locked.value.message()
    with pytest.raises(RuleViolation):
        session.visits.tick(visit_id, done["checklist"][0]["item"], True)
    assert session.store.require("huisbezoek", visit_id)["obs_wonen"] == "Vocht in de slaapkamer."
    addendum = wc.visits.quick_note(visit_id, "Nagekomen: de huurachterstand is betaald.")
    note = session.store.require("notitie", addendum)
    assert note["huisbezoek_id"] == visit_id
    assert note["author_id"] == wc.user.id  # its own author and time
    early = session.visits.plan(inwoner_id, moment(3, hour=11))
    with pytest.raises(ValidationFailed):
        session.visits.complete(early, moment(2, hour=11))  # not in the future
    session.visits.complete(early)  # completed before its planned time: now
    assert session.store.require("huisbezoek", early)["uitgevoerd_op"] <= iso(session.clock.now())
    yesterday = (session.today() - dt.timedelta(days=1)).isoformat()
    by_day = session.visits.plan(inwoner_id, yesterday)  # a day, no time
    session.visits.complete(by_day)
    held = session.store.require("huisbezoek", by_day)["uitgevoerd_op"]
    local = dt.datetime.fromisoformat(held.replace("Z", "+00:00")).astimezone()
    assert (local.date().isoformat(), local.hour) == (yesterday, 12)  # not an invented 00:00


def test_signals_and_the_review_board(session: Session) -> None:
    signal_id = session.signals.log("Regel knelt", "Toeslagen en bijstand botsen.")
    with pytest.raises(NotAllowed):
        session.signals.review(signal_id, "doorgezet")
    tl = colleague(session, Role.TEAMLEIDER)
    tl.signals.review(signal_id, "doorgezet", "Naar beleid.")
    assert tl.signals.all()[0]["status"] == "doorgezet"
    other = colleague(session, Role.WERKCOACH)
    assert other.signals.all() == []  # only their own, unless teamleider


def test_toekomstplan_drieluik(session: Session) -> None:
    inwoner_id = new_resident(session)
    plan_id = session.plans.create(inwoner_id, "Over een jaar heb ik werk.")
    session.plans.set_row(plan_id, "werk", nu="Geen werk", over_een_jaar="Werk in de zorg")
    session.plans.set_row(plan_id, "werk", afspraken="Leerwerkplek zoeken")
    panels = {p.leefgebied: p for p in session.plans.drieluik(plan_id)}
    assert len(panels) == 7
    assert (panels["werk"].nu, panels["werk"].afspraken, panels["werk"].over_een_jaar) == (
        "Geen werk",
        "Leerwerkplek zoeken",
        "Werk in de zorg",
    )


def test_every_view_and_change_of_a_dossier_is_audited(session: Session) -> None:
    from werkplein.store import audit

    inwoner_id = new_resident(session)
    session.residents.write_note(inwoner_id, "Gesprek over werk.")
    session.residents.dossier(inwoner_id)
    entries = audit.for_resident(session.store.conn, inwoner_id)
    actions = [(e.action, e.user_id) for e in entries]
    assert ("create", session.user.id) in actions
    assert actions.count(("view", session.user.id)) == 1
    assert sum(1 for a, _u in actions if a == "create") == 2  # the resident, the note
    assert audit.verify(session.store.conn) == []
    for entry in entries:
        assert "Zwaluwstaart" not in entry.detail
        assert "123456782" not in entry.detail


def test_notes_are_a_journal(session: Session) -> None:
    from werkplein.errors import WerkpleinError

    inwoner_id = new_resident(session)
    note_id = session.residents.write_note(inwoner_id, "Eerste notitie.")
    with pytest.raises(WerkpleinError), session.store.write(session.user.id) as w:
        w.put("notitie", note_id, {"text": "overschreven"})
    assert session.store.require("notitie", note_id)["text"] == "Eerste notitie."


def test_unknown_records_are_reported_not_crashed(session: Session) -> None:
    with pytest.raises(NotFound):
        session.residents.get("01900000-0000-7000-8000-000000000000")


def test_a_toets_save_reads_the_case_once_and_says_what_it_wrote(session: Session) -> None:
    """The write path reads once: the case is read inside the transaction that writes it, and
    what the save returns gives the screen the case as stored, without reading it again."""
    inwoner = session.residents.create(
        bsn="999990019", last_name="Jansen", birth_date="1980-01-01", gemeente="Lindendal"
    )
    casus_id = session.cases.open(inwoner, "Fiets")
    session.cases.update(casus_id, beoogd_effect="Eerst")
    session.cases.complete_step(casus_id, 1)
    shown = session.cases.get(casus_id)
    statements: list[str] = []
    session.store.conn.set_trace_callback(statements.append)
    try:
        written = session.cases.update(casus_id, beoogd_effect="Zelf naar school fietsen.")
    finally:
        session.store.conn.set_trace_callback(None)
    reads = [s for s in statements if s.lstrip().upper().startswith("SELECT") and "FROM casus" in s]
    assert len(reads) == 1
    assert statements.index(reads[0]) > statements.index("BEGIN IMMEDIATE")
    after = written.applied_to(shown, "casus")
    assert after == session.cases.get(casus_id)
    assert after["stap1_gereed"] is False  # the step it reopened, too


def test_a_signal_is_about_a_rule_not_a_person(session: Session) -> None:
    from werkplein.errors import RuleViolation
    from werkplein.services.signals import MayIdentify

    new_resident(session)  # Fenna Zwaluwstaart, Kastanjelaan, 7311ab
    signals = session.signals
    with pytest.raises(RuleViolation) as bsn:
        signals.log("Reiskosten", "BSN 123456782 kon niet starten.", confirmed=True)
    assert "BSN" in bsn.value.message()  # a BSN is refused, confirmed or not
    for text, found in (
        ("Mevrouw Zwaluwstaart kon niet starten.", ["Zwaluwstaart"]),
        ("Fenna Zwaluwstaart belde.", ["Fenna Zwaluwstaart"]),
        ("Iemand aan de kastanjelaan, 7311ab.", ["kastanjelaan", "7311ab"]),
    ):
        with pytest.raises(MayIdentify) as named:
            signals.log("Reiskosten", text)
        assert named.value.found.words() == found
    assert signals.all() == []
    assert not signals.traces("De eerste maand werken kost geld vooraf, ook in Lindendal.")
    session.residents.create(bsn="100000009", first_names="Jan", prefix="van der",
                             last_name="Meer", birth_date="01-02-1970",
                             gemeente="Lindendal")  # fmt: skip
    assert not signals.traces("Sinds 2024 is er meer nodig dan een fiets.")  # a year, a word
    assert signals.traces("Meneer Van der Meer kon niet starten.").words() == ["Van der Meer"]
    signals.log("Reiskosten", "Mevrouw Zwaluwstaart kon niet starten.", confirmed=True)
    assert len(signals.all()) == 1


def test_a_draft_decision_is_dated_in_the_timeline(session: Session) -> None:
    inwoner_id = new_resident(session)
    casus_id = complete_case(session, inwoner_id)
    session.clock.advance(minutes=5)  # type: ignore[attr-defined]
    besluit_id = draft(session, casus_id)  # a concept: neither submitted nor set
    items = session.residents.timeline(session.residents.dossier(inwoner_id))
    decision = next(i for i in items if i.record_id == besluit_id)
    assert decision.at == iso(session.clock.now())  # when it was drafted
    assert items[0] == decision  # the newest, at the top


def test_the_teamleider_groups_signals_by_theme_over_the_quarters(session: Session) -> None:
    from werkplein.domain.dates import local_day

    tl = colleague(session, Role.TEAMLEIDER)
    clock = session.clock
    logged: list[tuple[str, tuple[int, int]]] = []
    for days_ago, title in ((210, "Reiskosten"), (120, "Reiskosten bij start"), (30, "Wacht")):
        clock.set(clock.now() - dt.timedelta(days=days_ago))  # type: ignore[attr-defined]
        day = dt.date.fromisoformat(local_day(iso(clock.now())))
        logged.append((session.signals.log(title, "Algemeen."), (day.year, (day.month + 2) // 3)))
        clock.set(clock.now() + dt.timedelta(days=days_ago))  # type: ignore[attr-defined]
    session.signals.log("Nog een", "Zonder thema.")
    tl.signals.review(logged[0][0], "in_behandeling", thema="Reiskosten bij werkstart")
    tl.signals.review(logged[1][0], "doorgezet", thema="reiskosten  bij werkstart")  # the same
    tl.signals.review(logged[2][0], "in_behandeling", thema="Wachttijden")
    assert tl.signals.themes() == ["Reiskosten bij werkstart", "Wachttijden"]
    table = tl.signals.theme_counts(quarters=4)
    assert len(table.quarters) == 4
    assert table.quarters == sorted(table.quarters)
    rows = {r.thema: r.counts for r in table.rows}
    for theme, signals in (
        ("Reiskosten bij werkstart", logged[:2]),
        ("Wachttijden", logged[2:]),
    ):
        expected = [sum(q == quarter for _i, q in signals) for quarter in table.quarters]
        assert rows.get(theme, [0] * 4) == expected, theme
    assert table.rows[-1].thema is None  # without a theme yet: last
    assert table.rows[-1].counts[-1] == 1
    with pytest.raises(NotAllowed):
        session.signals.theme_counts()
