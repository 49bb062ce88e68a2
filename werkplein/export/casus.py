"""The case for the casusoverleg with partners (maatschappelijk werk, wijkteam, schuldhulp,
woningcorporatie): the case, the four steps of De Omgekeerde Toets, the current decision and
the toekomstplan.

Partners do not use the app and may not learn who the resident is, so the usual version is
anonymous: no name, BSN, address, postcode, town, gemeente, birth date, phone, e-mail, household
names or birth dates, and no staff names (they lead back to the dossier). In their place the
resident's age band ("35 tot 45 jaar") and household make-up ("met partner en 2 kinderen").
Free text typed by staff may still name people, so every text from the store passes through
``Scrubber``: each occurrence (whole words, any case) of the resident's names, the household
members' names, street, postcode, town, gemeente, BSN, phone, e-mail and birth dates becomes a
placeholder such as "[inwoner]". A bare house number is replaced only when it holds a letter
("12a"): a plain number ("12") after the street is part of "[adres]", and alone it is far more
often an amount or a count than an address.

The non-anonymous version shows the resident's details as in the dossier.

The four steps are also printed by the inzage (``werkplein.export.inzage``) through
``toets_steps``.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from babel.dates import format_date
from reportlab.lib.units import mm

from werkplein.domain import toets
from werkplein.domain.dates import age_on
from werkplein.domain.records import display_name
from werkplein.domain.vocab import (
    AFWEGING,
    BESLUIT_STATUS,
    CASUS_STATUS,
    GRONDWAARDE_PAST,
    LEEFGEBIEDEN,
    UITKOMSTEN,
    WETTEN,
)
from werkplein.export import Rendered, fmt
from werkplein.export.document import Builder, letterhead
from werkplein.i18n import N_, _
from werkplein.store.store import Record

Clean = Callable[[object], object]

# Values the store keeps in Dutch words; shown in the active language.
RELATIONS = {"kind": N_("child"), "partner": N_("partner"), "ouder": N_("parent")}
CONTACT = {
    "telefoon": N_("phone"),
    "e-mail": N_("e-mail"),
    "huisbezoek": N_("home visit"),
    "brief": N_("letter"),
}
# (lowest age, highest age + 1): "35 tot 45 jaar"
AGE_BANDS = ((18, 25), (25, 35), (35, 45), (45, 55), (55, 65))
_REPEATED = re.compile(r"(\[[^\[\]]+\])(?:\s+\1)+")


def label(table: Mapping[str, str], value: object) -> str:
    """A code from the store as words in the active language (unknown codes as stored)."""
    if value is None or value == "":
        return "-"
    code = str(value)
    return _(table[code]) if code in table else code


def keep(value: object) -> object:
    """The ``Clean`` of a document with personal details: text as stored."""
    return value


# ---------------------------------------------------------------------- anonymising
def age_band(birth_date: str | None, today: dt.date) -> str:
    if not birth_date:
        return _("not known")
    age = age_on(dt.date.fromisoformat(birth_date[:10]), today)
    if age < AGE_BANDS[0][0]:
        return _("younger than {age} years", age=AGE_BANDS[0][0])
    for low, high in AGE_BANDS:
        if low <= age < high:
            return _("{low} to {high} years", low=low, high=high)
    return _("{age} years or older", age=AGE_BANDS[-1][1])


def join_words(parts: Sequence[str]) -> str:
    """``a, b and c`` in the active language."""
    if len(parts) <= 1:
        return "".join(parts)
    return _("{first} and {last}", first=", ".join(parts[:-1]), last=parts[-1])


def household_makeup(members: Iterable[Mapping[str, Any]]) -> str:
    """ "alleenstaand", "met partner en 2 kinderen": relations only, no names or ages."""
    counts: dict[str, int] = {}
    for member in members:
        relation = str(member.get("relation") or "")
        key = relation if relation in RELATIONS else "other"
        counts[key] = counts.get(key, 0) + 1
    if not counts:
        return _("single, no household members")
    parts: list[str] = []
    if counts.get("partner"):
        parts.append(
            _("partner")
            if counts["partner"] == 1
            else _("{count} partners", count=counts["partner"])
        )
    if counts.get("kind"):
        parts.append(
            _("1 child") if counts["kind"] == 1 else _("{count} children", count=counts["kind"])
        )
    if counts.get("ouder"):
        parts.append(
            _("1 parent") if counts["ouder"] == 1 else _("{count} parents", count=counts["ouder"])
        )
    if counts.get("other"):
        parts.append(
            _("1 other household member")
            if counts["other"] == 1
            else _("{count} other household members", count=counts["other"])
        )
    return _("with {members}", members=join_words(parts))


def _words(term: str) -> str:
    """A term as a pattern: any run of spaces between its words."""
    return r"\s+".join(re.escape(part) for part in term.split())


def _digits(number: str) -> str:
    """A number as a pattern that also matches it with spaces, dots or dashes in between."""
    return r"[\s.\-]?".join(re.escape(d) for d in number)


def _date_forms(value: str | None) -> list[str]:
    """Patterns for a date as people write it: ISO, 9-1-1985, 09/01/1985, 9 januari 1985."""
    if not value:
        return []
    try:
        day = dt.date.fromisoformat(value[:10])
    except ValueError:
        return []
    d, m, y = day.day, day.month, day.year
    numeric = rf"0?{d}\s*[-/.]\s*0?{m}\s*[-/.]\s*{y}"
    forms = [re.escape(day.isoformat()), numeric]
    for locale in ("nl_NL", "en_GB"):
        for style in ("long", "medium"):
            forms.append(_words(str(format_date(day, format=style, locale=locale))))
    return forms


@dataclass(frozen=True)
class Scrubber:
    """Replaces what identifies the resident in free text with neutral placeholders, in one
    pass (longest term first, so "Anna Maria" wins over "Anna")."""

    pattern: re.Pattern[str] | None
    placeholders: tuple[str, ...]

    @classmethod
    def for_resident(
        cls, resident: Mapping[str, Any], household: Sequence[Mapping[str, Any]]
    ) -> Scrubber:
        terms: list[tuple[str, str]] = []  # (regex, placeholder)

        def add_words(value: object, placeholder: str, *, parts: bool = True) -> None:
            text = str(value or "").strip()
            if len(text) < 2:
                return
            terms.append((_words(text), placeholder))
            if parts:
                for part in text.split():
                    if len(part) >= 2:
                        terms.append((re.escape(part), placeholder))

        resident_ph = _("[resident]")
        member_ph = _("[household member]")
        address_ph = _("[address]")
        add_words(resident.get("first_names"), resident_ph)
        surname = " ".join(p for p in (resident.get("prefix"), resident.get("last_name")) if p)
        add_words(surname, resident_ph, parts=False)
        add_words(resident.get("last_name"), resident_ph)
        if resident.get("first_names") and surname:
            add_words(f"{resident['first_names']} {surname}", resident_ph, parts=False)
        for member in household:
            add_words(member.get("name"), member_ph)
            for form in _date_forms(member.get("birth_date")):
                terms.append((form, _("[birth date]")))
        street = str(resident.get("street") or "").strip()
        number = str(resident.get("house_number") or "").strip()
        if street and number:
            terms.append((_words(street) + r"\s*" + re.escape(number), address_ph))
        add_words(street, address_ph, parts=False)
        if number and not number.isdigit() and len(number) >= 2:
            terms.append((re.escape(number), address_ph))
        postcode = re.sub(r"\s", "", str(resident.get("postcode") or ""))
        if len(postcode) >= 4:
            terms.append(
                (re.escape(postcode[:4]) + r"\s*" + re.escape(postcode[4:]), _("[postcode]"))
            )
        add_words(resident.get("city"), _("[town]"), parts=False)
        add_words(resident.get("gemeente"), _("[gemeente]"), parts=False)
        bsn = re.sub(r"\D", "", str(resident.get("bsn") or ""))
        if bsn:
            terms.append((_digits(bsn), _("[BSN]")))
        phone = re.sub(r"\D", "", str(resident.get("phone") or ""))
        if len(phone) >= 6:
            terms.append((_digits(phone), _("[phone]")))
            if phone.startswith("0"):
                terms.append((r"(?:\+|00)\s?31\s?(?:\(0\))?\s?" + _digits(phone[1:]), _("[phone]")))
        email = str(resident.get("email") or "").strip()
        if email:
            terms.append((re.escape(email), _("[e-mail]")))
        for form in _date_forms(resident.get("birth_date")):
            terms.append((form, _("[birth date]")))

        if not terms:
            return cls(None, ())
        # longest first: a regex alternation takes the first branch that matches
        terms.sort(key=lambda t: len(t[0]), reverse=True)
        groups = "|".join(f"(?P<t{i}>{regex})" for i, (regex, _ph) in enumerate(terms))
        pattern = re.compile(rf"(?<![\w@])(?:{groups})(?![\w@])", re.IGNORECASE)
        return cls(pattern, tuple(ph for _regex, ph in terms))

    def __call__(self, value: object) -> object:
        if self.pattern is None or not isinstance(value, str):
            return value
        # "Wilhelmina van Zwanenburg" -> "[inwoner] [inwoner]" -> "[inwoner]"
        return _REPEATED.sub(r"\1", self.pattern.sub(self._placeholder, value))

    def _placeholder(self, match: re.Match[str]) -> str:
        group = match.lastgroup or "t0"
        return self.placeholders[int(group[1:])]


# ---------------------------------------------------------------------- the four steps
def _cost_table(b: Builder, lines: tuple[toets.CostLine, ...], total: str, clean: Clean) -> None:
    b.table(
        [_("Cost item"), _("Number"), _("Per unit"), _("Total")],
        [
            [
                clean(line.omschrijving),
                str(line.aantal),
                fmt.money(line.bedrag_cent),
                fmt.money(line.totaal_cent),
            ]
            for line in lines
        ],
        [90, 22, 34, 34],
        right=(1, 2, 3),
        total=[total, "", "", fmt.money(sum(line.totaal_cent for line in lines))],
    )


def costs_comparison(b: Builder, costs: toets.CostComparison | None, clean: Clean) -> None:
    """The intervention against doing nothing (afweging), priced from the team's price list."""
    if costs is None:
        b.para(
            _(
                "The costs could not be calculated: a cost line refers to a price that no "
                "longer exists."
            )
        )
        return
    if not costs.interventie and not costs.niets_doen:
        b.para(_("No costs were estimated."))
        return
    b.subheading(_("Costs of the intervention"))
    if costs.interventie:
        _cost_table(b, costs.interventie, _("Total intervention"), clean)
    else:
        b.para(_("The intervention costs the municipality nothing extra."))
    b.subheading(_("Costs of doing nothing"))
    if costs.niets_doen:
        _cost_table(b, costs.niets_doen, _("Total doing nothing"), clean)
    else:
        b.para(_("No costs of doing nothing were estimated."))
    difference = costs.verschil_cent
    if difference > 0:
        b.para(
            _(
                "Doing nothing costs society an estimated {amount} more than the intervention.",
                amount=fmt.money(difference),
            )
        )
    elif difference < 0:
        b.para(
            _(
                "The intervention costs an estimated {amount} more than doing nothing; the "
                "weighing above explains why it is still chosen.",
                amount=fmt.money(-difference),
            )
        )
    else:
        b.para(_("The intervention and doing nothing cost about the same."))
    b.small(_("Amounts from the team's price list of societal costs, at the time of the weighing."))


