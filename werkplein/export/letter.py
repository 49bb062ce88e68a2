"""The letter to the resident about a set decision, in plain Dutch at language level B1.

Short sentences, one idea each, "u" and "wij", the resident's own words quoted back: what was
decided, why, what the resident agrees to do, when it is looked at again, and how to object
(bezwaar within six weeks, art. 6:7 Awb). The fixed sentences are kept short on purpose;
``tests/core/test_export.py`` measures them.
"""

from __future__ import annotations

from werkplein.domain.records import display_name
from werkplein.export import Rendered, fmt
from werkplein.export.decision import DecisionData
from werkplein.export.document import Builder, Letterhead, text
from werkplein.i18n import N_, _

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
    head = Letterhead(data.head.werkplein, data.head.gemeente, confidential=False)
    b = Builder(
        head,
        title=_("Letter about your decision"),
        reference=decision["id"],
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
            (_("Our reference"), decision["id"]),
            (_("Subject"), _("Your request: {title}", title=case["title"])),
        ]
    )
    b.space(4)

    def para(value: str) -> None:
        b.para(value, "letter")

    def heading(value: str) -> None:
        b.subheading(value, "letter_h")

    para(_("Dear {name},", name=name))
    para(
        _(
            "You talked with us about your situation. On {date} we made a decision about it.",
            date=fmt.date(decision.get("vastgesteld_op")),
        )
    )

    heading(_("What have we decided?"))
    outcome = decision.get("uitkomst")
    para(_(OUTCOME_SENTENCES.get(outcome or "", OUTCOME_SENTENCES["anders_geregeld"])))
    para(_("It is about: {title}.", title=case["title"]))
    if decision.get("periode_van") and decision.get("periode_tot"):
        para(
            _(
                "This decision applies from {start} up to and including {end}.",
                start=fmt.date(decision["periode_van"]),
                end=fmt.date(decision["periode_tot"]),
            )
        )

    heading(_("Why?"))
    if case.get("beoogd_effect"):
        para(_("You told us what you want to achieve:"))
        b.quote(case["beoogd_effect"])
    para(_("We looked at what is needed for that."))
    para(_("We also looked at what happens if we do nothing."))
    if decision.get("motivering"):
        para(_("Our explanation:"))
        para(decision["motivering"])
    if decision.get("afwijking_beleid"):
        para(_("In your case we do not follow our usual rules."))
        para(_("That fits your situation better."))
        para(_("A teamleider has approved this."))

    heading(_("What do we agree?"))
    conditions = decision.get("voorwaarden") or []
    if conditions:
        para(_("You will do the following:"))
        b.bullets(conditions, "letter")
        para(_("Is something not working out? Tell your klantmanager in time."))
    else:
        para(_("You do not have to do anything extra for this."))

    heading(_("When do we look at it again?"))
    if decision.get("heroverweging_op"):
        para(
            _(
                "On {date} we look at your situation again, together with you.",
                date=fmt.date(decision["heroverweging_op"]),
            )
        )
        para(_("Your klantmanager will contact you before then."))
    else:
        para(_("Does your situation change? Then let your klantmanager know."))

    heading(_("Do you not agree with this decision?"))
    para(_("Then call your klantmanager first. Perhaps we can solve it together."))
    para(_("You can also object. We call that bezwaar."))
    para(_("You must do this within 6 weeks after the date of this letter."))
    para(_("Write in your objection:"))
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
    gemeente = data.head.gemeente or data.head.werkplein
    para(
        _(
            "Send your objection to the municipal executive of {gemeente}.",
            gemeente=gemeente,
        )
    )
    para(_("Please add a copy of this letter."))

    heading(_("Do you have questions?"))
    para(_("Call or email your klantmanager {name}.", name=klantmanager))
    b.space(4)
    para(_("Kind regards,"))
    b.markup(
        "<br/>".join((text(klantmanager), text(_("klantmanager")), text(data.head.werkplein))),
        "letter",
    )
    return Rendered(b.render(), resident["id"], f"brief:{decision['id']}")
