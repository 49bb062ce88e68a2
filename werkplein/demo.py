"""A fictional demo region: three made-up gemeenten, residents and cases in every stage.

Everything is generated from a seed: the same seed gives the same records, ids and digest.
Names are random combinations of common first and last names; BSNs start with 99 (a range
not issued to people) and pass the elfproef; gemeenten and the region are invented. The work
of colleagues (a werkcoach, a boete-ambtenaar, a teamleider) is done through the same services,
signed with their user ids, as if it had arrived through sync.
"""

from __future__ import annotations

import datetime as dt
import random
import shutil
from pathlib import Path
from typing import Any

from werkplein.domain import bsn as bsn_rules
from werkplein.domain.roles import Role
from werkplein.domain.vocab import AFWEGING, LEEFGEBIEDEN
from werkplein.errors import ProfileExists, WrongPassphrase
from werkplein.services.session import Session, User
from werkplein.store import profile
from werkplein.store.clock import Clock, FixedClock, process_clock, to_ms
from werkplein.store.ids import seeded_ids

DEMO_PASSPHRASE = "demo-werkplein-2026"
DEMO_DAY_KEY = "demo.day"  # meta: the day a demo region was built around
# The region is made as of the start of its day (00:00 UTC): everything in it happened before
# the day began, so nothing carries a time later than the moment it is made on that day.
DEMO_HOUR = dt.time(0, 0, tzinfo=dt.UTC)
# The day the screenshots, docs/examples and benchmarks show, so they come out the same on any
# date (``werkplein demo --today 2026-11-23`` makes that region).
SHOWCASE_DAY = dt.date(2026, 11, 23)
REGION = "Werkplein Lindenbeek"
GEMEENTEN = ("Lindendal", "Beekveld", "Oosterwaard")
PLAATSEN = {
    "Lindendal": ("Lindendal", "Ter Linde", "Hoeverveen"),
    "Beekveld": ("Beekveld", "Veldhuizen-Noord", "De Beek"),
    "Oosterwaard": ("Oosterwaard", "Waardhoek", "Nieuw-Oost"),
}
FIRST = (
    "Anna Maria",
    "Sanne",
    "Fatima",
    "Noor",
    "Emma",
    "Lotte",
    "Mohammed",
    "Daan",
    "Sem",
    "Lucas",
    "Kees",
    "Gerrit Jan",
    "Henk",
    "Ingrid",
    "Marieke",
    "Joyce",
    "Priscilla",
    "Sevda",
    "Youssef",
    "Ahmet",
    "Zeynep",
    "Jan",
    "Pieter",
    "Ruud",
    "Bas",
    "Chantal",
    "Kevin",
    "Tamara",
    "Romano",
    "Iris",
    "Esther",
    "Hüseyin",
    "Zoë",
    "Chloë",
    "Noël",
    "Anaïs",
    "Désirée",
    "Thijs",
    "Wilma",
    "Gülşen",
    "Bram",
    "Femke",
    "Rachid",
    "Samira",
    "Dewi",
    "Ayaan",
    "Julia",
    "Milan",
)
LAST = (
    ("", "Bakker"),
    ("de", "Vries"),
    ("", "Janssen"),
    ("", "Visser"),
    ("", "Smit"),
    ("", "Meijer"),
    ("de", "Boer"),
    ("", "Mulder"),
    ("de", "Groot"),
    ("", "Bos"),
    ("", "Vos"),
    ("", "Peters"),
    ("", "Hendriks"),
    ("van", "Leeuwen"),
    ("", "Dekker"),
    ("", "Brouwer"),
    ("de", "Wit"),
    ("", "Dijkstra"),
    ("de", "Graaf"),
    ("van der", "Meer"),
    ("van der", "Linden"),
    ("", "Kok"),
    ("", "Jacobs"),
    ("de", "Haan"),
    ("", "Vermeulen"),
    ("van den", "Berg"),
    ("van", "Dijk"),
    ("", "Kaya"),
    ("", "Demir"),
    ("", "Şahin"),
    ("", "Çelik"),
    ("", "Öztürk"),
    ("", "Bouzid"),
    ("", "Haddou"),
    ("", "Nguyen"),
    ("", "Pereira"),
    ("", "Kowalski"),
    ("", "Hoekstra"),
    ("", "Postma"),
    ("", "Zijlstra"),
    ("", "Hendrickx"),
    ("", "El Amrani"),
)
STREETS = (
    "Kastanjelaan",
    "Molenweg",
    "Dorpsstraat",
    "Kerkpad",
    "Zuiderdijk",
    "Schoolstraat",
    "Esdoornhof",
    "Lindenlaan",
    "Beukenrode",
    "Vlierstraat",
    "Oude Haven",
    "Weverstraat",
    "Meidoornpad",
    "Sluisweg",
    "Wilgenkamp",
    "Brinkstraat",
    "Gagelveld",
    "Korenbloemstraat",
)
STAFF = {
    Role.KLANTMANAGER: "Sanne Verbeek",
    Role.WERKCOACH: "Ruben Aydın",
    Role.BOETE_AMBTENAAR: "Miriam de Zwart",
    Role.TEAMLEIDER: "Erik Hoogland",
}
NOTES = {
    "wonen": (
        "Woont met de kinderen in een huurwoning, huur is twee maanden achterstallig.",
        "Woning is netjes, wel vocht in de slaapkamer; woningcorporatie is ingeschakeld.",
        "Dreigende huisuitzetting besproken, contact gelegd met de woningcorporatie.",
    ),
    "inkomen": (
        "Inkomsten uit parttime werk wisselen per maand; loonstroken opgevraagd.",
        "Uitkering loopt, vakantiegeld besproken en toeslagen gecontroleerd.",
        "Wil graag meer uren werken zodat de uitkering lager wordt.",
    ),
    "financien": (
        "Kleine schulden bij de zorgverzekeraar en een webwinkel, samen ongeveer 900 euro.",
        "Aangemeld bij schuldhulp; budgetbeheer loopt sinds vorige maand.",
        "Betalingsregeling met energieleverancier afgesproken, eerste termijn betaald.",
    ),
    "werk": (
        "Heeft een sollicitatie bij de supermarkt gehad, wacht op antwoord.",
        "Vrijwilligerswerk bij de voedselbank twee ochtenden per week.",
        "Wil een opleiding tot zorghulp; werkcoach kijkt naar een leerwerkplek.",
    ),
    "gezondheid": (
        "Rugklachten, onder behandeling bij de fysiotherapeut.",
        "Slaapt slecht door zorgen over geld; huisarts is op de hoogte.",
        "Gebruikt geen medicijnen meer, voelt zich sterker dan in het voorjaar.",
    ),
    "gezin": (
        "Oudste zoon gaat naar de middelbare school in de stad, fietst liever dan de bus.",
        "Kinderen gaan naar de buitenschoolse opvang op dinsdag en donderdag.",
        "Wijkteam ondersteunt bij de opvoeding, gesprek over structuur thuis.",
    ),
    "netwerk": (
        "Zus woont in de buurt en helpt met de kinderen.",
        "Weinig contact met familie; buurvrouw is een belangrijke steun.",
        "Gaat naar de inloop in het buurthuis, heeft daar vrienden gemaakt.",
    ),
}
CASES: tuple[dict[str, Any], ...] = (
    {
        "title": "Fiets in plaats van vervoersregeling",
        "effect": "Ik wil dat mijn kinderen zelf naar school kunnen, ook als het regent.",
        "middel": "Een vergoeding voor de bus",
        "wetten": ["pw"],
        "instr": [
            {"wet": "Participatiewet", "artikel": "35", "toelichting": "bijzondere bijstand"}
        ],
        "interventie": [{"code": "fiets", "aantal": 2}],
        "niets": [{"code": "re_integratie", "aantal": 1}],
        "uitkomst": "toegekend",
        "afwijking": False,
    },
    {
        "title": "Kleine schulden aflossen zodat werk mogelijk wordt",
        "effect": "Ik wil die baan aannemen zonder dat de deurwaarder mijn loon pakt.",
        "middel": "Een lening",
        "wetten": ["pw", "wgs"],
        "instr": [
            {"wet": "Participatiewet", "artikel": "35", "toelichting": "bijzondere bijstand"},
            {"wet": "Wet gemeentelijke schuldhulpverlening", "artikel": "3", "toelichting": ""},
        ],
        "interventie": [{"code": "kleine_schulden", "aantal": 1}],
        "niets": [
            {"code": "bijstand_maand", "aantal": 12},
            {"code": "huisuitzetting", "aantal": 1},
        ],
        "uitkomst": "toegekend_voorwaarden",
        "afwijking": True,
    },
    {
        "title": "Overbruggingsuitkering van een maand",
        "effect": "Ik wil van de uitkering af en mijn eigen bedrijf opbouwen.",
        "middel": "Een uitstroompremie",
        "wetten": ["pw"],
        "instr": [{"wet": "Participatiewet", "artikel": "18", "toelichting": "maatwerk"}],
        "interventie": [{"code": "bijstand_maand", "aantal": 1}],
        "niets": [{"code": "bijstand_maand", "aantal": 24}],
        "uitkomst": "toegekend_voorwaarden",
        "afwijking": True,
    },
    {
        "title": "Tijdelijke uitkering met budgetbeheer",
        "effect": "Ik wil rust in mijn hoofd en mijn huis houden.",
        "middel": "Een uitkering",
        "wetten": ["pw", "wmo"],
        "instr": [{"wet": "Participatiewet", "artikel": "11", "toelichting": "recht op bijstand"}],
        "interventie": [
            {"code": "budgetbeheer", "aantal": 1},
            {"code": "bijstand_maand", "aantal": 6},
        ],
        "niets": [{"code": "maatschappelijke_opvang", "aantal": 1}],
        "uitkomst": "toegekend_voorwaarden",
        "afwijking": False,
    },
    {
        "title": "Erfenis meetellen vanaf ontvangst",
        "effect": "Ik wil eerlijk opgeven wat ik kreeg, zonder alles ineens terug te betalen.",
        "middel": "Geen terugvordering",
        "wetten": ["pw"],
        "instr": [{"wet": "Participatiewet", "artikel": "31", "toelichting": "middelen"}],
        "interventie": [],
        "niets": [{"code": "schuldhulp_traject", "aantal": 1}],
        "uitkomst": "anders_geregeld",
        "afwijking": True,
    },
)