def step_done(case: Mapping[str, Any], step: int) -> str:
    return _("completed") if case.get(toets.DONE_FIELD[step]) else _("not completed yet")


def toets_steps(
    b: Builder, case: Mapping[str, Any], costs: toets.CostComparison | None, clean: Clean
) -> None:
    """The four steps of De Omgekeerde Toets, each under its own heading (``clean`` is applied
    to every text from the store)."""
    b.subheading("1. " + _(toets.STEP_TITLES[1]) + f" ({step_done(case, 1)})")
    b.small(_("The effect the resident wants to reach, in their own words."))
    b.quote(clean(case.get("beoogd_effect")))
    if case.get("gevraagd_middel"):
        b.fields([(_("Means asked for"), clean(case["gevraagd_middel"]))])

    b.subheading("2. " + _(toets.STEP_TITLES[2]) + f" ({step_done(case, 2)})")
    wetten = ", ".join(_(WETTEN.get(w, w)) for w in case.get("wetten") or []) or "-"
    b.fields(
        [
            (_("Laws in play"), wetten),
            (_("Fits the grondwaarde"), label(GRONDWAARDE_PAST, case.get("grondwaarde_past"))),
            (_("Explanation"), clean(case.get("grondwaarde_toelichting"))),
        ]
    )

    b.subheading("3. " + _(toets.STEP_TITLES[3]) + f" ({step_done(case, 3)})")
    afweging = case.get("afweging") or {}
    b.fields([(_(text), clean(afweging.get(key))) for key, text in AFWEGING.items()], 62 * mm)
    costs_comparison(b, costs, clean)

    b.subheading("4. " + _(toets.STEP_TITLES[4]) + f" ({step_done(case, 4)})")
    instruments = case.get("instrumenten") or []
    if instruments:
        b.table(
            [_("Law"), _("Article"), _("Explanation")],
            [
                [clean(i.get("wet")), clean(i.get("artikel")), clean(i.get("toelichting") or "-")]
                for i in instruments
            ],
            [60, 22, 98],
        )
    else:
        b.para(_("No legal instruments named."))
    rows: list[tuple[str, object]] = [
        (_("Lawful"), fmt.yes_no(case.get("rechtmatig"))),
        (_("Deviates from policy"), fmt.yes_no(case.get("afwijking_beleid"))),
    ]
    if case.get("afwijking_beleid") or case.get("motivering_afwijking"):
        rows.append((_("Why it deviates from policy"), clean(case.get("motivering_afwijking"))))
    b.fields(rows)


