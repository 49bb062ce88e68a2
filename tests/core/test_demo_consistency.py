"""The demo region reads like real casework: what is written about a resident fits their age
and household, work happens in office hours on working days and in a possible order, and the
cases a teamleider is asked to approve do not all read the same.

Checked on a demo of 120 residents around the run's day and around a day half a year later (the
other side of summer time), both at a fixed seed."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from tests.conftest import PASSPHRASE, today
from werkplein.demo import build_demo, demo_moment
from werkplein.domain.dates import age_on
from werkplein.services.session import Session
from werkplein.store.clock import FixedClock
from werkplein.store.profile import TEST_ITERATIONS
from werkplein.store.store import Record, Store

pytestmark = pytest.mark.dates  # the region is built around the run's day

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
RESIDENTS = 120
SEED = 7

CHILDREN = re.compile(r"\bkind|kinder|\bBSO\b|school|\bzoon\b|\bdochter|opvoeding", re.IGNORECASE)
PARTNER = re.compile(r"\bpartner|echtgeno", re.IGNORECASE)
PENSION = re.compile(r"\bAOW|pensioen", re.IGNORECASE)
OWN_STUDY = re.compile(r"\bmbo|studiefinanciering|\bstage", re.IGNORECASE)


@pytest.fixture(scope="module", params=[0, 182], ids=["today", "half-a-year-on"])
def demo(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Store]:
    day = today() + dt.timedelta(days=request.param)
    folder = tmp_path_factory.mktemp("demo") / "p"
    build_demo(
        folder,
        PASSPHRASE,
        residents=RESIDENTS,
        seed=SEED,
        role="teamleider",
        kdf_iterations=TEST_ITERATIONS,
        today=day,
    )
    with Session.open(folder, PASSPHRASE, clock=FixedClock(demo_moment(day))) as session:
        yield session.store


def day_of(store: Store) -> dt.date:
    return dt.date.fromisoformat(str(store.meta("demo.day")))


def by_resident(store: Store, entity: str) -> dict[str, list[Record]]:
    out: dict[str, list[Record]] = {}
    for record in store.find(entity):
        out.setdefault(record["inwoner_id"], []).append(record)
    return out


def texts_about(store: Store) -> dict[str, list[str]]:
    """Every text written about each resident: notes, the toets and decisions, visits,
    handovers, plans, fines."""
    out: dict[str, list[str]] = {r["id"]: [] for r in store.find("inwoner")}

    def add(inwoner_id: str, *values: Any) -> None:
        for value in values:
            if isinstance(value, dict):
                add(inwoner_id, *value.values())
            elif isinstance(value, list):
                add(inwoner_id, *value)
            elif isinstance(value, str) and value:
                out[inwoner_id].append(value)

    for note in store.find("notitie"):
        add(note["inwoner_id"], note["text"])
    for case in store.find("casus"):
        steps = ("title", "beoogd_effect", "gevraagd_middel", "grondwaarde_toelichting")
        add(case["inwoner_id"], *(case.get(f) for f in steps))
        add(case["inwoner_id"], case.get("afweging"), case.get("motivering_afwijking"))
    for decision in store.find("besluit"):
        add(decision["inwoner_id"], decision.get("motivering"), decision.get("voorwaarden"))
    for visit in store.find("huisbezoek"):
        add(visit["inwoner_id"], *(v for k, v in visit.items() if k.startswith("obs_")))
    for handover in store.find("overdracht"):
        story = ("situatie", "wens_inwoner", "afspraken", "risicos", "reactie")
        add(handover["inwoner_id"], *(handover.get(f) for f in story))
    for plan in store.find("toekomstplan"):
        add(plan["inwoner_id"], plan.get("in_eigen_woorden"))
    for row in store.find("plan_regel"):
        add(row["inwoner_id"], row.get("nu"), row.get("afspraken"), row.get("over_een_jaar"))
    for fine in store.find("boete"):
        weighing = ("overtreding", "dringende_redenen", "gesprek_uitkomst")
        add(fine["inwoner_id"], *(fine.get(f) for f in weighing))
    for note in store.find("boete_notitie"):
        add(note["inwoner_id"], note["text"])
    return out


def local(stamp: str) -> dt.datetime:
    return dt.datetime.fromisoformat(stamp.replace("Z", "+00:00")).astimezone(AMSTERDAM)


def in_office_hours(stamp: str) -> bool:
    when = local(stamp)
    return when.weekday() < 5 and dt.time(8) <= when.time() < dt.time(18)


# ---------------------------------------------------------------------- people
def test_texts_name_children_and_a_partner_only_when_the_household_has_them(demo: Store) -> None:
    household = by_resident(demo, "gezinslid")
    wrong = []
    for inwoner_id, written in texts_about(demo).items():
        relations = {m["relation"] for m in household.get(inwoner_id, [])}
        for text in written:
            if "kind" not in relations and CHILDREN.search(text):
                wrong.append(("no child", text))
            if "partner" not in relations and PARTNER.search(text):
                wrong.append(("no partner", text))
    assert not wrong, wrong[:10]


def test_texts_fit_the_residents_age(demo: Store) -> None:
    day = day_of(demo)
    about = texts_about(demo)
    wrong = []
    for resident in demo.find("inwoner"):
        age = age_on(dt.date.fromisoformat(resident["birth_date"]), day)
        for text in about[resident["id"]]:
            if age < 55 and PENSION.search(text):
                wrong.append((age, text))
            if age >= 30 and OWN_STUDY.search(text):
                wrong.append((age, text))
    assert not wrong, wrong[:10]


def test_households_are_possible(demo: Store) -> None:
    day = day_of(demo)
    household = by_resident(demo, "gezinslid")
    for resident in demo.find("inwoner"):
        born = dt.date.fromisoformat(resident["birth_date"])
        assert 18 <= age_on(born, day) < 67, "a resident of the Participatiewet: 18 to AOW age"
        members = household.get(resident["id"], [])
        firsts = [resident["first_names"].split()[0]] + [m["name"].split()[0] for m in members]
        assert len(firsts) == len(set(firsts)), f"two people with one name in a household: {firsts}"
        assert [m["relation"] for m in members].count("partner") <= 1
        for member in members:
            member_born = dt.date.fromisoformat(member["birth_date"])
            assert member_born < day
            if member["relation"] == "kind":
                assert age_on(born, member_born) >= 16, "a parent too young for the child"
            elif member["relation"] == "partner":
                assert age_on(member_born, day) >= 18
            else:
                assert age_on(member_born, born) >= 15, "a parent too young for the resident"


def test_whoever_prefers_e_mail_has_an_address(demo: Store) -> None:
    for resident in demo.find("inwoner"):
        if resident.get("contact_preference") == "e-mail":
            assert "@" in (resident.get("email") or "")


# ---------------------------------------------------------------------- time
def test_work_happens_in_office_hours_on_working_days(demo: Store) -> None:
    moments = [
        *((f"notitie {n['text'][:30]}", n["written_at"]) for n in demo.find("notitie")),
        *(("boete_notitie", n["written_at"]) for n in demo.find("boete_notitie")),
        *(("signaal", s["ingediend_op"]) for s in demo.find("signaal")),
    ]
    fields = {
        "huisbezoek": ("gepland_op", "uitgevoerd_op"),
        "overdracht": ("verzonden_op", "beantwoord_op", "intake_op"),
        "boete": ("gesprek_op",),
        "besluit": ("ingediend_op", "goedgekeurd_op", "vastgesteld_op"),
    }
    for entity, names in fields.items():
        for record in demo.find(entity):
            moments += [(f"{entity}.{n}", record[n]) for n in names if record.get(n)]
    changes = demo.conn.execute("SELECT entity, at FROM change_log").fetchall()
    moments += [(f"change of {entity}", at) for entity, at in changes]
    assert len(moments) > 1000
    wrong = [(what, when) for what, when in moments if not in_office_hours(when)]
    assert not wrong, wrong[:10]
    for entity, name in (("casus", "opened_on"), ("toekomstplan", "opgesteld_op")):
        for record in demo.find(entity):
            assert dt.date.fromisoformat(record[name]).weekday() < 5


def test_a_case_runs_in_order(demo: Store) -> None:
    day = day_of(demo).isoformat()
    cases = {c["id"]: c for c in demo.find("casus")}

    def first_change(entity: str, record_id: str) -> str:
        [(at,)] = demo.conn.execute(
            "SELECT min(at) FROM change_log WHERE entity = ? AND record_id = ?",
            (entity, record_id),
        ).fetchall()
        return str(at)

    decisions = demo.find("besluit", "", (), "versie")
    assert decisions
    for decision in decisions:
        case = cases[decision["casus_id"]]
        opened = first_change("casus", case["id"])
        assert case["opened_on"] <= (decision["periode_van"] or day)
        assert opened < first_change("besluit", decision["id"])
        for name in ("ingediend_op", "goedgekeurd_op", "vastgesteld_op"):
            if decision.get(name):
                assert opened < decision[name]
                assert local(decision[name]).date().isoformat() < day
        if decision.get("vorige_versie_id"):
            previous = demo.require("besluit", decision["vorige_versie_id"])
            assert previous["vastgesteld_op"] < first_change("besluit", decision["id"])


def test_visits_and_talks_lie_on_the_right_side_of_today(demo: Store) -> None:
    now = demo_moment(day_of(demo))
    for visit in demo.find("huisbezoek"):
        planned = local(visit["gepland_op"])
        assert (planned < now) == (visit["status"] == "uitgevoerd")
    for fine in demo.find("boete"):
        if fine["status"] == "afgerond" and fine.get("gesprek_op"):
            assert local(fine["gesprek_op"]) < now, "an outcome of a talk not held yet"
        if fine["status"] == "gesprek_gepland":
            assert local(fine["gesprek_op"]) > now
        if fine.get("afzien") and fine.get("gesprek_uitkomst"):
            assert "volgens voorstel" not in fine["gesprek_uitkomst"]


# ---------------------------------------------------------------------- the toets
def test_the_approvals_do_not_all_read_the_same(demo: Store) -> None:
    waiting = demo.find("besluit", "status = 'ter_goedkeuring'")
    assert len(waiting) >= 2
    seen: set[str] = set()
    for decision in waiting:
        case = demo.require("casus", decision["casus_id"])
        weighing = list(case["afweging"].values())
        assert len(set(weighing)) == len(weighing), "every item of step 3 says something else"
        seen.update(weighing)
    assert len(seen) >= 8 * len(waiting)
    motivations = {demo.require("casus", d["casus_id"])["motivering_afwijking"] for d in waiting}
    assert len(motivations) == len(waiting)
    weighed = [c for c in demo.find("casus") if c.get("afweging")]
    distinct = {text for case in weighed for text in case["afweging"].values()}
    assert len(distinct) >= 3 * len(weighed)


def test_the_same_template_reads_differently_for_different_residents(demo: Store) -> None:
    effects: dict[str, set[str]] = {}
    for case in demo.find("casus"):
        if case.get("beoogd_effect"):
            effects.setdefault(case["title"], set()).add(case["beoogd_effect"])
    assert all(len(said) > 1 for said in effects.values()), effects


def test_a_resident_has_notes_in_several_life_domains(demo: Store) -> None:
    notes = by_resident(demo, "notitie")
    spread = [len({n["leefgebied"] for n in notes.get(r["id"], [])}) for r in demo.find("inwoner")]
    assert min(spread) >= 1
    assert sum(spread) / len(spread) >= 3


def test_residents_with_children_hear_about_them(demo: Store) -> None:
    """The other side of the first test: the texts are not just silent about families."""
    household = by_resident(demo, "gezinslid")
    about = texts_about(demo)
    parents = [
        i for i, members in household.items() if any(m["relation"] == "kind" for m in members)
    ]
    told = [i for i in parents if any(CHILDREN.search(t) for t in about[i])]
    assert len(told) >= len(parents) // 2
