"""A fictional demo region: three made-up gemeenten, residents and cases in every stage.

Everything is generated from a seed: the same seed and day give the same records, ids and
digest. Names are random combinations of common first and last names; BSNs start with 99 (a
range not issued to people) and pass the elfproef; gemeenten and the region are invented. The
work of colleagues (a werkcoach, a boete-ambtenaar, a teamleider) is done through the same
services, signed with their user ids, as if it had arrived through sync.

It should read like real casework. Every resident is generated as a whole first (age,
household, work, money, health) and every text about them is picked from the pools in
``werkplein.demo_texts`` that fit that resident: children are named only in a household with
children, the AOW only near the AOW age. All work happens in office hours (08:30-17:30,
Amsterdam time) on working days, in the order it would happen: a case is opened, its steps done
over the following days, the decision drafted, submitted and approved after that.
"""

from __future__ import annotations

import datetime as dt
import random
import shutil
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from werkplein import demo_texts as texts
from werkplein.domain import bsn as bsn_rules
from werkplein.domain.prijslijst import DEFAULT_PRICES
from werkplein.domain.roles import Role
from werkplein.domain.vocab import AFWEGING
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
# The case templates; the texts of their toets steps are in demo_texts.TOETS (same index).
CASES: tuple[dict[str, Any], ...] = (
    {
        "title": "Fiets in plaats van vervoersregeling",
        "wetten": ["pw"],
        "instr": [
            {"wet": "Participatiewet", "artikel": "35", "toelichting": "bijzondere bijstand"}
        ],
        "niets": [{"code": "re_integratie", "aantal": 1}],
        "uitkomst": "toegekend",
        "afwijking": False,
        "leefgebied": "gezin",
    },
    {
        "title": "Kleine schulden aflossen zodat werk mogelijk wordt",
        "wetten": ["pw", "wgs"],
        "instr": [
            {"wet": "Participatiewet", "artikel": "35", "toelichting": "bijzondere bijstand"},
            {"wet": "Wet gemeentelijke schuldhulpverlening", "artikel": "3", "toelichting": ""},
        ],
        "niets": [
            {"code": "bijstand_maand", "aantal": 12},
            {"code": "huisuitzetting", "aantal": 1},
        ],
        "uitkomst": "toegekend_voorwaarden",
        "afwijking": True,
        "leefgebied": "financien",
    },
    {
        "title": "Overbruggingsuitkering van een maand",
        "wetten": ["pw"],
        "instr": [{"wet": "Participatiewet", "artikel": "18", "toelichting": "maatwerk"}],
        "niets": [{"code": "bijstand_maand", "aantal": 24}],
        "uitkomst": "toegekend_voorwaarden",
        "afwijking": True,
        "leefgebied": "werk",
    },
    {
        "title": "Tijdelijke uitkering met budgetbeheer",
        "wetten": ["pw", "wmo"],
        "instr": [{"wet": "Participatiewet", "artikel": "11", "toelichting": "recht op bijstand"}],
        "niets": [{"code": "maatschappelijke_opvang", "aantal": 1}],
        "uitkomst": "toegekend_voorwaarden",
        "afwijking": False,
        "leefgebied": "financien",
    },
    {
        "title": "Erfenis meetellen vanaf ontvangst",
        "wetten": ["pw"],
        "instr": [{"wet": "Participatiewet", "artikel": "31", "toelichting": "middelen"}],
        "niets": [{"code": "schuldhulp_traject", "aantal": 1}],
        "uitkomst": "anders_geregeld",
        "afwijking": True,
        "leefgebied": "inkomen",
    },
)
MAX_STAGED = 60  # residents with a case (the first ones); visits, handovers, fines among them

# ---------------------------------------------------------------------- office hours
DAY_START = 8 * 60 + 30  # minutes after midnight, Amsterdam time
DAY_END = 17 * 60 + 30
MAANDEN = (
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
)


def _last_sunday(year: int, month: int) -> dt.date:
    last = dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)
    return last - dt.timedelta(days=(last.weekday() + 1) % 7)


def _summer_time(moment: dt.datetime) -> bool:
    """Whether the Netherlands keep summer time at ``moment`` (UTC): the EU rule, from the last
    Sunday of March to the last Sunday of October, 01:00 UTC. Computed here rather than read
    from the computer's zone data, so the region is the same on every computer."""
    start = dt.datetime.combine(_last_sunday(moment.year, 3), dt.time(1), tzinfo=dt.UTC)
    end = dt.datetime.combine(_last_sunday(moment.year, 10), dt.time(1), tzinfo=dt.UTC)
    return start <= moment < end


def _local_moment(day: dt.date, minute: int) -> dt.datetime:
    """The UTC moment of ``minute`` minutes after midnight on ``day``, Amsterdam time."""
    wall = dt.datetime.combine(day, dt.time(), tzinfo=dt.UTC) + dt.timedelta(minutes=minute)
    summer = wall - dt.timedelta(hours=2)
    return summer if _summer_time(summer) else wall - dt.timedelta(hours=1)


def _local_wall(moment: dt.datetime) -> dt.datetime:
    """``moment`` (UTC) as Amsterdam wall time (naive)."""
    return (moment + dt.timedelta(hours=2 if _summer_time(moment) else 1)).replace(tzinfo=None)