def period(decision: Mapping[str, Any]) -> str:
    if not (decision.get("periode_van") or decision.get("periode_tot")):
        return "-"
    return _(
        "{start} to {end}",
        start=fmt.date(decision.get("periode_van")),
        end=fmt.date(decision.get("periode_tot")),
    )


# ---------------------------------------------------------------------- the document
def _decision(
    b: Builder, decision: Record, clean: Clean, names: Callable[[str | None], str] | None
) -> None:
    rows: list[tuple[str, object]] = [
        (_("Version"), decision.get("versie")),
        (_("Status"), label(BESLUIT_STATUS, decision.get("status"))),
        (_("Outcome"), label(UITKOMSTEN, decision.get("uitkomst"))),
        (_("Period"), period(decision)),
        (_("Review date"), fmt.date(decision.get("heroverweging_op"))),
        (_("Deviates from policy"), fmt.yes_no(decision.get("afwijking_beleid"))),
        (_("Set on"), fmt.date(decision.get("vastgesteld_op"))),
    ]
    if decision.get("goedgekeurd_op"):
        approved = fmt.date(decision.get("goedgekeurd_op"))
        if names is not None:
            approved = _(
                "{date} by {name}", date=approved, name=names(decision.get("goedgekeurd_door"))
            )
        rows.append((_("Approved by the teamleider"), approved))
    b.fields(rows)
    b.subheading(_("Conditions"))
    b.bullets([clean(v) for v in decision.get("voorwaarden") or []])
    b.subheading(_("Motivation"))
    b.para(clean(decision.get("motivering")))