def _bsn(rng: random.Random, used: set[str]) -> str:
    while True:
        first = "99" + "".join(str(rng.randrange(10)) for _ in range(6))
        digit = bsn_rules.check_digit_for(first)
        if digit is not None and (value := f"{first}{digit}") not in used:
            used.add(value)
            return value


def _resident(rng: random.Random, used: set[str], today: dt.date) -> dict[str, Any]:
    gemeente = rng.choice(GEMEENTEN)
    prefix, last = rng.choice(LAST)
    born = today - dt.timedelta(days=rng.randrange(18 * 365, 67 * 365))
    return {
        "bsn": _bsn(rng, used),
        "first_names": rng.choice(FIRST),
        "prefix": prefix or None,
        "last_name": last,
        "birth_date": born.isoformat(),
        "street": rng.choice(STREETS),
        "house_number": str(rng.randrange(1, 180)) + rng.choice(("", "", "", "a", "b")),
        "postcode": f"{rng.randrange(7100, 7999)} {rng.choice('ABCDEGHJKLMNPRST')}"
        f"{rng.choice('ABDEGHJKLNPRSTVXZ')}",
        "city": rng.choice(PLAATSEN[gemeente]),
        "gemeente": gemeente,
        "phone": f"06-{rng.randrange(10000000, 99999999)}",
        "contact_preference": rng.choice(("telefoon", "e-mail", "huisbezoek", "brief")),
    }


