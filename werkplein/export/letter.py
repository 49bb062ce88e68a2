"""The letter to the resident about a set decision, in plain Dutch at language level B1.

Short sentences, one idea each, "u" and "wij", the resident's own words quoted back: what was
decided, why, what the resident agrees to do, when it is looked at again, and how to object
(bezwaar within six weeks, art. 6:7 Awb). As a beschikking does, it names the legal basis: the
articles of step 4, in one plain sentence (a short list for several laws). "Ons kenmerk" is the
decision's short kenmerk, which a resident can read out on the phone. The fixed sentences are
kept short on purpose; ``tests/core/test_export.py`` measures them.
"""

from __future__ import annotations

from typing import Any

from werkplein.domain.records import display_name
from werkplein.domain.vocab import WETTEN
from werkplein.export import Rendered, fmt
from werkplein.export.decision import DecisionData, reference
from werkplein.export.document import Builder, letterhead, text
from werkplein.i18n import N_, _
from werkplein.store.store import Record

OUTCOME_SENTENCES = {
    "toegekend": N_("We say yes to your request."),
    "toegekend_voorwaarden": N_("We say yes to your request. Some agreements come with it."),
    "afgewezen": N_("We say no to your request."),
    "anders_geregeld": N_("We arrange it in a different way than you asked."),
}


def render(data: DecisionData, today: str) -> Rendered:
    """``today``: the date of the letter (ISO); the objection period counts from it."""
    decision, case, resident = data.decision, data.case, data.resident
    name = display_name(resident)
    klantmanager = data.name(case.get("owner_id") or decision.get("opgesteld_door"))
    b = Builder(
        letterhead(data.region, resident.get("gemeente"), confidential=False),
        title=_("Letter about your decision"),
        reference=reference(decision),
        subject=_("Letter to the resident about a decision"),
        keywords="Werkplein; brief; besluit",
        letter=True,
    )
    # the address block sits where a window envelope shows it
    street = " ".join(p for p in (resident.get("street"), resident.get("house_number")) if p)
    town = " ".join(p for p in (resident.get("postcode"), resident.get("city")) if p)
    b.space(8)
    b.markup("<br/>".join(text(line) for line in (name, street, town) if line), "letter")
    b.space(10)
    b.fields(
        [
            (_("Date"), fmt.date(today)),
            (_("Our reference"), reference(decision)),
            (_("Subject"), _("Your request: {title}", title=case["title"])),
        ]
    )
    b.space(4)
    _para(b, _("Dear {name},", name=name))
    _para(
        b,
        _(
            "You talked with us about your situation. On {date} we made a decision about it.",
            date=fmt.date(decision.get("vastgesteld_op")),
        ),
    )
    _what_and_why(b, data)
    _agreements(b, decision)
    _objection(b, data)

    _heading(b, _("Do you have questions?"))
    _para(b, _("Call or email your klantmanager {name}.", name=klantmanager))
    _para(b, _("Please mention our reference: {reference}.", reference=reference(decision)))
    b.space(4)
    _para(b, _("Kind regards,"))
    b.markup(
        "<br/>".join((text(klantmanager), text(_("klantmanager")), text(data.region))),
        "letter",
    )
    return Rendered(b.render(), resident["id"], f"brief:{decision['id']}")


def _para(b: Builder, value: str) -> None:
    b.para(value, "letter")


def _heading(b: Builder, value: str) -> None:
    b.subheading(value, "letter_h")