class Panel(Protocol):
    """One leefgebied of the toekomstplan, as the plan's drieluik shows it."""

    @property
    def leefgebied(self) -> str: ...
    @property
    def nu(self) -> str: ...
    @property
    def afspraken(self) -> str: ...
    @property
    def over_een_jaar(self) -> str: ...


@dataclass
class CasusData:
    """Everything the case document shows (the anonymous version too)."""

    case: Record
    resident: Record
    household: list[Record]
    decisions: list[Record]  # every version, oldest first
    plan: Record | None  # the newest toekomstplan
    panels: Sequence[Panel]
    users: dict[str, str]  # user id -> name
    today: dt.date
    costs: toets.CostComparison | None  # None: a cost line refers to a price that is gone
    region: str  # the werkplein's name (the team's region setting)

    def name(self, user_id: str | None) -> str:
        return self.users.get(user_id or "", "-")


def render(data: CasusData, *, anonymous: bool) -> Rendered:
    case, resident, casus_id = data.case, data.resident, data.case["id"]
    clean: Clean = Scrubber.for_resident(resident, data.household) if anonymous else keep
    names = None if anonymous else data.name
    title = _("Case for the casusoverleg")
    reference = _("case …{ref}", ref=casus_id[-6:]) if anonymous else casus_id
    b = Builder(
        letterhead(data.region, None if anonymous else resident.get("gemeente")),
        title=title,
        reference=reference,
        subject=_("Case for the casusoverleg with partners"),
        keywords="Werkplein; casusoverleg; Omgekeerde Toets",
    )
    _introduction(b, title, fmt.date(data.today), anonymous=anonymous)
    b.heading(_("The resident"))
    if anonymous:
        b.fields(
            [
                (_("Age"), age_band(resident.get("birth_date"), data.today)),
                (_("Household"), household_makeup(data.household)),
            ]
        )
    else:
        _resident(b, data)

    b.heading(_("The case"))
    done = sum(1 for n in toets.STEPS if case.get(toets.DONE_FIELD[n]))
    rows: list[tuple[str, object]] = [
        (_("Case"), clean(case.get("title"))),
        (_("Status"), label(CASUS_STATUS, case.get("status"))),
        (_("Opened on"), fmt.date(case.get("opened_on"))),
    ]
    if case.get("closed_on"):
        rows.append((_("Closed on"), fmt.date(case.get("closed_on"))))
    if not anonymous:
        rows.append((_("Klantmanager"), data.name(case.get("owner_id"))))
    rows.append((_("Steps completed"), _("{done} of {total}", done=done, total=len(toets.STEPS))))
    b.fields(rows)

    b.heading(_("De Omgekeerde Toets"))
    toets_steps(b, case, data.costs, clean)
    _decisions(b, data.decisions, clean, names)
    _plan(b, data.plan, data.panels, clean)

    detail = f"casus-anoniem:{casus_id}" if anonymous else f"casus:{casus_id}"
    return Rendered(b.render(), resident["id"], detail)


