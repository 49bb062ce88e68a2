"""The decision workflow: concept -> (ter goedkeuring, when it deviates from policy) ->
vastgesteld. A set decision never changes; a change makes a new version."""

from __future__ import annotations

from werkplein.i18n import N_

CONCEPT = "concept"
TER_GOEDKEURING = "ter_goedkeuring"
VASTGESTELD = "vastgesteld"
AFGEKEURD = "afgekeurd"

EDITABLE = {CONCEPT, AFGEKEURD}

NEEDS_APPROVAL = N_(
    "This decision deviates from policy: a teamleider must approve it before it is set."
)
NOT_COMPLETE = N_("Complete all four steps of the toets before the decision is set.")
NOT_EDITABLE = N_("Only a draft decision can be changed.")
NOT_SUBMITTED = N_("Only a decision awaiting approval can be approved or sent back.")
NO_DEVIATION = N_("This decision does not deviate from policy and needs no approval.")
OWN_DECISION = N_("A teamleider does not approve a decision they drafted themselves.")