def _what_and_why(b: Builder, data: DecisionData) -> None:
    decision, case = data.decision, data.case
    _heading(b, _("What have we decided?"))
    outcome = decision.get("uitkomst")
    _para(b, _(OUTCOME_SENTENCES.get(outcome or "", OUTCOME_SENTENCES["anders_geregeld"])))
    _para(b, _("It is about: {title}.", title=case["title"]))
    if decision.get("periode_van") and decision.get("periode_tot"):
        _para(
            b,
            _(
                "This decision applies from {start} up to and including {end}.",
                start=fmt.date(decision["periode_van"]),
                end=fmt.date(decision["periode_tot"]),
            ),
        )

    _heading(b, _("Why?"))
    if case.get("beoogd_effect"):
        _para(b, _("You told us what you want to achieve:"))
        b.quote(case["beoogd_effect"])
    _para(b, _("We looked at what is needed for that."))
    _para(b, _("We also looked at what happens if we do nothing."))
    if decision.get("motivering"):
        _para(b, _("Our explanation:"))
        _para(b, decision["motivering"])
    if decision.get("afwijking_beleid"):
        _para(b, _("In your case we do not follow our usual rules."))
        _para(b, _("That fits your situation better."))
        _para(b, _("A teamleider has approved this."))
    # the legal basis, as a beschikking names it: one law in one sentence, several in a list
    basis = legal_basis(case.get("instrumenten") or [])
    if len(basis) == 1:
        _para(b, _("We take this decision on the basis of {basis}.", basis=basis[0]))
    elif basis:
        _para(b, _("We take this decision on the basis of:"))
        b.bullets(basis, "letter")


def _law(name: object) -> str:
    code = str(name or "").strip()
    return _(WETTEN[code]) if code in WETTEN else code


def _article(value: object) -> str:
    """``35``, also when the caseworker typed "art. 35" or "artikel 35"."""
    words = str(value or "").split()
    if words and words[0].lower().rstrip(".") in ("art", "artikel", "article"):
        words = words[1:]
    return " ".join(words)


def _and(items: list[str]) -> str:
    """``a``, ``a and b``, ``a, b and c``."""
    if len(items) < 2:
        return "".join(items)
    return _("{first} and {last}", first=", ".join(items[:-1]), last=items[-1])


def legal_basis(instruments: list[Any]) -> list[str]:
    """The articles of step 4 as a beschikking names them, one item per law in the order
    given: "artikel 35 van de Participatiewet", "de artikelen 18 en 35 van de Participatiewet"."""
    per_law: dict[str, list[str]] = {}
    for instrument in instruments:
        if not isinstance(instrument, dict):
            continue
        law, article = _law(instrument.get("wet")), _article(instrument.get("artikel"))
        if law and article and article not in per_law.setdefault(law, []):
            per_law[law].append(article)
    return [
        _("article {article} of the {law}", article=articles[0], law=law)
        if len(articles) == 1
        else _("articles {articles} of the {law}", articles=_and(articles), law=law)
        for law, articles in per_law.items()
        if articles
    ]


def _agreements(b: Builder, decision: Record) -> None:
    _heading(b, _("What do we agree?"))
    conditions = decision.get("voorwaarden") or []
    if conditions:
        _para(b, _("You will do the following:"))
        b.bullets(conditions, "letter")
        _para(b, _("Is something not working out? Tell your klantmanager in time."))
    else:
        _para(b, _("You do not have to do anything extra for this."))

    _heading(b, _("When do we look at it again?"))
    if decision.get("heroverweging_op"):
        _para(
            b,
            _(
                "On {date} we look at your situation again, together with you.",
                date=fmt.date(decision["heroverweging_op"]),
            ),
        )
        _para(b, _("Your klantmanager will contact you before then."))
    else:
        _para(b, _("Does your situation change? Then let your klantmanager know."))


def _objection(b: Builder, data: DecisionData) -> None:
    _heading(b, _("Do you not agree with this decision?"))
    _para(b, _("Then call your klantmanager first. Perhaps we can solve it together."))
    _para(b, _("You can also object. We call that bezwaar."))
    _para(b, _("You must do this within 6 weeks after the date of this letter."))
    _para(b, _("Write in your objection:"))
    b.bullets(
        [
            _("your name and address"),
            _("the date"),
            _("which decision it is about: our reference"),
            _("why you do not agree"),
            _("your signature"),
        ],
        "letter",
    )
    gemeente = data.resident.get("gemeente") or data.region
    _para(
        b,
        _(
            "Send your objection to the municipal executive of {gemeente}.",
            gemeente=gemeente,
        ),
    )
    _para(b, _("Please add a copy of this letter."))