def _easter(year: int) -> dt.date:
    a, (b, c) = year % 19, divmod(year, 100)
    d, e = divmod(b, 4)
    g = (b - (b + 8) // 25 + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    ell = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * ell) // 451
    month, day = divmod(h + ell - 7 * m + 114, 31)
    return dt.date(year, month, day + 1)


def _holidays(year: int) -> set[dt.date]:
    """The days an office of a Dutch gemeente is closed."""
    easter = _easter(year)
    kings = dt.date(year, 4, 27)
    days = {
        dt.date(year, 1, 1),
        easter + dt.timedelta(days=1),
        kings - dt.timedelta(days=1) if kings.weekday() == 6 else kings,
        easter + dt.timedelta(days=39),
        easter + dt.timedelta(days=50),
        dt.date(year, 12, 25),
        dt.date(year, 12, 26),
    }
    if year % 5 == 0:
        days.add(dt.date(year, 5, 5))
    return days


def is_working_day(day: dt.date) -> bool:
    return day.weekday() < 5 and day not in _holidays(day.year)


class _Calendar:
    """The working days around the demo's day and moments in office hours on them."""

    def __init__(self, today: dt.date) -> None:
        self.today = today
        self._past: list[dt.date] = []  # [0] is the last working day before today
        day = today
        while len(self._past) < 420:
            day -= dt.timedelta(days=1)
            if is_working_day(day):
                self._past.append(day)
        self._ahead: list[dt.date] = []  # [0] is today, or the next working day
        day = today
        while len(self._ahead) < 90:
            if is_working_day(day):
                self._ahead.append(day)
            day += dt.timedelta(days=1)

    def past(self, n: int) -> dt.date:
        """The ``n``-th working day before today (1: the last one)."""
        if n < 1:
            raise ValueError("a working day before today is counted from 1")
        return self._past[n - 1]

    def ahead(self, n: int) -> dt.date:
        """The ``n``-th working day from today on (0: today when it is one)."""
        return self._ahead[n]

    def on_or_after(self, day: dt.date) -> dt.date:
        while not is_working_day(day):
            day += dt.timedelta(days=1)
        return day

    def last_year(self) -> list[dt.date]:
        """The working days of the year before today."""
        start = self.today - dt.timedelta(days=365)
        return [d for d in self._past if d >= start]

    @staticmethod
    def at(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
        return _local_moment(day, hour * 60 + minute)

    @staticmethod
    def some_time(rng: random.Random, day: dt.date, until: int = DAY_END - 30) -> dt.datetime:
        """A moment in office hours on ``day``, with seconds."""
        moment = _local_moment(day, rng.randrange(DAY_START, until))
        return moment + dt.timedelta(seconds=rng.randrange(60))

    @staticmethod
    def later(moment: dt.datetime, minutes: int) -> dt.datetime:
        """``minutes`` of office time after ``moment`` (across evenings and weekends)."""
        wall = _local_wall(moment)
        day, minute = wall.date(), wall.hour * 60 + wall.minute
        seconds = dt.timedelta(seconds=wall.second)
        while True:
            if not is_working_day(day) or minute >= DAY_END:
                day, minute = day + dt.timedelta(days=1), DAY_START
                continue
            minute = max(minute, DAY_START)
            if minute + minutes <= DAY_END:
                return _local_moment(day, minute + minutes) + seconds
            minutes -= DAY_END - minute
            day, minute = day + dt.timedelta(days=1), DAY_START


def _stamp(moment: dt.datetime, spec: str = "seconds") -> str:
    return moment.isoformat(timespec=spec).replace("+00:00", "Z")


def _dutch_date(day: dt.date) -> str:
    return f"{day.day} {MAANDEN[day.month - 1]} {day.year}"


def _euro(amount: int) -> str:
    return f"{amount:,}".replace(",", ".")


def _years_before(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


def _age(born: dt.date, day: dt.date) -> int:
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


# ---------------------------------------------------------------------- the residents
@dataclass
class _Member:
    first: str
    last: str
    relation: str  # kind, partner, ouder (the words the store keeps)
    born: dt.date
    gender: str


@dataclass
class _Person:
    """A demo resident as the generator knows them: everything the texts must fit."""

    first: str
    gender: str
    origin: str
    prefix: str
    last: str
    born: dt.date
    template: int | None
    members: list[_Member] = field(default_factory=list)
    werk: str = "werkzoekend"
    health: str = "gezond"
    schulden: bool = False
    coached: bool = False  # has a werkcoach, who writes in the dossier too
    timeline: list[dt.datetime] = field(default_factory=list)  # of their case, if any
    renewed: int = 0  # the working day (back from today) of a new version of its decision
    tags: frozenset[str] = frozenset()
    ctx: dict[str, str] = field(default_factory=dict)

    def children(self) -> list[_Member]:
        return sorted((m for m in self.members if m.relation == "kind"), key=lambda m: m.born)


def _full_last(prefix: str, last: str) -> str:
    return f"{prefix} {last}" if prefix else last


def _first_name(
    rng: random.Random, gender: str, origin: str, year: int, taken: set[str], *, child: bool
) -> str:
    """A first name for someone born in ``year``: of the family's origin most of the time,
    never one already in the household."""
    if child and year >= 2000:
        own = texts.CHILD_NAMES.get(origin, texts.CHILD_NAMES["nl"])[gender]
        mixed = texts.CHILD_NAMES["nl"][gender] + texts.CHILD_NAMES["other"][gender]
        pools = [own, mixed]
    else:
        fits = [
            (name, source)
            for name, sex, source, start, until in texts.FIRST_NAMES
            if sex == gender and start - 3 <= year <= until + 3
        ]
        own = tuple(n for n, source in fits if source == origin)
        mixed = tuple(n for n, source in fits if source in ("nl", "other"))
        pools = [own, mixed, tuple(n for n, _s in fits)]
    first = pools[0] if pools[0] and rng.random() < 0.8 else (pools[1] or pools[0])
    options = [n for n in first if n not in taken] or [
        n for pool in pools for n in pool if n not in taken
    ]
    return rng.choice(options) if options else rng.choice(("Alex", "Robin", "Sam"))


def _last_name(rng: random.Random, origin: str) -> tuple[str, str]:
    same = [(p, n) for p, n, o in texts.LAST_NAMES if o == origin]
    pool = same if same and rng.random() < 0.85 else [(p, n) for p, n, _o in texts.LAST_NAMES]
    return rng.choice(pool)


def _born(rng: random.Random, today: dt.date, age: int) -> dt.date:
    """A birth date of someone who is ``age`` today."""
    return _years_before(today, age) - dt.timedelta(days=rng.randrange(365))


AGE_RANGES = {None: (19, 66), 0: (28, 50), 1: (21, 60), 2: (25, 55), 3: (19, 66), 4: (35, 66)}


def _household_kind(rng: random.Random, age: int, template: int | None) -> str:
    if template == 0:
        return rng.choice(("eenouder", "eenouder", "gezin"))
    if age < 23:
        kinds = {"alleen": 45, "ouders": 45, "stel": 10}
    elif age < 30:
        kinds = {"alleen": 40, "eenouder": 25, "stel": 10, "gezin": 15, "ouders": 10}
    elif age < 50:
        kinds = {"alleen": 35, "eenouder": 35, "gezin": 20, "stel": 10}
    elif age < 60:
        kinds = {"alleen": 50, "stel": 25, "eenouder": 15, "gezin": 10}
    else:
        kinds = {"alleen": 55, "stel": 40, "eenouder": 5}
    if template == 4:
        kinds.pop("ouders", None)
    names = sorted(kinds)
    return rng.choices(names, weights=[kinds[n] for n in names])[0]


def _person(rng: random.Random, today: dt.date, template: int | None) -> _Person:
    prefix, last = rng.choice([(p, n) for p, n, _o in texts.LAST_NAMES])
    origin = next(o for p, n, o in texts.LAST_NAMES if (p, n) == (prefix, last))
    low, high = AGE_RANGES[template]
    age = rng.randrange(low, high + 1)
    born = _born(rng, today, age)
    gender = rng.choice(("v", "m"))
    first = _first_name(rng, gender, origin, born.year, set(), child=False)
    person = _Person(first, gender, origin, prefix, last, born, template)
    taken = {first}
    kind = _household_kind(rng, age, template)
    if kind in ("eenouder", "gezin"):
        # children living at home: born when the resident was 19 to 43, aged 1 to 24 now
        oldest, youngest = min(24, age - 19), max(1, age - 43)
        if template == 0:
            ages = [rng.randrange(7, min(15, oldest) + 1)]  # 6 to 15 all year: the bicycle
            ages += rng.sample(
                [a for a in range(youngest, oldest + 1) if a != ages[0]],
                min(rng.choice((0, 1, 1, 2)), max(oldest - youngest, 0)),
            )
        elif oldest >= youngest:
            count = min(rng.choice((1, 1, 2, 2, 3)), oldest - youngest + 1)
            ages = rng.sample(range(youngest, oldest + 1), count)
        else:
            ages, kind = [], "alleen"
        latest = today - dt.timedelta(days=366)  # every child was there the whole demo year
        for child_age in sorted(ages):
            sex = rng.choice(("v", "m"))
            child_born = min(_born(rng, today, child_age), latest)
            name = _first_name(rng, sex, origin, child_born.year, taken, child=True)
            taken.add(name)
            person.members.append(_Member(name, _full_last(prefix, last), "kind", child_born, sex))
    if kind in ("stel", "gezin"):
        sex = gender if rng.random() < 0.08 else ("m" if gender == "v" else "v")
        partner_age = min(max(age + rng.randrange(-6, 7), 20), 66)  # not of AOW age
        partner_born = _born(rng, today, partner_age)
        p_origin = origin if rng.random() < 0.7 else rng.choice(("nl", "nl", "other"))
        name = _first_name(rng, sex, p_origin, partner_born.year, taken, child=False)
        taken.add(name)
        p_prefix, p_last = _last_name(rng, p_origin)
        person.members.append(
            _Member(name, _full_last(p_prefix, p_last), "partner", partner_born, sex)
        )
    if kind == "ouders":
        sexes = ("v", "m") if rng.random() < 0.6 else (rng.choice(("v", "m")),)
        for sex in sexes:
            parent_born = _born(rng, today, age + rng.randrange(22, 39))
            name = _first_name(rng, sex, origin, parent_born.year, taken, child=False)
            taken.add(name)
            surname = (
                _full_last(prefix, last) if sex == "m" else _full_last(*_last_name(rng, origin))
            )
            person.members.append(_Member(name, surname, "ouder", parent_born, sex))
    # work, health and money
    if template == 1:
        person.werk = "werkzoekend"
    elif template == 2:
        person.werk = "ondernemer"
    else:
        if age < 27:
            work = {
                "opleiding": 25,
                "werkzoekend": 35,
                "parttime": 25,
                "vrijwilliger": 10,
                "beperkt": 5,
            }
        elif age < 55:
            work = {"werkzoekend": 35, "parttime": 30, "vrijwilliger": 15, "beperkt": 15}
        else:
            work = {"werkzoekend": 30, "parttime": 20, "vrijwilliger": 25, "beperkt": 25}
        names = sorted(work)
        person.werk = rng.choices(names, weights=[work[n] for n in names])[0]
    if person.werk == "beperkt":
        person.health = rng.choice(("h_rug", "h_psych", "h_chronisch"))
    elif template == 3 and rng.random() < 0.6:
        person.health = "h_psych"
    elif rng.random() < 0.15:
        person.health = rng.choice(("h_rug", "h_chronisch"))
    person.schulden = template in (1, 3) or rng.random() < (0.5 if template == 0 else 0.4)
    _describe(rng, person, today)
    return person


def _describe(rng: random.Random, p: _Person, today: dt.date) -> None:
    """The tags and placeholder values of ``p``: what holds for them the whole demo year."""
    start = today - dt.timedelta(days=366)
    ages = [(c, _age(c.born, start), _age(c.born, today)) for c in p.children()][::-1]
    tags = {p.gender, f"w_{p.werk}", p.health, "schulden" if p.schulden else "geen_schulden"}
    relations = {m.relation for m in p.members}
    tags.add("partner" if "partner" in relations else "geenpartner")
    if "ouder" in relations:
        tags.add("ouders")
    if not p.members:
        tags.add("alleen")
    # where they live, and the family around them
    if "ouder" not in relations:  # else at home with the parents
        young_alone = not p.members and _age(p.born, today) < 27
        tags.add("kamer" if young_alone and rng.random() < 0.5 else "corporatie")
    tags.add(rng.choice(("fam_zus", "fam_zus", "fam_broer", "fam_weinig", "fam_weinig")))
    if p.template is not None:
        tags.add(f"t{p.template}")
    she = p.gender == "v"
    ctx = {
        "mv": "mevrouw" if she else "meneer",
        "zij": "zij" if she else "hij",
        "haar": "haar" if she else "zijn",
        "hem": "haar" if she else "hem",
    }
    kids = [c for c, _a0, _a1 in ages]  # youngest first
    if kids:
        tags.add("kind")
        tags.add("kinderen" if len(kids) > 1 else "een_kind")
        if "partner" not in relations:
            tags.add("eenouder")
        ctx["kind"] = kids[0].first
        ctx["kinderen"] = "de kinderen" if len(kids) > 1 else kids[0].first
        other = "vader" if she else "moeder"
        ctx["ex"] = f"de {other} van {ctx['kinderen']}"
        for key, tag, low, high in (
            ("k03", "kind_0_3", 0, 3),
            ("k411", "kind_4_11", 4, 11),
            ("k1217", "kind_12_17", 12, 17),
            ("k18", "kind_18", 18, 99),
            ("k417", "kind_4_17", 4, 17),
        ):
            fits = [c for c, a0, a1 in ages if a0 >= low and a1 <= high]
            if fits:
                tags.add(tag)
                ctx[key] = fits[0].first
                ctx["z" + key[1:]] = "dochter" if fits[0].gender == "v" else "zoon"
        bikes = [c.first for c, a0, a1 in ages[::-1] if a0 >= 6 and a1 <= 15]
        if bikes:
            tags.add("fiets_meer" if len(bikes) > 1 else "fiets_een")
            ctx["fietskinderen"] = (
                " en ".join((", ".join(bikes[:-1]), bikes[-1])) if len(bikes) > 1 else bikes[0]
            )
            ctx["fietsen"] = str(len(bikes))
    else:
        tags.add("geenkind")
    if not any(a1 <= 3 for _c, _a0, a1 in ages):
        tags.add("geen_k03")
    if any(a1 <= 17 for _c, _a0, a1 in ages):
        tags.add("minderjarig")
    partner = next((m for m in p.members if m.relation == "partner"), None)
    if partner is not None:
        ctx["partner"] = partner.first
    a0, a1 = _age(p.born, start), _age(p.born, today)
    if a1 < 27:
        tags.add("jong")
    if a0 >= 27 and a1 < 55:
        tags.add("midden")
    for limit in (55, 60, 63):
        if a0 >= limit:
            tags.add(f"ouder{limit}")
    sector = rng.choice(sorted(texts.SECTORS))
    ctx["werkveld"], ctx["beroep"], ctx["werkgever"] = texts.SECTORS[sector]
    ctx["uren"] = str(
        rng.randrange(12, 25, 2) if p.werk == "parttime" else rng.randrange(16, 33, 4)
    )
    ctx["bedrijf"] = rng.choice(texts.BEDRIJVEN)
    ctx["vrijwilligerswerk"] = rng.choice(texts.VRIJWILLIGERSWERK)
    if p.health in texts.KLACHTEN:
        ctx["klacht"] = rng.choice(texts.KLACHTEN[p.health])
    debt = rng.randrange(16, 21) * 50 if p.template == 1 else rng.randrange(12, 97) * 50
    ctx["bedrag"] = _euro(debt)
    ctx["schuldeisers"] = rng.choice(("twee", "drie", "vier", "vijf"))
    ctx["termijn"] = str(rng.randrange(5, 19) * 5)
    ctx["relatie"] = rng.choice(texts.ERFLATERS)
    ctx["erfenis"] = _euro(rng.randrange(8, 46) * 1000)
    ctx["plaats"] = ""  # set with the address
    ctx["gemeente"] = ""
    for key in [k for k in ctx if k not in ("plaats", "gemeente")]:
        ctx[key[0].upper() + key[1:]] = ctx[key][:1].upper() + ctx[key][1:]
    p.tags, p.ctx = frozenset(tags), ctx


def _fill(text: str, ctx: dict[str, str]) -> str:
    return text.format_map(ctx)


def _fits(need: str, tags: frozenset[str]) -> bool:
    """Whether every tag in ``need`` holds (``!tag``: must not hold)."""
    return all(
        (word[1:] not in tags) if word.startswith("!") else (word in tags) for word in need.split()
    )


def _pick(
    rng: random.Random,
    pool: Sequence[tuple[str, str]],
    person: _Person,
    avoid: Sequence[str] = (),
) -> str:
    """A text from ``pool`` that fits ``person``, filled in for them."""
    options = [t for need, t in pool if _fits(need, person.tags) and t not in avoid]
    options = options or [t for need, t in pool if _fits(need, person.tags)]
    return _fill(rng.choice(options), person.ctx)


def _first_fit(pool: Sequence[tuple[str, str]], person: _Person) -> str:
    return _fill(next(t for need, t in pool if _fits(need, person.tags)), person.ctx)


def _bsn(rng: random.Random, used: set[str]) -> str:
    while True:
        first = "99" + "".join(str(rng.randrange(10)) for _ in range(6))
        digit = bsn_rules.check_digit_for(first)
        if digit is not None and (value := f"{first}{digit}") not in used:
            used.add(value)
            return value


def _ascii(text: str) -> str:
    folded = unicodedata.normalize("NFKD", text.casefold().replace("ı", "i"))
    return "".join(c for c in folded if c.isalnum() and not unicodedata.combining(c))


def _resident(rng: random.Random, used: set[str], person: _Person) -> dict[str, Any]:
    gemeente = rng.choice(GEMEENTEN)
    city = rng.choice(PLAATSEN[gemeente])
    person.ctx["plaats"], person.ctx["gemeente"] = city, gemeente
    preference = rng.choice(("telefoon", "e-mail", "huisbezoek", "brief"))
    email = None
    if preference == "e-mail":
        email = f"{_ascii(person.first)}.{_ascii(person.last)}{person.born.year % 100:02d}"
        email += "@example.com"
    return {
        "bsn": _bsn(rng, used),
        "first_names": person.first,
        "prefix": person.prefix or None,
        "last_name": person.last,
        "birth_date": person.born.isoformat(),
        "street": rng.choice(STREETS),
        "house_number": str(rng.randrange(1, 180)) + rng.choice(("", "", "", "a", "b")),
        "postcode": f"{rng.randrange(7100, 7999)} {rng.choice('ABCDEGHJKLMNPRST')}"
        f"{rng.choice('ABDEGHJKLNPRSTVXZ')}",
        "city": city,
        "gemeente": gemeente,
        "phone": f"06-{rng.randrange(10000000, 99999999)}",
        "email": email,
        "contact_preference": preference,
    }


def _notes(
    rng: random.Random, cal: _Calendar, person: _Person, inwoner_id: str, authors: tuple[str, str]
) -> list[dict[str, Any]]:
    """The notes of the year before today: per leefgebied short stories that fit the person,
    interleaved in time, written in office hours."""
    km, wc = authors
    # a case is opened after what led to it: its resident's notes come before it
    year = [d for d in cal.last_year() if not person.timeline or d < person.timeline[0].date()]
    areas = [a for a in texts.NOTES if a != "gezin" or person.members]
    moments = sorted(cal.some_time(rng, rng.choice(year)) for _n in range(rng.randrange(3, 18)))
    slots: dict[str, list[dt.datetime]] = {}
    for moment in moments:
        slots.setdefault(rng.choice(areas), []).append(moment)
    notes = []
    for area, times in slots.items():
        threads = [list(lines) for need, lines in texts.NOTES[area] if _fits(need, person.tags)]
        rng.shuffle(threads)
        chosen: list[list[str]] = []
        while threads and sum(map(len, chosen)) < len(times):
            chosen.append(threads.pop())
        order = [n for n, lines in enumerate(chosen) for _line in lines]
        rng.shuffle(order)  # interleave the stories; each keeps its own order
        for moment, n in zip(times, order, strict=False):
            text = _fill(chosen[n].pop(0), person.ctx)
            opening = _fill(rng.choice(texts.NOTE_OPENINGS), person.ctx)
            author = rng.choice((wc, km)) if area == "werk" and person.coached else km
            notes.append(
                {
                    "inwoner_id": inwoner_id,
                    "leefgebied": area,
                    "text": opening + text,
                    "author_id": author,
                    "written_at": _stamp(moment),
                }
            )
    return notes


def _member_record(inwoner_id: str, member: _Member) -> dict[str, Any]:
    return {
        "inwoner_id": inwoner_id,
        "name": f"{member.first} {member.last}",
        "relation": member.relation,
        "birth_date": member.born.isoformat(),
    }


# ---------------------------------------------------------------------- the work, in order
Action = Callable[[], object]


class _Agenda:
    """Work to be done at given moments; run in time order on the demo's clock."""

    def __init__(self) -> None:
        self._items: list[tuple[dt.datetime, int, Action]] = []

    def at(self, when: dt.datetime, action: Action) -> None:
        self._items.append((when, len(self._items), action))

    def run(self, clock: FixedClock, until: dt.datetime) -> None:
        for when, _n, action in sorted(self._items, key=lambda item: item[:2]):
            if when >= until:
                raise AssertionError(f"demo work planned after the region was made: {when}")
            clock.set(when)
            action()


def _stage(index: int) -> tuple[int, bool]:
    """How far the case of the ``index``-th resident got (0-3: steps done; 4: a draft
    decision; 5: awaiting approval or set; 6: a new version), and whether a decision that
    deviates from policy was approved."""
    stage = index % 7
    return stage, index % 3 == 0 or stage == 6


def _case_timeline(rng: random.Random, cal: _Calendar, index: int) -> tuple[list[dt.datetime], int]:
    """The moments of the events of the ``index``-th resident's case (see ``_step_days``),
    and the working day (counted back from today) of its new version, if it gets one."""
    stage, approve = _stage(index)
    template = CASES[index % len(CASES)]
    gaps = _step_days(rng, stage, template, approve)
    renewal = rng.randrange(15, 30) if stage == 6 else 0
    waiting = stage == 5 and template["afwijking"] and not approve
    end = rng.randrange(1, 7) if waiting else rng.randrange(2, 12)
    day = end + sum(gaps) + renewal
    moments = [cal.some_time(rng, cal.past(day), until=11 * 60)]
    for gap in gaps:
        day -= gap
        if gap == 0:  # at most two in a row, from 16:00 at the latest: before 17:30
            moments.append(moments[-1] + dt.timedelta(minutes=rng.randrange(10, 41)))
        else:
            moments.append(cal.some_time(rng, cal.past(day), until=16 * 60))
    return moments, end


def _step_days(
    rng: random.Random, stage: int, template: dict[str, Any], approve: bool
) -> list[int]:
    """Working days between a case's events: open, its steps, draft, submit or set, approval,
    a new version (as far as ``stage`` goes)."""
    gaps = [rng.choice((0, 0, 1, 2)), rng.randrange(1, 5), rng.randrange(1, 7), rng.randrange(1, 5)]
    gaps = gaps[: min(stage, 4)]
    if stage >= 4:
        gaps.append(rng.randrange(0, 3))
    if stage >= 5:
        gaps.append(rng.randrange(0, 2) if template["afwijking"] else rng.randrange(0, 3))
        if template["afwijking"] and approve:
            gaps.append(rng.randrange(1, 4))
    return gaps


class _Region:
    """Schedules the casework of the demo region on the agenda, through the services."""

    def __init__(
        self,
        rng: random.Random,
        cal: _Calendar,
        sessions: dict[Role, Session],
    ) -> None:
        self.rng, self.cal = rng, cal
        self.km, self.wc = sessions[Role.KLANTMANAGER], sessions[Role.WERKCOACH]
        self.ba, self.tl = sessions[Role.BOETE_AMBTENAAR], sessions[Role.TEAMLEIDER]
        self.agenda = _Agenda()
        self.visits: dict[int, dt.datetime] = {}  # carried-out visits: index -> moment

    # -------------------------------------------------------------- cases
    def case(self, index: int, inwoner_id: str, person: _Person) -> None:
        rng, km, tl = self.rng, self.km, self.tl
        number = index % len(CASES)
        template, pools = CASES[number], texts.TOETS[number]
        stage, approve = _stage(index)
        moments, end = list(person.timeline), person.renewed
        opened = moments[0]
        if number == 4:
            received = opened.date() - dt.timedelta(days=rng.randrange(7, 40))
            person.ctx["ontvangen"] = _dutch_date(received)
        months = rng.choice((3, 6, 6))
        person.ctx["maanden"] = str(months)
        interventie: list[dict[str, Any]] = {
            0: [{"code": "fiets", "aantal": int(person.ctx.get("fietsen", "1"))}],
            1: [{"code": "kleine_schulden", "aantal": 1}],
            2: [{"code": "bijstand_maand", "aantal": 1}],
            3: [
                {"code": "budgetbeheer", "aantal": 1},
                {"code": "bijstand_maand", "aantal": months},
            ],
            4: [],
        }[number]
        cost = sum(DEFAULT_PRICES[line["code"]][1] * line["aantal"] for line in interventie)
        person.ctx["kosten"] = _euro(cost // 100)
        state: dict[str, str] = {}

        def pick(key: str) -> str:
            return _pick(rng, pools[key], person)

        note = _pick(rng, texts.CASE_NOTES[number], person)

        def open_case() -> None:
            state["casus"] = km.cases.open(inwoner_id, template["title"])
            km.residents.write_note(
                inwoner_id, note, leefgebied=template["leefgebied"], casus_id=state["casus"]
            )

        self.agenda.at(opened, open_case)
        steps: list[dict[str, Any]] = [
            {"beoogd_effect": pick("effect"), "gevraagd_middel": pick("middel")},
            {
                "wetten": template["wetten"],
                "grondwaarde_past": "deels" if template["afwijking"] else "ja",
                "grondwaarde_toelichting": pick("grondwaarde"),
            },
            {
                "afweging": {key: pick(key) for key in AFWEGING},
                "kosten_interventie": interventie,
                "kosten_niets_doen": template["niets"],
            },
            {
                "instrumenten": template["instr"],
                "rechtmatig": True,
                "afwijking_beleid": template["afwijking"],
                "motivering_afwijking": pick("motivering_afwijking")
                if template["afwijking"]
                else None,
            },
        ]
        moments = moments[1:]
        for step in range(1, min(stage, 4) + 1):
            values = steps[step - 1]

            def do_step(step: int = step, values: dict[str, Any] = values) -> None:
                km.cases.update(state["casus"], **values)
                km.cases.complete_step(state["casus"], step)

            self.agenda.at(moments.pop(0), do_step)
        if stage < 4:
            return
        drafted = moments.pop(0)
        start = drafted.date()
        # (until, review): a bicycle is given once, without a period or a review
        periods: dict[int, tuple[dt.date | None, dt.date | None]] = {
            0: (None, None),
            1: (start + dt.timedelta(days=182), start + dt.timedelta(days=150)),
            2: (start + dt.timedelta(days=30), start + dt.timedelta(days=365)),
            3: (
                start + dt.timedelta(days=30 * months),
                start + dt.timedelta(days=30 * months - 30),
            ),
            4: (start + dt.timedelta(days=365), start + dt.timedelta(days=182)),
        }
        until, review = periods[number]
        draft = {
            "uitkomst": template["uitkomst"],
            "voorwaarden": [_fill(c, person.ctx) for c in texts.TOETS_CONDITIONS.get(number, ())],
            "periode_van": start.isoformat() if until else None,
            "periode_tot": until.isoformat() if until else None,
            "heroverweging_op": self.cal.on_or_after(review).isoformat() if review else None,
            "motivering": pick("motivering"),
        }

        def do_draft() -> None:
            state["besluit"] = km.decisions.draft(state["casus"], **draft)

        self.agenda.at(drafted, do_draft)
        if stage < 5:
            return
        if template["afwijking"]:
            self.agenda.at(moments.pop(0), lambda: km.decisions.submit(state["besluit"]))
            if not approve:
                return
            comment = rng.choice(texts.APPROVAL_COMMENTS)
            decided = moments.pop(0)
            self.agenda.at(decided, lambda: tl.decisions.approve(state["besluit"], comment))
        else:
            decided = moments.pop(0)
            self.agenda.at(decided, lambda: km.decisions.set(state["besluit"]))
        if stage == 6:
            renewed = self.cal.some_time(rng, self.cal.past(end))
            review_day = self.cal.on_or_after(renewed.date() + dt.timedelta(days=90)).isoformat()
            self.agenda.at(
                renewed,
                lambda: km.decisions.new_version(state["besluit"], heroverweging_op=review_day),
            )

    # -------------------------------------------------------------- huisbezoeken
    VISIT_TIMES = ((9, 0), (10, 30), (13, 0), (14, 30), (11, 0), (15, 30))

    def visit(self, index: int, inwoner_id: str, person: _Person) -> None:
        rng, cal, km, wc = self.rng, self.cal, self.km, self.wc
        kind = "samen" if index % 4 == 0 else ("plan" if index % 2 else "heronderzoek")
        doel, areas = texts.VISIT_PURPOSES[kind]
        offset = index % 10 - 3
        day = cal.past(-offset) if offset < 0 else cal.ahead(offset)
        when = cal.at(day, *self.VISIT_TIMES[index % 6])
        planned = cal.some_time(rng, cal.past(max(-offset, 0) + rng.randrange(2, 9)))
        state: dict[str, str] = {}

        def plan() -> None:
            state["id"] = km.visits.plan(
                inwoner_id,
                _stamp(when, "minutes"),
                doel=doel,
                medewerkers=[wc.user.id] if kind == "samen" else None,
            )

        self.agenda.at(planned, plan)
        if offset >= 0:
            return
        self.visits[index] = when
        seen = [
            (area, _pick(rng, options, person))
            for area in areas
            if (options := texts.VISIT_OBSERVATIONS[area])
            and any(_fits(need, person.tags) for need, _t in options)
        ]
        more = [(t, area) for need, t, area in texts.VISIT_NOTE_MORE if _fits(need, person.tags)]
        extra, note_area = rng.choice(more)
        note = texts.VISIT_NOTE + _fill(extra, person.ctx)
        tick = kind != "samen"  # a joint visit's checklist is left to the colleagues

        def observe() -> None:
            for area, text in seen:
                km.visits.observe(state["id"], area, text)
            if tick:
                for entry in km.store.require("huisbezoek", state["id"])["checklist"]:
                    km.visits.tick(state["id"], entry["item"], True)

        self.agenda.at(when + dt.timedelta(minutes=25), observe)
        self.agenda.at(
            when + dt.timedelta(minutes=50),
            lambda: km.visits.quick_note(state["id"], note, note_area),
        )
        self.agenda.at(when + dt.timedelta(minutes=60), lambda: km.visits.complete(state["id"]))

    # -------------------------------------------------------------- warme overdracht
    def handover(self, index: int, inwoner_id: str, person: _Person) -> None:
        rng, cal, km, wc = self.rng, self.cal, self.km, self.wc
        sent_day = 24 - 2 * index  # the later a resident in the list, the more recent
        sent = cal.some_time(rng, cal.past(sent_day))
        story = _pick(rng, texts.HANDOVER_SITUATION, person)
        story += _pick(rng, texts.HANDOVER_HOUSEHOLD, person)
        wish = _pick(rng, texts.HANDOVER_WISH, person)
        agreements = _pick(rng, texts.HANDOVER_AGREEMENTS, person)
        risks = _pick(rng, texts.HANDOVER_RISKS, person) if index % 2 else ""
        state: dict[str, str] = {}

        def send() -> None:
            draft = km.handovers.prefill(inwoner_id)
            state["id"] = km.handovers.send(
                inwoner_id,
                wc.user.id,
                situatie=f"{draft['situatie']} {story}",
                wens_inwoner=wish,
                afspraken=draft["afspraken"] or agreements,
                risicos=risks,
                contactvoorkeur=draft["contactvoorkeur"],
            )

        self.agenda.at(sent, send)
        answered = cal.some_time(rng, cal.past(max(1, sent_day - rng.randrange(1, 3))))
        if index % 3 == 1:
            intake = cal.at(cal.ahead(1 + index // 3), *((10, 0), (13, 30))[index % 2])
            self.agenda.at(
                answered,
                lambda: wc.handovers.accept(state["id"], intake_op=_stamp(intake, "minutes")),
            )
        elif index % 3 == 2:
            comment = _first_fit(texts.HANDOVER_RETURNED, person)
            self.agenda.at(answered, lambda: wc.handovers.return_(state["id"], comment))

    # -------------------------------------------------------------- boetes
    TALK_TIMES = ((9, 30), (11, 0), (13, 30), (15, 0))

    def fine(self, index: int, inwoner_id: str, person: _Person, now: dt.datetime) -> None:
        rng, cal, ba = self.rng, self.cal, self.ba
        breach = _pick(rng, texts.FINE_BREACHES, person)
        benadeling = rng.randrange(20_000, 400_000)
        draagkracht = rng.randrange(5_000, 40_000)
        waived = index % 3 == 0
        talk = index % 3 != 2
        held = index % 5 == 4
        opened = cal.some_time(rng, cal.past(rng.randrange(22, 36)))
        state: dict[str, str] = {}

        def open_fine() -> None:
            state["id"] = ba.fines.open(
                inwoner_id,
                breach,
                overtreding_op=(now.date() - dt.timedelta(days=90 + index)).isoformat(),
                benadelingsbedrag_cent=benadeling,
                verwijtbaarheid=("normaal", "grove_schuld", "verminderd", "opzet")[index % 4],
            )
            ba.fines.update(state["id"], draagkracht_cent=draagkracht)

        self.agenda.at(opened, open_fine)
        if waived:
            options = [w for w in texts.FINE_WAIVERS if _fits(w[0], person.tags)]
            _need, reasons, note = rng.choice(options)

            def waive() -> None:
                ba.fines.add_reconsideration(state["id"], _fill(note, person.ctx))
                ba.fines.update(state["id"], dringende_redenen=reasons, afzien=True)

            self.agenda.at(cal.some_time(rng, cal.past(rng.randrange(17, 21))), waive)
        if not talk:
            return
        if held:
            moment = cal.at(cal.past(rng.randrange(2, 6)), *self.TALK_TIMES[index % 4])
        else:
            moment = cal.at(cal.ahead(1 + index), *self.TALK_TIMES[index % 4])
        planned = cal.some_time(rng, cal.past(rng.randrange(8, 15)))
        self.agenda.at(planned, lambda: ba.fines.plan_talk(state["id"], _stamp(moment, "minutes")))
        if held:
            outcome = texts.FINE_OUTCOME_WAIVED if waived else rng.choice(texts.FINE_OUTCOMES)

            def record() -> None:
                amount = ba.store.require("boete", state["id"])["voorgesteld_bedrag_cent"]
                ba.fines.record_outcome(state["id"], outcome, amount)

            self.agenda.at(moment + dt.timedelta(minutes=75), record)

    # -------------------------------------------------------------- toekomstplan
    def plan(self, index: int, inwoner_id: str, person: _Person) -> None:
        rng, cal, km = self.rng, self.cal, self.km
        visited = self.visits.get(index)
        kind_of_visit = "samen" if index % 4 == 0 else ("plan" if index % 2 else "heronderzoek")
        if visited is not None and kind_of_visit != "heronderzoek":
            made = visited + dt.timedelta(minutes=70)
        else:
            made = cal.some_time(rng, cal.past(rng.randrange(5, 40)))
        words = _pick(rng, texts.PLAN_WORDS, person)
        rows: list[tuple[str, str, str, str]] = []
        for area in ("werk", "financien", "gezin", "gezondheid", "wonen"):
            options = [r for need, r in texts.PLAN_ROWS[area] if _fits(need, person.tags)]
            if options and len(rows) < 3:
                now_, agreed, year = rng.choice(options)
                ctx = person.ctx
                rows.append((area, _fill(now_, ctx), _fill(agreed, ctx), _fill(year, ctx)))

        def make() -> None:
            plan_id = km.plans.create(inwoner_id, words)
            for area, nu, afspraken, over_een_jaar in rows:
                km.plans.set_row(
                    plan_id, area, nu=nu, afspraken=afspraken, over_een_jaar=over_een_jaar
                )

        self.agenda.at(made, make)

    # -------------------------------------------------------------- signalen
    def signals(self) -> None:
        rng, cal = self.rng, self.cal
        km, wc, ba, tl = self.km, self.wc, self.ba, self.tl
        self.agenda.at(
            cal.some_time(rng, cal.past(12)),
            lambda: km.signals.log(
                "Toeslagen en bijstand botsen",
                "Terugvordering van toeslagen duwt inwoners die net werken terug in de schulden.",
                "Participatiewet art. 58",
            ),
        )
        self.agenda.at(
            cal.some_time(rng, cal.past(9)),
            lambda: wc.signals.log(
                "Reiskosten bij werkstart",
                "Eerste maand werken kost geld dat mensen niet hebben; een voorschot zou helpen.",
            ),
        )
        self.agenda.at(
            cal.some_time(rng, cal.past(6)),
            lambda: ba.signals.log(
                "Boete na kleine fout",
                "Een vergeten loonstrook leidt tot een boete die het werktraject doorkruist.",
                "Boetebesluit",
            ),
        )

        def review() -> None:
            first = tl.signals.all()[0]["id"]
            tl.signals.review(
                first, "doorgezet", "Doorgezet naar beleid, voorbeeldcasus bijgevoegd."
            )

        self.agenda.at(cal.some_time(rng, cal.past(3)), review)


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
    cal = _Calendar(now.date())
    # the region's residents were registered a little over a year ago, in office hours
    clock = FixedClock(cal.at(cal.on_or_after(now.date() - dt.timedelta(days=385)), 9))
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
        km, wc = as_role[Role.KLANTMANAGER], as_role[Role.WERKCOACH]
        as_role[Role.TEAMLEIDER].policy.set_region(REGION, list(GEMEENTEN))

        used: set[str] = set()
        people: list[tuple[str, _Person]] = []
        # office minutes between two registrations: a large region still fits in the months
        # before its day (about 60 000 office minutes in all), never past it
        step = max(2, min(30, 60_000 // max(residents, 1)))
        batch = 500
        for start in range(0, residents, batch):
            persons = []
            for n in range(start, min(start + batch, residents)):
                person = _person(rng, now.date(), n % len(CASES) if n < MAX_STAGED else None)
                if n < MAX_STAGED:
                    person.timeline, person.renewed = _case_timeline(rng, cal, n)
                # handed over to the werkcoach, or visited together (see _Region), or coached
                # on the way to work without a case
                person.coached = (
                    n < 12
                    or (n < 24 and n % 4 == 0)
                    or (n >= MAX_STAGED and person.werk in ("werkzoekend", "beperkt"))
                )
                guide = "de werkcoach" if person.coached else "de klantmanager"
                person.ctx["coach"], person.ctx["Coach"] = guide, guide.capitalize()
                persons.append(person)
            records = []
            for person in persons:
                clock.set(cal.later(clock.now(), rng.randrange(1, step)))
                records.append(_resident(rng, used, person))
            with store.write(km.user.id) as w:
                batch_ids = w.insert_many("inwoner", records)
                people += zip(batch_ids, persons, strict=True)
                members = [
                    _member_record(inwoner_id, member)
                    for inwoner_id, person in zip(batch_ids, persons, strict=True)
                    for member in person.members
                ]
                notes = [
                    note
                    for inwoner_id, person in zip(batch_ids, persons, strict=True)
                    for note in _notes(rng, cal, person, inwoner_id, (km.user.id, wc.user.id))
                ]
                w.insert_many("gezinslid", members)
                # notes in time order, so "newest first" (by row) is also newest by date
                w.insert_many("notitie", sorted(notes, key=lambda n: n["written_at"]))

        # the casework of the last months, on a manageable number of residents
        region = _Region(rng, cal, as_role)
        staged = people[: max(5, min(len(people), MAX_STAGED))]
        for index, (inwoner_id, person) in enumerate(staged):
            region.case(index, inwoner_id, person)
        for index, (inwoner_id, person) in enumerate(staged[:24]):
            region.visit(index, inwoner_id, person)
        for index, (inwoner_id, person) in enumerate(staged[:12]):
            region.handover(index, inwoner_id, person)
        for index, (inwoner_id, person) in enumerate(staged[30:40]):
            region.fine(index, inwoner_id, person, now)
        for index, (inwoner_id, person) in enumerate(staged[:8]):
            region.plan(index, inwoner_id, person)
        region.signals()
        region.agenda.run(clock, now)
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