def _introduction(b: Builder, title: str, today: str, *, anonymous: bool) -> None:
    made = _("Made on {date}", date=today)
    if anonymous:
        b.title(title, _("Anonymised for the casusoverleg") + " · " + made)
        b.markup(
            "<font color='#9b1c1c'><b>"
            + _("Anonymised for the casusoverleg")
            + ".</b></font> "
            + _(
                "Name, BSN, address, birth date, contact details and the names of household "
                "members are left out. In the texts they are replaced by a placeholder such as "
                "{example}.",
                example=_("[resident]"),
            )
        )
    else:
        b.title(title, _("With personal details") + " · " + made)
        b.markup(
            "<font color='#9b1c1c'><b>"
            + _("With personal details.")
            + "</b></font> "
            + _(
                "Only for partners who may know who the resident is. Use the anonymised "
                "version for everyone else."
            )
        )


def _resident(b: Builder, data: CasusData) -> None:
    """The resident's details as in the dossier (the version with personal details)."""
    resident, household = data.resident, data.household
    born = resident.get("birth_date")
    age = age_on(dt.date.fromisoformat(born[:10]), data.today) if born else None
    b.fields(
        [
            (_("Name"), display_name(resident)),
            (_("BSN"), resident.get("bsn")),
            (
                _("Date of birth"),
                fmt.date(born) + ("" if age is None else " " + _("({years} years)", years=age)),
            ),
            (_("Address"), fmt.address(resident)),
            (_("Gemeente"), resident.get("gemeente")),
            (_("Phone"), resident.get("phone")),
            (_("E-mail"), resident.get("email")),
            (_("Contact preference"), label(CONTACT, resident.get("contact_preference"))),
            (_("Household"), household_makeup(household)),
        ]
    )
    if household:
        b.table(
            [_("Name"), _("Relation"), _("Date of birth")],
            [
                [
                    m.get("name"),
                    label(RELATIONS, m.get("relation")),
                    fmt.date(m.get("birth_date")),
                ]
                for m in household
            ],
            [70, 40, 56],
        )


def _decisions(
    b: Builder,
    decisions: list[Record],
    clean: Clean,
    names: Callable[[str | None], str] | None,
) -> None:
    """The decision in force and the one in preparation (a newer version), if any."""
    b.heading(_("Decision"))
    in_force = [d for d in decisions if d.get("status") == "vastgesteld"]
    current = in_force[-1] if in_force else None
    newer = [d for d in decisions if current is None or d["versie"] > current["versie"]]
    pending = newer[-1] if newer else None
    if current is None and pending is None:
        b.para(_("No decision has been made yet."))
    if current is not None:
        b.subheading(_("Current decision"))
        _decision(b, current, clean, names)
    if pending is not None:
        b.subheading(_("Decision in preparation"))
        _decision(b, pending, clean, names)


def _plan(b: Builder, plan: Record | None, panels: Sequence[Panel], clean: Clean) -> None:
    b.heading(_("Toekomstplan"))
    filled = [p for p in panels if p.nu or p.afspraken or p.over_een_jaar]
    if plan is None:
        b.para(_("There is no toekomstplan yet."))
        return
    b.fields(
        [
            (_("Drawn up on"), fmt.date(plan.get("opgesteld_op"))),
            (_("In the resident's own words"), clean(plan.get("in_eigen_woorden"))),
        ]
    )
    if filled:
        b.table(
            [_("Leefgebied"), _("Now"), _("Agreements"), _("In a year")],
            [
                [
                    label(LEEFGEBIEDEN, p.leefgebied),
                    clean(p.nu or "-"),
                    clean(p.afspraken or "-"),
                    clean(p.over_een_jaar or "-"),
                ]
                for p in filled
            ],
            [34, 44, 44, 44],
        )
    else:
        b.para(_("No leefgebied of the plan has been filled in yet."))