def demo_moment(today: dt.date) -> dt.datetime:
    """The moment a demo region of ``today`` is made: visits before it are done, after it
    planned. The same seed and day give the same region, ids included."""
    return dt.datetime.combine(today, DEMO_HOUR)


def demo_day(data_dir: Path, passphrase: str) -> str | None:
    """The day of the demo region in ``data_dir``, or None when the folder holds no profile.
    A profile that is not a demo region (or does not open with ``passphrase``) is refused
    with ProfileExists, so a real profile is never mistaken for one."""
    if not profile.has_profile(data_dir):
        return None
    try:
        with Session.open(data_dir, passphrase) as session:
            day = session.store.meta(DEMO_DAY_KEY)
    except WrongPassphrase as exc:
        raise ProfileExists() from exc
    if day is None:
        raise ProfileExists()
    return day


def renew_demo(data_dir: Path, passphrase: str, **options: Any) -> dict[str, Any] | None:
    """Build the demo region in ``data_dir`` unless the one there is already of ``today``:
    a demo region of another day (checked with ``demo_day``) is removed and built anew, so
    ``make demo`` always shows a region that lives today. None when nothing had to change."""
    today = options.get("today") or (options.get("clock") or process_clock()).today()
    day = demo_day(data_dir, passphrase)
    if day == today.isoformat():
        return None
    if day is not None:
        shutil.rmtree(data_dir)
    return build_demo(data_dir, passphrase, **{**options, "today": today})


def showcase_clock() -> FixedClock:
    """A clock at 09:00 UTC on ``SHOWCASE_DAY``: what the pictures and examples use."""
    return FixedClock(demo_moment(SHOWCASE_DAY) + dt.timedelta(hours=9))


def _member(
    rng: random.Random, inwoner_id: str, resident_born: str, today: dt.date
) -> dict[str, Any]:
    """A household member whose age fits the relation."""
    born = dt.date.fromisoformat(resident_born)
    relation = rng.choice(("kind", "kind", "partner", "ouder"))
    if relation == "kind":
        low = max(born + dt.timedelta(days=18 * 365), today - dt.timedelta(days=25 * 365))
        high = today - dt.timedelta(days=200)
        day = low + dt.timedelta(days=rng.randrange(max((high - low).days, 1)))
    elif relation == "partner":
        day = born + dt.timedelta(days=rng.randrange(-6 * 365, 6 * 365))
    else:
        day = born - dt.timedelta(days=rng.randrange(20 * 365, 38 * 365))
    return {
        "inwoner_id": inwoner_id,
        "name": rng.choice(FIRST),
        "relation": relation,
        "birth_date": min(day, today - dt.timedelta(days=200)).isoformat(),
    }


def _fill_steps(session: Session, casus_id: str, template: dict[str, Any], upto: int) -> None:
    cases = session.cases
    if upto >= 1:
        cases.update(casus_id, beoogd_effect=template["effect"], gevraagd_middel=template["middel"])
        cases.complete_step(casus_id, 1)
    if upto >= 2:
        cases.update(
            casus_id,
            wetten=template["wetten"],
            grondwaarde_past="ja" if not template["afwijking"] else "deels",
            grondwaarde_toelichting="Het effect past bij de bedoeling van de wet: zelfstandig "
            "meedoen en niet afhankelijk blijven van een uitkering.",
        )
        cases.complete_step(casus_id, 2)
    if upto >= 3:
        cases.update(
            casus_id,
            afweging=dict.fromkeys(AFWEGING, "Besproken met inwoner en netwerk; zie notities."),
            kosten_interventie=template["interventie"],
            kosten_niets_doen=template["niets"],
        )
        cases.complete_step(casus_id, 3)
    if upto >= 4:
        cases.update(
            casus_id,
            instrumenten=template["instr"],
            rechtmatig=True,
            afwijking_beleid=template["afwijking"],
            motivering_afwijking=(
                "De beleidsregel leidt hier tot een uitkomst die de wet niet beoogt; "
                "maatwerk voorkomt hogere kosten en houdt het gezin op de been."
                if template["afwijking"]
                else None
            ),
        )
        cases.complete_step(casus_id, 4)


def build_demo(
    data_dir: Path,
    passphrase: str,
    *,
    residents: int = 200,
    seed: int = 1,
    role: str = Role.KLANTMANAGER.value,
    kdf_iterations: int | None = None,
    today: dt.date | None = None,
    clock: Clock | None = None,
) -> dict[str, Any]:
    """Create a profile in ``data_dir`` holding the demo region. Returns a summary.

    The region is built around ``today`` (default: the day on ``clock``, the program's clock):
    visits in the coming days, review dates ahead, fines of recent months. The same seed and day
    give the same region."""
    rng = random.Random(seed)
    now = demo_moment(today or (clock or process_clock()).today())
    clock = FixedClock(now - dt.timedelta(days=365))
    ids = seeded_ids(seed, to_ms(clock.now()))
    owner_role = Role(role)
    me = Session.create(
        data_dir,
        passphrase,
        STAFF[owner_role],
        owner_role,
        kdf_iterations=kdf_iterations,
        clock=clock,
        ids=ids,
    )
    store = me.store
    try:
        with store.write(None) as w:
            colleagues = {owner_role: me.user}
            for staff_role, name in STAFF.items():
                if staff_role != owner_role:
                    uid, _c = w.put(
                        "gebruiker", None, {"name": name, "role": staff_role.value, "active": True}
                    )
                    colleagues[staff_role] = User(uid, name, staff_role)
        as_role = {r: Session(store, u) for r, u in colleagues.items()}
        km, wc, ba, tl = (
            as_role[Role.KLANTMANAGER],
            as_role[Role.WERKCOACH],
            as_role[Role.BOETE_AMBTENAAR],
            as_role[Role.TEAMLEIDER],
        )
        tl.policy.set_region(REGION, list(GEMEENTEN))

        used: set[str] = set()
        resident_ids: list[str] = []
        batch = 500
        for start in range(0, residents, batch):
            with store.write(km.user.id) as w:
                people = []
                for _n in range(start, min(start + batch, residents)):
                    clock.advance(minutes=rng.randrange(1, 30))
                    people.append(_resident(rng, used, clock.now().date()))
                batch_ids = w.insert_many("inwoner", people)
                resident_ids += batch_ids
                members: list[dict[str, Any]] = []
                notes: list[dict[str, Any]] = []
                for inwoner_id, person in zip(batch_ids, people, strict=True):
                    members += [
                        _member(rng, inwoner_id, person["birth_date"], now.date())
                        for _m in range(rng.choice((0, 0, 1, 2, 3)))
                    ]
                    for _k in range(rng.randrange(3, 18)):
                        gebied = rng.choice(list(LEEFGEBIEDEN))
                        minutes = rng.randrange(60, 525600)
                        notes.append(
                            {
                                "inwoner_id": inwoner_id,
                                "leefgebied": gebied,
                                "text": rng.choice(NOTES[gebied]),
                                "author_id": rng.choice((km.user.id, km.user.id, wc.user.id)),
                                "written_at": (now - dt.timedelta(minutes=minutes))
                                .isoformat(timespec="seconds")
                                .replace("+00:00", "Z"),
                            }
                        )
                w.insert_many("gezinslid", members)
                # notes in time order, so "newest first" (by row) is also newest by date
                w.insert_many("notitie", sorted(notes, key=lambda n: n["written_at"]))

        # cases in every stage, on a manageable number of residents
        clock.set(now - dt.timedelta(days=60))
        staged = resident_ids[: max(5, min(len(resident_ids), 60))]
        for index, inwoner_id in enumerate(staged):
            clock.advance(hours=rng.randrange(1, 20))
            template = CASES[index % len(CASES)]
            stage = (
                index % 7
            )  # 0-3: steps done; 4: draft; 5: awaiting approval/ set; 6: new version
            casus_id = km.cases.open(inwoner_id, template["title"])
            _fill_steps(km, casus_id, template, min(stage, 4))
            if stage >= 4:
                besluit_id = km.decisions.draft(
                    casus_id,
                    uitkomst=template["uitkomst"],
                    voorwaarden=[
                        "Meewerken aan budgetbeheer",
                        "Elke maand een gesprek met de werkcoach",
                    ]
                    if template["uitkomst"] == "toegekend_voorwaarden"
                    else [],
                    periode_van=(clock.now().date()).isoformat(),
                    periode_tot=(clock.now().date() + dt.timedelta(days=182)).isoformat(),
                    heroverweging_op=(clock.now().date() + dt.timedelta(days=150)).isoformat(),
                    motivering="Het besluit helpt de inwoner het beoogde effect te bereiken tegen "
                    "lagere maatschappelijke kosten dan niets doen.",
                )
                if stage >= 5:
                    if template["afwijking"]:
                        km.decisions.submit(besluit_id)
                        if index % 2 == 0 or stage == 6:
                            tl.decisions.approve(besluit_id, "Akkoord, goed gemotiveerd.")
                    else:
                        km.decisions.set(besluit_id)
                    if (
                        stage == 6
                        and store.require("besluit", besluit_id)["status"] == "vastgesteld"
                    ):
                        km.decisions.new_version(
                            besluit_id,
                            heroverweging_op=(
                                clock.now().date() + dt.timedelta(days=90)
                            ).isoformat(),
                        )

        # visits, handovers, fines, plans, signals
        clock.set(now - dt.timedelta(days=14))
        for index, inwoner_id in enumerate(staged[:24]):
            clock.advance(hours=5)
            when = now + dt.timedelta(days=index % 10 - 3, hours=8 + index % 6)
            visit_id = km.visits.plan(
                inwoner_id,
                when.isoformat(timespec="minutes").replace("+00:00", "Z"),
                doel="Kennismaking en toekomstplan" if index % 2 else "Heronderzoek",
                medewerkers=[wc.user.id] if index % 4 == 0 else None,
            )
            if when < now:  # carried out: observed and completed during the visit
                resume = clock.now()
                clock.set(when + dt.timedelta(minutes=20))
                km.visits.observe(visit_id, "wonen", rng.choice(NOTES["wonen"]))
                km.visits.observe(visit_id, "financien", rng.choice(NOTES["financien"]))
                km.visits.quick_note(visit_id, "Afspraak gemaakt voor vervolggesprek.", "werk")
                clock.set(when + dt.timedelta(hours=1))
                km.visits.complete(visit_id)
                clock.set(resume)
        for index, inwoner_id in enumerate(staged[:12]):
            clock.advance(hours=3)
            draft = km.handovers.prefill(inwoner_id)
            handover_id = km.handovers.send(
                inwoner_id,
                wc.user.id,
                situatie=draft["situatie"],
                wens_inwoner=draft["wens_inwoner"] or "Aan het werk, liefst in de zorg.",
                afspraken=draft["afspraken"],
                risicos="Schulden kunnen oplopen als het werk niet doorgaat." if index % 2 else "",
                contactvoorkeur=draft["contactvoorkeur"],
            )
            if index % 3 == 1:
                wc.handovers.accept(
                    handover_id,
                    intake_op=(now + dt.timedelta(days=index)).date().isoformat(),
                )
            elif index % 3 == 2:
                wc.handovers.return_(
                    handover_id, "Eerst de schulden regelen, daarna starten we samen."
                )
        for index, inwoner_id in enumerate(staged[30:40]):
            clock.advance(hours=7)
            boete_id = ba.fines.open(
                inwoner_id,
                "Inkomsten uit werk niet op tijd doorgegeven",
                overtreding_op=(now.date() - dt.timedelta(days=90 + index)).isoformat(),
                benadelingsbedrag_cent=rng.randrange(20_000, 400_000),
                verwijtbaarheid=("normaal", "grove_schuld", "verminderd", "opzet")[index % 4],
            )
            ba.fines.update(boete_id, draagkracht_cent=rng.randrange(5_000, 40_000))
            if index % 3 == 0:
                ba.fines.add_reconsideration(
                    boete_id, "Inwoner zit in een werktraject; boete zou dat doorkruisen."
                )
                ba.fines.update(
                    boete_id,
                    dringende_redenen="Lopend werktraject met uitzicht op uitstroom.",
                    afzien=True,
                )
            if index % 5 == 4:  # the talk took place two days later; its outcome recorded
                resume = clock.now()
                talk_at = resume.replace(hour=9, minute=30, second=0, microsecond=0)
                talk_at += dt.timedelta(days=2)
                ba.fines.plan_talk(boete_id, talk_at.isoformat().replace("+00:00", "Z"))
                clock.set(talk_at + dt.timedelta(hours=1))
                voorstel = store.require("boete", boete_id)["voorgesteld_bedrag_cent"]
                ba.fines.record_outcome(
                    boete_id, "Inwoner erkent de fout; boete volgens voorstel.", voorstel
                )
                clock.set(resume)
            elif index % 3 != 2:
                ba.fines.plan_talk(
                    boete_id,
                    (now + dt.timedelta(days=index + 1, hours=9))
                    .isoformat(timespec="minutes")
                    .replace("+00:00", "Z"),
                )
        for inwoner_id in staged[:8]:
            plan_id = km.plans.create(
                inwoner_id, "Over een jaar wil ik werk hebben en geen schulden meer."
            )
            km.plans.set_row(
                plan_id,
                "financien",
                nu="Schulden bij drie schuldeisers",
                afspraken="Aanmelden schuldhulp",
                over_een_jaar="Schuldenvrij traject loopt",
            )
            km.plans.set_row(
                plan_id,
                "werk",
                nu="Geen werk",
                afspraken="Werkcoach zoekt leerwerkplek",
                over_een_jaar="Aan het werk in de zorg",
            )
        km.signals.log(
            "Toeslagen en bijstand botsen",
            "Terugvordering van toeslagen duwt inwoners die net werken terug in de schulden.",
            "Participatiewet art. 58",
        )
        wc.signals.log(
            "Reiskosten bij werkstart",
            "Eerste maand werken kost geld dat mensen niet hebben; een voorschot zou helpen.",
        )
        ba.signals.log(
            "Boete na kleine fout",
            "Een vergeten loonstrook leidt tot een boete die het werktraject doorkruist.",
            "Boetebesluit",
        )
        first = tl.signals.all()[0]["id"]
        tl.signals.review(first, "doorgezet", "Doorgezet naar beleid, voorbeeldcasus bijgevoegd.")
        counts = store.counts()
        store.set_meta(DEMO_DAY_KEY, now.date().isoformat())
    finally:
        me.close()
    return {
        "residents": counts["residents"],
        "gemeenten": list(GEMEENTEN),
        "counts": counts,
        "today": now.date().isoformat(),
    }
